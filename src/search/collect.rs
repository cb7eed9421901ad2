//! Search stage, step 1: articles and pages -> documents (ids, fields) ->
//! per-document term statistics over a shared vocabulary. Tokens are
//! interned as written (no allocation per token); each distinct written form
//! is normalized once.

use rustc_hash::FxHashMap as HashMap;

use chrono::Datelike;
use rayon::prelude::*;

use super::normalize::{exact_key, fold_key};
use super::tokenize::tokens;
use crate::site::Site;

/// Fields, in the order of `FIELD_WEIGHTS` (docs/search.md §3).
pub const FIELDS: usize = 4;
pub const TITLE: usize = 0;
pub const TAGS: usize = 1;
pub const SUMMARY: usize = 2;
pub const BODY: usize = 3;

/// Documents per parallel work unit (each has its own interner).
const CHUNK: usize = 256;

/// One searchable document: a standalone page or a listed article.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    /// Site path (`2014/09/ket-qua/`).
    pub path: &'a str,
    pub title: &'a str,
    /// Field texts: title, tags (one per entry), summary, body.
    pub fields: [Vec<&'a str>; FIELDS],
    /// `YYYY-MM-DD` in the site's time zone; empty for pages.
    pub date: String,
    pub year: Option<i32>,
    pub category: Option<usize>,
}

/// The documents of a site in id order: pages first, then listed articles
/// oldest first, so that a higher id is a newer article (ties rank newest
/// first) and a new article does not renumber the older ones.
pub fn documents(site: &Site) -> Vec<Document<'_>> {
    let pages = site.pages.iter().map(|page| Document {
        path: &page.path,
        title: &page.title,
        fields: [
            vec![page.title.as_str()],
            Vec::new(),
            own_summary(&page.summary, &page.plain_text),
            vec![&*page.plain_text],
        ],
        date: String::new(),
        year: None,
        category: None,
    });
    let articles = site.listed.iter().rev().map(|&index| {
        let article = &site.articles[index];
        let tags = article
            .tags
            .iter()
            .map(|&tag| site.tags[tag].name.as_str())
            .collect();
        Document {
            path: &article.path,
            title: &article.title,
            fields: [
                vec![article.title.as_str()],
                tags,
                own_summary(&article.summary, &article.plain_text),
                vec![&*article.plain_text],
            ],
            date: article.date.format("%Y-%m-%d").to_string(),
            year: Some(article.date.year()),
            category: Some(article.category),
        }
    });
    pages.chain(articles).collect()
}

/// The summary field: the summary written in the front matter. A summary
/// taken from the first paragraph is already in the body and is not counted
/// twice (it would weigh the first paragraph like the title).
fn own_summary<'a>(summary: &'a str, body: &str) -> Vec<&'a str> {
    if is_derived_summary(summary, body) {
        Vec::new()
    } else {
        vec![summary]
    }
}

/// Whether a summary is (the beginning of) the body's first paragraph.
fn is_derived_summary(summary: &str, body: &str) -> bool {
    let lead: String = summary.chars().take(40).collect();
    summary.is_empty() || body.starts_with(lead.trim_end_matches('…'))
}

/// Term statistics of one document.
#[derive(Debug, Default)]
pub struct DocStats {
    /// Tokens per field.
    pub lengths: [u32; FIELDS],
    /// Distinct fold terms, in order of first occurrence.
    pub terms: Vec<TermStat>,
    /// Distinct adjacent pairs `(first << 32 | second)` of fold ids, sorted.
    pub pairs: Vec<(u64, [u8; FIELDS])>,
}

/// One fold term in one document.
#[derive(Debug, Clone, Copy)]
pub struct TermStat {
    pub fold: u32,
    /// Occurrences per field (saturating).
    pub tf: [u8; FIELDS],
    /// Which exact variants of the fold term occur (bit = variant index).
    pub variants: u64,
}

/// The vocabulary and per-document statistics of all documents.
pub struct Collected {
    /// Fold keys by id, sorted (id order = key order).
    pub folds: Vec<String>,
    /// Exact variants of each fold term, sorted.
    pub variants: Vec<Vec<String>>,
    pub docs: Vec<DocStats>,
}

/// Token ids of one document's fields, as interned by its chunk.
struct Tokenized {
    /// Per field: (local token id, joined to the previous token).
    fields: [Vec<(u32, bool)>; FIELDS],
}

/// Tokenizes and interns a chunk of documents.
fn tokenize_chunk<'a>(documents: &[Document<'a>]) -> (Vec<&'a str>, Vec<Tokenized>) {
    let mut ids: HashMap<&'a str, u32> = HashMap::default();
    let mut forms: Vec<&'a str> = Vec::new();
    let tokenized = documents
        .iter()
        .map(|document| {
            let mut fields: [Vec<(u32, bool)>; FIELDS] = Default::default();
            for (field, texts) in document.fields.iter().enumerate() {
                for text in texts {
                    // Separate entries (tags, paragraphs) never join.
                    let mut first = true;
                    for token in tokens(text) {
                        let form = &text[token.start..token.end];
                        let id = *ids.entry(form).or_insert_with(|| {
                            forms.push(form);
                            forms.len() as u32 - 1
                        });
                        fields[field].push((id, token.joined && !first));
                        first = false;
                    }
                }
            }
            Tokenized { fields }
        })
        .collect();
    (forms, tokenized)
}

/// Builds the vocabulary and the statistics of every document.
pub fn collect(documents: &[Document]) -> Collected {
    let chunks: Vec<(Vec<&str>, Vec<Tokenized>)> =
        documents.par_chunks(CHUNK).map(tokenize_chunk).collect();
    // One global id per written form.
    let mut global: HashMap<&str, u32> = HashMap::default();
    let mut forms: Vec<&str> = Vec::new();
    let remaps: Vec<Vec<u32>> = chunks
        .iter()
        .map(|(local_forms, _)| {
            local_forms
                .iter()
                .map(|form| {
                    *global.entry(form).or_insert_with(|| {
                        forms.push(form);
                        forms.len() as u32 - 1
                    })
                })
                .collect()
        })
        .collect();
    let vocabulary = Vocabulary::new(&forms);
    let docs = chunks
        .into_par_iter()
        .zip(remaps)
        .flat_map_iter(|((_, tokenized), remap)| {
            let vocabulary = &vocabulary;
            let mut scratch = Scratch::default();
            tokenized
                .into_iter()
                .map(move |doc| doc_stats(&doc, &remap, vocabulary, &mut scratch))
        })
        .collect();
    Collected {
        folds: vocabulary.folds,
        variants: vocabulary.variants,
        docs,
    }
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
        pairs.sort_unstable();
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
            .iter()
            .map(|(fold, exact)| {
                let id = folds.binary_search(fold).unwrap_or_default();
                let variant = variants[id]
                    .binary_search(exact)
                    .unwrap_or_default()
                    .min(63);
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

/// Reusable buffers of `doc_stats`: where each term of the current document
/// sits in its list (valid when its stamp is the document's), and packed
/// (first, second, field) pair entries, sorted to count them.
#[derive(Default)]
struct Scratch {
    stamp: Vec<u32>,
    slot: Vec<u32>,
    generation: u32,
    pairs: Vec<u64>,
}

/// Per-document statistics from interned tokens.
fn doc_stats(
    doc: &Tokenized,
    remap: &[u32],
    vocabulary: &Vocabulary,
    scratch: &mut Scratch,
) -> DocStats {
    if scratch.stamp.len() < vocabulary.folds.len() {
        scratch.stamp = vec![0; vocabulary.folds.len()];
        scratch.slot = vec![0; vocabulary.folds.len()];
    }
    scratch.generation += 1;
    let generation = scratch.generation;
    scratch.pairs.clear();
    let mut lengths = [0u32; FIELDS];
    let mut terms: Vec<TermStat> = Vec::new();
    for (field, tokens) in doc.fields.iter().enumerate() {
        lengths[field] = tokens.len() as u32;
        let mut previous: Option<u32> = None;
        for &(local, joined) in tokens {
            let (fold, variant) = vocabulary.form_terms[remap[local as usize] as usize];
            let at = fold as usize;
            if scratch.stamp[at] != generation {
                scratch.stamp[at] = generation;
                scratch.slot[at] = terms.len() as u32;
                terms.push(TermStat {
                    fold,
                    tf: [0; FIELDS],
                    variants: 0,
                });
            }
            let term = &mut terms[scratch.slot[at] as usize];
            term.tf[field] = term.tf[field].saturating_add(1);
            term.variants |= 1 << variant;
            if let (Some(first), true) = (previous, joined) {
                scratch
                    .pairs
                    .push((first as u64) << 33 | (fold as u64) << 2 | field as u64);
            }
            previous = Some(fold);
        }
    }
    scratch.pairs.sort_unstable();
    let distinct = scratch
        .pairs
        .windows(2)
        .filter(|pair| pair[0] >> 2 != pair[1] >> 2)
        .count()
        + 1;
    let mut pairs: Vec<(u64, [u8; FIELDS])> = Vec::with_capacity(distinct);
    for &packed in &scratch.pairs {
        let pair = (packed >> 33) << 32 | (packed >> 2 & 0x7fff_ffff);
        let field = (packed & 3) as usize;
        match pairs.last_mut() {
            Some(last) if last.0 == pair => last.1[field] = last.1[field].saturating_add(1),
            _ => {
                let mut tf = [0u8; FIELDS];
                tf[field] = 1;
                pairs.push((pair, tf));
            }
        }
    }
    DocStats {
        lengths,
        terms,
        pairs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_from_the_first_paragraph_is_not_counted_twice() {
        let body = "Chín tháng đầu năm 2014, hoạt động khuyến công đạt kết quả tốt.\nĐoạn hai.";
        assert!(
            own_summary(
                "Chín tháng đầu năm 2014, hoạt động khuyến công đạt kết quả tốt.",
                body
            )
            .is_empty()
        );
        assert!(own_summary("Chín tháng đầu năm 2014, hoạt động khuyến…", body).is_empty());
        assert_eq!(own_summary("Tóm tắt riêng.", body), ["Tóm tắt riêng."]);
        assert!(own_summary("", body).is_empty());
    }
}
