//! Strict YAML reading shared by `site.yaml` and front matter: parse with
//! serde_yaml, then read fields one by one so that *every* problem of a file
//! is reported, each at the line and column of the key or value at fault.
//!
//! serde_yaml's `Value` forgets positions, so `Locator` finds them again in the
//! text: block mappings and sequences by indentation, flow collections
//! (`{a: 1}`, `[x, y]`) by scanning the line. Good enough for hand-written
//! configuration; when a path cannot be found the nearest ancestor is used.
//!
//! Here: paths, problems, parsing and diagnostics; `fields.rs` holds the
//! `Fields` reader, `locate.rs` the `Locator`.

mod fields;
mod locate;
mod text;

pub use fields::{Fields, clean_text};
pub use locate::{Locator, Position};

use std::path::Path;

use serde_yaml::Value;

use crate::diagnostics::Diagnostic;

/// Documents nested deeper than this are refused before serde_yaml sees them.
const MAX_DEPTH: usize = 64;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Whether a problem is about a key itself or the value under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Key,
    Value,
}

/// A problem found while reading a document, located later by `Locator`.
#[derive(Debug, Clone)]
pub struct Problem {
    pub path: Vec<Segment>,
    pub target: Target,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn value(path: &[Segment], message: impl Into<String>) -> Self {
        Problem {
            path: path.to_vec(),
            target: Target::Value,
            message: message.into(),
            hint: None,
        }
    }

    pub fn key(path: &[Segment], message: impl Into<String>) -> Self {
        Problem {
            target: Target::Key,
            ..Problem::value(path, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Dotted display of a path: `report.items[1].budget`.
pub fn path_name(path: &[Segment]) -> String {
    let mut name = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !name.is_empty() {
                    name.push('.');
                }
                name.push_str(key);
            }
            Segment::Index(index) => name.push_str(&format!("[{index}]")),
        }
    }
    name
}

/// A YAML text inside a file: where it starts, so positions map to file lines.
pub struct Source<'a> {
    /// Path shown in diagnostics.
    pub path: &'a Path,
    /// The whole file, for the source line under a diagnostic.
    pub file_text: &'a str,
    /// The YAML text itself.
    pub yaml: &'a str,
    /// Number of file lines before the first YAML line.
    pub line_offset: usize,
}

impl Source<'_> {
    /// Parses the YAML text, or returns the syntax error at its file position.
    pub fn parse(&self) -> Result<Value, Diagnostic> {
        if let Some(line) = too_deep(self.yaml) {
            return Err(self
                .diagnostic_at(
                    line,
                    1,
                    format!("YAML nested deeper than {MAX_DEPTH} levels"),
                )
                .with_hint(
                    "flatten the structure; front matter and site.yaml need only a few levels",
                ));
        }
        serde_yaml::from_str::<Value>(self.yaml).map_err(|error| self.syntax_error(&error))
    }

    fn syntax_error(&self, error: &serde_yaml::Error) -> Diagnostic {
        let message = strip_position(&error.to_string());
        let (line, column) = error
            .location()
            .map(|location| (location.line(), location.column()))
            .unwrap_or((1, 0));
        let hint = if message.contains("repetition limit") || message.contains("recursion limit") {
            "YAML aliases (*name) may not expand into huge documents"
        } else if message.contains("mapping values are not allowed") {
            "a value containing \": \" must be quoted, e.g. title: \"Chủ đề: nội dung\""
        } else if message.contains("found character that cannot start any token") {
            "quote values that start with special characters such as @ or `"
        } else {
            "check the indentation and quoting of this line and the one above"
        };
        self.diagnostic_at(line, column, format!("invalid YAML: {message}"))
            .with_hint(hint)
    }

    /// A diagnostic at a YAML position (1-based line and column in `yaml`).
    pub fn diagnostic_at(&self, line: usize, column: usize, message: String) -> Diagnostic {
        Diagnostic::at(
            self.path,
            self.file_text,
            line + self.line_offset,
            column,
            message,
        )
    }

    /// Turns problems into diagnostics at the positions of their paths.
    pub fn locate(&self, problems: Vec<Problem>) -> Vec<Diagnostic> {
        let locator = Locator::new(self.yaml);
        let mut diagnostics: Vec<Diagnostic> = problems
            .into_iter()
            .map(|problem| {
                let position = locator.find(&problem.path, problem.target);
                let mut diagnostic =
                    self.diagnostic_at(position.line, position.column, problem.message);
                diagnostic = diagnostic.with_width(position.width);
                if let Some(hint) = problem.hint {
                    diagnostic = diagnostic.with_hint(hint);
                }
                diagnostic
            })
            .collect();
        diagnostics.sort_by_key(|diagnostic| (diagnostic.line, diagnostic.column));
        diagnostics
    }
}

/// serde_yaml appends " at line L column C" to messages; we print positions ourselves.
fn strip_position(message: &str) -> String {
    let mut text = message.to_string();
    while let Some(at) = text.find(" at line ") {
        let rest = &text[at + " at line ".len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ' ' || "column".contains(c)))
            .unwrap_or(rest.len());
        text.replace_range(at..at + " at line ".len() + end, "");
    }
    text
}

/// The first line whose nesting (by indentation or open brackets) exceeds the limit.
fn too_deep(yaml: &str) -> Option<usize> {
    let mut brackets = 0usize;
    for (number, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        for c in line.chars() {
            match c {
                '[' | '{' => brackets += 1,
                ']' | '}' => brackets = brackets.saturating_sub(1),
                _ => {}
            }
            if brackets > MAX_DEPTH {
                return Some(number + 1);
            }
        }
        if indent / 2 > MAX_DEPTH * 2 {
            return Some(number + 1);
        }
    }
    None
}

/// A short name of a YAML value's type, for messages.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// A value's type and, for scalars, the value itself.
pub fn describe(value: &Value) -> String {
    match value {
        Value::String(text) => format!("\"{text}\""),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        other => kind(other).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_serde_positions_from_messages() {
        assert_eq!(
            strip_position(
                "did not find expected key at line 3 column 1, while parsing a block mapping at line 2 column 1"
            ),
            "did not find expected key, while parsing a block mapping"
        );
    }
}
