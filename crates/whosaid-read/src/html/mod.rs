//! HTML pages: the main content with `trafilatura`, and the metadata it does not give.
//!
//! Reading a page goes in four steps:
//!
//! 1. [`guard`] measures the markup in one linear pass: a page nested too deeply is
//!    flattened (its text kept) so that no tree walk can overflow the stack, a page with
//!    absurdly many elements is refused.
//! 2. The page is parsed once; the metadata is gathered from the whole tree
//!    (`metadata`: `<meta>`, OpenGraph, [`jsonld`], `<title>`, `<h1>`, `<time>`, byline
//!    elements; `images`: figures, captions and credits) before trafilatura prunes it.
//! 3. trafilatura extracts the main text from the same tree.
//! 4. The candidates are chosen and cleaned with the helpers the scraped-text reader
//!    uses too ([`crate::article`]: bylines, dates, credits, datelines), and the body is
//!    cut into paragraphs without the repeated headline.
//!
//! The document's spans point into its clean body ([`Offsets::Body`](whosaid_core::Offsets)).

mod body;
pub mod guard;
mod images;
pub mod jsonld;
mod metadata;
mod text;

use std::panic::{AssertUnwindSafe, catch_unwind};

use whosaid_core::{Document, ReadError, ReadErrorKind};

use crate::Hints;
use crate::article::lexicon::key;
use crate::article::{byline, dateline, dates};
use metadata::Gathered;
use text::clean_inline;

/// Largest page read, in bytes of decoded HTML: beyond it a page is not an article,
/// and trafilatura's time grows faster than its size.
pub const MAX_HTML_BYTES: usize = 32 * 1024 * 1024;

/// Fewest words a body needs to be an article.
const MIN_ARTICLE_WORDS: usize = 15;

/// The sentence for a page without article text.
const NO_CONTENT: &str =
    "the page holds no article text (it may be an index page or need JavaScript)";

/// trafilatura's settings, each measured on the WCXB dev set (EVALUATION.md): the
/// readability / jusText fallback recovers articles the rules miss (+0.012 body F1),
/// the balanced focus beats favouring recall or precision.
fn extraction_options() -> trafilatura::Options {
    trafilatura::Options::default().with_fallback(true)
}

/// Read an HTML page into a document whose spans point into its clean body.
///
/// Never panics; a page without article text, one too large or built to exhaust the
/// reader gives a [`ReadError`] whose message says so.
pub fn read_html(path: &str, html: &str, hints: &Hints) -> Result<Document, ReadError> {
    if html.trim().is_empty() {
        return Err(ReadError::new(ReadErrorKind::Empty, "the page is empty"));
    }
    if html.len() > MAX_HTML_BYTES {
        return Err(ReadError::new(
            ReadErrorKind::TooLarge,
            format!(
                "the page is {} MB of HTML, more than the {} MB an article page can be",
                html.len() / (1024 * 1024),
                MAX_HTML_BYTES / (1024 * 1024)
            ),
        ));
    }
    let shape = guard::measure(html);
    if shape.elements > guard::MAX_ELEMENTS {
        return Err(ReadError::new(
            ReadErrorKind::Unsupported,
            format!(
                "the page has {} elements, more than the {} an article page can have",
                shape.elements,
                guard::MAX_ELEMENTS
            ),
        ));
    }
    let mut warnings = Vec::new();
    let flattened;
    let html = if shape.max_depth > guard::MAX_DEPTH {
        warnings.push(format!(
            "the page nests elements about {} levels deep; tags below level {} were dropped and their text kept",
            shape.max_depth,
            guard::MAX_DEPTH
        ));
        flattened = guard::flatten(html, guard::MAX_DEPTH);
        flattened.as_str()
    } else {
        html
    };
    // A bug in a dependency on one odd page must not end the whole run.
    let mut doc =
        catch_unwind(AssertUnwindSafe(|| extract(path, html, hints))).unwrap_or_else(|_| {
            Err(ReadError::new(
                ReadErrorKind::Unsupported,
                "the HTML reader failed on this page (an internal error); it was skipped",
            ))
        })?;
    doc.warnings.extend(warnings);
    Ok(doc)
}

fn extract(path: &str, html: &str, hints: &Hints) -> Result<Document, ReadError> {
    let dom = trafilatura::dom::Document::parse(html);
    let g = metadata::gather(&dom);
    let images = images::images(&dom, &g.jsonld.images);
    let result =
        trafilatura::extract_document(dom, &extraction_options()).map_err(|e| match e {
            trafilatura::TrafilaturaError::InsufficientContent { .. } => {
                ReadError::new(ReadErrorKind::NoContent, NO_CONTENT)
            }
            other => ReadError::new(
                ReadErrorKind::NoContent,
                format!("the page holds no readable article: {other}"),
            ),
        })?;
    let tmeta = &result.metadata;
    let sites = site_names(&g, tmeta);
    let headline = choose_headline(&g, tmeta, &sites).or_else(|| hints.title.clone());

    let mut titles: Vec<&str> = Vec::new();
    titles.extend(headline.as_deref());
    titles.extend(g.h1s.iter().map(|h| h.text.as_str()));
    titles.extend(g.meta(&["og:title"]));
    titles.extend(g.jsonld.headline.as_deref());
    // One long line means the block breaks were lost on the way; the HTML keeps them.
    let text = if !result.content_text.contains('\n') && result.content_text.len() > 300 {
        std::borrow::Cow::Owned(body::blocks_of_html(&result.content_html))
    } else {
        std::borrow::Cow::Borrowed(result.content_text.as_str())
    };
    let paragraphs = body::paragraphs(&text, &titles);
    // A few words are a menu or a placeholder, not an article.
    let words: usize = paragraphs
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum();
    if words < MIN_ARTICLE_WORDS {
        return Err(ReadError::new(ReadErrorKind::NoContent, NO_CONTENT));
    }
    let mut doc = Document::from_body_paragraphs(path, &paragraphs);
    let meta = &mut doc.meta;
    meta.dateline = paragraphs
        .first()
        .and_then(|p| dateline::detect_dateline(p))
        .map(|d| d.place);
    meta.headline = headline;
    meta.byline = choose_byline(&g, tmeta, &sites);
    meta.published = choose_published(&g, tmeta).or_else(|| {
        hints
            .published
            .as_deref()
            .and_then(dates::parse_machine_date)
    });
    meta.section = choose_section(&g, tmeta);
    meta.images = images;
    meta.url = g
        .canonical
        .clone()
        .or_else(|| g.meta(&["og:url"]).map(str::to_owned))
        .filter(|u| u.starts_with("http"))
        .or_else(|| hints.url.clone());
    meta.site_name = g
        .meta(&["og:site_name"])
        .map(str::to_owned)
        .or_else(|| g.jsonld.publisher.first().cloned())
        .or_else(|| (!tmeta.sitename.is_empty()).then(|| tmeta.sitename.clone()));
    meta.language = g
        .lang
        .as_deref()
        .or(g.jsonld.language.as_deref())
        .or(g.meta(&["og:locale", "content-language", "language"]))
        .and_then(language_code);
    meta.description = g
        .meta(&["og:description", "description", "twitter:description"])
        .map(str::to_owned)
        .or_else(|| g.jsonld.description.clone());
    Ok(doc)
}

/// The names the site goes by: they are not authors.
fn site_names(g: &Gathered, tmeta: &trafilatura::Metadata) -> Vec<String> {
    let mut sites: Vec<String> = Vec::new();
    sites.extend(
        g.metas_named("og:site_name")
            .chain(g.metas_named("application-name"))
            .chain(g.metas_named("twitter:site"))
            .chain(g.metas_named("publisher"))
            .chain(g.metas_named("article:publisher"))
            .filter(|s| !s.starts_with("http"))
            .map(|s| s.trim_start_matches('@').to_owned()),
    );
    sites.extend(g.jsonld.publisher.iter().cloned());
    if !tmeta.sitename.is_empty() {
        sites.push(tmeta.sitename.clone());
    }
    let url = g
        .canonical
        .as_deref()
        .or(g.meta(&["og:url"]))
        .unwrap_or(tmeta.url.as_str());
    if let Some(label) = site_label(url) {
        sites.push(label);
    }
    sites.retain(|s| !s.trim().is_empty());
    sites.dedup();
    sites
}

/// "https://www.example-news.co.uk/x" → "example-news".
fn site_label(url: &str) -> Option<String> {
    let host = url
        .split("://")
        .nth(1)?
        .split(['/', '?', '#', ':'])
        .next()?;
    let labels: Vec<&str> = host.split('.').filter(|l| *l != "www").collect();
    let label = match labels.as_slice() {
        [.., name, "co" | "com" | "org" | "net" | "ac" | "gov", _cc] if _cc.len() == 2 => name,
        [.., name, _tld] => name,
        _ => return None,
    };
    (label.len() >= 3).then(|| (*label).to_owned())
}

/// Separators between a headline and the site name in `<title>` and `og:title`.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " • ", " · ", " » ", " « ", " / ", " ~ ",
];

/// A title without the site name before or after it.
fn strip_site(title: &str, sites: &[String]) -> String {
    let title = clean_inline(title);
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && byline::is_site_name(tail, sites)
            && !head.trim().is_empty()
        {
            return strip_site(head, sites);
        }
        if let Some((head, tail)) = title.split_once(sep)
            && byline::is_site_name(head, sites)
            && !tail.trim().is_empty()
        {
            return strip_site(tail, sites);
        }
    }
    title
}

/// The visible headline (`<h1>`) when the page's own titles confirm it or no title
/// says otherwise, else the best declared title without the site name.
fn choose_headline(
    g: &Gathered,
    tmeta: &trafilatura::Metadata,
    sites: &[String],
) -> Option<String> {
    let declared: Vec<String> = [
        g.jsonld.headline.as_deref(),
        g.meta(&["og:title"]),
        g.meta(&["twitter:title"]),
        g.title.as_deref(),
        (!tmeta.title.is_empty()).then_some(tmeta.title.as_str()),
    ]
    .into_iter()
    .flatten()
    .map(|t| strip_site(t, sites))
    .filter(|t| !t.is_empty())
    .collect();
    let h1s: Vec<&metadata::Heading> = g
        .h1s
        .iter()
        .filter(|h| !h.furniture && h.text.chars().any(char::is_alphabetic))
        .collect();
    // An <h1> that one of the declared titles contains is the headline as shown.
    for h in &h1s {
        let hk = key(&h.text);
        if declared.iter().any(|d| {
            let dk = key(d);
            dk == hk || (hk.len() >= 12 && dk.contains(&hk))
        }) {
            return Some(h.text.clone());
        }
    }
    let in_article = h1s.iter().find(|h| h.in_article).or(h1s.first());
    if let Some(h) = in_article
        && (h1s.len() == 1 || h.in_article)
        && h.text.split_whitespace().count() >= 2
    {
        return Some(h.text.clone());
    }
    declared.into_iter().next()
}

/// Authors: the article's JSON-LD persons, then `<meta>` authors, then byline elements,
/// then trafilatura's guess; the site's own name only when nothing else names anyone.
fn choose_byline(g: &Gathered, tmeta: &trafilatura::Metadata, sites: &[String]) -> Option<String> {
    let mut fallback: Option<String> = None;
    let consider = |names: Vec<String>, fallback: &mut Option<String>| -> Option<String> {
        let mut cleaned: Vec<String> = Vec::new();
        for name in names {
            if let Some(c) = byline::clean_declared_byline(&clean_inline(&name))
                && !cleaned.iter().any(|x| key(x) == key(&c))
            {
                cleaned.push(c);
            }
        }
        let (people, site): (Vec<String>, Vec<String>) = cleaned
            .into_iter()
            .partition(|n| !byline::is_site_name(n, sites));
        if fallback.is_none() && !site.is_empty() {
            *fallback = byline::join_names(&site);
        }
        byline::join_names(&people)
    };
    let ld_people: Vec<String> = g
        .jsonld
        .authors
        .iter()
        .filter(|a| !a.organization)
        .map(|a| a.name.clone())
        .collect();
    if let Some(b) = consider(ld_people, &mut fallback) {
        return Some(b);
    }
    let meta_authors: Vec<String> = [
        "author",
        "article:author",
        "parsely-author",
        "sailthru.author",
        "dc.creator",
        "dcterms.creator",
        "byl",
        "citation_author",
        "twitter:data1",
    ]
    .iter()
    .flat_map(|k| {
        g.metas_named(k)
            .filter(|v| {
                !v.starts_with("http")
                    && (*k != "twitter:data1"
                        || g.meta(&["twitter:label1"])
                            .is_some_and(|l| l.to_ascii_lowercase().contains("written")))
            })
            .map(str::to_owned)
            .collect::<Vec<_>>()
    })
    .collect();
    if let Some(b) = consider(meta_authors, &mut fallback) {
        return Some(b);
    }
    for line in &g.bylines {
        let names = byline::split_names(line);
        if let Some(b) = consider(names, &mut fallback) {
            return Some(b);
        }
    }
    let orgs: Vec<String> = g
        .jsonld
        .authors
        .iter()
        .filter(|a| a.organization)
        .chain(g.jsonld.page_authors.iter())
        .map(|a| a.name.clone())
        .collect();
    if let Some(b) = consider(orgs, &mut fallback) {
        return Some(b);
    }
    if !tmeta.author.is_empty() {
        let names: Vec<String> = tmeta.author.split("; ").map(str::to_owned).collect();
        if let Some(b) = consider(names, &mut fallback) {
            return Some(b);
        }
    }
    fallback
}

/// `<meta>` keys that carry the publication date, most specific first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "original-publish-date",
    "date",
    "displaydate",
    "release_date",
];

/// The publication date: the date the page shows its readers in an element marked as
/// a date, with the time and zone of the machine-readable date when that falls on the
/// same day. Machine-readable dates come from the article's JSON-LD, `<meta>`
/// publication tags and `<time>` elements, never a modification date while a
/// publication date is known; trafilatura's date (a day only) is the last resort.
///
/// The shown date wins over a declared one of another day because templates often
/// declare a stale or generated date (the site's launch, the last rebuild), while the
/// date printed under the headline is the one the publisher stands by.
fn choose_published(g: &Gathered, tmeta: &trafilatura::Metadata) -> Option<String> {
    let ld = &g.jsonld;
    let meta_values = PUBLISHED_KEYS.iter().flat_map(|k| g.metas_named(k));
    let times = g.times.iter().filter(|t| !t.furniture);
    let marked = times
        .clone()
        .filter(|t| t.published && !t.modified)
        .map(|t| t.value.as_str());
    let unmarked = times.filter(|t| !t.modified).map(|t| t.value.as_str());
    let declared = ld
        .published
        .as_deref()
        .into_iter()
        .chain(meta_values)
        .chain(ld.created.as_deref())
        .chain(ld.page_published.as_deref())
        .chain(marked)
        .chain(unmarked)
        .find_map(dates::parse_machine_date);
    let shown = g.visible_dates.first().cloned();
    let date = match (declared, shown) {
        (Some(declared), Some(shown)) if declared.starts_with(&shown) => Some(declared),
        (_, Some(shown)) => Some(shown),
        (declared, None) => declared,
    };
    date.or_else(|| tmeta.date.map(|d| d.format("%Y-%m-%d").to_string()))
        .map(|date| in_site_zone(date, g))
        .map(|date| match url_day(g) {
            // The address dates the article in the site's own calendar; a declared
            // date on another day is a re-publication or an update.
            Some(day) if !date.starts_with(&day) => day,
            _ => date,
        })
        .or_else(|| url_day(g))
}

fn url_day(g: &Gathered) -> Option<String> {
    g.canonical
        .as_deref()
        .or(g.meta(&["og:url"]))
        .and_then(dates::url_day)
}

/// A UTC date-time moved into the zone of the page's other date-times when that makes
/// its day the one in the page's address ("/2025/12/18/…" with
/// "2025-12-19T02:41:41+00:00" and times written "-05:00" elsewhere gives
/// "2025-12-18T21:41:41-05:00"): the site dates its articles in its own zone. The
/// instant does not change.
fn in_site_zone(date: String, g: &Gathered) -> String {
    if !date.ends_with("+00:00") {
        return date;
    }
    let Some(url_day) = g
        .canonical
        .as_deref()
        .or(g.meta(&["og:url"]))
        .and_then(dates::url_day)
    else {
        return date;
    };
    if date.starts_with(&url_day) {
        return date;
    }
    let mut offsets: Vec<String> = g
        .times
        .iter()
        .map(|t| t.value.as_str())
        .chain(g.metas.iter().map(|(_, v)| v.as_str()))
        .filter_map(dates::parse_machine_date)
        .filter_map(|d| dates::offset_of(&d).map(str::to_owned))
        .filter(|o| o != "+00:00")
        .collect();
    offsets.sort();
    offsets.dedup();
    match offsets.as_slice() {
        [only] => dates::with_offset(&date, only)
            .filter(|moved| moved.starts_with(&url_day))
            .unwrap_or(date),
        _ => date,
    }
}

/// The section: JSON-LD `articleSection`, then `article:section` and its kin.
fn choose_section(g: &Gathered, tmeta: &trafilatura::Metadata) -> Option<String> {
    g.jsonld
        .section
        .clone()
        .or_else(|| {
            g.meta(&[
                "article:section",
                "parsely-section",
                "sailthru.section",
                "section",
                "category",
                "dc.subject",
            ])
            .map(str::to_owned)
        })
        .or_else(|| tmeta.categories.first().cloned())
        .map(|s| clean_inline(&s))
        .filter(|s| !s.is_empty() && s.len() < 100)
}

/// "en-US" → "en".
fn language_code(lang: &str) -> Option<String> {
    let code: String = lang
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    (code.len() == 2).then(|| code.to_ascii_lowercase())
}
