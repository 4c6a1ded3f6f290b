//! What the page says about its article, gathered from the parsed tree before
//! trafilatura cleans it: `<meta>` tags (OpenGraph, article:*, parsely-*, sailthru.*,
//! dc.*), JSON-LD, `<title>`, `<h1>`, `<time datetime>` and byline elements.
//!
//! Gathering and choosing are apart: [`gather`] collects every candidate with where it
//! came from, [`super::choose`] decides. So a rule about which source wins is one place.

use trafilatura::dom::{Document, NodeId};

use super::jsonld::{self, JsonLd};
use super::text::{clean_inline, squash};

/// Everything the page offers as metadata, unchosen.
#[derive(Clone, Debug, Default)]
pub struct Gathered {
    /// `<meta>` tags as (lower-case name, property, itemprop or http-equiv; content).
    pub metas: Vec<(String, String)>,
    /// The page's JSON-LD.
    pub jsonld: JsonLd,
    /// `<title>`.
    pub title: Option<String>,
    /// `<h1>` texts in document order, with whether they sit in page furniture
    /// (`nav`, `aside`, `footer`, a logo or a site header).
    pub h1s: Vec<Heading>,
    /// `<time>` elements' `datetime`, with what their context says.
    pub times: Vec<TimeCandidate>,
    /// Texts of elements marked as bylines (`[itemprop=author]`, `[rel=author]`,
    /// `.byline`, `.author`…), in document order.
    pub bylines: Vec<String>,
    /// Dates written for readers in elements marked as dates (`.post-date`,
    /// `.entry-meta`…), parsed, in document order; updates left out.
    pub visible_dates: Vec<String>,
    /// `<link rel=canonical>`.
    pub canonical: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
}

/// One `<h1>`.
#[derive(Clone, Debug, Default)]
pub struct Heading {
    /// Its text, whitespace squashed.
    pub text: String,
    /// It sits in `nav`, `aside`, `footer` or a logo / branding element.
    pub furniture: bool,
    /// It sits in `article` or `main`.
    pub in_article: bool,
}

/// One `<time datetime>`.
#[derive(Clone, Debug, Default)]
pub struct TimeCandidate {
    /// The `datetime` attribute.
    pub value: String,
    /// Its context marks it as the publication date (`pubdate`, `itemprop=datePublished`,
    /// a class with "publish" / "posted" / "entry-date").
    pub published: bool,
    /// Its context marks it as an update (`dateModified`, "updated", "modified").
    pub modified: bool,
    /// It sits in page furniture or comments.
    pub furniture: bool,
}

impl Gathered {
    /// The content of the first `<meta>` whose key is one of `keys`, in `keys` order.
    pub fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(name, content)| name == k && !content.is_empty())
                .map(|(_, c)| c.as_str())
        })
    }

    /// Every content of `<meta>` tags whose key is `key`.
    pub fn metas_named<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.metas
            .iter()
            .filter(move |(name, _)| name == key)
            .map(|(_, c)| c.as_str())
    }
}

/// How far up the tree an ancestor check looks.
const ANCESTOR_LIMIT: usize = 40;
/// Most byline elements looked at.
const MAX_BYLINES: usize = 40;

/// Collect the metadata candidates of a parsed page.
pub fn gather(doc: &Document) -> Gathered {
    let root = doc.root();
    let mut g = Gathered::default();
    for id in doc.query_selector_all(root, "meta") {
        let key = ["property", "name", "itemprop", "http-equiv"]
            .iter()
            .find_map(|a| doc.get_attribute(id, a).filter(|v| !v.trim().is_empty()));
        let content = doc
            .get_attribute(id, "content")
            .or_else(|| doc.get_attribute(id, "datetime"));
        if let (Some(key), Some(content)) = (key, content) {
            g.metas
                .push((key.trim().to_ascii_lowercase(), clean_inline(&content)));
        }
    }
    let scripts: Vec<String> = doc
        .query_selector_all(root, "script")
        .into_iter()
        .filter(|&id| {
            doc.get_attribute(id, "type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        })
        .map(|id| doc.text_content(id))
        .collect();
    g.jsonld = jsonld::parse(scripts.iter().map(String::as_str));
    g.title = doc
        .query_selector(root, "title")
        .map(|id| clean_inline(&doc.text_content(id)))
        .filter(|t| !t.is_empty());
    for id in doc.query_selector_all(root, "h1") {
        let text = squash(&doc.text_content(id));
        if text.is_empty() || text.len() > 400 {
            continue;
        }
        let (furniture, in_article) = context(doc, id);
        g.h1s.push(Heading {
            text,
            furniture,
            in_article,
        });
    }
    for id in doc.query_selector_all(root, "time[datetime]") {
        let value = doc.get_attribute(id, "datetime").unwrap_or_default();
        let mut marks = String::new();
        let mut node = Some(id);
        for _ in 0..4 {
            let Some(n) = node else { break };
            for a in ["class", "id", "itemprop"] {
                marks.push_str(
                    &doc.get_attribute(n, a)
                        .unwrap_or_default()
                        .to_ascii_lowercase(),
                );
                marks.push(' ');
            }
            node = doc.parent(n);
        }
        let own_text = doc.text_content(id).to_ascii_lowercase();
        let pubdate = doc.get_attribute(id, "pubdate").is_some();
        let modified = ["modified", "updated", "update"]
            .iter()
            .any(|m| marks.contains(m))
            || own_text.contains("updated");
        let published = pubdate
            || [
                "datepublished",
                "publish",
                "posted",
                "entry-date",
                "post-date",
                "article-date",
                "byline",
                "meta-date",
            ]
            .iter()
            .any(|m| marks.contains(m));
        let (furniture, _) = context(doc, id);
        g.times.push(TimeCandidate {
            value,
            published,
            modified,
            furniture,
        });
    }
    g.bylines = bylines(doc);
    g.visible_dates = visible_dates(doc);
    g.canonical = doc
        .query_selector(root, r#"link[rel="canonical"]"#)
        .and_then(|id| doc.get_attribute(id, "href"))
        .filter(|h| h.starts_with("http"));
    g.lang = doc
        .query_selector(root, "html[lang]")
        .and_then(|id| doc.get_attribute(id, "lang"));
    g
}

/// Whether a node sits in page furniture (nav, aside, footer, comments, a logo), and
/// whether it sits in the article (`article`, `main`).
fn context(doc: &Document, id: NodeId) -> (bool, bool) {
    let mut furniture = false;
    let mut in_article = false;
    let mut node = doc.parent(id);
    for _ in 0..ANCESTOR_LIMIT {
        let Some(n) = node else { break };
        match doc.tag_name(n) {
            "nav" | "aside" | "footer" => furniture = true,
            "article" | "main" => in_article = true,
            _ => {}
        }
        let marks = format!("{} {}", doc.class_name(n), doc.id_attr(n)).to_ascii_lowercase();
        if [
            "logo", "brand", "comment", "sidebar", "widget", "related", "footer", "menu", "navbar",
        ]
        .iter()
        .any(|m| marks.contains(m))
        {
            furniture = true;
        }
        node = doc.parent(n);
    }
    (furniture, in_article)
}

/// Texts of byline-looking elements, most specific markup first.
fn bylines(doc: &Document) -> Vec<String> {
    let root = doc.root();
    let mut out: Vec<String> = Vec::new();
    let push = |text: String, out: &mut Vec<String>| {
        let text = squash(&text);
        if !text.is_empty() && text.len() <= 160 && !out.contains(&text) && out.len() < MAX_BYLINES
        {
            out.push(text);
        }
    };
    for id in doc.query_selector_all(root, r#"[itemprop~="author"], [itemprop~="creator"]"#) {
        if context(doc, id).0 {
            continue;
        }
        let name = doc
            .query_selector(id, r#"[itemprop="name"]"#)
            .map(|n| {
                doc.get_attribute(n, "content")
                    .unwrap_or_else(|| doc.text_content(n))
            })
            .or_else(|| doc.get_attribute(id, "content"))
            .unwrap_or_else(|| doc.text_content(id));
        push(name, &mut out);
    }
    for id in doc.query_selector_all(root, r#"a[rel~="author"]"#) {
        if !context(doc, id).0 {
            push(doc.text_content(id), &mut out);
        }
    }
    let selector = r#"[class*="byline"], [id*="byline"], [class*="author"], [id*="author"], [class*="writer"], [data-testid*="author"]"#;
    for id in doc.query_selector_all(root, selector) {
        if matches!(
            doc.tag_name(id),
            "meta" | "link" | "script" | "style" | "img" | "body" | "html" | "article"
        ) {
            continue;
        }
        let marks = format!("{} {}", doc.class_name(id), doc.id_attr(id)).to_ascii_lowercase();
        if [
            "avatar",
            "bio",
            "description",
            "about",
            "image",
            "photo",
            "img",
            "social",
            "share",
            "follow",
            "comment",
            "more-by",
            "title",
            "job",
            "role",
            "position",
            "date",
        ]
        .iter()
        .any(|m| marks.contains(m))
        {
            continue;
        }
        if context(doc, id).0 {
            continue;
        }
        push(doc.text_content(id), &mut out);
    }
    out
}

/// Most visible date elements looked at.
const MAX_VISIBLE_DATES: usize = 20;

/// Dates shown to readers in date-marked elements, parsed, updates left out.
fn visible_dates(doc: &Document) -> Vec<String> {
    let selector = r#"[class*="date"], [id*="date"], [class*="publish"], [class*="posted"], [class*="byline"], [class*="meta"], [itemprop="datePublished"]"#;
    let mut out = Vec::new();
    for id in doc.query_selector_all(doc.root(), selector) {
        if out.len() >= MAX_VISIBLE_DATES {
            break;
        }
        if matches!(
            doc.tag_name(id),
            "meta" | "link" | "script" | "style" | "body" | "html"
        ) {
            continue;
        }
        let marks = format!("{} {}", doc.class_name(id), doc.id_attr(id)).to_ascii_lowercase();
        if ["update", "modif", "comment", "event", "expir", "deadline"]
            .iter()
            .any(|m| marks.contains(m))
        {
            continue;
        }
        let text = squash(&doc.text_content(id));
        if text.is_empty() || text.len() > 120 {
            continue;
        }
        let lower = text.to_ascii_lowercase();
        if lower.contains("updated") || lower.contains("modified") {
            continue;
        }
        if context(doc, id).0 {
            continue;
        }
        if let Some(date) = crate::article::dates::parse_written_date(&text) {
            out.push(date);
        }
    }
    out
}
