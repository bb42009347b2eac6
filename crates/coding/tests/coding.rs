//! Event coding end to end on real text: the reference story (when `../shared` is present) and
//! the bundled examples, through ingest, the text layer, the gazetteer and the coder.

use chrono::NaiveDate;
use sitrep_coding::Coded;
use sitrep_events::{EventRecord, EventType, Modality};
use sitrep_ingest::IngestConfig;
use sitrep_text::Language;

fn code_file(path: &str, published: Option<&str>) -> Option<Coded> {
    let bytes = std::fs::read(path).ok()?;
    let cfg = IngestConfig {
        published: published.and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()),
        ..IngestConfig::default()
    };
    code_bytes(&bytes, path, &cfg)
}

/// Ingests, analyses, recognises and codes the first document of `bytes`.
fn code_bytes(bytes: &[u8], name: &str, cfg: &IngestConfig) -> Option<Coded> {
    let doc = sitrep_ingest::read_bytes(bytes, name, cfg)
        .into_iter()
        .next()?
        .ok()?;
    let lang: &dyn Language = match doc.language.as_deref() {
        Some("fr") => &sitrep_lang_fr::French,
        _ => &sitrep_lang_en::English,
    };
    let a = sitrep_text::analyze(&doc.text, lang, doc.reference_date());
    let m = sitrep_gazetteer::recognize(&doc.text, &a, lang, doc.reference_date());
    Some(sitrep_coding::code(&doc, &a, &m, lang))
}

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn countries(v: &[sitrep_events::ActorRef]) -> Vec<String> {
    let mut c: Vec<String> = v.iter().filter_map(|a| a.country.clone()).collect();
    c.sort();
    c.dedup();
    c
}

fn find(c: &Coded, t: EventType, pred: impl Fn(&EventRecord) -> bool) -> &EventRecord {
    c.events
        .iter()
        .find(|e| e.event_type == t && pred(e))
        .unwrap_or_else(|| {
            panic!(
                "no {t:?} event matching; events: {:#?}",
                c.events
                    .iter()
                    .map(|e| (
                        e.event_type,
                        countries(&e.actor),
                        countries(&e.recipient),
                        e.modality
                    ))
                    .collect::<Vec<_>>()
            )
        })
}

/// Every event of type `t`.
fn of_type(c: &Coded, t: EventType) -> Vec<&EventRecord> {
    c.events.iter().filter(|e| e.event_type == t).collect()
}

/// Asserts that no event of type `t` was coded.
fn assert_no(c: &Coded, t: EventType) {
    assert!(of_type(c, t).is_empty(), "{:#?}", c.events);
}

#[test]
fn reference_story() {
    let path = format!(
        "{}/../../../shared/seed/idleb-fr.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let Some(c) = code_file(&path, Some("2020-02-28")) else {
        eprintln!("skipped: {path} not found");
        return;
    };
    // REQUEST: Washington (US government) asks Moscow and Damascus (2020-02-27, "jeudi").
    let e = find(&c, EventType::Request, |e| countries(&e.actor) == ["USA"]);
    assert_eq!(countries(&e.recipient), ["RUS", "SYR"]);
    assert_eq!(
        e.date
            .as_ref()
            .and_then(|d| d.start)
            .map(|d| d.to_string())
            .as_deref(),
        Some("2020-02-27")
    );
    assert!(
        e.evidence
            .iter()
            .any(|ev| ev.text.contains("appelle Moscou et Damas")),
        "headline is evidence"
    );
    // SUPPORT: the US supports Turkey.
    let e = find(&c, EventType::Support, |e| e.modality == Modality::Asserted);
    assert_eq!(
        (countries(&e.actor), countries(&e.recipient)),
        (vec!["USA".to_string()], vec!["TUR".to_string()])
    );
    // ASSAULT aerial: the Syrian government on Turkish soldiers in Idlib, >= 33 killed, 36 injured.
    let e = find(&c, EventType::Assault, |e| {
        e.mode.as_deref() == Some("aerial")
    });
    assert_eq!(countries(&e.actor), ["SYR"]);
    assert_eq!(countries(&e.recipient), ["TUR"]);
    assert!(e
        .recipient
        .iter()
        .all(|r| r.sector.contains(&"MIL".to_string())));
    let killed = e.counts.killed.as_ref().expect("killed");
    assert_eq!(
        (killed.best, killed.min, killed.qualifier.as_str()),
        (33.0, Some(33.0), "at_least")
    );
    assert_eq!(e.counts.injured.as_ref().map(|k| k.best), Some(36.0));
    let loc = e.location.as_ref().expect("location");
    assert_eq!((loc.name.as_str(), loc.country.as_str()), ("Idlib", "SYR"));
    assert_eq!(
        e.date
            .as_ref()
            .and_then(|d| d.start)
            .map(|d| d.to_string())
            .as_deref(),
        Some("2020-02-27")
    );
    assert_eq!(
        e.acled.as_ref().map(|a| a.sub_event_type.as_str()),
        Some("Air/drone strike")
    );
    // Every count can be checked against the text.
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(killed.span.slice(&text), "Au moins 33");
    // CONSULT by phone: Cavusoglu (TUR foreign minister) with Stoltenberg (NATO).
    let e = find(&c, EventType::Consult, |_| true);
    assert_eq!(e.mode.as_deref(), Some("phone"));
    assert_eq!(e.actor[0].role.as_deref(), Some("foreign_minister"));
    assert_eq!(e.actor[0].country.as_deref(), Some("TUR"));
    assert!(e.recipient[0].name.contains("Stoltenberg"));
    assert!(e.recipient[0]
        .affiliation
        .as_deref()
        .is_some_and(|a| a.contains("North Atlantic")));
    // AGREE: Turkey and Russia, September 2018, background.
    let e = find(&c, EventType::Agree, |_| true);
    assert_eq!(countries(&e.actor), ["RUS", "TUR"]);
    assert_eq!(e.modality, Modality::Historical);
    assert_eq!(e.date.as_ref().map(|d| d.value.as_str()), Some("2018-09"));
    // ASSAULT on civilians by the regime and Russian forces: more than 1,800 killed since 2018-09.
    let e = find(&c, EventType::Assault, |e| {
        e.counts.killed.as_ref().is_some_and(|k| k.best == 1800.0)
    });
    assert_eq!(countries(&e.actor), ["RUS", "SYR"]);
    assert!(e
        .recipient
        .iter()
        .any(|r| r.sector.contains(&"CVL".to_string())));
    assert_eq!(
        e.counts.killed.as_ref().map(|k| k.qualifier.as_str()),
        Some("more_than")
    );
    assert_eq!(
        e.date
            .as_ref()
            .and_then(|d| d.start)
            .map(|d| d.to_string())
            .as_deref(),
        Some("2018-09-01")
    );
    // Figures: 4 million in the zone, 1.7 million displaced, 3.7 million refugees hosted.
    let fig = |kind: &str, v: f64| {
        c.figures
            .iter()
            .any(|f| f.kind == kind && f.value.best == v)
    };
    assert!(fig("population", 4_000_000.0));
    assert!(fig("displaced", 1_700_000.0));
    assert!(fig("refugees", 3_700_000.0));
    // Quotes: two by the State Department spokesperson (US government), one by Rahmi Dogan.
    let long: Vec<_> = c.quotes.iter().filter(|q| q.text.len() > 40).collect();
    assert_eq!(long.len(), 3);
    assert_eq!(
        long[0].speaker.as_ref().and_then(|s| s.country.as_deref()),
        Some("USA")
    );
    assert_eq!(
        long[1].speaker.as_ref().and_then(|s| s.country.as_deref()),
        Some("USA")
    );
    assert!(long[2]
        .speaker
        .as_ref()
        .is_some_and(|s| s.name.contains("Rahmi Dogan") && s.role.as_deref() == Some("governor")));
    // "nous examinons les options" is not an asserted event (nor an AGREE); it is kept, flagged.
    let soutenir = |e: &&EventRecord| {
        e.evidence
            .iter()
            .any(|ev| ev.field == "trigger" && ev.text == "soutenir")
    };
    assert!(c
        .events
        .iter()
        .filter(soutenir)
        .all(|e| e.modality == Modality::Future && e.event_type == EventType::Support));
    assert!(c.events.iter().any(|e| soutenir(&e)), "kept with its flag");
    // Records are reproducible: the same input gives the same ids.
    let again = code_file(&path, Some("2020-02-28")).unwrap();
    assert_eq!(
        c.events.iter().map(|e| &e.id).collect::<Vec<_>>(),
        again.events.iter().map(|e| &e.id).collect::<Vec<_>>()
    );
}

#[test]
fn english_wire_story() {
    let c = code_file(&example("en-wire-somalia-style.html"), None).expect("example reads");
    // The hotel attack on Tuesday (2024-07-16): at least 14 killed, 22 wounded, in Beledweyne.
    let e = find(&c, EventType::Assault, |e| {
        e.counts.injured.as_ref().is_some_and(|k| k.best == 22.0)
    });
    let killed = e.counts.killed.as_ref().expect("killed");
    assert_eq!((killed.best, killed.qualifier.as_str()), (14.0, "at_least"));
    assert_eq!(
        e.location.as_ref().map(|l| l.name.as_str()),
        Some("Beledweyne")
    );
    assert_eq!(
        e.date
            .as_ref()
            .and_then(|d| d.start)
            .map(|d| d.to_string())
            .as_deref(),
        Some("2024-07-16")
    );
    assert_eq!(e.mode.as_deref(), Some("explosives"));
    // Eleven arrests.
    let e = find(&c, EventType::Coerce, |e| e.counts.arrested.is_some());
    assert_eq!(e.counts.arrested.as_ref().map(|k| k.best), Some(11.0));
    // The September 2022 agreement is background.
    let e = find(&c, EventType::Agree, |e| e.modality == Modality::Historical);
    assert_eq!(e.date.as_ref().map(|d| d.value.as_str()), Some("2022-09"));
    // "More than 3,000 families displaced" is a figure.
    assert!(c
        .figures
        .iter()
        .any(|f| f.kind == "displaced" && f.value.best == 3000.0));
    // Quotes have speakers where the text names them.
    assert!(
        c.quotes
            .iter()
            .any(|q| q.speaker.as_ref().is_some_and(|s| s.name.contains("Gedi"))),
        "{:#?}",
        c.quotes.iter().map(|q| &q.speaker).collect::<Vec<_>>()
    );
}

#[test]
fn french_wire_page() {
    let c = code_file(&example("fr-wire-idleb-style.html"), None).expect("example reads");
    // Shelling, at least 17 killed, 29 wounded, on Wednesday evening (2024-03-13).
    let e = find(&c, EventType::Assault, |e| {
        e.counts.injured.as_ref().is_some_and(|k| k.best == 29.0)
    });
    assert_eq!(
        e.counts
            .killed
            .as_ref()
            .map(|k| (k.best, k.qualifier.as_str())),
        Some((17.0, "at_least"))
    );
    assert_eq!(
        e.date
            .as_ref()
            .and_then(|d| d.start)
            .map(|d| d.to_string())
            .as_deref(),
        Some("2024-03-13")
    );
    // Paris calls on the M23 and on Rwanda.
    let e = find(&c, EventType::Request, |e| countries(&e.actor) == ["FRA"]);
    assert!(countries(&e.recipient).contains(&"RWA".to_string()));
    // The November 2022 agreement in Luanda is background.
    assert!(c.events.iter().any(|e| e.modality == Modality::Historical
        && e.date.as_ref().is_some_and(|d| d.value == "2022-11")));
    // The page furniture's numbers (comments, "Lire aussi") are not counted anywhere.
    assert!(c
        .events
        .iter()
        .all(|e| e.counts.killed.as_ref().is_none_or(|k| k.best != 11.0)));
}

/// Codes one English text published on `date`.
fn code_en(text: &str, date: &str) -> Coded {
    let published = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    let cfg = IngestConfig {
        published,
        language: Some("en".into()),
        ..IngestConfig::default()
    };
    code_bytes(text.as_bytes(), "t.txt", &cfg).expect("a document")
}

fn sectors(v: &[sitrep_events::ActorRef]) -> Vec<String> {
    v.iter().flat_map(|a| a.sector.clone()).collect()
}

#[test]
fn active_and_passive_casualty_verbs_put_the_sides_the_right_way_round() {
    // Active past tense with its object: the subject acts, the object suffers.
    let c = code_en(
        "On 2 May 2025, Al Shabaab militants killed 3 civilians in Jilib town.",
        "2025-05-03",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(sectors(&e.actor), ["REB"], "{e:?}");
    assert_eq!(sectors(&e.recipient), ["CVL"], "{e:?}");
    assert_eq!(e.counts.killed.as_ref().map(|k| k.best), Some(3.0));
    let acled = e.acled.as_ref().expect("ACLED coding");
    assert_eq!(acled.event_type, "Violence against civilians");

    // "a police officer": the English article is no preposition.
    let c = code_en(
        "On 3 May 2025, a police officer shot and killed a civilian in Baidoa town.",
        "2025-05-04",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(sectors(&e.actor), ["COP"], "{e:?}");
    assert_eq!(sectors(&e.recipient), ["CVL"], "{e:?}");

    // Passive: the victims come first, the agent after "by".
    let c = code_en(
        "On 4 May 2025, 2 civilians were shot and killed by gunmen in Baidoa town.",
        "2025-05-05",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(sectors(&e.recipient), ["CVL"], "{e:?}");
    assert_eq!(e.counts.killed.as_ref().map(|k| k.best), Some(2.0));
}

#[test]
fn counts_of_coordinated_clauses_and_ranges() {
    // The wounded of the second clause are not added to the dead of the first.
    let c = code_en(
        "On 5 March 2020, 3 policemen were killed and 8 were wounded in an attack by Taliban \
         militants in Baghlan province.",
        "2020-03-06",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(e.counts.killed.as_ref().map(|k| k.best), Some(3.0), "{e:?}");
    assert_eq!(
        e.counts.injured.as_ref().map(|k| k.best),
        Some(8.0),
        "{e:?}"
    );
    // A range counts from its lower bound, as casualty datasets code it.
    let c = code_en(
        "On 5 March 2020, 5-6 policemen were killed in an attack by Taliban militants in Zabul \
         province.",
        "2020-03-06",
    );
    let e = find(&c, EventType::Assault, |_| true);
    let k = e.counts.killed.as_ref().expect("a death toll");
    assert_eq!((k.best, k.min, k.max), (5.0, Some(5.0), Some(6.0)), "{e:?}");
}

#[test]
fn armed_forces_that_gather_or_arrive_move_while_ministers_visit() {
    let c = code_en(
        "On 5 November 2025, Al Shabaab militants gathered in Turdho village.",
        "2025-11-06",
    );
    let e = find(&c, EventType::Mobilize, |_| true);
    assert_eq!(sectors(&e.actor), ["REB"], "{e:?}");
    let c = code_en(
        "On 25 December 2025, Al Shabaab fighters arrived in Kismayo.",
        "2025-12-26",
    );
    find(&c, EventType::Mobilize, |_| true);
    let c = code_en(
        "On 3 May 2025, the Turkish foreign minister arrived in Mogadishu for talks.",
        "2025-05-04",
    );
    assert_no(&c, EventType::Mobilize);
    // Civilians who gather are no movement of forces.
    let c = code_en(
        "On 4 May 2025, hundreds of residents gathered in the market square.",
        "2025-05-05",
    );
    assert_no(&c, EventType::Mobilize);
}

#[test]
fn a_light_verb_gives_an_event_noun_its_agent() {
    // "conducted airstrikes": the subject of the light verb carried out the strike.
    let c = code_en(
        "On 3 May 2025, US forces conducted airstrikes targeting Al Shabaab near Jilib town.",
        "2025-05-04",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(countries(&e.actor), ["USA"], "{e:?}");
    assert_eq!(e.mode.as_deref(), Some("aerial"));
    // French: "a mené une frappe".
    let cfg = IngestConfig {
        published: NaiveDate::from_ymd_opt(2020, 2, 28),
        language: Some("fr".into()),
        ..IngestConfig::default()
    };
    let c = code_bytes(
        "L'armée turque a mené une frappe aérienne contre des positions kurdes près de Kobané."
            .as_bytes(),
        "t.txt",
        &cfg,
    )
    .expect("a document");
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(countries(&e.actor), ["TUR"], "{e:?}");
    // A light verb across a comma is not the noun's; and an event noun that is the subject of
    // a casualty verb keeps a name further left from becoming the killer.
    let c = code_en(
        "The army launched an inquiry, days after an airstrike killed 4 civilians in Jilib.",
        "2025-05-04",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert!(e.actor.iter().all(|a| a.inferred.is_some()), "{e:?}");
}

#[test]
fn a_casualty_sentence_after_an_attack_gives_its_toll() {
    // The toll follows in its own sentence, naming the victims but not the attacker.
    let c = code_en(
        "On 3 May 2025, US forces conducted airstrikes targeting Al Shabaab near Jilib town. \
         More than 30 militants were killed, including several commanders.",
        "2025-05-04",
    );
    let assaults = of_type(&c, EventType::Assault);
    assert_eq!(assaults.len(), 1, "{assaults:#?}");
    let killed = assaults[0]
        .counts
        .killed
        .as_ref()
        .expect("the toll joins the strike");
    assert_eq!(
        (killed.best, killed.qualifier.as_str()),
        (30.0, "more_than")
    );
    // An attack told without its target hit the victims the next sentence counts.
    let c = code_en(
        "On 5 April 2025, clan militia attacked a village near Jowhar. 1 civilian was killed.",
        "2025-04-06",
    );
    let e = find(&c, EventType::Assault, |e| e.counts.killed.is_some());
    assert_eq!(sectors(&e.recipient), ["CVL"], "{e:?}");
    assert_eq!(
        e.acled.as_ref().map(|a| a.event_type.as_str()),
        Some("Violence against civilians")
    );
    // A toll in another place is another event.
    let c = code_en(
        "On 3 May 2025, US forces conducted airstrikes near Jilib town. \
         Separately, 4 civilians were killed in Baidoa.",
        "2025-05-04",
    );
    let strike = find(&c, EventType::Assault, |e| !e.actor.is_empty());
    assert!(strike.counts.killed.is_none(), "{strike:?}");
}

fn inter1(e: &EventRecord) -> Option<u8> {
    e.acled.as_ref().and_then(|a| a.inter1)
}

#[test]
fn acled_actor_categories_follow_the_codebook() {
    // Clan and sub-clan militias are identity militias (4); their victims from a clan are
    // civilians (7).
    let c = code_en(
        "On 5 May 2025, Hawiye-Abgal sub-clan militia attacked civilians from the Darod clan \
         near Jowhar town. 2 civilians were killed.",
        "2025-05-06",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(inter1(e), Some(4), "{e:?}");
    assert_eq!(e.acled.as_ref().and_then(|a| a.inter2), Some(7), "{e:?}");
    // Two clans' militias fighting: a battle between identity militias.
    let c = code_en(
        "On 5 May 2025, Marehan clan militias clashed with Ogaden clan militias near Luuq town.",
        "2025-05-06",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(
        e.acled.as_ref().map(|a| (a.event_type.as_str(), a.inter1)),
        Some(("Battles", Some(4))),
        "{e:?}"
    );
    // State forces outside their country, and "international forces", are external forces (8);
    // the country's own army is state forces (1), and "SNA" in a Somali story is its army.
    let c = code_en(
        "On 8 January 2026, US forces conducted airstrikes targeting Al Shabaab near Jilib town.",
        "2026-01-09",
    );
    assert_eq!(inter1(find(&c, EventType::Assault, |_| true)), Some(8));
    let c = code_en(
        "On 8 January 2026, international forces launched an airstrike against Al Shabaab \
         near Jilib town.",
        "2026-01-09",
    );
    assert_eq!(inter1(find(&c, EventType::Assault, |_| true)), Some(8));
    let c = code_en(
        "On 8 January 2026, government security forces (SNA) clashed with Al Shabaab near \
         Jilib town.",
        "2026-01-09",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(inter1(e), Some(1), "{e:?}");
    assert!(
        e.actor.iter().all(|a| a.name != "Syrian National Army"),
        "{:?}",
        e.actor
    );
    // An African Union mission's soldiers are the mission's, and external.
    let c = code_en(
        "On 25 June 2025, AUSSOM soldiers shot and killed 3 farmers near Afgooye town.",
        "2025-06-26",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(inter1(e), Some(8), "{e:?}");
    assert!(
        e.actor.iter().any(|a| a.name.contains("African Union")),
        "{:?}",
        e.actor
    );
}

#[test]
fn armed_groups_seen_or_setting_up_positions_are_a_change_of_posture() {
    let c = code_en(
        "On 19 April 2025, about 200 heavily armed Al Shabaab fighters were sighted near Jowhar town.",
        "2025-04-20",
    );
    let e = find(&c, EventType::Mobilize, |_| true);
    assert_eq!(
        e.acled.as_ref().map(|a| a.event_type.as_str()),
        Some("Strategic developments")
    );
    let c = code_en(
        "On 8 December 2025, the militia erected a checkpoint near Borama.",
        "2025-12-09",
    );
    find(&c, EventType::Mobilize, |_| true);
    // People who are not armed being seen is no event.
    let c = code_en(
        "On 8 December 2025, two journalists were seen near the market in Borama.",
        "2025-12-09",
    );
    assert_no(&c, EventType::Mobilize);
}

#[test]
fn a_claimed_toll_joins_the_attack_and_says_who_claims_it() {
    let c = code_en(
        "On 1 August 2025, an IED planted by Al Shabaab exploded, targeting a police convoy \
         near Afgooye town. Al Shabaab claimed to have killed 4 police officers.",
        "2025-08-02",
    );
    let assaults = of_type(&c, EventType::Assault);
    assert_eq!(assaults.len(), 1, "{assaults:#?}");
    let e = assaults[0];
    assert_eq!(e.modality, Modality::Asserted);
    let killed = e.counts.killed.as_ref().expect("the claimed toll");
    assert_eq!(killed.best, 4.0);
    assert_eq!(killed.claimed_by.as_deref(), Some("al-Shabaab"));
    // A toll reported, not claimed, carries no claimant; an aside naming part of the victims
    // does not separate the number from its verb.
    let c = code_en(
        "On 5 November 2025, government forces clashed with Al Shabaab near Baidoa. \
         3 Al Shabaab, including a senior commander, were killed.",
        "2025-11-06",
    );
    let e = find(&c, EventType::Assault, |e| e.counts.killed.is_some());
    let killed = e.counts.killed.as_ref().expect("killed");
    assert_eq!((killed.best, killed.claimed_by.as_deref()), (3.0, None));
}

#[test]
fn people_named_by_their_trade_are_civilians() {
    for (text, date) in [
        (
            "On 22 September 2025, a government soldier shot and killed a truck driver in Mogadishu.",
            "2025-09-23",
        ),
        (
            "On 3 June 2025, militants attacked shopkeepers in the market of Baidoa.",
            "2025-06-04",
        ),
    ] {
        let c = code_en(text, date);
        let e = find(&c, EventType::Assault, |_| true);
        assert_eq!(sectors(&e.recipient), ["CVL"], "{text}: {e:?}");
        assert_eq!(
            e.acled.as_ref().map(|a| a.event_type.as_str()),
            Some("Violence against civilians"),
            "{text}"
        );
    }
}

#[test]
fn the_subject_of_a_verb_whose_object_is_an_event_noun_is_its_actor() {
    let c = code_en(
        "Israel and Lebanon renewed negotiations today on a troop pullback.",
        "2000-01-05",
    );
    let e = find(&c, EventType::Consult, |_| true);
    assert_eq!(countries(&e.actor), ["ISR", "LBN"], "{e:?}");
    // Commenting on an attack does not make one its attacker.
    let c = code_en(
        "On 5 May 2025, officials condemned the attack on a market in Baidoa.",
        "2025-05-06",
    );
    for e in of_type(&c, EventType::Assault) {
        assert!(e.actor.is_empty(), "{e:?}");
    }
}

#[test]
fn people_named_by_what_they_are_belong_where_the_event_happens() {
    let c = code_en(
        "Thousands of demonstrators blocked roads in Baghdad on Sunday.",
        "2004-01-05",
    );
    let e = find(&c, EventType::Protest, |_| true);
    assert_eq!(countries(&e.actor), ["IRQ"], "{e:?}");
    // A nationality the text gives wins over the place.
    let c = code_en(
        "On 27 February 2020, Turkish soldiers were killed in an air strike in Idlib.",
        "2020-02-28",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(countries(&e.recipient), ["TUR"], "{e:?}");
}

#[test]
fn possessives_and_nationality_adjectives_give_the_other_side_its_country() {
    // "X's N" after the verb: the possessor is the recipient.
    let c = code_en(
        "Ghana will support Togo's efforts to join the trade bloc, officials said on Monday.",
        "2001-03-05",
    );
    let e = find(&c, EventType::Agree, |_| true);
    assert_eq!(countries(&e.actor), ["GHA"], "{e:?}");
    assert_eq!(countries(&e.recipient), ["TGO"], "{e:?}");
    // A nationality adjective in the object: "rejected a Chilean proposal".
    let c = code_en(
        "Peru on Tuesday rejected a Chilean proposal on fishing rights.",
        "2001-03-05",
    );
    let e = find(&c, EventType::Reject, |_| true);
    assert_eq!(countries(&e.actor), ["PER"], "{e:?}");
    assert_eq!(countries(&e.recipient), ["CHL"], "{e:?}");
    // ... and in the subject, where no fuller actor stands: "Thai gunboats fired on".
    let c = code_en(
        "Thai gunboats fired on a Burmese fishing boat near the border on Sunday.",
        "2001-03-05",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(countries(&e.actor), ["THA"], "{e:?}");
    assert_eq!(countries(&e.recipient), ["MMR"], "{e:?}");
}

#[test]
fn an_obligation_in_reported_speech_is_a_demand() {
    // "X said that Y must ...": X demands of Y; the demanded act is not a fact.
    let c = code_en(
        "The Kenyan government said on Monday that Uganda must withdraw its troops from the island.",
        "2009-03-05",
    );
    let e = find(&c, EventType::Request, |_| true);
    assert_eq!(countries(&e.actor), ["KEN"], "{e:?}");
    assert_eq!(countries(&e.recipient), ["UGA"], "{e:?}");
    assert!(of_type(&c, EventType::Retreat)
        .iter()
        .all(|r| r.modality != sitrep_events::Modality::Asserted));
    // The speaker after the complement.
    let c = code_en(
        "Ethiopia should reopen the border crossing, Kenya's foreign minister said on Friday.",
        "2009-03-05",
    );
    let e = find(&c, EventType::Request, |_| true);
    assert_eq!(countries(&e.actor), ["KEN"], "{e:?}");
    assert_eq!(countries(&e.recipient), ["ETH"], "{e:?}");
    // No speaker, or no one obliged: no demand.
    let c = code_en(
        "The bridge must be rebuilt before the rains, engineers said.",
        "2009-03-05",
    );
    assert_no(&c, EventType::Request);
    // French: "a déclaré que ... doit".
    let c = code_fr(
        "Le Quai d'Orsay a déclaré jeudi que la Russie doit cesser ses frappes.",
        "2020-02-28",
    );
    let e = find(&c, EventType::Request, |_| true);
    assert_eq!(countries(&e.actor), ["FRA"], "{e:?}");
    assert_eq!(countries(&e.recipient), ["RUS"], "{e:?}");
}

#[test]
fn people_facing_their_own_state_take_its_country() {
    // No place stated: demonstrators dispersed by a state's police are that state's.
    let c = code_en(
        "Kenyan police dispersed demonstrators on Monday night.",
        "2009-03-05",
    );
    let e = c
        .events
        .iter()
        .find(|e| !e.recipient.is_empty())
        .expect("an event with a recipient");
    assert_eq!(countries(&e.actor), ["KEN"], "{e:?}");
    assert_eq!(countries(&e.recipient), ["KEN"], "{e:?}");
    // Armed forces fight abroad: their targets keep no country of theirs.
    let c = code_en("US troops killed five militants on Monday.", "2009-03-05");
    let e = find(&c, EventType::Assault, |_| true);
    assert!(countries(&e.recipient).is_empty(), "{e:?}");
}

#[test]
fn objects_in_a_gap_in_lists_and_hosts_of_visits() {
    // A name inside a pattern's gap is its object; an adjective there is not.
    let c = code_en(
        "Norway will give Mozambique a grant of 20 million dollars next year.",
        "2001-03-05",
    );
    let e = find(&c, EventType::Agree, |_| true);
    assert_eq!(countries(&e.recipient), ["MOZ"], "{e:?}");
    // A list closed by a coordinator is all the objects; a comma alone ends them.
    let c = code_en(
        "Canada condemned Iran, Syria and Libya on Monday.",
        "2001-03-05",
    );
    let e = find(&c, EventType::Accuse, |_| true);
    assert_eq!(countries(&e.recipient), ["IRN", "LBY", "SYR"], "{e:?}");
    // A visit goes to the government of the country of the place visited.
    let c = code_en(
        "The Kenyan foreign minister arrived in Kampala on Wednesday for a two-day visit.",
        "2001-03-05",
    );
    let e = find(&c, EventType::Consult, |_| true);
    assert_eq!(countries(&e.actor), ["KEN"], "{e:?}");
    assert_eq!(countries(&e.recipient), ["UGA"], "{e:?}");
}

#[test]
fn a_demand_voiced_by_a_protest_is_the_protest() {
    let c = code_en(
        "Thousands of students demonstrated in Nairobi on Sunday calling for the resignation of the minister.",
        "2001-03-05",
    );
    find(&c, EventType::Protest, |_| true);
    assert_no(&c, EventType::Request);
    // A demand before any protest stands.
    let c = code_en(
        "The opposition called for the minister's resignation, and students later demonstrated in Nairobi.",
        "2001-03-05",
    );
    find(&c, EventType::Request, |_| true);
}

/// Codes one French text published on `date`.
fn code_fr(text: &str, date: &str) -> Coded {
    let cfg = IngestConfig {
        published: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        language: Some("fr".into()),
        ..IngestConfig::default()
    };
    code_bytes(text.as_bytes(), "t.txt", &cfg).expect("a document")
}

fn mode(e: &EventRecord) -> Option<&str> {
    e.mode.as_deref()
}

#[test]
fn ordinary_wire_phrasings_of_cameo_categories_are_triggers_in_english() {
    // (text, event type, mode) for one phrasing per class of the CAMEO -> PLOVER table.
    let cases: &[(&str, EventType, Option<&str>)] = &[
        (
            "Turkey closed its border with Syria on Monday.",
            EventType::Sanction,
            None,
        ),
        (
            "Russia reduced gas supplies to Ukraine on Monday.",
            EventType::Sanction,
            Some("discontinue"),
        ),
        (
            "Egypt opened the border with Gaza on Monday.",
            EventType::Retreat,
            Some("access"),
        ),
        (
            "The army shortened the curfew in Srinagar on Monday.",
            EventType::Retreat,
            None,
        ),
        (
            "The army extended the curfew in Srinagar on Monday.",
            EventType::Coerce,
            Some("curfew"),
        ),
        (
            "Iran and Russia held joint naval exercises in the Caspian Sea.",
            EventType::Cooperate,
            None,
        ),
        (
            "Japan gave 10 million dollars to Nepal on Monday.",
            EventType::Aid,
            None,
        ),
        (
            "The Red Cross handed over medicine to the hospital in Gaza.",
            EventType::Aid,
            None,
        ),
        (
            "The United Nations dispatched inspectors to Iraq on Monday.",
            EventType::Accuse,
            Some("investigate"),
        ),
        (
            "Prosecutors opened an inquiry into the deaths on Monday.",
            EventType::Accuse,
            Some("investigate"),
        ),
        (
            "Kenya offered troops to the African Union mission on Monday.",
            EventType::Agree,
            None,
        ),
        (
            "Egypt gave a warm welcome to the Sudanese president on Monday.",
            EventType::Consult,
            Some("visit"),
        ),
        (
            "Police ordered patrols in the capital on Monday.",
            EventType::Mobilize,
            Some("police"),
        ),
        (
            "Al Shabaab trained fighters near Jilib town in May 2025.",
            EventType::Mobilize,
            Some("militia"),
        ),
        (
            "Thousands of workers shunned work in Lagos on Monday.",
            EventType::Protest,
            Some("strike"),
        ),
        (
            "Hackers defaced web sites of the Georgian government on Monday.",
            EventType::Coerce,
            Some("cyber"),
        ),
        (
            "Hungary severed diplomatic ties with Serbia on Monday.",
            EventType::Sanction,
            Some("withdraw"),
        ),
        (
            "Russia threatened to cut off gas to Ukraine on Monday.",
            EventType::Threaten,
            Some("relations"),
        ),
    ];
    for (text, t, m) in cases {
        let c = code_en(text, "2001-03-05");
        let e = find(&c, *t, |_| true);
        assert_eq!(mode(e), *m, "{text}: {e:?}");
    }
    // The sides: the subject acts, the partner or target after the verb receives.
    let c = code_en(
        "Turkey closed its border with Syria on Monday.",
        "2001-03-05",
    );
    let e = find(&c, EventType::Sanction, |_| true);
    assert_eq!(
        (countries(&e.actor), countries(&e.recipient)),
        (vec!["TUR".to_string()], vec!["SYR".to_string()])
    );
    let c = code_en(
        "Pakistan shared intelligence with Afghanistan on Monday.",
        "2001-03-05",
    );
    let e = find(&c, EventType::Cooperate, |_| true);
    assert_eq!(
        (countries(&e.actor), countries(&e.recipient)),
        (vec!["PAK".to_string()], vec!["AFG".to_string()])
    );
    // A done retreat is RETREAT; an announced one is an intent to yield, AGREE (CAMEO 035).
    let c = code_en(
        "Israel evacuated the settlements in Gaza on Monday.",
        "2005-03-05",
    );
    let e = find(&c, EventType::Retreat, |_| true);
    assert_eq!(mode(e), Some("withdraw"), "{e:?}");
    let c = code_en(
        "Israel will evacuate the settlements in Gaza, the prime minister said.",
        "2005-03-05",
    );
    find(&c, EventType::Agree, |_| true);
    assert_no(&c, EventType::Retreat);
    let c = code_en(
        "Iran will not accept the European proposal, its foreign minister said.",
        "2005-03-05",
    );
    find(&c, EventType::Reject, |_| true);
}

#[test]
fn polysemous_verbs_of_those_phrasings_are_no_events_alone() {
    // "closed", "opened", "gave", "held" alone are no triggers.
    for (text, t) in [
        ("The shop closed early on Monday.", EventType::Sanction),
        (
            "The minister gave a speech in Paris on Monday.",
            EventType::Aid,
        ),
        (
            "The museum opened a new wing on Monday.",
            EventType::Retreat,
        ),
        ("The two sides held talks in March.", EventType::Protest),
        ("He was asked for comment on Monday.", EventType::Request),
    ] {
        let c = code_en(text, "2001-03-05");
        assert_no(&c, t);
    }
    // "opened fire" near a border is an attack, not an opening of the border.
    let c = code_en(
        "Soldiers opened fire near the border crossing on Monday.",
        "2001-03-05",
    );
    assert_no(&c, EventType::Retreat);
    find(&c, EventType::Assault, |_| true);
}

#[test]
fn ordinary_wire_phrasings_of_cameo_categories_are_triggers_in_french() {
    let cases: &[(&str, EventType, Option<&str>)] = &[
        (
            "La Turquie a fermé sa frontière avec la Syrie lundi.",
            EventType::Sanction,
            None,
        ),
        (
            "La Russie a réduit ses livraisons de gaz à l'Ukraine lundi.",
            EventType::Sanction,
            Some("discontinue"),
        ),
        (
            "L'Égypte a ouvert la frontière avec Gaza lundi.",
            EventType::Retreat,
            Some("access"),
        ),
        (
            "Le gouvernement a prolongé le couvre-feu à Bamako lundi.",
            EventType::Coerce,
            Some("curfew"),
        ),
        (
            "Le Maroc a dépêché des enquêteurs au Mali lundi.",
            EventType::Accuse,
            Some("investigate"),
        ),
        (
            "Le parquet a ouvert une information judiciaire lundi.",
            EventType::Accuse,
            Some("investigate"),
        ),
        (
            "Le Tchad a offert des troupes à la force africaine lundi.",
            EventType::Agree,
            None,
        ),
        (
            "L'Algérie a partagé des renseignements avec la France lundi.",
            EventType::Cooperate,
            None,
        ),
        (
            "Le Japon a remis des médicaments à l'hôpital de Gaza lundi.",
            EventType::Aid,
            None,
        ),
        (
            "Les enseignants ont débrayé à Dakar lundi.",
            EventType::Protest,
            Some("strike"),
        ),
        (
            "La police a ordonné des patrouilles dans la capitale lundi.",
            EventType::Mobilize,
            Some("police"),
        ),
        (
            "L'Iran menace de fermer le détroit d'Ormuz.",
            EventType::Threaten,
            Some("restrict"),
        ),
        (
            "Le Mali a rappelé son ambassadeur en France lundi.",
            EventType::Sanction,
            Some("withdraw"),
        ),
    ];
    for (text, t, m) in cases {
        let c = code_fr(text, "2020-02-28");
        let e = find(&c, *t, |_| true);
        assert_eq!(mode(e), *m, "{text}: {e:?}");
    }
    let c = code_fr(
        "La Turquie a fermé sa frontière avec la Syrie lundi.",
        "2020-02-28",
    );
    let e = find(&c, EventType::Sanction, |_| true);
    assert_eq!(
        (countries(&e.actor), countries(&e.recipient)),
        (vec!["TUR".to_string()], vec!["SYR".to_string()])
    );
    let c = code_fr("Israël a évacué les colonies de Gaza lundi.", "2005-02-28");
    let e = find(&c, EventType::Retreat, |_| true);
    assert_eq!(mode(e), Some("withdraw"), "{e:?}");
    let c = code_fr("Israël va évacuer les colonies de Gaza.", "2005-02-28");
    find(&c, EventType::Agree, |_| true);
    let c = code_fr(
        "Le gouvernement n'acceptera pas cette proposition, a déclaré le ministre.",
        "2020-02-28",
    );
    find(&c, EventType::Reject, |_| true);
    // Negative: the same verbs in other senses.
    for (text, t) in [
        ("Le magasin a fermé ses portes lundi.", EventType::Sanction),
        (
            "L'armée a ouvert le feu près de la frontière lundi.",
            EventType::Retreat,
        ),
        (
            "Une attaque à l'arme blanche contre des civils a eu lieu lundi.",
            EventType::Mobilize,
        ),
        ("Il se rend compte de la situation.", EventType::Consult),
    ] {
        let c = code_fr(text, "2020-02-28");
        assert_no(&c, t);
    }
}

#[test]
fn with_no_place_the_nationalities_named_say_whose_government_it_is() {
    // (And "Chadian" is a nationality, not the Chinese town of that name.)
    let c = code_en(
        "Chadian rebels accused the government of torture on Sunday.",
        "2000-06-01",
    );
    let e = c
        .events
        .iter()
        .find(|e| !e.recipient.is_empty())
        .expect("an event with a recipient");
    assert_eq!(countries(&e.actor), ["TCD"], "{e:?}");
    assert_eq!(countries(&e.recipient), ["TCD"], "{e:?}");
}

#[test]
fn a_second_casualty_verb_shares_the_first_ones_subject() {
    // "killed one soldier and wounded two others": the soldier is a victim, not the attacker
    // of the second verb.
    let c = code_en(
        "A roadside bomb near the town of Baidoa on Sunday killed one Ugandan soldier and wounded two others.",
        "2011-03-07",
    );
    let e = find(&c, EventType::Assault, |_| true);
    // No attacker is named: the attack is by an unidentified armed group of the country where
    // it happens, marked as inferred.
    assert_eq!(countries(&e.actor), ["SOM"], "{e:?}");
    assert_eq!(e.actor[0].inferred.as_deref(), Some("location"), "{e:?}");
    assert!(
        e.actor[0].name.starts_with("Unidentified armed group"),
        "{e:?}"
    );
    assert_eq!(countries(&e.recipient), ["UGA"], "{e:?}");
}

#[test]
fn a_material_event_naming_no_recipient_is_directed_at_the_place_where_it_happens() {
    // Sentences written for this test, not taken from any gold set.
    let c = code_en(
        "Kenyan police imposed a curfew in the town of Garissa on Monday.",
        "2024-05-07",
    );
    let e = find(&c, EventType::Coerce, |_| true);
    assert_eq!(countries(&e.recipient), vec!["KEN"]);
    assert_eq!(e.recipient[0].inferred.as_deref(), Some("location"));
    assert_eq!(e.recipient[0].mention, "Garissa");
    assert!(e
        .evidence
        .iter()
        .any(|ev| ev.field == "recipient" && ev.text == "Garissa"));
    // A named recipient is kept, and nothing is inferred.
    let c = code_en(
        "Ugandan troops attacked Congolese soldiers in Bunia on Monday.",
        "2024-05-07",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert!(e.recipient.iter().all(|r| r.inferred.is_none()));
    // A country that is the speaker is not where the act is done; verbal events infer nothing.
    let c = code_en(
        "Kenya said on Monday it had deployed police officers.",
        "2024-05-07",
    );
    assert!(c
        .events
        .iter()
        .all(|e| e.recipient.iter().all(|r| r.inferred.is_none())));
    let c = code_en(
        "The minister condemned the government of Somalia in Nairobi on Monday.",
        "2024-05-07",
    );
    assert!(c.events.iter().all(|e| e
        .recipient
        .iter()
        .all(|r| r.inferred.as_deref() != Some("location"))));
}

#[test]
fn an_event_noun_takes_the_country_or_force_that_modifies_it_as_its_agent() {
    // Sentences written for this test, not taken from any gold set.
    let c = code_en(
        "A US drone strike killed three militants in Jilib, Somalia, on Monday.",
        "2024-05-07",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(countries(&e.actor), vec!["USA"]);
    // The country that names the agent is not where the strike happened.
    let place = e.location.as_ref().expect("a place");
    assert_eq!(place.country, "SOM");
    let c = code_en(
        "Israeli airstrikes killed five people in Khan Younis on Tuesday.",
        "2024-05-07",
    );
    assert_eq!(
        countries(&find(&c, EventType::Assault, |_| true).actor),
        vec!["ISR"]
    );
    // French puts the nationality after the noun.
    let c = code_fr(
        "Des frappes aériennes russes ont tué cinq civils à Idleb mardi.",
        "2024-05-07",
    );
    assert_eq!(
        countries(&find(&c, EventType::Assault, |_| true).actor),
        vec!["RUS"]
    );
    // English does not: the adjective after the noun qualifies the next noun.
    let c = code_en(
        "Rebels resumed shelling Bosnian villages near Gorazde on Friday.",
        "2024-05-07",
    );
    assert!(c
        .events
        .iter()
        .all(|e| !countries(&e.actor).contains(&"BIH".to_string())));
    // A definite event noun after a preposition is an event told elsewhere: its modifier does
    // not make a new attack's agent.
    let c = code_en(
        "Hundreds of residents protested in Kismayo on Friday in support of the Al Shabaab attack.",
        "2024-05-07",
    );
    assert!(c
        .events
        .iter()
        .filter(|e| e.event_type == EventType::Assault)
        .all(|e| e.actor.is_empty()));
}

#[test]
fn forces_an_actor_moves_are_not_its_recipients_and_the_place_they_go_to_is() {
    // Sentences written for this test, not taken from any gold set.
    let c = code_en(
        "Kenya said it will withdraw its troops from Somalia by December.",
        "2024-05-07",
    );
    let e = c
        .events
        .iter()
        .find(|e| countries(&e.actor) == ["KEN"])
        .expect("Kenya's event");
    assert_eq!(countries(&e.recipient), vec!["SOM"]);
    assert_eq!(e.recipient[0].inferred.as_deref(), Some("location"));
    // A promise or a threat is directed at the place of the act it is about.
    let c = code_en(
        "The governor threatened to impose a curfew in Garissa, Kenya, on Monday.",
        "2024-05-07",
    );
    let e = find(&c, EventType::Threaten, |_| true);
    assert_eq!(countries(&e.recipient), vec!["KEN"]);
    // Talks are directed at no place.
    let c = code_en(
        "Ethiopian and Eritrean officials met in Nairobi on Monday.",
        "2024-05-07",
    );
    assert!(c.events.iter().all(|e| e
        .recipient
        .iter()
        .all(|r| r.inferred.as_deref() != Some("location"))));
    // Armed groups an actor concedes to stay its recipients.
    let c = code_en(
        "The government accepted demands from the rebels on Thursday.",
        "2024-05-07",
    );
    let e = find(&c, EventType::Concede, |_| true);
    assert!(sectors(&e.recipient).iter().any(|s| s == "REB"));
}

#[test]
fn what_a_demand_asks_for_or_a_refusal_turns_down_has_not_happened() {
    // Sentences written for this test, not taken from any gold set.
    let c = code_en(
        "The African Union on Tuesday rejected a call for its troops to be deployed in Sudan.",
        "2024-05-07",
    );
    assert!(!of_type(&c, EventType::Reject).is_empty());
    assert!(c
        .events
        .iter()
        .filter(|e| e.event_type == EventType::Mobilize)
        .all(|e| e.modality != sitrep_events::Modality::Asserted));
    // Two verbs joined by a coordinator are two events.
    let c = code_en(
        "Rebels rejected the ceasefire and attacked an army base in Darfur on Monday.",
        "2024-05-07",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(e.modality, sitrep_events::Modality::Asserted);
}

#[test]
fn ethnic_groups_belong_to_where_they_live_and_genitives_name_the_patient() {
    // Sentences written for this test, not taken from any gold set.
    let c = code_en(
        "Serbian police arrested twelve ethnic Albanians in Presevo, Serbia, on Friday.",
        "2024-05-07",
    );
    let e = find(&c, EventType::Coerce, |_| true);
    let r = e
        .recipient
        .iter()
        .find(|r| r.mention == "ethnic Albanians")
        .expect("the ethnic group, with its ethnic word");
    assert_eq!(r.country.as_deref(), Some("SRB"));
    assert_eq!(r.ethnicity.as_deref(), Some("ALB"));
    assert!(r.sector.iter().any(|s| s == "ETH"));
    // "the blockade of Serbia": the genitive is whom the act is done to, not its agent.
    let c = code_en(
        "Greece announced a blockade of Albania on Monday.",
        "2024-05-07",
    );
    let e = c
        .events
        .iter()
        .find(|e| countries(&e.recipient).contains(&"ALB".to_string()))
        .expect("Albania as the blockade's target");
    assert!(!countries(&e.actor).contains(&"ALB".to_string()));
    // "a group of diplomats" is the diplomats.
    let c = code_en(
        "A group of Kenyan diplomats met President Museveni in Kampala on Monday.",
        "2024-05-07",
    );
    let e = find(&c, EventType::Consult, |_| true);
    assert_eq!(countries(&e.actor), vec!["KEN"]);
}

#[test]
fn a_country_taken_from_the_event_says_so() {
    // Sentences written for this test, not taken from any gold set.
    let c = code_en(
        "Police dispersed demonstrators in Nairobi, Kenya, on Monday.",
        "2024-05-07",
    );
    let e = c
        .events
        .iter()
        .find(|e| sectors(&e.actor).iter().any(|s| s == "COP"))
        .expect("the police's event");
    assert_eq!(countries(&e.actor), ["KEN"], "{e:?}");
    assert_eq!(e.actor[0].country_from.as_deref(), Some("location"));
    // A person named without a country acts where the sentence places the act.
    let c = code_en(
        "Governor Abdi Farah threatened to impose a curfew in Garissa, Kenya, on Monday.",
        "2024-05-07",
    );
    let e = find(&c, EventType::Threaten, |_| true);
    assert_eq!(countries(&e.actor), ["KEN"], "{e:?}");
    assert_eq!(e.actor[0].country_from.as_deref(), Some("location"));
    // A country the words give is not marked.
    let c = code_en(
        "Kenyan police dispersed demonstrators in Nairobi on Monday.",
        "2024-05-07",
    );
    let e = c
        .events
        .iter()
        .find(|e| sectors(&e.actor).iter().any(|s| s == "COP"))
        .expect("the police's event");
    assert!(e.actor.iter().all(|a| a.country_from.is_none()), "{e:?}");
}

#[test]
fn a_threat_is_aimed_at_the_subject_of_its_condition() {
    let c = code_en(
        "Iran threatened on Monday to resume its offensive unless Baghdad withdrew its troops.",
        "1987-03-10",
    );
    let e = find(&c, EventType::Threaten, |_| true);
    assert_eq!(countries(&e.actor), ["IRN"], "{e:?}");
    assert_eq!(countries(&e.recipient), ["IRQ"], "{e:?}");
    let c = code_fr(
        "La Turquie a menacé mardi de lancer une offensive si Damas refuse le retrait.",
        "2020-02-12",
    );
    let e = find(&c, EventType::Threaten, |_| true);
    assert_eq!(countries(&e.recipient), ["SYR"], "{e:?}");
    // No condition: the threat keeps its object.
    let c = code_en(
        "Russia threatened Ukraine with new sanctions on Friday.",
        "2014-03-08",
    );
    let e = find(&c, EventType::Threaten, |_| true);
    assert_eq!(countries(&e.recipient), ["UKR"], "{e:?}");
}

#[test]
fn an_apposition_after_the_subject_does_not_take_its_verb() {
    let c = code_en(
        "Kenya, a key U.S. ally in the region, has refused to send troops to Haiti.",
        "2005-01-01",
    );
    let e = find(&c, EventType::Reject, |_| true);
    assert_eq!(countries(&e.actor), ["KEN"], "{e:?}");
    let e = find(&c, EventType::Mobilize, |_| true);
    assert_eq!(countries(&e.actor), ["KEN"], "{e:?}");
}

#[test]
fn people_an_attack_is_done_to_are_where_it_happens() {
    let c = code_en(
        "Unknown gunmen killed a journalist in Kandahar on Monday, police said.",
        "2020-03-03",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(countries(&e.recipient), ["AFG"], "{e:?}");
}

#[test]
fn the_source_of_the_news_is_neither_a_party_nor_the_place() {
    let c = code_en(
        "Government troops shelled rebel positions in Kassala on Sunday, Omdurman radio \
         reported.",
        "1990-03-12",
    );
    let e = find(&c, EventType::Assault, |_| true);
    let l = e.location.as_ref().expect("a place");
    assert_eq!(l.name, "Kassala", "{e:?}");
    let c = code_en(
        "Burmese troops fought with guerrillas near the border, Thai military sources said \
         today.",
        "1990-03-12",
    );
    let e = c
        .events
        .iter()
        .find(|e| countries(&e.actor) == ["MMR"])
        .expect("the troops' event");
    assert!(
        !countries(&e.recipient).contains(&"THA".to_string()),
        "{e:?}"
    );
    // When the source's place is the only one the sentence names, it is the best guess left.
    let c = code_en(
        "Government troops shelled rebel positions on Sunday, officials in Kassala said.",
        "1990-03-12",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(
        e.location.as_ref().map(|l| l.name.as_str()),
        Some("Kassala"),
        "{e:?}"
    );
}

#[test]
fn a_protest_with_no_target_is_aimed_at_the_state_where_it_happens() {
    let c = code_en(
        "Seven opposition parties in Nepal organized a general strike that shut down \
         Kathmandu on Monday.",
        "2005-01-01",
    );
    let e = find(&c, EventType::Protest, |_| true);
    assert_eq!(countries(&e.recipient), ["NPL"], "{e:?}");
    assert_eq!(
        e.recipient[0].inferred.as_deref(),
        Some("protested"),
        "{e:?}"
    );
    // A target named is kept.
    let c = code_en(
        "Thousands of Kenyans demonstrated against the United States in Nairobi on Monday.",
        "2005-01-01",
    );
    let e = find(&c, EventType::Protest, |_| true);
    assert_eq!(countries(&e.recipient), ["USA"], "{e:?}");
}

#[test]
fn a_refusal_verb_is_not_a_negation_of_itself() {
    let c = code_en(
        "The Turkish government denied entry to two Russian diplomats on Monday.",
        "2005-01-01",
    );
    let e = find(&c, EventType::Reject, |_| true);
    assert_eq!(e.modality, sitrep_events::Modality::Asserted, "{e:?}");
}

#[test]
fn weapons_named_with_a_nationality_are_its_forces() {
    let c = code_en(
        "Israeli tanks fired four shell bombs at targets in Jericho on Monday.",
        "2001-05-01",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(countries(&e.actor), ["ISR"], "{e:?}");
    assert!(sectors(&e.actor).contains(&"MIL".to_string()), "{e:?}");
    let c = code_fr(
        "Des hélicoptères russes ont bombardé un village de la province d'Idleb mardi.",
        "2020-02-12",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(countries(&e.actor), ["RUS"], "{e:?}");
}

#[test]
fn a_participle_after_a_passive_takes_its_agent() {
    let c = code_en(
        "A police patrol was hit by Taliban fighters near Kunduz on Monday, killing three men.",
        "2020-03-10",
    );
    let e = find(&c, EventType::Assault, |e| e.counts.killed.is_some());
    // The fighters, not the police they hit.
    assert_eq!(sectors(&e.actor), ["REB"], "{e:?}");
}

#[test]
fn an_act_announced_in_reported_speech_is_a_promise_or_a_threat() {
    // "would" after a speech verb is the future of reported speech, not a hypothesis.
    let c = code_en(
        "Radical French farmers said on Friday they would blockade Paris from Monday night.",
        "1992-05-01",
    );
    let e = find(&c, EventType::Threaten, |_| true);
    assert_eq!(countries(&e.actor), ["FRA"], "{e:?}");
    let c = code_en(
        "Afghan rebel leaders said on Wednesday they would meet the U.N. mediator in Geneva.",
        "1988-01-01",
    );
    let e = find(&c, EventType::Agree, |_| true);
    assert_eq!(countries(&e.actor), ["AFG"], "{e:?}");
    // A base form after "will", derived from the lexicon's "releases"/"released" rows.
    let c = code_en(
        "The rebels said they will release the hostages on Sunday.",
        "2000-06-01",
    );
    find(&c, EventType::Agree, |_| true);
    // Without a speech verb, "would" stays a hypothesis.
    let c = code_en(
        "A blockade of the port would hurt the economy.",
        "1992-05-01",
    );
    assert!(
        c.events
            .iter()
            .all(|e| e.modality != sitrep_events::Modality::Asserted),
        "{:?}",
        c.events
    );
}

#[test]
fn a_bare_past_participle_with_its_object_is_an_active_verb() {
    // "abducted", "tortured" are past tenses when their object follows, participles otherwise.
    let c = code_en(
        "Al Shabaab abducted three aid workers in Gedo region on Monday.",
        "2025-04-08",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(e.actor[0].name, "al-Shabaab", "{e:?}");
    let c = code_en(
        "Security forces in Guinea have tortured scores of Liberian refugees.",
        "2001-01-01",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(countries(&e.recipient), ["LBR"], "{e:?}");
    assert!(sectors(&e.actor).contains(&"COP".to_string()), "{e:?}");
    // Without an object, the subject is the victim.
    let c = code_en(
        "Three aid workers were abducted in Gedo region on Monday.",
        "2025-04-08",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert!(e.actor.iter().all(|a| a.inferred.is_some()), "{e:?}");
}

#[test]
fn the_head_of_a_collective_phrase_is_its_of_phrase() {
    let c = code_en(
        "A convoy of NATO peacekeeping troops arrived in Bosnia on Monday.",
        "1995-12-05",
    );
    let e = find(&c, EventType::Mobilize, |_| true);
    assert_eq!(countries(&e.actor), ["IGO"], "{e:?}");
}

#[test]
fn an_event_noun_inside_a_named_force_has_that_force_as_agent() {
    let c = code_en(
        "Two Palestinian suicide bombers killed 23 people in Tel Aviv on Sunday.",
        "2003-01-06",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(countries(&e.actor), ["PSE"], "{e:?}");
    let c = code_en(
        "Russian helicopter gunships killed 46 civilians in Herat province on Monday.",
        "1987-01-06",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(countries(&e.actor), ["RUS"], "{e:?}");
}

#[test]
fn a_patterns_own_noun_heading_a_mention_makes_it_the_object() {
    let c = code_en(
        "Switzerland expelled two Russian diplomats based in Geneva for spying on Monday.",
        "1990-03-12",
    );
    let e = find(&c, EventType::Sanction, |_| true);
    assert_eq!(countries(&e.recipient), ["RUS"], "{e:?}");
}

#[test]
fn state_bodies_named_without_a_country_are_the_host_states() {
    let c = code_en(
        "Algerian landowners began a hunger strike outside Parliament in Algiers on Monday.",
        "1990-03-12",
    );
    let e = find(&c, EventType::Protest, |_| true);
    assert_eq!(countries(&e.recipient), ["DZA"], "{e:?}");
}

#[test]
fn a_demand_is_made_of_the_subject_of_its_clause() {
    // "allies" is an ally cue only right before the name it qualifies.
    let c = code_en(
        "Washington along with its allies demanded that Hamas renounce its armed struggle.",
        "2006-01-30",
    );
    let e = find(&c, EventType::Request, |_| true);
    assert_eq!(countries(&e.recipient), ["PSE"], "{e:?}");
    let c = code_fr(
        "Ankara a exigé que Damas retire ses troupes de la province d'Idleb.",
        "2020-02-12",
    );
    let e = find(&c, EventType::Request, |_| true);
    assert_eq!(countries(&e.recipient), ["SYR"], "{e:?}");
}

#[test]
fn an_indictment_is_an_accusation_not_an_arrest() {
    // CAMEO codes an indictment or a charge as an accusation of a crime (1121), not an arrest
    // (173): those charged are not counted as arrested.
    let c = code_en(
        "A Kenyan court indicted three police officers for murder on Monday.",
        "2005-01-01",
    );
    let e = find(&c, EventType::Accuse, |_| true);
    assert_eq!(countries(&e.actor), ["KEN"], "{e:?}");
    assert!(e.counts.arrested.is_none(), "{e:?}");
    assert!(
        !c.events.iter().any(|e| e.event_type == EventType::Coerce),
        "{:?}",
        c.events
    );
    let c = code_fr(
        "Trois policiers ont été inculpés de meurtre lundi à Nairobi.",
        "2005-01-01",
    );
    let e = find(&c, EventType::Accuse, |_| true);
    assert!(e.counts.arrested.is_none(), "{e:?}");
}

#[test]
fn a_modal_or_negation_after_a_verb_belongs_to_what_it_reports() {
    // The warning is made, not negated nor to come: "will no longer" is what it says.
    let c = code_en(
        "Egypt's interior minister warned that police will no longer tolerate street protests.",
        "2005-01-01",
    );
    let e = find(&c, EventType::Threaten, |_| true);
    assert_eq!(e.modality, sitrep_events::Modality::Asserted, "{e:?}");
    // Before the verb, the negation is the verb's.
    let c = code_en("Kenya did not agree to deploy troops.", "2005-01-01");
    let e = find(&c, EventType::Agree, |_| true);
    assert_eq!(e.modality, sitrep_events::Modality::Negated, "{e:?}");
}

#[test]
fn a_states_act_at_home_with_no_target_is_aimed_at_its_own_people() {
    let c = code_en(
        "Egypt's interior minister warned that police will no longer tolerate street protests.",
        "2005-01-01",
    );
    let e = find(&c, EventType::Threaten, |_| true);
    assert_eq!(countries(&e.recipient), ["EGY"], "{e:?}");
    assert_eq!(
        e.recipient[0].inferred.as_deref(),
        Some("domestic"),
        "{e:?}"
    );
    // A request names whom it is made of, even when the coder cannot resolve them.
    let c = code_en(
        "Egypt's interior minister urged the two sides to stop fighting.",
        "2005-01-01",
    );
    let e = find(&c, EventType::Request, |_| true);
    assert!(e.recipient.is_empty(), "{e:?}");
    // Another country in the sentence: the act may be aimed at it.
    let c = code_en(
        "Egypt's foreign minister warned that Israel will pay a price.",
        "2005-01-01",
    );
    let e = find(&c, EventType::Threaten, |_| true);
    assert_eq!(countries(&e.recipient), ["ISR"], "{e:?}");
}

#[test]
fn the_places_of_an_apposition_describe_the_subject_not_the_act() {
    let c = code_en(
        "Kenya, a key U.S. ally in the region, has refused to deploy police in Somalia.",
        "2005-01-01",
    );
    let e = find(&c, EventType::Reject, |_| true);
    assert_eq!(
        e.location.as_ref().map(|l| l.country.as_str()),
        Some("SOM"),
        "{e:?}"
    );
    assert_eq!(countries(&e.recipient), ["SOM"], "{e:?}");
}

#[test]
fn people_named_with_a_state_on_their_side_are_its_own() {
    let c = code_en(
        "Kenya's president urged the Ethiopian government and the rebels to sign a ceasefire.",
        "2005-01-01",
    );
    let e = find(&c, EventType::Request, |_| true);
    assert_eq!(countries(&e.actor), ["KEN"], "{e:?}");
    assert_eq!(countries(&e.recipient), ["ETH"], "{e:?}");
}

#[test]
fn the_parties_after_between_are_an_event_nouns_joint_actors() {
    let c = code_en(
        "Talks between Kenya and Somalia were held in Nairobi on Monday.",
        "2005-01-01",
    );
    let e = find(&c, EventType::Consult, |_| true);
    assert_eq!(countries(&e.actor), ["KEN", "SOM"], "{e:?}");
    let c = code_fr(
        "Des affrontements entre l'armée et les rebelles ont fait 12 morts à Goma.",
        "2020-01-01",
    );
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(e.actor.len(), 2, "{e:?}");
    assert!(e.recipient.is_empty(), "{e:?}");
    assert_eq!(
        e.counts.killed.as_ref().map(|k| k.best),
        Some(12.0),
        "{e:?}"
    );
}

#[test]
fn a_place_that_is_a_material_acts_direct_object_is_its_target() {
    let c = code_en("Israeli warplanes bombed Gaza on Monday.", "2005-01-01");
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(countries(&e.actor), ["ISR"], "{e:?}");
    assert_eq!(countries(&e.recipient), ["PSE"], "{e:?}");
    assert_eq!(
        e.location.as_ref().map(|l| l.name.as_str()),
        Some("Gaza"),
        "{e:?}"
    );
}

#[test]
fn a_capital_that_is_a_material_acts_direct_object_is_the_city() {
    let c = code_en("Russian troops attacked Kabul on Monday.", "2005-01-01");
    let e = find(&c, EventType::Assault, |_| true);
    assert_eq!(countries(&e.actor), ["RUS"], "{e:?}");
    let l = e.location.as_ref().expect("a location");
    assert_eq!(
        (l.name.as_str(), l.country.as_str()),
        ("Kabul", "AFG"),
        "{e:?}"
    );
    assert!(e
        .evidence
        .iter()
        .any(|x| x.field == "location" && x.text == "Kabul"));
    // A capital that speaks stays its government, and sets no place.
    let c = code_en("Washington condemned Moscow on Monday.", "2005-01-01");
    let e = find(&c, EventType::Accuse, |_| true);
    assert!(e.location.is_none(), "{e:?}");
}
