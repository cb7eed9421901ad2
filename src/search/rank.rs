//! Search, query side, step 2: each word's matching documents -> per-document
//! counters (words matched, score, exact forms, partial matches) -> the
//! ranked ids: exact forms, whole words, score, newest (docs/search.md §5).

use super::decode;
use super::parse::Word;

/// A document's match of one word.
#[derive(Debug, Clone, Copy)]
pub(super) struct Match {
    pub(super) doc: u32,
    pub(super) impact: u8,
    /// Has the word as typed, as a whole syllable (for the word being typed:
    /// in the form typed so far, `cô` but not `có`; other words always).
    pub(super) whole: bool,
    /// Has the word's exact form.
    pub(super) exact: bool,
}

/// Per-document counters of a query being ranked.
pub(super) struct Tally {
    /// How many words (in order) each document has matched so far.
    matched: Vec<u8>,
    score: Vec<u32>,
    /// Marked words matched in their exact form.
    exact: Vec<u8>,
    /// Matched the word being typed only through a longer word.
    partial: Vec<bool>,
}

impl Tally {
    pub(super) fn new(documents: usize) -> Self {
        Tally {
            matched: vec![0; documents],
            score: vec![0; documents],
            exact: vec![0; documents],
            partial: vec![false; documents],
        }
    }

    /// Counts the matches of the word at `index` for documents that matched
    /// every word before it.
    pub(super) fn add_word(&mut self, index: usize, word: &Word, found: &[Match]) {
        for found in found {
            let doc = found.doc as usize;
            if self.matched[doc] as usize != index || (word.require_exact && !found.exact) {
                continue;
            }
            self.matched[doc] += 1;
            self.score[doc] += found.impact as u32;
            self.exact[doc] += (word.marked && found.exact) as u8;
            self.partial[doc] |= !found.whole;
        }
    }

    /// Documents that matched all `count` words.
    pub(super) fn complete(&self, count: usize) -> Vec<bool> {
        self.matched
            .iter()
            .map(|&matched| matched as usize == count)
            .collect()
    }

    /// Adds a pair's impacts; a required pair also removes documents without it.
    pub(super) fn add_pair(&mut self, pair: &decode::Postings, required: Option<&mut Vec<bool>>) {
        let mut adjacent = vec![false; self.score.len()];
        for (&doc, &impact) in pair.docs.iter().zip(&pair.impacts) {
            adjacent[doc as usize] = true;
            self.score[doc as usize] += impact as u32;
        }
        if let Some(keep) = required {
            keep.iter_mut()
                .zip(&adjacent)
                .for_each(|(keep, &adjacent)| *keep &= adjacent);
        }
    }

    /// The kept documents, best first: exact forms, whole words, score, newest.
    pub(super) fn ranked(&self, keep: &[bool]) -> Vec<u32> {
        let mut ids: Vec<u32> = (0..keep.len() as u32)
            .filter(|&doc| keep[doc as usize])
            .collect();
        ids.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            self.exact[b]
                .cmp(&self.exact[a])
                .then(self.partial[a].cmp(&self.partial[b]))
                .then(self.score[b].cmp(&self.score[a]))
                .then(b.cmp(&a))
        });
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(marked: bool, prefix: Option<&str>) -> Word {
        Word {
            text: String::new(),
            exact: String::new(),
            fold: String::new(),
            prefix: prefix.map(String::from),
            marked,
            require_exact: false,
        }
    }

    fn found(doc: u32, impact: u8, whole: bool, exact: bool) -> Match {
        Match {
            doc,
            impact,
            whole,
            exact,
        }
    }

    #[test]
    fn ranking_puts_exact_forms_then_whole_words_then_score_then_newest() {
        let mut tally = Tally::new(6);
        // Word 0 (typed with marks): every document has it, 1 and 2 exactly.
        let first: Vec<Match> = (0..6)
            .map(|doc| found(doc, 10, true, doc == 1 || doc == 2))
            .collect();
        tally.add_word(0, &word(true, None), &first);
        // Word 1 (being typed): 3 only through a longer word; 4 scores most;
        // 0 and 5 tie; 2 lacks it.
        let second = [
            found(0, 5, true, false),
            found(1, 5, true, false),
            found(3, 50, false, false),
            found(4, 9, true, false),
            found(5, 5, true, false),
        ];
        tally.add_word(1, &word(false, Some("co")), &second);
        let keep = tally.complete(2);
        assert_eq!(tally.ranked(&keep), [1, 4, 5, 0, 3]);
    }

    #[test]
    fn required_pairs_remove_documents_without_them() {
        let mut tally = Tally::new(3);
        let all: Vec<Match> = (0..3).map(|doc| found(doc, 1, true, false)).collect();
        tally.add_word(0, &word(false, None), &all);
        let mut keep = tally.complete(1);
        let pair = decode::Postings {
            docs: vec![1],
            impacts: vec![20],
        };
        tally.add_pair(&pair, Some(&mut keep));
        assert_eq!(tally.ranked(&keep), [1]);
    }
}
