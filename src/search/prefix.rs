//! Search stage, step 2 (prefixes): fold keys -> the prefix keys of the word
//! being typed (`khuy`), and the union of the postings of a prefix's
//! completions, occurrences added up per field.

use rayon::prelude::*;

use super::collect::FIELDS;
use super::postings::TermPosting;

/// Prefix keys are made for prefixes of 2 to `MAX_PREFIX` characters.
pub const MIN_PREFIX: usize = 2;
pub const MAX_PREFIX: usize = 12;

/// The prefix keys of a fold key: its first 2, 3, ... characters, shorter
/// than the key itself and at most `MAX_PREFIX`.
pub fn prefixes_of(fold: &str) -> impl Iterator<Item = &str> {
    let ends: Vec<usize> = fold
        .char_indices()
        .map(|(at, _)| at)
        .skip(MIN_PREFIX)
        .collect();
    ends.into_iter()
        .take(MAX_PREFIX - MIN_PREFIX + 1)
        .map(move |end| &fold[..end])
}

/// Every distinct prefix key, in key order, as (fold id, length).
pub(super) fn prefix_keys(folds: &[String]) -> Vec<(u32, u32)> {
    let text = |&(fold, length): &(u32, u32)| &folds[fold as usize][..length as usize];
    let mut keys: Vec<(u32, u32)> = folds
        .iter()
        .enumerate()
        .flat_map(|(id, fold)| {
            prefixes_of(fold).map(move |prefix| (id as u32, prefix.len() as u32))
        })
        .collect();
    keys.par_sort_unstable_by(|a, b| text(a).cmp(text(b)));
    keys.dedup_by(|a, b| text(a) == text(b));
    keys
}

thread_local! {
    /// Each worker thread's union of the current prefix key.
    pub(super) static UNION: std::cell::RefCell<(Vec<u32>, Vec<[u8; FIELDS]>)> = std::cell::RefCell::default();
    /// Each worker thread's buffers for `union`'s dense path.
    static DENSE: std::cell::RefCell<Dense> = std::cell::RefCell::default();
}

/// Per-document sums and a bitmap of the documents present; all zero
/// between uses.
#[derive(Default)]
struct Dense {
    sums: Vec<[u8; FIELDS]>,
    present: Vec<u64>,
}

/// Union of term postings (sorted by term, then document), adding up
/// occurrences per field.
pub(super) fn union(
    list: &[TermPosting],
    documents: usize,
    docs: &mut Vec<u32>,
    sums: &mut Vec<[u8; FIELDS]>,
) {
    let add = |sum: &mut [u8; FIELDS], tf: &[u8; FIELDS]| {
        for field in 0..FIELDS {
            sum[field] = sum[field].saturating_add(tf[field]);
        }
    };
    docs.clear();
    sums.clear();
    if list.len() >= documents / 8 {
        DENSE.with_borrow_mut(|dense| {
            if dense.sums.len() < documents {
                dense.sums.resize(documents, [0; FIELDS]);
                dense.present.resize(documents.div_ceil(64), 0);
            }
            for posting in list {
                let doc = posting.doc as usize;
                add(&mut dense.sums[doc], &posting.tf);
                dense.present[doc / 64] |= 1 << (doc % 64);
            }
            for (word, bits) in dense.present.iter_mut().enumerate() {
                while *bits != 0 {
                    let doc = word * 64 + bits.trailing_zeros() as usize;
                    *bits &= *bits - 1;
                    docs.push(doc as u32);
                    sums.push(std::mem::take(&mut dense.sums[doc]));
                }
            }
        });
        return;
    }
    let mut all: Vec<(u32, [u8; FIELDS])> = list
        .iter()
        .map(|posting| (posting.doc, posting.tf))
        .collect();
    all.sort_unstable_by_key(|entry| entry.0);
    for (doc, tf) in all {
        match (docs.last(), sums.last_mut()) {
            (Some(&last), Some(sum)) if last == doc => add(sum, &tf),
            _ => {
                docs.push(doc);
                sums.push(tf);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_two_characters_up_to_one_short() {
        assert_eq!(
            prefixes_of("khuyen").collect::<Vec<_>>(),
            ["kh", "khu", "khuy", "khuye"]
        );
        assert_eq!(prefixes_of("co").count(), 0);
        assert_eq!(prefixes_of("a".repeat(20).as_str()).count(), MAX_PREFIX - 1);
    }

    #[test]
    fn union_adds_up_occurrences() {
        let posting = |doc: u32, tf: [u8; FIELDS]| TermPosting {
            doc,
            tf,
            variants: 1,
        };
        // Two terms' postings, one after the other.
        let list = [
            posting(1, [1, 0, 0, 0]),
            posting(4, [0, 0, 0, 2]),
            posting(4, [0, 0, 0, 3]),
            posting(7, [0, 1, 0, 0]),
        ];
        let run = |documents| {
            let (mut docs, mut sums) = (vec![9], Vec::new());
            union(&list, documents, &mut docs, &mut sums);
            (docs, sums)
        };
        let sparse = run(1000);
        assert_eq!(sparse.0, [1, 4, 7]);
        assert_eq!(sparse.1, [[1, 0, 0, 0], [0, 0, 0, 5], [0, 1, 0, 0]]);
        assert_eq!(run(8), sparse, "the dense path agrees");
    }
}
