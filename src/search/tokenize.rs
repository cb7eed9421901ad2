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

/// Letters, digits and combining marks make up tokens. The ranges checked
/// first (ASCII, Latin letters, combining diacritics, the Vietnamese block)
/// are only a shortcut: they give what the general rule gives.
pub fn is_token_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{7f}' => false,
        '\u{c0}'..='\u{24f}' => c != '\u{d7}' && c != '\u{f7}',
        '\u{300}'..='\u{36f}' | '\u{1ea0}'..='\u{1ef9}' => true,
        _ => c.is_alphabetic() || c.is_numeric() || is_combining_mark(c),
    }
}

/// `char::is_numeric`, with a shortcut for ASCII and Latin letters.
fn is_numeric(c: char) -> bool {
    match c {
        '0'..='9' => true,
        '\0'..='\u{7f}' | '\u{c0}'..='\u{24f}' | '\u{1ea0}'..='\u{1ef9}' => false,
        _ => c.is_numeric(),
    }
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
            let start = self.skip_separators()?;
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

impl Tokens<'_> {
    /// Moves to the next token character, noting phrase breaks on the way.
    fn skip_separators(&mut self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(self.at) {
            if byte < 0x80 {
                match ASCII_CLASS[byte as usize] {
                    LETTER | DIGIT => return Some(self.at),
                    JOINER => {}
                    _ => self.joined = false,
                }
                self.at += 1;
                continue;
            }
            if latin_letter(bytes, self.at, byte).is_some() {
                return Some(self.at);
            }
            let (c, size) = decode(bytes, self.at, byte);
            if is_token_char(c) {
                return Some(self.at);
            }
            if !is_joiner(c) {
                self.joined = false;
            }
            self.at += size;
        }
        None
    }
}

/// Classes of ASCII bytes, for the tokenizer's fast path: what
/// `is_token_char`, `is_numeric` and `is_joiner` say of them.
const BREAK: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const JOINER: u8 = 3;

const ASCII_CLASS: [u8; 128] = {
    let mut classes = [BREAK; 128];
    let mut byte = 0;
    while byte < 128 {
        classes[byte] = match byte as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => DIGIT,
            // Whitespace other than line breaks, and `-`, `/`, `'`.
            b'\t' | 0x0b | 0x0c | b' ' | b'-' | b'/' | b'\'' => JOINER,
            _ => BREAK,
        };
        byte += 1;
    }
    classes
};

/// The length of the character starting at byte `at` (its first byte
/// `first`, not ASCII) of a valid UTF-8 text if it is one of the letters and
/// marks of Vietnamese text, read from its bytes without decoding it:
/// U+00C0–U+024F but `×` and `÷`, U+0300–U+036F and U+1EA0–U+1EF9, token
/// characters that are not numeric (`is_token_char`'s first ranges).
fn latin_letter(bytes: &[u8], at: usize, first: u8) -> Option<usize> {
    let second = *bytes.get(at + 1)?;
    match first {
        0xc3 => (second != 0x97 && second != 0xb7).then_some(2),
        0xc4..=0xc8 | 0xcc => Some(2),
        0xc9 => (second < 0x90).then_some(2),
        0xcd => (second <= 0xaf).then_some(2),
        0xe1 => match (second, *bytes.get(at + 2)?) {
            (0xba, 0xa0..) | (0xbb, ..=0xb9) => Some(3),
            _ => None,
        },
        _ => None,
    }
}

/// The character starting at byte `at` (its first byte `first`, not ASCII)
/// of a valid UTF-8 text, and its length.
fn decode(bytes: &[u8], at: usize, first: u8) -> (char, usize) {
    let (size, mut code) = match first {
        0xc0..=0xdf => (2, (first & 0x1f) as u32),
        0xe0..=0xef => (3, (first & 0x0f) as u32),
        _ => (4, (first & 0x07) as u32),
    };
    for &byte in bytes.get(at + 1..at + size).unwrap_or_default() {
        code = code << 6 | (byte & 0x3f) as u32;
    }
    (char::from_u32(code).unwrap_or('\u{fffd}'), size)
}

/// End (byte offset) and length (characters) of the token starting at `start`.
fn token_end(text: &str, start: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut at = start;
    let mut length = 0;
    let mut previous_numeric = false;
    while let Some(&byte) = bytes.get(at) {
        let (c, size) = if byte < 0x80 {
            match ASCII_CLASS[byte as usize] {
                LETTER => {
                    length += 1;
                    previous_numeric = false;
                    at += 1;
                    continue;
                }
                DIGIT => {
                    length += 1;
                    previous_numeric = true;
                    at += 1;
                    continue;
                }
                _ => (byte as char, 1),
            }
        } else if let Some(size) = latin_letter(bytes, at, byte) {
            length += 1;
            previous_numeric = false;
            at += size;
            continue;
        } else {
            decode(bytes, at, byte)
        };
        if is_token_char(c) {
            length += 1;
            previous_numeric = is_numeric(c);
            at += size;
            continue;
        }
        let inner_separator = (c == '.' || c == ',') && previous_numeric;
        if inner_separator
            && bytes
                .get(at + 1)
                .is_some_and(|&next| starts_numeric(bytes, at + 1, next))
        {
            length += 1;
            at += 1;
            continue;
        }
        break;
    }
    (at, length)
}

/// Whether the character starting at byte `at` is numeric.
fn starts_numeric(bytes: &[u8], at: usize, first: u8) -> bool {
    if first < 0x80 {
        return first.is_ascii_digit();
    }
    is_numeric(decode(bytes, at, first).0)
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
    fn shortcuts_agree_with_the_general_rule() {
        for c in (0..0x2000).filter_map(char::from_u32) {
            let general = c.is_alphabetic() || c.is_numeric() || is_combining_mark(c);
            assert_eq!(is_token_char(c), general, "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
        }
    }

    #[test]
    fn ascii_classes_agree_with_the_general_rules() {
        for byte in 0u8..128 {
            let c = byte as char;
            let class = ASCII_CLASS[byte as usize];
            assert_eq!(class == LETTER || class == DIGIT, is_token_char(c), "{c:?}");
            assert_eq!(class == DIGIT, is_numeric(c), "{c:?}");
            assert_eq!(class == JOINER, !is_token_char(c) && is_joiner(c), "{c:?}");
        }
    }

    #[test]
    fn the_byte_shortcut_agrees_with_the_general_rules() {
        for c in (0x80..0x2000).filter_map(char::from_u32) {
            let mut buffer = [0u8; 4];
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            if let Some(size) = latin_letter(bytes, 0, bytes[0]) {
                assert_eq!(size, bytes.len(), "{c:?}");
                assert!(is_token_char(c) && !is_numeric(c), "{c:?}");
            }
        }
        let shortcut = |c: char| {
            let mut buffer = [0u8; 4];
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            latin_letter(bytes, 0, bytes[0]).is_some()
        };
        let hits = ['À', 'ÿ', 'đ', 'Ơ', 'ư', 'ɏ', '\u{300}', '\u{36f}', 'Ạ', 'ỹ'];
        assert!(hits.into_iter().all(shortcut));
        let misses = ['×', '÷', 'ɐ', '\u{370}', 'ẟ', 'Ỻ', 'ª', '中'];
        assert!(!misses.into_iter().any(shortcut));
    }

    #[test]
    fn decoding_agrees_with_the_standard_library() {
        let text = "aé Đường ệ\u{300} 中文 𝔘 ①";
        let bytes = text.as_bytes();
        for (at, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
            assert_eq!(decode(bytes, at, bytes[at]), (c, c.len_utf8()), "{c:?}");
        }
    }

    #[test]
    fn decomposed_marks_stay_inside_tokens() {
        let text = "Ho\u{300}a";
        assert_eq!(words(text), vec![(text, false)]);
    }
}
