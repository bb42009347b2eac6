//! A small pool of blocking database connections for async handlers.
//!
//! SQLite calls block, so each runs on tokio's blocking threads (`spawn_blocking`). A semaphore
//! bounds how many run at once (the pool size); idle connections are kept for reuse and opened
//! lazily, so a pool of 4 on a server nobody queries holds none.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::error::ApiError;

/// Opens one connection.
pub type Opener<T> = Box<dyn Fn() -> Result<T, String> + Send + Sync>;

/// A bounded pool of `T` (one database connection each).
pub struct Pool<T> {
    idle: Mutex<Vec<T>>,
    permits: Arc<Semaphore>,
    open: Opener<T>,
    wait: Duration,
}

impl<T: Send + 'static> Pool<T> {
    /// A pool of at most `size` connections, opened by `open` when first needed. A request waits
    /// at most `wait` for a free connection before it is answered 503.
    pub fn new(size: usize, wait: Duration, open: Opener<T>) -> Arc<Pool<T>> {
        Arc::new(Pool {
            idle: Mutex::new(Vec::new()),
            permits: Arc::new(Semaphore::new(size.max(1))),
            open,
            wait,
        })
    }

    /// Opens one connection now and keeps it idle: checks the database at start-up.
    pub fn warm(&self) -> Result<(), String> {
        let conn = (self.open)()?;
        self.lock().push(conn);
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<T>> {
        // A panic while holding this lock leaves a valid Vec: keep going.
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` with a connection on a blocking thread.
    pub async fn run<R, F>(self: &Arc<Self>, f: F) -> Result<R, ApiError>
    where
        R: Send + 'static,
        F: FnOnce(&mut T) -> Result<R, ApiError> + Send + 'static,
    {
        let permit = tokio::time::timeout(self.wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| ApiError::unavailable("all database readers are busy: try again"))?
            .map_err(|_| ApiError::unavailable("server shutting down"))?;
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let idle = pool.lock().pop();
            let mut conn = match idle {
                Some(c) => c,
                None => (pool.open)().map_err(ApiError::internal)?,
            };
            let result = f(&mut conn);
            pool.lock().push(conn);
            result
        })
        .await
        .map_err(|e| ApiError::internal(format!("database worker failed: {e}")))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn reuses_connections_and_bounds_concurrency() {
        let opened = Arc::new(AtomicUsize::new(0));
        let o = opened.clone();
        let pool: Arc<Pool<usize>> = Pool::new(
            2,
            Duration::from_secs(5),
            Box::new(move || Ok(o.fetch_add(1, Ordering::SeqCst))),
        );
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let p = pool.clone();
            tasks.push(tokio::spawn(async move {
                p.run(|c| {
                    std::thread::sleep(Duration::from_millis(5));
                    Ok(*c)
                })
                .await
            }));
        }
        for t in tasks {
            assert!(t.await.unwrap().unwrap() < 2);
        }
        assert!(opened.load(Ordering::SeqCst) <= 2);
    }

    #[tokio::test]
    async fn open_failure_is_an_internal_error() {
        let pool: Arc<Pool<()>> = Pool::new(
            1,
            Duration::from_secs(1),
            Box::new(|| Err("no file".into())),
        );
        let e = pool.run(|_| Ok(())).await.unwrap_err();
        assert_eq!(e.status, axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    }
}
