//! Output clean-up of invisible direction controls: rendered text files ->
//! the same files without U+202A–U+202E (embeddings, overrides) and
//! U+2066–U+2069 (isolates).
//!
//! Vietnamese is written left to right and never needs them, while a title
//! such as `Thông báo \u{202E}fdp.exe` *displays* as `Thông báo exe.pdf`
//! and an unclosed override can reverse the text after it (a list of
//! titles, a link). They can reach a page through front matter, YAML escapes
//! (`"\u202e"`), HTML entities in Markdown (`&#x202E;`) or file names, so
//! they are removed from every generated text file in one place, after
//! rendering. The marks U+200E and U+200F (LRM, RLM) cannot reorder letters
//! and are kept.

use crate::output::{Contents, OutputFile};

/// Whether `c` is a direction embedding, override or isolate control.
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without direction controls (borrowed when it has none).
pub fn strip(text: &str) -> std::borrow::Cow<'_, str> {
    if may_contain_controls(text.as_bytes()) && text.chars().any(is_direction_control) {
        std::borrow::Cow::Owned(text.chars().filter(|&c| !is_direction_control(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Text files whose bytes are generated (pages, feeds, index files).
fn is_text_output(path: &str) -> bool {
    let extension = path.rsplit_once('.').map_or("", |(_, extension)| extension);
    matches!(
        extension,
        "html" | "xml" | "json" | "txt" | "js" | "css" | "svg" | "conf"
    ) || !path.contains('.')
}

/// Whether the UTF-8 bytes hold a control: E2 80 AA–AE or E2 81 A6–A9.
fn may_contain_controls(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0xE2, bytes).any(|at| {
        let (second, third) = (
            bytes.get(at + 1).copied(),
            bytes.get(at + 2).copied().unwrap_or(0),
        );
        let embedding = second == Some(0x80) && (0xAA..=0xAE).contains(&third);
        let isolate = second == Some(0x81) && (0xA6..=0xA9).contains(&third);
        embedding || isolate
    })
}

/// The UTF-8 text without direction controls; `None` when it holds none.
pub fn cleaned(bytes: &[u8]) -> Option<Vec<u8>> {
    if !may_contain_controls(bytes) {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    Some(strip(text).into_owned().into_bytes())
}

/// Removes direction controls from every generated text file. Pages
/// rendered from templates are cleaned as they are rendered (render stage)
/// and arrive here shared with serve's cache; they are skipped.
pub fn clean_output(files: &mut [OutputFile]) {
    use rayon::prelude::*;
    files.par_iter_mut().for_each(|file| {
        if !is_text_output(&file.path) {
            return;
        }
        let replacement = match &file.contents {
            Contents::Bytes(bytes) => cleaned(bytes).map(Contents::Bytes),
            Contents::Shared(_) | Contents::Copy(_) => None,
        };
        if let Some(contents) = replacement {
            file.contents = contents;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_isolates_are_removed_marks_are_kept() {
        assert_eq!(strip("Thông báo \u{202E}fdp.exe"), "Thông báo fdp.exe");
        assert_eq!(strip("a\u{2066}b\u{2069}c\u{202A}d"), "abcd");
        assert_eq!(strip("a\u{200E}b\u{200F}"), "a\u{200E}b\u{200F}");
        assert!(matches!(
            strip("Khuyến công"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn generated_pages_are_cleaned_copied_files_are_not() {
        let mut files = vec![
            OutputFile {
                path: "x/index.html".into(),
                contents: Contents::Bytes("<h1>a\u{202E}b</h1>".into()),
            },
            OutputFile {
                path: "feed.xml".into(),
                contents: Contents::Bytes("<t>\u{2067}x</t>".into()),
            },
        ];
        clean_output(&mut files);
        assert_eq!(files[0].contents, Contents::Bytes("<h1>ab</h1>".into()));
        assert_eq!(files[1].contents, Contents::Bytes("<t>x</t>".into()));
    }
}
