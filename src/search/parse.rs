//! Search, query side, step 1: a query string -> its words, the pairs of
//! adjacent words (required in quoted phrases) and the word being typed.

use super::normalize::{fold_prefix, is_marked};
use super::tokenize::is_token_char;
use super::{analyze, nfc};

/// Words of a query beyond this many are ignored.
pub const MAX_WORDS: usize = 10;
/// Characters that open or close a quoted phrase.
const QUOTES: [char; 4] = ['"', '“', '”', '„'];

/// One word of a parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub exact: String,
    pub fold: String,
    /// The fold of the word being typed, when the last word is a prefix.
    pub prefix: Option<String>,
    /// Typed with marks: documents with this exact form rank higher.
    pub marked: bool,
    /// In a quoted phrase with marks: only the exact form matches.
    pub require_exact: bool,
}

/// A parsed query: words, and pairs of adjacent words (required in phrases).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<Word>,
    pub pairs: Vec<(usize, usize, bool)>,
}

/// Splits a query into words, quoted phrases and the word being typed.
pub fn parse(query: &str) -> Query {
    let text = nfc(query);
    let typing = text.chars().last().is_some_and(is_token_char);
    let mut parsed = Query::default();
    for (segment, part) in text.split(QUOTES).enumerate() {
        let in_phrase = segment % 2 == 1;
        let keys = analyze(part);
        let exact_phrase = in_phrase && keys.iter().any(|key| is_marked(&key.exact));
        for (index, key) in keys.into_iter().enumerate() {
            if parsed.words.len() == MAX_WORDS {
                break;
            }
            if index > 0 && key.joined {
                let at = parsed.words.len();
                parsed.pairs.push((at - 1, at, in_phrase));
            }
            parsed.words.push(Word {
                marked: is_marked(&key.exact),
                require_exact: exact_phrase,
                prefix: None,
                text: key.text,
                exact: key.exact,
                fold: key.fold,
            });
        }
    }
    let last_is_loose = text.split(QUOTES).count() % 2 == 1;
    if let (true, true, Some(last)) = (typing, last_is_loose, parsed.words.last_mut()) {
        let prefix = fold_prefix(&last.exact);
        if prefix.chars().count() >= super::postings::MIN_PREFIX {
            last.prefix = Some(prefix);
        }
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_word_is_a_prefix_while_typing() {
        let parsed = parse("khuyến cô");
        assert_eq!(parsed.words.len(), 2);
        assert_eq!(parsed.words[0].prefix, None);
        assert_eq!(parsed.words[1].prefix.as_deref(), Some("co"));
        assert_eq!(parsed.pairs, [(0, 1, false)]);
        assert_eq!(parse("khuyến công ").words[1].prefix, None);
        assert_eq!(
            parse("khuyến c").words[1].prefix,
            None,
            "one letter is a whole word"
        );
    }

    #[test]
    fn quoted_phrases_require_their_pairs() {
        let parsed = parse("\"xúc tiến\" Lai Châu");
        assert_eq!(parsed.pairs, [(0, 1, true), (2, 3, false)]);
        assert!(parsed.words[0].require_exact);
        assert!(!parsed.words[2].require_exact);
        assert_eq!(parsed.words[3].prefix.as_deref(), Some("chau"));
        let plain = parse("\"xuc tien\"");
        assert!(
            !plain.words[0].require_exact,
            "a phrase without marks matches folded"
        );
        assert_eq!(plain.words[1].prefix, None, "phrase words are whole words");
    }

    #[test]
    fn marks_state_intent() {
        let parsed = parse("bán hang");
        assert!(parsed.words[0].marked);
        assert!(!parsed.words[1].marked);
        assert_eq!(parse("quy").words[0].fold, "qui");
        assert_eq!(parse("quy").words[0].prefix.as_deref(), Some("quy"));
    }

    #[test]
    fn long_queries_keep_the_first_words() {
        let query = "một hai ba bốn năm sáu bảy tám chín mười mười một";
        assert_eq!(parse(query).words.len(), MAX_WORDS);
    }
}
