//! The HTTP layer on its own: routes, status codes, JSON errors, limits, submission auth, the
//! OpenAPI document and the dashboard's assets. The reader here is a small in-memory table; the
//! real store is exercised end to end by `crates/cli/tests/browser.rs` and `bench/api/`.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use sitrep_serve::{
    router, AppState, CodeError, Coder, EventsQuery, Filters, Pool, ReadError, Reader, Submission,
};
use tower::ServiceExt;

struct Table;

impl Reader for Table {
    fn events(&mut self, q: &EventsQuery) -> Result<Vec<u8>, ReadError> {
        if q.cursor.as_deref() == Some("bad") {
            return Err(ReadError::BadRequest("cursor: not one of ours".into()));
        }
        let all = [(1, "SYR"), (2, "SYR"), (3, "SOM")];
        let events: Vec<Value> = all
            .iter()
            .filter(|(_, c)| q.filters.country.as_deref().is_none_or(|f| f == *c))
            .take(q.limit)
            .map(|(id, c)| json!({"id": id, "country": c}))
            .collect();
        Ok(serde_json::to_vec(&json!({"events": events, "next_cursor": null})).unwrap())
    }
    fn event(&mut self, id: &str) -> Result<Option<Vec<u8>>, ReadError> {
        Ok((id == "1").then(|| br#"{"id":1,"reports":[]}"#.to_vec()))
    }
    fn document(&mut self, id: &str) -> Result<Option<Vec<u8>>, ReadError> {
        if id == "boom" {
            return Err(ReadError::Failed("disk I/O error".into()));
        }
        Ok((id == "d1").then(|| br#"{"id":"d1","text":"x","spans":[]}"#.to_vec()))
    }
    fn stats(&mut self, _: &Filters) -> Result<Vec<u8>, ReadError> {
        Ok(br#"{"events":3,"by_day":[],"by_type":[],"by_country":[]}"#.to_vec())
    }
}

struct Echo;

impl Coder for Echo {
    fn code(&self, s: Submission) -> Result<Value, CodeError> {
        if s.text.as_deref() == Some("unreadable") {
            return Err(CodeError::Invalid("no text".into()));
        }
        Ok(json!({"document_id": "new", "title": s.title}))
    }
}

fn app(token: Option<&str>) -> axum::Router {
    let readers: Arc<Pool<Box<dyn Reader>>> = Pool::new(
        2,
        Duration::from_secs(5),
        Box::new(|| Ok(Box::new(Table) as Box<dyn Reader>)),
    );
    router(Arc::new(AppState {
        readers,
        token: token.map(String::from),
        coder: Some(Arc::new(Echo)),
        body_limit: 1000,
    }))
}

async fn call(app: axum::Router, req: Request<Body>) -> (StatusCode, String, Value) {
    let r = app.oneshot(req).await.unwrap();
    let status = r.status();
    let ctype = r
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = r.into_body().collect().await.unwrap().to_bytes();
    let v = if ctype.starts_with("application/json") {
        serde_json::from_slice(&bytes).unwrap()
    } else {
        Value::String(String::from_utf8_lossy(&bytes).into_owned())
    };
    (status, ctype, v)
}

async fn get(app: axum::Router, uri: &str) -> (StatusCode, String, Value) {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

fn post(uri: &str, token: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut b = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    b.body(body.into()).unwrap()
}

fn is_error(v: &Value) -> bool {
    v.get("error")
        .and_then(Value::as_str)
        .is_some_and(|s| !s.is_empty())
}

#[tokio::test]
async fn events_filters_and_pages() {
    let (s, ct, v) = get(app(None), "/api/events").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ct.starts_with("application/json"));
    assert_eq!(v["events"].as_array().unwrap().len(), 3);
    let (_, _, v) = get(app(None), "/api/events?country=som&limit=10").await;
    assert_eq!(v["events"][0]["country"], "SOM");
    assert_eq!(v["events"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn bad_requests_are_400_with_a_json_error() {
    for uri in [
        "/api/events?limit=501",
        "/api/events?since=yesterday",
        "/api/events?bbox=1,2",
        "/api/events?type=NOPE",
        "/api/events?cursor=bad",
        "/api/events?what=1",
        "/api/stats?limit=5",
        "/api/events?%zz",
    ] {
        let (s, _, v) = get(app(None), uri).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}");
        assert!(is_error(&v), "{uri}: {v}");
    }
}

#[tokio::test]
async fn unknown_ids_and_paths_are_404() {
    assert_eq!(get(app(None), "/api/events/1").await.0, StatusCode::OK);
    for uri in [
        "/api/events/2",
        "/api/documents/nope",
        "/api/nothing",
        "/assets/x.js",
    ] {
        let (s, _, v) = get(app(None), uri).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{uri}");
        assert!(is_error(&v), "{uri}");
    }
    let long = format!("/api/documents/{}", "a".repeat(300));
    assert_eq!(get(app(None), &long).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn database_failures_are_500_with_a_json_error() {
    let (s, _, v) = get(app(None), "/api/documents/boom").await;
    assert_eq!(s, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(v["error"].as_str().unwrap().contains("disk I/O"));
}

#[tokio::test]
async fn wrong_method_is_405_with_a_json_error() {
    let req = Request::delete("/api/events").body(Body::empty()).unwrap();
    let (s, _, v) = call(app(None), req).await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
    assert!(is_error(&v));
}

#[tokio::test]
async fn submission_needs_a_configured_and_given_token() {
    let body = r#"{"text":"Hello.","title":"T"}"#;
    // Off: no token configured.
    let (s, _, v) = call(app(None), post("/api/documents", Some("x"), body)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(v["error"].as_str().unwrap().contains("off"));
    // Missing and wrong tokens.
    let (s, _, _) = call(app(Some("sekret")), post("/api/documents", None, body)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _, _) = call(
        app(Some("sekret")),
        post("/api/documents", Some("nope"), body),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Right token.
    let (s, _, v) = call(
        app(Some("sekret")),
        post("/api/documents", Some("sekret"), body),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["title"], "T");
}

#[tokio::test]
async fn submission_bodies_are_checked() {
    let a = || app(Some("t"));
    for body in [
        "not json",
        r#"{"text":""}"#,
        r#"{"text":"a","html":"<p>b</p>"}"#,
        r#"{"text":"a","colour":"red"}"#,
    ] {
        let (s, _, v) = call(a(), post("/api/documents", Some("t"), body)).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
        assert!(is_error(&v));
    }
    let (s, _, _) = call(
        a(),
        post("/api/documents", Some("t"), r#"{"text":"unreadable"}"#),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // Over the 1000-byte limit of this app: 413, as JSON.
    let big = format!(r#"{{"text":"{}"}}"#, "a".repeat(5000));
    let (s, _, v) = call(a(), post("/api/documents", Some("t"), big)).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(is_error(&v), "{v}");
}

#[tokio::test]
async fn health_stats_and_openapi() {
    let (s, _, v) = get(app(None), "/health").await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("ok")));
    let (s, _, v) = get(app(None), "/api/stats?country=SYR").await;
    assert_eq!((s, v["events"].as_u64()), (StatusCode::OK, Some(3)));
    let (s, _, v) = get(app(None), "/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["openapi"], "3.1.0");
    let paths = v["paths"].as_object().unwrap();
    for p in [
        "/api/events",
        "/api/events/{id}",
        "/api/documents",
        "/api/documents/{id}",
        "/api/stats",
        "/api/openapi.json",
        "/health",
    ] {
        assert!(paths.contains_key(p), "{p} undocumented");
    }
    // Every $ref resolves.
    let text = v.to_string();
    for r in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = &r[..r.find('"').unwrap()];
        assert!(v["components"]["schemas"].get(name).is_some(), "{name}");
    }
}

#[tokio::test]
async fn dashboard_is_served_with_a_strict_policy() {
    let r = app(None)
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let csp = r.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("default-src 'self'"));
    let html = r.into_body().collect().await.unwrap().to_bytes();
    let html = String::from_utf8_lossy(&html);
    assert!(
        html.contains("/assets/app.js") && !html.contains("http://") && !html.contains("https://")
    );
    for (asset, ctype) in [
        ("app.js", "text/javascript"),
        ("app.css", "text/css"),
        ("countries.json", "application/json"),
    ] {
        let (s, ct, _) = get(app(None), &format!("/assets/{asset}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(ct.starts_with(ctype), "{asset}: {ct}");
    }
}
