//! Command line: the guard on `-o DIR`, refusing output folders whose
//! replacement would destroy the site or more.

use std::path::{Path, PathBuf};

/// Refuses output folders whose replacement would destroy the site or more:
/// `/`, the home folder, the site folder or any of its parents, and the
/// site's own source folders.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), String> {
    let absolute = |path: &Path| -> PathBuf {
        let joined = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(path)
        };
        normalize(&joined)
    };
    let root = absolute(root);
    let root = root.canonicalize().unwrap_or(root);
    let output = absolute(output);
    let output = match (output.parent(), output.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .map(|parent| parent.join(name))
            .unwrap_or(output.clone()),
        _ => output.clone(),
    };
    // A link named with -o is judged by the folder it points to.
    let output = output.canonicalize().unwrap_or(output);
    if output.parent().is_none() || is_system_dir(&output) {
        return Err(format!(
            "refusing to write the site to {}: a system folder",
            output.display()
        ));
    }
    if is_home_dir(&output) {
        return Err(format!(
            "refusing to write the site to the home folder {}",
            output.display()
        ));
    }
    if root.starts_with(&output) {
        return Err(format!(
            "refusing to write the site to {}: it contains the site's own files",
            output.display()
        ));
    }
    for source in ["content", "themes", "templates", "static"] {
        if output.starts_with(root.join(source)) {
            return Err(format!(
                "refusing to write the site into {source}/: choose a folder outside the site's sources, e.g. -o public"
            ));
        }
    }
    Ok(())
}

/// Top-level folders of the system, never an output folder.
fn is_system_dir(path: &Path) -> bool {
    const SYSTEM: &[&str] = &[
        "/bin",
        "/boot",
        "/dev",
        "/etc",
        "/home",
        "/lib",
        "/lib64",
        "/opt",
        "/proc",
        "/root",
        "/run",
        "/sbin",
        "/srv",
        "/sys",
        "/tmp",
        "/usr",
        "/var",
        "/Users",
        "/Applications",
        "/Library",
        "/System",
    ];
    SYSTEM.iter().any(|system| path == Path::new(system))
}

/// The current user's home folder, or any user's (`/home/NAME`, `/Users/NAME`).
fn is_home_dir(path: &Path) -> bool {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if home.is_some_and(|home| {
        let home = normalize(&home);
        home.canonicalize().unwrap_or(home) == path
    }) {
        return true;
    }
    ["/home", "/Users"]
        .iter()
        .any(|homes| path.parent() == Some(Path::new(homes)))
}

/// Removes `.` and `..` from an absolute path without touching the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut normalized = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                normalized.pop();
            }
            std::path::Component::CurDir => {}
            other => normalized.push(other),
        }
    }
    normalized
}
