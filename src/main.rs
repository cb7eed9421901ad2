//! The `bantin` command: parse flags, run, print, exit with 0, 1 or 2.

/// mimalloc instead of glibc's malloc (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = bantin::cli::run(std::env::args_os());
    std::process::exit(code);
}
