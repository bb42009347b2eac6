//! The gazetteer's building blocks, through the public API: name keys (`normalize`), the
//! embedded place store (`GeoStore`), `place_ref`, distances, and the dated actor index.

use chrono::NaiveDate;
use sitrep_gazetteer::actors::{ActorIndex, ActorKind};
use sitrep_gazetteer::normalize::{consonants, key, keys, skeleton};
use sitrep_gazetteer::recognize::place_ref;
use sitrep_gazetteer::{haversine_km, GeoEntity, GeoKind, GeoStore};

fn day(s: &str) -> Option<NaiveDate> {
    Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date"))
}

// ---------------------------------------------------------------------------------------------
// normalize

#[test]
fn key_drops_case_and_diacritics() {
    assert_eq!(key("Mevlüt Çavuşoğlu"), "mevlut cavusoglu");
    assert_eq!(key("MEVLÜT ÇAVUŞOĞLU"), "mevlut cavusoglu");
    assert_eq!(key("Mevlut Cavusoglu"), "mevlut cavusoglu");
    assert_eq!(key("États-Unis"), "etats unis");
    assert_eq!(key("ETATS-UNIS"), "etats unis");
    assert_eq!(key("İdlib"), "idlib");
    assert_eq!(key("Îdlîb"), "idlib");
    assert_eq!(
        key("Idleb"),
        "idleb",
        "variants are separate names, not merged"
    );
    assert_eq!(key("Ḩamāh"), "hamah");
    assert_eq!(key("Reyhanlı"), "reyhanli");
}

#[test]
fn key_special_letters() {
    assert_eq!(key("Straße"), "strasse");
    assert_eq!(key("Łódź"), "lodz");
    assert_eq!(key("Tromsø"), "tromso");
    assert_eq!(key("Đà Nẵng"), "da nang");
    assert_eq!(key("Œuvre"), "oeuvre");
    assert_eq!(key("Ærø"), "aero");
}

#[test]
fn key_punctuation_and_spaces() {
    // Hyphens, dashes, underscores, dots, commas and slashes are word breaks.
    assert_eq!(key("Khan-Sheikhoun"), "khan sheikhoun");
    assert_eq!(key("Khan–Sheikhoun"), "khan sheikhoun");
    assert_eq!(key("Deir ez-Zor"), "deir ez zor");
    assert_eq!(key("U.N."), "u n");
    // Runs of separators and spaces collapse; ends are trimmed.
    assert_eq!(key("  Deir   ez -- Zor  "), "deir ez zor");
    assert_eq!(key("a\t\nb"), "a b");
    // Apostrophes and ayn/hamza marks are dropped inside a word.
    assert_eq!(key("Ma‘arrat"), "maarrat");
    assert_eq!(key("Ma'arrat"), "maarrat");
    assert_eq!(key("Daʿesh"), "daesh");
    assert_eq!(key("Da'esh"), "daesh");
    assert_eq!(key("Dar`a"), "dara");
}

#[test]
fn key_of_nothing_is_empty() {
    for s in ["", " ", "---", "...", "'", " - ' . "] {
        assert_eq!(key(s), "", "{s:?}");
    }
}

#[test]
fn key_is_idempotent_and_never_has_loose_spaces() {
    for s in [
        "Mevlüt Çavuşoğlu",
        "  Khan--Sheikhoun ",
        "d'Idleb",
        "Ma‘arrat al-Nu‘man",
        "Straße / Œuvre",
        "إدلب",
        "Идлиб",
        "伊德利卜",
        "ÉTATS-UNIS",
        "🙂 a 🙂",
    ] {
        let k = key(s);
        assert_eq!(key(&k), k, "{s:?}");
        assert!(
            !k.starts_with(' ') && !k.ends_with(' ') && !k.contains("  "),
            "{s:?} -> {k:?}"
        );
        assert!(!k.chars().any(char::is_uppercase), "{s:?} -> {k:?}");
    }
}

#[test]
fn key_leaves_other_scripts_as_lowercase_letters() {
    assert_eq!(key("Идлиб"), "идлиб");
    assert_eq!(key("إدلب"), "ادلب", "hamza seat decomposed, mark dropped");
    assert_eq!(key("伊德利卜"), "伊德利卜");
}

#[test]
fn keys_adds_the_elision_split_reading() {
    assert_eq!(keys("Idleb"), ["idleb"]);
    assert_eq!(keys("d'Idleb"), ["didleb", "d idleb"]);
    assert_eq!(keys("d’Idleb"), ["didleb", "d idleb"]);
    assert_eq!(keys("Ma'arrat"), ["maarrat", "ma arrat"]);
    assert_eq!(
        keys("département d'État"),
        ["departement detat", "departement d etat"]
    );
    // A final apostrophe adds nothing new.
    assert_eq!(keys("Idleb'"), ["idleb"]);
    assert_eq!(keys(""), [""]);
}

#[test]
fn skeleton_collapses_doubled_letters() {
    assert_eq!(skeleton("shabeelle"), "~shabele");
    assert_eq!(skeleton("shabelle"), "~shabele");
    assert_eq!(skeleton("shabele"), "~shabele");
    assert_eq!(skeleton("hiiraan"), "~hiran");
    assert_eq!(skeleton("hiraan"), "~hiran");
    assert_eq!(skeleton("lower shabeelle"), "~lower shabele");
    assert_eq!(skeleton("mogadishu"), "~mogadishu");
    assert_eq!(skeleton(""), "~");
    // The marker keeps skeletons apart from exact keys.
    assert!(skeleton("idlib").starts_with('~'));
    // Collapsing again changes nothing.
    let s = skeleton("jubbada hoose");
    assert_eq!(s, "~jubada hose");
    assert_eq!(skeleton(&s[1..]), s);
}

// ---------------------------------------------------------------------------------------------
// GeoStore

fn store() -> &'static GeoStore {
    GeoStore::get()
}

#[test]
fn store_is_loaded() {
    let g = store();
    assert!(!g.is_empty());
    // Countries, first-level divisions and GeoNames places of 1,000+ people.
    assert!(g.len() > 50_000, "only {} entities", g.len());
    assert!(g.entity(0).is_some());
    assert!(g.entity(g.len() as u32 - 1).is_some());
    assert!(g.entity(g.len() as u32).is_none());
    assert!(g.entity(u32::MAX).is_none());
}

#[test]
fn country_by_alpha3() {
    let g = store();
    let syr = g.country("SYR").expect("SYR");
    assert_eq!(syr.kind, GeoKind::Country);
    assert_eq!(syr.name, "Syria");
    assert_eq!(syr.country, "SYR");
    assert_eq!(syr.id, "SYR");
    assert_eq!(syr.geonameid(), None, "countries have no GeoNames id here");
    // Coordinates are the capital's (Damascus).
    assert!((syr.lat - 33.51).abs() < 0.1 && (syr.lon - 36.29).abs() < 0.1);
    assert!(syr.extra.starts_with("SY|Syrie|"), "{}", syr.extra);

    // Codes are case-insensitive.
    let tur = g.country("tur").expect("tur");
    assert_eq!(tur.kind, GeoKind::Country);
    assert_eq!(tur.country, "TUR");
    assert_eq!(tur.name, "Türkiye");
    assert_eq!(g.country("Tur").map(|e| e.row), Some(tur.row));

    for code in ["USA", "RUS", "AFG", "SOM", "LBN", "LBY", "FRA"] {
        let e = g.country(code).unwrap_or_else(|| panic!("{code}"));
        assert_eq!((e.kind, e.country), (GeoKind::Country, code));
    }
}

#[test]
fn country_rejects_unknown_codes() {
    let g = store();
    for code in [
        "",
        "XYZ",
        "SY",
        "SYRIA",
        "IGO",
        "UNO",
        "ISM",
        "S Y",
        "ＳＹＲ",
    ] {
        assert!(g.country(code).is_none(), "{code:?}");
    }
}

fn rows(key: &str) -> Vec<GeoEntity> {
    let g = store();
    g.lookup(key).iter().filter_map(|&r| g.entity(r)).collect()
}

#[test]
fn lookup_finds_every_kind_under_its_names() {
    let g = store();
    // Idlib: the governorate (also spelt Idleb) and the city.
    let idleb = rows(&key("Idleb"));
    assert!(
        idleb
            .iter()
            .any(|e| e.kind == GeoKind::Admin1 && e.geonameid() == Some(169387)),
        "{idleb:?}"
    );
    let idlib = rows("idlib");
    assert!(idlib
        .iter()
        .any(|e| e.kind == GeoKind::Admin1 && e.country == "SYR"));
    assert!(idlib
        .iter()
        .any(|e| e.kind == GeoKind::Place && e.geonameid() == Some(169389)));
    // Countries under their English and French names.
    for name in [
        "Syrie",
        "Syria",
        "Turquie",
        "Turkey",
        "États-Unis",
        "Etats Unis",
    ] {
        assert!(
            rows(&key(name)).iter().any(|e| e.kind == GeoKind::Country),
            "{name}"
        );
    }
    // Hatay: a Turkish province.
    assert!(rows("hatay")
        .iter()
        .any(|e| e.kind == GeoKind::Admin1 && e.country == "TUR"));
    // Ambiguous names list every candidate.
    let tripoli: Vec<&str> = rows("tripoli").iter().map(|e| e.country).collect();
    assert!(
        tripoli.contains(&"LBY") && tripoli.contains(&"LBN"),
        "{tripoli:?}"
    );
    // Unknown keys, and keys that are not normalised, find nothing.
    assert!(g.lookup("zzqxv unknown place").is_empty());
    assert!(g.lookup("").is_empty());
    assert!(!g.contains("zzqxv unknown place"));
    assert!(g.contains("idlib"));
    assert!(!g.contains("Idlib"), "keys are lowercase");
}

#[test]
fn lookup_of_skeletons_finds_transliteration_variants() {
    // "Hiraan" is not a listed name of Hiiraan, but both have the same skeleton.
    assert!(
        rows(&key("Hiraan")).is_empty() || rows(&key("Hiraan")).iter().all(|e| e.name != "Hiiraan")
    );
    let hiiraan = rows(&skeleton(&key("Hiraan")));
    assert!(
        hiiraan
            .iter()
            .any(|e| e.name == "Hiiraan" && e.country == "SOM" && e.kind == GeoKind::Admin1),
        "{hiiraan:?}"
    );
    let shabeelle = rows(&skeleton(&key("Lower Shabele")));
    assert!(
        shabeelle
            .iter()
            .any(|e| e.name == "Lower Shabeelle" && e.country == "SOM"),
        "{shabeelle:?}"
    );
}

#[test]
fn entity_rows_are_consistent() {
    let g = store();
    // A sample across the whole store: every row parses, has a known kind, a 3-letter country,
    // coordinates on Earth, and its own row number.
    let n = g.len() as u32;
    for row in (0..n).step_by(97).chain([n - 1]) {
        let e = g.entity(row).unwrap_or_else(|| panic!("row {row}"));
        assert_eq!(e.row, row);
        assert_eq!(e.country.len(), 3, "{e:?}");
        assert!(!e.name.is_empty(), "{e:?}");
        assert!((-90.0..=90.0).contains(&e.lat), "{e:?}");
        assert!((-180.0..=180.0).contains(&e.lon), "{e:?}");
        if e.kind != GeoKind::Country {
            assert!(e.geonameid().is_some(), "{e:?}");
        }
    }
}

#[test]
#[ignore = "known gap: Kosovo's places and divisions are coded XKX (GeoNames) but its country row is UNK, so country(\"XKX\") is None and Kosovo places never join their country"]
fn every_row_s_country_has_a_country_row() {
    let g = store();
    let mut missing: Vec<&str> = (0..g.len() as u32)
        .filter_map(|r| g.entity(r))
        .filter(|e| g.country(e.country).is_none())
        .map(|e| e.country)
        .collect();
    missing.sort_unstable();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "country codes without a country row: {missing:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// place_ref

#[test]
fn place_ref_of_each_kind() {
    let g = store();
    let syr = g.country("SYR").expect("SYR");
    let p = place_ref(&syr);
    assert_eq!(
        (
            p.name.as_str(),
            p.country.as_str(),
            p.feature.as_str(),
            p.precision
        ),
        ("Syria", "SYR", "country", 1)
    );
    assert_eq!(p.geonameid, None);
    assert_eq!(p.admin1, None, "a country is in no division");
    assert_eq!((p.lat, p.lon), (syr.lat, syr.lon));
    // Mention and span are left for the caller.
    assert!(p.mention.is_empty());
    assert_eq!((p.span.start, p.span.end), (0, 0));

    let gov = rows("idlib")
        .into_iter()
        .find(|e| e.kind == GeoKind::Admin1)
        .expect("Idlib governorate");
    let p = place_ref(&gov);
    assert_eq!(
        (p.feature.as_str(), p.precision, p.country.as_str()),
        ("admin1", 2, "SYR")
    );
    assert_eq!(p.geonameid, Some(169387));
    assert_eq!(p.admin1.as_deref(), Some("Idlib"));

    let city = rows("idlib")
        .into_iter()
        .find(|e| e.kind == GeoKind::Place)
        .expect("Idlib city");
    let p = place_ref(&city);
    assert_eq!(
        (p.feature.as_str(), p.precision, p.country.as_str()),
        ("city", 4, "SYR")
    );
    assert_eq!(p.geonameid, Some(169389));
    assert_eq!(p.admin1.as_deref(), Some("Idlib"));
    assert_eq!((p.lat, p.lon), (city.lat, city.lon));
}

#[test]
fn haversine_distances() {
    assert_eq!(haversine_km(33.51, 36.29, 33.51, 36.29), 0.0);
    // Damascus to Aleppo: about 310 km.
    let d = haversine_km(33.5102, 36.29128, 36.20124, 37.16117);
    assert!((290.0..330.0).contains(&d), "{d}");
    // Symmetric.
    assert!((d - haversine_km(36.20124, 37.16117, 33.5102, 36.29128)).abs() < 1e-9);
    // Antipodes: half the Earth's circumference.
    let half = haversine_km(0.0, 0.0, 0.0, 180.0);
    assert!((half - 20_015.0).abs() < 10.0, "{half}");
}

// ---------------------------------------------------------------------------------------------
// ActorIndex

#[test]
fn office_holders_by_date() {
    let idx = ActorIndex::get();
    let name = |c: &str, role: &str, d: &str| idx.holder(c, role, day(d)).map(|e| e.name.as_str());
    assert_eq!(
        name("USA", "head_of_state", "2019-06-01"),
        Some("Donald Trump")
    );
    assert_eq!(
        name("USA", "head_of_state", "2022-06-01"),
        Some("Joe Biden")
    );
    assert_eq!(
        name("USA", "head_of_state", "2016-06-01"),
        Some("Barack Obama")
    );
    // Terms end the day the successor starts.
    assert_eq!(
        name("USA", "head_of_state", "2021-01-19"),
        Some("Donald Trump")
    );
    assert_eq!(
        name("USA", "head_of_state", "2021-01-20"),
        Some("Joe Biden")
    );
    // Country codes are case-insensitive.
    assert_eq!(
        name("tur", "head_of_state", "2020-02-28"),
        Some("Recep Tayyip Erdoğan")
    );
    assert_eq!(
        name("TUR", "foreign_minister", "2020-02-28"),
        Some("Mevlüt Çavuşoğlu")
    );
    // Erdogan was prime minister before he was president.
    assert_eq!(
        name("TUR", "head_of_government", "2010-01-01"),
        Some("Recep Tayyip Erdoğan")
    );
    assert_ne!(
        name("TUR", "head_of_state", "2010-01-01"),
        Some("Recep Tayyip Erdoğan")
    );
    // An unknown role or country has no holder.
    assert_eq!(name("TUR", "astronaut", "2020-02-28"), None);
    assert_eq!(name("XYZ", "head_of_state", "2020-02-28"), None);
    // Organisations' officers: NATO's secretary general.
    assert_eq!(
        name("NATO", "secretary_general", "2020-02-28"),
        Some("Jens Stoltenberg")
    );
    assert_eq!(
        name("NATO", "secretary_general", "2025-02-28"),
        Some("Mark Rutte")
    );
}

#[test]
fn actor_names_and_aliases_are_indexed_by_key() {
    let idx = ActorIndex::get();
    let kinds = |name: &str| -> Vec<(ActorKind, String)> {
        idx.lookup(&key(name))
            .iter()
            .map(|&i| (idx.entries[i].kind, idx.entries[i].name.clone()))
            .collect()
    };
    let nato = (
        ActorKind::Igo,
        "North Atlantic Treaty Organization".to_string(),
    );
    assert!(kinds("OTAN").contains(&nato));
    assert!(kinds("NATO").contains(&nato));
    let is = (ActorKind::ArmedGroup, "Islamic State".to_string());
    for alias in ["Daech", "Daesh", "ISIS", "État islamique", "Etat islamique"] {
        assert!(kinds(alias).contains(&is), "{alias}: {:?}", kinds(alias));
    }
    let shabaab = (ActorKind::ArmedGroup, "al-Shabaab".to_string());
    for alias in ["al-Shabaab", "al Shabaab", "shebab"] {
        assert!(kinds(alias).contains(&shabaab), "{alias}");
    }
    for alias in ["Mevlüt Çavuşoğlu", "Mevlut Cavusoglu", "MEVLÜT ÇAVUŞOĞLU"] {
        assert!(kinds(alias)
            .iter()
            .any(|(k, n)| *k == ActorKind::Person && n == "Mevlüt Çavuşoğlu"));
    }
    let washington = kinds("Washington");
    assert!(
        washington.iter().any(|(k, _)| *k == ActorKind::Metonym),
        "{washington:?}"
    );
    assert!(idx.lookup("zzqxv nobody").is_empty());
    assert!(idx.starts_name("mevlut"));
    assert!(!idx.starts_name("zzqxv"));
    assert!(idx.max_tokens >= 3);
}

#[test]
fn consonant_skeleton_joins_vowel_variants_and_refuses_short_names() {
    assert_eq!(consonants("urozgan"), consonants("oruzgan"));
    assert_eq!(consonants("urozgan").as_deref(), Some("^rzgn"));
    // A word of vowels only ("e", "i") disappears: Sar-e Pol and Sar-i Pul meet.
    assert_eq!(consonants("sar e pol"), consonants("sar i pul"));
    // Three consonants collide too often to be trusted.
    assert_eq!(consonants("bari"), None);
    assert_eq!(consonants(""), None);
}

#[test]
fn a_vowel_variant_of_a_province_finds_only_that_province() {
    let geo = GeoStore::get();
    let rows = geo.lookup(&consonants("urozgan").unwrap_or_default());
    let ents: Vec<GeoEntity> = rows.iter().filter_map(|r| geo.entity(*r)).collect();
    assert_eq!(ents.len(), 1, "{ents:?}");
    assert_eq!(ents[0].kind, GeoKind::Admin1);
    assert_eq!(ents[0].country, "AFG");
}
