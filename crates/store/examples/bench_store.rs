//! Store benchmarks (figures, not timed tests; results go in bench/README.md).
//!
//! ```sh
//! cargo build --release -p sitrep-cli
//! # End-to-end ingest of generated HTML articles into SQLite by the real `sitrep ingest`:
//! cargo run --release -p sitrep-store --example bench_store -- ingest --articles 3000
//! # Export of 1,000,000 events to CSV and Parquet (time, peak RSS of each export process):
//! cargo run --release -p sitrep-store --example bench_store -- export --events 1000000
//! # Only build a 1,000,000-event database (for the API benchmark):
//! cargo run --release -p sitrep-store --example bench_store -- --generate /tmp/events.db --events 1000000
//! # Clustering quality on the generator (B-cubed):
//! cargo run --release -p sitrep-store --example bench_store -- bcubed --reports 20000
//! ```
//!
//! Peak memory is `VmHWM` from `/proc/self/status`, read by each measured process itself; the
//! export figures therefore come from a child process per export, so that generating the
//! database does not count.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use sitrep_store::synth::{score_store, Rng, Synth, SynthConfig};
use sitrep_store::{EventFilter, ExportFormat, Ingested, Store};

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn remove_db(p: &Path) {
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
    }
}

/// Fills `db` with generated reports until it holds `events` events.
fn generate(db: &Path, events: u64) -> Result<(), Box<dyn std::error::Error>> {
    remove_db(db);
    let mut store = Store::open(db)?;
    store.set_cache_mb(2048)?;
    let cfg = SynthConfig {
        seed: 11,
        start: chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default(),
        days: 3650,
        confounders: 0.2,
        source_weights: vec![0.8, 0.15, 0.05],
        scatter_km: Some(150.0),
    };
    let started = Instant::now();
    let mut synth = Synth::new(cfg);
    let mut created = 0u64;
    let mut reports = 0u64;
    let mut next_progress = 2048 * 50;
    while created < events {
        let batch: Vec<Ingested> = synth.by_ref().take(2048).map(|r| r.item).collect();
        reports += batch.len() as u64;
        created += store.write_batch(&batch)?.events_created as u64;
        if reports >= next_progress {
            next_progress += 2048 * 50;
            eprintln!(
                "  {created} events from {reports} reports, {:.0} reports/s",
                reports as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    store.checkpoint()?;
    let secs = started.elapsed().as_secs_f64();
    let size = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    println!(
        "generated {created} events from {reports} reports in {secs:.0} s ({:.0} reports/s), \
         {:.0} MB, peak RSS {:.0} MB",
        reports as f64 / secs,
        size as f64 / 1e6,
        peak_rss_mb()
    );
    Ok(())
}

/// One export, in this process: prints seconds, rows and peak RSS as one JSON line.
fn export_one(db: &Path, format: &str, out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let store = Store::open_read_only(db)?;
    let format: ExportFormat = format.parse()?;
    let started = Instant::now();
    let file = std::fs::File::create(out)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let n = store.export(&EventFilter::default(), format, &mut w)?;
    std::io::Write::flush(&mut w)?;
    let secs = started.elapsed().as_secs_f64();
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    println!(
        "{}",
        serde_json::json!({"format": format.as_str(), "rows": n, "seconds": secs,
                           "peak_rss_mb": peak_rss_mb(), "bytes": size})
    );
    Ok(())
}

const TOWNS_FR: [&str; 6] = ["Gao", "Mopti", "Djibo", "Maiduguri", "Mogadiscio", "Alep"];
const TOWNS_EN: [&str; 6] = ["Gao", "Mopti", "Djibo", "Maiduguri", "Mogadishu", "Aleppo"];

/// A wire article as a news site serves it: navigation, share buttons, related links and a
/// footer around four to seven paragraphs.
fn article(i: usize, rng: &mut Rng) -> String {
    let fr = i & 1 == 0;
    let t = rng.below(TOWNS_FR.len());
    let killed = 2 + rng.below(40);
    let day = 1 + rng.below(27);
    let (title, paras): (String, Vec<String>) = if fr {
        let town = TOWNS_FR[t];
        (
            format!("Au moins {killed} morts dans une attaque à {town}"),
            vec![
                format!("Au moins {killed} civils ont été tués lundi dans une attaque menée par des hommes armés contre un marché de {town}, a indiqué mardi un responsable local sous couvert d'anonymat."),
                format!("« Ils sont arrivés à moto vers midi et ont ouvert le feu sur la foule », a déclaré un commerçant joint par téléphone. Une vingtaine de personnes ont été blessées, selon un bilan provisoire."),
                "L'armée a annoncé l'envoi de renforts dans la zone et le lancement d'une opération de ratissage. Aucun groupe n'a revendiqué l'attaque dans l'immédiat.".to_string(),
                format!("Plus de {} personnes ont fui la région depuis le début de l'année, selon les Nations unies.", 1000 * (1 + rng.below(50))),
                format!("La veille, le gouverneur avait rencontré les chefs coutumiers de {town} pour évoquer la sécurité des marchés (dépêche {i})."),
                "Les attaques contre les civils se sont multipliées ces derniers mois dans la région, où l'État peine à rétablir son autorité malgré le déploiement de plusieurs milliers de soldats et la création de milices d'autodéfense.".to_string(),
                "Selon des organisations humanitaires, les routes menant aux villages voisins sont coupées depuis plusieurs semaines, ce qui rend l'acheminement de l'aide alimentaire et des médicaments particulièrement difficile.".to_string(),
                "Le ministre de la Défense doit se rendre sur place jeudi, a annoncé son cabinet dans un communiqué, sans donner plus de précisions sur le programme de sa visite ni sur les mesures envisagées.".to_string(),
            ],
        )
    } else {
        let town = TOWNS_EN[t];
        (
            format!("At least {killed} killed in attack on {town} market"),
            vec![
                format!("At least {killed} civilians were killed on Monday when gunmen attacked a market in {town}, a local official said on Tuesday, speaking on condition of anonymity."),
                "\"They came on motorbikes around noon and opened fire on the crowd,\" a trader told reporters by phone. About twenty people were wounded, according to a provisional toll.".to_string(),
                "The army said it had sent reinforcements to the area and launched a search operation. No group immediately claimed responsibility.".to_string(),
                format!("More than {} people have fled the region since the start of the year, according to the United Nations.", 1000 * (1 + rng.below(50))),
                format!("A day earlier the governor had met community leaders in {town} to discuss security at markets (dispatch {i})."),
                "Attacks on civilians have multiplied in recent months across the region, where the state has struggled to restore its authority despite deploying several thousand troops and arming self-defence militias.".to_string(),
                "Aid groups say the roads to neighbouring villages have been cut for several weeks, making deliveries of food and medicine particularly difficult, and that many families now shelter in schools.".to_string(),
                "The defence minister is due to visit on Thursday, his office said in a statement, without giving further details of the programme of the visit or of the measures under consideration.".to_string(),
            ],
        )
    };
    let body: String = paras.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r##"<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Wire</title>
<meta property="article:published_time" content="2024-03-{day:02}T10:00:00Z">
<link rel="canonical" href="https://wire.example/{i}">
<script>window.dataLayer=[];function track(){{}}</script>
<style>.nav{{display:flex}} .share a{{margin:2px}}</style></head>
<body><header><nav class="nav"><a href="/">Home</a> <a href="/world">World</a> <a href="/africa">Africa</a> <a href="/sport">Sport</a> <a href="/culture">Culture</a></nav></header>
<main><article><h1>{title}</h1><div class="byline">Wire staff, 2024-03-{day:02}</div>
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Mail</a></div>
{body}</article>
<aside><h2>Related</h2><ul><li><a href="/a">Floods displace thousands</a></li><li><a href="/b">Talks resume in the capital</a></li><li><a href="/c">Markets close higher</a></li></ul></aside></main>
<footer><p>© Wire 2024. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>
"##,
        lang = if fr { "fr" } else { "en" }
    )
}

fn sitrep_bin(args: &[String]) -> PathBuf {
    arg(args, "--sitrep").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/sitrep")
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let events: u64 = arg(&args, "--events")
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    if let Some(path) = arg(&args, "--generate") {
        return generate(Path::new(&path), events);
    }
    match args.first().map(String::as_str) {
        Some("export-one") => {
            let db = arg(&args, "--db").ok_or("--db")?;
            let format = arg(&args, "--format").ok_or("--format")?;
            let out = arg(&args, "-o").ok_or("-o")?;
            export_one(Path::new(&db), &format, Path::new(&out))
        }
        Some("export") => {
            let dir = std::env::temp_dir().join("sitrep-bench-store");
            std::fs::create_dir_all(&dir)?;
            let db = arg(&args, "--db")
                .map(PathBuf::from)
                .unwrap_or_else(|| dir.join(format!("events-{events}.db")));
            if !db.exists() {
                generate(&db, events)?;
            }
            let me = std::env::current_exe()?;
            for (format, ext) in [
                ("acled-csv", "csv"),
                ("parquet", "parquet"),
                ("plover-jsonl", "jsonl"),
                ("geojson", "geojson"),
            ] {
                let out = dir.join(format!("export.{ext}"));
                let o = Command::new(&me)
                    .args([
                        "export-one",
                        "--db",
                        &db.display().to_string(),
                        "--format",
                        format,
                        "-o",
                    ])
                    .arg(&out)
                    .output()?;
                print!("{}", String::from_utf8_lossy(&o.stdout));
                eprint!("{}", String::from_utf8_lossy(&o.stderr));
                let _ = std::fs::remove_file(&out);
            }
            Ok(())
        }
        Some("ingest") => {
            let n: usize = arg(&args, "--articles")
                .and_then(|s| s.parse().ok())
                .unwrap_or(3000);
            let dir = std::env::temp_dir().join("sitrep-bench-ingest");
            let _ = std::fs::remove_dir_all(&dir);
            let pages = dir.join("pages");
            std::fs::create_dir_all(&pages)?;
            let mut rng = Rng::new(5);
            let mut bytes = 0;
            for i in 0..n {
                let html = article(i, &mut rng);
                bytes += html.len();
                std::fs::write(pages.join(format!("{i:06}.html")), html)?;
            }
            let db = dir.join("ingest.db");
            let bin = sitrep_bin(&args);
            let started = Instant::now();
            let o = Command::new(&bin)
                .arg("ingest")
                .arg("--db")
                .arg(&db)
                .arg(&pages)
                .output()
                .map_err(|e| {
                    format!(
                        "{}: {e} (build it: cargo build --release -p sitrep-cli)",
                        bin.display()
                    )
                })?;
            let secs = started.elapsed().as_secs_f64();
            eprint!("{}", String::from_utf8_lossy(&o.stderr));
            let totals = Store::open_read_only(&db)?.totals()?;
            println!(
                "ingest: {n} HTML articles ({:.1} KB each) in {secs:.2} s = {:.0} articles/s on {} threads; {totals:?}",
                bytes as f64 / n as f64 / 1024.0,
                n as f64 / secs,
                std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
            );
            if !args.iter().any(|a| a == "--keep") {
                let _ = std::fs::remove_dir_all(&dir);
            }
            Ok(())
        }
        Some("bcubed") => {
            let n: usize = arg(&args, "--reports")
                .and_then(|s| s.parse().ok())
                .unwrap_or(20000);
            let db = std::env::temp_dir().join("sitrep-bench-bcubed.db");
            remove_db(&db);
            let mut store = Store::open(&db)?;
            // Same density as the test (about eight reports a day over 32 towns).
            let cfg = SynthConfig {
                days: (n as u32 / 8).max(365),
                ..SynthConfig::default()
            };
            let reports: Vec<_> = Synth::new(cfg).take(n).collect();
            let started = Instant::now();
            for chunk in reports.chunks(256) {
                let items: Vec<Ingested> = chunk.iter().map(|r| r.item.clone()).collect();
                store.write_batch(&items)?;
            }
            let secs = started.elapsed().as_secs_f64();
            let s = score_store(&store, &reports)?;
            println!(
                "B-cubed over {} reports of {} true events ({} predicted): precision {:.3}, recall {:.3}, F1 {:.3}; {:.0} reports/s",
                s.items, s.true_clusters, s.predicted_clusters, s.precision, s.recall, s.f1, n as f64 / secs
            );
            remove_db(&db);
            Ok(())
        }
        _ => {
            eprintln!("usage: bench_store ingest [--articles N] [--sitrep PATH] | export [--events N] [--db PATH] | bcubed [--reports N] | --generate PATH --events N");
            Ok(())
        }
    }
}
