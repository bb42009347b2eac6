//! The hand-written actor data (`data/actors/*.tsv`): intergovernmental organisations, armed
//! groups, office holders with their terms, metonyms (capitals and seats of power), state bodies
//! and media. Small enough to index in memory at first use.
//!
//! Files are read by column name, so adding a column never breaks the loader.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::normalize;

/// What an actor entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    /// UN, NATO, EU, AU...
    Igo,
    /// HTS, Islamic State, al-Shabaab...
    ArmedGroup,
    /// A named office holder.
    Person,
    /// A capital or seat of power standing for a government.
    Metonym,
    /// A ministry, agency or news organisation.
    Organization,
}

impl ActorKind {
    /// The `kind` string used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Igo => "igo",
            ActorKind::ArmedGroup => "armed_group",
            ActorKind::Person => "person",
            ActorKind::Metonym => "government",
            ActorKind::Organization => "organization",
        }
    }
}

/// One actor entry.
#[derive(Debug, Clone)]
pub struct ActorEntry {
    /// What it is.
    pub kind: ActorKind,
    /// Stable id within its file (or the Wikidata id).
    pub id: String,
    /// Canonical (English) name.
    pub name: String,
    /// ISO alpha-3 or PLOVER pseudo-country.
    pub country: Option<String>,
    /// Where the actor is based (for armed groups coded with a pseudo-country such as ISM), used
    /// as geographic context.
    pub base_country: Option<String>,
    /// PLOVER sectors.
    pub sector: Vec<String>,
    /// Wikidata id.
    pub wikidata: Option<String>,
    /// Office holders: role id (`foreign_minister`...).
    pub role: Option<String>,
    /// Office holders: English role label.
    pub role_label: Option<String>,
    /// Term start.
    pub start: Option<NaiveDate>,
    /// Term end (None: still in office).
    pub end: Option<NaiveDate>,
    /// Metonyms: language the surface form belongs to (`*` for all).
    pub lang: Option<String>,
    /// Armed groups: ACLED actor category.
    pub acled_inter: Option<u8>,
}

impl ActorEntry {
    /// Whether a dated entry holds on `date` (undated entries always hold).
    pub fn valid_on(&self, date: Option<NaiveDate>) -> bool {
        let Some(d) = date else { return true };
        self.start.is_none_or(|s| s <= d) && self.end.is_none_or(|e| d < e)
    }
}

/// The actor index.
pub struct ActorIndex {
    /// All entries.
    pub entries: Vec<ActorEntry>,
    by_key: FxHashMap<String, Vec<usize>>,
    /// First words of all names: most tokens start no name, and this skips them cheaply.
    first_words: rustc_hash::FxHashSet<String>,
    /// Longest name in tokens, which bounds the matcher's window.
    pub max_tokens: usize,
    /// Intergovernmental organisations by upper-case id ("NATO", "ARAB_LEAGUE"): office holders,
    /// roles and groups name them by id.
    igo_by_id: FxHashMap<String, usize>,
    /// People by (upper-case country, role): a role mention looks up its holders directly.
    holders: FxHashMap<(String, String), Vec<usize>>,
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .or_else(|| NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok())
        .or_else(|| NaiveDate::parse_from_str(&format!("{s}-01-01"), "%Y-%m-%d").ok())
}

/// Rows of a TSV as maps from column name to value.
fn rows(tsv: &'static str) -> impl Iterator<Item = FxHashMap<&'static str, &'static str>> {
    let mut lines = tsv.lines();
    let header: Vec<&'static str> = lines
        .next()
        .map(|h| h.split('\t').collect())
        .unwrap_or_default();
    lines
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(move |l| {
            header
                .iter()
                .copied()
                .zip(l.split('\t').map(str::trim))
                .collect::<FxHashMap<_, _>>()
        })
}

fn opt(row: &FxHashMap<&str, &str>, k: &str) -> Option<String> {
    row.get(k).filter(|v| !v.is_empty()).map(|v| v.to_string())
}

fn list<'a>(row: &FxHashMap<&str, &'a str>, k: &str) -> Vec<&'a str> {
    row.get(k)
        .map(|v| {
            v.split('|')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

static IGOS: &str = include_str!("../../../data/actors/igos.tsv");
static GROUPS: &str = include_str!("../../../data/actors/armed_groups.tsv");
static HOLDERS: &str = include_str!("../../../data/actors/office_holders.tsv");
static METONYMS: &str = include_str!("../../../data/actors/metonyms.tsv");
static ORGS: &str = include_str!("../../../data/actors/organizations.tsv");

impl ActorIndex {
    /// The one index, built on first use.
    pub fn get() -> &'static ActorIndex {
        static INDEX: OnceLock<ActorIndex> = OnceLock::new();
        INDEX.get_or_init(ActorIndex::build)
    }

    fn build() -> ActorIndex {
        let mut idx = ActorIndex {
            entries: Vec::new(),
            by_key: FxHashMap::default(),
            first_words: rustc_hash::FxHashSet::default(),
            max_tokens: 1,
            igo_by_id: FxHashMap::default(),
            holders: FxHashMap::default(),
        };
        let base = |kind, id: String, name: String| ActorEntry {
            kind,
            id,
            name,
            country: None,
            base_country: None,
            sector: Vec::new(),
            wikidata: None,
            role: None,
            role_label: None,
            start: None,
            end: None,
            lang: None,
            acled_inter: None,
        };
        for r in rows(IGOS) {
            let Some(name) = opt(&r, "name_en") else {
                continue;
            };
            let mut e = base(
                ActorKind::Igo,
                opt(&r, "id").unwrap_or_default(),
                name.clone(),
            );
            e.country = opt(&r, "country_code");
            e.sector = list(&r, "sector").into_iter().map(str::to_string).collect();
            e.wikidata = opt(&r, "wikidata");
            let mut names = vec![name];
            names.extend(opt(&r, "name_fr"));
            for col in ["acronyms", "aliases_en", "aliases_fr"] {
                names.extend(list(&r, col).into_iter().map(str::to_string));
            }
            idx.add(e, &names);
        }
        for r in rows(GROUPS) {
            let Some(name) = opt(&r, "name") else {
                continue;
            };
            let mut e = base(
                ActorKind::ArmedGroup,
                opt(&r, "id").unwrap_or_default(),
                name.clone(),
            );
            e.country = opt(&r, "pseudo_country").or_else(|| opt(&r, "country"));
            e.base_country = opt(&r, "country");
            e.sector = list(&r, "sector").into_iter().map(str::to_string).collect();
            if e.sector.is_empty() {
                e.sector.push("REB".into());
            }
            e.wikidata = opt(&r, "wikidata");
            e.acled_inter = opt(&r, "acled_inter").and_then(|v| v.parse().ok());
            let mut names = vec![name];
            names.extend(list(&r, "aliases").into_iter().map(str::to_string));
            idx.add(e, &names);
        }
        for r in rows(HOLDERS) {
            let Some(name) = opt(&r, "name") else {
                continue;
            };
            let mut e = base(
                ActorKind::Person,
                opt(&r, "wikidata").unwrap_or_default(),
                name.clone(),
            );
            e.country = opt(&r, "country");
            e.sector = list(&r, "sector").into_iter().map(str::to_string).collect();
            e.wikidata = opt(&r, "wikidata");
            e.role = opt(&r, "role");
            e.role_label = opt(&r, "role_label_en");
            e.start = opt(&r, "start").as_deref().and_then(parse_date);
            e.end = opt(&r, "end").as_deref().and_then(parse_date);
            let mut names = vec![name];
            names.extend(list(&r, "aliases").into_iter().map(str::to_string));
            idx.add(e, &names);
        }
        for r in rows(METONYMS) {
            let Some(surface) = opt(&r, "surface") else {
                continue;
            };
            let name = opt(&r, "actor_name_en").unwrap_or_else(|| surface.clone());
            let mut e = base(ActorKind::Metonym, surface.clone(), name);
            e.country = opt(&r, "country");
            e.sector = list(&r, "sector").into_iter().map(str::to_string).collect();
            e.wikidata = opt(&r, "wikidata");
            e.lang = opt(&r, "lang");
            idx.add(e, &[surface]);
        }
        for r in rows(ORGS) {
            let Some(name) = opt(&r, "name_en") else {
                continue;
            };
            let mut e = base(
                ActorKind::Organization,
                opt(&r, "id").unwrap_or_default(),
                name.clone(),
            );
            e.country = opt(&r, "country");
            e.sector = list(&r, "sector").into_iter().map(str::to_string).collect();
            e.wikidata = opt(&r, "wikidata");
            let mut names = vec![name];
            names.extend(opt(&r, "name_fr"));
            names.extend(list(&r, "aliases").into_iter().map(str::to_string));
            idx.add(e, &names);
        }
        idx
    }

    fn add(&mut self, entry: ActorEntry, names: &[String]) {
        let i = self.entries.len();
        if let (ActorKind::Person, Some(c), Some(r)) = (entry.kind, &entry.country, &entry.role) {
            self.holders
                .entry((c.to_ascii_uppercase(), r.clone()))
                .or_default()
                .push(i);
        }
        if entry.kind == ActorKind::Igo {
            self.igo_by_id
                .entry(entry.id.to_ascii_uppercase())
                .or_insert(i);
        }
        self.entries.push(entry);
        for n in names {
            for k in normalize::keys(n) {
                if k.is_empty() {
                    continue;
                }
                self.max_tokens = self.max_tokens.max(k.split(' ').count());
                if let Some(first) = k.split(' ').next() {
                    self.first_words.insert(first.to_string());
                }
                let v = self.by_key.entry(k).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
    }

    /// The intergovernmental organisation with this id (any case).
    pub fn igo(&self, id: &str) -> Option<&ActorEntry> {
        let i = self.igo_by_id.get(&id.to_ascii_uppercase())?;
        self.entries.get(*i)
    }

    /// Whether some name starts with this word key.
    pub fn starts_name(&self, word: &str) -> bool {
        self.first_words.contains(word)
    }

    /// Entries with a name of this key.
    pub fn lookup(&self, key: &str) -> &[usize] {
        self.by_key.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The holder of `role` for `country` on `date` (the latest-starting one valid that day).
    pub fn holder(
        &self,
        country: &str,
        role: &str,
        date: Option<NaiveDate>,
    ) -> Option<&ActorEntry> {
        self.holders
            .get(&(country.to_ascii_uppercase(), role.to_string()))?
            .iter()
            .filter_map(|&i| self.entries.get(i))
            .filter(|e| e.valid_on(date))
            .max_by_key(|e| e.start)
    }
}
