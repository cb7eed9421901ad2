//! Attribution: a finding on an output file -> a diagnostic where an editor
//! fixes it. A body link is matched (by URL) against the links the Markdown
//! stage recorded with their lines; a front-matter file against the front
//! matter; anything else is the template's (at the line where the URL is
//! written literally, else the template file) or a static file's (CSS).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Finding, Problem};
use crate::diagnostics::{Diagnostic, display_path};
use crate::locate;
use crate::markdown::SourceLink;
use crate::output::OutputFile;
use crate::render::assets::logical_name;
use crate::render::jobs::{self, Job};
use crate::render::theme::{StaticSource, TemplateSource, Theme};
use crate::site::links::percent_decode;
use crate::site::{Site, urls};

/// Who wrote a page's body.
#[derive(Debug, Clone, Copy)]
enum Owner {
    Article(usize),
    Page(usize),
}

/// What produced each output file.
pub struct Origins<'a> {
    root: &'a Path,
    site: &'a Site,
    templates: &'a std::collections::BTreeMap<String, TemplateSource>,
    /// Output file -> (template, owner of the body).
    pages: HashMap<String, (&'static str, Option<Owner>)>,
    /// Published static file -> its source, as shown in diagnostics.
    statics: HashMap<String, PathBuf>,
}

/// The body of an article or page and where it starts in its file.
struct Body<'a> {
    source: &'a Path,
    body_line: usize,
    links: &'a [SourceLink],
    html: &'a str,
}

impl<'a> Origins<'a> {
    pub fn new(root: &'a Path, site: &'a Site, theme: &'a Theme) -> Self {
        let pages = jobs::all_jobs(site)
            .into_iter()
            .map(|job| {
                let owner = match job {
                    Job::Article(index) => Some(Owner::Article(index)),
                    Job::Page(index) => Some(Owner::Page(index)),
                    _ => None,
                };
                let file = urls::output_file(&jobs::site_path(site, &job));
                (file, (jobs::template(&job), owner))
            })
            .collect();
        let statics = theme
            .static_files
            .iter()
            .map(|(name, source)| {
                let shown = match source {
                    StaticSource::File(path) => display_path(root, path),
                    StaticSource::Builtin(_) => {
                        PathBuf::from(format!("themes/default/static/{name}"))
                    }
                };
                (name.clone(), shown)
            })
            .collect();
        Origins {
            root,
            site,
            templates: &theme.templates,
            pages,
            statics,
        }
    }

    /// The URL of an output file, for messages (`/sub/2014/09/x/`).
    pub fn page_url(&self, file: &str) -> String {
        let path = file.strip_suffix("index.html").unwrap_or(file);
        self.site.config.base_url.relative(path)
    }

    /// The diagnostic for a finding, at the place to fix it.
    pub fn diagnostic(&self, files: &[OutputFile], finding: &Finding) -> Diagnostic {
        let page = files[finding.file].path.as_str();
        let url = finding.reference.url.as_ref();
        let (message, hint) = self.describe(url, &finding.problem);
        let diagnostic = match self.pages.get(page) {
            Some((template, owner)) => owner
                .and_then(|owner| self.in_body(&self.body(owner), url, &message))
                .or_else(|| owner.and_then(|owner| self.in_front_matter(owner, url, &message)))
                .or_else(|| self.in_menu(url, &message))
                .unwrap_or_else(|| self.in_template(template, url, &message)),
            None => self.in_file(files, finding, &message),
        };
        diagnostic.with_hint(hint)
    }

    fn body(&self, owner: Owner) -> Body<'a> {
        match owner {
            Owner::Article(index) => {
                let article = &self.site.articles[index];
                Body {
                    source: &article.source,
                    body_line: article.body_line,
                    links: &article.links,
                    html: &article.html,
                }
            }
            Owner::Page(index) => {
                let page = &self.site.pages[index];
                Body {
                    source: &page.source,
                    body_line: page.body_line,
                    links: &page.links,
                    html: &page.html,
                }
            }
        }
    }

    /// At the Markdown line of a body link with this URL.
    fn in_body(&self, body: &Body, url: &str, message: &str) -> Option<Diagnostic> {
        let decoded = percent_decode(url);
        let recorded = body
            .links
            .iter()
            .find(|link| link.url == url || percent_decode(&link.url) == decoded);
        let Some(link) = recorded else {
            // Raw HTML in the body: find the URL in the source text.
            return body
                .html
                .contains(url)
                .then(|| locate::error_at(self.root, body.source, body.body_line, url, message));
        };
        let line = body.body_line + link.line - 1;
        let text = std::fs::read_to_string(self.root.join(body.source)).unwrap_or_default();
        // Name the link as written (`../2014/x.md#y`), and what it became.
        let as_written = format!("\"{}\" (→ {url})", link.written);
        let message = if link.written == url {
            message.to_string()
        } else {
            message.replacen(&format!("\"{url}\""), &as_written, 1)
        };
        let message = message.as_str();
        let diagnostic = match locate::find(&text, line, &link.written) {
            Some((found, column)) if found == line => {
                Diagnostic::at(body.source, &text, line, column, message)
                    .with_width(link.written.chars().count())
            }
            _ => Diagnostic::at(body.source, &text, line, 0, message),
        };
        Some(diagnostic)
    }

    /// At the `image:` or `attachments:` line naming the file.
    fn in_front_matter(&self, owner: Owner, url: &str, message: &str) -> Option<Diagnostic> {
        let Owner::Article(index) = owner else {
            return None;
        };
        let article = &self.site.articles[index];
        let decoded = percent_decode(url);
        let named = article
            .image
            .iter()
            .chain(
                article
                    .attachments
                    .iter()
                    .map(|attachment| &attachment.file),
            )
            .find(|file| decoded.ends_with(file.trim_start_matches('/')))?;
        Some(locate::error_at(
            self.root,
            &article.source,
            1,
            named,
            message,
        ))
    }

    /// At the `menu:` entry of site.yaml that links to this URL.
    fn in_menu(&self, url: &str, message: &str) -> Option<Diagnostic> {
        let base = &self.site.config.base_url;
        let item = self.site.config.menu.iter().find(|item| {
            item.url == url || (item.url.starts_with('/') && base.relative(&item.url) == url)
        })?;
        let config = Path::new(crate::config::CONFIG_FILE);
        Some(locate::error_at(self.root, config, 1, &item.url, message))
    }

    /// In the page's template, at the line where the URL is written if it is
    /// written literally; other templates (base, partials) are searched too.
    fn in_template(&self, template: &str, url: &str, message: &str) -> Diagnostic {
        let own = self.templates.get(template).into_iter();
        let others = self
            .templates
            .iter()
            .filter(|(name, _)| name.as_str() != template)
            .map(|(_, source)| source);
        for source in own.chain(others) {
            if let Some((line, column)) = locate::find(&source.text, 1, url) {
                return Diagnostic::at(&source.path, &source.text, line, column, message)
                    .with_width(url.chars().count());
            }
        }
        let path = self
            .templates
            .get(template)
            .map(|source| source.path.clone())
            .unwrap_or_else(|| PathBuf::from(format!("templates/{template}")));
        Diagnostic::file_error(path, message)
    }

    /// In a static file (a style sheet) or a generated file (feeds).
    fn in_file(&self, files: &[OutputFile], finding: &Finding, message: &str) -> Diagnostic {
        let page = files[finding.file].path.as_str();
        let Some(source) = self.statics.get(&logical_name(page)) else {
            return Diagnostic::file_error(format!("{page} (generated)"), message);
        };
        let bytes = files[finding.file].contents.read().unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        let before = text.get(..finding.reference.offset).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before
            .rsplit('\n')
            .next()
            .unwrap_or_default()
            .chars()
            .count()
            + 1;
        Diagnostic::at(source, &text, line, column, message)
            .with_width(finding.reference.url.chars().count())
    }

    /// The message and hint for a problem.
    fn describe(&self, url: &str, problem: &Problem) -> (String, String) {
        let base = &self.site.config.base_url;
        match problem {
            Problem::Missing { site_path } => (
                format!(
                    "broken link \"{url}\": nothing is published at {}",
                    base.relative(site_path)
                ),
                missing_hint(url),
            ),
            Problem::MissingAnchor {
                site_path,
                fragment,
            } => (
                format!(
                    "broken link \"{url}\": {} has no element with id \"{fragment}\"",
                    base.relative(site_path)
                ),
                "headings get ids from their text (## Kết quả -> #ket-qua); check the spelling".into(),
            ),
            Problem::OutsideBase => (
                format!(
                    "link \"{url}\" leaves the site's base path {}",
                    base.path
                ),
                "in templates use url('…') or asset('…'); in Markdown link to the article's .md file".into(),
            ),
            Problem::RelativeOnNotFound => (
                format!("relative link \"{url}\" on the 404 page, which is served at every missing URL"),
                "use url('…'), asset('…') or a site value such as site.home_url".into(),
            ),
            Problem::External(reason) => (
                format!("external link \"{url}\" failed: {reason}"),
                "update or remove the link; it is checked again on the next --external run".into(),
            ),
        }
    }
}

fn missing_hint(url: &str) -> String {
    let path = url.split(['#', '?']).next().unwrap_or(url);
    if path.ends_with(".md") {
        "link to another article by the path of its Markdown file, relative to this file \
(../2014/ket-qua.md); an article that is a draft or dated in the future is not built"
            .into()
    } else {
        "check the spelling; files named in an article are published beside it".into()
    }
}
