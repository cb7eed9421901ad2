//! Diagnostics: every problem found in the input, with the file, line and
//! column where an editor can fix it. Rendering is kept apart from the value,
//! like minijinja's `Error`: `Display` prints the `path:line:col: error: ...`
//! header, the source line, a caret and the hint.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is. Errors fail the build; warnings are printed only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as the editor knows it: relative to the site root when possible.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// How many characters the caret underlines (at least one).
    pub width: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The text of `line`, shown under the header with a caret.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error about a whole file (unreadable, not UTF-8, ...).
    pub fn file_error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: 0,
            column: 0,
            width: 1,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// An error at a position; the source line is filled in from `source`.
    pub fn at(
        path: impl Into<PathBuf>,
        source: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        let source_line = source
            .lines()
            .nth(line.saturating_sub(1))
            .filter(|_| line > 0)
            .map(|text| text.trim_end_matches('\r').to_string());
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            column,
            width: 1,
            message: message.into(),
            hint: None,
            source_line,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_width(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The `path:line:col` part of the header.
    pub fn location(&self) -> String {
        let path = self.path.display();
        match (self.line, self.column) {
            (0, _) => format!("{path}"),
            (line, 0) => format!("{path}:{line}"),
            (line, column) => format!("{path}:{line}:{column}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}: {label}: {}",
            self.location(),
            shorten(&self.message, MAX_MESSAGE_CHARS)
        )?;
        if let Some(text) = &self.source_line {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            let (shown, column) = source_window(text, self.column);
            write!(f, "\n{pad} |\n{gutter} | {shown}")?;
            if column > 0 {
                let offset = " ".repeat(column - 1);
                let room = shown.chars().count().saturating_sub(column - 1).max(1);
                let carets = "^".repeat(self.width.min(room));
                write!(f, "\n{pad} | {offset}{carets}")?;
            }
        }
        if let Some(hint) = &self.hint {
            let pad = " ".repeat(self.line.to_string().len());
            write!(f, "\n{pad} = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Messages quote what the author wrote; a pasted novel is cut short.
const MAX_MESSAGE_CHARS: usize = 400;
/// Source lines are shown at most this wide, around the column at fault.
const MAX_SHOWN_CHARS: usize = 100;

fn shorten(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.chars().count() <= max {
        return std::borrow::Cow::Borrowed(text);
    }
    let kept: String = text.chars().take(max).collect();
    std::borrow::Cow::Owned(format!(
        "{kept}… ({} characters in all)",
        text.chars().count()
    ))
}

/// The part of a source line to show (tabs as spaces, a long line cut to a
/// window around `column` with `…` marks) and the column within it.
fn source_window(text: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    if chars.len() <= MAX_SHOWN_CHARS + 20 {
        return (chars.into_iter().collect(), column);
    }
    let start = column.saturating_sub(MAX_SHOWN_CHARS / 2).min(chars.len());
    let end = (start + MAX_SHOWN_CHARS).min(chars.len());
    let mut shown = String::new();
    let mut shifted = column.saturating_sub(start);
    if start > 0 {
        shown.push('…');
        shifted += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    let column = if column == 0 { 0 } else { shifted.max(1) };
    (shown, column)
}

/// Sort diagnostics for output: by file, then position. Keeps reports stable
/// whatever order the parallel stages found them in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
    });
}

/// The path to show for `path`: relative to `root` when it is inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The closest candidate to `word`, for "did you mean" hints.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .iter()
        .map(|candidate| {
            let score = if candidate.starts_with(&lower) || lower.starts_with(candidate) {
                1.0
            } else {
                strsim::jaro_winkler(&lower, candidate)
            };
            (score, *candidate)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_and_messages_are_cut_around_the_column() {
        let line = format!("extra: {}", "[".repeat(10_000));
        let diagnostic = Diagnostic::at("x.md", &line, 1, 5_000, "m".repeat(5_000));
        let shown = diagnostic.to_string();
        assert!(shown.len() < 2_000, "{} bytes", shown.len());
        assert!(shown.contains("… (5000 characters in all)"));
        let lines: Vec<&str> = shown.lines().collect();
        let caret = lines[3].find('^').expect("caret");
        assert_eq!(lines[2].chars().nth(caret), Some('['));
    }

    #[test]
    fn renders_header_source_line_caret_and_hint() {
        let source = "---\ntitle: x\ntag: [a]\n---\n";
        let diagnostic = Diagnostic::at("content/2014/x.md", source, 3, 1, "unknown field \"tag\"")
            .with_width(3)
            .with_hint("did you mean \"tags\"?");
        let shown = diagnostic.to_string();
        assert_eq!(
            shown,
            "content/2014/x.md:3:1: error: unknown field \"tag\"\n  |\n3 | tag: [a]\n  | ^^^\n  = hint: did you mean \"tags\"?"
        );
    }

    #[test]
    fn suggests_the_closest_known_word() {
        let fields = ["title", "tags", "date", "category"];
        assert_eq!(did_you_mean("tag", &fields), Some("tags"));
        assert_eq!(did_you_mean("titel", &fields), Some("title"));
        assert_eq!(did_you_mean("catgory", &fields), Some("category"));
        assert_eq!(did_you_mean("zzz", &fields), None);
    }
}
