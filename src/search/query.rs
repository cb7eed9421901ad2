//! Search, query side: a query string and the index files -> ranked document
//! ids. This is the ranking of the browser client (`search.js`) in Rust, so
//! that ranking is unit-tested here and both are checked against the shared
//! expectations of `tests/search/ranking.json` (docs/search.md §5).

use std::cell::RefCell;
use std::collections::HashMap;

use serde::Deserialize;

use super::decode::{self, Reader};
use super::layout::{MANIFEST, PAIRS, PREFIX_MARK, TERMS};
use super::normalize::{fold_key, fold_prefix, has_tone, is_marked, lower, without_tone};
use super::tokenize::is_token_char;
use super::{analyze, nfc, telex};

/// Words of a query beyond this many are ignored.
pub const MAX_WORDS: usize = 10;
/// Characters that open or close a quoted phrase.
const QUOTES: [char; 4] = ['"', '“', '”', '„'];

/// The manifest, as the client reads it.
#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    pub base: String,
    pub docs: usize,
    /// Per key kind, the first key (prefix) of every shard after the first.
    pub shards: HashMap<String, Vec<String>>,
    pub categories: Vec<(String, String, usize)>,
    pub years: Vec<(i32, usize, usize)>,
    pub prefix: (usize, usize),
}

/// One word of a parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub exact: String,
    pub fold: String,
    /// The fold of the word being typed, when the last word is a prefix.
    pub prefix: Option<String>,
    /// Typed with marks: documents with this exact form rank higher.
    pub marked: bool,
    /// In a quoted phrase with marks: only the exact form matches.
    pub require_exact: bool,
}

/// A parsed query: words, and pairs of adjacent words (required in phrases).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<Word>,
    pub pairs: Vec<(usize, usize, bool)>,
}

/// Splits a query into words, quoted phrases and the word being typed.
pub fn parse(query: &str) -> Query {
    let text = nfc(query);
    let typing = text.chars().last().is_some_and(is_token_char);
    let mut parsed = Query::default();
    for (segment, part) in text.split(QUOTES).enumerate() {
        let in_phrase = segment % 2 == 1;
        let keys = analyze(part);
        let exact_phrase = in_phrase && keys.iter().any(|key| is_marked(&key.exact));
        for (index, key) in keys.into_iter().enumerate() {
            if parsed.words.len() == MAX_WORDS {
                break;
            }
            if index > 0 && key.joined {
                let at = parsed.words.len();
                parsed.pairs.push((at - 1, at, in_phrase));
            }
            parsed.words.push(Word {
                marked: is_marked(&key.exact),
                require_exact: exact_phrase,
                prefix: None,
                text: key.text,
                exact: key.exact,
                fold: key.fold,
            });
        }
    }
    let last_is_loose = text.split(QUOTES).count() % 2 == 1;
    if let (true, true, Some(last)) = (typing, last_is_loose, parsed.words.last_mut()) {
        let prefix = fold_prefix(&last.exact);
        if prefix.chars().count() >= super::postings::MIN_PREFIX {
            last.prefix = Some(prefix);
        }
    }
    parsed
}

/// Restricts results to a category (slug) and a year.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub category: Option<String>,
    pub year: Option<i32>,
}

/// A ranked result list: how many matched, and their ids best first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    pub ids: Vec<u32>,
}

/// What a result shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub url: String,
    pub title: String,
    pub date: String,
    pub category: String,
    /// The beginning of the text (summary, body).
    pub text: String,
    /// Whether the whole text (`full_text`) is longer.
    pub more: bool,
}

/// A document's match of one word.
#[derive(Debug, Clone, Copy)]
struct Match {
    doc: u32,
    impact: u8,
    /// Has the word as typed, as a whole syllable (for the word being typed:
    /// in the form typed so far, `cô` but not `có`; other words always).
    whole: bool,
    /// Has the word's exact form.
    exact: bool,
}

/// Searches an index through a file loader (name inside the index folder -> bytes).
pub struct Searcher<L: Fn(&str) -> Option<Vec<u8>>> {
    pub manifest: Manifest,
    load: L,
    files: RefCell<HashMap<String, Option<Vec<u8>>>>,
}

impl<L: Fn(&str) -> Option<Vec<u8>>> Searcher<L> {
    /// Opens an index; `None` if its manifest is missing or invalid.
    pub fn open(load: L) -> Option<Self> {
        let manifest = serde_json::from_slice(&load(MANIFEST)?).ok()?;
        Some(Searcher {
            manifest,
            load,
            files: RefCell::new(HashMap::new()),
        })
    }

    fn file(&self, name: &str) -> Option<Vec<u8>> {
        self.files
            .borrow_mut()
            .entry(name.to_string())
            .or_insert_with(|| (self.load)(name))
            .clone()
    }

    /// The block of a key, from the shard whose key range holds it.
    fn block(&self, kind: &str, key: &str) -> Option<Vec<u8>> {
        let separators = self.manifest.shards.get(kind)?;
        let number = separators.partition_point(|separator| separator.as_str() <= key);
        let bytes = self.file(&format!("{kind}{number}.bin"))?;
        decode::shard(&bytes)?.get(key).map(|block| block.to_vec())
    }

    fn term(&self, fold: &str) -> Option<decode::Term> {
        decode::term(&self.block(TERMS, fold)?, self.manifest.docs)
    }

    fn simple(&self, kind: &str, key: &str) -> Option<decode::Postings> {
        decode::postings(
            &mut Reader::new(&self.block(kind, key)?),
            self.manifest.docs,
        )
    }

    /// Runs a query; the ids of all matching documents, best first.
    pub fn search(&self, query: &str, filters: &Filters) -> Results {
        let mut parsed = parse(query);
        if parsed.words.is_empty() {
            return Results::default();
        }
        let mut tally = Tally::new(self.manifest.docs);
        for (index, word) in parsed.words.iter_mut().enumerate() {
            let found = self.matches(word);
            tally.add_word(index, word, &found);
        }
        let mut keep = tally.complete(parsed.words.len());
        self.apply_filters(filters, &mut keep);
        for &(first, second, required) in &parsed.pairs {
            let key = format!("{} {}", parsed.words[first].fold, parsed.words[second].fold);
            let pair = self.simple(PAIRS, &key).unwrap_or_default();
            tally.add_pair(&pair, required.then_some(&mut keep));
        }
        Results {
            ids: tally.ranked(&keep),
        }
    }

    /// The documents matching one word, by id; may rewrite a Telex word.
    fn matches(&self, word: &mut Word) -> Vec<Match> {
        let (whole, prefix) = self.lookup(word);
        let mut found: Vec<Match> = Vec::new();
        if let Some(term) = whole {
            let exact = variant_marks(&term, |variant| variant == word.exact);
            let typed = match (&word.prefix, word.marked, has_tone(&word.exact)) {
                (None, _, _) | (Some(_), false, _) => vec![true; term.postings.docs.len()],
                (Some(_), true, true) => exact.clone(),
                (Some(_), true, false) => {
                    variant_marks(&term, |variant| without_tone(variant) == word.exact)
                }
            };
            for (position, (&doc, &impact)) in term
                .postings
                .docs
                .iter()
                .zip(&term.postings.impacts)
                .enumerate()
            {
                let (whole, exact) = (typed[position], exact[position]);
                found.push(Match {
                    doc,
                    impact,
                    whole,
                    exact,
                });
            }
        }
        // Completions of the word being typed: they raise the score of
        // documents that do not have the word itself as typed.
        for (&doc, &impact) in prefix
            .iter()
            .flat_map(|postings| postings.docs.iter().zip(&postings.impacts))
        {
            match found.binary_search_by_key(&doc, |entry| entry.doc) {
                Ok(at) if !found[at].whole => found[at].impact = found[at].impact.max(impact),
                Ok(_) => {}
                Err(at) => found.insert(
                    at,
                    Match {
                        doc,
                        impact,
                        whole: false,
                        exact: false,
                    },
                ),
            }
        }
        found
    }

    /// A word's term block and, for the word being typed, its prefix key;
    /// with neither, its Telex/VNI reading as a whole word.
    fn lookup(&self, word: &mut Word) -> (Option<decode::Term>, Option<decode::Postings>) {
        let whole = self.term(&word.fold);
        let prefix = word.prefix.as_ref().and_then(|prefix| {
            let mut key: String = prefix.chars().take(self.manifest.prefix.1).collect();
            key.push(PREFIX_MARK);
            self.simple(TERMS, &key)
        });
        if whole.is_some() || prefix.is_some() {
            return (whole, prefix);
        }
        let Some(decoded) = telex::decode(&lower(&word.text)) else {
            return (None, None);
        };
        let fold = fold_key(&decoded);
        let whole = self.term(&fold);
        if whole.is_some() {
            word.fold = fold;
            word.marked = true;
            word.exact = decoded;
            word.prefix = None;
        }
        (whole, None)
    }

    fn apply_filters(&self, filters: &Filters, keep: &mut [bool]) {
        if let Some(year) = filters.year {
            let range = self.manifest.years.iter().find(|entry| entry.0 == year);
            for (doc, keep) in keep.iter_mut().enumerate() {
                *keep &= range.is_some_and(|&(_, first, last)| (first..=last).contains(&doc));
            }
        }
        if let Some(slug) = &filters.category {
            let members = self.category_members(slug);
            for (doc, keep) in keep.iter_mut().enumerate() {
                *keep &= members.binary_search(&(doc as u32)).is_ok();
            }
        }
    }

    fn category_members(&self, slug: &str) -> Vec<u32> {
        let Some(index) = self
            .manifest
            .categories
            .iter()
            .position(|entry| entry.0 == slug)
        else {
            return Vec::new();
        };
        let Some(bytes) = self.file(&format!("c{index}.bin")) else {
            return Vec::new();
        };
        let mut reader = Reader::new(&bytes);
        reader
            .varint()
            .and_then(|count| decode::id_set(&mut reader, count as usize, self.manifest.docs))
            .unwrap_or_default()
    }

    /// What a result shows, from its data file.
    pub fn record(&self, id: u32) -> Option<Record> {
        let bytes = self.file(&format!("d{id}.json"))?;
        let (path, title, date, category, text, more): (String, String, String, i64, String, u8) =
            serde_json::from_slice(&bytes).ok()?;
        let category = usize::try_from(category)
            .ok()
            .and_then(|index| self.manifest.categories.get(index))
            .map(|entry| entry.1.clone())
            .unwrap_or_default();
        Some(Record {
            url: format!("{}{path}", self.manifest.base),
            title,
            date,
            category,
            text,
            more: more == 1,
        })
    }

    /// The whole text of a document whose record says there is more.
    pub fn full_text(&self, id: u32) -> Option<String> {
        serde_json::from_slice(&self.file(&format!("f{id}.json"))?).ok()
    }
}

/// Per posting of a term, whether the document has a variant accepted by `accept`.
fn variant_marks(term: &decode::Term, accept: impl Fn(&str) -> bool) -> Vec<bool> {
    let mut marks = vec![false; term.postings.docs.len()];
    for (_, members) in term.variants.iter().filter(|(variant, _)| accept(variant)) {
        marks
            .iter_mut()
            .zip(members)
            .for_each(|(mark, &member)| *mark |= member);
    }
    marks
}

/// Per-document counters of a query being ranked.
struct Tally {
    /// How many words (in order) each document has matched so far.
    matched: Vec<u8>,
    score: Vec<u32>,
    /// Marked words matched in their exact form.
    exact: Vec<u8>,
    /// Matched the word being typed only through a longer word.
    partial: Vec<bool>,
}

impl Tally {
    fn new(documents: usize) -> Self {
        Tally {
            matched: vec![0; documents],
            score: vec![0; documents],
            exact: vec![0; documents],
            partial: vec![false; documents],
        }
    }

    /// Counts the matches of the word at `index` for documents that matched
    /// every word before it.
    fn add_word(&mut self, index: usize, word: &Word, found: &[Match]) {
        for found in found {
            let doc = found.doc as usize;
            if self.matched[doc] as usize != index || (word.require_exact && !found.exact) {
                continue;
            }
            self.matched[doc] += 1;
            self.score[doc] += found.impact as u32;
            self.exact[doc] += (word.marked && found.exact) as u8;
            self.partial[doc] |= !found.whole;
        }
    }

    /// Documents that matched all `count` words.
    fn complete(&self, count: usize) -> Vec<bool> {
        self.matched
            .iter()
            .map(|&matched| matched as usize == count)
            .collect()
    }

    /// Adds a pair's impacts; a required pair also removes documents without it.
    fn add_pair(&mut self, pair: &decode::Postings, required: Option<&mut Vec<bool>>) {
        let mut adjacent = vec![false; self.score.len()];
        for (&doc, &impact) in pair.docs.iter().zip(&pair.impacts) {
            adjacent[doc as usize] = true;
            self.score[doc as usize] += impact as u32;
        }
        if let Some(keep) = required {
            keep.iter_mut()
                .zip(&adjacent)
                .for_each(|(keep, &adjacent)| *keep &= adjacent);
        }
    }

    /// The kept documents, best first: exact forms, whole words, score, newest.
    fn ranked(&self, keep: &[bool]) -> Vec<u32> {
        let mut ids: Vec<u32> = (0..keep.len() as u32)
            .filter(|&doc| keep[doc as usize])
            .collect();
        ids.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            self.exact[b]
                .cmp(&self.exact[a])
                .then(self.partial[a].cmp(&self.partial[b]))
                .then(self.score[b].cmp(&self.score[a]))
                .then(b.cmp(&a))
        });
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_word_is_a_prefix_while_typing() {
        let parsed = parse("khuyến cô");
        assert_eq!(parsed.words.len(), 2);
        assert_eq!(parsed.words[0].prefix, None);
        assert_eq!(parsed.words[1].prefix.as_deref(), Some("co"));
        assert_eq!(parsed.pairs, [(0, 1, false)]);
        assert_eq!(parse("khuyến công ").words[1].prefix, None);
        assert_eq!(
            parse("khuyến c").words[1].prefix,
            None,
            "one letter is a whole word"
        );
    }

    #[test]
    fn quoted_phrases_require_their_pairs() {
        let parsed = parse("\"xúc tiến\" Lai Châu");
        assert_eq!(parsed.pairs, [(0, 1, true), (2, 3, false)]);
        assert!(parsed.words[0].require_exact);
        assert!(!parsed.words[2].require_exact);
        assert_eq!(parsed.words[3].prefix.as_deref(), Some("chau"));
        let plain = parse("\"xuc tien\"");
        assert!(
            !plain.words[0].require_exact,
            "a phrase without marks matches folded"
        );
        assert_eq!(plain.words[1].prefix, None, "phrase words are whole words");
    }

    #[test]
    fn marks_state_intent() {
        let parsed = parse("bán hang");
        assert!(parsed.words[0].marked);
        assert!(!parsed.words[1].marked);
        assert_eq!(parse("quy").words[0].fold, "qui");
        assert_eq!(parse("quy").words[0].prefix.as_deref(), Some("quy"));
    }

    fn word(marked: bool, prefix: Option<&str>) -> Word {
        Word {
            text: String::new(),
            exact: String::new(),
            fold: String::new(),
            prefix: prefix.map(String::from),
            marked,
            require_exact: false,
        }
    }

    fn found(doc: u32, impact: u8, whole: bool, exact: bool) -> Match {
        Match {
            doc,
            impact,
            whole,
            exact,
        }
    }

    #[test]
    fn ranking_puts_exact_forms_then_whole_words_then_score_then_newest() {
        let mut tally = Tally::new(6);
        // Word 0 (typed with marks): every document has it, 1 and 2 exactly.
        let first: Vec<Match> = (0..6)
            .map(|doc| found(doc, 10, true, doc == 1 || doc == 2))
            .collect();
        tally.add_word(0, &word(true, None), &first);
        // Word 1 (being typed): 3 only through a longer word; 4 scores most;
        // 0 and 5 tie; 2 lacks it.
        let second = [
            found(0, 5, true, false),
            found(1, 5, true, false),
            found(3, 50, false, false),
            found(4, 9, true, false),
            found(5, 5, true, false),
        ];
        tally.add_word(1, &word(false, Some("co")), &second);
        let keep = tally.complete(2);
        assert_eq!(tally.ranked(&keep), [1, 4, 5, 0, 3]);
    }

    #[test]
    fn required_pairs_remove_documents_without_them() {
        let mut tally = Tally::new(3);
        let all: Vec<Match> = (0..3).map(|doc| found(doc, 1, true, false)).collect();
        tally.add_word(0, &word(false, None), &all);
        let mut keep = tally.complete(1);
        let pair = decode::Postings {
            docs: vec![1],
            impacts: vec![20],
        };
        tally.add_pair(&pair, Some(&mut keep));
        assert_eq!(tally.ranked(&keep), [1]);
    }

    #[test]
    fn long_queries_keep_the_first_words() {
        let query = "một hai ba bốn năm sáu bảy tám chín mười mười một";
        assert_eq!(parse(query).words.len(), MAX_WORDS);
    }
}
