//! Second-level divisions (districts): named by their type word in English ("Imam Sahib
//! district") and French ("le district de Kishim"), placed inside their province, and never
//! taken for a town or a person when the text says "district". Texts written for these tests.

use sitrep_events::PlaceRef;
use sitrep_gazetteer::{haversine_km, recognize, GeoKind, GeoStore, Mention};
use sitrep_text::Language;

const FR: &dyn Language = &sitrep_lang_fr::French;
const EN: &dyn Language = &sitrep_lang_en::English;

fn run(lang: &dyn Language, text: &str) -> Vec<Mention> {
    let a = sitrep_text::analyze(text, lang, None);
    recognize(text, &a, lang, None)
}

/// The place resolved from the mention whose words are exactly `words`.
fn place<'a>(ms: &'a [Mention], words: &str) -> &'a PlaceRef {
    let dump: Vec<String> = ms
        .iter()
        .map(|m| {
            format!(
                "{:?} {:?} {:?}",
                m.text,
                m.kind,
                m.place.as_ref().map(|p| (&p.name, &p.feature, &p.admin1))
            )
        })
        .collect();
    ms.iter()
        .find(|m| m.text == words)
        .and_then(|m| m.place.as_ref())
        .unwrap_or_else(|| panic!("no place {words:?} in {dump:#?}"))
}

/// The most precise place of a text, first one first: what a geocoder of the whole text gives.
fn most_precise(ms: &[Mention]) -> Option<&PlaceRef> {
    ms.iter()
        .filter_map(|m| m.place.as_ref())
        .enumerate()
        .max_by_key(|(i, p)| (p.precision.min(4), std::cmp::Reverse(*i)))
        .map(|(_, p)| p)
}

/// The point of a first-level division of a country.
fn admin1_point(country: &str, name: &str) -> (f64, f64) {
    let geo = GeoStore::get();
    let e = geo
        .lookup(&sitrep_gazetteer::normalize::key(name))
        .into_iter()
        .filter_map(|r| geo.entity(r))
        .find(|e| e.kind == GeoKind::Admin1 && e.country == country)
        .unwrap_or_else(|| panic!("no admin1 {name} in {country}"));
    (e.lat, e.lon)
}

fn assert_district(p: &PlaceRef, name: &str, admin1: &str, country: &str) {
    // Canonical names keep GeoNames' diacritics ("Imām Şāḩib"): compared by name key.
    let key = sitrep_gazetteer::normalize::key;
    assert_eq!(
        (key(&p.name), p.feature.as_str(), p.precision),
        (key(name), "admin2", 3),
        "{p:?}"
    );
    assert_eq!(p.admin1.as_deref(), Some(admin1), "{p:?}");
    assert_eq!(p.admin2.as_deref().map(key), Some(key(name)), "{p:?}");
    assert_eq!(p.country, country, "{p:?}");
    assert!(
        p.geonameid.is_some(),
        "a district is a GeoNames feature: {p:?}"
    );
    // Its point lies in its province: well within a province's size of the province's point.
    let (lat, lon) = admin1_point(country, admin1);
    let km = haversine_km(p.lat, p.lon, lat, lon);
    assert!(km < 200.0, "{name} is {km:.0} km from {admin1}: {p:?}");
}

#[test]
fn en_name_before_district_word_is_the_district_and_the_province_after_it_is_the_province() {
    let ms = run(
        EN,
        "On 19 March 2020, 2 soldiers were killed when Taliban militants attacked a check point \
         in the Kanjak area of Imam Sahib district, Kunduz.",
    );
    // "Imam" is also a title and a sector noun: the district word decides.
    assert_district(place(&ms, "Imam Sahib"), "Imam Sahib", "Kunduz", "AFG");
    // "Kunduz" after "X district," is the province, not the city of the same name.
    let k = place(&ms, "Kunduz");
    assert_eq!((k.feature.as_str(), k.precision), ("admin1", 2), "{k:?}");
    // The most specific place named wins: the district, though the village is unknown.
    assert_eq!(
        most_precise(&ms).map(|p| p.mention.as_str()),
        Some("Imam Sahib")
    );
}

#[test]
fn fr_district_word_before_the_name_is_the_district() {
    let ms = run(
        FR,
        "Des talibans ont attaqué un poste de police dans le district de Kishim, dans la \
         province du Badakhshan, selon les autorités afghanes.",
    );
    assert_district(place(&ms, "Kishim"), "Kishim", "Badakhshan", "AFG");
}

#[test]
fn two_districts_of_one_name_are_told_apart_by_the_province_after_them() {
    let badghis = run(
        EN,
        "A Taliban sniper killed 1 soldier in Muqur district, Badghis.",
    );
    assert_district(place(&badghis, "Muqur"), "Muqur", "Badghis", "AFG");
    let ghazni = run(
        EN,
        "A Taliban sniper killed 1 soldier in Muqur district, Ghazni.",
    );
    let p = place(&ghazni, "Muqur");
    assert_eq!(
        (p.feature.as_str(), p.admin1.as_deref()),
        ("admin2", Some("Ghazni")),
        "{p:?}"
    );
}

#[test]
fn capitalised_district_word_and_a_parenthesised_other_name_still_name_the_district() {
    let ms = run(
        EN,
        "Clashes were reported in Imam Sahib District of Kunduz province.",
    );
    assert_district(place(&ms, "Imam Sahib"), "Imam Sahib", "Kunduz", "AFG");
    let ms = run(
        EN,
        "4 soldiers were killed in an attack on a check point in Khash Rod (Delaram) district, \
         Nimruz.",
    );
    assert_district(place(&ms, "Khash Rod"), "Khash Rod", "Nimruz", "AFG");
}

#[test]
fn a_name_without_the_district_word_stays_the_town() {
    // "Imam Sahib" the town (a district seat) is the more precise reading.
    let ms = run(
        EN,
        "Taliban militants attacked a check point in Kunduz city and in Jurm, Badakhshan.",
    );
    let k = place(&ms, "Kunduz");
    assert_eq!(k.feature, "city", "{k:?}");
    let j = place(&ms, "Jurm");
    assert_eq!((j.feature.as_str(), j.precision), ("city", 4), "{j:?}");
}

#[test]
fn somali_town_and_region_in_parentheses_keep_the_town() {
    let ms = run(
        EN,
        "Al Shabaab engaged government forces in an armed clash near Masjid village (Cadale, \
         Middle Shabelle).",
    );
    let p = place(&ms, "Cadale");
    assert_eq!(
        (p.feature.as_str(), p.country.as_str()),
        ("city", "SOM"),
        "{p:?}"
    );
}

#[test]
fn store_has_districts_with_their_type_word() {
    let geo = GeoStore::get();
    assert!(geo.is_admin2_type("district") && geo.is_admin2_type("districts"));
    assert!(geo.is_admin2_type("cercle"));
    assert!(!geo.is_admin2_type("village") && !geo.is_admin2_type("the"));
    let ents: Vec<_> = geo
        .lookup("imam sahib")
        .into_iter()
        .filter_map(|r| geo.entity(r))
        .filter(|e| e.kind == GeoKind::Admin2)
        .collect();
    assert_eq!(ents.len(), 1, "{ents:?}");
    let e = &ents[0];
    assert_eq!(
        (e.country, e.admin1, e.division_type()),
        ("AFG", "Kunduz", "district")
    );
    assert!(e.geonameid().is_some());
}

#[test]
fn admin2_rows_are_told_without_parsing_them() {
    let geo = GeoStore::get();
    for r in (0..geo.len() as u32).step_by(97) {
        let kind = geo.entity(r).map(|e| e.kind);
        assert_eq!(
            geo.is_admin2_row(r),
            kind == Some(GeoKind::Admin2),
            "row {r}"
        );
    }
}
