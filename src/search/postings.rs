//! Search stage, step 2: per-document statistics -> postings with quantized
//! BM25F impacts, for three kinds of keys: fold terms (`khuyen`), adjacent
//! pairs (`khuyen cong`) and prefixes of terms (`khuy`, for the word being
//! typed). Impacts are integers so the browser and `query.rs` rank alike.

use rayon::prelude::*;

use super::collect::{Collected, DocStats, FIELDS};

/// BM25F parameters per field: title, tags, summary, body (docs/search.md §3).
pub const FIELD_WEIGHTS: [f64; FIELDS] = [3.0, 2.0, 1.5, 1.0];
pub const FIELD_B: [f64; FIELDS] = [0.5, 0.5, 0.5, 0.75];
pub const K1: f64 = 1.2;

/// Prefix keys are made for prefixes of 2 to `MAX_PREFIX` characters.
pub const MIN_PREFIX: usize = 2;
pub const MAX_PREFIX: usize = 12;

/// Documents and their impacts for one key, by ascending document id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    pub docs: Vec<u32>,
    pub impacts: Vec<u8>,
}

/// The postings of a fold term and which exact variants each document has.
#[derive(Debug, Clone, Default)]
pub struct TermPostings {
    pub postings: Postings,
    /// Per posting, a bit per variant of `Collected::variants`.
    pub variants: Vec<u64>,
    /// Per posting, occurrences per field (for prefix keys).
    pub tf: Vec<[u8; FIELDS]>,
}

/// The inverted index, before encoding.
pub struct Inverted<'a> {
    pub documents: u32,
    pub collected: &'a Collected,
    /// By fold id.
    pub terms: Vec<TermPostings>,
    /// Pairs of fold ids, in key order (`"first second"`).
    pub pairs: Vec<((u32, u32), Postings)>,
    /// Prefix keys in key order.
    pub prefixes: Vec<(String, Postings)>,
}

/// BM25F scoring with the corpus statistics, quantized to 1..=255.
pub struct Scorer {
    documents: f64,
    average_lengths: [f64; FIELDS],
    /// 255 / the largest possible IDF (a key in one document).
    scale: f64,
}

impl Scorer {
    pub fn new(docs: &[DocStats]) -> Self {
        let documents = docs.len().max(1) as f64;
        let mut average_lengths = [0.0; FIELDS];
        for doc in docs {
            for (field, length) in doc.lengths.iter().enumerate() {
                average_lengths[field] += *length as f64;
            }
        }
        for average in &mut average_lengths {
            *average = (*average / documents).max(1.0);
        }
        let scale = 255.0 / idf(documents, 1.0);
        Scorer {
            documents,
            average_lengths,
            scale,
        }
    }

    /// The IDF of a key in `df` documents, for `impact`.
    pub fn idf(&self, df: usize) -> f64 {
        idf(self.documents, df as f64)
    }

    pub fn impact(&self, idf: f64, tf: &[u8; FIELDS], lengths: &[u32; FIELDS]) -> u8 {
        let mut weighted = 0.0;
        for field in 0..FIELDS {
            if tf[field] == 0 {
                continue;
            }
            let norm = 1.0 - FIELD_B[field]
                + FIELD_B[field] * lengths[field] as f64 / self.average_lengths[field];
            weighted += FIELD_WEIGHTS[field] * tf[field] as f64 / norm;
        }
        let score = idf * weighted / (K1 + weighted);
        (score * self.scale).round().clamp(1.0, 255.0) as u8
    }
}

fn idf(documents: f64, df: f64) -> f64 {
    (1.0 + (documents - df + 0.5) / (df + 0.5)).ln()
}

/// Inverts the document statistics.
pub fn invert(collected: &Collected) -> Inverted<'_> {
    let scorer = Scorer::new(&collected.docs);
    let terms = term_postings(collected, &scorer);
    let pairs = pair_postings(collected, &scorer);
    let prefixes = prefix_postings(collected, &terms, &scorer);
    Inverted {
        documents: collected.docs.len() as u32,
        collected,
        terms,
        pairs,
        prefixes,
    }
}

fn term_postings(collected: &Collected, scorer: &Scorer) -> Vec<TermPostings> {
    let mut df = vec![0usize; collected.folds.len()];
    for doc in &collected.docs {
        for term in &doc.terms {
            df[term.fold as usize] += 1;
        }
    }
    let mut terms: Vec<TermPostings> = df
        .iter()
        .map(|&count| TermPostings {
            postings: Postings {
                docs: Vec::with_capacity(count),
                impacts: Vec::with_capacity(count),
            },
            variants: Vec::with_capacity(count),
            tf: Vec::with_capacity(count),
        })
        .collect();
    for (id, doc) in collected.docs.iter().enumerate() {
        for term in &doc.terms {
            let target = &mut terms[term.fold as usize];
            target.postings.docs.push(id as u32);
            target.variants.push(term.variants);
            target.tf.push(term.tf);
        }
    }
    terms.par_iter_mut().for_each(|term| {
        let idf = scorer.idf(term.tf.len());
        let docs = &collected.docs;
        term.postings.impacts = term
            .postings
            .docs
            .iter()
            .zip(&term.tf)
            .map(|(&doc, tf)| scorer.impact(idf, tf, &docs[doc as usize].lengths))
            .collect();
    });
    terms
}

fn pair_postings(collected: &Collected, scorer: &Scorer) -> Vec<((u32, u32), Postings)> {
    // Bucket by first term, then sort each bucket: pairs come out in key order.
    let mut buckets: Vec<Vec<(u32, u32, [u8; FIELDS])>> = vec![Vec::new(); collected.folds.len()];
    for (id, doc) in collected.docs.iter().enumerate() {
        for &(pair, tf) in &doc.pairs {
            buckets[(pair >> 32) as usize].push((pair as u32, id as u32, tf));
        }
    }
    let docs = &collected.docs;
    buckets
        .into_par_iter()
        .enumerate()
        .flat_map_iter(|(first, mut bucket)| {
            bucket.sort_unstable_by_key(|&(second, doc, _)| (second, doc));
            let mut pairs = Vec::new();
            let mut start = 0;
            while start < bucket.len() {
                let second = bucket[start].0;
                let end = start + bucket[start..].partition_point(|entry| entry.0 == second);
                let idf = scorer.idf(end - start);
                let postings = Postings {
                    docs: bucket[start..end].iter().map(|entry| entry.1).collect(),
                    impacts: bucket[start..end]
                        .iter()
                        .map(|(_, doc, tf)| scorer.impact(idf, tf, &docs[*doc as usize].lengths))
                        .collect(),
                };
                pairs.push(((first as u32, second), postings));
                start = end;
            }
            pairs
        })
        .collect()
}

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

/// For each prefix, the documents with a longer term starting with it,
/// scored as if the prefix were one term: its occurrences are those of all
/// its completions, so a rare completion does not outrank common ones.
fn prefix_postings(
    collected: &Collected,
    terms: &[TermPostings],
    scorer: &Scorer,
) -> Vec<(String, Postings)> {
    let folds = &collected.folds;
    let mut keys: Vec<&str> = folds.iter().flat_map(|fold| prefixes_of(fold)).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_par_iter()
        .map(|prefix| {
            let start = folds.partition_point(|fold| fold.as_str() <= prefix);
            let end = start + folds[start..].partition_point(|fold| fold.starts_with(prefix));
            let (docs, tf) = union(&terms[start..end], collected.docs.len());
            let idf = scorer.idf(docs.len());
            let impacts = docs
                .iter()
                .zip(&tf)
                .map(|(&doc, tf)| scorer.impact(idf, tf, &collected.docs[doc as usize].lengths))
                .collect();
            (prefix.to_string(), Postings { docs, impacts })
        })
        .collect()
}

/// Union of term postings, adding up occurrences per field.
fn union(terms: &[TermPostings], documents: usize) -> (Vec<u32>, Vec<[u8; FIELDS]>) {
    let total: usize = terms.iter().map(|term| term.tf.len()).sum();
    let add = |sum: &mut [u8; FIELDS], tf: &[u8; FIELDS]| {
        for field in 0..FIELDS {
            sum[field] = sum[field].saturating_add(tf[field]);
        }
    };
    let mut docs = Vec::new();
    let mut sums = Vec::new();
    if total >= documents / 8 {
        let mut dense = vec![[0u8; FIELDS]; documents];
        let mut present = vec![false; documents];
        for term in terms {
            for (&doc, tf) in term.postings.docs.iter().zip(&term.tf) {
                add(&mut dense[doc as usize], tf);
                present[doc as usize] = true;
            }
        }
        for (doc, sum) in dense.into_iter().enumerate() {
            if present[doc] {
                docs.push(doc as u32);
                sums.push(sum);
            }
        }
        return (docs, sums);
    }
    let mut all: Vec<(u32, [u8; FIELDS])> = Vec::with_capacity(total);
    for term in terms {
        all.extend(
            term.postings
                .docs
                .iter()
                .copied()
                .zip(term.tf.iter().copied()),
        );
    }
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
    (docs, sums)
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
        let term = |docs: Vec<u32>, tf: Vec<[u8; FIELDS]>| TermPostings {
            postings: Postings {
                impacts: vec![1; docs.len()],
                docs,
            },
            variants: vec![1; tf.len()],
            tf,
        };
        let terms = [
            term(vec![1, 4], vec![[1, 0, 0, 0], [0, 0, 0, 2]]),
            term(vec![4, 7], vec![[0, 0, 0, 3], [0, 1, 0, 0]]),
        ];
        let sparse = union(&terms, 1000);
        assert_eq!(sparse.0, [1, 4, 7]);
        assert_eq!(sparse.1, [[1, 0, 0, 0], [0, 0, 0, 5], [0, 1, 0, 0]]);
        assert_eq!(union(&terms, 8), sparse, "the dense path agrees");
    }

    #[test]
    fn rarer_and_title_terms_weigh_more() {
        let docs: Vec<DocStats> = (0..100)
            .map(|_| DocStats {
                lengths: [8, 2, 30, 300],
                ..Default::default()
            })
            .collect();
        let scorer = Scorer::new(&docs);
        let lengths = [8, 2, 30, 300];
        let rare = scorer.impact(scorer.idf(2), &[0, 0, 0, 1], &lengths);
        let common = scorer.impact(scorer.idf(60), &[0, 0, 0, 1], &lengths);
        let title = scorer.impact(scorer.idf(60), &[1, 0, 0, 0], &lengths);
        assert!(rare > common, "{rare} > {common}");
        assert!(title > common, "{title} > {common}");
    }
}
