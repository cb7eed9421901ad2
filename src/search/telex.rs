//! Search, query side: a word typed with the input method off — Telex
//! (`khuyeens`) or VNI (`d9uo7c5`) keystrokes — to the Vietnamese syllable it
//! spells (`khuyến`, `được`). The query tries it only when the word itself is
//! not in the index (VIETNAMESE.md §4).

use super::normalize::{exact_key, parse_syllable};

/// The syllable a keystroke word spells, or `None` when it uses no Telex or
/// VNI key or does not spell a syllable.
pub fn decode(word: &str) -> Option<String> {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let mut letters: Vec<char> = Vec::with_capacity(word.len());
    let mut tone = None;
    let mut used = false;
    for c in word.to_ascii_lowercase().chars() {
        let has_vowel = letters.iter().any(|&letter| is_vowel(letter));
        let applied = match c {
            'd' if letters.last() == Some(&'d') => set_last(&mut letters, 'đ'),
            '9' => letters
                .iter()
                .position(|&letter| letter == 'd')
                .map(|at| letters[at] = 'đ')
                .is_some(),
            'a' | 'e' | 'o' if letters.last() == Some(&c) => set_last(&mut letters, hat(c)),
            '6' => reshape(&mut letters, &['a', 'e', 'o'], hat),
            '8' => reshape(&mut letters, &['a'], |_| 'ă'),
            'w' | '7' => horn(&mut letters, c == 'w'),
            's' | 'f' | 'r' | 'x' | 'j' | '1'..='5' if has_vowel => {
                tone = Some(tone_mark(c));
                true
            }
            _ => false,
        };
        if applied {
            used = true;
        } else {
            letters.push(c);
        }
    }
    let base: String = letters.into_iter().collect();
    if !used || parse_syllable(&base).is_none() {
        return None;
    }
    Some(match tone {
        Some(mark) => exact_key(&format!("{base}{mark}")),
        None => base,
    })
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

fn set_last(letters: &mut [char], c: char) -> bool {
    if let Some(last) = letters.last_mut() {
        *last = c;
    }
    true
}

fn hat(c: char) -> char {
    match c {
        'a' => 'â',
        'e' => 'ê',
        _ => 'ô',
    }
}

/// Where the trailing vowel run of the letters starts.
fn vowel_run(letters: &[char]) -> usize {
    letters
        .iter()
        .rposition(|&c| !is_vowel(c))
        .map_or(0, |at| at + 1)
}

/// Changes the last of `targets` in the trailing vowel run.
fn reshape(letters: &mut [char], targets: &[char], to: impl Fn(char) -> char) -> bool {
    let start = vowel_run(letters);
    match letters[start..].iter().rposition(|c| targets.contains(c)) {
        Some(at) => {
            letters[start + at] = to(letters[start + at]);
            true
        }
        None => false,
    }
}

/// The horn (and, for Telex `w`, the breve): `uo` -> `ươ`, else the last
/// `o`/`u` (or `a` -> `ă`); a Telex `w` with no vowel to change is `ư`.
fn horn(letters: &mut Vec<char>, telex: bool) -> bool {
    let start = vowel_run(letters);
    let run = &letters[start..];
    if let Some(at) = run.windows(2).position(|pair| pair == ['u', 'o']) {
        letters[start + at] = 'ư';
        letters[start + at + 1] = 'ơ';
        return true;
    }
    let targets: &[char] = if telex { &['a', 'o', 'u'] } else { &['o', 'u'] };
    if reshape(letters, targets, |c| match c {
        'a' => 'ă',
        'o' => 'ơ',
        _ => 'ư',
    }) {
        return true;
    }
    if telex {
        letters.push('ư');
        return true;
    }
    false
}

fn tone_mark(key: char) -> char {
    match key {
        's' | '1' => '\u{301}',
        'f' | '2' => '\u{300}',
        'r' | '3' => '\u{309}',
        'x' | '4' => '\u{303}',
        _ => '\u{323}',
    }
}
