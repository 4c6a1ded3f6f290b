//! The HTTP API as a client meets it, over a database made from the bundled examples.

use std::path::Path;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;
use whosaid_store::Store;

fn examples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles")
}

/// A database holding the analysed examples, and the app over it.
fn app() -> (tempfile::TempDir, Router) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("api.db");
    let mut store = Store::open(&db).unwrap();
    let mut records = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(examples())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let format = if path.extension().is_some_and(|e| e == "html") {
            whosaid_read::Format::Html
        } else {
            whosaid_read::Format::Text
        };
        let raw = whosaid_read::RawInput::new(
            path.display().to_string(),
            format,
            whosaid_read::Payload::Bytes(std::fs::read(&path).unwrap()),
        );
        let doc = whosaid_read::read_document(raw, &whosaid_read::ReadOptions::default()).unwrap();
        records.push(whosaid_nlp::record_of(&doc));
    }
    store.add_batch(records.iter()).unwrap();
    drop(store);
    let app = whosaid_server::router(&db).unwrap();
    (dir, app)
}

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, serde_json::Value) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let value = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, value)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, serde_json::Value) {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn search_filters_and_pages() {
    let (_dir, app) = app();
    let (status, body) = get(&app, "/api/search?q=pragmatic&speaker=Putin").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let hits = body["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(
        hits.iter().all(|h| h["speaker"] == "Vladimir Putin"),
        "{body}"
    );
    assert!(hits[0]["snippet"].as_str().unwrap().contains("[pragmatic]"));

    let (_, all) = get(&app, "/api/search?limit=2").await;
    let (_, next) = get(&app, "/api/search?limit=2&offset=2").await;
    assert_eq!(all["hits"].as_array().unwrap().len(), 2);
    assert_ne!(all["hits"][0], next["hits"][0]);
}

#[tokio::test]
async fn malformed_requests_are_400_with_a_sentence() {
    let (_dir, app) = app();
    for uri in [
        "/api/search?q=war%20AND%20(",
        "/api/search?since=yesterday",
        "/api/search?kind=shouted",
        "/api/search?order=random",
        "/api/search?limit=0",
        "/api/search?limit=ten",
        "/api/search?offset=-1",
        "/api/speakers?top=many",
    ] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        // The page shows this sentence: a query string axum cannot read is JSON too.
        assert!(
            body["error"].as_str().is_some_and(|e| e.len() > 10),
            "{uri}: {body}"
        );
    }
    // Text that looks like SQL is only words.
    let (status, body) = get(&app, "/api/search?q=x%27%3B%20DROP%20TABLE%20quotes%3B--").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = get(&app, "/api/nothing/here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("/api/openapi.json")
    );
}

#[tokio::test]
async fn speakers_and_articles() {
    let (_dir, app) = app();
    let (status, body) = get(&app, "/api/speakers?top=3").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body[0]["name"], "Donald Trump", "{body}");
    let (status, body) = get(&app, "/api/speakers/Vladimir%20Putin").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["summary"]["name"], "Vladimir Putin");
    let (status, _) = get(&app, "/api/speakers/Nobody%20Known").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, article) = get(&app, "/api/articles/1").await;
    assert_eq!(status, StatusCode::OK, "{article}");
    let body = article["body"].as_str().unwrap();
    let quotes = article["quotes"].as_array().unwrap();
    assert!(!quotes.is_empty());
    let span = |value: &serde_json::Value| {
        let pair = value.as_array().unwrap();
        (
            pair[0].as_u64().unwrap() as usize,
            pair[1].as_u64().unwrap() as usize,
        )
    };
    let mut interrupted = 0;
    for quote in quotes {
        let content = quote["content"].as_str().unwrap();
        let parts = quote["part_spans"].as_array().unwrap();
        if parts.is_empty() {
            if !quote["content_span"].is_null() {
                let (start, end) = span(&quote["content_span"]);
                assert_eq!(&body[start..end], content);
            }
            continue;
        }
        // “…,” Trump said in exchange with reporters in the Oval Office. “…”: the content
        // is the speaker's parts, each marked where it is, within the quotation's span.
        interrupted += 1;
        let (start, end) = span(&quote["content_span"]);
        let words: Vec<&str> = parts
            .iter()
            .map(|part| {
                let (s, e) = span(part);
                assert!(start <= s && e <= end, "{quote}");
                &body[s..e]
            })
            .collect();
        assert_eq!(words.join(" … "), content);
        assert!(!content.contains("Oval Office"), "{content}");
    }
    assert!(interrupted > 0, "the AP story has interrupted quotations");
    let (status, _) = get(&app, "/api/articles/999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn analyze_takes_text_html_or_json_and_refuses_the_rest() {
    let (_dir, app) = app();
    let seed = std::fs::read_to_string(examples().join("ap-trump-putin-2025-01-31.txt")).unwrap();
    let request = Request::post("/api/analyze")
        .header("content-type", "text/plain; charset=utf-8")
        .body(Body::from(seed.clone()))
        .unwrap();
    let (status, record) = send(&app, request).await;
    assert_eq!(status, StatusCode::OK, "{record}");
    let quotes = record["quotes"].as_array().unwrap();
    assert!(
        quotes
            .iter()
            .any(|q| q["speaker"]["name"] == "Vladimir Putin")
    );

    let page = std::fs::read_to_string(examples().join("written-council-vote.html")).unwrap();
    let json = serde_json::json!({"html": page, "url": "https://valleycourier.example/bridge"});
    let request = Request::post("/api/analyze")
        .header("content-type", "application/json")
        .body(Body::from(json.to_string()))
        .unwrap();
    let (status, record) = send(&app, request).await;
    assert_eq!(status, StatusCode::OK, "{record}");
    let speakers: Vec<&str> = record["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q["speaker"]["name"].as_str())
        .collect();
    assert!(speakers.contains(&"Helena Strand"), "{record}");
    assert_eq!(
        record["article"]["url"],
        "https://valleycourier.example/bridge"
    );

    let request = Request::post("/api/analyze")
        .header("content-type", "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let (status, body) = send(&app, request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"].as_str().unwrap().contains("exactly one"));

    let huge = "a".repeat(whosaid_server::MAX_BODY_BYTES + 1);
    let request = Request::post("/api/analyze")
        .header("content-type", "text/plain")
        .body(Body::from(huge))
        .unwrap();
    let (status, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint() {
    let (_dir, app) = app();
    let (status, doc) = get(&app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    for path in [
        "/api/search",
        "/api/speakers",
        "/api/speakers/{name}",
        "/api/articles/{article}",
        "/api/analyze",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    assert!(doc["components"]["schemas"]["StatementHit"].is_object());
}

/// Many clients at once: every one is answered (the queries wait their turn, one per core,
/// and no connection or permit is lost along the way), and the same search gives the same
/// answer whoever asks.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_clients_at_once_all_get_their_answers() {
    let (_dir, app) = app();
    let (_, alone) = get(&app, "/api/search?q=said").await;
    let mut tasks = Vec::new();
    for i in 0..48 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            match i % 3 {
                0 => get(&app, "/api/search?q=said").await,
                1 => get(&app, "/api/speakers?top=5").await,
                _ => get(&app, "/api/search?q=said&order=newest&since=2000-01-01").await,
            }
        }));
    }
    for (i, task) in tasks.into_iter().enumerate() {
        let (status, body) = task.await.unwrap();
        assert_eq!(status, StatusCode::OK, "request {i}: {body}");
        if i % 3 == 0 {
            assert_eq!(body, alone);
        }
    }
}
