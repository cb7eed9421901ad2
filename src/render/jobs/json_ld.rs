//! Render jobs: an article's JSON-LD `NewsArticle`, safe inside `<script>`.

use crate::render::objects::source_line;
use crate::site::Site;

/// JSON-LD `NewsArticle`, safe inside `<script>`: `<`, `>` and `&` are escaped
/// as `\u003c` etc., so `</script>` in a title cannot close the element.
pub fn json_ld(site: &Site, index: usize) -> String {
    let article = &site.articles[index];
    let config = &site.config;
    let permalink = config.base_url.absolute(&article.path);
    let keywords: Vec<&str> = article
        .tags
        .iter()
        .map(|&tag| site.tags[tag].name.as_str())
        .collect();
    let author = match (&article.author, &article.department) {
        (Some(author), _) => serde_json::json!({"@type": "Person", "name": author}),
        (None, Some(department)) => {
            serde_json::json!({"@type": "Organization", "name": department})
        }
        (None, None) => {
            serde_json::json!({"@type": "GovernmentOrganization", "name": config.title})
        }
    };
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": article.date.to_rfc3339(),
        "dateModified": article.updated.unwrap_or(article.date).to_rfc3339(),
        "inLanguage": config.language,
        "articleSection": config.categories[article.category].name,
        "keywords": keywords,
        "url": permalink,
        "mainEntityOfPage": {"@type": "WebPage", "@id": permalink},
        "author": author,
        "publisher": {"@type": "GovernmentOrganization", "name": config.title, "url": config.base_url.absolute("")},
    });
    if let (Some(credit), Some(object)) = (
        source_line(article.author.as_deref(), article.department.as_deref()),
        value.as_object_mut(),
    ) {
        object.insert("creditText".into(), serde_json::Value::from(credit));
    }
    escape_json_for_script(&value.to_string())
}

fn escape_json_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}
