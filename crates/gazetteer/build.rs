//! Compiles the generated gazetteer (`data/gazetteer/*.tsv`) into three files the crate embeds:
//!
//! - `names.fst`: every name key (see `src/normalize.rs`) -> offset of its posting list;
//! - `names.bloom`: a Bloom filter of the same keys (see `src/bloom.rs`);
//! - `postings.bin`: little-endian u32 lists `[count, entity, entity, ...]`;
//! - `entities.tsv` + `offsets.bin`: one compact row per entity, found by entity number;
//!   `fields.bin`: where each row's fields end; `numbers.bin`: each row's latitude,
//!   longitude and population, parsed;
//! - `admin2_types.txt`: the type words of second-level divisions (`district`, `cercle`), one a line.
//!
//! Doing this at build time is what makes start-up instant: the FST is used straight from the
//! binary's read-only data, nothing is parsed or allocated when the program starts.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

#[path = "src/normalize.rs"]
mod normalize;

#[path = "src/bloom.rs"]
mod bloom;

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let data = manifest.join("../../data/gazetteer");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for f in ["places.tsv", "admin1.tsv", "admin2.tsv", "countries.tsv"] {
        println!("cargo:rerun-if-changed={}", data.join(f).display());
    }
    println!("cargo:rerun-if-changed=src/normalize.rs");
    println!("cargo:rerun-if-changed=src/bloom.rs");

    let mut rows: Vec<String> = Vec::new();
    let mut names: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let add = |names: &mut BTreeMap<String, Vec<u32>>, name: &str, id: u32, min_len: usize| {
        for k in normalize::keys(name) {
            if k.chars().count() < min_len || k.chars().all(|c| c.is_ascii_digit() || c == ' ') {
                continue;
            }
            for k in [normalize::skeleton(&k), k] {
                let list = names.entry(k).or_default();
                if !list.contains(&id) {
                    list.push(id);
                }
            }
        }
    };

    // Countries: alpha-2 -> alpha-3 is needed by the other tables.
    let mut alpha3: BTreeMap<String, String> = BTreeMap::new();
    for line in read(&data.join("countries.tsv")).lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 18 {
            continue;
        }
        alpha3.insert(f[0].to_string(), f[1].to_string());
        let id = rows.len() as u32;
        // kind id name country3 admin1 admin2 lat lon population extra(alpha2|name_fr|capital_geonameid)
        rows.push(format!(
            "C\t{}\t{}\t{}\t\t\t{}\t{}\t0\t{}|{}|{}",
            f[1], f[3], f[1], f[14], f[15], f[0], f[4], f[13]
        ));
        for n in [f[3], f[4]] {
            add(&mut names, n, id, 2);
        }
        for list in [f[5], f[6], f[7], f[8]] {
            for n in list.split('|').filter(|n| !n.is_empty()) {
                add(&mut names, n, id, 2);
            }
        }
    }
    // Hand-written press names of countries (`data/actors/country_names.tsv`): short and former
    // names the registry data lacks ("Britain", "Zaire", "USSR").
    let press = manifest.join("../../data/actors/country_names.tsv");
    println!("cargo:rerun-if-changed={}", press.display());
    let country_id: BTreeMap<String, u32> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((r.split('\t').nth(3)?.to_string(), i as u32)))
        .collect();
    for line in read(&press).lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let Some(&id) = f.first().and_then(|c| country_id.get(*c)) else {
            continue;
        };
        for n in f.get(1).unwrap_or(&"").split('|').filter(|n| !n.is_empty()) {
            add(&mut names, n, id, 2);
        }
    }
    for line in read(&data.join("admin1.tsv")).lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 12 || f[8].is_empty() {
            continue;
        }
        let c3 = alpha3.get(f[0]).cloned().unwrap_or_default();
        let id = rows.len() as u32;
        rows.push(format!(
            "A\t{}\t{}\t{}\t{}\t\t{}\t{}\t{}\t{}|{}|{}",
            f[3], f[4], c3, f[4], f[8], f[9], f[10], f[2], f[1], f[0]
        ));
        add(&mut names, f[4], id, 3);
        add(&mut names, f[5], id, 3);
        for n in f[7].split('|').filter(|n| !n.is_empty()) {
            add(&mut names, n, id, 3);
        }
        // Divisions also under their consonant skeleton (see `normalize::consonants`).
        for n in [f[4], f[5]]
            .into_iter()
            .chain(f[7].split('|'))
            .filter(|n| !n.is_empty())
        {
            for k in normalize::keys(n) {
                if let Some(c) = normalize::consonants(&k) {
                    let list = names.entry(c).or_default();
                    if !list.contains(&id) {
                        list.push(id);
                    }
                }
            }
        }
    }
    // Second-level divisions (districts): the names and a representative point of each. Their
    // type words ("district", "cercle", "county") are what names them in text.
    let mut admin2_types: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for line in read(&data.join("admin2.tsv")).lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 13 || f[8].is_empty() {
            continue;
        }
        let c3 = alpha3.get(f[0]).cloned().unwrap_or_default();
        let id = rows.len() as u32;
        // kind geonameid name country3 admin1 admin2 lat lon population extra(type|admin2_code)
        rows.push(format!(
            "D\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}|{}",
            f[3], f[4], c3, f[5], f[4], f[8], f[9], f[10], f[6], f[2]
        ));
        if !f[6].is_empty() {
            admin2_types.insert(normalize::key(f[6]));
        }
        let own: Vec<&str> = std::iter::once(f[4])
            .chain(f[7].split('|'))
            .filter(|n| !n.is_empty())
            .collect();
        for n in &own {
            add(&mut names, n, id, 3);
        }
        for n in &own {
            for k in normalize::keys(n) {
                if let Some(c) = normalize::consonants(&k) {
                    let list = names.entry(c).or_default();
                    if !list.contains(&id) {
                        list.push(id);
                    }
                }
            }
        }
    }
    for line in read(&data.join("places.tsv")).lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 12 {
            continue;
        }
        let id = rows.len() as u32;
        rows.push(format!(
            "P\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}|{}",
            f[0], f[1], f[4], f[6], f[7], f[8], f[9], f[10], f[5], f[3]
        ));
        add(&mut names, f[1], id, 3);
        add(&mut names, f[2], id, 3);
        for n in f[11].split('|').filter(|n| !n.is_empty()) {
            add(&mut names, n, id, 3);
        }
    }

    let mut postings: Vec<u8> = Vec::new();
    let mut builder = fst::MapBuilder::new(Vec::new()).expect("fst builder");
    for (k, ids) in &names {
        let offset = (postings.len() / 4) as u64;
        postings.extend_from_slice(&(ids.len() as u32).to_le_bytes());
        for id in ids {
            postings.extend_from_slice(&id.to_le_bytes());
        }
        builder
            .insert(k, offset)
            .expect("keys are sorted and unique");
    }
    let fst_bytes = builder.into_inner().expect("fst bytes");
    write(&out.join("names.fst"), &fst_bytes);
    let bloom = bloom::build(names.keys().map(String::as_str), names.len());
    write(&out.join("names.bloom"), &bloom);
    write(&out.join("postings.bin"), &postings);
    let mut text = String::new();
    let mut offsets: Vec<u8> = Vec::new();
    // Where each row's first ten tab-separated fields end, relative to the row, as `u16`s:
    // `GeoStore::entity` slices its fields by them instead of searching every row it reads for
    // tabs. The ends are what `split('\t')` gives: the tenth field ends at the tenth tab or
    // the row's end; `u16::MAX` marks a field the row does not have.
    let mut fields: Vec<u8> = Vec::new();
    // Per row, the latitude and longitude (`f64` bits) and population (`u64`) that
    // `GeoStore::entity` gave by parsing fields 6, 7 and 8 of the row each time it read one,
    // parsed here the same way (`unwrap_or(0.0)`, `unwrap_or(0)`), little-endian.
    let mut numbers: Vec<u8> = Vec::new();
    for r in &rows {
        offsets.extend_from_slice(&(text.len() as u32).to_le_bytes());
        text.push_str(r);
        text.push('\n');
        let tabs: Vec<usize> = r.match_indices('\t').map(|(i, _)| i).collect();
        for k in 0..10 {
            let end = match tabs.get(k) {
                Some(&t) => t,
                None if k == tabs.len() => r.len(),
                None => usize::from(u16::MAX),
            };
            let end = u16::try_from(end)
                .ok()
                .filter(|&e| e != u16::MAX || k > tabs.len())
                .expect("gazetteer rows are shorter than 65,535 bytes");
            fields.extend_from_slice(&end.to_le_bytes());
        }
        let field = |k: usize| -> &str {
            let from = if k == 0 {
                0
            } else {
                tabs.get(k - 1).map_or(r.len(), |&t| t + 1)
            };
            let end = tabs.get(k).copied().unwrap_or(r.len());
            r.get(from..end).unwrap_or("")
        };
        let lat: f64 = field(6).parse().unwrap_or(0.0);
        let lon: f64 = field(7).parse().unwrap_or(0.0);
        let population: u64 = field(8).parse().unwrap_or(0);
        numbers.extend_from_slice(&lat.to_bits().to_le_bytes());
        numbers.extend_from_slice(&lon.to_bits().to_le_bytes());
        numbers.extend_from_slice(&population.to_le_bytes());
    }
    write(&out.join("fields.bin"), &fields);
    write(&out.join("numbers.bin"), &numbers);
    offsets.extend_from_slice(&(text.len() as u32).to_le_bytes());
    write(&out.join("entities.tsv"), text.as_bytes());
    let types: Vec<String> = admin2_types.into_iter().collect();
    write(&out.join("admin2_types.txt"), types.join("\n").as_bytes());
    write(&out.join("offsets.bin"), &offsets);
}

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn write(p: &Path, bytes: &[u8]) {
    let mut f = fs::File::create(p).unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()));
    f.write_all(bytes).expect("write build output");
}
