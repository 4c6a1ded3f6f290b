//! The web page as a browser fetches it: the document at every address of the page, its
//! files with the right types, and the headers that keep data from running as code.

use std::collections::BTreeSet;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use tower::ServiceExt;
use whosaid_store::Store;

/// The app over an empty database: the page does not depend on what is stored.
fn app() -> (tempfile::TempDir, Router) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("web.db");
    drop(Store::open(&db).unwrap());
    let app = whosaid_server::router(&db).unwrap();
    (dir, app)
}

async fn fetch(app: &Router, uri: &str) -> (StatusCode, HeaderMap, String) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
}

fn header_of(headers: &HeaderMap, name: header::HeaderName) -> &str {
    headers
        .get(&name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or_else(|| panic!("no {name} header"))
}

/// The headers every answer must carry: a policy that runs only this server's own files
/// (nothing inline, so injected markup cannot run) and no content-type sniffing.
fn assert_safe_headers(uri: &str, headers: &HeaderMap) {
    let policy = header_of(headers, header::CONTENT_SECURITY_POLICY);
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(
            policy.contains(directive),
            "{uri}: {directive} missing from {policy}"
        );
    }
    assert!(!policy.contains("unsafe-inline"), "{uri}: {policy}");
    assert!(!policy.contains("unsafe-eval"), "{uri}: {policy}");
    assert_eq!(
        header_of(headers, header::X_CONTENT_TYPE_OPTIONS),
        "nosniff",
        "{uri}"
    );
}

#[tokio::test]
async fn every_address_of_the_page_answers_the_page_with_strict_headers() {
    let (_dir, app) = app();
    for uri in [
        "/",
        "/?q=war&speaker=Putin&offset=20",
        "/speakers",
        "/speakers/Vladimir%20Putin",
        "/articles/1",
        "/articles/3f2a9c01?statement=4",
        "/analyze",
    ] {
        let (status, headers, body) = fetch(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(
            header_of(&headers, header::CONTENT_TYPE),
            "text/html; charset=utf-8",
            "{uri}"
        );
        assert_safe_headers(uri, &headers);
        assert!(body.contains(r#"<script type="module" src="/assets/app.js">"#));
        // Every script is a file: an inline one would be refused by the policy anyway.
        for script in body.split("<script").skip(1) {
            let tag = &script[..script.find('>').unwrap()];
            assert!(
                tag.contains(" src=\"/assets/"),
                "inline script in {uri}: {tag}"
            );
        }
    }
}

/// The `/assets/…` addresses in `text` (the page's src and href, the scripts' imports).
fn asset_references(text: &str, imports_relative: bool) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (quote, prefix) in [('"', "/assets/"), ('\'', "./")] {
        if prefix == "./" && !imports_relative {
            continue;
        }
        let opener = format!("{quote}{prefix}");
        let mut rest = text;
        while let Some(at) = rest.find(&opener) {
            let after = &rest[at + opener.len()..];
            let end = after.find(quote).unwrap();
            found.insert(format!("/assets/{}", &after[..end]));
            rest = &after[end..];
        }
    }
    found
}

#[tokio::test]
async fn every_file_the_page_loads_is_served_with_its_content_type() {
    let (_dir, app) = app();
    let (_, _, page) = fetch(&app, "/").await;
    let mut pending: Vec<String> = asset_references(&page, false).into_iter().collect();
    assert!(
        pending.contains(&"/assets/style.css".to_owned()),
        "{pending:?}"
    );
    let mut seen = BTreeSet::new();
    while let Some(uri) = pending.pop() {
        if !seen.insert(uri.clone()) {
            continue;
        }
        let (status, headers, body) = fetch(&app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_safe_headers(&uri, &headers);
        let content_type = header_of(&headers, header::CONTENT_TYPE);
        let expected = match uri.rsplit('.').next().unwrap() {
            // Module scripts are refused by browsers unless served as JavaScript.
            "js" => "text/javascript; charset=utf-8",
            "css" => "text/css; charset=utf-8",
            "svg" => "image/svg+xml",
            other => panic!("{uri}: unexpected kind of file {other}"),
        };
        assert_eq!(content_type, expected, "{uri}");
        if uri.ends_with(".js") {
            pending.extend(asset_references(&body, true));
        }
    }
    // The modules import each other: all of them were reached from the page.
    for module in [
        "app.js",
        "dom.js",
        "highlight.js",
        "timeline.js",
        "analyze.js",
    ] {
        assert!(
            seen.contains(&format!("/assets/{module}")),
            "{module}: {seen:?}"
        );
    }
}

#[tokio::test]
async fn the_scripts_never_parse_data_as_html() {
    let (_dir, app) = app();
    let (_, _, page) = fetch(&app, "/").await;
    let (_, _, app_js) = fetch(&app, "/assets/app.js").await;
    let mut modules: BTreeSet<String> = asset_references(&app_js, true);
    modules.extend(asset_references(&page, false));
    for uri in modules.iter().filter(|m| m.ends_with(".js")) {
        let (_, _, script) = fetch(&app, uri).await;
        for sink in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
        ] {
            assert!(!script.contains(sink), "{uri} uses {sink}");
        }
    }
}

#[tokio::test]
async fn unknown_addresses_are_404_as_page_file_or_json() {
    let (_dir, app) = app();
    let (status, headers, body) = fetch(&app, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(header_of(&headers, header::CONTENT_TYPE).starts_with("text/html"));
    assert!(
        body.contains("/assets/app.js"),
        "the page says it is no view"
    );

    let (status, headers, _) = fetch(&app, "/assets/secrets.js").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_safe_headers("/assets/secrets.js", &headers);
    let (status, _, _) = fetch(&app, "/assets/..%2FCargo.toml").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, headers, body) = fetch(&app, "/api/nothing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(header_of(&headers, header::CONTENT_TYPE).starts_with("application/json"));
    assert!(body.contains("/api/openapi.json"), "{body}");
}

#[tokio::test]
async fn api_answers_carry_the_same_headers() {
    let (_dir, app) = app();
    for (uri, status) in [
        ("/api/search", StatusCode::OK),
        ("/api/search?since=soon", StatusCode::BAD_REQUEST),
        ("/api/openapi.json", StatusCode::OK),
    ] {
        let (got, headers, _) = fetch(&app, uri).await;
        assert_eq!(got, status, "{uri}");
        assert_safe_headers(uri, &headers);
    }
}
