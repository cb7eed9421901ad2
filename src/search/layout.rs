//! Search stage, step 4: the inverted index and the documents -> the files of
//! the index folder (docs/search.md §4): hash-sharded key files, category
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
/// Aimed size of a shard file; a key larger than this gets a shard to itself.
pub const SHARD_BYTES: usize = 4096;
/// Documents per data chunk.
pub const CHUNK_DOCS: usize = 4;
/// Characters of text kept per document for snippets.
pub const SNIPPET_SOURCE_CHARS: usize = 480;
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
    let term_shards = shard_files(
        TERMS,
        collected.folds.len(),
        |id, out| out.extend_from_slice(collected.folds[id].as_bytes()),
        |id, out| term_block(index, id, out),
        estimate(index.terms.iter().map(|term| term.postings.docs.len() + 4)),
    );
    let pair_shards = shard_files(
        PAIRS,
        index.pairs.len(),
        |id, out| {
            let ((first, second), _) = &index.pairs[id];
            out.extend_from_slice(collected.folds[*first as usize].as_bytes());
            out.push(b' ');
            out.extend_from_slice(collected.folds[*second as usize].as_bytes());
        },
        |id, out| encode::postings(out, &index.pairs[id].1, universe),
        estimate(
            index
                .pairs
                .iter()
                .map(|(_, postings)| postings.docs.len() + 10),
        ),
    );
    let prefix_shards = shard_files(
        PREFIXES,
        index.prefixes.len(),
        |id, out| out.extend_from_slice(index.prefixes[id].0.as_bytes()),
        |id, out| encode::postings(out, &index.prefixes[id].1, universe),
        estimate(
            index
                .prefixes
                .iter()
                .map(|(_, postings)| postings.docs.len() + 4),
        ),
    );
    let shard_counts = json!({
        TERMS: term_shards.len(),
        PAIRS: pair_shards.len(),
        PREFIXES: prefix_shards.len(),
    });
    files.extend(term_shards);
    files.extend(pair_shards);
    files.extend(prefix_shards);
    files.extend(category_files(site, documents, universe));
    files.extend(data_chunks(documents));
    let manifest = manifest(site, documents, shard_counts);
    finish(site, files, manifest)
}

/// Total bytes a kind of keys will take, roughly: its shard count.
fn estimate(sizes: impl Iterator<Item = usize>) -> usize {
    sizes.map(|size| size + size / 2).sum()
}

/// Assigns keys to shards by hash and encodes each shard.
fn shard_files(
    kind: &str,
    count: usize,
    key: impl Fn(usize, &mut Vec<u8>) + Sync,
    block: impl Fn(usize, &mut Vec<u8>) + Sync,
    estimated_bytes: usize,
) -> Vec<(String, Vec<u8>)> {
    let shards = estimated_bytes.div_ceil(SHARD_BYTES).max(1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); shards];
    let mut buffer = Vec::new();
    for id in 0..count {
        buffer.clear();
        key(id, &mut buffer);
        members[encode::fnv32(&buffer) as usize % shards].push(id);
    }
    members
        .into_par_iter()
        .enumerate()
        .map(|(number, ids)| {
            let entries: Vec<(Vec<u8>, Vec<u8>)> = ids
                .into_iter()
                .map(|id| {
                    let mut name = Vec::new();
                    key(id, &mut name);
                    let mut bytes = Vec::new();
                    block(id, &mut bytes);
                    (name, bytes)
                })
                .collect();
            (format!("{kind}{number}.bin"), encode::shard(&entries))
        })
        .collect()
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

/// The manifest: counts, categories, year ranges, shard counts.
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
