//! Routes and handlers: the JSON API under `/api`, `/health`, and the dashboard's assets.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Router};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::assets;
use crate::backend::{CodeError, Coder, ReadError, Reader, Submission};
use crate::error::ApiError;
use crate::pool::Pool;
use crate::query;

/// What every handler shares.
pub struct AppState {
    /// Read connections.
    pub readers: Arc<Pool<Box<dyn Reader>>>,
    /// The submission token; `None` turns `POST /api/documents` off.
    pub token: Option<String>,
    /// Codes submissions (present when submission is possible at all).
    pub coder: Option<Arc<dyn Coder>>,
    /// Largest request body, in bytes.
    pub body_limit: usize,
}

/// Ids are short hashes; anything longer than this is not one.
const MAX_ID: usize = 256;

/// The whole application.
pub fn router(state: Arc<AppState>) -> Router {
    let limit = state.body_limit;
    let api = Router::new()
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/documents", axum::routing::post(submit))
        .route("/api/documents/{id}", get(document))
        .route("/api/stats", get(stats))
        .route("/api/openapi.json", get(openapi))
        .route("/health", get(health))
        .route("/", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .fallback(not_found)
        .with_state(state);
    api.layer(middleware::map_response(move |r: Response| async move {
        json_errors(r, limit)
    }))
    .layer(DefaultBodyLimit::max(limit))
    .layer(RequestBodyLimitLayer::new(limit))
    .layer(SetResponseHeaderLayer::if_not_present(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    ))
    .layer(SetResponseHeaderLayer::if_not_present(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    ))
    .layer(SetResponseHeaderLayer::if_not_present(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    ))
}

/// Errors answered by axum or tower-http themselves (405, 413 from the limit layer, ...) come
/// with a plain-text or empty body: give them the API's `{"error": ...}` shape.
fn json_errors(r: Response, limit: usize) -> Response {
    let status = r.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return r;
    }
    let is_json = r
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return r;
    }
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => format!("request body larger than {limit} bytes"),
        StatusCode::METHOD_NOT_ALLOWED => "method not allowed on this path".to_string(),
        s => s.canonical_reason().unwrap_or("error").to_lowercase(),
    };
    let mut out = ApiError { status, message }.into_response();
    if let Some(allow) = r.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, allow.clone());
    }
    out
}

fn json(body: Vec<u8>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

fn read_error(e: ReadError) -> ApiError {
    match e {
        ReadError::BadRequest(m) => ApiError::bad_request(m),
        ReadError::Failed(m) => ApiError::internal(format!("database: {m}")),
    }
}

fn check_id(kind: &str, id: &str) -> Result<(), ApiError> {
    if id.is_empty() || id.len() > MAX_ID || id.chars().any(char::is_control) {
        return Err(ApiError::not_found(format!("no {kind} {id:?}")));
    }
    Ok(())
}

async fn events(
    State(s): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let q = query::events_query(raw.as_deref())?;
    let body = s
        .readers
        .run(move |r| r.events(&q).map_err(read_error))
        .await?;
    Ok(json(body))
}

async fn event(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    check_id("event", &id)?;
    let key = id.clone();
    match s
        .readers
        .run(move |r| r.event(&key).map_err(read_error))
        .await?
    {
        Some(body) => Ok(json(body)),
        None => Err(ApiError::not_found(format!("no event {id:?}"))),
    }
}

async fn document(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    check_id("document", &id)?;
    let key = id.clone();
    match s
        .readers
        .run(move |r| r.document(&key).map_err(read_error))
        .await?
    {
        Some(body) => Ok(json(body)),
        None => Err(ApiError::not_found(format!("no document {id:?}"))),
    }
}

async fn stats(
    State(s): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let f = query::stats_query(raw.as_deref())?;
    let body = s
        .readers
        .run(move |r| r.stats(&f).map_err(read_error))
        .await?;
    Ok(json(body))
}

/// Compares without stopping at the first different byte, so timing tells nothing of the token.
fn same_token(given: &[u8], expected: &[u8]) -> bool {
    let mut diff = given.len() ^ expected.len();
    for (i, e) in expected.iter().enumerate() {
        diff |= usize::from(given.get(i).copied().unwrap_or(0) ^ e);
    }
    diff == 0
}

fn authorise(s: &AppState, headers: &HeaderMap) -> Result<Arc<dyn Coder>, ApiError> {
    let (Some(token), Some(coder)) = (&s.token, &s.coder) else {
        return Err(ApiError::forbidden(
            "submission is off: start the server with --token or SITREP_TOKEN",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        Some(g) if same_token(g.as_bytes(), token.as_bytes()) => Ok(Arc::clone(coder)),
        Some(_) => Err(ApiError::forbidden("wrong token")),
        None => Err(ApiError::forbidden(
            "missing token: send Authorization: Bearer TOKEN",
        )),
    }
}

async fn submit(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let coder = authorise(&s, &headers)?;
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large(s.body_limit)
        } else {
            ApiError::bad_request(format!("request body: {e}"))
        }
    })?;
    let submission: Submission = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("request body: {e}")))?;
    submission.validate().map_err(ApiError::bad_request)?;
    let stored = tokio::task::spawn_blocking(move || coder.code(submission))
        .await
        .map_err(|e| ApiError::internal(format!("coding worker failed: {e}")))?
        .map_err(|e| match e {
            CodeError::Invalid(m) => ApiError::unprocessable(m),
            CodeError::Failed(m) => ApiError::internal(m),
        })?;
    Ok((StatusCode::CREATED, axum::Json(stored)).into_response())
}

async fn health() -> Response {
    axum::Json(serde_json::json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
    }))
    .into_response()
}

async fn openapi() -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(crate::OPENAPI))
        .unwrap_or_else(|_| ApiError::internal("openapi").into_response())
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such path (the API is described at /api/openapi.json)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_comparison() {
        assert!(same_token(b"secret", b"secret"));
        assert!(!same_token(b"secre", b"secret"));
        assert!(!same_token(b"secretx", b"secret"));
        assert!(!same_token(b"Secret", b"secret"));
        assert!(!same_token(b"", b"secret"));
    }
}
