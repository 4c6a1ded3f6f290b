//! The web page: one HTML document and its scripts and style, embedded in the binary (no
//! build step, no CDN: the page works offline), and the headers that keep it safe.
//!
//! Every address of the page (`/`, `/speakers`, `/speakers/{name}`, `/articles/{article}`,
//! `/analyze`) answers the same document; its script draws the view from the API, so a
//! deep link works on reload. The script inserts data only as text nodes, and the
//! Content-Security-Policy allows scripts and styles from this server alone, none inline:
//! an article whose text holds `<script>` shows it, never runs it.

use axum::extract::Path as UrlPath;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The Content-Security-Policy of every answer: only this server's own scripts, styles,
/// images and API; no inline script or style attribute, no plugins, no framing, and no
/// `<base>` or form that could send a reader elsewhere.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const INDEX_HTML: &str = include_str!("../assets/index.html");

/// A file of the page, served under `/assets/`.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";

const ASSETS: &[Asset] = &[
    Asset {
        name: "app.js",
        content_type: JAVASCRIPT,
        body: include_bytes!("../assets/app.js"),
    },
    Asset {
        name: "dom.js",
        content_type: JAVASCRIPT,
        body: include_bytes!("../assets/dom.js"),
    },
    Asset {
        name: "api.js",
        content_type: JAVASCRIPT,
        body: include_bytes!("../assets/api.js"),
    },
    Asset {
        name: "cards.js",
        content_type: JAVASCRIPT,
        body: include_bytes!("../assets/cards.js"),
    },
    Asset {
        name: "highlight.js",
        content_type: JAVASCRIPT,
        body: include_bytes!("../assets/highlight.js"),
    },
    Asset {
        name: "timeline.js",
        content_type: JAVASCRIPT,
        body: include_bytes!("../assets/timeline.js"),
    },
    Asset {
        name: "search.js",
        content_type: JAVASCRIPT,
        body: include_bytes!("../assets/search.js"),
    },
    Asset {
        name: "speakers.js",
        content_type: JAVASCRIPT,
        body: include_bytes!("../assets/speakers.js"),
    },
    Asset {
        name: "article.js",
        content_type: JAVASCRIPT,
        body: include_bytes!("../assets/article.js"),
    },
    Asset {
        name: "analyze.js",
        content_type: JAVASCRIPT,
        body: include_bytes!("../assets/analyze.js"),
    },
    Asset {
        name: "style.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../assets/style.css"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        body: include_bytes!("../assets/favicon.svg"),
    },
];

/// Assets change only with the binary; a reload after an upgrade must not mix versions, so
/// the browser asks again each time (they are small and served from memory).
const CACHE_CONTROL: HeaderValue = HeaderValue::from_static("no-cache");

/// The page's document, for every address of the page.
pub(crate) async fn page() -> Response {
    page_with(StatusCode::OK)
}

/// The page's document with `status` (404 for an address that is no view: the script
/// then says so).
pub(crate) fn page_with(status: StatusCode) -> Response {
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, CACHE_CONTROL),
        ],
        INDEX_HTML,
    )
        .into_response()
}

/// One embedded file, or 404.
pub(crate) async fn asset(UrlPath(name): UrlPath<String>) -> Response {
    match ASSETS.iter().find(|asset| asset.name == name) {
        Some(asset) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(asset.content_type),
                ),
                (header::CACHE_CONTROL, CACHE_CONTROL),
            ],
            asset.body,
        )
            .into_response(),
        None => (
            StatusCode::NOT_FOUND,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            )],
            "no such file",
        )
            .into_response(),
    }
}
