//! URL slugs: ASCII words joined by hyphens, from deunicode, so `Đào tạo`
//! becomes `dao-tao` (Hugo keeps `đ` in URLs; we do not).

/// Slugs longer than this are cut at a word boundary: URLs stay readable and
/// file names stay far below file-system limits.
pub const MAX_SLUG_LEN: usize = 80;

/// Turns any text into a URL slug.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.len() > MAX_SLUG_LEN {
        let cut = slug[..MAX_SLUG_LEN].rfind('-').unwrap_or(MAX_SLUG_LEN);
        slug.truncate(cut);
    }
    slug
}

/// Whether `text` is already a valid slug (what `slugify` would keep as is).
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && slugify(text) == text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_becomes_ascii_with_d_for_dyet() {
        assert_eq!(slugify("Đào tạo"), "dao-tao");
        assert_eq!(
            slugify("Kết quả công tác khuyến công 9 tháng"),
            "ket-qua-cong-tac-khuyen-cong-9-thang"
        );
        assert_eq!(slugify("Đà Nẵng"), "da-nang");
        assert_eq!(slugify("  Hội chợ — Lai Châu!  "), "hoi-cho-lai-chau");
    }

    #[test]
    fn nfd_input_gives_the_same_slug() {
        let nfd = "Khuye\u{302}\u{301}n co\u{302}ng";
        assert_eq!(slugify(nfd), "khuyen-cong");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let slug = slugify(&"tăm hương ".repeat(100));
        assert!(slug.len() <= MAX_SLUG_LEN);
        assert!(slug.ends_with("huong"));
        assert!(is_slug(&slug));
    }

    #[test]
    fn symbols_only_give_an_empty_slug() {
        assert_eq!(slugify("!!! ..."), "");
        assert!(!is_slug(""));
    }
}
