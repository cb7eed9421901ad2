//! Search stage, step 4 (shards): the keys of one kind, in key order, and
//! their encoded blocks -> shard files of about `SHARD_BYTES`, each a range
//! of keys, and the separators the manifest lists to find a key's shard.

use rayon::prelude::*;

use super::encode;

/// Aimed size of a shard file; a key larger than this is a shard by itself.
pub const SHARD_BYTES: usize = 2048;
/// Shards per key kind, at most (about): beyond it shards grow instead, so
/// that the manifest, which lists them, stays small (about 20 KB gzipped).
pub const MAX_SHARDS: usize = 3000;

/// Keys encoded per parallel work unit.
const ENCODE_BATCH: usize = 2048;

/// The encoded blocks of the keys of one kind, by key id: runs of
/// consecutive blocks as the workers that encoded them left them, joined
/// without copying (`concat`).
#[derive(Debug, Default)]
pub struct Blocks {
    runs: Vec<Run>,
    /// The id of each run's first block.
    firsts: Vec<usize>,
    count: usize,
}

/// Consecutive blocks: their bytes, and where each block ends in them.
#[derive(Debug, Default)]
struct Run {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Blocks {
    /// Encodes the blocks of `count` keys, in parallel batches.
    pub fn encode(count: usize, block: impl Fn(usize, &mut Vec<u8>) + Sync) -> Blocks {
        let batches: Vec<Blocks> = (0..count.div_ceil(ENCODE_BATCH))
            .into_par_iter()
            .map(|batch| {
                let mut blocks = Blocks::default();
                for id in batch * ENCODE_BATCH..((batch + 1) * ENCODE_BATCH).min(count) {
                    blocks.push_with(|out| block(id, out));
                }
                blocks
            })
            .collect();
        Blocks::concat(batches)
    }

    /// The blocks of each part, one after the other.
    pub fn concat(parts: Vec<Blocks>) -> Blocks {
        let mut all = Blocks::default();
        let runs = parts.into_iter().flat_map(|part| part.runs);
        for run in runs.filter(|run| !run.ends.is_empty()) {
            all.firsts.push(all.count);
            all.count += run.ends.len();
            all.runs.push(run);
        }
        all
    }

    /// Appends the block `encode` writes.
    pub fn push_with(&mut self, encode: impl FnOnce(&mut Vec<u8>)) {
        if self.runs.is_empty() {
            self.runs.push(Run::default());
            self.firsts.push(0);
        }
        let last = self.runs.len() - 1;
        let run = &mut self.runs[last];
        encode(&mut run.bytes);
        run.ends.push(run.bytes.len());
        self.count += 1;
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The bytes of every block.
    fn bytes(&self) -> usize {
        self.runs.iter().map(|run| run.bytes.len()).sum()
    }

    /// The block of key `id`.
    pub fn get(&self, id: usize) -> &[u8] {
        let at = self.firsts.partition_point(|&first| first <= id) - 1;
        let (run, id) = (&self.runs[at], id - self.firsts[at]);
        let start = if id == 0 { 0 } else { run.ends[id - 1] };
        &run.bytes[start..run.ends[id]]
    }
}

/// Cuts the keys of one kind (given in key order) and their blocks into
/// shards of about `shard_bytes`, each a range of keys; returns the shard
/// files and the separators (the shortest prefix of each shard's first key
/// that is greater than the previous shard's last key).
pub(super) fn shard_files(
    kind: &str,
    shard_bytes: usize,
    key: impl Fn(usize, &mut Vec<u8>) + Sync,
    blocks: &Blocks,
) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    let count = blocks.len();
    // Large sites get larger shards so that the manifest stays small.
    let total = blocks.bytes() + count * 16;
    let shard_bytes = shard_bytes.max(total / MAX_SHARDS);
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let mut separators = Vec::new();
    let (mut first, mut size) = (0, 0);
    let (mut previous, mut current) = (Vec::new(), Vec::new());
    for id in 0..count {
        current.clear();
        key(id, &mut current);
        debug_assert!(id == 0 || previous < current, "keys must be in order");
        let cost = current.len() + blocks.get(id).len() + 4;
        if size > 0 && size + cost > shard_bytes {
            ranges.push(first..id);
            separators.push(separator(&previous, &current));
            first = id;
            size = 0;
        }
        size += cost;
        std::mem::swap(&mut previous, &mut current);
    }
    ranges.push(first..count);
    let files = ranges
        .into_par_iter()
        .enumerate()
        .map(|(number, range)| {
            let entries: Vec<(Vec<u8>, &[u8])> = range
                .map(|id| {
                    let mut name = Vec::new();
                    key(id, &mut name);
                    (name, blocks.get(id))
                })
                .collect();
            (format!("{kind}{number}.bin"), encode::shard(&entries))
        })
        .collect();
    (files, separators)
}

/// The shortest prefix of `next` (in characters) greater than `last`.
fn separator(last: &[u8], next: &[u8]) -> String {
    let last = String::from_utf8_lossy(last);
    let next = String::from_utf8_lossy(next);
    let mut prefix = String::new();
    for (c, other) in next
        .chars()
        .zip(last.chars().map(Some).chain(std::iter::repeat(None)))
    {
        prefix.push(c);
        if other != Some(c) {
            break;
        }
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::decode;
    use crate::search::layout::TERMS;

    #[test]
    fn separators_are_the_shortest_prefix_after_the_previous_key() {
        assert_eq!(separator(b"khuyen", b"khuyet"), "khuyet");
        assert_eq!(separator(b"co", b"dau"), "d");
        assert_eq!(separator(b"co", b"co*"), "co*");
        assert_eq!(separator("đa".as_bytes(), "đb".as_bytes()), "đb");
    }

    #[test]
    fn joined_blocks_keep_their_ids() {
        let part = |blocks: std::ops::Range<u8>| {
            let mut part = Blocks::default();
            for block in blocks {
                part.push_with(|out| out.extend(std::iter::repeat_n(block, block as usize % 3)));
            }
            part
        };
        let mut all = Blocks::concat(vec![part(0..4), part(4..4), part(4..9), Blocks::default()]);
        all.push_with(|out| out.push(9));
        assert_eq!(all.len(), 10);
        for block in 0..9u8 {
            assert_eq!(all.get(block as usize), vec![block; block as usize % 3]);
        }
        assert_eq!(all.get(9), [9]);
        assert_eq!(all.bytes(), 9 + 1);
    }

    #[test]
    fn every_key_is_found_in_the_shard_its_separators_name() {
        let keys: Vec<String> = (0..300).map(|n| format!("k{}", n * 7919 % 1000)).collect();
        let mut keys: Vec<String> = keys.into_iter().chain(["đa".into(), "đb".into()]).collect();
        keys.sort();
        keys.dedup();
        let blocks = Blocks::encode(keys.len(), |id, out| {
            out.extend_from_slice(&(id as u32).to_le_bytes())
        });
        let (files, separators) = shard_files(
            TERMS,
            64,
            |id, out| out.extend_from_slice(keys[id].as_bytes()),
            &blocks,
        );
        assert!(files.len() > 10, "{} shards", files.len());
        assert_eq!(files.len(), separators.len() + 1);
        for (id, key) in keys.iter().enumerate() {
            let number = separators.partition_point(|separator| separator.as_str() <= key.as_str());
            let blocks = decode::shard(&files[number].1).expect("shard decodes");
            assert_eq!(
                blocks.get(key.as_str()),
                Some(&&(id as u32).to_le_bytes()[..]),
                "{key}"
            );
        }
    }
}
