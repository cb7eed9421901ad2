//! Pagination: splits a list into pages of `size` items, each with its URL.

use std::ops::Range;

use super::urls::paginated_path;

/// One page of a paginated list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    /// 1-based page number.
    pub number: usize,
    pub total: usize,
    /// Which items of the list this page shows.
    pub items: Range<usize>,
    /// Site path of this page.
    pub path: String,
    /// Site path of the list's first page.
    pub base: String,
}

impl Pager {
    pub fn previous_path(&self) -> Option<String> {
        (self.number > 1).then(|| paginated_path(&self.base, self.number - 1))
    }

    pub fn next_path(&self) -> Option<String> {
        (self.number < self.total).then(|| paginated_path(&self.base, self.number + 1))
    }
}

/// Pages for a list of `count` items at `base`; an empty list still has one page.
pub fn paginate(base: &str, count: usize, size: usize) -> Vec<Pager> {
    let size = size.max(1);
    let total = count.div_ceil(size).max(1);
    (1..=total)
        .map(|number| Pager {
            number,
            total,
            items: ((number - 1) * size).min(count)..(number * size).min(count),
            path: paginated_path(base, number),
            base: base.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_into_pages_with_links() {
        let pages = paginate("the/che/", 23, 10);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[2].items, 20..23);
        assert_eq!(pages[0].path, "the/che/");
        assert_eq!(pages[1].path, "the/che/trang/2/");
        assert_eq!(pages[0].previous_path(), None);
        assert_eq!(pages[1].previous_path().as_deref(), Some("the/che/"));
        assert_eq!(pages[1].next_path().as_deref(), Some("the/che/trang/3/"));
        assert_eq!(pages[2].next_path(), None);
    }

    #[test]
    fn empty_lists_have_one_empty_page() {
        let pages = paginate("", 0, 10);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].items, 0..0);
    }
}
