//! Search stage, step 3: postings -> bytes (docs/search.md §4). Everything
//! is varints, bitmaps and bit-packed integers so the browser decodes it with
//! a few lines of JavaScript and no decompression library.

use super::postings::Postings;

/// FNV-1a, 64 bits, continuing from `hash`: names the index folder.
pub fn fnv64(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash ^= byte as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

pub const FNV64_START: u64 = 0xcbf2_9ce4_8422_2325;

/// A 64-bit content hash (XXH3, the same on every platform) for naming the
/// index folder; not a cryptographic one.
pub fn hash64(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// LEB128: 7 bits per byte, low first, high bit = more.
pub fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn varint_len(mut value: u64) -> usize {
    let mut length = 1;
    while value >= 0x80 {
        value >>= 7;
        length += 1;
    }
    length
}

/// Set modes: a gap list (first id, then differences) or a bitmap.
const SET_GAPS: u8 = 0;
const SET_BITMAP: u8 = 1;

/// An ascending set of ids below `universe`, in the smaller of two forms.
pub fn id_set(out: &mut Vec<u8>, ids: &[u32], universe: u32) {
    let mut gaps_len = 0;
    let mut previous = 0u32;
    for (index, &id) in ids.iter().enumerate() {
        let gap = if index == 0 { id } else { id - previous };
        gaps_len += varint_len(gap as u64);
        previous = id;
    }
    let bitmap_len = (universe as usize).div_ceil(8);
    if bitmap_len < gaps_len {
        out.push(SET_BITMAP);
        let start = out.len();
        out.resize(start + bitmap_len, 0);
        for &id in ids {
            out[start + (id as usize >> 3)] |= 1 << (id & 7);
        }
    } else {
        out.push(SET_GAPS);
        let mut previous = 0u32;
        for (index, &id) in ids.iter().enumerate() {
            let gap = if index == 0 { id } else { id - previous };
            varint(out, gap as u64);
            previous = id;
        }
    }
}

/// Subset modes over positions `0..total` of a postings list.
const SUBSET_ALL: u8 = 0;
const SUBSET_MEMBERS: u8 = 1;
const SUBSET_OTHERS: u8 = 2;

/// A subset of the positions `0..total` of a postings list, those for which
/// `member` holds: all, the members, or the positions not in it, whichever
/// is shortest (each as count + gap list), written without collecting them.
pub fn subset(out: &mut Vec<u8>, total: usize, member: impl Fn(u32) -> bool) {
    let count = (0..total as u32)
        .filter(|&position| member(position))
        .count();
    if count == total {
        out.push(SUBSET_ALL);
        return;
    }
    let (mode, listed, length) = if total - count < count {
        (SUBSET_OTHERS, false, total - count)
    } else {
        (SUBSET_MEMBERS, true, count)
    };
    out.push(mode);
    varint(out, length as u64);
    let mut previous = 0u32;
    let positions = (0..total as u32).filter(|&position| member(position) == listed);
    for (index, position) in positions.enumerate() {
        let gap = if index == 0 {
            position
        } else {
            position - previous
        };
        varint(out, gap as u64);
        previous = position;
    }
}

/// Impacts bit-packed: the minimum, a bit width, then `width` bits each
/// (value - minimum), least significant bit first.
pub fn impacts(out: &mut Vec<u8>, values: &[u8]) {
    let minimum = values.iter().copied().min().unwrap_or(0);
    let maximum = values.iter().copied().max().unwrap_or(0);
    let width = 8 - (maximum - minimum).leading_zeros() as usize;
    out.push(minimum);
    out.push(width as u8);
    if width == 0 {
        return;
    }
    let start = out.len();
    out.resize(start + (values.len() * width).div_ceil(8), 0);
    for (index, &value) in values.iter().enumerate() {
        let bits = (value - minimum) as u32;
        let at = index * width;
        let shifted = bits << (at & 7);
        out[start + (at >> 3)] |= shifted as u8;
        if (at & 7) + width > 8 {
            out[start + (at >> 3) + 1] |= (shifted >> 8) as u8;
        }
    }
}

/// A postings block: document count, ids, impacts.
pub fn postings(out: &mut Vec<u8>, postings: &Postings, universe: u32) {
    varint(out, postings.docs.len() as u64);
    id_set(out, &postings.docs, universe);
    impacts(out, &postings.impacts);
}

/// A shard: the sorted keys (front-coded) with their block lengths, then
/// the blocks in the same order.
pub fn shard(entries: &[(Vec<u8>, &[u8])]) -> Vec<u8> {
    let blocks: usize = entries
        .iter()
        .map(|(key, block)| key.len() + block.len() + 6)
        .sum();
    let mut out = Vec::with_capacity(blocks + 4);
    varint(&mut out, entries.len() as u64);
    let mut previous: &[u8] = &[];
    for (key, block) in entries {
        let shared = previous
            .iter()
            .zip(key.iter())
            .take_while(|(a, b)| a == b)
            .count();
        varint(&mut out, shared as u64);
        varint(&mut out, (key.len() - shared) as u64);
        out.extend_from_slice(&key[shared..]);
        varint(&mut out, block.len() as u64);
        previous = key;
    }
    for (_, block) in entries {
        out.extend_from_slice(block);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_reference_values() {
        assert_eq!(fnv64(FNV64_START, b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn content_hashes_see_every_byte() {
        let base = hash64(b"khuyen cong 2014");
        assert_ne!(base, hash64(b"khuyen cong 2015"));
        assert_ne!(base, hash64(b"khuyen cong 2014 "));
        assert_ne!(hash64(b""), hash64(b"\0"));
        assert_eq!(base, hash64(b"khuyen cong 2014"));
    }

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        varint(&mut out, 300);
        assert_eq!(out, [0xac, 0x02]);
    }

    #[test]
    fn dense_sets_become_bitmaps() {
        let mut out = Vec::new();
        id_set(&mut out, &[0, 1, 2, 3, 9], 10);
        assert_eq!(out, [SET_BITMAP, 0x0f, 0x02]);
        let mut sparse = Vec::new();
        id_set(&mut sparse, &[5, 1000], 2000);
        assert_eq!(sparse, [SET_GAPS, 5, 0xe3, 0x07]);
    }

    #[test]
    fn impacts_pack_to_the_needed_width() {
        let mut out = Vec::new();
        impacts(&mut out, &[10, 13, 11]);
        // minimum 10, width 2: 0b00, 0b11, 0b01 -> 0b01_11_00
        assert_eq!(out, [10, 2, 0b0001_1100]);
        let mut same = Vec::new();
        impacts(&mut same, &[7, 7]);
        assert_eq!(same, [7, 0]);
    }

    #[test]
    fn subsets_use_the_shorter_list() {
        let mut all = Vec::new();
        subset(&mut all, 3, |position| position <= 2);
        assert_eq!(all, [SUBSET_ALL]);
        let mut others = Vec::new();
        subset(&mut others, 4, |position| [0, 1, 3].contains(&position));
        assert_eq!(others, [SUBSET_OTHERS, 1, 2]);
    }
}
