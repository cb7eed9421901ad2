//! Search stage, step 1: documents (documents.rs) -> per-document term
//! statistics over a shared vocabulary. Tokens are
//! interned as written (no allocation per token); each distinct written form
//! is normalized once.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

pub use super::documents::{BODY, Document, FIELDS, SUMMARY, TAGS, TITLE, documents};
use super::normalize::{exact_key, fold_key};
use super::tokenize::tokens;

/// Documents per parallel work unit (each has its own interner).
const CHUNK: usize = 256;

/// The vocabulary and the term statistics of every document, chunk by chunk.
pub struct Collected {
    /// Fold keys by id, sorted (id order = key order).
    pub folds: Vec<String>,
    /// Exact variants of each fold term, sorted.
    pub variants: Vec<Vec<String>>,
    /// Tokens per field, by document id.
    pub lengths: Vec<[u32; FIELDS]>,
    /// Statistics of consecutive runs of documents, in id order.
    pub chunks: Vec<ChunkStats>,
}

/// Term statistics of a run of consecutive documents, flat: the entries of
/// its `n`-th document end at `term_ends[n]` and `pair_ends[n]`.
#[derive(Debug, Default)]
pub struct ChunkStats {
    /// Id of its first document.
    pub first: u32,
    pub term_ends: Vec<u32>,
    /// Distinct fold terms of each document, in order of first occurrence.
    pub terms: Vec<TermStat>,
    pub pair_ends: Vec<u32>,
    /// Distinct adjacent pairs of fold terms of each document, sorted.
    pub pairs: Vec<PairStat>,
}

impl ChunkStats {
    /// Document ids with their ranges of `entries` (given their ends).
    pub fn documents<'s, T>(
        &self,
        ends: &'s [u32],
        entries: &'s [T],
    ) -> impl Iterator<Item = (u32, &'s [T])> + 's {
        let first = self.first;
        ends.iter()
            .enumerate()
            .scan(0usize, move |start, (n, &end)| {
                let range = *start..end as usize;
                *start = end as usize;
                Some((first + n as u32, &entries[range]))
            })
    }
}

/// One fold term in one document.
#[derive(Debug, Clone, Copy)]
pub struct TermStat {
    pub fold: u32,
    /// Occurrences per field (saturating).
    pub tf: [u8; FIELDS],
    /// Which exact variants of the fold term occur (bit = variant index).
    pub variants: u64,
}

/// One adjacent pair of fold terms in one document (12 bytes).
#[derive(Debug, Clone, Copy)]
pub struct PairStat {
    pub first: u32,
    pub second: u32,
    /// Occurrences per field (saturating).
    pub tf: [u8; FIELDS],
}

/// The tokens of a chunk of documents, interned by the chunk.
struct Tokenized<'a> {
    /// Written forms by local id.
    forms: Vec<&'a str>,
    /// Every token of every document: `local id << 1 | joined`, where joined
    /// means adjacent to the previous token in the same phrase.
    tokens: Vec<u32>,
    /// Per document, where each field's tokens end in `tokens`.
    ends: Vec<[u32; FIELDS]>,
}

/// Tokenizes and interns a chunk of documents.
fn tokenize_chunk<'a>(documents: &[Document<'a>]) -> Tokenized<'a> {
    let mut ids: HashMap<&'a str, u32> = HashMap::default();
    let mut chunk = Tokenized {
        forms: Vec::new(),
        tokens: Vec::new(),
        ends: Vec::with_capacity(documents.len()),
    };
    for document in documents {
        let mut ends = [0u32; FIELDS];
        for (field, texts) in document.fields.iter().enumerate() {
            for text in texts {
                // Separate entries (tags, paragraphs) never join.
                let mut first = true;
                for token in tokens(text) {
                    let form = &text[token.start..token.end];
                    let id = *ids.entry(form).or_insert_with(|| {
                        chunk.forms.push(form);
                        chunk.forms.len() as u32 - 1
                    });
                    chunk.tokens.push(id << 1 | (token.joined && !first) as u32);
                    first = false;
                }
            }
            ends[field] = chunk.tokens.len() as u32;
        }
        chunk.ends.push(ends);
    }
    chunk
}

/// Builds the vocabulary and the statistics of every document. Each chunk's
/// tokens are dropped as soon as its statistics are made.
pub fn collect(documents: &[Document]) -> Collected {
    let chunks: Vec<Tokenized> = documents.par_chunks(CHUNK).map(tokenize_chunk).collect();
    // One global id per written form.
    let mut global: HashMap<&str, u32> = HashMap::default();
    let mut forms: Vec<&str> = Vec::new();
    let remaps: Vec<Vec<u32>> = chunks
        .iter()
        .map(|chunk| {
            chunk
                .forms
                .iter()
                .map(|form| {
                    *global.entry(form).or_insert_with(|| {
                        forms.push(form);
                        forms.len() as u32 - 1
                    })
                })
                .collect()
        })
        .collect();
    drop(global);
    let vocabulary = Vocabulary::new(&forms);
    let terms = vocabulary.folds.len();
    let stats: Vec<(Vec<[u32; FIELDS]>, ChunkStats)> = chunks
        .into_par_iter()
        .zip(remaps)
        .enumerate()
        .map(|(number, (chunk, remap))| {
            let remap: Vec<(u32, u8)> = remap
                .iter()
                .map(|&form| vocabulary.form_terms[form as usize])
                .collect();
            let first = (number * CHUNK) as u32;
            SCRATCH.with_borrow_mut(|scratch| chunk_stats(first, chunk, &remap, terms, scratch))
        })
        .collect();
    let mut lengths = Vec::with_capacity(documents.len());
    let mut chunks = Vec::with_capacity(stats.len());
    for (chunk_lengths, chunk) in stats {
        lengths.extend(chunk_lengths);
        chunks.push(chunk);
    }
    Collected {
        folds: vocabulary.folds,
        variants: vocabulary.variants,
        lengths,
        chunks,
    }
}

/// Written form id -> (fold id, variant bit).
struct Vocabulary {
    form_terms: Vec<(u32, u8)>,
    folds: Vec<String>,
    variants: Vec<Vec<String>>,
}

impl Vocabulary {
    fn new(forms: &[&str]) -> Self {
        let keys: Vec<(String, String)> = forms
            .par_iter()
            .map(|form| {
                let exact = exact_key(form);
                let fold = fold_key(&exact);
                (fold, exact)
            })
            .collect();
        let mut pairs: Vec<(&str, &str)> = keys
            .iter()
            .map(|(fold, exact)| (fold.as_str(), exact.as_str()))
            .collect();
        pairs.par_sort_unstable();
        pairs.dedup();
        let mut folds: Vec<String> = Vec::new();
        let mut variants: Vec<Vec<String>> = Vec::new();
        for (fold, exact) in &pairs {
            if folds.last().map(String::as_str) != Some(*fold) {
                folds.push(fold.to_string());
                variants.push(Vec::new());
            }
            if let Some(list) = variants.last_mut() {
                list.push(exact.to_string());
            }
        }
        let form_terms = keys
            .par_iter()
            .map(|(fold, exact)| {
                let id = folds.binary_search(fold).unwrap_or_default();
                let variant = variants[id]
                    .binary_search(exact)
                    .unwrap_or_default()
                    .min(63);
                (id as u32, variant as u8)
            })
            .collect();
        Vocabulary {
            form_terms,
            folds,
            variants,
        }
    }
}

thread_local! {
    /// Each worker thread's `Scratch`, sized to the vocabulary once.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Reusable buffers of `doc_stats`: where each term of the current document
/// sits in its list (valid when its stamp is the document's), and packed
/// (first, second, field) pair entries, sorted to count them.
#[derive(Default)]
struct Scratch {
    stamp: Vec<u32>,
    slot: Vec<u32>,
    generation: u32,
    pairs: Vec<u64>,
}

/// The statistics of a tokenized chunk, and its documents' lengths.
fn chunk_stats(
    first: u32,
    chunk: Tokenized,
    remap: &[(u32, u8)],
    terms: usize,
    scratch: &mut Scratch,
) -> (Vec<[u32; FIELDS]>, ChunkStats) {
    if scratch.stamp.len() < terms {
        // A new vocabulary (another build in this process): fresh stamps.
        scratch.stamp = vec![0; terms];
        scratch.slot = vec![0; terms];
        scratch.generation = 0;
    }
    let mut stats = ChunkStats {
        first,
        term_ends: Vec::with_capacity(chunk.ends.len()),
        pair_ends: Vec::with_capacity(chunk.ends.len()),
        ..Default::default()
    };
    let mut lengths = Vec::with_capacity(chunk.ends.len());
    let mut start = 0;
    for ends in &chunk.ends {
        let mut fields: [&[u32]; FIELDS] = Default::default();
        let mut length = [0u32; FIELDS];
        for field in 0..FIELDS {
            fields[field] = &chunk.tokens[start..ends[field] as usize];
            length[field] = fields[field].len() as u32;
            start = ends[field] as usize;
        }
        doc_stats(&fields, remap, scratch, &mut stats);
        lengths.push(length);
    }
    (lengths, stats)
}

/// Appends one document's statistics, from its interned tokens per field.
fn doc_stats(
    fields: &[&[u32]; FIELDS],
    remap: &[(u32, u8)],
    scratch: &mut Scratch,
    stats: &mut ChunkStats,
) {
    scratch.generation = scratch.generation.wrapping_add(1);
    if scratch.generation == 0 {
        scratch.stamp.fill(0);
        scratch.generation = 1;
    }
    let generation = scratch.generation;
    scratch.pairs.clear();
    let terms = &mut stats.terms;
    let base = terms.len();
    for (field, tokens) in fields.iter().enumerate() {
        let mut previous: Option<u32> = None;
        for &token in tokens.iter() {
            let (fold, variant) = remap[(token >> 1) as usize];
            let at = fold as usize;
            if scratch.stamp[at] != generation {
                scratch.stamp[at] = generation;
                scratch.slot[at] = (terms.len() - base) as u32;
                terms.push(TermStat {
                    fold,
                    tf: [0; FIELDS],
                    variants: 0,
                });
            }
            let term = &mut terms[base + scratch.slot[at] as usize];
            term.tf[field] = term.tf[field].saturating_add(1);
            term.variants |= 1 << variant;
            if let (Some(first), true) = (previous, token & 1 == 1) {
                scratch
                    .pairs
                    .push((first as u64) << 33 | (fold as u64) << 2 | field as u64);
            }
            previous = Some(fold);
        }
    }
    stats.term_ends.push(terms.len() as u32);
    scratch.pairs.sort_unstable();
    let pairs_start = stats.pairs.len();
    for &packed in &scratch.pairs {
        let first = (packed >> 33) as u32;
        let second = (packed >> 2 & 0x7fff_ffff) as u32;
        let field = (packed & 3) as usize;
        let len = stats.pairs.len();
        match stats.pairs.last_mut() {
            Some(last) if len > pairs_start && (last.first, last.second) == (first, second) => {
                last.tf[field] = last.tf[field].saturating_add(1)
            }
            _ => {
                let mut tf = [0u8; FIELDS];
                tf[field] = 1;
                stats.pairs.push(PairStat { first, second, tf });
            }
        }
    }
    stats.pair_ends.push(stats.pairs.len() as u32);
}
