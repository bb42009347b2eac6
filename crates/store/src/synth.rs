//! A generator of realistic multi-source report sets, to measure clustering (and to fill
//! databases for benchmarks).
//!
//! Real wires disagree in known ways. The generator draws true events (attacks, protests,
//! arrests in real places of Syria, Somalia, Mali, Burkina Faso, Nigeria, Afghanistan, France and
//! Ukraine) and tells each through one to eight sources, each in French or English, each with the
//! disagreements seen between agencies: the date a day later (the publication date taken for
//! the event date, "yesterday" read in the next edition), a month instead of a day, the province
//! or the country instead of the town, a neighbouring village, rounded or hedged counts ("about
//! 20", "at least 15"), an actor or target left unnamed. It also draws distinct events that a
//! careless clusterer would merge: the same town and actors two to six days later, the same day
//! 150 km or more away, the same day and town but another kind of event.
//!
//! Every report is a document with a short French or English text and one `EventRecord` whose
//! evidence spans index that text, so the whole store (evidence, exports) can be exercised. The
//! truth (which true event each report tells) comes with it, and [`bcubed`] scores a clustering
//! against it.

use chrono::NaiveDate;
use sitrep_core::{Document, LanguageSource, Published, Source, Span};
use sitrep_events::{
    AcledCoding, ActorRef, CameoCoding, Count, Counts, EventDate, EventRecord, EventType, Evidence,
    Modality, PlaceRef,
};

use crate::{Ingested, Result, Store};

/// A small, fast, seeded generator (SplitMix64): the same seed gives the same corpus.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

struct Place {
    name: &'static str,
    fr: &'static str,
    admin1: &'static str,
    country: &'static str,
    lat: f64,
    lon: f64,
}

struct Admin1 {
    name: &'static str,
    country: &'static str,
    lat: f64,
    lon: f64,
}

struct Country {
    code: &'static str,
    name: &'static str,
    lat: f64,
    lon: f64,
}

macro_rules! place {
    ($n:expr, $fr:expr, $a:expr, $c:expr, $lat:expr, $lon:expr) => {
        Place {
            name: $n,
            fr: $fr,
            admin1: $a,
            country: $c,
            lat: $lat,
            lon: $lon,
        }
    };
}

// Real towns (approximate coordinates), with neighbours 15-35 km apart and pairs 150 km or more
// apart in each country.
const PLACES: &[Place] = &[
    place!("Idlib", "Idleb", "Idlib", "SYR", 35.93, 36.63),
    place!("Saraqib", "Saraqeb", "Idlib", "SYR", 35.86, 36.80),
    place!(
        "Maarat al-Numan",
        "Maaret al-Noomane",
        "Idlib",
        "SYR",
        35.65,
        36.67
    ),
    place!("Aleppo", "Alep", "Aleppo", "SYR", 36.20, 37.16),
    place!("Al-Bab", "Al-Bab", "Aleppo", "SYR", 36.37, 37.52),
    place!("Homs", "Homs", "Homs", "SYR", 34.73, 36.71),
    place!("Palmyra", "Palmyre", "Homs", "SYR", 34.56, 38.28),
    place!("Mogadishu", "Mogadiscio", "Banaadir", "SOM", 2.04, 45.34),
    place!("Afgooye", "Afgoye", "Lower Shabelle", "SOM", 2.14, 45.12),
    place!("Baidoa", "Baidoa", "Bay", "SOM", 3.11, 43.65),
    place!("Kismayo", "Kismayo", "Lower Juba", "SOM", -0.36, 42.55),
    place!("Gao", "Gao", "Gao", "MLI", 16.27, -0.04),
    place!("Mopti", "Mopti", "Mopti", "MLI", 14.49, -4.20),
    place!("Sevare", "Sévaré", "Mopti", "MLI", 14.53, -4.10),
    place!("Bamako", "Bamako", "Bamako", "MLI", 12.64, -8.00),
    place!("Djibo", "Djibo", "Sahel", "BFA", 14.10, -1.63),
    place!("Dori", "Dori", "Sahel", "BFA", 14.03, -0.03),
    place!("Ouagadougou", "Ouagadougou", "Centre", "BFA", 12.37, -1.52),
    place!("Maiduguri", "Maiduguri", "Borno", "NGA", 11.85, 13.16),
    place!("Konduga", "Konduga", "Borno", "NGA", 11.65, 13.42),
    place!("Bama", "Bama", "Borno", "NGA", 11.52, 13.69),
    place!("Lagos", "Lagos", "Lagos", "NGA", 6.45, 3.39),
    place!("Kabul", "Kaboul", "Kabul", "AFG", 34.53, 69.17),
    place!("Kandahar", "Kandahar", "Kandahar", "AFG", 31.61, 65.71),
    place!("Lashkar Gah", "Lashkar Gah", "Helmand", "AFG", 31.59, 64.37),
    place!("Paris", "Paris", "Ile-de-France", "FRA", 48.86, 2.35),
    place!(
        "Saint-Denis",
        "Saint-Denis",
        "Ile-de-France",
        "FRA",
        48.94,
        2.36
    ),
    place!("Lyon", "Lyon", "Auvergne-Rhone-Alpes", "FRA", 45.76, 4.84),
    place!(
        "Grenoble",
        "Grenoble",
        "Auvergne-Rhone-Alpes",
        "FRA",
        45.19,
        5.72
    ),
    place!("Kharkiv", "Kharkiv", "Kharkiv", "UKR", 50.00, 36.23),
    place!("Kramatorsk", "Kramatorsk", "Donetsk", "UKR", 48.72, 37.56),
    place!("Bakhmut", "Bakhmout", "Donetsk", "UKR", 48.59, 38.00),
];

const ADMIN1: &[Admin1] = &[
    Admin1 {
        name: "Idlib",
        country: "SYR",
        lat: 35.80,
        lon: 36.60,
    },
    Admin1 {
        name: "Aleppo",
        country: "SYR",
        lat: 36.25,
        lon: 37.60,
    },
    Admin1 {
        name: "Homs",
        country: "SYR",
        lat: 34.60,
        lon: 37.90,
    },
    Admin1 {
        name: "Banaadir",
        country: "SOM",
        lat: 2.06,
        lon: 45.32,
    },
    Admin1 {
        name: "Lower Shabelle",
        country: "SOM",
        lat: 1.90,
        lon: 44.60,
    },
    Admin1 {
        name: "Bay",
        country: "SOM",
        lat: 2.90,
        lon: 43.50,
    },
    Admin1 {
        name: "Lower Juba",
        country: "SOM",
        lat: -0.50,
        lon: 42.00,
    },
    Admin1 {
        name: "Gao",
        country: "MLI",
        lat: 16.50,
        lon: 0.50,
    },
    Admin1 {
        name: "Mopti",
        country: "MLI",
        lat: 14.50,
        lon: -3.50,
    },
    Admin1 {
        name: "Bamako",
        country: "MLI",
        lat: 12.65,
        lon: -7.99,
    },
    Admin1 {
        name: "Sahel",
        country: "BFA",
        lat: 14.00,
        lon: -0.80,
    },
    Admin1 {
        name: "Centre",
        country: "BFA",
        lat: 12.36,
        lon: -1.53,
    },
    Admin1 {
        name: "Borno",
        country: "NGA",
        lat: 11.50,
        lon: 13.00,
    },
    Admin1 {
        name: "Lagos",
        country: "NGA",
        lat: 6.55,
        lon: 3.40,
    },
    Admin1 {
        name: "Kabul",
        country: "AFG",
        lat: 34.50,
        lon: 69.20,
    },
    Admin1 {
        name: "Kandahar",
        country: "AFG",
        lat: 31.00,
        lon: 65.70,
    },
    Admin1 {
        name: "Helmand",
        country: "AFG",
        lat: 31.20,
        lon: 64.00,
    },
    Admin1 {
        name: "Ile-de-France",
        country: "FRA",
        lat: 48.70,
        lon: 2.50,
    },
    Admin1 {
        name: "Auvergne-Rhone-Alpes",
        country: "FRA",
        lat: 45.50,
        lon: 4.50,
    },
    Admin1 {
        name: "Kharkiv",
        country: "UKR",
        lat: 49.60,
        lon: 36.50,
    },
    Admin1 {
        name: "Donetsk",
        country: "UKR",
        lat: 48.00,
        lon: 37.80,
    },
];

const COUNTRIES: &[Country] = &[
    Country {
        code: "SYR",
        name: "Syria",
        lat: 35.0,
        lon: 38.5,
    },
    Country {
        code: "SOM",
        name: "Somalia",
        lat: 5.15,
        lon: 46.2,
    },
    Country {
        code: "MLI",
        name: "Mali",
        lat: 17.6,
        lon: -4.0,
    },
    Country {
        code: "BFA",
        name: "Burkina Faso",
        lat: 12.3,
        lon: -1.6,
    },
    Country {
        code: "NGA",
        name: "Nigeria",
        lat: 9.1,
        lon: 8.7,
    },
    Country {
        code: "AFG",
        name: "Afghanistan",
        lat: 33.9,
        lon: 67.7,
    },
    Country {
        code: "FRA",
        name: "France",
        lat: 46.6,
        lon: 2.4,
    },
    Country {
        code: "UKR",
        name: "Ukraine",
        lat: 48.4,
        lon: 31.2,
    },
];

#[derive(Clone, Copy)]
struct Party {
    en: &'static str,
    fr: &'static str,
    country: &'static str,
    sector: &'static str,
    kind: &'static str,
    /// ACLED actor category.
    inter: u8,
}

macro_rules! party {
    ($en:expr, $fr:expr, $c:expr, $s:expr, $k:expr, $i:expr) => {
        Party {
            en: $en,
            fr: $fr,
            country: $c,
            sector: $s,
            kind: $k,
            inter: $i,
        }
    };
}

/// Armed parties, then the civilians, then protesters, then police, per country.
fn parties(country: &'static str) -> (Vec<Party>, Party, Party, Party) {
    let civ = |c| party!("civilians", "des civils", c, "CVL", "population", 7);
    let prot = |c| party!("protesters", "des manifestants", c, "CVL", "population", 6);
    let pol = |c| party!("police", "la police", c, "COP", "government", 1);
    let armed = match country {
        "SYR" => vec![
            party!(
                "Syrian government forces",
                "les forces gouvernementales syriennes",
                "SYR",
                "MIL",
                "government",
                1
            ),
            party!(
                "Hayat Tahrir al-Sham",
                "Hayat Tahrir al-Cham",
                "SYR",
                "REB",
                "armed_group",
                2
            ),
            party!(
                "Turkish army",
                "l'armée turque",
                "TUR",
                "MIL",
                "government",
                8
            ),
            party!(
                "Russian air force",
                "l'aviation russe",
                "RUS",
                "MIL",
                "government",
                8
            ),
        ],
        "SOM" => vec![
            party!("al-Shabaab", "les shebab", "SOM", "REB", "armed_group", 2),
            party!(
                "Somali National Army",
                "l'armée nationale somalienne",
                "SOM",
                "MIL",
                "government",
                1
            ),
        ],
        "MLI" => vec![
            party!(
                "Malian army",
                "l'armée malienne",
                "MLI",
                "MIL",
                "government",
                1
            ),
            party!("JNIM", "le JNIM", "MLI", "REB", "armed_group", 2),
            party!(
                "Wagner Group",
                "le groupe Wagner",
                "RUS",
                "MIL",
                "armed_group",
                8
            ),
        ],
        "BFA" => vec![
            party!(
                "Burkinabe army",
                "l'armée burkinabè",
                "BFA",
                "MIL",
                "government",
                1
            ),
            party!(
                "jihadist militants",
                "des jihadistes",
                "BFA",
                "REB",
                "armed_group",
                2
            ),
        ],
        "NGA" => vec![
            party!("Boko Haram", "Boko Haram", "NGA", "REB", "armed_group", 2),
            party!("ISWAP", "l'EIAO", "NGA", "REB", "armed_group", 2),
            party!(
                "Nigerian army",
                "l'armée nigériane",
                "NGA",
                "MIL",
                "government",
                1
            ),
        ],
        "AFG" => vec![
            party!("Taliban", "les talibans", "AFG", "REB", "armed_group", 2),
            party!(
                "Islamic State Khorasan",
                "l'EI-K",
                "AFG",
                "REB",
                "armed_group",
                2
            ),
        ],
        "UKR" => vec![
            party!(
                "Russian forces",
                "les forces russes",
                "RUS",
                "MIL",
                "government",
                8
            ),
            party!(
                "Ukrainian army",
                "l'armée ukrainienne",
                "UKR",
                "MIL",
                "government",
                1
            ),
        ],
        _ => vec![party!(
            "unidentified gunmen",
            "des hommes armés non identifiés",
            "FRA",
            "UAF",
            "armed_group",
            3
        )],
    };
    (armed, civ(country), prot(country), pol(country))
}

/// A place as one source tells it: name, admin1, lat, lon, precision, feature.
type SynthPlace = (String, Option<String>, f64, f64, u8, &'static str);

/// One true event.
#[derive(Clone)]
struct Truth {
    id: usize,
    kind: EventType,
    day: NaiveDate,
    place: usize,
    actor: Party,
    recipient: Party,
    count: u32,
}

/// The generator's settings.
#[derive(Debug, Clone)]
pub struct SynthConfig {
    /// Seed.
    pub seed: u64,
    /// First possible day of a true event.
    pub start: NaiveDate,
    /// Number of days true events are spread over.
    pub days: u32,
    /// Probability that a true event comes with a distinct look-alike event.
    pub confounders: f64,
    /// Sources per event: weights of 1, 2, 3, ... sources.
    pub source_weights: Vec<f64>,
    /// When set, each true event's place is moved up to this many kilometres from its town
    /// (benchmark databases, where a million events must not pile up on 32 towns).
    pub scatter_km: Option<f64>,
}

impl Default for SynthConfig {
    fn default() -> SynthConfig {
        SynthConfig {
            seed: 7,
            start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
            days: 365,
            confounders: 0.4,
            source_weights: vec![0.35, 0.25, 0.15, 0.1, 0.06, 0.04, 0.03, 0.02],
            scatter_km: None,
        }
    }
}

/// One generated report: a document with one event record, and the true event it tells.
#[derive(Debug, Clone)]
pub struct SynthReport {
    /// The true event's number.
    pub truth: usize,
    /// The document and its record.
    pub item: Ingested,
}

/// An endless stream of reports, true event after true event (each event's reports together,
/// its look-alike, if any, right after).
pub struct Synth {
    cfg: SynthConfig,
    rng: Rng,
    next_truth: usize,
    queue: std::collections::VecDeque<SynthReport>,
}

impl Synth {
    /// A generator.
    pub fn new(cfg: SynthConfig) -> Synth {
        Synth {
            rng: Rng::new(cfg.seed),
            cfg,
            next_truth: 0,
            queue: Default::default(),
        }
    }

    fn draw_truth(&mut self) -> Truth {
        let rng = &mut self.rng;
        let place = rng.below(PLACES.len());
        let country = PLACES[place].country;
        let (armed, civ, prot, pol) = parties(country);
        let r = rng.unit();
        let (kind, actor, recipient, count) = if r < 0.6 || country == "UKR" {
            let a = armed[rng.below(armed.len())];
            let others: Vec<Party> = armed.iter().copied().filter(|p| p.en != a.en).collect();
            let target = if others.is_empty() || rng.chance(0.5) {
                civ
            } else {
                others[rng.below(others.len())]
            };
            (EventType::Assault, a, target, 1 + rng.below(60) as u32)
        } else if r < 0.8 {
            (
                EventType::Protest,
                prot,
                pol,
                (1 + rng.below(50)) as u32 * 100,
            )
        } else {
            (EventType::Coerce, pol, prot, 2 + rng.below(40) as u32)
        };
        let day =
            self.cfg.start + chrono::Days::new(rng.below(self.cfg.days.max(1) as usize) as u64);
        let id = self.next_truth;
        self.next_truth += 1;
        Truth {
            id,
            kind,
            day,
            place,
            actor,
            recipient,
            count,
        }
    }

    /// A distinct event that looks like `t`: same town and actors days later, the same day far
    /// away in the same country, or the same day and town but another kind of event.
    fn confounder(&mut self, t: &Truth) -> Option<Truth> {
        let mut c = t.clone();
        c.id = self.next_truth;
        match self.rng.below(3) {
            0 => c.day = t.day + chrono::Days::new(2 + self.rng.below(5) as u64),
            1 => {
                let p = &PLACES[t.place];
                let far: Vec<usize> = (0..PLACES.len())
                    .filter(|&i| {
                        PLACES[i].country == p.country
                            && crate::cluster::distance_km(
                                p.lat,
                                p.lon,
                                PLACES[i].lat,
                                PLACES[i].lon,
                            ) >= 150.0
                    })
                    .collect();
                if far.is_empty() {
                    return None;
                }
                c.place = far[self.rng.below(far.len())];
            }
            _ => {
                let (_, civ, prot, pol) = parties(PLACES[t.place].country);
                if t.kind == EventType::Assault {
                    c.kind = EventType::Protest;
                    c.actor = prot;
                    c.recipient = pol;
                    c.count = (1 + self.rng.below(20)) as u32 * 100;
                } else {
                    c.kind = EventType::Assault;
                    c.actor = pol;
                    c.recipient = civ;
                    c.count = 1 + self.rng.below(5) as u32;
                }
            }
        }
        self.next_truth += 1;
        Some(c)
    }

    fn tell(&mut self, t: &Truth) {
        let w = &self.cfg.source_weights;
        let total: f64 = w.iter().sum();
        let mut x = self.rng.unit() * total;
        let mut n = w.len();
        for (i, wi) in w.iter().enumerate() {
            if x < *wi {
                n = i + 1;
                break;
            }
            x -= wi;
        }
        let offset = self.cfg.scatter_km.map(|km| {
            let r = km * self.rng.unit().sqrt();
            let a = self.rng.unit() * std::f64::consts::TAU;
            (r * a.sin() / 111.0, r * a.cos() / 111.0)
        });
        for s in 0..n {
            let report = self.report(t, s, offset);
            self.queue.push_back(report);
        }
    }

    fn report(&mut self, t: &Truth, source: usize, offset: Option<(f64, f64)>) -> SynthReport {
        let rng = &mut self.rng;
        let fr = rng.chance(0.5);
        let p = &PLACES[t.place];
        let (dlat, dlon) = offset.unwrap_or((0.0, 0.0));
        // Date as this source tells it.
        let r = rng.unit();
        let (start, end, precision) = if r < 0.68 {
            (t.day, t.day, "day")
        } else if r < 0.93 {
            let d = if rng.chance(0.8) {
                t.day + chrono::Days::new(1)
            } else {
                t.day - chrono::Days::new(1)
            };
            (d, d, "day")
        } else {
            let first = t.day.with_day0(0).unwrap_or(t.day);
            let next = first + chrono::Months::new(1);
            (first, next - chrono::Days::new(1), "month")
        };
        let published = t.day + chrono::Days::new(rng.below(2) as u64);
        // Place as this source tells it.
        let r = rng.unit();
        let place: Option<SynthPlace> = if r < 0.70 {
            let j = 0.02 * (rng.unit() - 0.5);
            Some((
                p.name.into(),
                Some(p.admin1.into()),
                p.lat + dlat + j,
                p.lon + dlon + j,
                4,
                "city",
            ))
        } else if r < 0.76 {
            // A neighbouring village named instead of the town: 5-12 km away.
            let a = rng.unit() * std::f64::consts::TAU;
            let km = 5.0 + 7.0 * rng.unit();
            Some((
                format!("{} district", p.name),
                Some(p.admin1.into()),
                p.lat + dlat + km * a.sin() / 111.0,
                p.lon + dlon + km * a.cos() / 111.0,
                5,
                "village",
            ))
        } else if r < 0.90 {
            ADMIN1
                .iter()
                .find(|a| a.name == p.admin1 && a.country == p.country)
                .map(|a| {
                    (
                        format!("{} province", a.name),
                        Some(a.name.into()),
                        a.lat,
                        a.lon,
                        2,
                        "admin1",
                    )
                })
        } else if r < 0.96 {
            COUNTRIES
                .iter()
                .find(|c| c.code == p.country)
                .map(|c| (c.name.into(), None, c.lat, c.lon, 1, "country"))
        } else {
            None
        };
        // Count as this source tells it.
        let n = t.count as f64;
        let r = rng.unit();
        let (best, min, max, qualifier, words_en, words_fr) = if r < 0.5 {
            (
                n,
                None,
                None,
                "exact",
                format!("{}", t.count),
                format!("{}", t.count),
            )
        } else if r < 0.7 {
            let lo = (n * 0.8).floor().max(1.0);
            (
                lo,
                Some(lo),
                None,
                "at_least",
                format!("at least {lo}"),
                format!("au moins {lo}"),
            )
        } else if r < 0.9 {
            let step = if n >= 100.0 {
                100.0
            } else if n >= 20.0 {
                10.0
            } else {
                5.0
            };
            let v = ((n / step).round() * step).max(1.0);
            (
                v,
                None,
                None,
                "approximately",
                format!("about {v}"),
                format!("environ {v}"),
            )
        } else {
            let v = (n * 1.2).ceil();
            (
                v,
                None,
                Some(v),
                "nearly",
                format!("nearly {v}"),
                format!("près de {v}"),
            )
        };
        let drop_actor = rng.chance(0.12);
        let drop_recipient = rng.chance(0.18);
        let reported = rng.chance(0.2);

        // The text, then spans found in it.
        let day_words = if precision == "month" {
            if fr {
                format!("en {}", start.format("%m/%Y"))
            } else {
                format!("in {}", start.format("%B %Y"))
            }
        } else if fr {
            format!("le {}", start.format("%d/%m/%Y"))
        } else {
            format!("on {}", start.format("%B %-d, %Y"))
        };
        let place_words = place.as_ref().map(|x| x.0.clone()).unwrap_or_else(|| {
            if fr {
                "la région".into()
            } else {
                "the area".into()
            }
        });
        let place_words = if fr && place.as_ref().is_some_and(|x| x.4 == 4) {
            p.fr.to_string()
        } else {
            place_words
        };
        let actor_words = if fr { t.actor.fr } else { t.actor.en };
        let rec_words = if fr { t.recipient.fr } else { t.recipient.en };
        let count_words = if fr { words_fr } else { words_en };
        let (title, text) = match (t.kind, fr) {
            (EventType::Assault, false) => (
                format!("{count_words} killed in {place_words}"),
                format!("{count_words} {rec_words} were killed {day_words} in an attack in {place_words} carried out by {actor_words}, {}.",
                        if reported { "according to local sources" } else { "officials said" }),
            ),
            (EventType::Assault, true) => (
                format!("{count_words} morts à {place_words}"),
                format!("{count_words} personnes parmi {rec_words} ont été tuées {day_words} dans une attaque à {place_words} menée par {actor_words}, {}.",
                        if reported { "selon des sources locales" } else { "ont indiqué les autorités" }),
            ),
            (EventType::Protest, false) => (
                format!("Protest in {place_words}"),
                format!("{count_words} {actor_words} demonstrated {day_words} in {place_words} against {rec_words}."),
            ),
            (EventType::Protest, true) => (
                format!("Manifestation à {place_words}"),
                format!("{count_words} {actor_words} ont manifesté {day_words} à {place_words} contre {rec_words}."),
            ),
            (_, false) => (
                format!("Arrests in {place_words}"),
                format!("{actor_words} arrested {count_words} {rec_words} {day_words} in {place_words}."),
            ),
            (_, true) => (
                format!("Arrestations à {place_words}"),
                format!("{actor_words} a arrêté {count_words} {rec_words} {day_words} à {place_words}."),
            ),
        };
        let text = format!("{title}\n\n{text}");
        let span_of = |words: &str| -> Span {
            let b = text.rfind(words).unwrap_or(0);
            let e = (b + words.len()).min(text.len());
            let b = if text.is_char_boundary(b) { b } else { 0 };
            let e = if text.is_char_boundary(e) { e } else { b };
            Span {
                start: text[..b].chars().count(),
                end: text[..e].chars().count(),
                byte_start: b,
                byte_end: e,
            }
        };
        let body = title.len() + 2;
        let sentence = Span {
            start: text[..body].chars().count(),
            end: text.chars().count(),
            byte_start: body,
            byte_end: text.len(),
        };
        let doc_id = format!("synth-{}-{}", t.id, source);
        let party = |x: &Party, words: &str| ActorRef {
            name: x.en.into(),
            country: Some(x.country.into()),
            sector: vec![x.sector.into()],
            kind: x.kind.into(),
            wikidata: None,
            role: None,
            affiliation: None,
            backed_by: None,
            mention: words.into(),
            span: span_of(words),
            inferred: None,
            ethnicity: None,
            country_from: None,
        };
        let location = place
            .as_ref()
            .map(|(name, admin1, lat, lon, precision, feature)| PlaceRef {
                name: name.clone(),
                geonameid: None,
                admin1: admin1.clone(),
                admin2: None,
                country: p.country.into(),
                lat: *lat,
                lon: *lon,
                feature: (*feature).into(),
                precision: *precision,
                mention: place_words.clone(),
                span: span_of(&place_words),
            });
        let count = Count {
            min,
            max,
            best,
            qualifier: qualifier.into(),
            victims: Some(rec_words.into()),
            span: span_of(&count_words),
            claimed_by: None,
        };
        let mut counts = Counts::default();
        match t.kind {
            EventType::Assault => counts.killed = Some(count),
            EventType::Coerce => counts.arrested = Some(count),
            _ => {}
        }
        let mut evidence = vec![];
        for (field, words) in [
            ("actor", actor_words),
            ("recipient", rec_words),
            ("location", place_words.as_str()),
            ("date", day_words.as_str()),
            ("count", count_words.as_str()),
        ] {
            evidence.push(Evidence {
                field: field.into(),
                text: words.into(),
                span: span_of(words),
                sentence,
            });
        }
        let (acled, root, quad) = match t.kind {
            EventType::Assault if t.recipient.inter == 7 => {
                (("Violence against civilians", "Attack"), "19", 4)
            }
            EventType::Assault => (("Battles", "Armed clash"), "19", 4),
            EventType::Protest => (("Protests", "Peaceful protest"), "14", 3),
            _ => (("Strategic developments", "Arrests"), "17", 4),
        };
        let record = EventRecord {
            record: "event".into(),
            id: format!("ev-{doc_id}"),
            doc_id: doc_id.clone(),
            event_type: t.kind,
            mode: None,
            context: vec![],
            actor: if drop_actor {
                vec![]
            } else {
                vec![party(&t.actor, actor_words)]
            },
            recipient: if drop_recipient {
                vec![]
            } else {
                vec![party(&t.recipient, rec_words)]
            },
            location,
            date: Some(EventDate {
                value: if precision == "month" {
                    start.format("%Y-%m").to_string()
                } else {
                    start.to_string()
                },
                start: Some(start),
                end: Some(end),
                precision: precision.into(),
                source: "text".into(),
                span: Some(span_of(&day_words)),
            }),
            counts,
            modality: if reported {
                Modality::Reported
            } else {
                Modality::Asserted
            },
            claimed_by: None,
            evidence,
            confidence: 0.5 + 0.5 * rng.unit() as f32,
            quad_code: quad,
            acled: Some(AcledCoding {
                event_type: acled.0.into(),
                sub_event_type: acled.1.into(),
                inter1: Some(t.actor.inter),
                inter2: Some(t.recipient.inter),
            }),
            cameo: CameoCoding {
                root: root.into(),
                quad_class: quad,
            },
        };
        let doc = Document {
            id: doc_id.clone(),
            source: Source {
                path: format!("synth/{doc_id}.txt"),
                item: None,
                format: "text",
            },
            url: Some(format!("https://news{}.example/{}", source % 7, doc_id)),
            canonical_url: None,
            title: Some(title),
            published: Some(Published {
                date: published,
                datetime: None,
                source: sitrep_core::DateSource::Record,
            }),
            modified: None,
            authors: vec![],
            site_name: None,
            language: Some(if fr { "fr" } else { "en" }.into()),
            language_source: LanguageSource::Declared,
            content_hash: sitrep_core::stable_hash(&[text.as_bytes()]),
            text,
            encoding: None,
            notes: vec![],
        };
        SynthReport {
            truth: t.id,
            item: Ingested {
                doc,
                events: vec![record],
                quotes: vec![],
                figures: vec![],
            },
        }
    }
}

use chrono::Datelike;

impl Iterator for Synth {
    type Item = SynthReport;
    fn next(&mut self) -> Option<SynthReport> {
        while self.queue.is_empty() {
            let t = self.draw_truth();
            self.tell(&t);
            if self.rng.chance(self.cfg.confounders) {
                if let Some(c) = self.confounder(&t) {
                    self.tell(&c);
                }
            }
        }
        self.queue.pop_front()
    }
}

/// B-cubed precision, recall and F1 of a clustering.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct BCubed {
    /// Mean over items of the share of its predicted cluster that truly belongs with it.
    pub precision: f64,
    /// Mean over items of the share of its true cluster that was put with it.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
    /// Items scored.
    pub items: usize,
    /// True clusters.
    pub true_clusters: usize,
    /// Predicted clusters.
    pub predicted_clusters: usize,
}

/// Scores a predicted clustering against the truth (item `i` truly in `truth[i]`, predicted in
/// `predicted[i]`).
pub fn bcubed(truth: &[usize], predicted: &[i64]) -> BCubed {
    use std::collections::HashMap;
    let n = truth.len().min(predicted.len());
    let mut pair: HashMap<(usize, i64), usize> = HashMap::new();
    let mut t: HashMap<usize, usize> = HashMap::new();
    let mut p: HashMap<i64, usize> = HashMap::new();
    for i in 0..n {
        *pair.entry((truth[i], predicted[i])).or_default() += 1;
        *t.entry(truth[i]).or_default() += 1;
        *p.entry(predicted[i]).or_default() += 1;
    }
    let (mut prec, mut rec) = (0.0, 0.0);
    for i in 0..n {
        let both = pair[&(truth[i], predicted[i])] as f64;
        prec += both / p[&predicted[i]] as f64;
        rec += both / t[&truth[i]] as f64;
    }
    let (prec, rec) = if n == 0 {
        (1.0, 1.0)
    } else {
        (prec / n as f64, rec / n as f64)
    };
    BCubed {
        precision: prec,
        recall: rec,
        f1: if prec + rec > 0.0 {
            2.0 * prec * rec / (prec + rec)
        } else {
            0.0
        },
        items: n,
        true_clusters: t.len(),
        predicted_clusters: p.len(),
    }
}

/// Scores the store's clustering of `reports` (already written) against their truth. Reports
/// that belong to no event (none here: every generated report is asserted or reported) count as
/// singletons.
pub fn score_store(store: &Store, reports: &[SynthReport]) -> Result<BCubed> {
    let assigned: std::collections::HashMap<String, Option<i64>> =
        store.report_clusters()?.into_iter().collect();
    let mut truth = Vec::new();
    let mut predicted = Vec::new();
    let mut singleton = -1;
    for r in reports {
        for e in &r.item.events {
            truth.push(r.truth);
            match assigned.get(&e.id).copied().flatten() {
                Some(c) => predicted.push(c),
                None => {
                    predicted.push(singleton);
                    singleton -= 1;
                }
            }
        }
    }
    Ok(bcubed(&truth, &predicted))
}
