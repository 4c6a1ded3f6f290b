//! The HTTP API of whosaid: the store's questions (search, speakers, one speaker, one
//! article) and the analysis of a posted page, as JSON, described by an OpenAPI document at
//! `/api/openapi.json`; and the web page over it, at `/`, its files embedded in the binary.
//!
//! - [`router`] builds the axum application for a database; [`serve`] binds and runs it
//!   until Ctrl-C.
//! - Every endpoint but `POST /api/analyze` only reads; the store is opened read-only, so
//!   the server never changes the database's content and never blocks an ingest (a file
//!   written by an older whosaid has its schema brought up to date once, when opened).
//! - Safe by default: request bodies are limited ([`MAX_BODY_BYTES`]), every request has a
//!   time limit ([`REQUEST_TIMEOUT`]), a malformed request is a 400 with a sentence, and
//!   every value reaches SQL as a bound parameter (the store's rule). Every answer carries
//!   a strict Content-Security-Policy ([`CONTENT_SECURITY_POLICY`]) and
//!   `X-Content-Type-Options: nosniff`.
//!
//! SQLite connections are not shared between threads, so the state keeps a small pool of
//! read-only connections; queries run on tokio's blocking threads, at most one per core at
//! a time and first come, first served (see [`AppState::workers`]).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use utoipa::{IntoParams, OpenApi, ToSchema};
use whosaid_core::Record;
use whosaid_store::{
    ArticleView, Order, SearchQuery, SpeakerProfile, SpeakerSummary, StatementHit, Store,
    StoreError,
};

mod web;

pub use web::CONTENT_SECURITY_POLICY;

/// Largest request body `POST /api/analyze` accepts.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// Longest a request may take before it is answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Most results one search returns.
const MAX_LIMIT: usize = 200;

/// What the handlers share: where the database is, a pool of its connections, and the
/// permits that let a query or an analysis run.
#[derive(Debug)]
struct AppState {
    db: PathBuf,
    pool: Mutex<Vec<Store>>,
    /// One permit per core; a query or an analysis holds one while it runs. Without them
    /// every request got its own blocking thread, and under load tens of searches shared
    /// two cores at once: a search needing 0.5 s of CPU took 15 s or more to answer, and
    /// each thread's connection kept its own page cache. With them, requests wait in line
    /// (tokio's semaphore is fair: first come, first served), so a request waits about as
    /// long as the work queued before it, and the pool holds one connection per core.
    workers: Arc<Semaphore>,
}

impl AppState {
    /// Run `f` on a read-only connection, on a blocking thread, in its turn.
    async fn with_store<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
        T: Send + 'static,
    {
        let state = Arc::clone(self);
        self.in_turn("query", move || {
            let pooled = state.pool.lock().map(|mut p| p.pop()).unwrap_or(None);
            let store = match pooled {
                Some(store) => store,
                None => Store::open_read_only(&state.db)?,
            };
            let result = f(&store);
            if let Ok(mut pool) = state.pool.lock() {
                pool.push(store);
            }
            result
        })
        .await?
        .map_err(ApiError::from)
    }

    /// Run the CPU work `f` (a query, an analysis: `what`) on a blocking thread once a
    /// permit is free. Dropped while waiting (the request timed out or the client left),
    /// the request leaves the line without using the CPU.
    async fn in_turn<T, F>(&self, what: &str, f: F) -> Result<T, ApiError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let permit = Arc::clone(&self.workers)
            .acquire_owned()
            .await
            .map_err(|_| ApiError::internal("the server is shutting down"))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            f()
        })
        .await
        .map_err(|e| ApiError::internal(format!("the {what} stopped unexpectedly: {e}")))
    }
}

/// An error answer: a status and `{"error": "a sentence"}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

/// The body of every error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong, as a sentence.
    pub error: String,
}

impl ApiError {
    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> ApiError {
        // axum's own answer is plain text; the API answers every 400 the same JSON way.
        ApiError::bad_request(format!(
            "the query string could not be read: {}",
            rejection.body_text()
        ))
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        let status = match &error {
            StoreError::BadQuery { .. } | StoreError::BadArgument(_) => StatusCode::BAD_REQUEST,
            StoreError::NotFound(_) | StoreError::Missing(_) => StatusCode::NOT_FOUND,
            StoreError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError {
            status,
            message: error.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(ErrorBody {
                error: self.message,
            }),
        )
            .into_response()
    }
}

/// Parameters of `GET /api/search`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words to find; "a phrase", OR, NOT and prefix* work too. Empty: the latest statements.
    pub q: Option<String>,
    /// Only this speaker (any name they appear under).
    pub speaker: Option<String>,
    /// Only statements reported on or after this day (YYYY-MM-DD).
    pub since: Option<String>,
    /// Only statements reported on or before this day (YYYY-MM-DD).
    pub until: Option<String>,
    /// Only statements reported by this outlet.
    pub outlet: Option<String>,
    /// `direct`, `mixed` or `indirect`.
    pub kind: Option<String>,
    /// `relevance` (default) or `newest`.
    pub order: Option<String>,
    /// At most this many (default 20, at most 200).
    pub limit: Option<usize>,
    /// Skip this many first.
    pub offset: Option<usize>,
}

/// The answer of `GET /api/search`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    /// The statements found, best first.
    pub hits: Vec<StatementHit>,
    /// The page size used.
    pub limit: usize,
    /// The offset used.
    pub offset: usize,
}

/// Parameters of `GET /api/speakers`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SpeakersParams {
    /// How many speakers (default 25, at most 1000).
    pub top: Option<usize>,
}

/// The body of `POST /api/analyze` as JSON (a `text/plain` or `text/html` body is taken as
/// the page itself).
#[derive(Debug, Deserialize, ToSchema)]
pub struct AnalyzeRequest {
    /// A plain-text article (scraped text: debris is cleaned away).
    pub text: Option<String>,
    /// An HTML page.
    pub html: Option<String>,
    /// Its URL, if known.
    pub url: Option<String>,
    /// Its publication date, if known (ISO 8601): relative dates are made absolute from it.
    pub published: Option<String>,
}

#[utoipa::path(get, path = "/api/search", params(SearchParams),
    responses((status = 200, body = SearchResults), (status = 400, body = ErrorBody)))]
async fn search(
    State(state): State<Arc<AppState>>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Json<SearchResults>, ApiError> {
    let Query(params) = params?;
    let limit = params.limit.unwrap_or(20);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::bad_request(format!(
            "limit is between 1 and {MAX_LIMIT}"
        )));
    }
    let offset = params.offset.unwrap_or(0);
    let order = match params.order.as_deref() {
        None | Some("relevance") => Order::Relevance,
        Some("newest") => Order::Newest,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "order is relevance or newest, not {other:?}"
            )));
        }
    };
    let query = SearchQuery {
        text: params.q,
        speaker: params.speaker,
        since: params.since,
        until: params.until,
        outlet: params.outlet,
        kind: params.kind,
        limit: Some(limit),
        offset: Some(offset),
        order,
    };
    let hits = state.with_store(move |store| store.search(&query)).await?;
    Ok(Json(SearchResults {
        hits,
        limit,
        offset,
    }))
}

#[utoipa::path(get, path = "/api/speakers", params(SpeakersParams),
    responses((status = 200, body = Vec<SpeakerSummary>)))]
async fn speakers(
    State(state): State<Arc<AppState>>,
    params: Result<Query<SpeakersParams>, QueryRejection>,
) -> Result<Json<Vec<SpeakerSummary>>, ApiError> {
    let Query(params) = params?;
    let top = params.top.unwrap_or(25).min(1000);
    Ok(Json(
        state.with_store(move |store| store.speakers(top)).await?,
    ))
}

#[utoipa::path(get, path = "/api/speakers/{name}",
    params(("name" = String, Path, description = "A name the speaker appears under")),
    responses((status = 200, body = SpeakerProfile), (status = 404, body = ErrorBody)))]
async fn speaker(
    State(state): State<Arc<AppState>>,
    UrlPath(name): UrlPath<String>,
) -> Result<Json<SpeakerProfile>, ApiError> {
    Ok(Json(
        state.with_store(move |store| store.speaker(&name)).await?,
    ))
}

#[utoipa::path(get, path = "/api/articles/{article}",
    params(("article" = String, Path, description = "The article's number, content id (or its start), or URL")),
    responses((status = 200, body = ArticleView), (status = 404, body = ErrorBody)))]
async fn article(
    State(state): State<Arc<AppState>>,
    UrlPath(selector): UrlPath<String>,
) -> Result<Json<ArticleView>, ApiError> {
    Ok(Json(
        state
            .with_store(move |store| store.article(&selector))
            .await?,
    ))
}

#[utoipa::path(post, path = "/api/analyze", request_body = AnalyzeRequest,
    responses((status = 200, body = Record), (status = 400, body = ErrorBody),
              (status = 413, description = "The body is larger than 4 MiB")))]
async fn analyze(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Record>, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let request = if content_type.starts_with("application/json") {
        serde_json::from_slice::<AnalyzeRequest>(&body)
            .map_err(|e| ApiError::bad_request(format!("the JSON body could not be read: {e}")))?
    } else {
        let page = String::from_utf8(body.to_vec())
            .map_err(|_| ApiError::bad_request("the body is not UTF-8 text"))?;
        if content_type.starts_with("text/html") {
            AnalyzeRequest {
                text: None,
                html: Some(page),
                url: None,
                published: None,
            }
        } else {
            AnalyzeRequest {
                text: Some(page),
                html: None,
                url: None,
                published: None,
            }
        }
    };
    let (format, page) = match (request.text, request.html) {
        (Some(text), None) => (whosaid_read::Format::Text, text),
        (None, Some(html)) => (whosaid_read::Format::Html, html),
        _ => {
            return Err(ApiError::bad_request(
                "give exactly one of \"text\" and \"html\" (or post the page itself as text/plain or text/html)",
            ));
        }
    };
    let mut raw = whosaid_read::RawInput::new("request", format, whosaid_read::Payload::Text(page));
    raw.hints.url = request.url;
    raw.hints.published = request.published;
    // An analysis is CPU work like a search: it waits for its turn in the same line.
    let record = state
        .in_turn("analysis", move || {
            match whosaid_read::read_document(raw, &whosaid_read::ReadOptions::default()) {
                Ok(doc) => whosaid_nlp::record_of(&doc),
                Err(error) => Record::failed("request", error),
            }
        })
        .await?;
    if let Some(error) = &record.error {
        return Err(ApiError::bad_request(error.clone()));
    }
    Ok(Json(record))
}

/// The OpenAPI document of the API.
#[derive(Debug, OpenApi)]
#[openapi(
    info(
        title = "whosaid",
        description = "Who said what, about whom, when, and where it was published."
    ),
    paths(search, speakers, speaker, article, analyze),
    components(schemas(SearchResults, ErrorBody, AnalyzeRequest))
)]
pub struct ApiDoc;

async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        ApiDoc::openapi().to_json().unwrap_or_else(|_| "{}".into()),
    )
}

/// An unknown address: a JSON 404 under `/api`, else the page, whose script says that no
/// view has this address.
async fn not_found(uri: Uri) -> Response {
    if uri.path() == "/api" || uri.path().starts_with("/api/") {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: "no such endpoint; the API is described at /api/openapi.json".into(),
        }
        .into_response()
    } else {
        web::page_with(StatusCode::NOT_FOUND)
    }
}

/// The application for the database at `db` (checked now: a missing or unreadable
/// database is an error before any request).
pub fn router(db: &Path) -> Result<Router, StoreError> {
    let first = Store::open_read_only(db)?;
    let state = Arc::new(AppState {
        db: db.to_path_buf(),
        pool: Mutex::new(vec![first]),
        workers: Arc::new(Semaphore::new(
            std::thread::available_parallelism().map_or(2, |n| n.get()),
        )),
    });
    Ok(Router::new()
        .route("/api/search", get(search))
        .route("/api/speakers", get(speakers))
        .route("/api/speakers/{name}", get(speaker))
        .route("/api/articles/{article}", get(article))
        .route("/api/analyze", post(analyze))
        .route("/api/openapi.json", get(openapi))
        .route("/", get(web::page))
        .route("/speakers", get(web::page))
        .route("/speakers/{name}", get(web::page))
        .route("/articles/{article}", get(web::page))
        .route("/analyze", get(web::page))
        .route("/assets/{file}", get(web::asset))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        // Outermost, so that every answer has them, errors and timeouts included.
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        // Links to the original articles must not tell their sites what was being read.
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .with_state(state))
}

/// Serve the database at `db` on `addr` until Ctrl-C. `ready` is called with the bound
/// address (useful with port 0).
pub async fn serve(
    db: &Path,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let app = router(db).map_err(std::io::Error::other)?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    ready(listener.local_addr()?);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
