//! Behaviour tests for the trigger families of the English and French lexicons: each sentence is
//! written for this test (not taken from any gold data) and must give its PLOVER event type, and
//! the actor and recipient countries where the sentence names them.

use chrono::NaiveDate;
use sitrep_coding::Coded;
use sitrep_events::EventType;
use sitrep_ingest::IngestConfig;
use sitrep_text::Language;

fn code(text: &str, lang: &str) -> Coded {
    let cfg = IngestConfig {
        published: NaiveDate::from_ymd_opt(2021, 3, 1),
        language: Some(lang.into()),
        ..IngestConfig::default()
    };
    let doc = sitrep_ingest::read_bytes(text.as_bytes(), "t.txt", &cfg)
        .into_iter()
        .next()
        .expect("a document")
        .expect("readable");
    let l: &dyn Language = match lang {
        "fr" => &sitrep_lang_fr::French,
        _ => &sitrep_lang_en::English,
    };
    let a = sitrep_text::analyze(&doc.text, l, doc.reference_date());
    let m = sitrep_gazetteer::recognize(&doc.text, &a, l, doc.reference_date());
    sitrep_coding::code(&doc, &a, &m, l)
}

fn countries(v: &[sitrep_events::ActorRef]) -> Vec<String> {
    let mut c: Vec<String> = v.iter().filter_map(|a| a.country.clone()).collect();
    c.sort();
    c.dedup();
    c
}

/// The sentence gives an event of type `t`; when given, its actor and recipient countries.
fn expect(lang: &str, text: &str, t: EventType, actor: &[&str], recipient: &[&str]) {
    let c = code(text, lang);
    let found: Vec<_> = c
        .events
        .iter()
        .map(|e| (e.event_type, countries(&e.actor), countries(&e.recipient)))
        .collect();
    let ok = c.events.iter().any(|e| {
        e.event_type == t
            && (actor.is_empty() || countries(&e.actor) == actor)
            && (recipient.is_empty() || countries(&e.recipient) == recipient)
    });
    assert!(
        ok,
        "{text:?}: expected {t:?} {actor:?} -> {recipient:?}, got {found:?}"
    );
}

#[test]
fn english_verb_families() {
    use EventType::*;
    expect(
        "en",
        "Kenyan police detained dozens of opposition supporters in Nairobi on Tuesday.",
        Coerce,
        &["KEN"],
        &[],
    );
    expect(
        "en",
        "Ethiopian troops invaded Eritrea on Monday.",
        Assault,
        &["ETH"],
        &["ERI"],
    );
    expect(
        "en",
        "Pakistan sued India on Monday.",
        Accuse,
        &["PAK"],
        &["IND"],
    );
    expect(
        "en",
        "Gunmen tried to assassinate the Mexican governor on Monday.",
        Assault,
        &[],
        &["MEX"],
    );
    expect(
        "en",
        "Indonesian rebels vowed to fight until independence on Sunday.",
        Threaten,
        &["IDN"],
        &[],
    );
}

#[test]
fn english_light_verb_phrases() {
    use EventType::*;
    expect(
        "en",
        "Hundreds of Chilean miners began a hunger strike on Friday.",
        Protest,
        &[],
        &[],
    );
    expect(
        "en",
        "The Peruvian government imposed a curfew in Lima on Sunday.",
        Coerce,
        &[],
        &[],
    );
    expect(
        "en",
        "Bolivian truckers blocked several roads near La Paz on Monday.",
        Protest,
        &[],
        &[],
    );
    expect(
        "en",
        "Brazil granted political asylum to three Venezuelan dissidents on Thursday.",
        Aid,
        &["BRA"],
        &["VEN"],
    );
    expect(
        "en",
        "Germany sent emergency aid to Turkey on Wednesday.",
        Aid,
        &["DEU"],
        &["TUR"],
    );
    expect(
        "en",
        "The French president cancelled his visit to Algeria on Tuesday.",
        Sanction,
        &["FRA"],
        &["DZA"],
    );
    expect(
        "en",
        "Ghana and Togo reached a consensus on the border dispute on Friday.",
        Agree,
        &["GHA", "TGO"],
        &[],
    );
    expect(
        "en",
        "Argentina and Uruguay failed to reach an agreement on the river dispute on Friday.",
        Reject,
        &["ARG", "URY"],
        &[],
    );
    expect(
        "en",
        "Nepal lifted the ban on public gatherings on Monday.",
        Concede,
        &["NPL"],
        &[],
    );
    expect(
        "en",
        "Egypt lodged a formal protest with Sudan on Sunday.",
        Accuse,
        &["EGY"],
        &["SDN"],
    );
    expect(
        "en",
        "Senegal and Mauritania established diplomatic ties on Tuesday.",
        Support,
        &["MRT", "SEN"],
        &[],
    );
    expect(
        "en",
        "The Colombian army reinforced its troops on the Venezuelan border on Friday.",
        Mobilize,
        &["COL"],
        &[],
    );
    expect(
        "en",
        "Ukrainian students threw stones at police in Kyiv on Saturday.",
        Protest,
        &[],
        &[],
    );
}

#[test]
fn french_mirrors() {
    use EventType::*;
    expect(
        "fr",
        "Des ouvriers chiliens ont entamé une grève de la faim vendredi.",
        Protest,
        &[],
        &[],
    );
    expect(
        "fr",
        "Le gouvernement péruvien a imposé un couvre-feu à Lima dimanche.",
        Coerce,
        &[],
        &[],
    );
    expect(
        "fr",
        "L'Éthiopie a envahi l'Érythrée lundi.",
        Assault,
        &[],
        &[],
    );
    expect(
        "fr",
        "Le président français a annulé sa visite en Algérie mardi.",
        Sanction,
        &[],
        &[],
    );
    expect(
        "fr",
        "Le Brésil a accordé l'asile politique à trois opposants vénézuéliens jeudi.",
        Aid,
        &[],
        &[],
    );
    expect(
        "fr",
        "L'armée colombienne a renforcé ses troupes à la frontière lundi.",
        Mobilize,
        &[],
        &[],
    );
}
