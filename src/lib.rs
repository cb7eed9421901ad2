//! bantin: a static site generator for the Vietnamese news bulletins of a
//! provincial department.
//!
//! The pipeline (see `pipeline/mod.rs`), one module per stage:
//!
//! ```text
//! load        content/ -> source files (UTF-8 checked, BOM stripped, NFC)
//! frontmatter source -> (front matter, body), errors at file line:col
//! markdown    body -> html, summary, plain text
//! media       attachments, cover images, bundle files -> files to publish
//! site        pages + config -> immutable Site: categories, tags, archives
//! search      Site -> the sharded search index (before render: the search
//!             page names the index folder)
//! render      Site + theme -> output files in memory (minijinja)
//! media       Site -> files articles bring along (image, attachments)
//! redirects   aliases -> redirect pages, _redirects, nginx snippet
//! linkcheck   output in memory -> broken links, at their source line
//! compress    output -> .gz/.br copies (build only, `compress:`)
//! output      in-memory output -> public/, atomically
//! ```

pub mod bidi;
pub mod cli;
pub mod commands;
pub mod compress;
pub mod config;
pub mod confine;
pub(crate) mod cpu;
pub mod dates;
pub mod diagnostics;
pub mod frontmatter;
pub mod fuzzing;
pub mod import;
pub mod incremental;
pub mod interrupt;
pub mod linkcheck;
pub mod load;
pub mod locate;
pub mod lock;
pub mod markdown;
pub mod media;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod publish;
pub mod redirects;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schedule;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod vietnamese;
pub mod yaml;
