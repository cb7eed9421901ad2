//! Search stage, step 1: documents (documents.rs) -> per-document term
//! statistics over a shared vocabulary. Tokens are interned as written
//! (intern.rs, no allocation per token); each distinct written form is
//! normalized once.

use rayon::prelude::*;

pub use super::documents::{BODY, Document, FIELDS, SUMMARY, TAGS, TITLE, documents};
use super::intern::Interner;
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
    /// How each chunk's pairs are split (`ChunkStats::pairs`).
    pub pair_parts: PairParts,
}

/// Term statistics of a run of consecutive documents, flat: the terms of
/// its `n`-th document end at `term_ends[n]`; its pairs are split by first
/// term into the parts of `Collected::pair_parts`.
#[derive(Debug, Default)]
pub struct ChunkStats {
    /// Id of its first document.
    pub first: u32,
    pub term_ends: Vec<u32>,
    /// Distinct fold terms of each document, in order of first occurrence.
    pub terms: Vec<TermStat>,
    /// Distinct adjacent pairs of fold terms of each document.
    pub pairs: Vec<Vec<PairStat>>,
}

impl ChunkStats {
    /// Each term statistic with the id of its document.
    pub fn terms(&self) -> impl Iterator<Item = (u32, &TermStat)> {
        let first = self.first;
        self.term_ends
            .iter()
            .enumerate()
            .scan(0usize, move |start, (n, &end)| {
                let run = &self.terms[*start..end as usize];
                *start = end as usize;
                Some(run.iter().map(move |term| (first + n as u32, term)))
            })
            .flatten()
    }
}

/// How pairs are split by their first term: into parts of consecutive fold
/// ids with about the same number of pairs, so that grouping and encoding
/// one part (pairs.rs) works on a few megabytes at a time instead of
/// scattering every pair of the site across all of its memory.
#[derive(Debug, Default)]
pub struct PairParts {
    /// The first fold id of each part, then the number of fold ids.
    starts: Vec<u32>,
    /// The part of each fold id.
    part_of: Vec<u32>,
}

/// About this many parts, however large the site.
const PAIR_PARTS: u64 = 32;
/// Fold ids per part, at most (`PairStat::first_doc` keeps 24 bits).
const PART_WIDTH: u32 = 1 << 24;

impl PairParts {
    /// Parts of about the same `mass` (an estimate of each fold id's pairs).
    pub fn balanced(mass: &[u64]) -> Self {
        let target = mass.iter().sum::<u64>() / PAIR_PARTS + 1;
        let mut parts = PairParts {
            starts: vec![0],
            part_of: Vec::with_capacity(mass.len()),
        };
        let mut filled = 0;
        for (fold, &weight) in mass.iter().enumerate() {
            let start = parts.starts[parts.starts.len() - 1];
            if filled >= target || fold as u32 - start >= PART_WIDTH {
                parts.starts.push(fold as u32);
                filled = 0;
            }
            filled += weight;
            parts.part_of.push(parts.starts.len() as u32 - 1);
        }
        parts.starts.push(mass.len() as u32);
        parts
    }

    pub fn count(&self) -> usize {
        self.starts.len() - 1
    }

    /// The fold ids of a part.
    pub fn range(&self, part: usize) -> std::ops::Range<u32> {
        self.starts[part]..self.starts[part + 1]
    }

    /// The part of a first term.
    pub fn of(&self, fold: u32) -> usize {
        self.part_of[fold as usize] as usize
    }
}

/// A set of a fold term's exact variants, a bit per variant (its index in
/// the fold's sorted variants). 32 bits keep a term's statistic at 12
/// bytes. The largest fold of the generated corpora has 7 variants (`dung`:
/// dùng, dũng, dụng, dựng, đúng, đứng and itself); `da` has 36 correct
/// spellings (`d`/`đ`, `a`/`ă`/`â`, six tones). From the 32nd on, variants
/// share the last bit (tests/search_index.rs builds those 36).
pub type Variants = u32;
/// Variants from this index on share its bit (docs/search.md §7).
pub const MAX_VARIANT_BIT: usize = Variants::BITS as usize - 1;

/// One fold term in one document (12 bytes).
#[derive(Debug, Clone, Copy)]
pub struct TermStat {
    pub fold: u32,
    /// Occurrences per field (saturating).
    pub tf: [u8; FIELDS],
    /// Which exact variants of the fold term occur (bit = variant index,
    /// `Variants`).
    pub variants: Variants,
}

/// One adjacent pair of fold terms in one document (12 bytes), in the part
/// of its first term.
#[derive(Debug, Clone, Copy)]
pub struct PairStat {
    pub second: u32,
    /// The first term's fold id minus its part's start (24 bits), then the
    /// document's id minus its chunk's first (8 bits).
    first_doc: u32,
    /// Occurrences per field (saturating).
    pub tf: [u8; FIELDS],
}

const _: () = assert!(CHUNK <= 256, "a chunk's documents are numbered in 8 bits");
const _: () = assert!(std::mem::size_of::<TermStat>() == 12);

impl PairStat {
    /// A pair whose first term is `first` ids after its part's start, in
    /// the `doc`-th document of its chunk, seen once in `field`.
    pub fn new(first: u32, second: u32, doc: u32, field: usize) -> Self {
        PairStat {
            second,
            first_doc: first << 8 | doc,
            // Made as one word, not a byte stored then read whole (a
            // stalled store forwarding).
            tf: (1u32 << (8 * field)).to_le_bytes(),
        }
    }

    /// The first term's fold id minus its part's start.
    pub fn first(&self) -> u32 {
        self.first_doc >> 8
    }

    /// The document's id minus its chunk's first.
    pub fn doc(&self) -> u32 {
        self.first_doc & 0xff
    }
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
    /// Tokens per local id, if the chunk is one of the sample (`collect`).
    counts: Vec<u32>,
}

/// Tokenizes and interns a chunk of documents, counting its tokens per
/// written form if it is one of the `sample`.
fn tokenize_chunk<'a>(documents: &[Document<'a>], sample: bool) -> Tokenized<'a> {
    INTERNER.with_borrow_mut(|interner| {
        interner.clear();
        // Tokens are at least a byte apart: reserved at once, the vector is
        // not copied as it grows, and what it does not use is never touched.
        let bytes: usize = documents
            .iter()
            .flat_map(|document| document.fields.iter().flatten())
            .map(|text| text.len())
            .sum();
        let mut chunk = Tokenized {
            forms: Vec::new(),
            tokens: Vec::with_capacity(bytes / 2 + 1),
            ends: Vec::with_capacity(documents.len()),
            counts: Vec::new(),
        };
        for document in documents {
            let mut ends = [0u32; FIELDS];
            for (field, texts) in document.fields.iter().enumerate() {
                for text in texts {
                    // Separate entries (tags, paragraphs) never join.
                    let mut first = true;
                    for token in tokens(text) {
                        let id = interner.id(&mut chunk.forms, &text[token.start..token.end]);
                        chunk.tokens.push(id << 1 | (token.joined && !first) as u32);
                        first = false;
                    }
                }
                ends[field] = chunk.tokens.len() as u32;
            }
            chunk.ends.push(ends);
        }
        if sample {
            chunk.counts = vec![0; chunk.forms.len()];
            for &token in &chunk.tokens {
                chunk.counts[(token >> 1) as usize] += 1;
            }
        }
        chunk
    })
}

/// Builds the vocabulary and the statistics of every document. Each chunk's
/// tokens are dropped as soon as its statistics are made.
pub fn collect(documents: &[Document], steps: &mut super::Steps) -> Collected {
    // Every `step`-th chunk counts its tokens: about how pairs are spread
    // over first terms, to split them in parts of about the same size.
    let step = documents
        .len()
        .div_ceil(CHUNK)
        .div_ceil(SAMPLE_CHUNKS)
        .max(1);
    let chunks: Vec<Tokenized> = documents
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(number, chunk)| tokenize_chunk(chunk, number % step == 0))
        .collect();
    steps.end("tokens");
    // One global id per written form.
    let mut global = Interner::default();
    let mut forms: Vec<&str> = Vec::new();
    let remaps: Vec<Vec<u32>> = chunks
        .iter()
        .map(|chunk| {
            chunk
                .forms
                .iter()
                .map(|form| global.id(&mut forms, form))
                .collect()
        })
        .collect();
    drop(global);
    let vocabulary = Vocabulary::new(&forms);
    let pair_parts = pair_parts(&chunks, &remaps, &vocabulary, step as u64);
    steps.end("vocabulary");
    let stats: Vec<(Vec<[u32; FIELDS]>, ChunkStats)> = chunks
        .into_par_iter()
        .zip(remaps)
        .enumerate()
        .map(|(number, (chunk, remap))| {
            let first = (number * CHUNK) as u32;
            SCRATCH.with_borrow_mut(|scratch| {
                let terms = scratch.chunk_terms(&remap, &vocabulary);
                chunk_stats(first, chunk, &terms, &pair_parts, scratch)
            })
        })
        .collect();
    steps.end("statistics");
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
        pair_parts,
    }
}

/// Chunks that count their tokens, about (`collect`).
const SAMPLE_CHUNKS: usize = 8;

/// Parts of the pairs of about the same size, estimated from the token
/// counts of the sampled chunks (one in `step`): a pair starts at every
/// token but the last of a phrase.
fn pair_parts(
    chunks: &[Tokenized],
    remaps: &[Vec<u32>],
    vocabulary: &Vocabulary,
    step: u64,
) -> PairParts {
    // Every fold id weighs at least 1, so that those the sample missed
    // still spread over the parts.
    let mut mass = vec![1u64; vocabulary.folds.len()];
    for (chunk, remap) in chunks.iter().zip(remaps) {
        for (&count, &form) in chunk.counts.iter().zip(remap) {
            mass[vocabulary.form_terms[form as usize].0 as usize] += count as u64 * step;
        }
    }
    PairParts::balanced(&mass)
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
                    .min(MAX_VARIANT_BIT);
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
    /// Each worker thread's interner table, reused from chunk to chunk.
    static INTERNER: std::cell::RefCell<Interner> = std::cell::RefCell::default();
    /// Each worker thread's `Scratch`, reused from chunk to chunk.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Values by index that are all unset at once in O(1): a value counts when
/// its stamp is the current generation.
#[derive(Default)]
struct Marks {
    stamp: Vec<u32>,
    value: Vec<u32>,
    generation: u32,
}

impl Marks {
    /// Unsets every value, making room for indexes below `len`.
    fn reset(&mut self, len: usize) {
        if self.stamp.len() < len {
            self.stamp.resize(len, 0);
            self.value.resize(len, 0);
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamp.fill(0);
            self.generation = 1;
        }
    }

    fn get(&self, index: usize) -> Option<u32> {
        (self.stamp[index] == self.generation).then(|| self.value[index])
    }

    fn set(&mut self, index: usize, value: u32) {
        self.stamp[index] = self.generation;
        self.value[index] = value;
    }
}

/// The fold terms of a chunk, numbered by the chunk: each written form's
/// chunk term and variant bit, and each chunk term's fold id.
struct ChunkTerms {
    forms: Vec<(u32, u8)>,
    folds: Vec<u32>,
}

/// Reusable buffers of `chunk_stats`, `doc_terms` and `doc_pairs`, so that the tables
/// indexed by term are as small as a chunk's or a document's terms.
#[derive(Default)]
struct Scratch {
    /// Global fold id -> chunk term.
    chunk_term: Marks,
    /// Chunk term -> its slot among the current document's terms.
    doc_slot: Marks,
    /// Document slot of a pair's second term -> where the pair is in
    /// `ChunkStats::pairs`, for the current first term.
    pair_at: Marks,
    /// The current document's adjacent pairs: (first slot, second slot << 2
    /// | field), then grouped by first slot into `grouped` (second slot << 2
    /// | field) with `group_ends`.
    pairs: Vec<(u32, u32)>,
    grouped: Vec<u32>,
    group_ends: Vec<u32>,
    /// Pairs per part in the previous chunk: about the room to make.
    part_sizes: Vec<usize>,
}

impl Scratch {
    /// Numbers the fold terms of a chunk, given its forms' global ids.
    fn chunk_terms(&mut self, remap: &[u32], vocabulary: &Vocabulary) -> ChunkTerms {
        self.chunk_term.reset(vocabulary.folds.len());
        let mut terms = ChunkTerms {
            forms: Vec::with_capacity(remap.len()),
            folds: Vec::new(),
        };
        for &form in remap {
            let (fold, variant) = vocabulary.form_terms[form as usize];
            let local = match self.chunk_term.get(fold as usize) {
                Some(local) => local,
                None => {
                    let local = terms.folds.len() as u32;
                    self.chunk_term.set(fold as usize, local);
                    terms.folds.push(fold);
                    local
                }
            };
            terms.forms.push((local, variant));
        }
        terms
    }
}

/// The statistics of a tokenized chunk, and its documents' lengths.
fn chunk_stats(
    first: u32,
    chunk: Tokenized,
    terms: &ChunkTerms,
    parts: &PairParts,
    scratch: &mut Scratch,
) -> (Vec<[u32; FIELDS]>, ChunkStats) {
    scratch.part_sizes.resize(parts.count(), 0);
    let mut stats = ChunkStats {
        first,
        term_ends: Vec::with_capacity(chunk.ends.len()),
        // At most a term per token (see `tokenize_chunk`).
        terms: Vec::with_capacity(chunk.tokens.len()),
        pairs: scratch
            .part_sizes
            .iter()
            .map(|&size| Vec::with_capacity(size + size / 4))
            .collect(),
    };
    let mut lengths = Vec::with_capacity(chunk.ends.len());
    let mut start = 0;
    for (doc, ends) in chunk.ends.iter().enumerate() {
        let mut fields: [&[u32]; FIELDS] = Default::default();
        let mut length = [0u32; FIELDS];
        for field in 0..FIELDS {
            fields[field] = &chunk.tokens[start..ends[field] as usize];
            length[field] = fields[field].len() as u32;
            start = ends[field] as usize;
        }
        doc_terms(&fields, terms, scratch, &mut stats);
        doc_pairs(doc as u32, parts, scratch, &mut stats);
        lengths.push(length);
    }
    for (size, part) in scratch.part_sizes.iter_mut().zip(&stats.pairs) {
        *size = part.len();
    }
    (lengths, stats)
}

/// Appends one document's term statistics, from its interned tokens per
/// field, and notes its adjacent pairs in `scratch.pairs`.
fn doc_terms(
    fields: &[&[u32]; FIELDS],
    chunk_terms: &ChunkTerms,
    scratch: &mut Scratch,
    stats: &mut ChunkStats,
) {
    scratch.doc_slot.reset(chunk_terms.folds.len());
    scratch.pairs.clear();
    let terms = &mut stats.terms;
    let base = terms.len();
    for (field, tokens) in fields.iter().enumerate() {
        let mut previous: Option<u32> = None;
        for &token in tokens.iter() {
            let (local, variant) = chunk_terms.forms[(token >> 1) as usize];
            let slot = match scratch.doc_slot.get(local as usize) {
                Some(slot) => slot,
                None => {
                    let slot = (terms.len() - base) as u32;
                    scratch.doc_slot.set(local as usize, slot);
                    terms.push(TermStat {
                        fold: chunk_terms.folds[local as usize],
                        tf: [0; FIELDS],
                        variants: 0,
                    });
                    slot
                }
            };
            let term = &mut terms[base + slot as usize];
            term.tf[field] = term.tf[field].saturating_add(1);
            term.variants |= 1 << variant;
            if let (Some(first), true) = (previous, token & 1 == 1) {
                scratch.pairs.push((first, slot << 2 | field as u32));
            }
            previous = Some(slot);
        }
    }
    stats.term_ends.push(terms.len() as u32);
}

/// Appends the distinct adjacent pairs of the document whose terms were
/// appended last (the `doc`-th of its chunk), counted per field, to the
/// parts of their first terms. Their order within the document does not
/// matter (grouping puts each pair's documents in order), so they are
/// grouped by first term with a counting sort and told apart by second
/// term with `Marks`, without sorting.
fn doc_pairs(doc: u32, parts: &PairParts, scratch: &mut Scratch, stats: &mut ChunkStats) {
    let base = match stats.term_ends.len() {
        0 | 1 => 0,
        n => stats.term_ends[n - 2] as usize,
    };
    let doc_terms = &stats.terms[base..];
    let Scratch {
        pair_at,
        pairs,
        grouped,
        group_ends,
        ..
    } = scratch;
    group_ends.clear();
    group_ends.resize(doc_terms.len() + 1, 0);
    for &(first, _) in pairs.iter() {
        group_ends[first as usize + 1] += 1;
    }
    for at in 1..group_ends.len() {
        group_ends[at] += group_ends[at - 1];
    }
    grouped.clear();
    grouped.resize(pairs.len(), 0);
    for &(first, second) in pairs.iter() {
        let at = &mut group_ends[first as usize];
        grouped[*at as usize] = second;
        *at += 1;
    }
    // Each group now ends where the next one started.
    let mut start = 0;
    for (first, &end) in group_ends.iter().enumerate().take(doc_terms.len()) {
        let group = &grouped[start..end as usize];
        start = end as usize;
        if group.is_empty() {
            continue;
        }
        let fold = doc_terms[first].fold;
        let part = parts.of(fold);
        let offset = fold - parts.range(part).start;
        let part = &mut stats.pairs[part];
        pair_at.reset(doc_terms.len());
        for &packed in group {
            let (second, field) = ((packed >> 2) as usize, (packed & 3) as usize);
            match pair_at.get(second) {
                Some(at) => {
                    let tf = &mut part[at as usize].tf[field];
                    *tf = tf.saturating_add(1);
                }
                None => {
                    pair_at.set(second, part.len() as u32);
                    part.push(PairStat::new(offset, doc_terms[second].fold, doc, field));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_parts_cover_every_fold_in_order_with_about_equal_mass() {
        for (folds, heavy) in [(1000u64, 0u64), (1000, 500), (40, 0)] {
            let mass: Vec<u64> = (0..folds)
                .map(|fold| 1 + fold % 7 + (fold % 97 == 0) as u64 * heavy)
                .collect();
            let share = mass.iter().sum::<u64>() / PAIR_PARTS + 1;
            let parts = PairParts::balanced(&mass);
            let mut next = 0;
            for part in 0..parts.count() {
                let range = parts.range(part);
                assert_eq!(range.start, next);
                assert!(!range.is_empty());
                next = range.end;
                for fold in range.clone() {
                    assert_eq!(parts.of(fold), part);
                }
                // A part closes once it holds its share.
                let total: u64 = mass[range.start as usize..range.end as usize].iter().sum();
                assert!(total < share + 8 + heavy, "{total} of {share}");
            }
            assert_eq!(next as u64, folds);
            if heavy == 0 && folds >= 1000 {
                let count = parts.count() as u64;
                assert!(
                    (PAIR_PARTS - 2..=PAIR_PARTS + 1).contains(&count),
                    "{count}"
                );
            }
        }
        assert_eq!(PairParts::balanced(&[]).count(), 1, "one empty part");
    }

    #[test]
    fn pair_stats_keep_first_term_and_document() {
        let pair = PairStat::new(PART_WIDTH - 1, 42, 255, 2);
        assert_eq!(
            (pair.first(), pair.doc(), pair.second),
            (PART_WIDTH - 1, 255, 42)
        );
        assert_eq!(pair.tf, [0, 0, 1, 0]);
    }
}
