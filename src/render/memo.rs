//! Reuse of rendered pages between builds, for `serve`. While a page renders,
//! the template objects record what it reads (articles, pages, tags,
//! categories); the page is kept with the versions of those and a signature
//! of its own inputs (template files, the items of its list, site-wide
//! values). On the next build it is rendered again only when its signature or
//! one of the versions it read changed — so an edit re-renders the article
//! and the lists, taxonomy pages and neighbours that show it, and nothing else,
//! whatever the templates choose to display.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::jobs::Job;
use crate::site::Site;

/// What kind of object a page read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Article,
    Page,
    Tag,
    Category,
}

/// Which part of an object a page read: an article card on a list page reads
/// the `Card` facet only, so a body edit leaves the list alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    /// Front matter and what is derived from it (title, URL, dates, summary, tags ...).
    Card,
    /// The rendered body.
    Content,
    /// Older, newer and related articles.
    Links,
}

/// One recorded read: object kind, its index in this build, the facet.
pub type Read = (Kind, u32, Facet);

thread_local! {
    /// Reads of the page rendering on this thread, if tracking.
    static READS: RefCell<Option<Vec<Read>>> = const { RefCell::new(None) };
}

/// Records that the page rendering on this thread read part of an object.
pub fn read(kind: Kind, index: usize, facet: Facet) {
    READS.with(|reads| {
        if let Some(reads) = reads.borrow_mut().as_mut() {
            reads.push((kind, index as u32, facet));
        }
    });
}

/// Runs `render` while recording what it reads. Nested calls (a fragment
/// rendered inside a page) record their own reads; the caller replays them.
pub fn tracking<T>(render: impl FnOnce() -> T) -> (T, Vec<Read>) {
    let outer = READS.with(|reads| reads.borrow_mut().replace(Vec::new()));
    let result = render();
    let mut reads = READS
        .with(|reads| std::mem::replace(&mut *reads.borrow_mut(), outer))
        .unwrap_or_default();
    reads.sort_unstable_by_key(|(kind, index, facet)| (*kind as u8, *index, *facet as u8));
    reads.dedup();
    (result, reads)
}

/// Records reads made elsewhere (a cached fragment) for the current page.
pub fn replay(recorded: &[Read]) {
    READS.with(|reads| {
        if let Some(reads) = reads.borrow_mut().as_mut() {
            reads.extend_from_slice(recorded);
        }
    });
}

/// Versions of the three facets of one object.
type Facets = [u64; 3];

/// A stable identity and the current versions of every readable object.
pub struct Versions {
    ids: HashMap<Kind, Vec<(u64, Facets)>>,
    by_id: HashMap<(Kind, u64, Facet), u64>,
}

fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A hash map with a fast hasher, for caches keyed by paths.
pub type FastMap<K, V> = HashMap<K, V, xxhash_rust::xxh3::Xxh3DefaultBuilder>;

impl Versions {
    /// Identities and versions for this build of `site`.
    pub fn new(site: &Site) -> Self {
        let articles: Vec<(u64, Facets)> = (0..site.articles.len())
            .map(|index| article_version(site, index))
            .collect();
        let pages = (0..site.pages.len())
            .map(|index| page_version(site, index))
            .collect();
        let tags = site
            .tags
            .iter()
            .map(|tag| {
                (
                    hash_of(&tag.slug),
                    [hash_of((&tag.name, tag.articles.len())), 0, 0],
                )
            })
            .collect();
        let categories = site
            .categories
            .iter()
            .enumerate()
            .map(|(index, list)| (index as u64, [list.len() as u64, 0, 0]))
            .collect();
        let ids = HashMap::from([
            (Kind::Article, articles),
            (Kind::Page, pages),
            (Kind::Tag, tags),
            (Kind::Category, categories),
        ]);
        let by_id = ids
            .iter()
            .flat_map(|(kind, list)| {
                list.iter().flat_map(move |(id, facets)| {
                    [Facet::Card, Facet::Content, Facet::Links]
                        .into_iter()
                        .map(move |facet| ((*kind, *id, facet), facets[facet as usize]))
                })
            })
            .collect();
        Versions { ids, by_id }
    }

    /// Takes the new versions of the articles and pages in `changed` from
    /// `site`, whose objects are otherwise where they were.
    pub fn refresh(&mut self, site: &Site, changed: &[(Kind, usize)]) {
        for &(kind, index) in changed {
            let (id, facets) = match kind {
                Kind::Article => article_version(site, index),
                Kind::Page => page_version(site, index),
                Kind::Tag | Kind::Category => continue,
            };
            if let Some(slot) = self.ids.get_mut(&kind).and_then(|list| list.get_mut(index)) {
                *slot = (id, facets);
            }
            for facet in [Facet::Card, Facet::Content, Facet::Links] {
                self.by_id.insert((kind, id, facet), facets[facet as usize]);
            }
        }
    }

    /// All facet versions of an object by its index in this build.
    pub fn version(&self, kind: Kind, index: usize) -> u64 {
        self.ids
            .get(&kind)
            .and_then(|list| list.get(index))
            .map(|(_, facets)| hash_of(facets))
            .unwrap_or(0)
    }

    /// The identity of an object by its index in this build.
    pub fn id(&self, kind: Kind, index: usize) -> u64 {
        self.ids
            .get(&kind)
            .and_then(|list| list.get(index))
            .map(|(id, _)| *id)
            .unwrap_or(0)
    }

    fn current(&self, (kind, index, facet): Read) -> Kept {
        let (id, facets) = self
            .ids
            .get(&kind)
            .and_then(|list| list.get(index as usize))
            .copied()
            .unwrap_or((0, [0; 3]));
        (kind, id, facet, facets[facet as usize])
    }
}

/// The identity and facet versions of the article at `index`.
fn article_version(site: &Site, index: usize) -> (u64, Facets) {
    let article_id = |index: usize| hash_of(site.articles[index].source.as_os_str());
    let article = &site.articles[index];
    let tag_names: Vec<&str> = article
        .tags
        .iter()
        .map(|&tag| site.tags[tag].name.as_str())
        .collect();
    let card = hash_of((
        article.fingerprint.meta,
        &article.media,
        &article.path,
        &article.summary,
        (
            article.listed,
            article.scheduled,
            article.draft,
            article.category,
        ),
        tag_names,
    ));
    let links: Vec<Option<u64>> = [article.older, article.newer]
        .into_iter()
        .chain(article.related.iter().copied().map(Some))
        .map(|other| other.map(article_id))
        .collect();
    (
        article_id(index),
        [card, article.fingerprint.body, hash_of(links)],
    )
}

/// The identity and facet versions of the page at `index`.
fn page_version(site: &Site, index: usize) -> (u64, Facets) {
    let page = &site.pages[index];
    (
        hash_of(page.source.as_os_str()),
        [
            hash_of((page.fingerprint.meta, &page.path, &page.lang, &page.summary)),
            page.fingerprint.body,
            0,
        ],
    )
}

/// A read as remembered across builds: kind, identity, facet, version.
type Kept = (Kind, u64, Facet, u64);

/// A page kept from an earlier build.
struct Entry {
    signature: u64,
    reads: Vec<Kept>,
    bytes: Arc<[u8]>,
    /// The job that renders the page in the last build's site.
    job: Job,
}

/// Rendered pages by output path.
#[derive(Default)]
pub struct Memo {
    entries: FastMap<String, Entry>,
    /// The versions of the last build, for a build that changes few objects.
    pub versions: Option<Versions>,
}

impl Memo {
    /// The kept bytes of `path`, if its signature and everything it read are unchanged.
    pub fn reuse(&self, path: &str, signature: u64, versions: &Versions) -> Option<Arc<[u8]>> {
        let entry = self.entries.get(path)?;
        let unchanged = entry.signature == signature
            && entry.reads.iter().all(|(kind, id, facet, version)| {
                versions.by_id.get(&(*kind, *id, *facet)) == Some(version)
            });
        unchanged.then(|| Arc::clone(&entry.bytes))
    }

    /// Keeps the pages rendered by this build and forgets pages that are gone;
    /// reused pages keep their entries, with the job that renders them now.
    pub fn update(&mut self, rendered: Vec<Remembered>, present: &HashMap<&str, &Job>) {
        self.entries
            .retain(|path, entry| match present.get(path.as_str()) {
                Some(job) => {
                    entry.job = (*job).clone();
                    true
                }
                None => false,
            });
        self.remember(rendered);
    }

    /// Keeps pages rendered again by a build that rendered only some pages.
    pub fn remember(&mut self, rendered: Vec<Remembered>) {
        for page in rendered {
            let entry = Entry {
                signature: page.signature,
                reads: page.reads,
                bytes: page.bytes,
                job: page.job,
            };
            self.entries.insert(page.path, entry);
        }
    }

    /// The jobs of the kept pages that read any of `objects` (kind and
    /// identity), by output path, in path order.
    pub fn readers(&self, objects: &[(Kind, u64)]) -> Vec<(&str, &Job)> {
        let mut found: Vec<(&str, &Job)> = self
            .entries
            .iter()
            .filter(|(_, entry)| {
                entry
                    .reads
                    .iter()
                    .any(|(kind, id, _, _)| objects.contains(&(*kind, *id)))
            })
            .map(|(path, entry)| (path.as_str(), &entry.job))
            .collect();
        found.sort_unstable_by_key(|(path, _)| *path);
        found
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

/// A page of this build, to remember for the next.
pub struct Remembered {
    pub path: String,
    pub signature: u64,
    pub reads: Vec<Kept>,
    pub bytes: Arc<[u8]>,
    pub job: Job,
}

impl Remembered {
    pub fn new(
        (path, job): (String, &Job),
        signature: u64,
        reads: &[Read],
        versions: &Versions,
        bytes: Arc<[u8]>,
    ) -> Self {
        Remembered {
            path,
            signature,
            reads: reads.iter().map(|read| versions.current(*read)).collect(),
            bytes,
            job: job.clone(),
        }
    }
}

/// Hashes any value for signatures.
pub fn signature(value: impl Hash) -> u64 {
    hash_of(value)
}
