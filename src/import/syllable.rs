//! Vietnamese syllable shapes, for telling encodings apart: a decoding that
//! turns most words into possible syllables (initial + vowel nucleus + final,
//! at most one tone) is the right one; a wrong one yields `héi`, `hoµ`,
//! `Cụũng`.

use unicode_normalization::UnicodeNormalization;

const INITIALS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

const FINALS: &[&str] = &["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];

/// Vowel nuclei with their glides, without tone marks.
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "oai", "oay", "oao", "oeo", "uây",
    "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "yêu", "ueo",
];

const TONES: &[char] = &['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Whether a word (any case) has the shape of a Vietnamese syllable.
pub fn is_syllable(word: &str) -> bool {
    let lower = word.to_lowercase();
    let mut tones = 0;
    let toneless: String = lower
        .nfd()
        .filter(|c| {
            let tone = TONES.contains(c);
            tones += usize::from(tone);
            !tone
        })
        .nfc()
        .collect();
    if tones > 1 || toneless.is_empty() {
        return false;
    }
    INITIALS.iter().any(|initial| {
        let Some(rest) = toneless.strip_prefix(initial) else {
            return false;
        };
        FINALS.iter().any(|last| {
            rest.strip_suffix(last)
                .is_some_and(|nucleus| NUCLEI.contains(&nucleus))
        })
    })
}

/// Share (0–100) of the words with a non-ASCII letter that are Vietnamese
/// syllables; stray symbols such as `µ` or `·` count as failures.
pub fn vietnamese_score(text: &str) -> u32 {
    let mut words = 0u64;
    let mut valid = 0u64;
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() || word.is_ascii() {
            continue;
        }
        words += 1;
        valid += u64::from(is_syllable(word));
    }
    let stray = text
        .chars()
        .filter(|c| !c.is_ascii() && !c.is_alphabetic() && !is_common_symbol(*c))
        .count() as u64;
    let total = words + stray;
    if total == 0 {
        return 0;
    }
    u32::try_from(valid * 100 / total).unwrap_or(0)
}

/// Punctuation a Vietnamese text legitimately holds.
fn is_common_symbol(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '–' | '—' | '‘' | '’' | '“' | '”' | '…' | '•' | '«' | '»' | '°' | '%' | '\u{feff}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_syllables_pass_and_mojibake_fails() {
        for word in [
            "khuyến", "công", "nghiệp", "Đào", "tạo", "người", "quả", "già", "gì", "huỳnh",
            "khuya", "thuở", "hoà", "hòa", "tăm", "hương", "Xúc", "tiến",
        ] {
            assert!(is_syllable(word), "{word}");
        }
        for word in ["héi", "hoµ", "chñ", "cụũng", "xyz", "nghĩaa", "ộộ"] {
            assert!(!is_syllable(word), "{word}");
        }
    }

    #[test]
    fn scores_prefer_the_right_decoding() {
        assert_eq!(vietnamese_score("Cộng hoà xã hội chủ nghĩa Việt Nam"), 100);
        assert!(vietnamese_score("Céng hoµ x· héi chñ nghÜa ViÖt Nam") < 40);
        assert_eq!(vietnamese_score("plain ASCII"), 0);
    }
}
