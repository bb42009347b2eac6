//! Per-language lexicons built from a pack's data (sector nouns, role phrases, demonyms), cached
//! by language code so each is built once per process.

use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex, OnceLock};

use sitrep_text::Language;

use crate::normalize;

/// A sector noun: `soldats` -> MIL.
#[derive(Debug, Clone)]
pub struct SectorWord {
    /// PLOVER sector.
    pub sector: String,
    /// Kind label (`soldier`, `protester`, ...).
    pub kind: String,
    /// Lemma.
    pub lemma: String,
}

/// A role phrase: `ministre des Affaires étrangères` -> foreign_minister.
#[derive(Debug, Clone)]
pub struct RolePhrase {
    /// Keys of the phrase's tokens.
    pub tokens: Vec<String>,
    /// Role id (`foreign_minister`).
    pub role: String,
    /// Sector.
    pub sector: String,
    /// Organisation the phrase implies (`chef de l'OTAN` -> NATO), as an igos.tsv id.
    pub org: Option<String>,
}

/// Everything recognition needs from one language, ready to look up.
pub struct LangLex {
    /// Sector nouns by key.
    pub sectors: FxHashMap<String, SectorWord>,
    /// Leading words of two-token sector nouns that are no sector noun alone ("clan" of "clan
    /// militia", "sub clan" of "sub-clan militia"): recognition looks a token ahead after these.
    pub sector_firsts: rustc_hash::FxHashSet<String>,
    /// Role phrases, longest first.
    pub roles: Vec<RolePhrase>,
    /// Indices into `roles` by first word, longest first: recognition tries only the phrases
    /// that can start at a word.
    pub roles_by_first: FxHashMap<String, Vec<usize>>,
    /// Demonym forms by key -> alpha-3 codes.
    pub demonyms: FxHashMap<String, Vec<String>>,
    /// First words of demonyms of more than one word ("south" of "South Korean", "sierra" of
    /// "Sierra Leonean"): recognition looks ahead only after these.
    pub demonym_firsts: rustc_hash::FxHashSet<String>,
    /// The pack's stop words, hashed: recognition asks at every capitalised word, and scanning
    /// the pack's list of two hundred words each time was a tenth of recognition's time.
    pub stopwords: rustc_hash::FxHashSet<&'static str>,
}

static COUNTRIES: &str = include_str!("../../../data/gazetteer/countries.tsv");
static PRESS_NAMES: &str = include_str!("../../../data/actors/country_names.tsv");

/// The lexicon for `lang`, built on first use.
pub fn for_language(lang: &dyn Language) -> Arc<LangLex> {
    static CACHE: OnceLock<Mutex<FxHashMap<&'static str, Arc<LangLex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(FxHashMap::default()));
    let mut guard = match cache.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    guard
        .entry(lang.code())
        .or_insert_with(|| Arc::new(build(lang)))
        .clone()
}

fn build(lang: &dyn Language) -> LangLex {
    let lex = lang.entities();
    let mut sectors = FxHashMap::default();
    for line in lex.sectors_tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() < 3 || f[0].is_empty() {
            continue;
        }
        sectors.insert(
            normalize::key(f[0]),
            SectorWord {
                lemma: f.get(1).unwrap_or(&f[0]).to_string(),
                sector: f[2].to_string(),
                kind: f.get(3).unwrap_or(&"").to_string(),
            },
        );
    }
    // Every word-boundary prefix: a hyphenated token ("sub-clan") has a key of two words.
    let sector_firsts = sectors
        .keys()
        .flat_map(|k| k.match_indices(' ').map(|(i, _)| k[..i].to_string()))
        .filter(|first| !sectors.contains_key(first))
        .collect();
    let mut roles: Vec<RolePhrase> = lex
        .roles_tsv
        .lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            if f.len() < 2 || f[0].is_empty() {
                return None;
            }
            let phrase = normalize::keys(f[0]).pop()?;
            Some(RolePhrase {
                tokens: phrase.split(' ').map(str::to_string).collect(),
                role: f[1].to_string(),
                sector: f
                    .get(2)
                    .filter(|s| !s.is_empty())
                    .unwrap_or(&"GOV")
                    .to_string(),
                org: f.get(3).filter(|s| !s.is_empty()).map(|s| s.to_string()),
            })
        })
        .collect();
    roles.sort_by_key(|r| std::cmp::Reverse(r.tokens.len()));
    let mut demonyms: FxHashMap<String, Vec<String>> = FxHashMap::default();
    let mut lines = COUNTRIES.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let cols: Vec<usize> = lex
        .demonym_columns
        .iter()
        .filter_map(|c| header.iter().position(|h| h == c))
        .collect();
    let a3 = header.iter().position(|h| *h == "alpha3");
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let Some(code) = a3.and_then(|i| f.get(i)) else {
            continue;
        };
        for &c in &cols {
            for form in f.get(c).unwrap_or(&"").split('|').filter(|x| !x.is_empty()) {
                let mut forms = vec![form.to_lowercase()];
                forms.extend((lex.inflect_demonym)(form));
                for form in forms {
                    let list = demonyms.entry(normalize::key(&form)).or_default();
                    if !list.iter().any(|x| x == code) {
                        list.push(code.to_string());
                    }
                }
            }
        }
    }
    // Press demonyms (`data/actors/country_names.tsv`) name one state: "Dutch" is the
    // Netherlands, not the Caribbean Netherlands; "American" the United States, not the Northern
    // Mariana Islands; "Soviet" the Soviet Union's continuator.
    if lex.demonym_columns.contains(&"demonyms_en") {
        for line in PRESS_NAMES.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            let (Some(code), Some(forms)) = (f.first(), f.get(2)) else {
                continue;
            };
            for form in forms.split('|').filter(|x| !x.is_empty()) {
                let mut all = vec![form.to_lowercase()];
                all.extend((lex.inflect_demonym)(form));
                for form in all {
                    demonyms.insert(normalize::key(&form), vec![code.to_string()]);
                }
            }
        }
    }
    let mut roles_by_first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, r) in roles.iter().enumerate() {
        if let Some(first) = r.tokens.first() {
            roles_by_first.entry(first.clone()).or_default().push(i);
        }
    }
    let demonym_firsts = demonyms
        .keys()
        .filter_map(|k| k.split_once(' ').map(|(first, _)| first.to_string()))
        .collect();
    LangLex {
        demonym_firsts,
        stopwords: lex.stopwords.iter().copied().collect(),
        sectors,
        sector_firsts,
        roles,
        roles_by_first,
        demonyms,
    }
}
