//! Search tokenizer (docs/search.md §1): NFC text in, tokens out — maximal
//! runs of letters, digits and combining marks, numbers keeping their inner
//! `.`/`,` (`252,85`, `1.250`). Each token says whether it is *joined* to the
//! one before (only spaces, hyphens, slashes or apostrophes between them), the
//! condition for the two to count as adjacent syllables of one word.

use unicode_normalization::char::is_combining_mark;

use super::normalize::MAX_TOKEN_CHARS;

/// One token: a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Adjacent to the previous token within one phrase (no sentence
    /// punctuation, line break or skipped token in between).
    pub joined: bool,
}

/// Letters, digits and combining marks make up tokens.
pub fn is_token_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphabetic() || c.is_numeric() || is_combining_mark(c)
}

/// Separators that keep two tokens in one phrase: `Lai Châu`,
/// `kinh tế - xã hội`, `13/2023/NĐ-CP`, `H'Mông`.
fn is_joiner(c: char) -> bool {
    match c {
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => false,
        '-' | '/' | '\'' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' | '\u{2019}' => true,
        other => other.is_whitespace(),
    }
}

/// The tokens of an NFC text, in order.
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens {
        text,
        at: 0,
        joined: false,
    }
}

/// Iterator over the tokens of a text.
pub struct Tokens<'a> {
    text: &'a str,
    at: usize,
    /// Whether everything since the previous token was a joiner.
    joined: bool,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        loop {
            let rest = &self.text[self.at..];
            let mut chars = rest.char_indices();
            let start = loop {
                let (offset, c) = chars.next()?;
                if is_token_char(c) {
                    break self.at + offset;
                }
                if !is_joiner(c) {
                    self.joined = false;
                }
            };
            let (end, length) = token_end(self.text, start);
            let joined = self.joined;
            self.at = end;
            self.joined = true;
            if length > MAX_TOKEN_CHARS {
                self.joined = false;
                continue;
            }
            return Some(Token { start, end, joined });
        }
    }
}

/// End (byte offset) and length (characters) of the token starting at `start`.
fn token_end(text: &str, start: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut length = 0;
    let mut previous_numeric = false;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if is_token_char(c) {
            length += 1;
            previous_numeric = c.is_numeric();
            continue;
        }
        let next_numeric = chars.peek().is_some_and(|(_, next)| next.is_numeric());
        if (c == '.' || c == ',') && previous_numeric && next_numeric {
            length += 1;
            continue;
        }
        return (start + offset, length);
    }
    (bytes.len(), length)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, bool)> {
        tokens(text)
            .map(|token| (&text[token.start..token.end], token.joined))
            .collect()
    }

    #[test]
    fn numbers_keep_inner_separators() {
        assert_eq!(
            words("kinh phí 252,85 triệu, năm 2014."),
            vec![
                ("kinh", false),
                ("phí", true),
                ("252,85", true),
                ("triệu", true),
                ("năm", false),
                ("2014", true)
            ]
        );
    }

    #[test]
    fn legal_numbers_are_one_phrase() {
        assert_eq!(
            words("Nghị định 13/2023/NĐ-CP"),
            vec![
                ("Nghị", false),
                ("định", true),
                ("13", true),
                ("2023", true),
                ("NĐ", true),
                ("CP", true)
            ]
        );
    }

    #[test]
    fn punctuation_and_line_breaks_split_phrases() {
        let found = words("Lai Châu, khuyến\ncông");
        assert_eq!(
            found,
            vec![
                ("Lai", false),
                ("Châu", true),
                ("khuyến", false),
                ("công", false)
            ]
        );
    }

    #[test]
    fn overlong_tokens_are_skipped_and_break_phrases() {
        let long = "a".repeat(MAX_TOKEN_CHARS + 1);
        let text = format!("một {long} hai");
        assert_eq!(words(&text), vec![("một", false), ("hai", false)]);
    }

    #[test]
    fn decomposed_marks_stay_inside_tokens() {
        let text = "Ho\u{300}a";
        assert_eq!(words(text), vec![(text, false)]);
    }
}
