//! Search, query side: a query string and the index files -> ranked document
//! ids. This is the ranking of the browser client (`search.js`) in Rust, so
//! that ranking is unit-tested (`parse.rs`, `rank.rs`) and both are checked
//! against the shared expectations of `tests/search/ranking.json`
//! (docs/search.md §5).

use std::cell::RefCell;
use std::collections::HashMap;

use serde::Deserialize;

use super::decode::{self, Reader};
use super::layout::{MANIFEST, PAIRS, PREFIX_MARK, TERMS};
use super::normalize::{fold_key, has_tone, lower, without_tone};
use super::rank::{Match, Tally};
use super::telex;

pub use super::parse::{MAX_WORDS, Query, Word, parse};

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
