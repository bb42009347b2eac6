//! French words for dates and times: the data the language-neutral time grammar in
//! `sitrep_text::time` reads. Everything French about dates lives here.

use sitrep_text::time::{Season::*, TimeUnit::*};
use sitrep_text::TimeLexicon;

pub(crate) static LEXICON: TimeLexicon = TimeLexicon {
    months: &[
        ("janvier", 1),
        ("janv", 1),
        ("février", 2),
        ("fevrier", 2),
        ("févr", 2),
        ("fév", 2),
        ("mars", 3),
        ("avril", 4),
        ("avr", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("juil", 7),
        ("août", 8),
        ("aout", 8),
        ("septembre", 9),
        ("sept", 9),
        ("octobre", 10),
        ("oct", 10),
        ("novembre", 11),
        ("nov", 11),
        ("décembre", 12),
        ("déc", 12),
    ],
    weekdays: &[
        ("lundi", 0),
        ("mardi", 1),
        ("mercredi", 2),
        ("jeudi", 3),
        ("vendredi", 4),
        ("samedi", 5),
        ("dimanche", 6),
    ],
    numeric_day_first: true,
    month_day_order: false,
    ordinal_suffixes: &["er", "re", "e", "ème"],
    day_words: &[("premier", 1)],
    date_articles: &["le", "les", "ce"],
    day_month_links: &[],
    relative_days: &[
        ("hier", -1),
        ("avant-hier", -2),
        ("aujourd'hui", 0),
        ("demain", 1),
        ("après-demain", 2),
        ("ce matin", 0),
        ("ce midi", 0),
        ("cet après-midi", 0),
        ("ce soir", 0),
        ("cette nuit", 0),
        ("la nuit dernière", -1),
    ],
    day_parts: &[
        "matin",
        "midi",
        "après-midi",
        "soir",
        "nuit",
        "au matin",
        "au soir",
        "dans la matinée",
        "dans la soirée",
        "dans la nuit",
        "en fin de journée",
        "en début de soirée",
    ],
    relative_periods: &[
        ("cette semaine", Week, 0),
        ("la semaine dernière", Week, -1),
        ("la semaine passée", Week, -1),
        ("la semaine prochaine", Week, 1),
        ("ce week-end", Weekend, 0),
        ("le week-end dernier", Weekend, -1),
        ("le week-end prochain", Weekend, 1),
        ("ce mois-ci", Month, 0),
        ("ce mois", Month, 0),
        ("le mois dernier", Month, -1),
        ("le mois passé", Month, -1),
        ("le mois prochain", Month, 1),
        ("cette année", Year, 0),
        ("l'année dernière", Year, -1),
        ("l'année passée", Year, -1),
        ("l'an dernier", Year, -1),
        ("l'an passé", Year, -1),
        ("l'année prochaine", Year, 1),
        ("l'an prochain", Year, 1),
    ],
    past_prefixes: &[],
    past_suffixes: &[
        "dernier",
        "dernière",
        "derniers",
        "dernières",
        "passé",
        "passée",
    ],
    future_prefixes: &["d'ici", "d'ici à"],
    future_suffixes: &["prochain", "prochaine", "prochains", "prochaines"],
    this_prefixes: &["ce", "cet", "cette"],
    year_prefixes: &[
        "en", "depuis", "dès", "année", "an", "avant", "après", "jusqu'en", "vers", "courant",
        "entre", "saison", "période", "exercice",
    ],
    year_weak_prefixes: &["de", "d'"],
    month_prefixes: &[
        "en", "de", "d'", "depuis", "dès", "jusqu'en", "mois de", "mois d'", "courant", "avant",
        "après",
    ],
    boundary_prefixes: &[
        "début",
        "fin",
        "mi",
        "mi-",
        "à la mi-",
        "au début de",
        "au début d'",
        "début de",
        "début d'",
        "début des",
        "fin de",
        "fin d'",
        "à la fin de",
        "à la fin d'",
        "à la fin des",
        "fin des",
    ],
    since: &["depuis", "à partir de", "à partir du", "dès", "dès le"],
    until: &["jusqu'à", "jusqu'au", "jusqu'en", "jusqu'à la fin de"],
    ranges: &[
        ("entre", "et"),
        ("du", "au"),
        ("de", "à"),
        ("d'", "à"),
        ("depuis", "jusqu'à"),
        ("depuis", "jusqu'au"),
        ("depuis", "jusqu'en"),
    ],
    coordinators: &["et", "ou"],
    ago_prefixes: &["il y a"],
    ago_suffixes: &["plus tôt", "auparavant"],
    later_prefixes: &["dans", "d'ici"],
    later_suffixes: &["plus tard"],
    units: &[
        ("minute", Minute),
        ("minutes", Minute),
        ("heure", Hour),
        ("heures", Hour),
        ("jour", Day),
        ("jours", Day),
        ("journée", Day),
        ("journées", Day),
        ("semaine", Week),
        ("semaines", Week),
        ("mois", Month),
        ("an", Year),
        ("ans", Year),
        ("année", Year),
        ("années", Year),
    ],
    cardinals: &[
        ("un", 1),
        ("une", 1),
        ("deux", 2),
        ("trois", 3),
        ("quatre", 4),
        ("cinq", 5),
        ("six", 6),
        ("sept", 7),
        ("huit", 8),
        ("neuf", 9),
        ("dix", 10),
        ("onze", 11),
        ("douze", 12),
        ("treize", 13),
        ("quatorze", 14),
        ("quinze", 15),
        ("seize", 16),
        ("dix-sept", 17),
        ("dix-huit", 18),
        ("dix-neuf", 19),
        ("vingt", 20),
        ("vingt-quatre", 24),
        ("trente", 30),
        ("quarante", 40),
        ("cinquante", 50),
        ("soixante", 60),
        ("cent", 100),
    ],
    vague_quantities: &[
        "quelques",
        "plusieurs",
        "des",
        "de nombreux",
        "de nombreuses",
    ],
    set_prefixes: &["chaque", "tous les", "toutes les"],
    seasons: &[
        ("printemps", Spring),
        ("été", Summer),
        ("automne", Autumn),
        ("hiver", Winter),
    ],
    season_prefixes: &["l'", "le", "en", "au", "cet", "mois d'", "mois de l'"],
    decade_prefixes: &["années"],
    decade_suffixes: &[],
    holidays: &[
        ("noël", 12, 25),
        ("la saint-sylvestre", 12, 31),
        ("le nouvel an", 1, 1),
        ("le jour de l'an", 1, 1),
        ("la toussaint", 11, 1),
        ("la fête nationale", 7, 14),
        ("la saint-valentin", 2, 14),
    ],
    // Future: the simple future ("se déroulera", "aura lieu") and "aller" + infinitive.
    future_cues: &[
        "sera", "seront", "aura", "auront", "ira", "iront", "fera", "feront", "saura", "sauront",
        "va", "vont", "prévu", "prévue", "prévus", "prévues",
    ],
    // Endings of the simple future, unaccented (the passé simple "libéra" has é): déroulera,
    // finira, prendra, pourra, devra, mettra, paraîtra, and their plurals.
    future_cue_suffixes: &[
        "era", "eront", "ira", "iront", "dra", "dront", "rra", "rront", "vra", "vront", "ettra",
        "ettront", "aîtra", "aîtront",
    ],
    // Past: the auxiliaries of the passé composé and plus-que-parfait, and être/avoir past.
    past_cues: &[
        "a", "ont", "avait", "avaient", "eut", "eurent", "fut", "furent", "était", "étaient",
    ],
};

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use sitrep_text::time::{find_times_in, Precision, TimeKind, TimeMention};

    use crate::French;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// Reference of the Idleb story: Friday 2020-02-28.
    fn times(text: &str) -> Vec<TimeMention> {
        find_times_in(text, &French, Some(d(2020, 2, 28)))
    }

    /// The only mention's text and value.
    fn one(text: &str) -> (String, Option<String>) {
        let t = times(text);
        assert_eq!(t.len(), 1, "{text}: {t:#?}");
        (t[0].text.clone(), t[0].value.clone())
    }

    fn value(text: &str) -> String {
        one(text).1.unwrap_or_default()
    }

    #[test]
    fn written_and_numeric_dates() {
        assert_eq!(value("signé le 27 février 2020 à Ankara"), "2020-02-27");
        assert_eq!(
            one("le 1er mars, il pleuvait"),
            ("le 1er mars".into(), Some("2019-03-01".into()))
        );
        assert_eq!(value("le 27/02/2020"), "2020-02-27");
        assert_eq!(value("le 03/04/2020"), "2020-04-03");
        assert_eq!(value("le 2020-02-27"), "2020-02-27");
        assert_eq!(value("le 27/02 au soir"), "2020-02-27");
        assert_eq!(value("jeudi 27 février"), "2020-02-27");
        assert_eq!(value("le 10 novembre 93."), "1993-11-10");
        assert_eq!(value("en octobre 98"), "1998-10");
    }

    #[test]
    fn dates_without_year_look_back() {
        assert_eq!(value("le 3 mars"), "2019-03-03");
        assert_eq!(value("le 3 mars prochain"), "2020-03-03");
        assert_eq!(value("le 6 février dernier"), "2020-02-06");
        assert_eq!(value("le 28 février"), "2020-02-28");
    }

    #[test]
    fn weekdays() {
        let t = times("Les États-Unis ont exprimé jeudi leur solidarité");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].value.as_deref(), Some("2020-02-27"));
        assert_eq!(t[0].precision, Precision::Day);
        assert!(t[0].relative);
        assert_eq!(value("vendredi"), "2020-02-28");
        assert_eq!(
            one("mardi soir"),
            ("mardi soir".into(), Some("2020-02-25".into()))
        );
        assert_eq!(value("jeudi prochain"), "2020-03-05");
        assert_eq!(value("vendredi dernier"), "2020-02-21");
    }

    #[test]
    fn future_tense_reads_forward() {
        assert_eq!(value("La fête aura lieu le 3 mars."), "2020-03-03");
        assert_eq!(value("Le village fera la fête dimanche."), "2020-03-01");
        assert_eq!(value("Il a signé le 3 mars."), "2019-03-03");
        assert_eq!(value("Il l'a dit jeudi."), "2020-02-27");
        assert_eq!(value("Le concert se déroulera jeudi."), "2020-03-05");
        assert_eq!(value("Elle se tiendra vendredi."), "2020-02-28");
        assert_eq!(value("d'ici le 30 juin"), "2020-06-30");
        // A weekday with the date pins the year, whatever the tense.
        assert_eq!(value("Il a signé mardi 3 mars."), "2020-03-03");
    }

    #[test]
    fn relative_days_and_periods() {
        assert_eq!(value("hier"), "2020-02-27");
        assert_eq!(value("avant-hier"), "2020-02-26");
        assert_eq!(value("Aujourd’hui"), "2020-02-28");
        assert_eq!(value("demain"), "2020-02-29");
        assert_eq!(value("cette semaine"), "2020-W09");
        assert_eq!(value("la semaine dernière"), "2020-W08");
        assert_eq!(value("le mois dernier"), "2020-01");
        assert_eq!(value("l'an dernier"), "2019");
        assert_eq!(value("l’année dernière"), "2019");
        assert_eq!(value("cette année"), "2020");
        assert_eq!(value("il y a trois jours"), "2020-02-25");
        assert_eq!(value("il y a deux semaines"), "2020-02-14");
        assert_eq!(value("hier soir"), "2020-02-27");
    }

    #[test]
    fn months_and_years() {
        let t = times("En septembre 2018, la Turquie");
        assert_eq!(t[0].value.as_deref(), Some("2018-09"));
        assert_eq!(t[0].precision, Precision::Month);
        assert_eq!(t[0].start, Some(d(2018, 9, 1)));
        assert_eq!(t[0].end, Some(d(2018, 9, 30)));
        assert_eq!(value("en septembre, les pluies"), "2019-09");
        assert_eq!(one("en 2011").1.as_deref(), Some("2011"));
        assert_eq!(times("plus de 1 800 civils").len(), 0);
        assert_eq!(times("1800 civils").len(), 0);
        assert_eq!(times("plus de 2000 personnes").len(), 0);
        assert_eq!(value("le recensement de 1990."), "1990");
        assert_eq!(value("début octobre"), "2019-10");
        assert_eq!(value("les années 60"), "196X");
        assert_eq!(value("l'été dernier"), "2019-SU");
        assert_eq!(value("l'été 2003"), "2003-SU");
        assert!(times("il a été tué").is_empty());
        assert!(times("les sports d'hiver").is_empty());
        assert!(times("plus de sept mille").is_empty());
    }

    #[test]
    fn intervals() {
        let t = times("depuis 2011");
        assert_eq!(t[0].kind, TimeKind::Range);
        assert_eq!(t[0].start, Some(d(2011, 1, 1)));
        assert_eq!(t[0].end, None);
        assert_eq!(t[0].value.as_deref(), Some("2011/.."));
        assert_eq!(value("depuis septembre 2018"), "2018-09/..");
        let t = times("entre le 3 et le 5 mars");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].value.as_deref(), Some("2019-03-03/2019-03-05"));
        assert_eq!(t[0].parts.len(), 2);
        assert_eq!(t[0].parts[0].text, "le 3");
        assert_eq!(value("du 3 au 5 mars"), "2019-03-03/2019-03-05");
        assert_eq!(value("de 1982 à 1987"), "1982/1987");
        assert_eq!(value("la période 1982-1990"), "1982/1990");
        assert!(times("entre 10 et 20 morts").is_empty());
        let t = times("Les élections auront lieu les 6 et 13 avril prochains.");
        let v: Vec<_> = t
            .iter()
            .map(|m| m.value.clone().unwrap_or_default())
            .collect();
        assert_eq!(v, ["2020-04-06", "2020-04-13"]);
        assert_eq!(t[0].text, "les 6");
        assert_eq!(
            value("du 28 décembre au 3 janvier"),
            "2019-12-28/2020-01-03"
        );
    }

    #[test]
    fn durations_and_sets() {
        let t = times("pendant trois jours");
        assert_eq!(t[0].kind, TimeKind::Duration);
        assert_eq!(t[0].value.as_deref(), Some("P3D"));
        assert_eq!(value("depuis dix ans"), "P10Y");
        assert_eq!(value("chaque mois"), "P1M");
        assert_eq!(value("quelques jours"), "PXD");
    }

    #[test]
    fn without_reference_relative_stays_unresolved() {
        let text = "hier, le 3 mars et en 2011";
        let t = find_times_in(text, &French, None);
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].value, None);
        assert!(t[0].relative);
        assert_eq!(t[1].value, None);
        assert_eq!(t[2].value.as_deref(), Some("2011"));
        assert!(!t[2].relative);
    }

    #[test]
    fn spans_index_the_text() {
        let text = "À Idleb, l’été dernier";
        let t = times(text);
        let chars: Vec<char> = text.chars().collect();
        let s: String = chars[t[0].span.start..t[0].span.end].iter().collect();
        assert_eq!(s, t[0].text);
        assert_eq!(t[0].span.slice(text), t[0].text);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "31 février 2020",
            "le 99/99/9999",
            "il y a 9999 ans",
            "1er",
            "-",
            "é’",
        ] {
            let _ = times(text);
        }
        let t = times("le 31 février 2020");
        assert!(t.iter().all(|m| m.value.is_none()));
    }

    #[test]
    fn idleb_story() {
        let path = std::path::Path::new("/work/shared/seed/idleb-fr.txt");
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("note: {} not found, skipping", path.display());
            return;
        };
        let t = times(&text);
        let find = |s: &str| t.iter().find(|m| m.text.to_lowercase().contains(s));
        let jeudi = find("jeudi").expect("jeudi");
        assert_eq!(jeudi.value.as_deref(), Some("2020-02-27"));
        assert_eq!(jeudi.precision, Precision::Day);
        let sept = find("septembre 2018").expect("septembre 2018");
        assert_eq!(sept.value.as_deref(), Some("2018-09"));
        assert_eq!(sept.precision, Precision::Month);
        let y2011 = find("2011").expect("2011");
        assert_eq!(y2011.value.as_deref(), Some("2011"));
        assert_eq!(y2011.precision, Precision::Year);
        assert!(t.iter().all(|m| !m.text.contains("800")), "{t:#?}");
    }
}
