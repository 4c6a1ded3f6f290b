//! JSON-LD (`<script type="application/ld+json">`): the metadata a page declares for
//! search engines, usually the most reliable it has.
//!
//! Pages put their article at the top level, in an array, or in an `@graph` next to the
//! `WebPage`, `Organization` and `Person` nodes it refers to by `@id`; authors come as
//! strings, objects or arrays of either. Broken JSON (raw newlines in strings, HTML
//! comments around the object, a trailing `;`) is common and repaired where cheap.

use serde_json::{Map, Value};

/// How deep the walk goes into nested JSON: further down is never article metadata.
const MAX_JSON_DEPTH: usize = 8;

/// Schema.org types that are an article.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "askpublicnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "techarticle",
    "scholarlyarticle",
    "medicalscholarlyarticle",
    "report",
    "review",
    "satiricalarticle",
    "advertisercontentarticle",
    "howto",
    "recipe",
];

/// One author as JSON-LD gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Author {
    /// The name, as written.
    pub name: String,
    /// The node is an `Organization` (an outlet or agency), not a `Person`.
    pub organization: bool,
}

/// One picture with what JSON-LD says about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LdImage {
    /// `caption` (or `description`).
    pub caption: Option<String>,
    /// `creditText`, `copyrightHolder` or `author` / `creator` name.
    pub credit: Option<String>,
    /// `url` or `contentUrl`.
    pub url: Option<String>,
}

/// What the page's JSON-LD says about its article. `article_*` fields come from a node
/// of an article type; `page_*` from any other node (a `WebPage`), as a weaker fallback.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonLd {
    /// The article node's `headline` (or `name`).
    pub headline: Option<String>,
    /// The article node's authors, in order.
    pub authors: Vec<Author>,
    /// `datePublished` of the article node.
    pub published: Option<String>,
    /// `dateCreated` of the article node.
    pub created: Option<String>,
    /// `dateModified` of the article node.
    pub modified: Option<String>,
    /// `datePublished` of a non-article node (a `WebPage`).
    pub page_published: Option<String>,
    /// Authors of a non-article node.
    pub page_authors: Vec<Author>,
    /// `articleSection`.
    pub section: Option<String>,
    /// The publisher's name, or an `Organization` / `WebSite` node's name.
    pub publisher: Vec<String>,
    /// Pictures of the article node.
    pub images: Vec<LdImage>,
    /// `description` of the article node.
    pub description: Option<String>,
    /// `inLanguage` of any node.
    pub language: Option<String>,
    /// True when some node has an article type.
    pub has_article: bool,
}

/// Parse every JSON-LD script text of a page.
pub fn parse<'a>(scripts: impl IntoIterator<Item = &'a str>) -> JsonLd {
    let mut nodes: Vec<Value> = Vec::new();
    for script in scripts {
        if let Some(value) = parse_script(script) {
            collect_nodes(value, &mut nodes, 0);
        }
    }
    let by_id: std::collections::HashMap<&str, &Map<String, Value>> = nodes
        .iter()
        .filter_map(Value::as_object)
        .filter_map(|o| Some((o.get("@id")?.as_str()?, o)))
        .collect();
    let mut out = JsonLd::default();
    // Article nodes first, so that their fields win over the page's.
    let mut ordered: Vec<&Map<String, Value>> = nodes.iter().filter_map(Value::as_object).collect();
    ordered.sort_by_key(|o| !is_article(o));
    for obj in ordered {
        let types = types_of(obj);
        if is_article(obj) {
            out.has_article = true;
            if out.headline.is_none() {
                out.headline =
                    string_of(obj.get("headline")).or_else(|| string_of(obj.get("name")));
            }
            if out.authors.is_empty() {
                out.authors = authors_of(obj.get("author"), &by_id)
                    .into_iter()
                    .chain(authors_of(obj.get("creator"), &by_id))
                    .collect();
            }
            set_once(&mut out.published, string_of(obj.get("datePublished")));
            set_once(&mut out.created, string_of(obj.get("dateCreated")));
            set_once(&mut out.modified, string_of(obj.get("dateModified")));
            set_once(&mut out.section, first_string(obj.get("articleSection")));
            set_once(&mut out.description, string_of(obj.get("description")));
            if out.images.is_empty() {
                out.images = images_of(obj.get("image"), &by_id);
            }
            if let Some(p) = obj.get("publisher") {
                out.publisher
                    .extend(authors_of(Some(p), &by_id).into_iter().map(|a| a.name));
            }
        } else {
            set_once(&mut out.page_published, string_of(obj.get("datePublished")));
            if out.page_authors.is_empty()
                && types.iter().any(|t| t == "webpage" || t == "itempage")
            {
                out.page_authors = authors_of(obj.get("author"), &by_id);
            }
            if types
                .iter()
                .any(|t| t == "organization" || t == "newsmediaorganization" || t == "website")
                && let Some(name) = string_of(obj.get("name"))
            {
                out.publisher.push(name);
            }
            if let Some(p) = obj.get("publisher") {
                out.publisher
                    .extend(authors_of(Some(p), &by_id).into_iter().map(|a| a.name));
            }
        }
        if out.language.is_none() {
            out.language = string_of(obj.get("inLanguage"));
        }
    }
    out.publisher.dedup();
    out
}

/// One script's JSON, repaired when a cheap repair makes it parse.
fn parse_script(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    if let Ok(v) = serde_json::from_str(trimmed) {
        return Some(v);
    }
    let mut repaired = trimmed
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim()
        .trim_end_matches(';')
        .to_owned();
    // Raw control characters are invalid inside JSON strings and harmless outside.
    repaired = repaired
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    serde_json::from_str(&repaired).ok()
}

/// The nodes of a JSON-LD document: top-level objects, arrays, `@graph` members and
/// `mainEntity` values.
fn collect_nodes(value: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > MAX_JSON_DEPTH {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect_nodes(item, out, depth + 1);
            }
        }
        Value::Object(mut obj) => {
            if let Some(graph) = obj.remove("@graph") {
                collect_nodes(graph, out, depth + 1);
            }
            if let Some(main) = obj.get("mainEntity").cloned()
                && (main.is_object() || main.is_array())
            {
                collect_nodes(main, out, depth + 1);
            }
            out.push(Value::Object(obj));
        }
        _ => {}
    }
}

fn types_of(obj: &Map<String, Value>) -> Vec<String> {
    match obj.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_ascii_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

fn is_article(obj: &Map<String, Value>) -> bool {
    types_of(obj).iter().any(|t| {
        let t = t.rsplit([':', '/']).next().unwrap_or(t);
        ARTICLE_TYPES.contains(&t)
    })
}

fn set_once(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// A string value, trimmed, with HTML entities and tags that pages leave in it removed.
fn string_of(value: Option<&Value>) -> Option<String> {
    let s = match value? {
        Value::String(s) => s.as_str(),
        Value::Number(_) => return None,
        _ => return None,
    };
    let s = super::text::clean_inline(s);
    (!s.is_empty()).then_some(s)
}

fn first_string(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Array(items) => items.iter().find_map(|v| string_of(Some(v))),
        other => string_of(Some(other)),
    }
}

fn authors_of(
    value: Option<&Value>,
    by_id: &std::collections::HashMap<&str, &Map<String, Value>>,
) -> Vec<Author> {
    let mut out = Vec::new();
    push_authors(value, by_id, &mut out, 0);
    out
}

fn push_authors(
    value: Option<&Value>,
    by_id: &std::collections::HashMap<&str, &Map<String, Value>>,
    out: &mut Vec<Author>,
    depth: usize,
) {
    if depth > 3 {
        return;
    }
    match value {
        Some(Value::String(s)) => {
            let s = super::text::clean_inline(s);
            if !s.is_empty() && !s.starts_with("http") {
                out.push(Author {
                    name: s,
                    organization: false,
                });
            }
        }
        Some(Value::Array(items)) => {
            for item in items.iter().take(20) {
                push_authors(Some(item), by_id, out, depth + 1);
            }
        }
        Some(Value::Object(obj)) => {
            let resolved = match (obj.get("name"), obj.get("@id").and_then(Value::as_str)) {
                (None, Some(id)) => by_id.get(id).copied().unwrap_or(obj),
                _ => obj,
            };
            let organization = types_of(resolved)
                .iter()
                .any(|t| t.contains("organization") || t == "website" || t == "corporation");
            let name = string_of(resolved.get("name")).or_else(|| {
                let given = string_of(resolved.get("givenName"))?;
                Some(match string_of(resolved.get("familyName")) {
                    Some(family) => format!("{given} {family}"),
                    None => given,
                })
            });
            if let Some(name) = name {
                out.push(Author { name, organization });
            }
        }
        _ => {}
    }
}

fn images_of(
    value: Option<&Value>,
    by_id: &std::collections::HashMap<&str, &Map<String, Value>>,
) -> Vec<LdImage> {
    let mut out = Vec::new();
    let items: Vec<&Value> = match value {
        Some(Value::Array(items)) => items.iter().take(20).collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    for item in items {
        match item {
            Value::String(url) => out.push(LdImage {
                url: Some(url.clone()),
                ..LdImage::default()
            }),
            Value::Object(obj) => {
                let obj = match (obj.get("url"), obj.get("@id").and_then(Value::as_str)) {
                    (None, Some(id)) => by_id.get(id).copied().unwrap_or(obj),
                    _ => obj,
                };
                let credit = string_of(obj.get("creditText"))
                    .or_else(|| {
                        authors_of(obj.get("copyrightHolder"), by_id)
                            .pop()
                            .map(|a| a.name)
                    })
                    .or_else(|| authors_of(obj.get("author"), by_id).pop().map(|a| a.name))
                    .or_else(|| authors_of(obj.get("creator"), by_id).pop().map(|a| a.name));
                out.push(LdImage {
                    caption: string_of(obj.get("caption")),
                    credit,
                    url: string_of(obj.get("url")).or_else(|| string_of(obj.get("contentUrl"))),
                });
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_with_author_reference() {
        let ld = parse([r##"{"@context":"https://schema.org","@graph":[
            {"@type":"WebPage","@id":"p","datePublished":"2024-01-01"},
            {"@type":"NewsArticle","headline":"Rain","author":{"@id":"#jane"},
             "datePublished":"2024-05-02T10:00:00+02:00","publisher":{"@id":"#org"}},
            {"@type":"Person","@id":"#jane","name":"Jane Doe"},
            {"@type":"Organization","@id":"#org","name":"Daily Planet"}]}"##]);
        assert_eq!(ld.headline.as_deref(), Some("Rain"));
        assert_eq!(ld.authors[0].name, "Jane Doe");
        assert_eq!(ld.published.as_deref(), Some("2024-05-02T10:00:00+02:00"));
        assert!(ld.publisher.contains(&"Daily Planet".to_owned()));
    }

    #[test]
    fn raw_newlines_in_strings_are_repaired() {
        let ld = parse(["{\"@type\":\"Article\",\"headline\":\"Two\nlines\"};"]);
        assert_eq!(ld.headline.as_deref(), Some("Two lines"));
    }
}
