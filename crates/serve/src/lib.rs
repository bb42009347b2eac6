//! sitrep-serve: the HTTP API and the dashboard over a sitrep event database.
//!
//! `GET /api/events` (filters, cursor pagination), `GET /api/events/{id}` (sources and evidence),
//! `GET /api/documents/{id}` (text and annotated spans), `GET /api/stats`, `POST /api/documents`
//! (submission, off unless a token is configured), `GET /health`, `GET /api/openapi.json`, and the
//! dashboard at `/`, every asset compiled in.
//!
//! **Architecture invariant:** only this crate knows HTTP. It reads the database through
//! [`Reader`] connections (SQLite calls run on blocking threads from a small pool) and submits
//! documents through a [`Coder`] the binary provides; every query parameter is parsed and checked
//! here, and SQL with its parameters is the store's business.

mod api;
mod assets;
mod backend;
mod error;
mod pool;
mod query;
mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use api::{router, AppState};
pub use backend::{CodeError, Coder, ReadError, Reader, Submission};
pub use error::{ApiError, ServeError};
pub use pool::{Opener, Pool};
pub use query::{EventsQuery, Filters, DEFAULT_LIMIT, MAX_LIMIT};
pub use sitrep_store::Ingested;
pub use store::{Analyse, StoreCoder};

/// The OpenAPI 3.1 description served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The SQLite database.
    pub db: PathBuf,
    /// Where to listen (`127.0.0.1:8080`; port 0 picks a free one).
    pub bind: SocketAddr,
    /// Bearer token that turns `POST /api/documents` on.
    pub token: Option<String>,
    /// Read connections (and concurrent queries).
    pub readers: usize,
    /// Largest request body, in bytes.
    pub body_limit: usize,
}

impl ServeConfig {
    /// Defaults: 127.0.0.1:8080, no token, 4 readers, 2 MB bodies.
    pub fn new(db: PathBuf) -> ServeConfig {
        ServeConfig {
            db,
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            readers: 4,
            body_limit: 2 << 20,
        }
    }
}

/// A bound, not yet running, server.
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    app: axum::Router,
}

impl Server {
    /// Opens the database (failing now, not at the first request, when it cannot be read), binds
    /// the address, and builds the application. `coder` is used only when a token is set.
    pub fn bind(cfg: &ServeConfig, coder: Option<Arc<dyn Coder>>) -> Result<Server, ServeError> {
        let opener = store::opener(&cfg.db)?;
        Server::with_readers(cfg, opener, coder)
    }

    /// As [`Server::bind`], with any [`Reader`].
    pub fn with_readers(
        cfg: &ServeConfig,
        opener: Opener<Box<dyn Reader>>,
        coder: Option<Arc<dyn Coder>>,
    ) -> Result<Server, ServeError> {
        let readers = Pool::new(cfg.readers, Duration::from_secs(10), opener);
        readers.warm().map_err(|message| ServeError::Database {
            path: cfg.db.display().to_string(),
            message,
        })?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(cfg.readers.clamp(1, 4))
            .max_blocking_threads(cfg.readers.max(1) + 4)
            .enable_all()
            .build()?;
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind(cfg.bind))
            .map_err(|error| ServeError::Bind {
                addr: cfg.bind.to_string(),
                error,
            })?;
        let state = AppState {
            readers,
            token: cfg.token.clone().filter(|t| !t.is_empty()),
            coder,
            body_limit: cfg.body_limit,
        };
        Ok(Server {
            runtime,
            listener,
            app: router(Arc::new(state)),
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> Result<SocketAddr, ServeError> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
    pub fn run(self) -> Result<(), ServeError> {
        let Server {
            runtime,
            listener,
            app,
        } = self;
        runtime.block_on(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown())
                .await
        })?;
        Ok(())
    }
}

async fn shutdown() {
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
}
