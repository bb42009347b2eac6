use crate::util::*;

/// Runs `read` on a bad file next to a good one: the good one is still read, the bad one is named
/// on stderr with `expect` in its message, and the exit code is 1.
fn check(name: &str, bytes: &[u8], expect: &str) {
    let dir = TempDir::new(&name.replace('.', "-"));
    let bad = dir.file(name, bytes);
    let good = dir.file("good.txt", "Un titre\n\nLes forces de sécurité ont arrêté 12 personnes jeudi à Dakar, a indiqué la police.".as_bytes());
    let out = sitrep(&["read", &bad, &good]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "exit code; stderr: {stderr}");
    assert!(stderr.contains(name), "stderr names the file: {stderr}");
    assert!(
        stderr.to_lowercase().contains(expect),
        "stderr says {expect:?}: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let docs = json_lines(&out);
    assert!(
        docs.iter().any(|d| d["source"]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("good.txt"))),
        "the good document is still read"
    );
}

#[test]
fn empty_file() {
    check("empty.html", b"", "empty");
}

#[test]
fn binary_file() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..5000u32).map(|i| (i * 7919 % 251) as u8));
    check("photo.html", &png, "binary");
}

#[test]
fn truncated_gzip() {
    use std::io::Write;
    let mut gz = Vec::new();
    let mut e = flate2::write::GzEncoder::new(&mut gz, flate2::Compression::default());
    e.write_all(
        "<html><body><p>Un long paragraphe qui se répète.</p>"
            .repeat(3000)
            .as_bytes(),
    )
    .unwrap();
    e.finish().unwrap();
    gz.truncate(gz.len() / 3);
    check("page.html.gz", &gz, "gzip");
}

#[test]
fn huge_page() {
    // 50 MB of markup: refused with the limit named, not parsed into gigabytes of DOM.
    let mut page = b"<html><body><div class=\"article\">".to_vec();
    let para =
        "<p>Ceci est un paragraphe de remplissage d'une page trop grande pour un article.</p>\n";
    while page.len() < 50 << 20 {
        page.extend_from_slice(para.as_bytes());
    }
    page.extend_from_slice(b"</div></body></html>");
    check("huge.html", &page, "too large");
}

#[test]
fn deeply_nested_tags_are_read_without_crashing() {
    let dir = TempDir::new("nested");
    let page = format!(
        "<html><body>{}<p>Au moins 12 soldats ont été tués jeudi lors d'une attaque dans le nord du pays, selon l'armée.</p>{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let p = dir.file("nested.html", page.as_bytes());
    let out = sitrep(&["read", &p]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("overflow"),
        "{stderr}"
    );
    assert!(out.status.code().is_some(), "killed by a signal: {stderr}");
    // Either read or reported, never a crash; when read, the paragraph is there.
    if out.status.code() == Some(0) {
        let docs = json_lines(&out);
        assert!(docs[0]["text"]
            .as_str()
            .unwrap()
            .contains("Au moins 12 soldats"));
    }
}

#[test]
fn malformed_feed() {
    check(
        "broken.rss",
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Fil</title><item><title>Un",
        "feed",
    );
}

#[test]
fn malformed_warc_keeps_good_records() {
    let good = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><h1>Titre</h1><p>Au moins 5 civils ont été tués lundi dans une attaque contre un marché, selon des témoins.</p></body></html>";
    let mut warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://ex.example/a\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{good}\r\n\r\n",
        good.len()
    );
    warc.push_str("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>cut");
    let dir = TempDir::new("warc");
    let p = dir.file("crawl.warc", warc.as_bytes());
    let out = sitrep(&["read", &p]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("crawl.warc#2") && stderr.contains("truncated"),
        "{stderr}"
    );
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["source"]["item"], 1);
    assert_eq!(docs[0]["url"], "http://ex.example/a");
}

#[test]
fn malformed_jsonl_line() {
    check("docs.jsonl", b"{\"id\":\"a\",\"text\":\"Texte\"\n", "jsonl");
}

#[test]
fn missing_path_is_reported_and_the_rest_read() {
    let out = sitrep(&["read", "/nonexistent/page.html", &example("plain-fr.txt")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/page.html"));
    assert_eq!(json_lines(&out).len(), 1);
}
