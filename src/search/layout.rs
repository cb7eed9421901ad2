//! Search stage, step 4: the inverted index and the documents -> the files of
//! the index folder (docs/search.md §4): key files sharded by key prefix
//! (each shard a range of sorted keys), category sets, one data file per
//! document with what a result shows, and the manifest. The folder is named
//! by a hash of everything in it, so every URL is immutable.

use rayon::prelude::*;
use serde_json::json;

use super::SearchIndex;
use super::collect::{Document, MAX_VARIANT_BIT};
use super::encode;
use super::postings::{Inverted, Postings, TermPosting};
use super::records::data_files;
use super::shard::{Blocks, shard_files};
use crate::config::Config;
use crate::output::{Contents, OutputFile};
use crate::site::urls;

pub use super::records::{FULL_TEXT_CHARS, RESULT_TEXT_CHARS};
pub use super::shard::{MAX_SHARDS, SHARD_BYTES};

/// Format version, in the manifest.
pub const FORMAT: u32 = 1;
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
pub fn write(
    config: &Config,
    documents: &[Document],
    index: &Inverted,
    steps: &mut super::Steps,
) -> SearchIndex {
    let universe = index.documents;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let keys = term_space(index);
    let term_blocks = Blocks::encode(keys.len(), |id, out| match keys[id] {
        TermKey::Term(fold) => term_block(index, fold, out),
        TermKey::Prefix(prefix) => with_postings(|postings| {
            index.prefix(prefix, postings);
            encode::postings(out, postings, universe);
        }),
    });
    steps.end("term blocks");
    let (term_shards, term_separators) = shard_files(
        TERMS,
        SHARD_BYTES,
        |id, out| match keys[id] {
            TermKey::Term(fold) => out.extend_from_slice(index.folds[fold].as_bytes()),
            TermKey::Prefix(prefix) => {
                out.extend_from_slice(index.prefix_key(prefix).as_bytes());
                out.push(PREFIX_MARK as u8);
            }
        },
        &term_blocks,
    );
    let pairs = index.pairs();
    let (pair_shards, pair_separators) = shard_files(
        PAIRS,
        SHARD_BYTES,
        |id, out| {
            let (first, second) = pairs.keys[id];
            out.extend_from_slice(index.folds[first as usize].as_bytes());
            out.push(b' ');
            out.extend_from_slice(index.folds[second as usize].as_bytes());
        },
        &pairs.blocks,
    );
    let separators = json!({
        TERMS: term_separators,
        PAIRS: pair_separators,
    });
    files.extend(term_shards);
    files.extend(pair_shards);
    files.extend(category_files(config, documents, universe));
    steps.end("shards");
    files.extend(data_files(documents));
    steps.end("data files");
    let manifest = manifest(config, documents, separators);
    let index = finish(config, files, manifest);
    steps.end("naming");
    index
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
        let mask = 1 << bit.min(MAX_VARIANT_BIT);
        encode::subset(out, list.len(), |position| {
            list[position as usize].variants & mask != 0
        });
    }
}

/// One file per category: the set of its documents.
fn category_files(
    config: &Config,
    documents: &[Document],
    universe: u32,
) -> Vec<(String, Vec<u8>)> {
    (0..config.categories.len())
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

/// The manifest: counts, categories, year ranges, shard separators.
fn manifest(
    config: &Config,
    documents: &[Document],
    shards: serde_json::Value,
) -> serde_json::Value {
    let mut counts = vec![0usize; config.categories.len()];
    for category in documents.iter().filter_map(|document| document.category) {
        counts[category] += 1;
    }
    let categories: Vec<serde_json::Value> = config
        .categories
        .iter()
        .zip(counts)
        .map(|(category, count)| json!([category.slug, category.name, count]))
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
        "base": config.base_url.relative(""),
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
    config: &Config,
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
        url: config.base_url.relative(&folder),
        files: files
            .into_iter()
            .map(|(name, bytes)| OutputFile {
                path: format!("{folder}{name}"),
                // `build_reusing` shares them, for `serve` to keep.
                contents: Contents::Bytes(bytes),
            })
            .collect(),
        ..SearchIndex::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_keys_sort_between_a_term_and_its_completions() {
        assert!(prefix_before("co", "coa"));
        assert!(prefix_before("co", "cong"));
        assert!(!prefix_before("co", "co"));
        assert!(!prefix_before("co", "co b"));
        assert!(prefix_before("co", "d"));
    }
}
