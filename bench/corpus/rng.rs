//! A small deterministic random number generator (SplitMix64): the same seed
//! gives the same stream on every machine, with no dependency whose algorithm
//! could change under us.

/// SplitMix64 (Steele, Lea, Flood 2014): 64 bits of state, good enough
/// statistics for text generation, trivially reproducible.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng { state: seed }
    }

    /// An independent stream for item `index` of a stream family `salt`, so
    /// each article's text depends only on its own index.
    pub fn for_item(salt: u64, index: u64) -> Self {
        let mut mixer = Rng::new(salt ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        Rng::new(mixer.next_u64())
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound > 0`), by multiply-shift (no modulo bias
    /// worth caring about for text).
    pub fn below(&mut self, bound: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(bound)) >> 64) as u64
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }

    /// True with probability `percent`/100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// `count` distinct indices of `0..len`, in drawing order.
    pub fn distinct(&mut self, len: usize, count: usize) -> Vec<usize> {
        let mut chosen = Vec::with_capacity(count);
        while chosen.len() < count.min(len) {
            let index = self.below(len as u64) as usize;
            if !chosen.contains(&index) {
                chosen.push(index);
            }
        }
        chosen
    }
}

/// Cumulative weights for Zipf draws: rank `r` (0-based) has weight
/// `1 / (r + 1)`, so the first items are much more frequent. Integer
/// arithmetic only, so draws cannot differ between machines' `libm`s.
pub struct Zipf {
    cumulative: Vec<u64>,
}

impl Zipf {
    pub fn new(len: usize) -> Self {
        let mut total = 0;
        let cumulative = (0..len as u64)
            .map(|rank| {
                total += 1_000_000_000 / (rank + 1);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    /// A rank drawn with Zipf weights.
    pub fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(1);
        let target = rng.below(total);
        self.cumulative.partition_point(|&sum| sum <= target)
    }
}
