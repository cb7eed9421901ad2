//! The fuzz targets inside `cargo test`: every input kept in
//! fuzz/regressions/<target>/ (crashes found by fuzzing, now fixed) and every
//! seed replays without a panic, then a short deterministic mutation run
//! explores around the seeds. `BANTIN_FUZZ_SECONDS=600 cargo test --release
//! --test fuzz_regressions -- --nocapture` runs the mutation loop for that
//! long per target on a stable toolchain; coverage-guided fuzzing with
//! cargo-fuzz is described in docs/fuzzing.md.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

type Target = fn(&[u8]);

const TARGETS: &[(&str, Target)] = &[
    ("front_matter", bantin::fuzzing::front_matter),
    ("markdown", bantin::fuzzing::markdown),
    ("import", bantin::fuzzing::import),
    ("search", bantin::fuzzing::search),
];

/// Every file of `fuzz/<folder>/<target>/`, sorted.
fn inputs(folder: &str, target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = common::repo_root().join("fuzz").join(folder).join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_file())
        .map(|entry| {
            let bytes = std::fs::read(entry.path()).expect("read input");
            (entry.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn kept_crashes_and_seeds_replay_cleanly() {
    for (target, run) in TARGETS {
        let seeds = inputs("seeds", target);
        assert!(!seeds.is_empty(), "no seeds for {target}");
        for (name, bytes) in inputs("regressions", target).iter().chain(&seeds) {
            let outcome = std::panic::catch_unwind(|| run(bytes));
            assert!(outcome.is_ok(), "{target}: {name} fails again");
        }
    }
}

/// xorshift64*: deterministic, so a failure names a reproducible seed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

/// Fragments that matter to YAML, Markdown, HTML and the legacy format.
const TOKENS: &[&str] = &[
    "---\n",
    "\n",
    "\r\n",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!binary ",
    "\"",
    "'",
    "|\n  ",
    ">\n  ",
    "#",
    "<",
    ">",
    "</",
    "<script>",
    "<img src=x onerror=",
    "javascript:",
    "](",
    "[^1]",
    "[^1]: ",
    "*",
    "**",
    "_",
    "`",
    "```\n",
    "> ",
    "1. ",
    "&#",
    "&amp;",
    "\\",
    "Nguồn:",
    "2014-09-24 - ",
    "24/09/2014 - ",
    "\u{202e}",
    "\u{0}",
    "\u{feff}",
    "ế",
    "Đ",
    "\u{301}",
    "|---|",
    "title: ",
    "date: ",
    "tags: ",
    "aliases: ",
    "extra: ",
];

fn mutate(random: &mut Random, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..=random.below(8) {
        let at = random.below(bytes.len() + 1);
        match random.below(5) {
            0 => {
                let token = TOKENS[random.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            1 if at < bytes.len() => {
                let end = (at + random.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 if at < bytes.len() => bytes[at] = random.next() as u8,
            3 => {
                // Repeat a slice: deep nesting and long runs.
                let end = (at + random.below(16)).min(bytes.len());
                let slice = bytes[at..end].to_vec();
                for _ in 0..random.below(200) {
                    bytes.splice(at..at, slice.iter().copied());
                }
            }
            _ => {
                let token = TOKENS[random.below(TOKENS.len())].as_bytes();
                bytes.extend_from_slice(token);
            }
        }
    }
    bytes
}

#[test]
fn mutated_seeds_never_break_a_target() {
    let seconds: u64 = std::env::var("BANTIN_FUZZ_SECONDS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(0);
    for (target, run) in TARGETS {
        let seeds = inputs("seeds", target);
        let mut random = Random(0x9E37_79B9_7F4A_7C15 ^ target.len() as u64);
        let started = Instant::now();
        let mut runs = 0u64;
        // Without the variable: a fixed 300 inputs per target (about a second).
        while (seconds == 0 && runs < 300)
            || (seconds > 0 && started.elapsed() < Duration::from_secs(seconds))
        {
            let seed = &seeds[random.below(seeds.len())].1;
            let input = mutate(&mut random, seed);
            let outcome = std::panic::catch_unwind(|| run(&input));
            if outcome.is_err() {
                let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{target}-crash"));
                std::fs::write(&path, &input).expect("save crash");
                panic!(
                    "{target} failed on run {runs}; input saved to {}",
                    path.display()
                );
            }
            runs += 1;
        }
        if seconds > 0 {
            println!(
                "{target}: {runs} inputs in {:?}, no failure",
                started.elapsed()
            );
        }
    }
}
