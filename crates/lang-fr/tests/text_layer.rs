//! The French text layer end to end: sentences, tokens, numbers and quotations.

use sitrep_lang_fr::French;
use sitrep_text::{analyze, Analysis, NumberMention, Qualifier, TokenKind};

fn run(text: &str) -> Analysis {
    analyze(text, &French, None)
}

fn counts(text: &str) -> Vec<(String, f64, Qualifier)> {
    run(text)
        .numbers
        .into_iter()
        .map(|n: NumberMention| (n.text, n.value, n.qualifier))
        .collect()
}

#[test]
fn digits_with_french_separators() {
    let nbsp = "Plus de 1\u{a0}800 civils et 1\u{202f}200 soldats, soit 1 800 au total.";
    let got = counts(nbsp);
    assert_eq!(
        got[0],
        ("Plus de 1\u{a0}800".into(), 1800.0, Qualifier::MoreThan)
    );
    assert_eq!(got[1].1, 1200.0);
    assert_eq!(got[2].1, 1800.0);
}

#[test]
fn scale_words_and_decimal_comma() {
    let got = counts("Plus de 1,7 million de Syriens et quelque 3,7 millions de réfugiés, 4 millions de civils, 2 milliards d'euros.");
    assert_eq!(got[0].1, 1_700_000.0);
    assert_eq!(got[0].2, Qualifier::MoreThan);
    assert_eq!(got[1].1, 3_700_000.0);
    assert_eq!(got[1].2, Qualifier::Approximately);
    assert_eq!(got[2].1, 4_000_000.0);
    // Money is not a count.
    assert_eq!(got.len(), 3, "{got:?}");
}

#[test]
fn number_words() {
    let a = run("Trente-trois soldats, vingt et un blessés, quatre-vingt-dix-neuf morts, deux mille huit cents déplacés, soixante-dix-sept otages.");
    let v: Vec<f64> = a.numbers.iter().map(|n| n.value).collect();
    assert_eq!(v, vec![33.0, 21.0, 99.0, 2800.0, 77.0]);
    assert_eq!(a.numbers[0].head.as_deref(), Some("soldats"));
}

#[test]
fn approximate_nouns_and_vague_plurals() {
    let a = run("Une dizaine de blessés, des dizaines de morts et des centaines de milliers de personnes déplacées.");
    let n = &a.numbers;
    assert_eq!(n[0].value, 10.0);
    assert_eq!(n[0].qualifier, Qualifier::Approximately);
    assert_eq!((n[1].min, n[1].max), (Some(20.0), Some(99.0)));
    assert_eq!((n[2].min, n[2].max), (Some(200_000.0), Some(999_999.0)));
    assert_eq!(n[2].head.as_deref(), Some("personnes"));
    // The indefinite article alone is not a count; "mise en quarantaine" is not forty.
    assert!(counts("Un responsable turc a été mis en quarantaine.").is_empty());
}

#[test]
fn qualifiers() {
    let got = counts("Au moins 33 morts, près de 40 blessés, jusqu’à 500 personnes, moins de 10 civils, environ 200 soldats.");
    let q: Vec<Qualifier> = got.iter().map(|g| g.2).collect();
    assert_eq!(
        q,
        vec![
            Qualifier::AtLeast,
            Qualifier::Nearly,
            Qualifier::AtMost,
            Qualifier::LessThan,
            Qualifier::Approximately
        ]
    );
}

#[test]
fn years_times_percentages_ordinals_and_phones_are_not_counts() {
    let got = counts(
        "En 2011, à 14h30 ou 14:30, 45 % des votes, la 16e victoire, le 1er mars, appelez le 01 23 45 67 89, le 27/02/2020, 12 ans de prison.",
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn elisions_split_and_numbers_kept_whole() {
    let text = "l’OTAN d'Idleb jusqu’à 1 800 aujourd’hui";
    let a = run(text);
    let toks: Vec<(&str, TokenKind)> = a.tokens.iter().map(|t| (t.text(text), t.kind)).collect();
    assert_eq!(toks[0], ("l’", TokenKind::Elision));
    assert_eq!(toks[1], ("OTAN", TokenKind::Word));
    assert_eq!(toks[2], ("d'", TokenKind::Elision));
    assert_eq!(toks[4], ("jusqu’", TokenKind::Elision));
    assert_eq!(toks[6], ("1 800", TokenKind::Number));
    // "aujourd’hui" is one word: "aujourd" is not an elision.
    assert_eq!(toks[7], ("aujourd’hui", TokenKind::Word));
    // Offsets are in characters and bytes.
    assert_eq!(a.tokens[1].span.start, 2);
    assert_eq!(a.tokens[1].span.byte_start, 4);
}

#[test]
fn sentences_respect_abbreviations_initials_and_numbers() {
    let text = "Syrie: Washington appelle Moscou\n\nM. Dupont et Mme Martin ont vu J. Smith à 1.7 km. Le Dr Ali est arrivé. « C’est fini. » Il est parti ! Puis 3 soldats sont morts.";
    let a = run(text);
    let s: Vec<&str> = a.sentences.iter().map(|s| s.span.slice(text)).collect();
    assert_eq!(
        s,
        vec![
            "Syrie: Washington appelle Moscou",
            "M. Dupont et Mme Martin ont vu J. Smith à 1.7 km.",
            "Le Dr Ali est arrivé.",
            "« C’est fini. »",
            "Il est parti !",
            "Puis 3 soldats sont morts."
        ]
    );
    assert_eq!(a.sentences[0].paragraph, 0);
    assert_eq!(a.sentences[1].paragraph, 1);
}

#[test]
fn quotation_attribution_stays_in_its_sentence() {
    let text = "« Il y a des blessés graves », a déclaré le gouverneur. Il est parti.";
    let a = run(text);
    assert_eq!(a.sentences.len(), 2);
    assert_eq!(a.quotes.len(), 1);
}

/// The reference story, when the shared folder is present.
#[test]
fn reference_story_counts_and_quotes() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/idleb-fr.txt"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} not found");
        return;
    };
    let a = run(&text);
    let find = |needle: &str| {
        a.numbers
            .iter()
            .find(|n| n.text == needle)
            .unwrap_or_else(|| {
                panic!(
                    "no count {needle:?} in {:#?}",
                    a.numbers.iter().map(|n| &n.text).collect::<Vec<_>>()
                )
            })
    };
    let n = find("Au moins 33");
    assert_eq!(
        (n.value, n.qualifier, n.min),
        (33.0, Qualifier::AtLeast, Some(33.0))
    );
    assert_eq!(n.head.as_deref(), Some("soldats"));
    assert_eq!(find("36").qualifier, Qualifier::Exact);
    let n = find("plus de 1 800");
    assert_eq!((n.value, n.qualifier), (1800.0, Qualifier::MoreThan));
    assert_eq!(n.head.as_deref(), Some("civils"));
    assert_eq!(find("4 millions").value, 4_000_000.0);
    let n = find("des centaines de milliers");
    assert_eq!((n.min, n.max), (Some(200_000.0), Some(999_999.0)));
    let n = find("Plus de 1,7 million");
    assert_eq!((n.value, n.qualifier), (1_700_000.0, Qualifier::MoreThan));
    let n = find("quelque 3,7 millions");
    assert_eq!(
        (n.value, n.qualifier),
        (3_700_000.0, Qualifier::Approximately)
    );
    // No year, no "1" from "un porte-parole".
    assert!(a
        .numbers
        .iter()
        .all(|n| n.value != 2011.0 && n.value != 2018.0 && n.value != 1.0));
    // Evidence: every span gives back its text.
    for n in &a.numbers {
        let chars: String = text
            .chars()
            .skip(n.span.start)
            .take(n.span.end - n.span.start)
            .collect();
        assert_eq!(chars, n.text);
    }
    // Three quotations, plus the short « fin immédiate ».
    let long: Vec<&str> = a
        .quotes
        .iter()
        .map(|q| q.text.as_str())
        .filter(|q| q.len() > 40)
        .collect();
    assert_eq!(long.len(), 3, "{long:?}");
    assert!(long[0].starts_with("Nous soutenons"));
    assert!(long[1].starts_with("Comme l’ont dit"));
    assert!(long[2].starts_with("Il y a des blessés graves"));
    // The headline is its own sentence.
    assert_eq!(
        a.sentences[0].span.slice(&text),
        "Syrie: Washington appelle Moscou et Damas à cesser le carnage à Idleb"
    );
}
