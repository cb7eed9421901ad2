//! The `bantin` command: parse flags, run, print, exit with 0, 1 or 2.

fn main() {
    let code = bantin::cli::run(std::env::args_os());
    std::process::exit(code);
}
