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

/// Encodes the keys of one kind (given in key order) and cuts them into
/// shards of about `SHARD_BYTES`, each a range of keys; returns the shard
/// files and the separators (the shortest prefix of each shard's first key
/// that is greater than the previous shard's last key).
pub(super) fn shard_files(
    kind: &str,
    shard_bytes: usize,
    count: usize,
    key: impl Fn(usize, &mut Vec<u8>) + Sync,
    block: impl Fn(usize, &mut Vec<u8>) + Sync,
) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    // Blocks, encoded in parallel batches: (bytes, end offset of each block).
    let batches: Vec<(Vec<u8>, Vec<usize>)> = (0..count.div_ceil(ENCODE_BATCH))
        .into_par_iter()
        .map(|batch| {
            let mut bytes = Vec::new();
            let mut ends = Vec::new();
            for id in batch * ENCODE_BATCH..((batch + 1) * ENCODE_BATCH).min(count) {
                block(id, &mut bytes);
                ends.push(bytes.len());
            }
            (bytes, ends)
        })
        .collect();
    let block_of = |id: usize| -> &[u8] {
        let (bytes, ends) = &batches[id / ENCODE_BATCH];
        let at = id % ENCODE_BATCH;
        let start = if at == 0 { 0 } else { ends[at - 1] };
        &bytes[start..ends[at]]
    };
    // Large sites get larger shards so that the manifest stays small.
    let total: usize = batches
        .iter()
        .map(|(bytes, ends)| bytes.len() + ends.len() * 16)
        .sum();
    let shard_bytes = shard_bytes.max(total / MAX_SHARDS);
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let mut separators = Vec::new();
    let (mut first, mut size) = (0, 0);
    let (mut previous, mut current) = (Vec::new(), Vec::new());
    for id in 0..count {
        current.clear();
        key(id, &mut current);
        debug_assert!(id == 0 || previous < current, "keys must be in order");
        let cost = current.len() + block_of(id).len() + 4;
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
                    (name, block_of(id))
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
    fn every_key_is_found_in_the_shard_its_separators_name() {
        let keys: Vec<String> = (0..300).map(|n| format!("k{}", n * 7919 % 1000)).collect();
        let mut keys: Vec<String> = keys.into_iter().chain(["đa".into(), "đb".into()]).collect();
        keys.sort();
        keys.dedup();
        let (files, separators) = shard_files(
            TERMS,
            64,
            keys.len(),
            |id, out| out.extend_from_slice(keys[id].as_bytes()),
            |id, out| out.extend_from_slice(&(id as u32).to_le_bytes()),
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
