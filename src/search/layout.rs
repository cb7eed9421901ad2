//! Search stage, step 4: the inverted index and the documents -> the files of
//! the index folder (docs/search.md §4): key files sharded by key prefix
//! (each shard a range of sorted keys), category
//! sets, data chunks with what a result shows, and the manifest. The folder
//! is named by a hash of everything in it, so every URL is immutable.

use rayon::prelude::*;
use serde_json::json;

use super::SearchIndex;
use super::collect::Document;
use super::encode;
use super::postings::Inverted;
use crate::output::{Contents, OutputFile};
use crate::site::{Site, urls};

/// Format version, in the manifest.
pub const FORMAT: u32 = 1;
/// Aimed size of a shard file; a key larger than this is a shard by itself.
pub const SHARD_BYTES: usize = 4096;
/// Documents per data chunk.
pub const CHUNK_DOCS: usize = 2;
/// Characters of text kept per document for snippets.
pub const SNIPPET_SOURCE_CHARS: usize = 360;
/// Folder of index versions inside the search page's folder.
pub const INDEX_DIR: &str = "chi-muc";
pub const MANIFEST: &str = "m.json";

/// Key kinds and their file prefixes.
pub const TERMS: &str = "t";
pub const PAIRS: &str = "b";
pub const PREFIXES: &str = "p";

/// Writes every file of the index.
pub fn write(site: &Site, documents: &[Document], index: &Inverted) -> SearchIndex {
    let universe = index.documents;
    let collected = index.collected;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let (term_shards, term_separators) = shard_files(
        TERMS,
        collected.folds.len(),
        |id, out| out.extend_from_slice(collected.folds[id].as_bytes()),
        |id, out| term_block(index, id, out),
    );
    let (pair_shards, pair_separators) = shard_files(
        PAIRS,
        index.pairs.len(),
        |id, out| {
            let ((first, second), _) = &index.pairs[id];
            out.extend_from_slice(collected.folds[*first as usize].as_bytes());
            out.push(b' ');
            out.extend_from_slice(collected.folds[*second as usize].as_bytes());
        },
        |id, out| encode::postings(out, &index.pairs[id].1, universe),
    );
    let (prefix_shards, prefix_separators) = shard_files(
        PREFIXES,
        index.prefixes.len(),
        |id, out| out.extend_from_slice(index.prefixes[id].0.as_bytes()),
        |id, out| encode::postings(out, &index.prefixes[id].1, universe),
    );
    let separators = json!({
        TERMS: term_separators,
        PAIRS: pair_separators,
        PREFIXES: prefix_separators,
    });
    files.extend(term_shards);
    files.extend(pair_shards);
    files.extend(prefix_shards);
    files.extend(category_files(site, documents, universe));
    files.extend(data_chunks(documents));
    let manifest = manifest(site, documents, separators);
    finish(site, files, manifest)
}

/// Keys encoded per parallel work unit.
const ENCODE_BATCH: usize = 2048;

/// Encodes the keys of one kind (given in key order) and cuts them into
/// shards of about `SHARD_BYTES`, each a range of keys; returns the shard
/// files and the separators (the shortest prefix of each shard's first key
/// that is greater than the previous shard's last key).
fn shard_files(
    kind: &str,
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
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let mut separators = Vec::new();
    let (mut first, mut size) = (0, 0);
    let (mut previous, mut current) = (Vec::new(), Vec::new());
    for id in 0..count {
        current.clear();
        key(id, &mut current);
        let cost = current.len() + block_of(id).len() + 4;
        if size > 0 && size + cost > SHARD_BYTES {
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
    let term = &index.terms[id];
    encode::postings(out, &term.postings, index.documents);
    let variants = &index.collected.variants[id];
    encode::varint(out, variants.len() as u64);
    for (bit, variant) in variants.iter().enumerate() {
        encode::varint(out, variant.len() as u64);
        out.extend_from_slice(variant.as_bytes());
        let mask = 1u64 << bit.min(63);
        let members: Vec<u32> = term
            .variants
            .iter()
            .enumerate()
            .filter(|(_, variants)| *variants & mask != 0)
            .map(|(position, _)| position as u32)
            .collect();
        encode::subset(out, &members, term.variants.len());
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

/// Data chunks: per document `[path, title, date, category, text]`.
fn data_chunks(documents: &[Document]) -> Vec<(String, Vec<u8>)> {
    documents
        .par_chunks(CHUNK_DOCS)
        .enumerate()
        .map(|(number, chunk)| {
            let records: Vec<serde_json::Value> = chunk
                .iter()
                .map(|document| {
                    json!([
                        document.path,
                        document.title,
                        document.date,
                        document.category.map_or(-1, |category| category as i64),
                        snippet_source(document),
                    ])
                })
                .collect();
            let text = serde_json::Value::from(records).to_string();
            (format!("d{number}.json"), text.into_bytes())
        })
        .collect()
}

/// The text snippets are cut from: the summary (unless the body starts with
/// it), then the body, cut at a word boundary.
fn snippet_source(document: &Document) -> String {
    let summary = document.fields[super::collect::SUMMARY].concat();
    let body = document.fields[super::collect::BODY].concat();
    let lead: String = summary.chars().take(40).collect();
    let mut text = if summary.is_empty() || body.starts_with(lead.trim_end_matches('…')) {
        body
    } else {
        format!("{summary}\n{body}")
    };
    if let Some((cut, _)) = text.char_indices().nth(SNIPPET_SOURCE_CHARS) {
        let end = text[..cut].rfind(char::is_whitespace).unwrap_or(cut);
        text.truncate(end);
        text.push('…');
    }
    text
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
        "chunk": CHUNK_DOCS,
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
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut hash = encode::FNV64_START;
    for (name, bytes) in &files {
        hash = encode::fnv64(hash, name.as_bytes());
        hash = encode::fnv64(hash, &(bytes.len() as u64).to_le_bytes());
        hash = encode::fnv64(hash, bytes);
    }
    let folder = format!("{}{INDEX_DIR}/{hash:016x}/", urls::search_path());
    SearchIndex {
        url: site.config.base_url.relative(&folder),
        files: files
            .into_iter()
            .map(|(name, bytes)| OutputFile {
                path: format!("{folder}{name}"),
                contents: Contents::Bytes(bytes),
            })
            .collect(),
    }
}
