//! Import decoding: legacy file bytes -> NFC text and the encoding it was
//! in. A BOM decides (UTF-8, UTF-16LE/BE); else valid UTF-8 is UTF-8; else
//! both 8-bit Vietnamese encodings (Windows-1258 and TCVN3) are tried and
//! the one whose words are most often Vietnamese syllables wins.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

use super::syllable::vietnamese_score;
use super::tcvn3;
use crate::load::normalize_text;

/// A decoding must make at least this share (%) of words Vietnamese.
pub const MIN_SCORE: u32 = 60;

/// The encodings `bantin import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1258,
    Tcvn3,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1258 => "Windows-1258",
            Encoding::Tcvn3 => "TCVN3",
        })
    }
}

/// Decoded text and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// NFC, LF line endings, no BOM.
    pub text: String,
    pub encoding: Encoding,
    /// For guessed 8-bit encodings: the share (%) of Vietnamese syllables.
    pub score: Option<u32>,
}

/// Detects the encoding of `bytes` and decodes them.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let found = match encoding.name() {
            "UTF-16LE" => Encoding::Utf16Le,
            "UTF-16BE" => Encoding::Utf16Be,
            _ => Encoding::Utf8Bom,
        };
        if errors {
            return Err(format!(
                "the file starts with a {found} byte-order mark but is not valid {found}"
            ));
        }
        return Ok(finish(text.into_owned(), found, None));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(finish(text.to_string(), Encoding::Utf8, None));
    }
    let candidates = [
        (Encoding::Tcvn3, tcvn3::decode(bytes)),
        (
            Encoding::Windows1258,
            encoding_rs::WINDOWS_1258
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        ),
    ];
    let scored = candidates.map(|(encoding, text)| {
        let text: String = text.nfc().collect();
        (vietnamese_score(&text), encoding, text)
    });
    let [first, second] = scored;
    let (score, encoding, text) = if second.0 > first.0 { second } else { first };
    if score < MIN_SCORE {
        return Err(format!(
            "cannot tell the encoding: not UTF-8, and read as {encoding} only {score}% of the words are Vietnamese"
        ));
    }
    Ok(finish(text, encoding, Some(score)))
}

fn finish(text: String, encoding: Encoding, score: Option<u32>) -> Decoded {
    Decoded {
        // NUL and other control characters of old files would make the
        // written article a "binary" file that the build refuses.
        text: crate::yaml::clean_text(&normalize_text(text)),
        encoding,
        score,
    }
}

/// Encodes text as Windows-1258 the way Vietnamese keyboards typed it: the
/// letter (with its breve, circumflex or horn) then a combining tone mark.
/// `None` when a character has no Windows-1258 byte. Used to make fixtures.
pub fn encode_windows_1258(text: &str) -> Option<Vec<u8>> {
    const TONES: &[char] = &['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.nfc() {
        let decomposed: Vec<char> = c.to_string().nfd().collect();
        let tone = decomposed.iter().copied().find(|mark| TONES.contains(mark));
        let letter: String = decomposed
            .iter()
            .filter(|mark| !TONES.contains(mark))
            .collect::<String>()
            .nfc()
            .collect();
        for part in std::iter::once(letter).chain(tone.map(String::from)) {
            let (encoded, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&part);
            if unmappable || encoded.len() != 1 {
                return None;
            }
            bytes.push(encoded[0]);
        }
    }
    Some(bytes)
}

/// UTF-16LE bytes with a BOM. Used to make fixtures.
pub fn encode_utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Kết quả công tác khuyến công 9 tháng đầu năm 2014\n\n2014-09-24 - Chín tháng đầu năm, hoạt động khuyến công đạt được những kết quả tích cực.\n";

    #[test]
    fn each_encoding_is_detected_and_decoded_to_nfc() {
        let tcvn = tcvn3::encode(SAMPLE).expect("encodable");
        let windows = encode_windows_1258(SAMPLE).expect("encodable");
        let utf16 = encode_utf16le_with_bom(SAMPLE);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SAMPLE.as_bytes());
        for (bytes, expected) in [
            (SAMPLE.as_bytes().to_vec(), Encoding::Utf8),
            (bom, Encoding::Utf8Bom),
            (utf16, Encoding::Utf16Le),
            (tcvn, Encoding::Tcvn3),
            (windows, Encoding::Windows1258),
        ] {
            let decoded = decode(&bytes).expect("decodes");
            assert_eq!(decoded.encoding, expected);
            assert_eq!(decoded.text, SAMPLE, "{expected}");
        }
    }

    #[test]
    fn windows_1258_bytes_are_letter_then_tone() {
        // ệ = ê (0xEA) + dot below (0xF2)
        assert_eq!(encode_windows_1258("ệ"), Some(vec![0xEA, 0xF2]));
        assert_eq!(encode_windows_1258("đ"), Some(vec![0xF0]));
    }

    #[test]
    fn unreadable_bytes_are_refused_with_a_reason() {
        let error = decode(&[0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xFF, 0x00, 0x81]).expect_err("junk");
        assert!(error.contains("cannot tell the encoding"), "{error}");
    }
}
