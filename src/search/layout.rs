//! Search stage, step 4: the inverted index and the documents -> the files of
//! the index folder (docs/search.md §4): key files sharded by key prefix
//! (each shard a range of sorted keys), category sets, one data file per
//! document with what a result shows, and the manifest. The folder is named
//! by a hash of everything in it, so every URL is immutable.

use std::borrow::Cow;

use rayon::prelude::*;
use serde_json::json;

use super::SearchIndex;
use super::collect::Document;
use super::encode;
use super::postings::{Inverted, Postings, TermPosting};
use crate::output::{Contents, OutputFile};
use crate::site::{Site, urls};

/// Format version, in the manifest.
pub const FORMAT: u32 = 1;
/// Aimed size of a shard file; a key larger than this is a shard by itself.
pub const SHARD_BYTES: usize = 2048;
/// Shards per key kind, at most (about): beyond it shards grow instead, so
/// that the manifest, which lists them, stays small (about 20 KB gzipped).
pub const MAX_SHARDS: usize = 3000;
/// Characters of text in a result's data file, for snippets: the whole text
/// of a typical bulletin (2,000 to 3,500 characters).
pub const RESULT_TEXT_CHARS: usize = 4_000;
/// Characters of a document's whole text kept for snippets.
pub const FULL_TEXT_CHARS: usize = 30_000;
/// Folder of index versions inside the search page's folder.
pub const INDEX_DIR: &str = "chi-muc";
pub const MANIFEST: &str = "m.json";

/// Key kinds and their file prefixes: terms (with the prefix keys, `khuy*`,
/// next to the terms they complete) and pairs (`khuyen cong`).
pub const TERMS: &str = "t";
pub const PAIRS: &str = "b";
/// Marks a prefix key; it sorts after the term itself and before its
/// completions, so the word being typed and its completions share a shard.
pub const PREFIX_MARK: char = '*';

/// Writes every file of the index.
pub fn write(site: &Site, documents: &[Document], index: &Inverted) -> SearchIndex {
    let universe = index.documents;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let keys = term_space(index);
    let (term_shards, term_separators) = shard_files(
        TERMS,
        SHARD_BYTES,
        keys.len(),
        |id, out| match keys[id] {
            TermKey::Term(fold) => out.extend_from_slice(index.folds[fold].as_bytes()),
            TermKey::Prefix(prefix) => {
                out.extend_from_slice(index.prefix_key(prefix).as_bytes());
                out.push(PREFIX_MARK as u8);
            }
        },
        |id, out| match keys[id] {
            TermKey::Term(fold) => term_block(index, fold, out),
            TermKey::Prefix(prefix) => with_postings(|postings| {
                index.prefix(prefix, postings);
                encode::postings(out, postings, universe);
            }),
        },
    );
    let (pair_shards, pair_separators) = shard_files(
        PAIRS,
        SHARD_BYTES,
        index.pair_count(),
        |id, out| {
            let (first, second) = index.pair_key(id);
            out.extend_from_slice(index.folds[first as usize].as_bytes());
            out.push(b' ');
            out.extend_from_slice(index.folds[second as usize].as_bytes());
        },
        |id, out| {
            with_postings(|postings| {
                index.pair(id, postings);
                encode::postings(out, postings, universe);
            })
        },
    );
    let separators = json!({
        TERMS: term_separators,
        PAIRS: pair_separators,
    });
    files.extend(term_shards);
    files.extend(pair_shards);
    files.extend(category_files(site, documents, universe));
    files.extend(data_files(documents));
    let manifest = manifest(site, documents, separators);
    finish(site, files, manifest)
}

/// A key of the term space.
#[derive(Debug, Clone, Copy)]
enum TermKey {
    /// A fold id.
    Term(usize),
    /// A prefix key's number (`Inverted::prefix_key`).
    Prefix(usize),
}

/// Terms and prefix keys (`prefix*`) merged in key order.
fn term_space(index: &Inverted) -> Vec<TermKey> {
    let folds = &index.folds;
    let mut keys = Vec::with_capacity(folds.len() + index.prefix_count());
    let mut prefixes = (0..index.prefix_count()).peekable();
    for (fold, term) in folds.iter().enumerate() {
        while let Some(at) = prefixes.next_if(|&at| prefix_before(index.prefix_key(at), term)) {
            keys.push(TermKey::Prefix(at));
        }
        keys.push(TermKey::Term(fold));
    }
    keys.extend(prefixes.map(TermKey::Prefix));
    keys
}

/// Whether the key `prefix*` sorts before `term`.
fn prefix_before(prefix: &str, term: &str) -> bool {
    let mut key = String::with_capacity(prefix.len() + 1);
    key.push_str(prefix);
    key.push(PREFIX_MARK);
    key.as_str() < term
}

/// Keys encoded per parallel work unit.
const ENCODE_BATCH: usize = 2048;

/// Encodes the keys of one kind (given in key order) and cuts them into
/// shards of about `SHARD_BYTES`, each a range of keys; returns the shard
/// files and the separators (the shortest prefix of each shard's first key
/// that is greater than the previous shard's last key).
fn shard_files(
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

/// A term block: postings, then its exact variants and who has each.
fn term_block(index: &Inverted, id: usize, out: &mut Vec<u8>) {
    with_postings(|postings| {
        let list = index.term(id, postings);
        encode::postings(out, postings, index.documents);
        variant_subsets(index, id, list, out);
    });
}

thread_local! {
    /// Each worker thread's postings buffer, reused from key to key.
    static POSTINGS: std::cell::RefCell<Postings> = std::cell::RefCell::default();
}

fn with_postings(encode: impl FnOnce(&mut Postings)) {
    POSTINGS.with_borrow_mut(encode);
}

/// A term's exact variants, each with the positions of its postings that
/// have it.
fn variant_subsets(index: &Inverted, id: usize, list: &[TermPosting], out: &mut Vec<u8>) {
    let variants = &index.variants[id];
    encode::varint(out, variants.len() as u64);
    for (bit, variant) in variants.iter().enumerate() {
        encode::varint(out, variant.len() as u64);
        out.extend_from_slice(variant.as_bytes());
        let mask = 1u64 << bit.min(63);
        let members: Vec<u32> = list
            .iter()
            .enumerate()
            .filter(|(_, posting)| posting.variants & mask != 0)
            .map(|(position, _)| position as u32)
            .collect();
        encode::subset(out, &members, list.len());
    }
}

/// One file per category: the set of its documents.
fn category_files(site: &Site, documents: &[Document], universe: u32) -> Vec<(String, Vec<u8>)> {
    (0..site.config.categories.len())
        .map(|category| {
            let ids: Vec<u32> = documents
                .iter()
                .enumerate()
                .filter(|(_, document)| document.category == Some(category))
                .map(|(id, _)| id as u32)
                .collect();
            let mut out = Vec::new();
            encode::varint(&mut out, ids.len() as u64);
            encode::id_set(&mut out, &ids, universe);
            (format!("c{category}.bin"), out)
        })
        .collect()
}

/// One data file per document, `d<id>.json`: `[path, title, date,
/// category, text, more]` — what a result shows, with the first
/// `RESULT_TEXT_CHARS` of its text; when there is more (`more` = 1), the
/// whole text is in `f<id>.json`, fetched only when the first part holds no
/// query word.
fn data_files(documents: &[Document]) -> Vec<(String, Vec<u8>)> {
    documents
        .par_iter()
        .enumerate()
        .flat_map_iter(|(id, document)| {
            let full = full_text(document);
            let short = shorten(&full);
            let more = short.len() < full.len();
            let record = (
                document.path,
                document.title,
                &document.date,
                document.category.map_or(-1, |category| category as i64),
                &*short,
                more as u8,
            );
            let mut files = vec![(format!("d{id}.json"), json_bytes(&record))];
            if more {
                files.push((format!("f{id}.json"), json_bytes(&full.as_ref())));
            }
            files
        })
        .collect()
}

/// JSON text of a value (strings and numbers cannot fail to serialize),
/// without direction controls: snippets are shown in pages (bidi.rs).
fn json_bytes(value: &impl serde::Serialize) -> Vec<u8> {
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    crate::bidi::cleaned(&bytes).unwrap_or(bytes)
}

/// The text snippets are cut from: the summary written in the front matter
/// (a summary taken from the body is not a field), then the body, at most
/// `FULL_TEXT_CHARS`; borrowed when it is the body as it is.
fn full_text<'a>(document: &Document<'a>) -> Cow<'a, str> {
    let summary = &document.fields[super::collect::SUMMARY];
    let body = &document.fields[super::collect::BODY];
    if let ([], [body]) = (summary.as_slice(), body.as_slice())
        && body.len() <= FULL_TEXT_CHARS
    {
        return Cow::Borrowed(body);
    }
    let summary = summary.concat();
    let body = body.concat();
    let text = if summary.is_empty() {
        body
    } else {
        format!("{summary}\n{body}")
    };
    if text.len() <= FULL_TEXT_CHARS {
        return Cow::Owned(text);
    }
    match text.char_indices().nth(FULL_TEXT_CHARS) {
        Some((cut, _)) => Cow::Owned(text[..cut].to_string()),
        None => Cow::Owned(text),
    }
}

/// The first `RESULT_TEXT_CHARS` of a text, cut at a space, with `…`.
fn shorten(text: &str) -> Cow<'_, str> {
    if text.len() <= RESULT_TEXT_CHARS {
        return Cow::Borrowed(text);
    }
    match text.char_indices().nth(RESULT_TEXT_CHARS) {
        Some((cut, _)) => {
            let end = text[..cut].rfind(char::is_whitespace).unwrap_or(cut);
            Cow::Owned(format!("{}…", &text[..end]))
        }
        None => Cow::Borrowed(text),
    }
}

/// The manifest: counts, categories, year ranges, shard separators.
fn manifest(site: &Site, documents: &[Document], shards: serde_json::Value) -> serde_json::Value {
    let categories: Vec<serde_json::Value> = site
        .config
        .categories
        .iter()
        .enumerate()
        .map(|(index, category)| {
            json!([category.slug, category.name, site.categories[index].len()])
        })
        .collect();
    let mut years: Vec<(i32, usize, usize)> = Vec::new();
    for (id, document) in documents.iter().enumerate() {
        let Some(year) = document.year else { continue };
        match years.last_mut() {
            Some(last) if last.0 == year => last.2 = id,
            _ => years.push((year, id, id)),
        }
    }
    years.reverse();
    json!({
        "format": FORMAT,
        "base": site.config.base_url.relative(""),
        "docs": documents.len(),
        "pages": documents.iter().filter(|document| document.year.is_none()).count(),
        "shards": shards,
        "categories": categories,
        "years": years.iter().map(|(year, first, last)| json!([year, first, last])).collect::<Vec<_>>(),
        "prefix": [super::postings::MIN_PREFIX, super::postings::MAX_PREFIX],
    })
}

/// Names the folder by the hash of all its files and makes output files.
fn finish(
    site: &Site,
    mut files: Vec<(String, Vec<u8>)>,
    manifest: serde_json::Value,
) -> SearchIndex {
    files.push((MANIFEST.to_string(), manifest.to_string().into_bytes()));
    files.par_sort_by(|a, b| a.0.cmp(&b.0));
    let contents: Vec<u64> = files
        .par_iter()
        .map(|(_, bytes)| encode::hash64(bytes))
        .collect();
    let mut hash = encode::FNV64_START;
    for ((name, _), content) in files.iter().zip(contents) {
        hash = encode::fnv64(hash, name.as_bytes());
        hash = encode::fnv64(hash, &content.to_le_bytes());
    }
    let folder = format!("{}{INDEX_DIR}/{hash:016x}/", urls::search_path());
    SearchIndex {
        url: site.config.base_url.relative(&folder),
        files: files
            .into_iter()
            .map(|(name, bytes)| OutputFile {
                path: format!("{folder}{name}"),
                // `build_reusing` shares them, for `serve` to keep.
                contents: Contents::Bytes(bytes),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::decode;

    #[test]
    fn separators_are_the_shortest_prefix_after_the_previous_key() {
        assert_eq!(separator(b"khuyen", b"khuyet"), "khuyet");
        assert_eq!(separator(b"co", b"dau"), "d");
        assert_eq!(separator(b"co", b"co*"), "co*");
        assert_eq!(separator("đa".as_bytes(), "đb".as_bytes()), "đb");
    }

    #[test]
    fn prefix_keys_sort_between_a_term_and_its_completions() {
        assert!(prefix_before("co", "coa"));
        assert!(prefix_before("co", "cong"));
        assert!(!prefix_before("co", "co"));
        assert!(!prefix_before("co", "co b"));
        assert!(prefix_before("co", "d"));
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
