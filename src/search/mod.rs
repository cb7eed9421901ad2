//! Search stage: `Site` -> a static, sharded search index under the search
//! page's folder (`tim-kiem/chi-muc/<hash>/`) and the URL the search page
//! loads it from. The browser client is `themes/default/static/assets/search.js`;
//! the format, the ranking and the normalization are specified in docs/search.md.
//!
//! ```text
//! normalize  token -> exact key (canonical tones) and fold key (no marks)
//! tokenize   text -> tokens, with phrase breaks
//! documents  articles and pages -> documents (ids, field texts)
//! early      the index begun in the site stage, once the documents are known
//! collect    documents -> per-document term statistics
//! intern     written forms -> dense ids, per chunk of documents
//! postings   documents -> postings with BM25F impacts (terms, prefixes)
//! pairs      documents' adjacent pairs -> pair keys and encoded postings
//! score      corpus statistics -> quantized BM25F impacts
//! prefix     fold keys -> prefix keys; unions of their completions' postings
//! encode     postings -> bytes (varints, bitmaps, packed impacts)
//! shard      keys in order and their blocks -> shard files and separators
//! records    documents -> data files: what a result shows, text for snippets
//! layout     everything -> shard files, data files, manifest, in a hashed folder
//! parse      query -> words, phrase pairs, the word being typed
//! rank       per-document tally of a query -> ranked ids
//! query      the client's search in Rust, over the written files (tests)
//! ```

pub mod collect;
pub mod decode;
pub mod documents;
pub mod early;
pub mod encode;
pub mod intern;
pub mod layout;
pub mod normalize;
pub mod pairs;
pub mod parse;
pub mod postings;
pub mod prefix;
pub mod query;
pub mod rank;
pub mod records;
pub mod score;
pub mod shard;
pub mod telex;
pub mod tokenize;

use std::time::{Duration, Instant};

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::config::Config;
use crate::output::OutputFile;
use crate::site::Site;

/// The written index: its files and where the search page finds it. A
/// site with `search: false` gets the default: no files, and no folder for
/// the search page to name.
#[derive(Clone, Default)]
pub struct SearchIndex {
    pub files: Vec<OutputFile>,
    /// Root-relative URL of the index folder (ends with `/`), for the page's
    /// `data-index` attribute.
    pub url: String,
    /// The steps that built it (`Steps`), for `--timings`.
    pub steps: Vec<Step>,
    /// When the first step began.
    pub began: Option<Instant>,
}

/// One step of building the index: its CPU time, summed over the threads
/// of the pool, and when it ended.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    pub name: &'static str,
    pub cpu: Duration,
    pub ended: Instant,
}

impl SearchIndex {
    /// The CPU time its steps took before `at`; of a step under way then,
    /// the part of its wall time before it.
    pub fn cpu_before(&self, at: Instant) -> Duration {
        let Some(mut began) = self.began else {
            return Duration::ZERO;
        };
        let mut before = Duration::ZERO;
        for step in &self.steps {
            if step.ended <= at {
                before += step.cpu;
            } else if began < at {
                let part = (at - began).as_secs_f64() / (step.ended - began).as_secs_f64();
                before += step.cpu.mul_f64(part);
            }
            began = step.ended;
        }
        before
    }
}

/// The CPU time of the index's steps, summed over the threads of the rayon
/// pool that builds it (`bantin build` and `serve` give the index a pool of
/// its own: publish.rs, incremental.rs), for `--timings`. Reading the
/// clocks is one broadcast to the pool's threads per step.
pub struct Steps {
    began: Instant,
    steps: Vec<Step>,
    /// The pool's CPU time at the end of the last step; `None` outside a
    /// pool, where nothing is measured.
    last: Option<Duration>,
}

impl Steps {
    fn start() -> Self {
        Steps {
            began: Instant::now(),
            steps: Vec::new(),
            last: pool_cpu(),
        }
    }

    /// Ends the step `name`: the pool's CPU time since the previous one.
    pub(crate) fn end(&mut self, name: &'static str) {
        let (Some(last), Some(now)) = (self.last, pool_cpu()) else {
            return;
        };
        self.steps.push(Step {
            name,
            cpu: now.saturating_sub(last),
            ended: Instant::now(),
        });
        self.last = Some(now);
    }
}

/// The CPU time of the current rayon pool's threads so far; `None` on a
/// thread outside any pool, where a broadcast would go to the global pool
/// and wait for its threads, busy with other work.
fn pool_cpu() -> Option<Duration> {
    rayon::current_thread_index()?;
    Some(rayon::broadcast(|_| crate::cpu::thread()).into_iter().sum())
}

/// Builds the search index of a site.
pub fn build(site: &Site) -> SearchIndex {
    if !site.config.search {
        return SearchIndex::default();
    }
    let documents = collect::documents(site);
    build_from(&site.config, &documents)
}

fn build_from(config: &Config, documents: &[collect::Document]) -> SearchIndex {
    let mut steps = Steps::start();
    let collected = collect::collect(documents, &mut steps);
    let index = postings::invert(collected, &mut steps);
    let written = layout::write(config, documents, &index, &mut steps);
    // Unmapping the postings tables takes the kernel a while: let it happen
    // beside the render instead of before it.
    std::thread::spawn(move || drop(index));
    SearchIndex {
        steps: steps.steps,
        began: Some(steps.began),
        ..written
    }
}

/// The index of the previous build and the signature of its input.
pub type Reusable = Option<(u64, SearchIndex)>;

/// Builds the search index, or reuses the previous one (`serve`) when no
/// searchable input changed: the documents' fields, dates, categories and
/// order, and the site's base URL and categories. With `defer`, a changed
/// input still gets the previous index (if there is one), and `true` says
/// that it is out of date: a later call without `defer` builds it.
pub fn build_reusing(site: &Site, previous: &mut Reusable, defer: bool) -> (SearchIndex, bool) {
    if !site.config.search {
        return (SearchIndex::default(), false);
    }
    let documents = collect::documents(site);
    let signature = input_signature(site, &documents);
    if let Some((kept, index)) = previous.as_ref()
        && (*kept == signature || defer)
    {
        return (index.clone(), *kept != signature);
    }
    let index = shared(build_from(&site.config, &documents));
    *previous = Some((signature, index.clone()));
    (index, false)
}

/// Builds the index for a later `build_reusing` (which then finds it up to
/// date while the site is unchanged): `serve` builds it on a thread of its
/// own, so that the next save does not wait for it.
pub fn build_reusable(site: &Site) -> Reusable {
    if !site.config.search {
        return None;
    }
    let documents = collect::documents(site);
    let signature = input_signature(site, &documents);
    Some((signature, shared(build_from(&site.config, &documents))))
}

/// Builds the search index in a thread pool of its own, so that its
/// threads do nothing else while the pages render in the global pool;
/// returns what `build_index` gives and the CPU time the pool's threads
/// spent on it.
pub(crate) fn build_apart<T: Send>(build_index: impl FnOnce() -> T + Send) -> (T, Duration) {
    let started = std::time::Instant::now();
    let Some(pool) = pool() else {
        let index = build_index();
        return (index, started.elapsed());
    };
    // The calling thread (one `publish` starts for it) only waits.
    let index = pool.install(build_index);
    let spent = pool.broadcast(|_| crate::cpu::thread()).into_iter().sum();
    (index, crate::cpu::or_wall(spent, started))
}

/// A thread pool of the index's own, so that its threads do nothing else
/// while pages render in the global pool (a full build measures its CPU
/// time; `serve` keeps rebuilding meanwhile); `None` if the system has no
/// thread to give.
pub fn pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(rayon::current_num_threads())
        .thread_name(|number| format!("bantin-search-{number}"))
        .build()
        .ok()
}

/// The index with its files' contents shared, so that `serve` keeps it
/// without copying it each time.
fn shared(mut index: SearchIndex) -> SearchIndex {
    for file in &mut index.files {
        file.contents.share();
    }
    index
}

fn input_signature(site: &Site, documents: &[collect::Document]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    site.config.base_url.relative("").hash(&mut hasher);
    for category in &site.config.categories {
        (&category.slug, &category.name).hash(&mut hasher);
    }
    for document in documents {
        let collect::Document {
            path,
            title,
            fields,
            date,
            year,
            category,
        } = document;
        (path, title, fields, date, year, category).hash(&mut hasher);
    }
    hasher.finish()
}

/// One token of a text with its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The token as written (a slice of the NFC text).
    pub text: String,
    pub exact: String,
    pub fold: String,
    /// Adjacent to the previous token in the same phrase.
    pub joined: bool,
}

/// NFC form of a text, borrowing when it already is.
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    }
}

/// Tokenizes and normalizes a text (a query, a test vector).
pub fn analyze(text: &str) -> Vec<Key> {
    let text = nfc(text);
    tokenize::tokens(&text)
        .map(|token| {
            let written = &text[token.start..token.end];
            let exact = normalize::exact_key(written);
            let fold = normalize::fold_key(&exact);
            Key {
                text: written.to_string(),
                exact,
                fold,
                joined: token.joined,
            }
        })
        .collect()
}

#[cfg(test)]
mod clock_tests {
    use super::*;

    #[test]
    fn cpu_before_counts_whole_steps_and_prorates_the_one_under_way() {
        let start = Instant::now();
        let at = |ms: u64| start + Duration::from_millis(ms);
        let step = |name, cpu, ended| Step {
            name,
            cpu: Duration::from_millis(cpu),
            ended: at(ended),
        };
        let index = SearchIndex {
            steps: vec![step("tokens", 40, 20), step("statistics", 30, 50)],
            began: Some(at(0)),
            ..SearchIndex::default()
        };
        assert_eq!(index.cpu_before(at(0)), Duration::ZERO);
        assert_eq!(index.cpu_before(at(20)), Duration::from_millis(40));
        // A third of the second step's wall time: a third of its CPU time.
        assert_eq!(index.cpu_before(at(30)), Duration::from_millis(50));
        assert_eq!(index.cpu_before(at(90)), Duration::from_millis(70));
        assert_eq!(SearchIndex::default().cpu_before(at(5)), Duration::ZERO);
    }
}

#[cfg(test)]
mod vector_tests {
    use super::*;

    const VECTORS: &str = include_str!("../../tests/search/vectors.json");

    fn vectors() -> serde_json::Value {
        serde_json::from_str(VECTORS).expect("tests/search/vectors.json is valid JSON")
    }

    fn joined(keys: &[Key], pick: impl Fn(&Key) -> &str) -> String {
        keys.iter().map(pick).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn shared_vectors_give_exact_and_fold_keys() {
        let vectors = vectors();
        let list = vectors["vectors"].as_array().expect("vectors");
        assert!(list.len() >= 200, "at least 200 vectors");
        let mut failures = Vec::new();
        for vector in list {
            let input = vector[0].as_str().expect("input");
            let keys = analyze(input);
            let exact = joined(&keys, |key| &key.exact);
            let fold = joined(&keys, |key| &key.fold);
            if exact != vector[1].as_str().expect("exact") || fold != vector[2] {
                failures.push(format!(
                    "{input:?}: got exact {exact:?} fold {fold:?}, want {} {}",
                    vector[1], vector[2]
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn shared_vectors_give_phrase_breaks() {
        let vectors = vectors();
        for vector in vectors["phrases"].as_array().expect("phrases") {
            let input = vector[0].as_str().expect("input");
            let mut grouped = String::new();
            for (index, key) in analyze(input).iter().enumerate() {
                if index > 0 {
                    grouped.push_str(if key.joined { " " } else { " | " });
                }
                grouped.push_str(&key.fold);
            }
            assert_eq!(grouped, vector[1].as_str().expect("groups"), "{input:?}");
        }
    }

    #[test]
    fn shared_vectors_decode_telex_and_vni() {
        let vectors = vectors();
        for vector in vectors["telex"].as_array().expect("telex") {
            let input = vector[0].as_str().expect("input");
            assert_eq!(
                telex::decode(input).as_deref(),
                vector[1].as_str(),
                "{input:?}"
            );
        }
    }
}
