//! Confinement of what a build reads: a path -> whether it really lies in
//! the site. Articles, attachments and cover images may be symbolic links
//! (a shared picture), but a link that leads out of the site
//! (`content/x/bao-cao.pdf -> /etc/shadow`, committed by anyone with write
//! access to the repository) would publish a file of the build machine.
//! Such links are errors.
//!
//! The site folder is judged by its real path, and so are `content/` and
//! `static/` themselves: an administrator may keep them elsewhere and link
//! them in.

use std::path::{Path, PathBuf};

/// The real folders a build may read from.
#[derive(Debug, Clone)]
pub struct Confinement {
    allowed: Vec<PathBuf>,
}

impl Confinement {
    /// The site folder and its `content/` and `static/` folders, resolved.
    pub fn for_site(root: &Path) -> Self {
        let allowed = [
            root.to_path_buf(),
            root.join(crate::load::CONTENT_DIR),
            root.join(crate::render::theme::STATIC_DIR),
        ]
        .iter()
        .filter_map(|path| path.canonicalize().ok())
        .collect();
        Confinement { allowed }
    }

    /// Whether `path` (an existing file) resolves to a place inside the site.
    pub fn allows(&self, path: &Path) -> bool {
        match path.canonicalize() {
            Ok(real) => self.allowed.iter().any(|allowed| real.starts_with(allowed)),
            Err(_) => false,
        }
    }

    /// The error message for a file that leads out of the site.
    pub fn message(shown: &Path) -> String {
        format!(
            "{} is a symbolic link to a file outside the site; bantin does not publish files from elsewhere on the machine",
            shown.display()
        )
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_inside_are_allowed_links_outside_are_not() {
        let outside = tempfile::tempdir().expect("temp dir");
        let secret = outside.path().join("secret.txt");
        std::fs::write(&secret, "mật khẩu").expect("write");
        let site = tempfile::tempdir().expect("temp dir");
        let content = site.path().join("content");
        std::fs::create_dir_all(&content).expect("content");
        std::fs::write(content.join("a.md"), "x").expect("write");
        std::os::unix::fs::symlink(content.join("a.md"), content.join("b.md")).expect("link");
        std::os::unix::fs::symlink(&secret, content.join("c.md")).expect("link");
        let confinement = Confinement::for_site(site.path());
        assert!(confinement.allows(&content.join("a.md")));
        assert!(confinement.allows(&content.join("b.md")));
        assert!(!confinement.allows(&content.join("c.md")));
    }
}
