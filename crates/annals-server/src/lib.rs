//! The serve stage of annals: an HTTP API over the event store and a web page (map,
//! timeline, table, evidence view) whose assets are compiled into the binary.
//!
//! Reads use a small pool of SQLite connections (WAL lets them run beside the writer);
//! `POST /api/articles` stores articles through the store's one ingest path
//! (`annals_store::Store::ingest_articles`, which codes them), behind a bearer token.
//! The server never calls the coder itself. Every response
//! to bad input is a 4xx with a JSON `{"error": ...}` naming the problem.

pub mod load;

use annals_extract::Pipeline;
use annals_store::{Filter, Outcome, Store};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 8 << 20;
/// Requests running longer are answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Every route: method and path as the OpenAPI document names them. The router and the
/// OpenAPI test both read this list.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/health"),
    ("get", "/api/events"),
    ("get", "/api/events/{id}"),
    ("get", "/api/incidents"),
    ("get", "/api/actors"),
    ("get", "/api/places"),
    ("get", "/api/stats"),
    ("post", "/api/articles"),
    ("get", "/api/openapi.json"),
];

/// The OpenAPI document, served as is.
pub const OPENAPI: &str = include_str!("../openapi.json");
const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const STYLE_CSS: &str = include_str!("../assets/style.css");
const COUNTRIES: &str = include_str!("../assets/countries-110m.json");

/// What the handlers share.
pub struct AppState {
    /// The database file.
    pub db: PathBuf,
    /// The coder, for `POST /api/articles`.
    pub pipeline: Arc<Pipeline>,
    /// The bearer token writes need; `None` refuses every write.
    pub token: Option<String>,
    readers: Mutex<Vec<Store>>,
    writer: Mutex<Option<Store>>,
}

impl AppState {
    /// State over the database at `db` (created and migrated if needed).
    pub fn new(
        db: PathBuf,
        pipeline: Arc<Pipeline>,
        token: Option<String>,
    ) -> Result<Self, annals_store::StoreError> {
        let writer = Store::open(&db)?;
        Ok(AppState {
            db,
            pipeline,
            token: token.filter(|t| !t.is_empty()),
            readers: Mutex::new(Vec::new()),
            writer: Mutex::new(Some(writer)),
        })
    }

    fn with_reader<T>(&self, f: impl FnOnce(&Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let store = self
            .readers
            .lock()
            .map_err(|_| ApiError::internal("reader pool poisoned"))?
            .pop();
        let store = match store {
            Some(s) => s,
            None => Store::open(&self.db).map_err(ApiError::from)?,
        };
        let out = f(&store);
        if let Ok(mut pool) = self.readers.lock() {
            if pool.len() < 16 {
                pool.push(store);
            }
        }
        out
    }
}

/// An error answer: status and a JSON body naming the problem.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn bad(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
    fn internal(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl From<annals_store::StoreError> for ApiError {
    fn from(e: annals_store::StoreError) -> Self {
        match e {
            bad @ annals_store::StoreError::BadFilter { .. } => ApiError::bad(bad.to_string()),
            annals_store::StoreError::Other(m) => ApiError::bad(m),
            // The database's own words stay in the log, never in an answer.
            other => {
                tracing::error!(error = %other, "store failed");
                ApiError::internal("internal error: the store failed (see the server log)")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(status = %self.status, error = %self.message, "request failed");
        }
        (
            self.status,
            Json(json!({"error": self.message, "status": self.status.as_u16()})),
        )
            .into_response()
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
}

/// The query string of `/api/events` and `/api/stats`: the filters of `annals query`.
#[derive(Debug, Deserialize, Default)]
pub struct EventParams {
    from: Option<String>,
    to: Option<String>,
    country: Option<String>,
    admin1: Option<String>,
    /// min_lon,min_lat,max_lon,max_lat
    bbox: Option<String>,
    /// lat,lon,km
    near: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    actor: Option<String>,
    certainty: Option<String>,
    text: Option<String>,
    sort: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

fn numbers(s: &str, n: usize, what: &str) -> Result<Vec<f64>, ApiError> {
    let v: Vec<f64> = s
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| ApiError::bad(format!("{what}: not numbers: {s:?}")))?;
    if v.len() != n {
        return Err(ApiError::bad(format!(
            "{what}: expected {n} comma-separated numbers, got {}",
            v.len()
        )));
    }
    Ok(v)
}

fn date_param(d: &Option<String>, what: &str) -> Result<(), ApiError> {
    if let Some(d) = d {
        annals_text::article::parse_date(d).map_err(|m| ApiError::bad(format!("{what}: {m}")))?;
    }
    Ok(())
}

impl EventParams {
    fn filter(self) -> Result<Filter, ApiError> {
        date_param(&self.from, "from")?;
        date_param(&self.to, "to")?;
        if let Some(c) = &self.certainty {
            if !["asserted", "claimed", "denied", "hedged"].contains(&c.as_str()) {
                return Err(ApiError::bad(format!(
                    "certainty: {c:?} is not one of asserted, claimed, denied, hedged"
                )));
            }
        }
        let bbox = match &self.bbox {
            Some(b) => {
                let v = numbers(b, 4, "bbox")?;
                Some([v[0], v[1], v[2], v[3]])
            }
            None => None,
        };
        let near = match &self.near {
            Some(n) => {
                let v = numbers(n, 3, "near")?;
                Some((v[0], v[1], v[2]))
            }
            None => None,
        };
        let limit = self.limit.unwrap_or(100);
        if limit > 1000 {
            return Err(ApiError::bad("limit: at most 1000"));
        }
        Ok(Filter {
            from: self.from,
            to: self.to,
            country: self.country.filter(|s| !s.is_empty()),
            admin1: self.admin1.filter(|s| !s.is_empty()),
            bbox,
            near,
            event_type: self.event_type.filter(|s| !s.is_empty()),
            actor: self.actor.filter(|s| !s.is_empty()),
            certainty: self.certainty.filter(|s| !s.is_empty()),
            text: self.text.filter(|s| !s.is_empty()),
            sort: self.sort,
            limit: Some(limit),
            offset: self.offset,
        })
    }
}

/// Query-string errors answer 400 with JSON too.
fn params<T: serde::de::DeserializeOwned + Default>(
    q: Result<Query<T>, axum::extract::rejection::QueryRejection>,
) -> Result<T, ApiError> {
    q.map(|Query(p)| p)
        .map_err(|e| ApiError::bad(format!("query string: {}", e.body_text())))
}

async fn health(State(st): State<Arc<AppState>>) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        st.with_reader(|s| {
            let (a, e, i) = s.counts()?;
            Ok(Json(
                json!({"status": "ok", "articles": a, "events": e, "incidents": i}),
            ))
        })
    })
    .await
}

async fn events(
    State(st): State<Arc<AppState>>,
    q: Result<Query<EventParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let f = params(q)?.filter()?;
    blocking(move || {
        st.with_reader(|s| {
            let rows = s.query(&f)?;
            // The stored event JSON is spliced in as is: no parse and re-serialise per row.
            let mut body = String::with_capacity(rows.iter().map(|r| r.json.len() + 80).sum::<usize>() + 64);
            body.push_str(&format!("{{\"limit\":{},\"offset\":{},\"count\":{},\"events\":[", f.limit.unwrap_or(100), f.offset.unwrap_or(0), rows.len()));
            for (i, r) in rows.iter().enumerate() {
                if i > 0 {
                    body.push(',');
                }
                let fields = json!({"event_id": r.id, "incident_id": r.incident_id, "article_id": r.article}).to_string();
                body.push_str(&fields[..fields.len() - 1]);
                if r.json.len() > 2 {
                    body.push(',');
                    body.push_str(&r.json[1..]);
                } else {
                    body.push('}');
                }
            }
            body.push_str("]}");
            Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
        })
    })
    .await
}

async fn event(
    State(st): State<Arc<AppState>>,
    UrlPath(id): UrlPath<String>,
) -> Result<Json<Value>, ApiError> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad(format!("event id {id:?} is not a number")))?;
    blocking(move || {
        st.with_reader(|s| match s.event_detail(id)? {
            Some(v) => Ok(Json(v)),
            None => Err(ApiError {
                status: StatusCode::NOT_FOUND,
                message: format!("no event {id}"),
            }),
        })
    })
    .await
}

#[derive(Debug, Deserialize, Default)]
struct PageParams {
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn incidents(
    State(st): State<Arc<AppState>>,
    q: Result<Query<PageParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let p = params(q)?;
    let limit = p.limit.unwrap_or(100).min(1000);
    let offset = p.offset.unwrap_or(0);
    blocking(move || {
        let g = &st.pipeline.gazetteer;
        let name = |cc: &str| g.country(cc).map(|c| c.name.clone()).unwrap_or_else(|| cc.to_string());
        st.with_reader(|s| Ok(Json(json!({"limit": limit, "offset": offset, "incidents": s.incidents_page(&name, limit, offset)?}))))
    })
    .await
}

#[derive(Debug, Deserialize, Default)]
struct SearchParams {
    q: Option<String>,
    limit: Option<usize>,
}

async fn actors(
    State(st): State<Arc<AppState>>,
    q: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let p = params(q)?;
    let q =
        p.q.filter(|q| !q.trim().is_empty())
            .ok_or_else(|| ApiError::bad("q: give a name or alias to look for"))?;
    let limit = p.limit.unwrap_or(20).min(200);
    blocking(move || {
        st.with_reader(|s| Ok(Json(json!({"q": q, "actors": s.search_actors(&q, limit)?}))))
    })
    .await
}

async fn places(
    State(st): State<Arc<AppState>>,
    q: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let p = params(q)?;
    let q =
        p.q.filter(|q| !q.trim().is_empty())
            .ok_or_else(|| ApiError::bad("q: give a place name to look for"))?;
    let limit = p.limit.unwrap_or(20).min(200);
    let g = &st.pipeline.gazetteer;
    let key = annals_text::normalize_key(&q);
    let mut ids: Vec<u32> = g.lookup(&key).to_vec();
    if ids.is_empty() {
        ids = g.lookup_misspelt(&key);
    }
    let mut hits: Vec<&annals_geo::Entry> = ids.iter().map(|&i| &g.entries[i as usize]).collect();
    hits.sort_by_key(|e| (e.kind, std::cmp::Reverse(e.population)));
    let places: Vec<Value> = hits
        .iter()
        .take(limit)
        .map(|e| {
            json!({
                "name": e.name, "kind": format!("{:?}", e.kind).to_lowercase(), "country": e.country,
                "admin1": g.admin1_name(e), "admin1_code": (!e.admin1.is_empty()).then(|| e.admin1.clone()),
                "lat": e.lat, "lon": e.lon, "geonameid": e.geonameid, "population": e.population,
            })
        })
        .collect();
    Ok(Json(json!({"q": q, "places": places})))
}

async fn stats(
    State(st): State<Arc<AppState>>,
    q: Result<Query<EventParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let f = params(q)?.filter()?;
    blocking(move || {
        st.with_reader(|s| {
            Ok(Json(
                serde_json::to_value(s.stats(&f)?)
                    .map_err(|e| ApiError::internal(e.to_string()))?,
            ))
        })
    })
    .await
}

/// `POST /api/articles`: one JSON article or JSON Lines, coded and stored. Every record
/// is checked first; any bad one answers 400 naming its line, and nothing is stored.
async fn post_articles(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let Some(token) = st.token.clone() else {
        return Err(ApiError {
            status: StatusCode::UNAUTHORIZED,
            message: "writes are disabled: the server runs without ANNALS_TOKEN".into(),
        });
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if given != Some(token.as_str()) {
        return Err(ApiError {
            status: StatusCode::UNAUTHORIZED,
            message: "missing or wrong bearer token".into(),
        });
    }
    let body = body.map_err(|e| ApiError {
        status: e.status(),
        message: format!("request body: {}", e.body_text()),
    })?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad(
            "empty body: send one JSON article or JSON Lines of {\"id\", \"date\", \"text\"}",
        ));
    }
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(ApiError::bad(
            "body is not JSON: send one JSON article or JSON Lines of {\"id\", \"date\", \"text\"}",
        ));
    }
    blocking(move || {
        // One pretty-printed object is one record; otherwise one record per line.
        let compact: Vec<u8> = match serde_json::from_slice::<Value>(&body) {
            Ok(v) if v.is_object() => serde_json::to_vec(&v).map_err(|e| ApiError::bad(e.to_string()))?,
            _ => body.to_vec(),
        };
        let mut records = Vec::new();
        annals_text::input::read_bytes("request", &compact, &Default::default(), &mut records);
        let errors: Vec<String> = records.iter().filter_map(|r| r.as_ref().err().map(|e| e.to_string())).collect();
        if !errors.is_empty() {
            return Err(ApiError::bad(errors.join("; ")));
        }
        let articles: Vec<annals_text::Article> = records.into_iter().flatten().collect();
        let mut guard = st.writer.lock().map_err(|_| ApiError::internal("writer poisoned"))?;
        let store = guard.as_mut().ok_or_else(|| ApiError::internal("no writer"))?;
        let outcomes = store.ingest_articles(&st.pipeline, &articles)?;
        let results: Vec<Value> = articles
            .iter()
            .zip(outcomes)
            .map(|(a, outcome)| match outcome {
                Outcome::Stored { article_id, events, merged } => json!({"id": a.id, "stored": true, "article": article_id, "events": events, "merged": merged}),
                Outcome::Duplicate { article_id } => json!({"id": a.id, "stored": false, "duplicate_of": article_id}),
                Outcome::NearDuplicate { article_id, of } => json!({"id": a.id, "stored": true, "article": article_id, "near_duplicate_of": of}),
            })
            .collect();
        Ok(Json(json!({"articles": results})))
    })
    .await
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// What the page may load: its own assets only. No inline script or style, no plugins,
/// no framing; the evidence view builds its DOM from text, and this is the second wall.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Headers on every answer: the content security policy, and no content-type sniffing
/// (a JSON answer is never read as a page).
async fn security_headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        header::HeaderValue::from_static("nosniff"),
    );
    r
}

async fn not_found() -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        message: "no such route: see /api/openapi.json".into(),
    }
}

/// The router: API, page and assets, with a body limit and a request timeout.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }),
        )
        .route(
            "/assets/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route(
            "/assets/style.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }),
        )
        .route(
            "/assets/countries-110m.json",
            get(|| async { asset("application/json", COUNTRIES) }),
        )
        .route("/api/health", get(health))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/incidents", get(incidents))
        .route("/api/actors", get(actors))
        .route("/api/places", get(places))
        .route("/api/stats", get(stats))
        .route("/api/articles", post(post_articles))
        .route(
            "/api/openapi.json",
            get(|| async { asset("application/json", OPENAPI) }),
        )
        .fallback(not_found)
        .layer(axum::middleware::map_response(security_headers))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Serve on `listener` until Ctrl-C or SIGTERM, then finish the requests in flight.
pub async fn serve(listener: tokio::net::TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
