//! Scheduled publishing: article front matter + "now" -> the next moment the
//! output will change by itself (a future `date` becomes due, or an
//! `expires` passes), so a cron job or CI schedule knows when to rebuild.
//! `bantin build` prints it and writes it to `.bantin/next-change`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::frontmatter::ArticleMeta;
use crate::site::Selection;

/// The folder of bantin's own state in the site root (git-ignored, never
/// published).
pub const STATE_DIR: &str = ".bantin";
/// The file holding the next change: one RFC 3339 line, or `none`.
pub const NEXT_CHANGE_FILE: &str = "next-change";

/// When the output changes next, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextChange {
    /// In the site's time zone, as written in the front matter.
    pub at: DateTime<FixedOffset>,
    pub source: PathBuf,
    /// `date` (the article appears) or `expires` (it leaves the lists).
    pub field: &'static str,
}

/// The earliest future `date` or `expires` among the articles this build
/// considers (drafts only with `--drafts`).
pub fn next_change<'a>(
    articles: impl IntoIterator<Item = (&'a Path, &'a ArticleMeta)>,
    selection: &Selection,
) -> Option<NextChange> {
    let mut next: Option<NextChange> = None;
    for (source, meta) in articles {
        if meta.draft && !selection.drafts {
            continue;
        }
        let moments = [("date", Some(meta.date)), ("expires", meta.expires)];
        for (field, moment) in moments {
            let Some(at) = moment.filter(|at| *at > selection.now) else {
                continue;
            };
            let earlier = next
                .as_ref()
                .is_none_or(|known| (at, source) < (known.at, known.source.as_path()));
            if earlier {
                next = Some(NextChange {
                    at,
                    source: source.to_path_buf(),
                    field,
                });
            }
        }
    }
    next
}

/// The text of `.bantin/next-change`: the RFC 3339 time, or `none`.
pub fn file_text(next: Option<&NextChange>) -> String {
    match next {
        Some(next) => format!("{}\n", next.at.to_rfc3339()),
        None => "none\n".to_string(),
    }
}

/// Writes `root/.bantin/next-change`.
pub fn write(root: &Path, next: Option<&NextChange>) -> std::io::Result<PathBuf> {
    let dir = root.join(STATE_DIR);
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(NEXT_CHANGE_FILE);
    std::fs::write(&path, file_text(next))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;

    fn meta(date: &str, expires: Option<&str>, draft: bool) -> ArticleMeta {
        let parse = |text: &str| DateTime::parse_from_rfc3339(text).expect("date");
        ArticleMeta {
            title: "x".into(),
            date: parse(date),
            updated: None,
            summary: None,
            category: 0,
            tags: Vec::new(),
            author: None,
            department: None,
            slug: None,
            draft,
            expires: expires.map(parse),
            aliases: Vec::new(),
            image: None,
            image_alt: None,
            attachments: Vec::new(),
            report: None,
            extra: serde_yaml::Value::Null,
        }
    }

    fn selection(drafts: bool) -> Selection {
        Selection {
            drafts,
            future: false,
            now: DateTime::parse_from_rfc3339("2026-01-01T00:00:00+07:00")
                .expect("now")
                .with_timezone(&Utc),
        }
    }

    #[test]
    fn the_earliest_future_date_or_expiry_wins() {
        let past = meta(
            "2025-06-01T08:00:00+07:00",
            Some("2026-03-01T00:00:00+07:00"),
            false,
        );
        let future = meta("2026-02-10T08:00:00+07:00", None, false);
        let draft = meta("2026-01-05T08:00:00+07:00", None, true);
        let articles = [
            (Path::new("content/a.md"), &past),
            (Path::new("content/b.md"), &future),
            (Path::new("content/c.md"), &draft),
        ];
        let next = next_change(articles, &selection(false)).expect("scheduled");
        assert_eq!(next.at.to_rfc3339(), "2026-02-10T08:00:00+07:00");
        assert_eq!(
            (next.source.as_path(), next.field),
            (Path::new("content/b.md"), "date")
        );
        let with_drafts = next_change(articles, &selection(true)).expect("scheduled");
        assert_eq!(with_drafts.source, Path::new("content/c.md"));
        assert_eq!(file_text(Some(&next)), "2026-02-10T08:00:00+07:00\n");
    }

    #[test]
    fn expiry_counts_and_nothing_scheduled_is_none() {
        let expiring = meta(
            "2025-06-01T08:00:00+07:00",
            Some("2026-03-01T00:00:00+07:00"),
            false,
        );
        let next = next_change([(Path::new("a.md"), &expiring)], &selection(false));
        assert_eq!(next.map(|next| next.field), Some("expires"));
        let old = meta("2020-01-01T00:00:00+07:00", None, false);
        assert_eq!(
            next_change([(Path::new("a.md"), &old)], &selection(false)),
            None
        );
        assert_eq!(file_text(None), "none\n");
    }
}
