//! Builds a benchmark database for `bench/api/`: generated multi-source reports (the store's
//! generator, `sitrep_store::synth`, places scattered so events spread out) written through
//! the store's own batch writer and clusterer, until the database holds N events.
//!
//!   cargo run --release -p sitrep-serve --example bench_db -- bench/out/api-1m.db 1000000
//!
//! Prints progress on stderr and the final table counts as JSON on stdout.

use std::time::Instant;

use sitrep_store::synth::{Synth, SynthConfig};
use sitrep_store::{Ingested, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: bench_db OUT.db [EVENTS]")?;
    let target: u64 = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let mut store = Store::open(&path)?;
    // The clusterer's lookups and the index updates of a batch stay in memory: without it, a
    // load past a few GB spends its time re-reading index pages.
    store.set_cache_mb(2048)?;
    let mut synth = Synth::new(SynthConfig {
        seed: 20_240_101,
        // 35 years, as long-running event datasets span: the clusterer compares a report with the
        // events of its days, so density, not size, sets the write rate.
        start: chrono::NaiveDate::from_ymd_opt(1990, 1, 1).ok_or("date")?,
        days: 35 * 365,
        confounders: 0.2,
        source_weights: vec![0.8, 0.15, 0.05],
        scatter_km: Some(150.0),
    });
    let t0 = Instant::now();
    let mut events = store.totals()?.events;
    let mut batch: Vec<Ingested> = Vec::with_capacity(2000);
    while events < target {
        batch.clear();
        batch.extend(synth.by_ref().take(2000).map(|r| r.item));
        let s = store.write_batch(&batch)?;
        events += s.events_created as u64;
        eprint!(
            "\r{events} events, {:.0} s, {:.0} events/s   ",
            t0.elapsed().as_secs_f64(),
            events as f64 / t0.elapsed().as_secs_f64().max(1e-9)
        );
    }
    eprintln!();
    store.checkpoint()?;
    println!("{}", serde_json::to_string(&store.totals()?)?);
    Ok(())
}
