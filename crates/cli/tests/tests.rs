//! Integration tests of the `sitrep` binary: real processes on real files.

// Helpers: running the binary, temporary folders.
mod util;

// `sitrep read` on the bundled examples and the reference story.
mod read;

// Bad input: each case is a clear per-document error, the batch goes on, the exit code says so.
mod bad_input;

// The shared command-line contract (shapes of every command's output).
mod contract;

// The dashboard in a real browser (Debian's Chromium via playwright-core): skipped, saying why,
// when Chromium, Node or tests/browser/node_modules are missing.
mod browser;

// `sitrep ingest` / `export` / `db check` on real databases: idempotency, replacement, a real
// ingest killed with SIGKILL, export formats and filters.
mod store;
