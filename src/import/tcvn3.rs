//! TCVN3 (TCVN 5712:1993 "VN3", the ABC encoding of the `.Vn` fonts such as
//! .VnTime): bytes <-> Unicode. No crate provides it, so the table is here.
//!
//! Derivation: VN3 keeps ASCII and places the Vietnamese letters in the upper
//! half of an 8-bit code page: the seven capitals Ă Â Ê Ô Ơ Ư Đ at 0xA1–0xA7,
//! their small forms at 0xA8–0xAE, and the 60 small toned vowels from 0xB5
//! (à ả ã á ạ, then ă-, â-, e, ê, i, o, ô, ơ, u, ư, y with tones in the order
//! huyền, hỏi, ngã, sắc, nặng), skipping bytes a Windows font cannot show.
//! The table was checked against the well-known specimen
//! "Céng hoµ x· héi chñ nghÜa ViÖt Nam" = "Cộng hoà xã hội chủ nghĩa Việt Nam"
//! (see the tests) and against published converter tables. VN3 has no small
//! code for capital toned vowels: `.VnTimeH` fonts draw the small codes as
//! capitals, so such text decodes in small letters. Bytes outside the table
//! (curly quotes, dashes) are read as Windows-1252, as the fonts showed them.

/// `(byte, letter)` for every Vietnamese letter of TCVN3.
#[rustfmt::skip]
pub const TABLE: &[(u8, char)] = &[
    (0xA1, 'Ă'), (0xA2, 'Â'), (0xA3, 'Ê'), (0xA4, 'Ô'), (0xA5, 'Ơ'), (0xA6, 'Ư'), (0xA7, 'Đ'),
    (0xA8, 'ă'), (0xA9, 'â'), (0xAA, 'ê'), (0xAB, 'ô'), (0xAC, 'ơ'), (0xAD, 'ư'), (0xAE, 'đ'),
    (0xB5, 'à'), (0xB6, 'ả'), (0xB7, 'ã'), (0xB8, 'á'), (0xB9, 'ạ'),
    (0xBB, 'ằ'), (0xBC, 'ẳ'), (0xBD, 'ẵ'), (0xBE, 'ắ'), (0xC6, 'ặ'),
    (0xC7, 'ầ'), (0xC8, 'ẩ'), (0xC9, 'ẫ'), (0xCA, 'ấ'), (0xCB, 'ậ'),
    (0xCC, 'è'), (0xCE, 'ẻ'), (0xCF, 'ẽ'), (0xD0, 'é'), (0xD1, 'ẹ'),
    (0xD2, 'ề'), (0xD3, 'ể'), (0xD4, 'ễ'), (0xD5, 'ế'), (0xD6, 'ệ'),
    (0xD7, 'ì'), (0xD8, 'ỉ'), (0xDC, 'ĩ'), (0xDD, 'í'), (0xDE, 'ị'),
    (0xDF, 'ò'), (0xE1, 'ỏ'), (0xE2, 'õ'), (0xE3, 'ó'), (0xE4, 'ọ'),
    (0xE5, 'ồ'), (0xE6, 'ổ'), (0xE7, 'ỗ'), (0xE8, 'ố'), (0xE9, 'ộ'),
    (0xEA, 'ờ'), (0xEB, 'ở'), (0xEC, 'ỡ'), (0xED, 'ớ'), (0xEE, 'ợ'),
    (0xEF, 'ù'), (0xF1, 'ủ'), (0xF2, 'ũ'), (0xF3, 'ú'), (0xF4, 'ụ'),
    (0xF5, 'ừ'), (0xF6, 'ử'), (0xF7, 'ữ'), (0xF8, 'ứ'), (0xF9, 'ự'),
    (0xFA, 'ỳ'), (0xFB, 'ỷ'), (0xFC, 'ỹ'), (0xFD, 'ý'), (0xFE, 'ỵ'),
];

/// Decodes TCVN3 bytes (the result is not yet NFC-checked; it is NFC by construction).
pub fn decode(bytes: &[u8]) -> String {
    let mut lookup = ['\0'; 256];
    for &(byte, letter) in TABLE {
        lookup[byte as usize] = letter;
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 4);
    for &byte in bytes {
        if byte < 0x80 {
            text.push(byte as char);
        } else if lookup[byte as usize] != '\0' {
            text.push(lookup[byte as usize]);
        } else {
            let single = [byte];
            let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&single);
            text.push_str(&decoded);
        }
    }
    text
}

/// Encodes text as TCVN3, as an old `.Vn` editor would have saved it: capital
/// toned vowels, which VN3 lacks, take their small code. `None` when a
/// character has no TCVN3 byte.
pub fn encode(text: &str) -> Option<Vec<u8>> {
    use unicode_normalization::UnicodeNormalization;
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.nfc() {
        if c.is_ascii() {
            bytes.push(c as u8);
            continue;
        }
        let find = |letter: char| TABLE.iter().find(|(_, l)| *l == letter).map(|(b, _)| *b);
        let small = c.to_lowercase().next().unwrap_or(c);
        let byte = find(c).or_else(|| find(small)).or_else(|| {
            let letter = c.to_string();
            let (encoded, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&letter);
            (!unmappable && encoded.len() == 1).then(|| encoded[0])
        })?;
        bytes.push(byte);
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classic specimen as it appears when a .VnTime document is read as
    /// Windows-1252 (every byte is its Latin-1 character).
    fn latin1_bytes(text: &str) -> Vec<u8> {
        text.chars().map(|c| c as u32 as u8).collect()
    }

    #[test]
    fn decodes_the_well_known_specimen() {
        let bytes = latin1_bytes("Céng hoµ x· héi chñ nghÜa ViÖt Nam");
        assert_eq!(decode(&bytes), "Cộng hoà xã hội chủ nghĩa Việt Nam");
        let motto = latin1_bytes("§éc lËp - Tù do - H¹nh phóc");
        assert_eq!(decode(&motto), "Độc lập - Tự do - Hạnh phúc");
    }

    #[test]
    fn every_letter_round_trips() {
        for &(byte, letter) in TABLE {
            assert_eq!(decode(&[byte]), letter.to_string());
            assert_eq!(encode(&letter.to_string()), Some(vec![byte]), "{letter}");
        }
        assert_eq!(TABLE.len(), 7 + 7 + 60);
    }

    #[test]
    fn capital_toned_vowels_take_the_small_code() {
        assert_eq!(encode("Ứng"), encode("ứng"));
        assert_eq!(encode("日本"), None);
    }
}
