use crate::util::*;
use serde_json::Value;

fn read_one(args: &[&str]) -> Value {
    let out = sitrep(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut docs = json_lines(&out);
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

fn count<'a>(doc: &'a Value, text: &str) -> &'a Value {
    doc["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| {
            n["text"]
                .as_str()
                .is_some_and(|t| t.eq_ignore_ascii_case(text))
        })
        .unwrap_or_else(|| panic!("no count {text:?} in {}", doc["numbers"]))
}

fn time<'a>(doc: &'a Value, text: &str) -> &'a Value {
    doc["times"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| {
            t["text"]
                .as_str()
                .is_some_and(|x| x.eq_ignore_ascii_case(text))
        })
        .unwrap_or_else(|| panic!("no time {text:?} in {}", doc["times"]))
}

/// Every span in the output gives back its text when the text is indexed by characters.
fn spans_check_out(doc: &Value) {
    let chars: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    for key in ["numbers", "times"] {
        for item in doc[key].as_array().unwrap() {
            let (s, e) = (
                item["span"]["start"].as_u64().unwrap() as usize,
                item["span"]["end"].as_u64().unwrap() as usize,
            );
            let got: String = chars[s..e].iter().collect();
            assert_eq!(got, item["text"].as_str().unwrap());
        }
    }
}

#[test]
fn french_wire_page_furniture_metadata_and_text_layer() {
    let d = read_one(&["read", &example("fr-wire-idleb-style.html")]);
    let text = d["text"].as_str().unwrap();
    for furniture in [
        "Quitter la version mobile",
        "Nous utilisons des cookies",
        "Partager sur Facebook",
        "Lire aussi",
        "Accepter",
    ] {
        assert!(!text.contains(furniture), "furniture {furniture:?} kept");
    }
    assert_eq!(d["language"], "fr");
    assert_eq!(d["published"]["date"], "2024-03-14");
    assert_eq!(d["published"]["source"], "json-ld");
    assert!(d["title"].as_str().unwrap().len() > 10);
    let n = count(&d, "au moins 17");
    assert_eq!(
        (n["value"].as_i64(), n["qualifier"].as_str()),
        (Some(17), Some("at_least"))
    );
    assert_eq!(count(&d, "plus de 1,7 million")["value"], 1_700_000);
    assert_eq!(time(&d, "mercredi soir")["value"], "2024-03-13");
    // The two-paragraph quotation is one quotation.
    assert!(d["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|q| q["paragraphs"].as_u64() == Some(2)));
    spans_check_out(&d);
}

#[test]
fn english_page_without_json_ld() {
    let d = read_one(&["read", &example("en-wire-somalia-style.html")]);
    let text = d["text"].as_str().unwrap();
    for furniture in [
        "Accept cookies",
        "Back to top",
        "Share on Facebook",
        "Most read",
    ] {
        assert!(!text.contains(furniture), "furniture {furniture:?} kept");
    }
    assert_eq!(d["language"], "en");
    assert_eq!(d["published"]["date"], "2024-07-17");
    assert_eq!(count(&d, "at least 14")["qualifier"], "at_least");
    assert_eq!(count(&d, "more than 3,000")["value"], 3000);
    assert_eq!(time(&d, "Tuesday")["value"], "2024-07-16");
    spans_check_out(&d);
}

#[test]
fn legacy_encodings() {
    let d = read_one(&["read", &example("fr-windows-1252.html")]);
    assert_eq!(d["encoding"]["name"], "windows-1252");
    let text = d["text"].as_str().unwrap();
    assert!(text.contains('€') && text.contains('é') && !text.contains('\u{fffd}'));
    let d = read_one(&["read", &example("fr-latin1-undeclared.html")]);
    assert_eq!(d["encoding"]["source"], "detected");
    let text = d["text"].as_str().unwrap();
    assert!(
        text.contains("Téra") && !text.contains('\u{fffd}'),
        "{text}"
    );
}

#[test]
fn feeds_give_one_document_per_item() {
    let out = sitrep(&["read", &example("feed-fr.rss"), &example("feed-en.atom")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 7);
    assert_eq!(docs[0]["source"]["item"], 1);
    assert_eq!(docs[3]["source"]["item"], 4);
    assert_eq!(docs[0]["published"]["date"], "2024-03-14");
    assert_eq!(docs[0]["language"], "fr");
    assert_eq!(docs[4]["language"], "en");
    assert!(docs.iter().all(|d| d["published"]["source"] == "record"));
}

#[test]
fn warc_responses_become_documents() {
    let out = sitrep(&["read", &example("crawl.warc.gz")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 3);
    assert!(docs
        .iter()
        .all(|d| d["source"]["format"] == "warc" && d["url"].is_string()));
    let conakry = docs
        .iter()
        .find(|d| d["encoding"]["name"] == "windows-1252")
        .expect("charset from the HTTP header");
    assert_eq!(conakry["encoding"]["source"], "http");
    assert!(!conakry["text"].as_str().unwrap().contains('\u{fffd}'));
}

#[test]
fn jsonl_keeps_ids_and_dates() {
    let out = sitrep(&["read", &example("docs.jsonl")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 3);
    assert!(docs
        .iter()
        .all(|d| d["id"].is_string() && d["published"]["source"] == "record"));
}

#[test]
fn standard_input() {
    let out = sitrep_stdin(
        &["read", "--published", "2020-02-28", "-"],
        "Titre\n\nAu moins 3 morts hier à Gao.".as_bytes(),
    );
    assert!(out.status.success());
    let docs = json_lines(&out);
    assert_eq!(docs[0]["source"]["path"], "-");
    assert_eq!(time(&docs[0], "hier")["value"], "2020-02-27");
}

#[test]
fn a_folder_is_read_whole_in_a_stable_order_with_stable_ids() {
    let a = sitrep(&["read", &examples().display().to_string()]);
    let b = sitrep(&["read", "-j", "1", &examples().display().to_string()]);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    let ids = |o| {
        json_lines(o)
            .iter()
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let (ia, ib) = (ids(&a), ids(&b));
    assert!(ia.len() >= 18, "{} documents", ia.len());
    assert_eq!(ia, ib);
}

#[test]
fn undated_documents_say_so_and_keep_relative_dates_unresolved() {
    let d = read_one(&["read", &example("plain-fr.txt")]);
    assert!(d["published"].is_null());
    assert!(d["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n.as_str().unwrap().contains("no publication date")));
    let hier = time(&d, "hier");
    assert!(hier["value"].is_null());
}

#[test]
fn languages_without_a_pack_pass_through() {
    let out = sitrep_stdin(
        &["read", "-"],
        "Die Vereinigten Staaten haben am Donnerstag ihre Solidarität mit der Türkei erklärt."
            .as_bytes(),
    );
    assert!(out.status.success());
    let d = &json_lines(&out)[0];
    assert_eq!(d["language"], "de");
    assert!(d["notes"].to_string().contains("no language pack"));
}

#[test]
fn text_format() {
    let out = sitrep(&["read", "--format", "text", &example("plain-fr.txt")]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("=== "));
}

#[test]
fn reference_story() {
    let Some(seed) = seed() else {
        eprintln!("skipped: ../shared/seed/idleb-fr.txt not found");
        return;
    };
    let d = read_one(&["read", "--published", "2020-02-28", &seed]);
    assert!(!d["text"]
        .as_str()
        .unwrap()
        .contains("Quitter la version mobile"));
    assert_eq!(d["language"], "fr");
    for (text, value, qualifier) in [
        ("au moins 33", 33, "at_least"),
        ("36", 36, "exact"),
        ("plus de 1 800", 1800, "more_than"),
        ("4 millions", 4_000_000, "exact"),
        ("des centaines de milliers", 200_000, "approximately"),
        ("plus de 1,7 million", 1_700_000, "more_than"),
        ("quelque 3,7 millions", 3_700_000, "approximately"),
    ] {
        let n = count(&d, text);
        assert_eq!(
            (n["value"].as_i64(), n["qualifier"].as_str()),
            (Some(value), Some(qualifier)),
            "{text}"
        );
    }
    assert_eq!(
        d["numbers"].as_array().unwrap().len(),
        7,
        "{}",
        d["numbers"]
    );
    let jeudi = time(&d, "jeudi");
    assert_eq!(
        (jeudi["value"].as_str(), jeudi["precision"].as_str()),
        (Some("2020-02-27"), Some("day"))
    );
    let sept = d["times"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["text"].as_str().unwrap().contains("septembre 2018"))
        .unwrap();
    assert_eq!(
        (sept["value"].as_str(), sept["precision"].as_str()),
        (Some("2018-09"), Some("month"))
    );
    let since = d["times"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["text"].as_str().unwrap().contains("2011"))
        .unwrap();
    assert_eq!(since["start"], "2011-01-01");
    let quotes: Vec<&str> = d["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap())
        .filter(|q| q.len() > 40)
        .collect();
    assert_eq!(quotes.len(), 3, "{quotes:?}");
    spans_check_out(&d);
}
