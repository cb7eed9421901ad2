//! Strict YAML reading shared by `site.yaml` and front matter: parse with
//! serde_yaml, then read fields one by one so that *every* problem of a file
//! is reported, each at the line and column of the key or value at fault.
//!
//! serde_yaml's `Value` forgets positions, so `Locator` finds them again in the
//! text: block mappings and sequences by indentation, flow collections
//! (`{a: 1}`, `[x, y]`) by scanning the line. Good enough for hand-written
//! configuration; when a path cannot be found the nearest ancestor is used.

use std::path::Path;

use serde_yaml::{Mapping, Value};

use crate::diagnostics::{Diagnostic, did_you_mean};

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

/// Fields holding file names, never cleaned by `clean_text`.
const FILE_NAME_KEYS: &[&str] = &["file", "image"];

/// Text as written, without the invisible characters pasted from old
/// documents that no field needs: control characters other than tab and
/// line feed (Word's vertical tab, NUL, escape sequences) and direction
/// controls (see `bidi`).
pub fn clean_text(text: &str) -> String {
    let unwanted = |c: char| {
        (c.is_control() && c != '\n' && c != '\t') || crate::bidi::is_direction_control(c)
    };
    if !text.chars().any(unwanted) {
        return text.to_string();
    }
    text.chars()
        .filter_map(|c| match c {
            // Vertical tab, form feed, CR, NEL separate words: keep a space.
            c if unwanted(c) && c.is_whitespace() => Some(' '),
            c if unwanted(c) => None,
            c => Some(c),
        })
        .collect()
}

/// A 1-based position in the YAML text, with the width to underline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub width: usize,
}

/// A region of the text holding one YAML node.
#[derive(Debug, Clone, Copy)]
enum Scope {
    /// Lines `start..end`; content of the first line begins at `first_column`
    /// (0-based bytes) when it follows a `- ` or a key.
    Block {
        start: usize,
        end: usize,
        first_column: Option<usize>,
    },
    /// A flow collection or scalar on one line, bytes `from..to`.
    Inline { line: usize, from: usize, to: usize },
}

/// Finds the text position of a path in a YAML document.
pub struct Locator<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Locator<'a> {
    pub fn new(yaml: &'a str) -> Self {
        Locator {
            lines: yaml.lines().collect(),
        }
    }

    /// Position of the key (or item) at `path`, or of its value.
    pub fn find(&self, path: &[Segment], target: Target) -> Position {
        let mut scope = Scope::Block {
            start: 0,
            end: self.lines.len(),
            first_column: None,
        };
        let mut found = Position {
            line: 1,
            column: 1,
            width: 1,
        };
        for segment in path {
            let step = match segment {
                Segment::Key(key) => self.find_key(scope, key),
                Segment::Index(index) => self.find_index(scope, *index),
            };
            match step {
                Some((position, inner)) => {
                    found = position;
                    scope = inner;
                }
                None => return found,
            }
        }
        match target {
            Target::Key => found,
            Target::Value => self.scope_start(scope).unwrap_or(found),
        }
    }

    fn scope_start(&self, scope: Scope) -> Option<Position> {
        match scope {
            Scope::Inline { line, from, to } => Some(self.position(line, from, to - from)),
            Scope::Block {
                start,
                end,
                first_column,
            } => (start..end).find_map(|line| {
                let text = self.lines[line];
                let column = if line == start {
                    first_column.unwrap_or(indent_of(text))
                } else {
                    indent_of(text)
                };
                let content = text.get(column..)?.trim_end();
                (!is_blank(content)).then(|| self.position(line, column, content.len()))
            }),
        }
    }

    /// Converts a 0-based line and byte column into a 1-based character position.
    fn position(&self, line: usize, byte_column: usize, byte_width: usize) -> Position {
        let text = self.lines.get(line).copied().unwrap_or("");
        let before = text.get(..byte_column).unwrap_or(text);
        let covered = text
            .get(byte_column..byte_column + byte_width)
            .unwrap_or("");
        Position {
            line: line + 1,
            column: before.chars().count() + 1,
            width: covered.chars().count().max(1),
        }
    }

    /// Content lines of a block scope as (line, column where content starts).
    fn block_lines(
        &self,
        start: usize,
        end: usize,
        first_column: Option<usize>,
    ) -> Vec<(usize, usize)> {
        (start..end.min(self.lines.len()))
            .filter_map(|line| {
                let text = self.lines[line];
                let column = match first_column {
                    Some(column) if line == start => column,
                    _ => indent_of(text),
                };
                let content = text.get(column..).unwrap_or("");
                (!is_blank(content)).then_some((line, column))
            })
            .collect()
    }

    fn find_key(&self, scope: Scope, key: &str) -> Option<(Position, Scope)> {
        match scope {
            Scope::Inline { line, from, to } => self.find_inline_key(line, from, to, key),
            Scope::Block {
                start,
                end,
                first_column,
            } => {
                let lines = self.block_lines(start, end, first_column);
                let child = lines.first()?.1;
                lines
                    .iter()
                    .filter(|(_, column)| *column == child)
                    .find_map(|&(line, column)| {
                        let text = &self.lines[line][column..];
                        let after = key_prefix_len(text, key)?;
                        let position = self.position(line, column, key_len(text, key));
                        Some((position, self.value_scope(line, column + after, child, end)))
                    })
            }
        }
    }

    /// The scope of a value that starts at byte `column` of `line` (after a key's
    /// colon or an item's dash); block values continue on deeper lines.
    fn value_scope(&self, line: usize, column: usize, parent_indent: usize, end: usize) -> Scope {
        let text = self.lines[line];
        let rest = text.get(column..).unwrap_or("");
        let skipped = rest.len() - rest.trim_start().len();
        let value_start = column + skipped;
        let value = strip_comment(&text[value_start..]);
        if !value.is_empty() && !value.starts_with('|') && !value.starts_with('>') {
            return Scope::Inline {
                line,
                from: value_start,
                to: value_start + value.len(),
            };
        }
        let block_end = (line + 1..end.min(self.lines.len()))
            .find(|&next| {
                let next_text = self.lines[next];
                !is_blank(next_text) && indent_of(next_text) <= parent_indent
            })
            .unwrap_or(end.min(self.lines.len()));
        Scope::Block {
            start: line + 1,
            end: block_end,
            first_column: None,
        }
    }

    fn find_index(&self, scope: Scope, index: usize) -> Option<(Position, Scope)> {
        match scope {
            Scope::Inline { line, from, to } => {
                let (item_from, item_to) = flow_items(&self.lines[line][from..to])
                    .into_iter()
                    .nth(index)
                    .map(|(a, b)| (from + a, from + b))?;
                let position = self.position(line, item_from, item_to - item_from);
                Some((
                    position,
                    Scope::Inline {
                        line,
                        from: item_from,
                        to: item_to,
                    },
                ))
            }
            Scope::Block {
                start,
                end,
                first_column,
            } => {
                let lines = self.block_lines(start, end, first_column);
                let child = lines.first()?.1;
                let dashes: Vec<usize> = lines
                    .iter()
                    .filter(|&&(line, column)| {
                        column == child && self.lines[line][column..].starts_with('-')
                    })
                    .map(|&(line, _)| line)
                    .collect();
                let line = *dashes.get(index)?;
                let item_end = dashes.get(index + 1).copied().unwrap_or(end);
                let text = self.lines[line];
                let after_dash =
                    child + 1 + (text[child + 1..].len() - text[child + 1..].trim_start().len());
                let value = strip_comment(&text[after_dash..]);
                let position = self.position(line, child, 1);
                let scope =
                    if value.starts_with('{') || value.starts_with('[') || !value.contains(':') {
                        self.value_scope(line, after_dash, child, item_end)
                    } else {
                        Scope::Block {
                            start: line,
                            end: item_end,
                            first_column: Some(after_dash),
                        }
                    };
                Some((position, scope))
            }
        }
    }

    fn find_inline_key(
        &self,
        line: usize,
        from: usize,
        to: usize,
        key: &str,
    ) -> Option<(Position, Scope)> {
        let text = &self.lines[line][from..to];
        let inner = text.strip_prefix('{').unwrap_or(text);
        let offset = from + (text.len() - inner.len());
        for (item_from, item_to) in flow_items(inner.strip_suffix('}').unwrap_or(inner)) {
            let item = &self.lines[line][offset + item_from..offset + item_to];
            if let Some(after) = key_prefix_len(item, key) {
                let key_start = offset + item_from;
                let position = self.position(line, key_start, key_len(item, key));
                let value_text = &item[after..];
                let skipped = value_text.len() - value_text.trim_start().len();
                let value_from = key_start + after + skipped;
                return Some((
                    position,
                    Scope::Inline {
                        line,
                        from: value_from,
                        to: (offset + item_to).max(value_from),
                    },
                ));
            }
        }
        None
    }
}

fn indent_of(text: &str) -> usize {
    text.len() - text.trim_start_matches(' ').len()
}

fn is_blank(content: &str) -> bool {
    let trimmed = content.trim();
    trimmed.is_empty() || trimmed.starts_with('#')
}

fn strip_comment(text: &str) -> &str {
    let mut quote = None;
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            (None, '#') if at == 0 || text[..at].ends_with(' ') => return text[..at].trim_end(),
            _ => {}
        }
    }
    text.trim_end()
}

/// If `text` starts with `key:` (optionally quoted), the byte length up to and
/// including the colon.
fn key_prefix_len(text: &str, key: &str) -> Option<usize> {
    for quote in ["", "\"", "'"] {
        let quoted = format!("{quote}{key}{quote}");
        if let Some(rest) = text.strip_prefix(quoted.as_str()) {
            let trimmed = rest.trim_start_matches(' ');
            if trimmed.starts_with(':') {
                return Some(quoted.len() + (rest.len() - trimmed.len()) + 1);
            }
        }
    }
    None
}

fn key_len(text: &str, key: &str) -> usize {
    if text.starts_with('"') || text.starts_with('\'') {
        key.len() + 2
    } else {
        key.len()
    }
}

/// Byte ranges of the top-level items of a flow collection's inside (or of a
/// whole `[...]`/`{...}` when given with brackets).
fn flow_items(text: &str) -> Vec<(usize, usize)> {
    let (inner_from, inner) = match text.strip_prefix('[').or_else(|| text.strip_prefix('{')) {
        Some(inner) => (
            1,
            inner
                .strip_suffix(']')
                .or_else(|| inner.strip_suffix('}'))
                .unwrap_or(inner),
        ),
        None => (0, text),
    };
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut quote = None;
    let mut start = 0;
    let push = |from: usize, to: usize, items: &mut Vec<(usize, usize)>| {
        let slice = &inner[from..to];
        let lead = slice.len() - slice.trim_start().len();
        let trimmed = slice.trim();
        if !trimmed.is_empty() {
            items.push((
                inner_from + from + lead,
                inner_from + from + lead + trimmed.len(),
            ));
        }
    };
    for (at, c) in inner.char_indices() {
        match (quote, c) {
            (Some(open), c) if c == open => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            (None, ',') if depth == 0 => {
                push(start, at, &mut items);
                start = at + 1;
            }
            _ => {}
        }
    }
    push(start, inner.len(), &mut items);
    items
}

/// Reads the fields of one YAML mapping, recording a `Problem` for each
/// missing, unknown or mistyped field instead of stopping at the first.
pub struct Fields<'a> {
    mapping: &'a Mapping,
    path: Vec<Segment>,
    problems: &'a mut Vec<Problem>,
}

impl<'a> Fields<'a> {
    /// Reads `value` as a mapping; anything else is one problem and `None`.
    pub fn new(
        value: &'a Value,
        path: Vec<Segment>,
        what: &str,
        problems: &'a mut Vec<Problem>,
    ) -> Option<Self> {
        match value {
            Value::Mapping(mapping) => Some(Fields {
                mapping,
                path,
                problems,
            }),
            other => {
                problems.push(Problem::value(
                    &path,
                    format!(
                        "{what} must be a mapping of `key: value` lines, found {}",
                        kind(other)
                    ),
                ));
                None
            }
        }
    }

    pub fn problems(&mut self) -> &mut Vec<Problem> {
        self.problems
    }

    /// The path of a field of this mapping.
    pub fn path_of(&self, key: &str) -> Vec<Segment> {
        let mut path = self.path.clone();
        path.push(Segment::Key(key.to_string()));
        path
    }

    pub fn report(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    /// Every key must be one of `allowed`; others are reported with a suggestion.
    pub fn deny_unknown(&mut self, allowed: &[&str], context: &str) {
        for key in self.mapping.keys() {
            let Some(name) = key.as_str() else {
                self.problems.push(Problem::value(
                    &self.path,
                    format!("{context} keys must be text, found {}", kind(key)),
                ));
                continue;
            };
            if allowed.contains(&name) {
                continue;
            }
            let mut problem = Problem::key(
                &self.path_of(name),
                format!("unknown field \"{name}\" in {context}"),
            );
            problem = match did_you_mean(name, allowed) {
                Some(suggestion) => problem.with_hint(format!("did you mean \"{suggestion}\"?")),
                None => problem.with_hint(format!("known fields: {}", allowed.join(", "))),
            };
            self.problems.push(problem);
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.mapping.get(key).filter(|value| !value.is_null())
    }

    /// A text field. Numbers are accepted as text (`title: 2014`).
    pub fn text(&mut self, key: &str) -> Option<String> {
        let value = self.get(key)?;
        match value {
            // File names are kept as written, so that an invisible
            // character in one is reported rather than silently changing
            // which file is meant (frontmatter::check_relative_file).
            Value::String(text) if FILE_NAME_KEYS.contains(&key) => Some(text.clone()),
            Value::String(text) => Some(clean_text(text)),
            Value::Number(number) => Some(number.to_string()),
            other => {
                let problem = Problem::value(
                    &self.path_of(key),
                    format!("\"{key}\" must be text, found {}", kind(other)),
                )
                .with_hint("put the text in quotes");
                self.problems.push(problem);
                None
            }
        }
    }

    /// A required, non-empty text field.
    pub fn required_text(&mut self, key: &str, what: &str) -> Option<String> {
        match self.text(key) {
            Some(text) if !text.trim().is_empty() => Some(text),
            Some(_) => {
                let problem = Problem::value(&self.path_of(key), format!("\"{key}\" is empty"))
                    .with_hint(format!("write {what}"));
                self.problems.push(problem);
                None
            }
            None if self.mapping.contains_key(key) && self.get(key).is_none() => {
                let problem = Problem::value(&self.path_of(key), format!("\"{key}\" is empty"))
                    .with_hint(format!("write {what}"));
                self.problems.push(problem);
                None
            }
            None if self.mapping.contains_key(key) => None,
            None => {
                let problem =
                    Problem::value(&self.path, format!("missing required field \"{key}\""))
                        .with_hint(format!("add a line `{key}: ...` with {what}"));
                self.problems.push(problem);
                None
            }
        }
    }

    pub fn boolean(&mut self, key: &str) -> Option<bool> {
        match self.get(key)? {
            Value::Bool(flag) => Some(*flag),
            other => {
                let problem = Problem::value(
                    &self.path_of(key),
                    format!("\"{key}\" must be true or false, found {}", kind(other)),
                )
                .with_hint(format!("write `{key}: true` or `{key}: false`"));
                self.problems.push(problem);
                None
            }
        }
    }

    /// A non-negative integer field.
    pub fn unsigned(&mut self, key: &str) -> Option<u64> {
        let value = self.get(key)?;
        match value.as_u64() {
            Some(number) => Some(number),
            None => {
                let problem = Problem::value(
                    &self.path_of(key),
                    format!(
                        "\"{key}\" must be a whole number, found {}",
                        describe(value)
                    ),
                );
                self.problems.push(problem);
                None
            }
        }
    }

    /// A list of texts; a single text is a problem with a hint to use a list.
    pub fn text_list(&mut self, key: &str) -> Vec<String> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let Value::Sequence(items) = value else {
            let hint = match value {
                Value::String(text) => format!("write a list: {key}: [{text}]"),
                _ => format!("write a list: {key}: [a, b]"),
            };
            let problem = Problem::value(
                &self.path_of(key),
                format!("\"{key}\" must be a list, found {}", kind(value)),
            )
            .with_hint(hint);
            self.problems.push(problem);
            return Vec::new();
        };
        let mut texts = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match item {
                Value::String(text) => texts.push(text.clone()),
                Value::Number(number) => texts.push(number.to_string()),
                other => {
                    let mut path = self.path_of(key);
                    path.push(Segment::Index(index));
                    self.problems.push(Problem::value(
                        &path,
                        format!("items of \"{key}\" must be text, found {}", kind(other)),
                    ));
                }
            }
        }
        texts
    }
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

    fn key(path: &str) -> Vec<Segment> {
        path.split('.')
            .map(|part| match part.parse::<usize>() {
                Ok(index) => Segment::Index(index),
                Err(_) => Segment::Key(part.to_string()),
            })
            .collect()
    }

    const DOC: &str = "title: Kết quả\ntags: [a, b, c]\nreport:\n  unit: X\n  period: {from: 2014-01-01, to: 2014-09-30}\n  items:\n    - {name: A, budget: 1}\n    - name: B\n      budget: 2\nextra:\n  x: 1\n";

    #[test]
    fn finds_block_keys_and_values() {
        let locator = Locator::new(DOC);
        let position = locator.find(&key("title"), Target::Key);
        assert_eq!((position.line, position.column, position.width), (1, 1, 5));
        let value = locator.find(&key("title"), Target::Value);
        assert_eq!((value.line, value.column, value.width), (1, 8, 7));
        let unit = locator.find(&key("report.unit"), Target::Key);
        assert_eq!((unit.line, unit.column), (4, 3));
    }

    #[test]
    fn finds_flow_items_and_keys() {
        let locator = Locator::new(DOC);
        let tag = locator.find(&key("tags.2"), Target::Value);
        assert_eq!((tag.line, tag.column), (2, 14));
        let to = locator.find(&key("report.period.to"), Target::Value);
        assert_eq!((to.line, to.column), (5, 34));
        let budget = locator.find(&key("report.items.0.budget"), Target::Value);
        assert_eq!((budget.line, budget.column), (7, 25));
    }

    #[test]
    fn finds_keys_of_block_mappings_inside_lists() {
        let locator = Locator::new(DOC);
        let name = locator.find(&key("report.items.1.name"), Target::Key);
        assert_eq!((name.line, name.column), (8, 7));
        let budget = locator.find(&key("report.items.1.budget"), Target::Value);
        assert_eq!((budget.line, budget.column), (9, 15));
    }

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        let locator = Locator::new(DOC);
        let missing = locator.find(&key("report.nothing"), Target::Key);
        assert_eq!(missing.line, 3);
    }

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
