//! Bytes to text: BOM, then a declared charset (HTTP header, XML declaration), then `<meta>`
//! charset, then UTF-8 validity, then statistical detection.
//!
//! Declared labels go through the WHATWG label table, so `iso-8859-1` and `latin1` decode as
//! windows-1252, as browsers do (the C1 range of real "Latin-1" pages is almost always
//! Windows-1252 punctuation such as ’ and €). A page that declares UTF-8 but is not valid UTF-8 is
//! re-detected: scraped archives often carry a wrong header.

use encoding_rs::{Encoding, UTF_8};
use sitrep_core::{EncodingReport, EncodingSource};

/// Decoded text and how it was decoded.
pub(crate) struct Decoded {
    pub text: String,
    pub report: EncodingReport,
}

/// Decodes `bytes`. `declared` is a charset label from outside the bytes (an HTTP header);
/// `markup` says whether to look for `<meta charset>` and `<?xml encoding>` in the first bytes.
pub(crate) fn decode(bytes: &[u8], declared: Option<&str>, markup: bool) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..], EncodingSource::Bom);
    }
    let declared = declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .map(|e| (e, EncodingSource::Http))
        .or_else(|| {
            if markup {
                sniff_markup(bytes).map(|e| (e, EncodingSource::Meta))
            } else {
                None
            }
        });
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    match declared {
        Some((enc, _)) if enc == UTF_8 && !valid_utf8 => detect(bytes),
        // UTF-16 labels in a <meta> are wrong by definition (the meta could not be read as ASCII).
        Some((enc, src)) if !(src == EncodingSource::Meta && enc.output_encoding() != enc) => {
            finish(enc, bytes, src)
        }
        _ if valid_utf8 => finish(UTF_8, bytes, EncodingSource::Utf8),
        _ => detect(bytes),
    }
}

fn detect(bytes: &[u8]) -> Decoded {
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(None, true);
    finish(enc, bytes, EncodingSource::Detected)
}

fn finish(enc: &'static Encoding, bytes: &[u8], source: EncodingSource) -> Decoded {
    let (text, _had_errors) = enc.decode_without_bom_handling(bytes);
    let replaced = if _had_errors {
        text.chars().filter(|&c| c == '\u{fffd}').count()
    } else {
        0
    };
    Decoded {
        text: text.into_owned(),
        report: EncodingReport {
            name: enc.name(),
            source,
            replaced,
        },
    }
}

/// Finds `<meta charset=...>`, `<meta http-equiv=Content-Type content="...; charset=...">` or
/// `<?xml ... encoding="..."?>` in the first 4 KB.
fn sniff_markup(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let find_after = |needle: &[u8], from: usize| -> Option<usize> {
        lower[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| from + p + needle.len())
    };
    let label_at = |mut p: usize| -> Option<&'static Encoding> {
        while p < lower.len() && matches!(lower[p], b' ' | b'=' | b'"' | b'\'') {
            p += 1;
        }
        let end = lower[p..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
            .map_or(lower.len(), |e| p + e);
        Encoding::for_label(&lower[p..end])
    };
    if lower.starts_with(b"<?xml") {
        if let Some(p) = find_after(b"encoding", 0) {
            let decl_end = find_after(b"?>", 0).unwrap_or(lower.len());
            if p < decl_end {
                return label_at(p);
            }
        }
    }
    let mut from = 0;
    while let Some(p) = find_after(b"<meta", from) {
        let end = lower[p..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| p + e);
        let tag = &lower[p..end];
        if let Some(c) = tag.windows(7).position(|w| w == b"charset") {
            if let Some(e) = label_at(p + c + 7) {
                return Some(e);
            }
        }
        from = end.min(lower.len().saturating_sub(1)).max(p);
        if from >= lower.len() - 1 {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let d = decode(
            b"\xEF\xBB\xBFd\xC3\xA9j\xC3\xA0",
            Some("windows-1252"),
            true,
        );
        assert_eq!(d.text, "déjà");
        assert_eq!(d.report.source, EncodingSource::Bom);
    }

    #[test]
    fn meta_charset_windows_1252() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body>\x93Quitter\x94 l\x92arm\xE9e 5\x80</body></html>";
        let d = decode(page, None, true);
        assert!(d.text.contains("“Quitter” l’armée 5€"), "{}", d.text);
        assert_eq!(d.report.name, "windows-1252");
        assert_eq!(d.report.source, EncodingSource::Meta);
    }

    #[test]
    fn latin1_label_decodes_as_windows_1252() {
        let d = decode(b"<meta charset=iso-8859-1>caf\xE9 l\x92", None, true);
        assert!(d.text.ends_with("café l’"));
    }

    #[test]
    fn undeclared_latin1_is_detected() {
        let text = "Les forces de sécurité ont dispersé les manifestants près de la préfecture. Une dizaine de blessés ont été évacués vers l'hôpital, a précisé la préfète.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = decode(&bytes, None, true);
        assert_eq!(d.text, text);
        assert_eq!(d.report.source, EncodingSource::Detected);
    }

    #[test]
    fn wrong_utf8_declaration_is_redetected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("La préfète a confirmé l'arrestation de deux élèves à l'école.");
        let d = decode(&bytes, Some("utf-8"), false);
        assert!(d.text.contains("préfète"));
        assert_eq!(d.report.replaced, 0);
    }

    #[test]
    fn invalid_bytes_are_counted_never_fatal() {
        let d = decode(b"ok \xFF\xFE\xFD fin", Some("utf-8"), false);
        assert!(d.text.starts_with("ok"));
    }
}
