//! Benchmark corpus generator (issue #8): writes a complete bantin site of N
//! generated Vietnamese articles into OUT_DIR.
//!
//!     cargo run --release --example gen-corpus -- N OUT_DIR
//!
//! The same N gives the same bytes on every machine. OUT_DIR must not exist
//! or be empty.

#[path = "../bench/corpus/mod.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (count, out) = match args.as_slice() {
        [count, out] => match count.replace('_', "").parse::<u64>() {
            Ok(count) if count > 0 => (count, PathBuf::from(out)),
            _ => {
                return usage(&format!(
                    "N must be a positive whole number, found \"{count}\""
                ));
            }
        },
        _ => return usage("expected two arguments"),
    };
    let started = Instant::now();
    match corpus::generate(count, &out) {
        Ok(summary) => {
            eprintln!(
                "gen-corpus: {} articles, {:.1} MB in {} ({:.2} s)",
                summary.articles,
                summary.bytes as f64 / 1e6,
                out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen-corpus: error: {error}");
            ExitCode::from(1)
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!(
        "gen-corpus: {problem}\nusage: cargo run --release --example gen-corpus -- N OUT_DIR"
    );
    ExitCode::from(2)
}
