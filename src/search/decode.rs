//! Search, reading side: index file bytes -> shards, postings, variant sets
//! (the inverse of `encode.rs`, as the browser client does it). Used by
//! `query.rs` to rank over the very files a build wrote.

use std::collections::BTreeMap;

/// A cursor over bytes; every read fails softly on truncated input.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    pub fn byte(&mut self) -> Option<u8> {
        let byte = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    pub fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        let mut shift = 0;
        loop {
            let byte = self.byte()?;
            value |= ((byte & 0x7f) as u64) << shift;
            if byte < 0x80 {
                return Some(value);
            }
            shift += 7;
            if shift > 63 {
                return None;
            }
        }
    }

    pub fn take(&mut self, length: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(length)?)?;
        self.at += length;
        Some(slice)
    }
}

/// A shard: key -> its block.
pub fn shard(bytes: &[u8]) -> Option<BTreeMap<String, &[u8]>> {
    let mut reader = Reader::new(bytes);
    let count = reader.varint()? as usize;
    let mut entries = Vec::with_capacity(count.min(bytes.len()));
    let mut previous: Vec<u8> = Vec::new();
    for _ in 0..count {
        let shared = reader.varint()? as usize;
        let suffix = reader.varint()? as usize;
        let mut key = previous.get(..shared)?.to_vec();
        key.extend_from_slice(reader.take(suffix)?);
        let length = reader.varint()? as usize;
        previous = key.clone();
        entries.push((String::from_utf8(key).ok()?, length));
    }
    let mut blocks = BTreeMap::new();
    for (key, length) in entries {
        blocks.insert(key, reader.take(length)?);
    }
    Some(blocks)
}

/// A set of document ids.
pub fn id_set(reader: &mut Reader, count: usize, universe: usize) -> Option<Vec<u32>> {
    let mut ids = Vec::with_capacity(count.min(universe));
    match reader.byte()? {
        0 => {
            let mut id = 0u64;
            for index in 0..count {
                let gap = reader.varint()?;
                id = if index == 0 { gap } else { id + gap };
                ids.push(u32::try_from(id).ok()?);
            }
        }
        1 => {
            let bitmap = reader.take(universe.div_ceil(8))?;
            for (at, byte) in bitmap.iter().enumerate() {
                for bit in 0..8 {
                    if byte & (1 << bit) != 0 {
                        ids.push((at * 8 + bit) as u32);
                    }
                }
            }
        }
        _ => return None,
    }
    Some(ids)
}

/// Packed impacts.
pub fn impacts(reader: &mut Reader, count: usize) -> Option<Vec<u8>> {
    let minimum = reader.byte()?;
    let width = reader.byte()? as usize;
    if width == 0 {
        return Some(vec![minimum; count]);
    }
    let packed = reader.take((count * width).div_ceil(8))?;
    let mask = (1u32 << width) - 1;
    (0..count)
        .map(|index| {
            let at = index * width;
            let low = *packed.get(at >> 3)? as u32;
            let high = packed.get((at >> 3) + 1).copied().unwrap_or(0) as u32;
            let bits = ((low | high << 8) >> (at & 7)) & mask;
            minimum.checked_add(bits as u8)
        })
        .collect()
}

/// Decoded postings of one key.
#[derive(Debug, Clone, Default)]
pub struct Postings {
    pub docs: Vec<u32>,
    pub impacts: Vec<u8>,
}

pub fn postings(reader: &mut Reader, universe: usize) -> Option<Postings> {
    let count = reader.varint()? as usize;
    let docs = id_set(reader, count, universe)?;
    if docs.len() != count {
        return None;
    }
    let impacts = impacts(reader, count)?;
    Some(Postings { docs, impacts })
}

/// Positions of a postings list that belong to a subset.
pub fn subset(reader: &mut Reader, total: usize) -> Option<Vec<bool>> {
    let mode = reader.byte()?;
    if mode == 0 {
        return Some(vec![true; total]);
    }
    let count = reader.varint()? as usize;
    let mut marks = vec![mode == 2; total];
    let mut position = 0u64;
    for index in 0..count {
        let gap = reader.varint()?;
        position = if index == 0 { gap } else { position + gap };
        *marks.get_mut(position as usize)? = mode == 1;
    }
    Some(marks)
}

/// A term block: postings plus each exact variant's membership.
#[derive(Debug, Clone, Default)]
pub struct Term {
    pub postings: Postings,
    pub variants: Vec<(String, Vec<bool>)>,
}

pub fn term(block: &[u8], universe: usize) -> Option<Term> {
    let mut reader = Reader::new(block);
    let postings = postings(&mut reader, universe)?;
    let count = reader.varint()? as usize;
    let mut variants = Vec::with_capacity(count.min(64));
    for _ in 0..count {
        let length = reader.varint()? as usize;
        let text = String::from_utf8(reader.take(length)?.to_vec()).ok()?;
        variants.push((text, subset(&mut reader, postings.docs.len())?));
    }
    Some(Term { postings, variants })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::encode;
    use crate::search::postings::Postings as Encoded;

    #[test]
    fn postings_round_trip() {
        for universe in [10u32, 5000] {
            let source = Encoded {
                docs: vec![0, 3, 4, 9],
                impacts: vec![200, 3, 77, 255],
            };
            let mut bytes = Vec::new();
            encode::postings(&mut bytes, &source, universe);
            let decoded = postings(&mut Reader::new(&bytes), universe as usize).expect("decodes");
            assert_eq!(decoded.docs, source.docs);
            assert_eq!(decoded.impacts, source.impacts);
        }
    }

    #[test]
    fn shards_round_trip() {
        let entries = vec![
            (b"khuyen".to_vec(), &[1u8, 2][..]),
            (b"khuyet".to_vec(), &[3u8][..]),
        ];
        let bytes = encode::shard(&entries);
        let blocks = shard(&bytes).expect("decodes");
        assert_eq!(blocks["khuyen"], &[1, 2]);
        assert_eq!(blocks["khuyet"], &[3]);
    }

    #[test]
    fn subsets_round_trip() {
        for members in [vec![0u32, 1, 2, 3], vec![1, 3], vec![0, 1, 3]] {
            let mut bytes = Vec::new();
            encode::subset(&mut bytes, 4, |position| members.contains(&position));
            let marks = subset(&mut Reader::new(&bytes), 4).expect("decodes");
            let decoded: Vec<u32> = (0..4).filter(|&at| marks[at as usize]).collect();
            assert_eq!(decoded, members);
        }
    }
}
