//! The compiled place gazetteer, embedded in the binary: an FST of name keys, posting lists, and
//! one compact row per entity (country, first-level division, second-level division, populated
//! place).

use std::collections::HashMap;
use std::sync::OnceLock;

static NAMES_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.fst"));
/// A Bloom filter of the FST's keys, written by the build script (`crate::bloom`).
static NAMES_BLOOM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.bloom"));
static POSTINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/postings.bin"));
static ENTITIES: &str = include_str!(concat!(env!("OUT_DIR"), "/entities.tsv"));
static OFFSETS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/offsets.bin"));
/// Per row, where its first ten fields end (ten little-endian `u16`s, `u16::MAX` for a field
/// the row lacks), written by the build script.
static FIELDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/fields.bin"));
/// Per row, its latitude, longitude (`f64` bits) and population (`u64`), little-endian,
/// parsed from the row by the build script.
static NUMBERS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/numbers.bin"));
static ADMIN2_TYPES: &str = include_str!(concat!(env!("OUT_DIR"), "/admin2_types.txt"));

/// What kind of geographic entity a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeoKind {
    /// A country.
    Country,
    /// A first-level division (province, governorate, state).
    Admin1,
    /// A second-level division (district, cercle, county), at a representative point: its seat
    /// when the data knows it.
    Admin2,
    /// A populated place.
    Place,
}

/// One geographic entity.
#[derive(Debug, Clone)]
pub struct GeoEntity {
    /// Row number in the gazetteer.
    pub row: u32,
    /// What it is.
    pub kind: GeoKind,
    /// GeoNames id (for countries: the alpha-3 code).
    pub id: &'static str,
    /// Canonical name.
    pub name: &'static str,
    /// ISO 3166-1 alpha-3.
    pub country: &'static str,
    /// First-level division name.
    pub admin1: &'static str,
    /// Second-level division name (for a second-level division: its own name).
    pub admin2: &'static str,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Population (for divisions: of the places in them).
    pub population: u64,
    /// Kind-specific extra fields.
    pub extra: &'static str,
}

/// Whether `key` (a name key, see [`crate::normalize::key`]) is the type word of this division
/// or its plural with `-s` (English and French alike): `district`, `districts`, `cercle`.
pub fn is_type_word(division_type: &str, key: &str) -> bool {
    !division_type.is_empty()
        && (key == division_type || key.strip_suffix('s').is_some_and(|k| k == division_type))
}

impl GeoEntity {
    /// The GeoNames id as a number (countries have none).
    pub fn geonameid(&self) -> Option<u64> {
        self.id.parse().ok()
    }

    /// The type word of a second-level division, as a name key (`district`, `cercle`,
    /// `county`); empty for other kinds or when the data has none.
    pub fn division_type(&self) -> &'static str {
        match self.kind {
            GeoKind::Admin2 => self.extra.split('|').next().unwrap_or(""),
            _ => "",
        }
    }
}

/// The embedded gazetteer.
pub struct GeoStore {
    /// `None` only if the embedded bytes were not an FST, which the build script rules out.
    names: Option<fst::Map<&'static [u8]>>,
}

impl GeoStore {
    /// The one store, opened on first use (no parsing: the FST is read in place).
    pub fn get() -> &'static GeoStore {
        static STORE: OnceLock<GeoStore> = OnceLock::new();
        STORE.get_or_init(|| GeoStore {
            // The build script wrote these bytes with `fst::MapBuilder`; they are valid.
            names: fst::Map::new(NAMES_FST).ok(),
        })
    }

    /// Entity rows whose names have this key.
    pub fn lookup(&self, key: &str) -> Vec<u32> {
        // Most keys looked up are no name: the filter says so for all but about 1% of them,
        // without the FST walk (a thousand instructions a key).
        if !crate::bloom::may_contain(NAMES_BLOOM, key) {
            return Vec::new();
        }
        let Some(offset) = self.names.as_ref().and_then(|m| m.get(key)) else {
            return Vec::new();
        };
        let at = offset as usize * 4;
        let Some(n) = read_u32(POSTINGS, at) else {
            return Vec::new();
        };
        (0..n as usize)
            .filter_map(|i| read_u32(POSTINGS, at + 4 + i * 4))
            .collect()
    }

    /// Whether any name has this key.
    pub fn contains(&self, key: &str) -> bool {
        crate::bloom::may_contain(NAMES_BLOOM, key)
            && self.names.as_ref().is_some_and(|m| m.contains_key(key))
    }

    /// The entity in row `row`.
    pub fn entity(&self, row: u32) -> Option<GeoEntity> {
        let start = read_u32(OFFSETS, row as usize * 4)? as usize;
        let end = read_u32(OFFSETS, row as usize * 4 + 4)? as usize;
        let line = ENTITIES.get(start..end)?.trim_end_matches('\n');
        // Fields in a fixed array: this runs for every candidate row of every name looked up.
        // They are sliced where the build script found the tabs; searching each row for them
        // (`split('\t')`) was most of this function's time.
        let mut f: [&'static str; 10] = [""; 10];
        let base = row as usize * 20;
        let mut from = 0usize;
        for (k, slot) in f.iter_mut().enumerate() {
            let end = read_u16(FIELDS, base + 2 * k)?;
            if end == u16::MAX {
                return None;
            }
            *slot = line.get(from..usize::from(end))?;
            from = usize::from(end) + 1;
        }
        Some(GeoEntity {
            row,
            kind: match f[0] {
                "C" => GeoKind::Country,
                "A" => GeoKind::Admin1,
                "D" => GeoKind::Admin2,
                _ => GeoKind::Place,
            },
            id: f[1],
            name: f[2],
            country: f[3],
            admin1: f[4],
            admin2: f[5],
            // Parsed at build time: three float and integer parses per row read were half of
            // this function's time.
            lat: f64::from_bits(read_u64(NUMBERS, row as usize * 24)?),
            lon: f64::from_bits(read_u64(NUMBERS, row as usize * 24 + 8)?),
            population: read_u64(NUMBERS, row as usize * 24 + 16)?,
            extra: f[9],
        })
    }

    /// Whether `key` is the type word of some second-level division (`district`, `cercle`,
    /// `county`), or its plural.
    pub fn is_admin2_type(&self, key: &str) -> bool {
        // Checked at every capitalised name: a set of the words and their plurals, built once.
        // Fx rather than SipHash: it is asked at every token of a document.
        static WORDS: OnceLock<rustc_hash::FxHashSet<String>> = OnceLock::new();
        WORDS
            .get_or_init(|| {
                ADMIN2_TYPES
                    .lines()
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .flat_map(|t| [t.to_string(), format!("{t}s")])
                    .collect()
            })
            .contains(key)
    }

    /// Whether row `row` is a second-level division, without parsing it (see [`GeoStore::kind`]).
    pub fn is_admin2_row(&self, row: u32) -> bool {
        self.kind(row) == Some(GeoKind::Admin2)
    }

    /// The kind of row `row` (`None` past the last row), without parsing it: the build script
    /// writes countries, first-level divisions, second-level divisions and places in this
    /// order. Recognition filters candidate rows by kind far more often than it reads them.
    pub fn kind(&self, row: u32) -> Option<GeoKind> {
        // The first row of each kind after countries, found once by bisection.
        static STARTS: OnceLock<[u32; 3]> = OnceLock::new();
        let starts = STARTS.get_or_init(|| {
            let rank = |k: GeoKind| match k {
                GeoKind::Country => 0,
                GeoKind::Admin1 => 1,
                GeoKind::Admin2 => 2,
                GeoKind::Place => 3,
            };
            // The first row whose kind ranks at least `r` (rows are sorted by kind).
            let first = |r: u32| -> u32 {
                let (mut lo, mut hi) = (0u32, self.len() as u32);
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    if self.entity(mid).is_none_or(|e| rank(e.kind) >= r) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                lo
            };
            [first(1), first(2), first(3)]
        });
        if row as usize >= self.len() {
            return None;
        }
        Some(if row < starts[0] {
            GeoKind::Country
        } else if row < starts[1] {
            GeoKind::Admin1
        } else if row < starts[2] {
            GeoKind::Admin2
        } else {
            GeoKind::Place
        })
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        OFFSETS.len() / 4 - 1
    }

    /// Whether the store is empty (only if the build found no data).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The country row for an ISO alpha-3 code.
    pub fn country(&self, alpha3: &str) -> Option<GeoEntity> {
        // Country rows come first in the store; their codes are indexed once per process.
        static ROWS: OnceLock<HashMap<String, u32>> = OnceLock::new();
        let rows = ROWS.get_or_init(|| {
            (0..self.len() as u32)
                .map_while(|r| self.entity(r).filter(|e| e.kind == GeoKind::Country))
                .map(|e| (e.country.to_ascii_uppercase(), e.row))
                .collect()
        });
        let row = *rows.get(alpha3.to_ascii_uppercase().as_str())?;
        self.entity(row)
    }
}

fn read_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at + 2)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn read_u64(bytes: &[u8], at: usize) -> Option<u64> {
    let b: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().atan2((1.0 - a).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields sliced at the build script's tab positions are the fields `split('\t')` gives,
    /// for every row.
    #[test]
    fn precomputed_fields_are_the_split_fields() {
        let store = GeoStore::get();
        assert!(store.len() > 1000);
        for row in 0..store.len() as u32 {
            let start = read_u32(OFFSETS, row as usize * 4).expect("offset") as usize;
            let end = read_u32(OFFSETS, row as usize * 4 + 4).expect("offset") as usize;
            let line = ENTITIES[start..end].trim_end_matches('\n');
            let f: Vec<&str> = line.split('\t').take(10).collect();
            let e = store.entity(row).expect("every row parses");
            assert_eq!(f.len(), 10, "{line}");
            assert_eq!(
                [e.id, e.name, e.country, e.admin1, e.admin2, e.extra],
                [f[1], f[2], f[3], f[4], f[5], f[9]],
                "{line}"
            );
            assert_eq!(e.lat.to_bits(), f[6].parse().unwrap_or(0.0f64).to_bits());
            assert_eq!(e.lon.to_bits(), f[7].parse().unwrap_or(0.0f64).to_bits());
            assert_eq!(e.population, f[8].parse().unwrap_or(0));
        }
    }
}
