//! Media stage: errors at the front-matter field naming a missing or
//! unreadable file, with its line and column.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::frontmatter::ArticleMeta;
use crate::site::Planned;
use crate::yaml::{Locator, Segment, Target};

pub(super) fn missing(
    root: &Path,
    planned: &Planned<ArticleMeta>,
    field: &[Segment],
    name: &str,
    looked: &Path,
) -> Diagnostic {
    let what = if field.len() == 1 {
        "cover image"
    } else {
        "attachment"
    };
    if root.join(looked).exists() {
        let message = crate::confine::Confinement::message(looked);
        return field_error(
            root,
            planned,
            field,
            format!("{what} \"{name}\": {message}"),
        )
        .with_hint("copy the file into the site instead of linking to it");
    }
    field_error(
        root,
        planned,
        field,
        format!(
            "{what} \"{name}\" not found ({} does not exist)",
            looked.display()
        ),
    )
    .with_hint(
        "put the file beside the article (or in its bundle folder), or write /path for a file under static/",
    )
}

/// An error at the front-matter field `field` of the article's file.
pub(super) fn field_error(
    root: &Path,
    planned: &Planned<ArticleMeta>,
    field: &[Segment],
    message: String,
) -> Diagnostic {
    let message = format!("{}: {message}", crate::yaml::path_name(field));
    let text = std::fs::read_to_string(root.join(&planned.source)).unwrap_or_default();
    let text = text.replace("\r\n", "\n");
    let Some(yaml) = front_matter(&text) else {
        return Diagnostic::file_error(&planned.source, message);
    };
    let position = Locator::new(yaml).find(field, Target::Value);
    Diagnostic::at(
        &planned.source,
        &text,
        position.line + 1,
        position.column,
        message,
    )
    .with_width(position.width)
}

/// The YAML between the opening and closing `---` lines.
fn front_matter(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text.strip_prefix("---\n")?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            return Some(&rest[..offset]);
        }
        offset += line.len();
    }
    None
}
