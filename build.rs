//! Compiles the default theme into the binary: lists every file under
//! `themes/default/` into `$OUT_DIR/builtin_theme.rs`, so a site without its
//! own copy of the theme (tests, `bantin init`) still builds.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files_under(dir: &Path, prefix: &Path, found: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
            continue;
        }
        if path.is_dir() {
            files_under(&path, prefix, found);
        } else {
            let relative = path
                .strip_prefix(prefix)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            found.push((relative, path));
        }
    }
}

fn list(
    out: &mut String,
    constant: &str,
    kind: &str,
    dir: &Path,
    include: &str,
    strip_extension: bool,
) {
    let mut found = Vec::new();
    files_under(dir, dir, &mut found);
    writeln!(out, "pub const {constant}: &[(&str, &{kind})] = &[").unwrap();
    for (name, path) in found {
        let name = if strip_extension {
            name.trim_end_matches(".yaml").to_string()
        } else {
            name
        };
        writeln!(
            out,
            "    ({name:?}, {include}!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let theme = manifest.join("themes/default");
    println!("cargo:rerun-if-changed={}", theme.display());
    let mut out = String::new();
    list(
        &mut out,
        "TEMPLATES",
        "str",
        &theme.join("templates"),
        "include_str",
        false,
    );
    list(
        &mut out,
        "STATIC_FILES",
        "[u8]",
        &theme.join("static"),
        "include_bytes",
        false,
    );
    list(
        &mut out,
        "STRINGS",
        "str",
        &theme.join("i18n"),
        "include_str",
        true,
    );
    let target =
        PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("builtin_theme.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}
