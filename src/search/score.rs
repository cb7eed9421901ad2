//! Search stage, step 2 (scoring): corpus statistics -> BM25F impacts,
//! quantized to 1..=255 so that the browser and `query.rs` rank alike
//! (docs/search.md §3).

use super::collect::FIELDS;

/// BM25F parameters per field: title, tags, summary, body (docs/search.md §3).
pub const FIELD_WEIGHTS: [f64; FIELDS] = [3.0, 2.0, 1.5, 1.0];
pub const FIELD_B: [f64; FIELDS] = [0.5, 0.5, 0.5, 0.75];
pub const K1: f64 = 1.2;

/// BM25F scoring with the corpus statistics, quantized to 1..=255.
pub struct Scorer {
    documents: f64,
    average_lengths: [f64; FIELDS],
    /// 255 / the largest possible IDF (a key in one document).
    scale: f64,
}

impl Scorer {
    /// A scorer for documents of these lengths (tokens per field).
    pub fn new(lengths: &[[u32; FIELDS]]) -> Self {
        let documents = lengths.len().max(1) as f64;
        let mut average_lengths = [0.0; FIELDS];
        for doc in lengths {
            for (field, length) in doc.iter().enumerate() {
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

    /// The length normalization of each field of a document of these
    /// lengths, for `impact_normed` (computed once per document).
    pub fn norms(&self, lengths: &[u32; FIELDS]) -> [f64; FIELDS] {
        std::array::from_fn(|field| {
            1.0 - FIELD_B[field]
                + FIELD_B[field] * lengths[field] as f64 / self.average_lengths[field]
        })
    }

    pub fn impact(&self, idf: f64, tf: &[u8; FIELDS], lengths: &[u32; FIELDS]) -> u8 {
        self.impact_normed(idf, tf, &self.norms(lengths))
    }

    /// `impact` with the document's `norms`.
    pub fn impact_normed(&self, idf: f64, tf: &[u8; FIELDS], norms: &[f64; FIELDS]) -> u8 {
        let mut weighted = 0.0;
        for field in 0..FIELDS {
            if tf[field] == 0 {
                continue;
            }
            weighted += FIELD_WEIGHTS[field] * tf[field] as f64 / norms[field];
        }
        let score = idf * weighted / (K1 + weighted);
        quantize(score * self.scale)
    }
}

/// `value.round().clamp(1.0, 255.0) as u8` without calling libm's `round`
/// (the hot spot of encoding postings): below 255 the whole part and the
/// fraction of a non-negative value are exact, and rounding half away from
/// zero is adding 1 when the fraction is at least one half.
fn quantize(value: f64) -> u8 {
    if value.is_nan() {
        return 0;
    }
    if value < 0.5 {
        return 1;
    }
    if value >= 255.0 {
        return 255;
    }
    let whole = value as u32;
    let rounded = whole + (value - whole as f64 >= 0.5) as u32;
    rounded.clamp(1, 255) as u8
}

fn idf(documents: f64, df: f64) -> f64 {
    (1.0 + (documents - df + 0.5) / (df + 0.5)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantizing_rounds_like_round_and_clamp() {
        let reference = |value: f64| value.round().clamp(1.0, 255.0) as u8;
        let mut values = vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, 0.0, -3.7];
        for whole in 0..300 {
            let whole = whole as f64;
            for fraction in [0.0, 0.25, 0.5, 0.75] {
                values.push(whole + fraction);
            }
            values.push(whole + 0.5 - f64::EPSILON * whole.max(1.0));
            values.push(whole + 0.5 + f64::EPSILON * whole.max(1.0));
            values.push(f64::from_bits((whole + 0.5).to_bits() - 1));
            values.push(f64::from_bits((whole + 0.5).to_bits() + 1));
        }
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..100_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            values.push((state >> 11) as f64 / (1u64 << 53) as f64 * 300.0);
        }
        for value in values {
            assert_eq!(quantize(value), reference(value), "{value:e}");
        }
    }

    #[test]
    fn rarer_and_title_terms_weigh_more() {
        let scorer = Scorer::new(&[[8, 2, 30, 300]; 100]);
        let lengths = [8, 2, 30, 300];
        let rare = scorer.impact(scorer.idf(2), &[0, 0, 0, 1], &lengths);
        let common = scorer.impact(scorer.idf(60), &[0, 0, 0, 1], &lengths);
        let title = scorer.impact(scorer.idf(60), &[1, 0, 0, 0], &lengths);
        assert!(rare > common, "{rare} > {common}");
        assert!(title > common, "{title} > {common}");
    }
}
