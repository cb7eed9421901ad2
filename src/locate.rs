//! Finds where a value was written in a source file, for problems found
//! after parsing (a missing attachment, a colliding alias, a broken link):
//! the diagnostic then points at the line an editor has to change.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// An error at the first line of `root/source` (from line `from`, 1-based)
/// that contains `needle`, with a caret under it; the whole file when the
/// text is not found or the file cannot be read.
pub fn error_at(
    root: &Path,
    source: &Path,
    from: usize,
    needle: &str,
    message: impl Into<String>,
) -> Diagnostic {
    let message = message.into();
    let Ok(text) = std::fs::read_to_string(root.join(source)) else {
        return Diagnostic::file_error(source, message);
    };
    match find(&text, from, needle) {
        Some((line, column)) => {
            Diagnostic::at(source, &text, line, column, message).with_width(needle.chars().count())
        }
        None => Diagnostic::file_error(source, message),
    }
}

/// Line and column (1-based, in characters) of the first `needle` at or
/// after line `from`.
pub fn find(text: &str, from: usize, needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(index, line)| {
            line.find(needle)
                .map(|at| (index + 1, line[..at].chars().count() + 1))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_and_column_from_a_starting_line() {
        let text = "---\nimage: anh.jpg\n---\nXem ảnh anh.jpg\n";
        assert_eq!(find(text, 1, "anh.jpg"), Some((2, 8)));
        assert_eq!(find(text, 3, "anh.jpg"), Some((4, 9)));
        assert_eq!(find(text, 1, "khong-co"), None);
    }
}
