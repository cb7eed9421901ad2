//! Search stage, step 2: per-document statistics -> postings with quantized
//! BM25F impacts, for three kinds of keys: fold terms (`khuyen`), prefixes
//! of terms (`khuy`, for the word being typed) and, through pairs.rs,
//! adjacent pairs (`khuyen cong`). Impacts are integers so the browser and
//! `query.rs` rank alike.

use std::ops::Range;

use rayon::prelude::*;

use super::collect::{ChunkStats, Collected, FIELDS, Variants};
use super::pairs::Pairs;
use super::prefix::{UNION, prefix_keys, union};

pub use super::prefix::{MAX_PREFIX, MIN_PREFIX, prefixes_of};
pub use super::score::{FIELD_B, FIELD_WEIGHTS, K1, Scorer};

/// Documents and their impacts for one key, by ascending document id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    pub docs: Vec<u32>,
    pub impacts: Vec<u8>,
}

/// One document of a fold term's postings (12 bytes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermPosting {
    pub doc: u32,
    /// Occurrences per field.
    pub tf: [u8; FIELDS],
    /// A bit per variant of `Inverted::variants` the document has.
    pub variants: Variants,
}

const _: () = assert!(std::mem::size_of::<TermPosting>() == 12);

/// The inverted index, before encoding: term postings grouped by key in
/// flat tables, impacts computed when a key is encoded (`term`, `prefix`),
/// so no copy of the postings is kept; pairs are encoded already (pairs.rs).
pub struct Inverted {
    pub documents: u32,
    /// Fold keys by id, sorted.
    pub folds: Vec<String>,
    /// Exact variants of each fold term, sorted.
    pub variants: Vec<Vec<String>>,
    /// Each document's length normalization per field (`Scorer::norms`).
    norms: Vec<[f64; FIELDS]>,
    scorer: Scorer,
    /// The postings of fold `f` are `term_postings[term_starts[f]..term_starts[f + 1]]`.
    term_starts: Vec<usize>,
    term_postings: Vec<TermPosting>,
    /// Adjacent pairs in key order, their postings encoded.
    pairs: Pairs,
    /// Prefix keys in key order: (fold id, length in bytes) of a fold key.
    prefixes: Vec<(u32, u32)>,
}

impl Inverted {
    /// The postings of a fold term (into `out`) and its documents' variants.
    pub fn term(&self, fold: usize, out: &mut Postings) -> &[TermPosting] {
        let list = &self.term_postings[self.term_starts[fold]..self.term_starts[fold + 1]];
        let list_docs = list.iter().map(|posting| (posting.doc, &posting.tf));
        impacts(&self.scorer, &self.norms, list_docs, out);
        list
    }

    /// Adjacent pairs in key order and their encoded postings.
    pub fn pairs(&self) -> &Pairs {
        &self.pairs
    }

    /// How many prefix keys there are.
    pub fn prefix_count(&self) -> usize {
        self.prefixes.len()
    }

    /// The `id`-th prefix key in key order.
    pub fn prefix_key(&self, id: usize) -> &str {
        let (fold, length) = self.prefixes[id];
        &self.folds[fold as usize][..length as usize]
    }

    /// The documents with a longer term starting with the `id`-th prefix,
    /// scored as if the prefix were one term: its occurrences are those of
    /// all its completions, so a rare completion does not outrank common ones.
    pub fn prefix(&self, id: usize, out: &mut Postings) {
        let prefix = self.prefix_key(id);
        let folds = &self.folds;
        let start = folds.partition_point(|fold| fold.as_str() <= prefix);
        let end = start + folds[start..].partition_point(|fold| fold.starts_with(prefix));
        let list = &self.term_postings[self.term_starts[start]..self.term_starts[end]];
        UNION.with_borrow_mut(|(docs, sums)| {
            union(list, self.documents as usize, docs, sums);
            impacts(
                &self.scorer,
                &self.norms,
                docs.iter().copied().zip(sums.iter()),
                out,
            );
        });
    }
}

/// Postings with impacts, into `out`, from (document, occurrences) in
/// document order, given each document's norms (`Scorer::norms`).
pub(super) fn impacts<'t>(
    scorer: &Scorer,
    norms: &[[f64; FIELDS]],
    list: impl ExactSizeIterator<Item = (u32, &'t [u8; FIELDS])>,
    out: &mut Postings,
) {
    let idf = scorer.idf(list.len());
    out.docs.clear();
    out.impacts.clear();
    for (doc, tf) in list {
        out.docs.push(doc);
        out.impacts
            .push(scorer.impact_normed(idf, tf, &norms[doc as usize]));
    }
}

/// Inverts the document statistics, dropping each kind as it is grouped.
pub fn invert(collected: Collected, steps: &mut super::Steps) -> Inverted {
    let Collected {
        folds,
        variants,
        lengths,
        mut chunks,
        pair_parts,
    } = collected;
    let scorer = Scorer::new(&lengths);
    let norms: Vec<[f64; FIELDS]> = lengths.iter().map(|doc| scorer.norms(doc)).collect();
    let (term_starts, term_postings) = group::<_, Terms>(folds.len(), &chunks);
    steps.end("term groups");
    for chunk in &mut chunks {
        chunk.terms = Vec::new();
        chunk.term_ends = Vec::new();
    }
    let pairs = super::pairs::encode(&chunks, &pair_parts, &scorer, &norms);
    drop(chunks);
    steps.end("pairs");
    let prefixes = prefix_keys(&folds);
    Inverted {
        documents: lengths.len() as u32,
        folds,
        variants,
        norms,
        scorer,
        term_starts,
        term_postings,
        pairs,
        prefixes,
    }
}

/// How to read the entries to group by key from one chunk (of documents),
/// in the same order every time.
trait Entries<T> {
    type Chunk: Sync;
    fn each(chunk: &Self::Chunk, emit: impl FnMut(u32, T));
}

/// Term postings by fold term.
struct Terms;

impl Entries<TermPosting> for Terms {
    type Chunk = ChunkStats;

    fn each(chunk: &ChunkStats, mut emit: impl FnMut(u32, TermPosting)) {
        chunk.terms().for_each(|(doc, term)| {
            let posting = TermPosting {
                doc,
                tf: term.tf,
                variants: term.variants,
            };
            emit(term.fold, posting);
        });
    }
}

/// Groups entries by a key below `keys` (a counting sort, stable): returns
/// where each key's group starts (and the end) and the entries. The chunks
/// are split into one part per thread; each part counts its entries per
/// key, then writes them into its share of each key's group, so every entry
/// is visited twice.
fn group<T: Copy + Default + Send + Sync, E: Entries<T>>(
    keys: usize,
    chunks: &[E::Chunk],
) -> (Vec<usize>, Vec<T>) {
    let parts = split(chunks.len(), rayon::current_num_threads());
    let counts: Vec<Vec<usize>> = parts
        .par_iter()
        .map(|part| {
            let mut counts = vec![0usize; keys];
            for chunk in &chunks[part.clone()] {
                E::each(chunk, |key, _| counts[key as usize] += 1);
            }
            counts
        })
        .collect();
    let total = counts.iter().flatten().sum();
    let mut grouped = vec![T::default(); total];
    // Each key's group holds the entries of the first part, then of the
    // second, and so on: each part gets its slice of every group.
    let mut starts = Vec::with_capacity(keys + 1);
    let mut shares: Vec<Vec<&mut [T]>> = parts.iter().map(|_| Vec::with_capacity(keys)).collect();
    let mut rest = grouped.as_mut_slice();
    let mut start = 0;
    for key in 0..keys {
        starts.push(start);
        for (share, counts) in shares.iter_mut().zip(&counts) {
            let (head, tail) = std::mem::take(&mut rest).split_at_mut(counts[key]);
            share.push(head);
            rest = tail;
            start += counts[key];
        }
    }
    starts.push(start);
    parts
        .into_par_iter()
        .zip(shares)
        .for_each(|(part, mut share)| {
            let mut next = vec![0usize; keys];
            for chunk in &chunks[part] {
                E::each(chunk, |key, entry| {
                    let key = key as usize;
                    share[key][next[key]] = entry;
                    next[key] += 1;
                });
            }
        });
    (starts, grouped)
}

/// `0..count` in up to `parts` ranges of about the same length.
fn split(count: usize, parts: usize) -> Vec<Range<usize>> {
    let parts = parts.clamp(1, count.max(1));
    (0..parts)
        .map(|part| count * part / parts..count * (part + 1) / parts)
        .filter(|range| !range.is_empty())
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// (key, value) entries listed as they are.
    struct Listed;

    impl Entries<(u32, u32)> for Listed {
        type Chunk = Vec<(u32, u32)>;

        fn each(chunk: &Vec<(u32, u32)>, mut emit: impl FnMut(u32, (u32, u32))) {
            for &entry in chunk {
                emit(entry.0, entry);
            }
        }
    }

    /// Reproducible pseudo-random numbers (xorshift), for the search tests.
    pub(in crate::search) fn pseudo_random(count: usize, seed: u64) -> impl Iterator<Item = u32> {
        let mut state = seed;
        (0..count).map(move |_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u32
        })
    }

    #[test]
    fn grouping_is_a_stable_sort_by_key_in_any_number_of_parts() {
        let keys = 50;
        for (chunks, threads) in [(0, 2), (1, 2), (7, 2), (7, 3), (2, 4)] {
            let mut values = 0..;
            let listed: Vec<Vec<(u32, u32)>> = (0..chunks)
                .map(|chunk| {
                    pseudo_random(300 + chunk * 17, chunk as u64 + 1)
                        .map(|random| (random % keys, values.next().unwrap_or(0)))
                        .collect()
                })
                .collect();
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a pool");
            let (starts, grouped) = pool.install(|| group::<_, Listed>(keys as usize, &listed));
            let mut expected: Vec<(u32, u32)> = listed.concat();
            expected.sort_by_key(|&(key, _)| key);
            assert_eq!(grouped, expected, "{chunks} chunks, {threads} threads");
            for key in 0..keys as usize {
                let group = &grouped[starts[key]..starts[key + 1]];
                assert!(group.iter().all(|&(of, _)| of as usize == key));
            }
            assert_eq!(starts[keys as usize], grouped.len());
        }
    }
}
