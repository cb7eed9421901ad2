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
  var NUMERIC = /\p{N}/u;
  var MARKS = /\p{M}/gu;
  var JOINER = /[\p{White_Space}\-/'\u2010\u2011\u2013\u2014\u2019]/u;
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
    var folded = stripMarks(exact);
    var rest = folded.slice(0, -1);
    if (folded.slice(-1) === 'y' && rest && rest[0] !== 'g' && INITIALS.indexOf(rest) >= 0) return rest + 'i';
    return folded;
  }

  function charAt(text, i) {
    var c = text.charCodeAt(i);
    return c >= 0xd800 && c < 0xdc00 ? text.slice(i, i + 2) : text[i];
  }

  // Whether a character is a token character (ASCII without a regex).
  function isToken(c) {
    var code = c.charCodeAt(0);
    if (code < 128) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
    return TOKEN.test(c);
  }

  function isNumeric(c) {
    var code = c.charCodeAt(0);
    return code < 128 ? code >= 48 && code <= 57 : NUMERIC.test(c);
  }

  // Tokens of an NFC text: [start, end, joined] in UTF-16 offsets.
  function tokens(text) {
    var found = [];
    var i = 0;
    var joined = false;
    for (;;) {
      while (i < text.length && !isToken(charAt(text, i))) {
        var separator = charAt(text, i);
        if (BREAK.test(separator) || !JOINER.test(separator)) joined = false;
        i += separator.length;
      }
      if (i >= text.length) return found;
      var start = i;
      var length = 0;
      var numeric = false;
      while (i < text.length) {
        var c = charAt(text, i);
        if (isToken(c)) {
          length++;
          numeric = isNumeric(c);
          i += c.length;
        } else if ((c === '.' || c === ',') && numeric && i + 1 < text.length && isNumeric(charAt(text, i + 1))) {
          length++;
          i++;
        } else break;
      }
      if (length > MAX_TOKEN) {
        joined = false;
        continue;
      }
      found.push([start, i, joined]);
      joined = true;
    }
  }

  // Keys of a written token, remembered: snippets analyze whole texts.
  var known = new Map();
  function keysOf(written) {
    var keys = known.get(written);
    if (!keys) {
      if (known.size > 50000) known.clear();
      var exact = exactKey(written);
      keys = { exact: exact, fold: foldKey(exact), bare: stripMarks(exact) };
      known.set(written, keys);
    }
    return keys;
  }

  function analyze(text) {
    text = text.normalize('NFC');
    return tokens(text).map(function (token) {
      var written = text.slice(token[0], token[1]);
      var keys = keysOf(written);
      return { text: written, exact: keys.exact, fold: keys.fold, bare: keys.bare, joined: token[2], start: token[0], end: token[1] };
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
      var hasVowel = letters.some(function (letter) { return VOWELS.indexOf(letter) >= 0; });
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
    parts.forEach(function (part, segment) {
      var inPhrase = segment % 2 === 1;
      var keys = analyze(part);
      var exactPhrase = inPhrase && keys.some(function (key) { return isMarked(key.exact); });
      keys.forEach(function (key, index) {
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

  function readIds(reader, count, universe) {
    var ids = new Uint32Array(count);
    if (reader.bytes[reader.at++] === 0) {
      var id = 0;
      for (var i = 0; i < count; i++) ids[i] = id = (i ? id : 0) + varint(reader);
    } else {
      var bitmap = take(reader, (universe + 7) >> 3);
      var n = 0;
      for (var doc = 0; doc < universe; doc++) if (bitmap[doc >> 3] & (1 << (doc & 7))) ids[n++] = doc;
    }
    return ids;
  }

  function readPostings(reader, universe) {
    var count = varint(reader);
    var docs = readIds(reader, count, universe);
    var minimum = reader.bytes[reader.at++];
    var width = reader.bytes[reader.at++];
    var impacts = new Uint8Array(count).fill(minimum);
    if (width) {
      var packed = take(reader, (count * width + 7) >> 3);
      for (var i = 0; i < count; i++) {
        var at = i * width;
        impacts[i] += ((packed[at >> 3] | (packed[(at >> 3) + 1] << 8)) >> (at & 7)) & ((1 << width) - 1);
      }
    }
    return { docs: docs, impacts: impacts };
  }

  // Variant membership over positions of the postings list.
  function readSubset(reader, total) {
    var mode = reader.bytes[reader.at++];
    var marks = new Uint8Array(total).fill(mode === 1 ? 0 : 1);
    if (mode) {
      var count = varint(reader);
      var position = 0;
      for (var i = 0; i < count; i++) marks[position = (i ? position : 0) + varint(reader)] = mode === 1 ? 1 : 0;
    }
    return marks;
  }

  function readTerm(block, universe) {
    var reader = { bytes: block, at: 0 };
    var term = readPostings(reader, universe);
    term.variants = new Map();
    for (var count = varint(reader); count > 0; count--) {
      var text = utf8.decode(take(reader, varint(reader)));
      term.variants.set(text, readSubset(reader, term.docs.length));
    }
    return term;
  }

  // ---- The engine: ranking as src/search/query.rs ------------------------
  // `load(name)` resolves to the bytes of a file of the index folder.
  function open(load) {
    var files = new Map();
    function file(name) {
      if (!files.has(name)) files.set(name, load(name).catch(function () { files.delete(name); return null; }));
      return files.get(name);
    }
    function parsed(name, parse) {
      var key = '#' + name;
      if (!files.has(key)) files.set(key, file(name).then(function (bytes) { return bytes && parse(bytes); }));
      return files.get(key);
    }
    return parsed('m.json', function (bytes) { return JSON.parse(utf8.decode(bytes)); }).then(function (manifest) {
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
        return parsed(name, readShard).then(function (shard) { return shard && shard.get(key); });
      }
      // Decoded blocks, remembered: typing asks for the same words again.
      var decoded = new Map();
      function remember(key, make) {
        if (!decoded.has(key)) decoded.set(key, make());
        return decoded.get(key);
      }
      function postings(kind, key) {
        return remember(kind + key, function () {
          return block(kind, key).then(function (bytes) { return bytes ? readPostings({ bytes: bytes, at: 0 }, universe) : null; });
        });
      }
      function term(fold) {
        return remember('=' + fold, function () {
          return block('t', fold).then(function (bytes) { return bytes ? readTerm(bytes, universe) : null; });
        });
      }
      function prefixOf(word) {
        return word.prefix ? postings('t', Array.from(word.prefix).slice(0, manifest.prefix[1]).join('') + '*') : Promise.resolve(null);
      }

      // Per posting of a term, whether the document has a variant `accept` takes.
      function variantMarks(term, accept) {
        var marks = new Uint8Array(term.docs.length);
        term.variants.forEach(function (members, variant) {
          if (accept(variant)) for (var i = 0; i < marks.length; i++) marks[i] |= members[i];
        });
        return marks;
      }

      // The documents matching a word, by id, with impact, whether they have
      // the word as typed as a whole syllable (the word being typed: in the
      // form typed so far, cô but not có) and its exact form.
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
        var none = { docs: new Uint32Array(0), impacts: new Uint8Array(0), variants: new Map() };
        whole = whole || none;
        prefix = prefix || none;
        var exact = variantMarks(whole, function (variant) { return variant === word.exact; });
        var typed = !word.prefix || !word.marked ? new Uint8Array(whole.docs.length).fill(1)
          : TONE.test(word.exact.normalize('NFD')) ? exact
          : variantMarks(whole, function (variant) { return withoutTone(variant) === word.exact; });
        var size = whole.docs.length + prefix.docs.length;
        var list = { docs: new Uint32Array(size), impacts: new Uint8Array(size), whole: new Uint8Array(size), exact: new Uint8Array(size), length: 0 };
        var w = 0;
        var p = 0;
        var n = 0;
        while (w < whole.docs.length || p < prefix.docs.length) {
          var fromWhole = p >= prefix.docs.length || (w < whole.docs.length && whole.docs[w] <= prefix.docs[p]);
          var doc = fromWhole ? whole.docs[w] : prefix.docs[p];
          var impact = 0;
          if (fromWhole) {
            impact = whole.impacts[w];
            list.whole[n] = typed[w];
            list.exact[n] = exact[w];
            w++;
          }
          // Completions raise documents without the word itself as typed.
          if (p < prefix.docs.length && prefix.docs[p] === doc) {
            if (!list.whole[n]) impact = Math.max(impact, prefix.impacts[p]);
            p++;
          }
          list.docs[n] = doc;
          list.impacts[n++] = impact;
        }
        list.length = n;
        return list;
      }

      async function categoryMembers(slug) {
        var index = manifest.categories.findIndex(function (entry) { return entry[0] === slug; });
        var bytes = index >= 0 && await file('c' + index + '.bin');
        if (!bytes) return new Uint32Array(0);
        var reader = { bytes: bytes, at: 0 };
        return readIds(reader, varint(reader), universe);
      }

      // All matching document ids, best first.
      async function search(query, filters) {
        filters = filters || {};
        var parsedQuery = parseQuery(query);
        var words = parsedQuery.words;
        if (!words.length) return [];
        function pairPostings(pair) {
          return postings('b', words[pair[0]].fold + ' ' + words[pair[1]].fold);
        }
        // Start every download at once; a Telex rewrite may ask for one more.
        var category = filters.category ? categoryMembers(filters.category) : null;
        parsedQuery.pairs.forEach(pairPostings);
        var lists = await Promise.all(words.map(matches));
        var pairs = await Promise.all(parsedQuery.pairs.map(pairPostings));
        var members = await category;
        var matched = new Uint8Array(universe);
        var score = new Int32Array(universe);
        var exact = new Uint8Array(universe);
        var partial = new Uint8Array(universe);
        lists.forEach(function (list, index) {
          var word = words[index];
          for (var i = 0; i < list.length; i++) {
            var doc = list.docs[i];
            if (matched[doc] !== index || (word.requireExact && !list.exact[i])) continue;
            matched[doc]++;
            score[doc] += list.impacts[i];
            if (word.marked && list.exact[i]) exact[doc]++;
            if (!list.whole[i]) partial[doc] = 1;
          }
        });
        var keep = new Uint8Array(universe);
        for (var doc = 0; doc < universe; doc++) keep[doc] = matched[doc] === words.length ? 1 : 0;
        if (filters.year) {
          var range = manifest.years.find(function (entry) { return entry[0] === +filters.year; });
          for (doc = 0; doc < universe; doc++) if (!range || doc < range[1] || doc > range[2]) keep[doc] = 0;
        }
        if (members) {
          var inCategory = new Uint8Array(universe);
          members.forEach(function (member) { inCategory[member] = 1; });
          for (doc = 0; doc < universe; doc++) keep[doc] &= inCategory[doc];
        }
        parsedQuery.pairs.forEach(function (pair, index) {
          var adjacent = new Uint8Array(universe);
          var list = pairs[index];
          if (list) {
            for (var i = 0; i < list.docs.length; i++) {
              adjacent[list.docs[i]] = 1;
              score[list.docs[i]] += list.impacts[i];
            }
          }
          if (pair[2]) for (var d = 0; d < universe; d++) keep[d] &= adjacent[d];
        });
        // exact (desc), whole syllable first, score (desc), newest first: one
        // number per document, sorted as a typed array.
        var keys = new Float64Array(universe);
        var n = 0;
        for (doc = 0; doc < universe; doc++) {
          if (keep[doc]) keys[n++] = ((exact[doc] * 2 + 1 - partial[doc]) * 1048576 + score[doc]) * 67108864 + doc;
        }
        keys = keys.subarray(0, n).sort();
        var ids = [];
        while (n--) ids.push(keys[n] % 67108864);
        return ids;
      }

      function json(name) {
        return parsed(name, function (bytes) { return JSON.parse(utf8.decode(bytes)); });
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

      return { manifest: manifest, search: search, record: record, hit: hit, parse: parseQuery };
    });
  }

  // ---- Snippets and highlights -------------------------------------------
  var SNIPPET_CHARS = 200;

  // Ranges [start, end] of the text's tokens that match the query words.
  function highlights(text, words) {
    var ranges = [];
    analyze(text).forEach(function (token) {
      for (var i = 0; i < words.length; i++) {
        var word = words[i];
        if (token.fold === word.fold || (word.prefix && token.bare.indexOf(word.prefix) === 0)) {
          ranges.push([token.start, token.end, i]);
          return;
        }
      }
    });
    return ranges;
  }

  // The window of the text with the most distinct query words, cut at word
  // boundaries: {text, ranges}.
  function snippet(text, words) {
    text = text.normalize('NFC').replace(/\s+/g, ' ');
    var ranges = highlights(text, words);
    var best = 0;
    var bestCount = -1;
    ranges.forEach(function (range) {
      var start = Math.max(0, range[0] - 30);
      var seen = new Set();
      ranges.forEach(function (other) {
        if (other[0] >= start && other[1] <= start + SNIPPET_CHARS) seen.add(other[2]);
      });
      if (seen.size > bestCount) {
        bestCount = seen.size;
        best = start;
      }
    });
    best = Math.max(0, Math.min(best, text.length - SNIPPET_CHARS));
    var end = Math.min(text.length, best + SNIPPET_CHARS);
    if (best > 0) best = text.indexOf(' ', best) + 1 || best;
    if (end < text.length) end = text.lastIndexOf(' ', end) > best ? text.lastIndexOf(' ', end) : end;
    var lead = best > 0 ? '…' : '';
    var shown = lead + text.slice(best, end);
    if (end < text.length && !/…$/.test(shown)) shown += '…';
    var shift = lead.length - best;
    return {
      text: shown,
      ranges: ranges.filter(function (range) { return range[0] >= best && range[1] <= end; })
        .map(function (range) { return [range[0] + shift, range[1] + shift, range[2]]; }),
    };
  }

  // ---- The page -----------------------------------------------------------
  var PAGE_SIZE = 10;

  function fetcher(base) {
    return function (name) {
      return fetch(base + name).then(function (response) {
        if (!response.ok) throw new Error(response.status + ' ' + name);
        return response.arrayBuffer();
      }).then(function (buffer) { return new Uint8Array(buffer); });
    };
  }

  function formatDate(date) {
    var parts = date.split('-');
    return parts.length === 3 ? parts[2] + '/' + parts[1] + '/' + parts[0] : '';
  }

  // Appends text with highlighted ranges as text nodes and <mark> elements.
  function appendMarked(element, marked) {
    var at = 0;
    marked.ranges.forEach(function (range) {
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
    engine.catch(function () { say(text.error); });
    var generation = 0;
    var current = null;
    var timer = 0;
    root.querySelectorAll('.search-no-js').forEach(function (node) { node.hidden = true; });
    root.querySelectorAll('[data-js]').forEach(function (node) { node.hidden = false; });

    function say(message) {
      status.textContent = message;
    }

    async function hits(ids, words) {
      var ready = await engine;
      var found = await Promise.all(ids.map(function (id) { return ready.hit(id, words); }));
      return found.filter(Boolean);
    }

    async function showMore() {
      var run = current;
      var shown = list.children.length;
      var page = await hits(run.ids.slice(shown, shown + PAGE_SIZE), run.words);
      if (run !== current) return;
      page.forEach(function (hit) { list.appendChild(renderHit(hit, run.words)); });
      more.hidden = list.children.length >= run.ids.length;
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
        var ids = await ready.search(query, filters);
        var words = ready.parse(query).words;
        if (mine !== generation) return;
        current = { ids: ids, words: words };
        list.textContent = '';
        await showMore();
        if (mine !== generation) return;
        say(ids.length ? text.found.replace('{n}', ids.length.toLocaleString(document.documentElement.lang || 'vi')) : text.none);
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

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, 180);
    });
    [category, year].forEach(function (select) { if (select) select.addEventListener('change', run); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run();
    });
    more.addEventListener('click', showMore);
    // Arrow keys move between the box and the result links; Escape returns.
    root.addEventListener('keydown', function (event) {
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
    global.bantinSearch = async function (query, options) {
      options = options || {};
      var ready = await engine;
      var ids = await ready.search(String(query), options);
      var offset = options.offset || 0;
      var found = await hits(ids.slice(offset, offset + (options.limit || PAGE_SIZE)), ready.parse(String(query)).words);
      return found.map(function (hit) {
        return { url: hit.url, title: hit.title, date: hit.date, category: hit.category, snippet: hit.marked.text };
      });
    };
  }

  var api = { analyze: analyze, exactKey: exactKey, foldKey: foldKey, telex: telex, parseQuery: parseQuery, open: open, snippet: snippet };
  if (typeof module === 'object' && module.exports) module.exports = api;
  if (typeof document !== 'undefined') {
    var root = document.querySelector('[data-index]');
    if (root) start(root);
  }
})(typeof window !== 'undefined' ? window : this);
