//! The fields of front matter, one reader each: title, dates, category, tags,
//! slug, aliases, cover image and attachments, with their limits and the
//! path checks that keep aliases and files inside the site.

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use serde_yaml::Value;

use super::{Attachment, MAX_LINE_CHARS, MAX_TAG_CHARS, MAX_TAGS, MAX_TITLE_CHARS};
use crate::config::Config;
use crate::dates::parse_date;
use crate::diagnostics::did_you_mean;
use crate::slug::{MAX_SLUG_LEN, is_slug, slugify};
use crate::yaml::{Fields, Problem, Segment, kind};

/// A non-empty text field of at most `max` characters (longer is an error).
pub(super) fn limited(fields: &mut Fields, key: &str, max: usize) -> Option<String> {
    let text = non_empty(fields.text(key))?;
    let length = text.chars().count();
    if length > max {
        let problem = Problem::value(
            &fields.path_of(key),
            format!("{key} is {length} characters long; the limit is {max}"),
        )
        .with_hint("shorten it; long text belongs in the article body");
        fields.report(problem);
        return None;
    }
    Some(text)
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty())
}

pub(super) fn read_title(fields: &mut Fields) -> Option<String> {
    let title = fields.required_text("title", "the headline of the article")?;
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let length = title.chars().count();
    if length > MAX_TITLE_CHARS {
        let problem = Problem::value(
            &fields.path_of("title"),
            format!("title is {length} characters long; the limit is {MAX_TITLE_CHARS}"),
        )
        .with_hint("shorten the headline and move the rest into summary");
        fields.report(problem);
        return None;
    }
    Some(title)
}

pub(super) fn read_date(
    fields: &mut Fields,
    key: &str,
    required: bool,
    zone: Tz,
) -> Option<DateTime<FixedOffset>> {
    let text = if required {
        fields.required_text(key, "the publication date, e.g. 2014-09-24")?
    } else {
        fields.text(key)?
    };
    match parse_date(&text, zone) {
        Ok(date) => Some(date),
        Err(error) => {
            fields.report(
                Problem::value(
                    &fields.path_of(key),
                    format!("invalid {key}: {}", error.message),
                )
                .with_hint(error.hint),
            );
            None
        }
    }
}

pub(super) fn read_category(fields: &mut Fields, config: &Config) -> Option<usize> {
    let name = fields.required_text("category", "one of the categories declared in site.yaml")?;
    if let Some(index) = config.category(&name) {
        return Some(index);
    }
    let mut known: Vec<&str> = config
        .categories
        .iter()
        .map(|category| category.name.as_str())
        .collect();
    known.extend(
        config
            .categories
            .iter()
            .map(|category| category.slug.as_str()),
    );
    let hint = match did_you_mean(&name, &known) {
        Some(close) => format!("did you mean \"{close}\"?"),
        None if known.is_empty() => "declare categories in site.yaml first".to_string(),
        None => format!(
            "declared categories: {}",
            config
                .categories
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let problem = Problem::value(
        &fields.path_of("category"),
        format!("category \"{name}\" is not declared in site.yaml"),
    )
    .with_hint(hint);
    fields.report(problem);
    None
}

pub(super) fn read_tags(fields: &mut Fields) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut slugs = std::collections::HashSet::new();
    let mut reported = 0;
    for tag in fields.text_list("tags") {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
        let length = tag.chars().count();
        let slug = slugify(&tag);
        let problem = if length > MAX_TAG_CHARS {
            Some(
                Problem::value(
                    &fields.path_of("tags"),
                    format!("a tag is {length} characters long; the limit is {MAX_TAG_CHARS}"),
                )
                .with_hint("a tag is a word or two that readers browse by"),
            )
        } else if slug.is_empty() {
            Some(
                Problem::value(
                    &fields.path_of("tags"),
                    format!("tag \"{tag}\" has no letters or digits"),
                )
                .with_hint("a tag needs at least one letter or digit to have a page"),
            )
        } else {
            if slugs.insert(slug) {
                tags.push(tag);
            }
            None
        };
        // One bad list must not flood the terminal: the first few are enough.
        if let Some(problem) = problem {
            reported += 1;
            if reported <= 3 {
                fields.report(problem);
            }
        }
    }
    if tags.len() > MAX_TAGS {
        let problem = Problem::value(
            &fields.path_of("tags"),
            format!(
                "{} tags; an article may have at most {MAX_TAGS}",
                tags.len()
            ),
        )
        .with_hint("keep the few tags readers would browse by");
        fields.report(problem);
        tags.truncate(MAX_TAGS);
    }
    tags
}

pub(super) fn read_slug(fields: &mut Fields) -> Option<String> {
    let slug = fields.text("slug")?;
    if is_slug(&slug) && slug.len() <= MAX_SLUG_LEN {
        return Some(slug);
    }
    let suggestion = slugify(&slug);
    let hint = if suggestion.is_empty() {
        "use lower-case ASCII letters, digits and hyphens".to_string()
    } else {
        format!("write slug: {suggestion}")
    };
    fields.report(
        Problem::value(
            &fields.path_of("slug"),
            format!("\"{slug}\" is not a URL slug"),
        )
        .with_hint(hint),
    );
    None
}

pub(super) fn read_aliases(fields: &mut Fields) -> Vec<String> {
    let mut aliases = Vec::new();
    for (index, alias) in fields.text_list("aliases").into_iter().enumerate() {
        let mut path = fields.path_of("aliases");
        path.push(Segment::Index(index));
        match check_site_path(&alias) {
            Ok(()) => aliases.push(alias),
            Err(message) => fields.report(
                Problem::value(&path, message)
                    .with_hint("an alias is an old path on this site, such as /tin-tuc/1234.html"),
            ),
        }
    }
    aliases
}

/// An alias must be a plain path on this site: no scheme, no `..`, no query.
pub fn check_site_path(path: &str) -> Result<(), String> {
    if !path.starts_with('/') || path.starts_with("//") {
        return Err(format!("alias \"{path}\" must start with a single /"));
    }
    if path.contains(['?', '#', '\\', '\0']) || path.chars().any(char::is_control) {
        return Err(format!(
            "alias \"{}\" may not contain ?, #, backslashes or control characters",
            path.escape_debug()
        ));
    }
    // Aliases are written into redirect pages, `_redirects` and nginx
    // configuration: nothing that could end a quoted string or a directive.
    if let Some(bad) = path.chars().find(|&c| {
        c.is_whitespace() || "\"'<>`{}|^;$".contains(c) || crate::bidi::is_direction_control(c)
    }) {
        return Err(format!(
            "alias \"{path}\" may not contain {}",
            match bad {
                c if c.is_whitespace() => "spaces".to_string(),
                c if crate::bidi::is_direction_control(c) => {
                    "invisible direction characters".to_string()
                }
                c => format!("\"{c}\""),
            }
        ));
    }
    // Redirect files are written at the decoded path: `%2e%2e` is `..`.
    let decoded = crate::site::links::percent_decode(path);
    if decoded.split('/').any(|part| part == ".." || part == ".") {
        return Err(format!("alias \"{path}\" may not contain . or .. segments"));
    }
    if decoded.contains(['\\', '\0']) || decoded.chars().any(char::is_control) {
        return Err(format!(
            "alias \"{path}\" may not encode backslashes or control characters"
        ));
    }
    Ok(())
}

pub(super) fn read_image(fields: &mut Fields) -> (Option<String>, Option<String>) {
    let image = non_empty(fields.text("image"));
    let alt = limited(fields, "image_alt", MAX_LINE_CHARS);
    if let Some(file) = &image {
        if let Err(message) = check_relative_file(file) {
            fields.report(Problem::value(&fields.path_of("image"), message));
        }
        if alt.is_none() {
            let problem = Problem::value(&fields.path_of("image"), "a cover image needs image_alt")
                .with_hint("add image_alt: a short description of the picture for readers who cannot see it");
            fields.report(problem);
        }
    }
    (image, alt)
}

/// Files named in front matter stay inside the site: relative to the article,
/// or `/`-rooted in `static/`; never `..` or a URL.
pub fn check_relative_file(file: &str) -> Result<(), String> {
    if file.contains("://") || file.starts_with("//") {
        return Err(format!(
            "\"{file}\" is a URL; name a file beside the article or under static/"
        ));
    }
    if file.contains(['\\', '\0']) || file.split('/').any(|part| part == "..") {
        return Err(format!(
            "\"{file}\" leaves the site; .. and backslashes are not allowed"
        ));
    }
    if file
        .chars()
        .any(|c| c.is_control() || crate::bidi::is_direction_control(c))
    {
        return Err(format!(
            "\"{}\" contains control or invisible direction characters; rename the file",
            file.escape_debug()
        ));
    }
    Ok(())
}

pub(super) fn read_attachments(fields: &mut Fields) -> Vec<Attachment> {
    let Some(value) = fields.get("attachments") else {
        return Vec::new();
    };
    let Value::Sequence(items) = value else {
        let problem = Problem::value(
            &fields.path_of("attachments"),
            format!("attachments must be a list, found {}", kind(value)),
        )
        .with_hint("write each as `- {file: bao-cao.pdf, title: Báo cáo ...}`");
        fields.report(problem);
        return Vec::new();
    };
    let mut attachments = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let mut path = fields.path_of("attachments");
        path.push(Segment::Index(index));
        let Some(mut entry) = Fields::new(item, path, "an attachment", fields.problems()) else {
            continue;
        };
        entry.deny_unknown(&["file", "title"], "an attachment");
        let file = entry.required_text("file", "the file name, e.g. bao-cao-9-thang.pdf");
        let title = limited(&mut entry, "title", MAX_LINE_CHARS);
        let Some(file) = file else { continue };
        if let Err(message) = check_relative_file(&file) {
            entry.report(Problem::value(&entry.path_of("file"), message));
            continue;
        }
        let title = title.unwrap_or_else(|| file.rsplit('/').next().unwrap_or(&file).to_string());
        attachments.push(Attachment { file, title });
    }
    attachments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_files_cannot_leave_the_site() {
        assert!(check_site_path("/tin-tuc/1234.html").is_ok());
        assert!(check_site_path("//evil.example/").is_err());
        assert!(check_site_path("/a/../../etc").is_err());
        assert!(check_site_path("/a/%2e%2E/%2e%2e/etc").is_err());
        assert!(check_site_path("/a%5c..%5cb").is_err());
        assert!(check_site_path("/tin%20tuc.html").is_ok());
        assert!(check_relative_file("../../etc/passwd").is_err());
        assert!(check_relative_file("https://x/y.pdf").is_err());
        assert!(check_relative_file("bao-cao.pdf").is_ok());
    }
}
