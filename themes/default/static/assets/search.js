// bantin search client: search-as-you-type over the static index that
// `bantin build` writes under /tim-kiem/chi-muc/<hash>/ (docs/search.md).
// Dependency-free. Normalization and ranking mirror src/search/*.rs and are
// tested against the same vectors. Text from the index only ever reaches the
// page through textContent and text nodes, never as HTML.
(function (global) {
  'use strict';

  // ---- Normalization (docs/search.md §1) --------------------------------
  var TONE = /[\u0300\u0301\u0303\u0309\u0323]/;
  var INITIALS = 'ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x'.split(' ');
  var CODAS = ',c,ch,m,n,ng,nh,p,t'.split(',');
  var VOWELS = 'aăâeêioôơuưy';
  var SHAPED = 'ăâêôơư';
  var TOKEN = /[\p{Alphabetic}\p{N}\p{M}]/u;
  var MARKS = /\p{M}/gu;
  var BREAK = /[\n\r\u2028\u2029]/;
  var ASCII = /^[\x00-\x7f]*$/;
  var MAX_TOKEN = 32;
  var MIN_PREFIX = 2;
  var MAX_WORDS = 10;
  var QUOTES = /["“”„]/;

  function lower(token) {
    return token.toLowerCase().replace(/[ðɖ]/g, 'đ');
  }

  // [initial, vowels, coda] of a toneless lower-case syllable, or null.
  function parseSyllable(base) {
    var initial = '';
    for (var i = 0; i < INITIALS.length; i++) {
      var candidate = INITIALS[i];
      if (base.indexOf(candidate) !== 0) continue;
      var next = base.charAt(candidate.length);
      if ((candidate === 'qu' || candidate === 'gi') && !(next && VOWELS.indexOf(next) >= 0)) continue;
      initial = candidate;
      break;
    }
    var rest = base.slice(initial.length);
    var n = 0;
    while (n < rest.length && VOWELS.indexOf(rest[n]) >= 0) n++;
    var coda = rest.slice(n);
    if (!n || n > 3 || CODAS.indexOf(coda) < 0) return null;
    return [initial, rest.slice(0, n), coda];
  }

  // The single tone mark moved to the vowel kiểu cũ puts it on.
  function canonicalTone(syllable) {
    var tone = '';
    var base = '';
    for (var c of syllable.normalize('NFD')) {
      if (TONE.test(c)) {
        if (tone) return syllable;
        tone = c;
      } else base += c;
    }
    if (!tone) return syllable;
    base = base.normalize('NFC');
    var parts = parseSyllable(base);
    if (!parts) return syllable;
    var vowels = parts[1];
    var at = -1;
    for (var i = 0; i < vowels.length; i++) if (SHAPED.indexOf(vowels[i]) >= 0) at = i;
    if (at < 0) at = parts[2] ? vowels.length - 1 : vowels.length === 3 ? 1 : 0;
    at += parts[0].length + 1;
    return (base.slice(0, at) + tone + base.slice(at)).normalize('NFC');
  }

  function exactKey(token) {
    var lowered = lower(token);
    return ASCII.test(lowered) ? lowered : canonicalTone(lowered.normalize('NFC'));
  }

  function stripMarks(text) {
    return text.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd');
  }

  // The fold key: no marks, đ -> d, a lone y after an initial spelt i.
  function foldKey(exact) {
    return spelt(stripMarks(exact));
  }

  // A form without marks with a lone y after an initial spelt i.
  function spelt(folded) {
    var rest = folded.slice(0, -1);
    if (folded.slice(-1) === 'y' && rest && rest[0] !== 'g' && INITIALS.indexOf(rest) >= 0) return rest + 'i';
    return folded;
  }

  // Token runs: token characters, and a . or , between two numbers.
  var RUN = /(?:[\p{Alphabetic}\p{N}\p{M}]|(?<=\p{N})[.,](?=\p{N}))+/gu;
  var JOINS = /^[\p{White_Space}\-/'\u2010\u2011\u2013\u2014\u2019]*$/u;

  // Tokens of an NFC text: [start, end, joined] in UTF-16 offsets. A token
  // is joined to the one before when only joiners stand between them.
  function tokens(text) {
    var found = [];
    var end = -1;
    for (var match of text.matchAll(RUN)) {
      var start = match.index;
      var gap = end < 0 ? '' : text.slice(end, start);
      var joined = end >= 0 && JOINS.test(gap) && !BREAK.test(gap);
      end = start + match[0].length;
      if (match[0].length > MAX_TOKEN && Array.from(match[0]).length > MAX_TOKEN) {
        end = -1;
        continue;
      }
      found.push([start, end, joined]);
    }
    return found;
  }

  // Keys of a written token, remembered: snippets analyze whole texts.
  var known = new Map();
  function keysOf(written) {
    var keys = known.get(written);
    if (!keys) {
      if (known.size > 50000) known.clear();
      var exact = exactKey(written);
      keys = { exact: exact, fold: foldKey(exact) };
      known.set(written, keys);
    }
    return keys;
  }

  function analyze(text) {
    text = text.normalize('NFC');
    return tokens(text).map((token) => {
      var written = text.slice(token[0], token[1]);
      var keys = keysOf(written);
      return { text: written, exact: keys.exact, fold: keys.fold, joined: token[2], start: token[0], end: token[1] };
    });
  }

  function withoutTone(exact) {
    return exact.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC');
  }

  function isMarked(exact) {
    return !ASCII.test(exact) && /đ|(?!\u0307)\p{M}/u.test(exact.normalize('NFD'));
  }

  // Telex (khuyeens) and VNI (d9uo7c5) keystrokes -> the syllable, or null.
  var HAT = { a: 'â', e: 'ê', o: 'ô' };
  var HORN = { a: 'ă', o: 'ơ', u: 'ư' };
  var TONE_KEYS = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323', 1: '\u0301', 2: '\u0300', 3: '\u0309', 4: '\u0303', 5: '\u0323' };

  function telex(word) {
    if (!/^[a-z0-9]+$/i.test(word)) return null;
    var letters = [];
    var tone = '';
    var used = false;
    word = word.toLowerCase();
    function runStart() {
      var at = letters.length;
      while (at > 0 && VOWELS.indexOf(letters[at - 1]) >= 0) at--;
      return at;
    }
    function reshape(targets, map) {
      for (var at = letters.length - 1; at >= runStart(); at--) {
        if (targets.indexOf(letters[at]) >= 0) {
          letters[at] = map[letters[at]];
          return true;
        }
      }
      return false;
    }
    function horn(isTelex) {
      var start = runStart();
      for (var at = start; at + 1 < letters.length; at++) {
        if (letters[at] === 'u' && letters[at + 1] === 'o') {
          letters[at] = 'ư';
          letters[at + 1] = 'ơ';
          return true;
        }
      }
      if (reshape(isTelex ? 'aou' : 'ou', HORN)) return true;
      if (isTelex) letters.push('ư');
      return isTelex;
    }
    for (var c of word) {
      var last = letters[letters.length - 1];
      var hasVowel = letters.some((letter) => VOWELS.indexOf(letter) >= 0);
      var applied = false;
      if (c === 'd' && last === 'd') applied = (letters[letters.length - 1] = 'đ');
      else if (c === '9') {
        var d = letters.indexOf('d');
        applied = d >= 0 && (letters[d] = 'đ');
      } else if (HAT[c] && last === c) applied = (letters[letters.length - 1] = HAT[c]);
      else if (c === '6') applied = reshape('aeo', HAT);
      else if (c === '8') applied = reshape('a', HORN);
      else if (c === 'w' || c === '7') applied = horn(c === 'w');
      else if (TONE_KEYS[c] && hasVowel) applied = (tone = TONE_KEYS[c]);
      if (applied) used = true;
      else letters.push(c);
    }
    var base = letters.join('');
    if (!used || !parseSyllable(base)) return null;
    return tone ? exactKey(base + tone) : base;
  }

  // ---- Queries (docs/search.md §5) --------------------------------------
  function parseQuery(query) {
    var text = query.normalize('NFC');
    var typing = TOKEN.test(Array.from(text).pop() || ' ');
    var parts = text.split(QUOTES);
    var words = [];
    var pairs = [];
    parts.forEach((part, segment) => {
      var inPhrase = segment % 2 === 1;
      var keys = analyze(part);
      var exactPhrase = inPhrase && keys.some((key) => isMarked(key.exact));
      keys.forEach((key, index) => {
        if (words.length === MAX_WORDS) return;
        if (index > 0 && key.joined && words.length > 0) pairs.push([words.length - 1, words.length, inPhrase]);
        words.push({ text: key.text, exact: key.exact, fold: key.fold, prefix: null, marked: isMarked(key.exact), requireExact: exactPhrase });
      });
    });
    var last = words[words.length - 1];
    if (typing && parts.length % 2 === 1 && last) {
      var prefix = stripMarks(last.exact);
      if (Array.from(prefix).length >= MIN_PREFIX) last.prefix = prefix;
    }
    return { words: words, pairs: pairs };
  }

  // ---- Index files (docs/search.md §4) ----------------------------------
  var utf8 = new TextDecoder();

  // Code point order (as Rust compares strings), not UTF-16 order.
  function unit(text, i) {
    var c = text.charCodeAt(i);
    return c >= 0xe000 ? c - 0x800 : c >= 0xd800 ? c + 0x2000 : c;
  }

  function precedes(a, b) {
    for (var i = 0; i < a.length && i < b.length; i++) {
      if (a[i] !== b[i]) return unit(a, i) < unit(b, i);
    }
    return a.length < b.length;
  }

  function varint(reader) {
    var value = 0;
    var scale = 1;
    var byte;
    do {
      byte = reader.bytes[reader.at++];
      value += (byte & 127) * scale;
      scale *= 128;
    } while (byte > 127);
    return value;
  }

  function take(reader, length) {
    reader.at += length;
    return reader.bytes.subarray(reader.at - length, reader.at);
  }

  // A shard: Map key -> block bytes.
  function readShard(bytes) {
    var reader = { bytes: bytes, at: 0 };
    var count = varint(reader);
    var keys = [];
    var lengths = [];
    var previous = new Uint8Array(0);
    for (var i = 0; i < count; i++) {
      var shared = varint(reader);
      var suffix = take(reader, varint(reader));
      var key = new Uint8Array(shared + suffix.length);
      key.set(previous.subarray(0, shared));
      key.set(suffix, shared);
      previous = key;
      keys.push(utf8.decode(key));
      lengths.push(varint(reader));
    }
    var blocks = new Map();
    for (var k = 0; k < count; k++) blocks.set(keys[k], take(reader, lengths[k]));
    return blocks;
  }

  // An id set (docs/search.md §4) of `count` documents: sorted `ids` (gap
  // mode), or a `bitmap` listed only when a search walks it (`docsOf`).
  function readIds(reader, count, universe) {
    var set = { count: count, ids: null, bitmap: null };
    if (reader.bytes[reader.at++] === 0) {
      var ids = (set.ids = new Uint32Array(count));
      for (var id = 0, i = 0; i < count; i++) ids[i] = id = (i ? id : 0) + varint(reader);
    } else set.bitmap = take(reader, (universe + 7) >> 3);
    return set;
  }

  // Postings: an id set and its impacts, kept packed until a search reads
  // them (`docsOf`, `impactsOf`).
  function readPostings(reader, universe) {
    var list = readIds(reader, varint(reader), universe);
    list.minimum = reader.bytes[reader.at++];
    list.width = reader.bytes[reader.at++];
    list.packed = take(reader, (list.count * list.width + 7) >> 3);
    return list;
  }

  // The position of the lowest bit set in each byte value.
  var LOWEST = new Uint8Array(256);
  for (var value = 1; value < 256; value++) LOWEST[value] = value & 1 ? 0 : LOWEST[value >> 1] + 1;

  // The documents of an id set: its ids, or those of its bitmap written
  // into `docs` (scratch space reused by every list of a search).
  function docsOf(set, docs) {
    if (set.ids) return set.ids;
    var bitmap = set.bitmap;
    for (var n = 0, byte = 0; byte < bitmap.length; byte++) {
      for (var bits = bitmap[byte]; bits; bits &= bits - 1) docs[n++] = byte * 8 + LOWEST[bits];
    }
    return docs;
  }

  // The impacts of a postings list, unpacked into `impacts` (scratch).
  function impactsOf(list, impacts) {
    var width = list.width;
    var packed = list.packed;
    var mask = (1 << width) - 1;
    impacts.fill(list.minimum, 0, list.count);
    for (var i = 0, at = 0; width && i < list.count; i++, at += width) {
      impacts[i] += ((packed[at >> 3] | (packed[(at >> 3) + 1] << 8)) >> (at & 7)) & mask;
    }
    return impacts;
  }

  // Marks in `marks` the positions of the postings list that a subset
  // (docs/search.md §4) holds.
  function markSubset(reader, marks) {
    var mode = reader.bytes[reader.at++];
    var from = 0;
    for (var count = mode ? varint(reader) : 0, position = 0, i = 0; i < count; i++) {
      position = (i ? position : 0) + varint(reader);
      if (mode === 1) marks[position] = 1;
      else marks.fill(1, from, position);
      from = position + 1;
    }
    if (mode !== 1) marks.fill(1, from);
  }

  // A term: its postings, and where its exact variants start (read by
  // `variantsOf` for the queries that need them).
  function readTerm(block, universe) {
    var reader = { bytes: block, at: 0 };
    var term = readPostings(reader, universe);
    term.block = block;
    term.variantsAt = reader.at;
    return term;
  }

  // The exact variants of a term, each [text, where its subset starts];
  // subsets are read only for the variants a query takes.
  function variantsOf(term) {
    if (term.variants) return term.variants;
    var bytes = term.block;
    var reader = { bytes: bytes, at: term.variantsAt };
    term.variants = [];
    for (var count = varint(reader); count > 0; count--) {
      var text = utf8.decode(take(reader, varint(reader)));
      term.variants.push([text, reader.at]);
      // Skip the subset: a mode byte, then a count and that many varints.
      for (var skip = bytes[reader.at++] ? varint(reader) : 0; skip > 0; reader.at++) if (bytes[reader.at] < 128) skip--;
    }
    return term.variants;
  }

  // No postings: a word or pair the index does not have.
  var NONE = readTerm(new Uint8Array(5), 0);

  // ---- The engine: ranking as src/search/query.rs ------------------------
  // `load(name)` resolves to the bytes of a file of the index folder.
  function open(load) {
    var files = new Map();
    function file(name) {
      if (!files.has(name)) files.set(name, load(name).catch(() => { files.delete(name); return null; }));
      return files.get(name);
    }
    function parsed(name, parse) {
      var key = '#' + name;
      if (!files.has(key)) files.set(key, file(name).then((bytes) => bytes && parse(bytes)));
      return files.get(key);
    }
    return parsed('m.json', (bytes) => JSON.parse(utf8.decode(bytes))).then((manifest) => {
      if (!manifest) throw new Error('search index manifest missing');
      var universe = manifest.docs;
      // The shard whose key range holds the key: after every separator <= key.
      function block(kind, key) {
        var separators = manifest.shards[kind];
        var low = 0;
        var high = separators.length;
        while (low < high) {
          var middle = (low + high) >> 1;
          if (precedes(key, separators[middle])) high = middle;
          else low = middle + 1;
        }
        var name = kind + low + '.bin';
        return parsed(name, readShard).then((shard) => shard && shard.get(key));
      }
      // Decoded blocks, remembered: typing asks for the same words again.
      var decoded = new Map();
      function remember(key, make) {
        if (!decoded.has(key)) decoded.set(key, make());
        return decoded.get(key);
      }
      function postings(kind, key) {
        return remember(kind + key, () => {
          return block(kind, key).then((bytes) => bytes ? readPostings({ bytes: bytes, at: 0 }, universe) : null);
        });
      }
      function term(fold) {
        return remember('=' + fold, () => {
          return block('t', fold).then((bytes) => bytes ? readTerm(bytes, universe) : null);
        });
      }
      function prefixOf(word) {
        return word.prefix ? postings('t', Array.from(word.prefix).slice(0, manifest.prefix[1]).join('') + '*') : Promise.resolve(null);
      }

      // Per posting of a term, whether the document has a variant `accept` takes.
      function variantMarks(term, accept) {
        var marks = new Uint8Array(term.count);
        variantsOf(term).forEach((variant) => {
          if (accept(variant[0])) markSubset({ bytes: term.block, at: variant[1] }, marks);
        });
        return marks;
      }

      // The documents matching a word: `whole` (the postings of its fold
      // key), `prefix` (of its prefix key, for the word being typed), and per
      // posting of `whole` whether the document has its exact form (`exact`)
      // and has it as typed (`typed`, null when all do: cô but not có).
      async function matches(word) {
        var found = await Promise.all([term(word.fold), prefixOf(word)]);
        var whole = found[0];
        var prefix = found[1];
        var decoded = !whole && !prefix && telex(lower(word.text));
        if (decoded && (whole = await term(foldKey(decoded)))) {
          word.fold = foldKey(decoded);
          word.exact = decoded;
          word.marked = true;
          word.prefix = prefix = null;
        }
        whole = whole || NONE;
        var exact = word.marked || word.requireExact ? variantMarks(whole, (variant) => variant === word.exact) : null;
        var typed = !word.prefix || !word.marked ? null
          : TONE.test(word.exact.normalize('NFD')) ? exact
          : variantMarks(whole, (variant) => withoutTone(variant) === word.exact);
        return { whole: whole, prefix: prefix || NONE, exact: exact, typed: typed };
      }

      async function categoryMembers(slug) {
        var index = manifest.categories.findIndex((entry) => entry[0] === slug);
        var bytes = index >= 0 && await file('c' + index + '.bin');
        if (!bytes) return NONE;
        var reader = { bytes: bytes, at: 0 };
        return readIds(reader, varint(reader), universe);
      }

      // Per-document arrays of a search (`matched` words, `score`, `exact`
      // words, `partial`, `adjacent` quoted pairs, `held` of the word being
      // typed) and scratch space for a decoded list: made once and reused by
      // the next search when it is free (typing starts one search per pause).
      var spare = null;
      function tables() {
        var state = spare;
        spare = null;
        if (state) {
          ['matched', 'score', 'exact', 'partial', 'adjacent', 'held'].forEach((name) => { state[name].fill(0); });
          return state;
        }
        state = { docs: new Uint32Array(universe), impacts: new Uint8Array(universe), keys: new Float64Array(universe) };
        ['matched', 'exact', 'partial', 'adjacent'].forEach((name) => { state[name] = new Uint8Array(universe); });
        state.score = new Int32Array(universe);
        state.held = new Uint16Array(universe);
        return state;
      }

      // Adds a word's impacts to the documents that have it and counts the
      // word as matched there (`matched[doc]`). Words and pairs add up in
      // any order, so each is added as soon as its shard arrives.
      function addWord(word, list, state) {
        var docs = docsOf(list.whole, state.docs);
        var impacts = impactsOf(list.whole, state.impacts);
        var exact = list.exact;
        var typed = list.typed;
        var requireExact = word.requireExact;
        var marked = word.marked;
        var matched = state.matched;
        var score = state.score;
        var partial = state.partial;
        // Per document of the word being typed: 256 with the word as typed
        // (completions add nothing), else its whole-word impact + 1
        // (completions may raise it: docs/search.md §5), 0 without it.
        var held = list.prefix.count ? state.held : null;
        for (var i = 0; i < list.whole.count; i++) {
          var doc = docs[i];
          if (requireExact && !exact[i]) continue;
          matched[doc]++;
          score[doc] += impacts[i];
          if (marked && exact[i]) state.exact[doc]++;
          if (typed && !typed[i]) partial[doc] = 1;
          if (held) held[doc] = typed && !typed[i] ? impacts[i] + 1 : 256;
        }
        docs = docsOf(list.prefix, state.docs);
        impacts = impactsOf(list.prefix, state.impacts);
        for (i = 0; i < list.prefix.count; i++) {
          doc = docs[i];
          if (held[doc]) {
            score[doc] += Math.max(0, impacts[i] - held[doc] + 1);
          } else {
            matched[doc]++;
            score[doc] += impacts[i];
            partial[doc] = 1;
          }
        }
      }

      // Adds a pair's impacts; a quoted pair counts where it is found.
      function addPair(list, required, state) {
        var docs = docsOf(list, state.docs);
        var impacts = impactsOf(list, state.impacts);
        for (var i = 0; i < list.count; i++) {
          state.score[docs[i]] += impacts[i];
          if (required) state.adjacent[docs[i]]++;
        }
      }

      // Matching document ids, best first: all of them, or with `limit` the
      // first `limit`; `.total` tells how many matched, `.words` the query's
      // words as matched (a Telex word as the syllable it spells).
      async function search(query, filters, limit) {
        filters = filters || {};
        var parsedQuery = parseQuery(query);
        var words = parsedQuery.words;
        if (!words.length) return Object.assign([], { total: 0, words: words });
        function pairPostings(pair) {
          return postings('b', words[pair[0]].fold + ' ' + words[pair[1]].fold);
        }
        // Start every download at once (a Telex rewrite may ask for one
        // more), and add each word and pair as it arrives.
        var category = filters.category ? categoryMembers(filters.category) : null;
        var state = tables();
        var pairs = parsedQuery.pairs.map(pairPostings);
        var added = words.map((word) => {
          return matches(word).then((list) => { addWord(word, list, state); });
        });
        var required = 0;
        await Promise.all(added.concat(parsedQuery.pairs.map((pair, index) => {
          if (pair[2]) required++;
          // A pair in the index has both words in it as typed; else it may
          // be there once Telex has rewritten them.
          return pairs[index].then((list) => {
            return list || Promise.all([added[pair[0]], added[pair[1]]]).then(() => pairPostings(pair));
          }).then((list) => { if (list) addPair(list, pair[2], state); });
        })));
        var ids = ranked(state, words, required, await category, filters.year, limit);
        // Free for the next search (not after a failure: a list may still
        // arrive and add to it).
        spare = state;
        return ids;
      }

      // The matching documents' ids, best first (see `search`).
      function ranked(state, words, required, members, year, limit) {
        var first = 0;
        var last = universe - 1;
        if (year) {
          var range = manifest.years.find((entry) => entry[0] === +year) || [0, 1, 0];
          first = range[1];
          last = range[2];
        }
        var matched = state.matched;
        var all = words.length;
        // A category's documents count one word more.
        if (members) {
          all++;
          for (var i = 0, docs = docsOf(members, state.docs); i < members.count; i++) matched[docs[i]]++;
        }
        // exact (desc), whole syllable first, score (desc), newest first: one
        // number per document (ties cannot happen: a key ends with its id).
        // With a limit only the best few are kept, sorted as they come:
        // newest first, so older documents with equal scores drop out at once.
        var top = limit ? new Float64Array(limit).fill(-1) : state.keys;
        var n = 0;
        var exact = state.exact;
        var partial = state.partial;
        var score = state.score;
        var adjacent = state.adjacent;
        for (var doc = last; doc >= first; doc--) {
          if (matched[doc] !== all || adjacent[doc] < required) continue;
          var key = ((exact[doc] * 2 + 1 - partial[doc]) * 1048576 + score[doc]) * 67108864 + doc;
          if (!limit) top[n] = key;
          else if (key > top[0]) {
            for (var at = 0; at + 1 < limit && top[at + 1] < key; at++) top[at] = top[at + 1];
            top[at] = key;
          }
          n++;
        }
        var keys = limit ? top.reverse().subarray(0, Math.min(n, limit)) : top.subarray(0, n).sort().reverse();
        var ids = Array.from(keys, (key) => key % 67108864);
        ids.total = n;
        ids.words = words;
        return ids;
      }

      function json(name) {
        return parsed(name, (bytes) => JSON.parse(utf8.decode(bytes)));
      }

      // What a result shows: [path, title, date, category, text, more].
      async function record(id) {
        var entry = await json('d' + id + '.json');
        if (!entry) return null;
        var category = manifest.categories[entry[3]];
        return { url: manifest.base + entry[0], title: entry[1], date: entry[2], category: category ? category[1] : '', text: entry[4], more: entry[5] === 1 };
      }

      // A result with its snippet; the whole text is fetched only when
      // neither the title nor the beginning holds any of the query words.
      async function hit(id, words) {
        var found = await record(id);
        if (!found) return null;
        found.marked = snippet(found.text, words);
        if (!found.marked.ranges.length && found.more && !highlights(found.title, words).length) {
          var full = await json('f' + id + '.json');
          if (full) found.marked = snippet(full, words);
        }
        return found;
      }

      return { manifest: manifest, search: search, record: record, hit: hit };
    });
  }

  // ---- Warming up ---------------------------------------------------------
  // Runs one whole search over a made-up index held in memory, downloading
  // nothing, that takes every path a real query takes: the marked word
  // `ăn` in every one of `universe` documents (the size of the real index;
  // an id bitmap), in two written forms (variant subsets of both modes),
  // its prefix key and the pair `ăn ăn` in every fifth document (ids as
  // gaps), all in one shard, and a data file whose text ends with the word
  // (before it, words that start like it and do not match).
  // The page calls it WARM_RUNS times, each when the browser is idle after
  // the manifest arrived, until the reader searches: V8 compiles the
  // decoding, ranking and snippet code on the first run and optimizes it
  // over the next ones, and the first query a reader types does not run it
  // cold (docs/search.md §6). The index is made once per size and kept for
  // the next runs. Resolves to the hits, for tests.
  var WARM_RUNS = 6;
  var madeUp;
  function warmUp(universe) {
    var files = madeUp && madeUp.u === universe ? madeUp : (madeUp = madeUpIndex(universe));
    return open((name) => Promise.resolve(files[name[0]])).then((engine) => engine.search('ăn ăn', {}, PAGE_SIZE)
      .then((ids) => Promise.all(ids.map((id) => engine.hit(id, ids.words)))));
  }

  // The files of the made-up index (see `warmUp`) for `universe` documents
  // (`u`), by their first letter, as bytes.
  function madeUpIndex(universe) {
    var encoder = new TextEncoder();
    function push(out, value) {
      for (; value > 127; value >>= 7) out.push(value & 127 | 128);
      out.push(value);
    }
    // Postings (docs/search.md §4) of every `step`-th document: a bitmap
    // (mode 1) for step 1, else gaps (mode 0); impacts of `width` bits
    // cycling through their values, so that scores differ.
    function postings(step, width) {
      var count = Math.ceil(universe / step);
      var out = [];
      push(out, count);
      if (step === 1) {
        out.push(1);
        for (var i = 0; i < (universe + 7) >> 3; i++) out.push(255);
      } else {
        out.push(0);
        for (i = 0; i < count; i++) push(out, i ? step : 0);
      }
      out.push(1, width);
      for (i = 0; i < (count * width + 7) >> 3; i++) out.push(width === 1 ? 85 : 228);
      return out;
    }
    // The term: `ăn` everywhere but every third posting (subset mode 2),
    // `ắn` there (mode 1: those positions, as gaps).
    var term = postings(1, 1);
    push(term, 2);
    ['ăn', 'ắn'].forEach((variant, mode) => {
      var written = encoder.encode(variant);
      push(term, written.length);
      written.forEach((byte) => { term.push(byte); });
      term.push(2 - mode);
      push(term, Math.ceil(universe / 3));
      for (var i = 0; i < universe; i += 3) push(term, i ? 3 : 0);
    });
    // The prefix key and the pair share one list.
    var gaps = postings(5, 2);
    var blocks = [term, gaps, gaps];
    var shard = [3];
    ['an', 'an*', 'an an'].forEach((key, i) => {
      shard.push(0, key.length);
      shard.push.apply(shard, encoder.encode(key));
      push(shard, blocks[i].length);
    });
    shard = new Uint8Array(shard.concat.apply(shard, blocks));
    var json = (value) => encoder.encode(JSON.stringify(value));
    return {
      u: universe,
      m: json({ docs: universe, base: '/', categories: [], prefix: [2, 12], shards: { t: [], b: [] } }),
      t: shard,
      b: shard,
      d: json(['a/', 'Lai Châu ăn', '2024-01-01', 0, 'Lai Châu ai áo ấy, '.repeat(150) + 'ăn', 0]),
    };
  }

  // ---- Snippets and highlights -------------------------------------------
  var SNIPPET_CHARS = 200;

  // The first letter of the fold key of tokens starting with a character
  // (by code point), '' for a mark (then any fold key may follow).
  var initials = new Map();
  function initialOf(written) {
    var code = written.codePointAt(0);
    var initial = initials.get(code);
    if (initial === undefined) initials.set(code, (initial = stripMarks(lower(String.fromCodePoint(code))).charAt(0)));
    return initial;
  }

  // Which query word a written token matches (its index, or -1),
  // remembered per query: a text repeats its words, and a token whose first
  // letter starts none of the query's keys is not analyzed at all.
  function matcher(words) {
    if (words.match) return words.match;
    var found = new Map();
    var starts = words.map((word) => word.fold.charAt(0) + (word.prefix || '').charAt(0)).join('');
    words.match = (written) => {
      var initial = initialOf(written);
      if (initial && starts.indexOf(initial) < 0) return -1;
      var index = found.get(written);
      if (index === undefined) {
        // Without marks, where the tone sits does not matter: no exact key.
        var bare = stripMarks(lower(written));
        var fold = spelt(bare);
        index = words.findIndex((word) => fold === word.fold || (word.prefix && bare.indexOf(word.prefix) === 0));
        found.set(written, index);
      }
      return index;
    };
    return words.match;
  }

  // Ranges [start, end, word] of the text's tokens that match the query
  // words, in order; `stop(ranges)` may end the scan after a match.
  function highlights(text, words, stop) {
    var ranges = [];
    var run = new RegExp(RUN);
    var match = matcher(words);
    text = text.normalize('NFC');
    for (var token; (token = run.exec(text)); ) {
      var written = token[0];
      if (written.length > MAX_TOKEN && Array.from(written).length > MAX_TOKEN) continue;
      var index = match(written);
      if (index < 0) continue;
      ranges.push([token.index, token.index + written.length, index]);
      if (stop && stop(ranges)) break;
    }
    return ranges;
  }

  // The window of the text with the most distinct query words (the first
  // such), cut at word boundaries: {text, ranges}. Each match opens a
  // window 30 characters before it, counted once the scan has passed its
  // end; a window with every query word ends the scan, as no later one can
  // have more.
  function snippet(text, words) {
    text = text.normalize('NFC').replace(/\s+/g, ' ');
    var best = 0;
    var bestCount = -1;
    var counted = 0;
    var low = 0;
    var scanned = text.length;
    function count(ranges, upTo) {
      for (; counted < ranges.length && Math.max(0, ranges[counted][0] - 30) + SNIPPET_CHARS <= upTo; counted++) {
        // Ranges are in order and apart: those in the window are a run.
        var start = Math.max(0, ranges[counted][0] - 30);
        while (ranges[low][0] < start) low++;
        var seen = 0;
        var distinct = 0;
        for (var at = low; at < ranges.length && ranges[at][1] <= start + SNIPPET_CHARS; at++) {
          if (!(seen & (1 << ranges[at][2]))) distinct++;
          seen |= 1 << ranges[at][2];
        }
        if (distinct > bestCount) {
          bestCount = distinct;
          best = start;
        }
      }
    }
    var ranges = highlights(text, words, (found) => {
      var last = found[found.length - 1][0];
      count(found, last);
      if (bestCount === words.length && last > best + SNIPPET_CHARS + 64) return (scanned = last);
    });
    count(ranges, Infinity);
    best = Math.max(0, Math.min(best, text.length - SNIPPET_CHARS));
    var end = Math.min(text.length, best + SNIPPET_CHARS);
    if (best > 0) best = text.indexOf(' ', best) + 1 || best;
    if (end < text.length) end = text.lastIndexOf(' ', end) > best ? text.lastIndexOf(' ', end) : end;
    if (end >= scanned) ranges = highlights(text, words);
    var lead = best > 0 ? '…' : '';
    var shown = lead + text.slice(best, end);
    if (end < text.length && !/…$/.test(shown)) shown += '…';
    var shift = lead.length - best;
    return {
      text: shown,
      ranges: ranges.filter((range) => range[0] >= best && range[1] <= end)
        .map((range) => [range[0] + shift, range[1] + shift, range[2]]),
    };
  }

  // ---- The page -----------------------------------------------------------
  var PAGE_SIZE = 10;

  function fetcher(base) {
    return (name) => {
      return fetch(base + name).then((response) => {
        if (!response.ok) throw new Error(response.status + ' ' + name);
        return response.arrayBuffer();
      }).then((buffer) => new Uint8Array(buffer));
    };
  }

  function formatDate(date) {
    var parts = date.split('-');
    return parts.length === 3 ? parts[2] + '/' + parts[1] + '/' + parts[0] : '';
  }

  // Appends text with highlighted ranges as text nodes and <mark> elements.
  function appendMarked(element, marked) {
    var at = 0;
    marked.ranges.forEach((range) => {
      element.appendChild(document.createTextNode(marked.text.slice(at, range[0])));
      var mark = document.createElement('mark');
      mark.textContent = marked.text.slice(range[0], range[1]);
      element.appendChild(mark);
      at = range[1];
    });
    element.appendChild(document.createTextNode(marked.text.slice(at)));
  }

  function element(name, className, parent) {
    var created = document.createElement(name);
    if (className) created.className = className;
    if (parent) parent.appendChild(created);
    return created;
  }

  function renderHit(hit, words) {
    var item = element('li', 'search-hit');
    var link = element('a', 'search-hit-title', element('h2', 'search-hit-heading', item));
    link.href = hit.url;
    appendMarked(link, { text: hit.title, ranges: highlights(hit.title, words) });
    var meta = element('p', 'search-hit-meta', item);
    if (hit.date) {
      var time = element('time', '', meta);
      time.dateTime = hit.date;
      time.textContent = formatDate(hit.date);
    }
    if (hit.category) element('span', 'search-hit-category', meta).textContent = hit.category;
    appendMarked(element('p', 'search-hit-snippet', item), hit.marked);
    return item;
  }

  function start(root) {
    var form = root.querySelector('form');
    var input = root.querySelector('input[name=q]');
    var category = root.querySelector('select[name=chuyen-muc]');
    var year = root.querySelector('select[name=nam]');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var more = root.querySelector('.search-more');
    var text = root.dataset;
    var engine = open(fetcher(text.index));
    engine.then((ready) => {
      var idle = global.requestIdleCallback || setTimeout;
      var warmed = 0;
      var warm = () => { if (!generation && warmed++ < WARM_RUNS) warmUp(ready.manifest.docs).then(() => idle(warm)); };
      idle(warm);
    }, () => say(text.error));
    var generation = 0;
    var current = null;
    var timer = 0;
    root.querySelectorAll('.search-no-js').forEach((node) => { node.hidden = true; });
    root.querySelectorAll('[data-js]').forEach((node) => { node.hidden = false; });

    function say(message) {
      status.textContent = message;
    }

    async function hits(ids, words) {
      var ready = await engine;
      var found = await Promise.all(ids.map((id) => ready.hit(id, words)));
      return found.filter(Boolean);
    }

    async function showMore() {
      var run = current;
      var shown = list.children.length;
      if (run.ids.length < Math.min(run.ids.total, shown + PAGE_SIZE)) {
        run.ids = await (await engine).search(run.query, run.filters, shown + PAGE_SIZE);
      }
      var page = await hits(run.ids.slice(shown, shown + PAGE_SIZE), run.words);
      if (run !== current) return;
      page.forEach((hit) => { list.appendChild(renderHit(hit, run.words)); });
      more.hidden = list.children.length >= run.ids.total;
    }

    async function run() {
      var query = input.value.trim() ? input.value : '';
      var filters = { category: category && category.value, year: year && year.value };
      var mine = ++generation;
      updateUrl(query, filters);
      if (!query.trim()) {
        current = null;
        list.textContent = '';
        more.hidden = true;
        say('');
        return;
      }
      say(text.loading);
      try {
        var ready = await engine;
        var ids = await ready.search(query, filters, PAGE_SIZE);
        var words = ids.words;
        if (mine !== generation) return;
        current = { query: query, filters: filters, ids: ids, words: words };
        list.textContent = '';
        await showMore();
        if (mine !== generation) return;
        say(ids.total ? text.found.replace('{n}', ids.total.toLocaleString(document.documentElement.lang || 'vi')) : text.none);
      } catch (error) {
        if (mine === generation) say(text.error);
      }
    }

    function updateUrl(query, filters) {
      var params = new URLSearchParams();
      if (query) params.set('q', query);
      if (filters.category) params.set('chuyen-muc', filters.category);
      if (filters.year) params.set('nam', filters.year);
      var search = params.toString();
      history.replaceState(null, '', location.pathname + (search ? '?' + search : ''));
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll('a.search-hit-title'));
    }

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(run, 180);
    });
    [category, year].forEach((select) => { if (select) select.addEventListener('change', run); });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(timer);
      run();
    });
    more.addEventListener('click', showMore);
    // Arrow keys move between the box and the result links; Escape returns.
    root.addEventListener('keydown', (event) => {
      var all = links();
      var at = all.indexOf(document.activeElement);
      var target = null;
      if (event.key === 'ArrowDown') target = document.activeElement === input ? all[0] : at >= 0 ? all[at + 1] : null;
      else if (event.key === 'ArrowUp' && at >= 0) target = at > 0 ? all[at - 1] : input;
      else if (event.key === 'Escape' && at >= 0) target = input;
      if (target) {
        event.preventDefault();
        target.focus();
      }
    });

    var params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    if (category) category.value = params.get('chuyen-muc') || '';
    if (year) year.value = params.get('nam') || '';
    if (input.value) run();

    // The testable interface (DESIGN.md §6).
    global.bantinSearch = async (query, options) => {
      options = options || {};
      var ready = await engine;
      var offset = options.offset || 0;
      var limit = options.limit || PAGE_SIZE;
      var ids = await ready.search(String(query), options, offset + limit);
      var found = await hits(ids.slice(offset, offset + limit), ids.words);
      return found.map((hit) => {
        return { url: hit.url, title: hit.title, date: hit.date, category: hit.category, snippet: hit.marked.text };
      });
    };
  }

  var api = { warmUp: warmUp, analyze: analyze, exactKey: exactKey, foldKey: foldKey, telex: telex, parseQuery: parseQuery, open: open, snippet: snippet };
  if (typeof module === 'object' && module.exports) module.exports = api;
  if (typeof document !== 'undefined') {
    var root = document.querySelector('[data-index]');
    if (root) start(root);
  }
})(typeof window !== 'undefined' ? window : this);
