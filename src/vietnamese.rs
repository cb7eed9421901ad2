//! Vietnamese conventions shared by several stages: sorting (`đ` after `d`,
//! `ă`/`â` after `a`, tones as a tie-breaker) and number formatting (`.` groups
//! thousands, `,` marks decimals: `1.250,5`).

use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

/// A sort key following the Vietnamese alphabet
/// (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y): letters and
/// their shapes first, tone marks only to break ties.
pub fn collation_key(text: &str) -> (Vec<u32>, Vec<u32>) {
    let mut primary = Vec::with_capacity(text.len());
    let mut tones = Vec::new();
    for c in text.to_lowercase().nfd() {
        match c {
            // breve, circumflex, horn: a shape of the previous letter
            '\u{306}' | '\u{302}' | '\u{31b}' => {
                if let Some(last) = primary.last_mut() {
                    *last += match c {
                        '\u{306}' => 1,
                        '\u{302}' => 2,
                        _ => 3,
                    };
                }
            }
            // grave, acute, tilde, hook above, dot below: tones
            '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => {
                let tone = match c {
                    '\u{300}' => 1,
                    '\u{309}' => 2,
                    '\u{303}' => 3,
                    '\u{301}' => 4,
                    _ => 5,
                };
                tones.push((primary.len() as u32) << 3 | tone);
            }
            'đ' => primary.push(('d' as u32) * 4 + 1),
            other => primary.push(other as u32 * 4),
        }
    }
    (primary, tones)
}

/// Groups the digits of a whole number with dots: `1250` -> `1.250`.
pub fn group_thousands(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    grouped
}

/// An integer the Vietnamese way: `1250` -> `1.250`, `-3000` -> `-3.000`.
pub fn format_integer(number: i64) -> String {
    let digits = number.unsigned_abs().to_string();
    let sign = if number < 0 { "-" } else { "" };
    format!("{sign}{}", group_thousands(&digits))
}

/// An exact decimal the Vietnamese way, without trailing zeros:
/// `252.85` -> `252,85`, `1250.50` -> `1.250,5`, `100` -> `100`.
pub fn format_decimal(number: Decimal) -> String {
    let text = number.normalize().to_string();
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let mut formatted = format!("{sign}{}", group_thousands(whole));
    if let Some(fraction) = fraction {
        formatted.push(',');
        formatted.push_str(fraction);
    }
    formatted
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn d_with_stroke_sorts_after_d_and_before_e() {
        let mut words = vec![
            "Điện",
            "đào tạo",
            "Dệt",
            "ẩm thực",
            "an toàn",
            "ăn uống",
            "em",
            "Zê",
        ];
        words.sort_by_key(|word| collation_key(word));
        assert_eq!(
            words,
            [
                "an toàn",
                "ăn uống",
                "ẩm thực",
                "Dệt",
                "đào tạo",
                "Điện",
                "em",
                "Zê"
            ]
        );
    }

    #[test]
    fn tones_only_break_ties() {
        let mut words = vec!["bán", "ban", "bàn", "bạn", "bản", "bãi"];
        words.sort_by_key(|word| collation_key(word));
        assert_eq!(words, ["bãi", "ban", "bàn", "bản", "bán", "bạn"]);
    }

    #[test]
    fn numbers_use_dots_for_thousands_and_commas_for_decimals() {
        assert_eq!(format_integer(1250), "1.250");
        assert_eq!(format_integer(105), "105");
        assert_eq!(format_integer(-1_000_000), "-1.000.000");
        assert_eq!(format_integer(0), "0");
        let decimal = |text: &str| Decimal::from_str(text).expect("decimal");
        assert_eq!(format_decimal(decimal("252.85")), "252,85");
        assert_eq!(format_decimal(decimal("1250.50")), "1.250,5");
        assert_eq!(format_decimal(decimal("100")), "100");
        assert_eq!(format_decimal(decimal("1234567.891")), "1.234.567,891");
        assert_eq!(format_decimal(decimal("0.5")), "0,5");
    }

    #[test]
    fn number_formatting_edge_cases() {
        let decimal = |text: &str| Decimal::from_str(text).expect("decimal");
        assert_eq!(format_integer(999), "999");
        assert_eq!(format_integer(1000), "1.000");
        assert_eq!(format_integer(1_000_000), "1.000.000");
        assert_eq!(format_integer(i64::MIN), "-9.223.372.036.854.775.808");
        assert_eq!(format_decimal(decimal("0")), "0");
        assert_eq!(format_decimal(decimal("0.000")), "0");
        assert_eq!(format_decimal(decimal("-0")), "0");
        assert_eq!(format_decimal(decimal("0.05")), "0,05");
        assert_eq!(format_decimal(decimal("1.50")), "1,5");
        assert_eq!(format_decimal(decimal("100.00")), "100");
        assert_eq!(format_decimal(decimal("1000000")), "1.000.000");
        assert_eq!(format_decimal(decimal("-1250.5")), "-1.250,5");
        assert_eq!(format_decimal(decimal("-0.5")), "-0,5");
        assert_eq!(format_decimal(decimal("1250.125")), "1.250,125");
        assert_eq!(group_thousands(""), "");
        assert_eq!(group_thousands("123456"), "123.456");
    }
}
