//! The `Fields` reader: one YAML mapping read field by field, each problem
//! recorded with its path, and the text cleaning its text fields get.

use serde_yaml::{Mapping, Value};

use super::{Problem, Segment, describe, kind};
use crate::diagnostics::did_you_mean;

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
