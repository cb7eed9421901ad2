//! Media values for templates (render stage): an article's measured
//! attachments and cover image -> `article.attachments` (url, type, size
//! label `PDF · 1,2 MB`) and `article.image` (url, width, height, alt).

use std::sync::Arc;

use super::views::Views;

use minijinja::Value;

use super::objects::map;
use crate::media::size_label;
use crate::site::{Article, Site};

/// `article.attachments`: one map per attachment.
pub fn attachments_value(site: &Site, article: &Article) -> Value {
    let base = &site.config.base_url;
    let list: Vec<Value> = article
        .media
        .attachments
        .iter()
        .map(|attachment| {
            let size = size_label(attachment.bytes);
            let label = if attachment.kind.is_empty() {
                size.clone()
            } else {
                format!("{} · {size}", attachment.kind)
            };
            let file = attachment
                .path
                .rsplit('/')
                .next()
                .unwrap_or(&attachment.path);
            map([
                ("title", Value::from(attachment.title.as_str())),
                ("file", Value::from(file)),
                ("url", Value::from(base.relative(&attachment.path))),
                ("type", Value::from(attachment.kind.as_str())),
                ("bytes", Value::from(attachment.bytes)),
                ("size", Value::from(size)),
                ("label", Value::from(label)),
            ])
        })
        .collect();
    Value::from(list)
}

/// `article.image`: the cover, or none.
pub fn image_value(site: &Site, article: &Article) -> Option<Value> {
    let image = article.media.image.as_ref()?;
    let base = &site.config.base_url;
    Some(map([
        ("url", Value::from(base.relative(&image.path))),
        ("permalink", Value::from(base.absolute(&image.path))),
        ("width", Value::from(image.width)),
        ("height", Value::from(image.height)),
        (
            "alt",
            Value::from(article.image_alt.as_deref().unwrap_or_default()),
        ),
    ]))
}

/// Page values of an article page: `og_image` for the cover.
pub fn article_values(site: &Arc<Views>, index: usize) -> Vec<(&'static str, Value)> {
    let article = &site.articles[index];
    match &article.media.image {
        Some(image) => vec![(
            "og_image",
            Value::from(site.config.base_url.absolute(&image.path)),
        )],
        None => Vec::new(),
    }
}
