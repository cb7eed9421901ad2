//! Search stage, step 2 (pairs): the adjacent pairs of every document
//! (collect.rs, split by first term into parts) -> the pair keys in key
//! order and their postings, encoded. A part is grouped by first term, then
//! second term, then document, and each pair's postings are encoded at once,
//! so a part's pairs (a few megabytes) are sorted where the caches hold them
//! and no table of every pair's postings is ever made: at 10,000 articles
//! there are about 4.8 million (pair, document) entries.

use rayon::prelude::*;

use super::collect::{ChunkStats, FIELDS, PairParts};
use super::encode;
use super::postings::{Postings, impacts};
use super::score::Scorer;
use super::shard::Blocks;

/// The distinct adjacent pairs of fold terms, in key order (first term,
/// then second), and the encoded postings of each.
#[derive(Debug, Default)]
pub struct Pairs {
    /// (first, second) fold ids by pair id.
    pub keys: Vec<(u32, u32)>,
    pub blocks: Blocks,
}

/// One document of a pair's postings, grouped under the pair's first term
/// (12 bytes).
#[derive(Debug, Clone, Copy, Default)]
struct PairPosting {
    /// The pair's other term, the second.
    other: u32,
    doc: u32,
    tf: [u8; FIELDS],
}

/// Groups and encodes the pairs of every chunk, one part at a time (in
/// parallel), with impacts from the `scorer` and each document's `norms`.
pub fn encode(
    chunks: &[ChunkStats],
    parts: &PairParts,
    scorer: &Scorer,
    norms: &[[f64; FIELDS]],
) -> Pairs {
    let encoded: Vec<Pairs> = (0..parts.count())
        .into_par_iter()
        .map(|part| {
            let folds = parts.range(part);
            SCRATCH.with_borrow_mut(|scratch| {
                scratch.group(chunks, part, folds.len());
                scratch.encode(folds.start, scorer, norms)
            })
        })
        .collect();
    let keys = encoded
        .iter()
        .flat_map(|part| &part.keys)
        .copied()
        .collect();
    let blocks = Blocks::concat(encoded.into_iter().map(|part| part.blocks).collect());
    Pairs { keys, blocks }
}

thread_local! {
    /// Each worker thread's `Scratch`, reused from part to part.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// The postings of one part and the tables that sort them.
#[derive(Default)]
struct Scratch {
    /// The part's postings, by first term (offset from the part's start),
    /// then, once sorted, by second term and document.
    grouped: Vec<PairPosting>,
    /// Where each first term's postings end in `grouped`.
    ends: Vec<usize>,
    by_second: BySecond,
    postings: Postings,
}

impl Scratch {
    /// Gathers the pairs of one part from every chunk, in document order,
    /// grouped by first term (a counting sort over the part's `width` fold
    /// ids), each group sorted by second term.
    fn group(&mut self, chunks: &[ChunkStats], part: usize, width: usize) {
        let ends = &mut self.ends;
        ends.clear();
        ends.resize(width, 0);
        for chunk in chunks {
            for pair in &chunk.pairs[part] {
                ends[pair.first() as usize] += 1;
            }
        }
        // Now where each group starts, then, as it fills, where it ends.
        let mut total = 0;
        for count in ends.iter_mut() {
            (total, *count) = (total + *count, total);
        }
        self.grouped.clear();
        self.grouped.resize(total, PairPosting::default());
        for chunk in chunks {
            for pair in &chunk.pairs[part] {
                let next = &mut ends[pair.first() as usize];
                self.grouped[*next] = PairPosting {
                    other: pair.second,
                    doc: chunk.first + pair.doc(),
                    tf: pair.tf,
                };
                *next += 1;
            }
        }
        let mut start = 0;
        for &end in ends.iter() {
            self.by_second.sort(&mut self.grouped[start..end]);
            start = end;
        }
    }

    /// Encodes the grouped part, whose first fold id is `first`.
    fn encode(&mut self, first: u32, scorer: &Scorer, norms: &[[f64; FIELDS]]) -> Pairs {
        let universe = norms.len() as u32;
        let mut pairs = Pairs::default();
        let mut start = 0;
        for (offset, &end) in self.ends.iter().enumerate() {
            let group = &self.grouped[start..end];
            start = end;
            for run in group.chunk_by(|a, b| a.other == b.other) {
                let list = run.iter().map(|posting| (posting.doc, &posting.tf));
                impacts(scorer, norms, list, &mut self.postings);
                pairs.keys.push((first + offset as u32, run[0].other));
                pairs
                    .blocks
                    .push_with(|out| encode::postings(out, &self.postings, universe));
            }
        }
        pairs
    }
}

/// Groups with fewer postings are sorted by comparison.
const SMALL_GROUP: usize = 32;

/// Sorts the pair postings of one first term, in document order, by second
/// term, keeping document order within each second term: a counting sort
/// over the group's distinct second terms, whose table is a thread's own.
#[derive(Default)]
struct BySecond {
    /// Postings per second term, then where its next one goes; all zero
    /// between groups.
    next: Vec<u32>,
    /// The group's distinct second terms.
    seconds: Vec<u32>,
    /// A copy of the group to scatter from.
    copy: Vec<PairPosting>,
}

impl BySecond {
    fn sort(&mut self, group: &mut [PairPosting]) {
        if group.len() <= SMALL_GROUP {
            group.sort_unstable_by_key(|posting| (posting.other, posting.doc));
            return;
        }
        self.seconds.clear();
        for posting in group.iter() {
            let other = posting.other as usize;
            if other >= self.next.len() {
                self.next.resize(other + 1, 0);
            }
            let count = &mut self.next[other];
            if *count == 0 {
                self.seconds.push(posting.other);
            }
            *count += 1;
        }
        self.seconds.sort_unstable();
        let mut start = 0;
        for &second in &self.seconds {
            let count = self.next[second as usize];
            self.next[second as usize] = start;
            start += count;
        }
        self.copy.clear();
        self.copy.extend_from_slice(group);
        for posting in &self.copy {
            let next = &mut self.next[posting.other as usize];
            group[*next as usize] = *posting;
            *next += 1;
        }
        for &second in &self.seconds {
            self.next[second as usize] = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::collect::PairStat;
    use crate::search::postings::tests::pseudo_random;

    #[test]
    fn parts_give_every_pair_in_key_order_with_its_documents_postings() {
        let (folds, documents) = (50u32, 600u32);
        let mass: Vec<u64> = (0..folds as u64).map(|fold| 1 + fold % 7).collect();
        let parts = PairParts::balanced(&mass);
        assert!(parts.count() > 10, "{} parts", parts.count());
        let mut random = pseudo_random(1_000_000, 7);
        let mut chunks: Vec<ChunkStats> = Vec::new();
        // (first, second, doc, tf) of every pair in every document.
        type Entry = (u32, u32, u32, [u8; FIELDS]);
        let mut all: Vec<Entry> = Vec::new();
        for doc in 0..documents {
            if doc % 256 == 0 {
                chunks.push(ChunkStats {
                    first: doc,
                    pairs: (0..parts.count()).map(|_| Vec::new()).collect(),
                    ..ChunkStats::default()
                });
            }
            let chunk = chunks.last_mut().expect("a chunk");
            let mut seen = std::collections::BTreeSet::new();
            for _ in 0..(random.next().unwrap_or(0) % 40) {
                let (first, second) = (
                    random.next().unwrap_or(0) % folds,
                    random.next().unwrap_or(0) % folds,
                );
                if !seen.insert((first, second)) {
                    continue;
                }
                let part = parts.of(first);
                let offset = first - parts.range(part).start;
                let mut pair = PairStat::new(offset, second, doc - chunk.first, 3);
                pair.tf[3] = 1 + (random.next().unwrap_or(0) % 5) as u8;
                chunk.pairs[part].push(pair);
                all.push((first, second, doc, pair.tf));
            }
        }
        let lengths = vec![[5, 1, 10, 200]; documents as usize];
        let scorer = Scorer::new(&lengths);
        let norms: Vec<[f64; FIELDS]> = lengths.iter().map(|doc| scorer.norms(doc)).collect();
        let pairs = encode(&chunks, &parts, &scorer, &norms);

        all.sort_by_key(|&(first, second, doc, _)| (first, second, doc));
        let runs: Vec<&[Entry]> = all.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)).collect();
        assert_eq!(pairs.keys.len(), runs.len());
        assert_eq!(pairs.blocks.len(), runs.len());
        let mut postings = Postings::default();
        for (id, run) in runs.iter().enumerate() {
            assert_eq!(pairs.keys[id], (run[0].0, run[0].1));
            impacts(
                &scorer,
                &norms,
                run.iter().map(|entry| (entry.2, &entry.3)),
                &mut postings,
            );
            let mut expected = Vec::new();
            encode::postings(&mut expected, &postings, documents);
            assert_eq!(pairs.blocks.get(id), expected, "pair {:?}", pairs.keys[id]);
        }
    }

    #[test]
    fn pair_groups_are_sorted_by_second_term_then_document() {
        let mut by_second = BySecond::default();
        for (length, seconds) in [(5, 3), (40, 2), (1000, 30), (1000, 900), (300, 30)] {
            let mut group: Vec<PairPosting> = pseudo_random(length, length as u64)
                .enumerate()
                .map(|(doc, random)| PairPosting {
                    other: random % seconds,
                    doc: doc as u32,
                    tf: [0, 0, 0, 1],
                })
                .collect();
            let mut expected = group.clone();
            expected.sort_by_key(|posting| (posting.other, posting.doc));
            by_second.sort(&mut group);
            let pairs = |list: &[PairPosting]| -> Vec<(u32, u32)> {
                list.iter()
                    .map(|posting| (posting.other, posting.doc))
                    .collect()
            };
            assert_eq!(pairs(&group), pairs(&expected), "{length} postings");
        }
    }
}
