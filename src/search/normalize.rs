//! Search normalization (docs/search.md §1): one token in (a syllable, a
//! number, a loanword), its two keys out — the *exact key* (lower case, NFC,
//! one canonical tone-mark placement) and the *fold key* (no marks, `đ` ->
//! `d`, `kỹ` = `kĩ`). The browser client (`search.js`) implements the same
//! rules; both are checked against `tests/search/vectors.json`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Tokens longer than this (in characters) are not indexed nor searched:
/// they are hashes, URLs without separators and other noise.
pub const MAX_TOKEN_CHARS: usize = 32;

/// The five tone marks, as combining characters.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Initial consonants, longest first so that `ngh` wins over `ng` and `n`.
const INITIALS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Final consonants a Vietnamese syllable may end with.
const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Lower case with full Unicode mapping, and the look-alikes of `đ`
/// (`Ð` U+00D0, `ð` U+00F0, `Ɖ` U+0189, `ɖ` U+0256) mapped to it.
pub fn lower(token: &str) -> String {
    if token.is_ascii() {
        return token.to_ascii_lowercase();
    }
    // The whole token at once, like JavaScript's toLowerCase (final sigma).
    token
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ð' | 'ɖ' => 'đ',
            other => other,
        })
        .collect()
}

/// The exact key of a token: lower case, NFC, the tone mark where kiểu cũ puts
/// it (`hoà` -> `hòa`, `thuỷ` -> `thủy`, `qủa` -> `quả`).
pub fn exact_key(token: &str) -> String {
    let lowered = lower(token);
    if lowered.is_ascii() {
        return lowered;
    }
    let composed: String = lowered.nfc().collect();
    canonical_tone(&composed).unwrap_or(composed)
}

/// The fold key of an exact key: every combining mark dropped, `đ` -> `d`,
/// and a lone `y` after an initial consonant spelt `i` (`kỹ` = `kĩ`, `lý` = `lí`).
pub fn fold_key(exact: &str) -> String {
    let mut folded = strip_marks(exact);
    if let Some(at) = lone_final_y(&folded) {
        folded.replace_range(at..at + 1, "i");
    }
    folded
}

/// The fold of a word being typed: like `fold_key` but without the `y` -> `i`
/// rule, since `quy` may be on its way to `quyết`.
pub fn fold_prefix(exact: &str) -> String {
    strip_marks(exact)
}

/// Drops combining marks and folds `đ` to `d`.
fn strip_marks(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    text.nfd()
        .filter(|&c| !is_combining_mark(c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// Byte offset of the `y` in a folded syllable made of an initial consonant
/// and a lone `y` (`ky`, `ly`, `quy`), not `y`, `ay`, `uy`, `ây`.
fn lone_final_y(folded: &str) -> Option<usize> {
    let rest = folded.strip_suffix('y')?;
    if rest.is_empty() {
        return None;
    }
    let initial = INITIALS.iter().find(|initial| rest == **initial)?;
    // `gi` + `y` is not a syllable; `g` + `y` is not either.
    if matches!(*initial, "gi" | "g" | "gh") {
        return None;
    }
    Some(rest.len())
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

fn has_shape_mark(c: char) -> bool {
    matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// A syllable split into initial consonant, vowel run and final consonant.
#[derive(Debug, PartialEq, Eq)]
pub struct Syllable<'a> {
    pub initial: &'a str,
    pub vowels: &'a str,
    pub coda: &'a str,
}

/// Parses a toneless, lower-case, NFC syllable; `None` for anything that is
/// not one (loanwords, acronyms, numbers).
pub fn parse_syllable(base: &str) -> Option<Syllable<'_>> {
    let mut initial = "";
    for candidate in INITIALS {
        if let Some(rest) = base.strip_prefix(candidate) {
            // `qu` and `gi` are consonants only when a vowel follows (`quả`,
            // `già`), otherwise `gi` is `g` + the vowel `i` (`gì`, `gìn`).
            let vowel_follows = rest.chars().next().is_some_and(is_vowel);
            if matches!(candidate, "qu" | "gi") && !vowel_follows {
                continue;
            }
            initial = candidate;
            break;
        }
    }
    let rest = &base[initial.len()..];
    let vowel_end = rest
        .char_indices()
        .find(|(_, c)| !is_vowel(*c))
        .map(|(at, _)| at)
        .unwrap_or(rest.len());
    let (vowels, coda) = rest.split_at(vowel_end);
    let vowel_count = vowels.chars().count();
    if vowel_count == 0 || vowel_count > 3 || !CODAS.contains(&coda) {
        return None;
    }
    Some(Syllable {
        initial,
        vowels,
        coda,
    })
}

/// Moves the single tone mark of an NFC syllable to its canonical vowel;
/// `None` when the token has no tone, several, or does not parse.
fn canonical_tone(syllable: &str) -> Option<String> {
    let mut tone = None;
    let mut base = String::with_capacity(syllable.len());
    for c in syllable.nfd() {
        if TONE_MARKS.contains(&c) {
            if tone.is_some() {
                return None;
            }
            tone = Some(c);
        } else {
            base.push(c);
        }
    }
    let tone = tone?;
    let base: String = base.nfc().collect();
    let parsed = parse_syllable(&base)?;
    let target = tone_vowel(&parsed);
    let vowels_at = parsed.initial.len();
    let mut placed = String::with_capacity(base.len() + 2);
    for (index, (offset, c)) in parsed.vowels.char_indices().enumerate() {
        if index == 0 {
            placed.push_str(&base[..vowels_at + offset]);
        }
        placed.push(c);
        if index == target {
            placed.push(tone);
        }
    }
    placed.push_str(parsed.coda);
    Some(placed.nfc().collect())
}

/// Index (in characters) of the vowel that carries the tone (VIETNAMESE.md §2).
fn tone_vowel(syllable: &Syllable) -> usize {
    let vowels: Vec<char> = syllable.vowels.chars().collect();
    if let Some(last_shaped) = vowels.iter().rposition(|&c| has_shape_mark(c)) {
        last_shaped
    } else if !syllable.coda.is_empty() {
        vowels.len() - 1
    } else if vowels.len() == 3 {
        1
    } else {
        0
    }
}

/// True when the exact key carries any mark (a tone, a shape, or `đ`): a
/// query word that states which form it means.
pub fn is_marked(exact: &str) -> bool {
    !exact.is_ascii()
        && exact
            .nfd()
            .any(|c| c == 'đ' || (is_combining_mark(c) && c != '\u{307}'))
}

/// The exact key with its tone removed (shape marks kept): `kiệm` -> `kiêm`.
pub fn without_tone(exact: &str) -> String {
    if exact.is_ascii() {
        return exact.to_string();
    }
    exact
        .nfd()
        .filter(|c| !TONE_MARKS.contains(c))
        .nfc()
        .collect()
}

/// True if the key has a tone mark.
pub fn has_tone(exact: &str) -> bool {
    !exact.is_ascii() && exact.nfd().any(|c| TONE_MARKS.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_moves_to_the_traditional_vowel() {
        assert_eq!(exact_key("hoà"), "hòa");
        assert_eq!(exact_key("thuỷ"), "thủy");
        assert_eq!(exact_key("khoẻ"), "khỏe");
        assert_eq!(exact_key("uỷ"), "ủy");
        assert_eq!(exact_key("qủa"), "quả");
        assert_eq!(exact_key("baỏ"), "bảo");
        assert_eq!(exact_key("lựơng"), "lượng");
    }

    #[test]
    fn gi_and_qu_are_consonants_only_before_a_vowel() {
        assert_eq!(parse_syllable("gi").map(|s| s.initial), Some("g"));
        assert_eq!(parse_syllable("gia").map(|s| s.initial), Some("gi"));
        assert_eq!(parse_syllable("gin").map(|s| s.vowels), Some("i"));
        assert_eq!(exact_key("gìa"), "già");
        assert_eq!(exact_key("quý"), "quý");
    }

    #[test]
    fn fold_drops_marks_and_d_stroke() {
        assert_eq!(fold_key(&exact_key("Đường")), "duong");
        assert_eq!(fold_key(&exact_key("ĐÀ NẴNG")), "da nang");
        assert_eq!(fold_key("kỹ"), "ki");
        assert_eq!(fold_key("quy"), "qui");
        assert_eq!(fold_key("tây"), "tay");
        assert_eq!(fold_prefix("quy"), "quy");
    }

    #[test]
    fn marked_words_are_recognized() {
        assert!(is_marked("bán"));
        assert!(is_marked("đo"));
        assert!(!is_marked("ban"));
        assert_eq!(without_tone("kiệm"), "kiêm");
        assert!(has_tone("kiệm"));
        assert!(!has_tone("kiê"));
    }
}
