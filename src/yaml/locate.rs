//! Finds where a path of a YAML document was written (line, column, width),
//! since serde_yaml's `Value` forgets positions.

use super::text::{flow_items, indent_of, is_blank, key_len, key_prefix_len, strip_comment};
use super::{Segment, Target};

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
}
