//! Line-level reading of YAML text for the locator: indentation, blank and
//! comment lines, keys at the start of a line, and the items of a flow
//! sequence (`[a, "b, c"]`).

pub(super) fn indent_of(text: &str) -> usize {
    text.len() - text.trim_start_matches(' ').len()
}

pub(super) fn is_blank(content: &str) -> bool {
    let trimmed = content.trim();
    trimmed.is_empty() || trimmed.starts_with('#')
}

pub(super) fn strip_comment(text: &str) -> &str {
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
pub(super) fn key_prefix_len(text: &str, key: &str) -> Option<usize> {
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

pub(super) fn key_len(text: &str, key: &str) -> usize {
    if text.starts_with('"') || text.starts_with('\'') {
        key.len() + 2
    } else {
        key.len()
    }
}

/// Byte ranges of the top-level items of a flow collection's inside (or of a
/// whole `[...]`/`{...}` when given with brackets).
pub(super) fn flow_items(text: &str) -> Vec<(usize, usize)> {
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
