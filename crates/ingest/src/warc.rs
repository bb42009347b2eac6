//! A WARC 1.0/1.1 reader: `response` records with an HTTP message holding HTML.
//!
//! The input is the already-decompressed file (a `.warc.gz` is a series of gzip members, which
//! `flate2::MultiGzDecoder` reads as one stream). Records are found by their `WARC/` version line
//! and framed by `Content-Length`. A damaged record is reported and the reader moves on to the next
//! `WARC/` line, so one bad record never loses the rest of a crawl.

/// One HTML payload found in a WARC file.
pub(crate) struct WarcPage {
    /// 1-based record number in the file (all record types counted).
    pub record: usize,
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// `WARC-Date` (the capture time).
    pub date: Option<String>,
    /// The `charset` of the HTTP `Content-Type`, if any.
    pub charset: Option<String>,
    /// The HTTP body, de-chunked and decompressed.
    pub body: Vec<u8>,
}

/// What reading a WARC file gave: pages, and per-record problems `(record number, message)`.
pub(crate) struct WarcRead {
    pub pages: Vec<WarcPage>,
    pub errors: Vec<(usize, String)>,
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// The end of a header block (the byte after the blank line) and the header text.
fn header_block(data: &[u8], from: usize) -> Option<(usize, &[u8])> {
    let crlf = find(data, b"\r\n\r\n", from).map(|p| (p, p + 4));
    let lf = find(data, b"\n\n", from).map(|p| (p, p + 2));
    let (end, next) = match (crlf, lf) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => return None,
    };
    Some((next, &data[from..end]))
}

fn headers(block: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(block)
        .lines()
        .skip(1)
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            Some((k.trim().to_ascii_lowercase(), v.trim().to_string()))
        })
        .collect()
}

fn get<'h>(h: &'h [(String, String)], name: &str) -> Option<&'h str> {
    h.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Reads every record of a WARC file.
pub(crate) fn read(data: &[u8]) -> WarcRead {
    let mut out = WarcRead {
        pages: Vec::new(),
        errors: Vec::new(),
    };
    let mut pos = 0usize;
    let mut record = 0usize;
    while let Some(start) = find(data, b"WARC/", pos) {
        // The version line must start a line.
        if start > 0 && data[start - 1] != b'\n' {
            pos = start + 5;
            continue;
        }
        record += 1;
        let Some((body_start, head)) = header_block(data, start) else {
            out.errors
                .push((record, "record header is not terminated".into()));
            break;
        };
        let h = headers(head);
        let Some(len) = get(&h, "content-length").and_then(|v| v.parse::<usize>().ok()) else {
            out.errors
                .push((record, "record has no valid Content-Length".into()));
            pos = body_start;
            continue;
        };
        let Some(block) = data.get(body_start..body_start.saturating_add(len)) else {
            out.errors.push((
                record,
                format!(
                    "record is truncated: Content-Length {len}, {} bytes left",
                    data.len() - body_start
                ),
            ));
            break;
        };
        pos = body_start + len;
        let is_response = get(&h, "warc-type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
        let is_http =
            get(&h, "content-type").is_none_or(|t| t.to_ascii_lowercase().contains("http"));
        if !is_response || !is_http {
            continue;
        }
        match http_page(block) {
            Ok(Some((charset, body))) => out.pages.push(WarcPage {
                record,
                url: get(&h, "warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string()),
                date: get(&h, "warc-date").map(str::to_string),
                charset,
                body,
            }),
            Ok(None) => {}
            Err(e) => out.errors.push((record, e)),
        }
    }
    if record == 0 && !data.is_empty() {
        out.errors.push((0, "no WARC record found".into()));
    }
    out
}

/// The body of an HTTP response if it is a successful HTML page: `Ok(None)` for other content
/// (images, redirects), `Err` for a damaged message.
/// An HTML body and the charset its HTTP header declares.
type HttpPage = (Option<String>, Vec<u8>);

fn http_page(block: &[u8]) -> Result<Option<HttpPage>, String> {
    let (body_start, head) =
        header_block(block, 0).ok_or_else(|| "HTTP header is not terminated".to_string())?;
    let status_line = String::from_utf8_lossy(head.split(|&b| b == b'\n').next().unwrap_or(b""));
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad HTTP status line {:?}", status_line.trim()))?;
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let h = headers(head);
    let ctype = get(&h, "content-type")
        .unwrap_or("text/html")
        .to_ascii_lowercase();
    if !(ctype.contains("html") || ctype.contains("xml")) {
        return Ok(None);
    }
    let charset = ctype
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .next()
        .map(|c| c.trim_matches(['"', '\'']).to_string());
    let mut body = block[body_start..].to_vec();
    if get(&h, "transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        body = dechunk(&body)?;
    }
    match get(&h, "content-encoding").map(|e| e.to_ascii_lowercase()) {
        Some(e) if e.contains("gzip") => {
            use std::io::Read;
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("gzip body: {e}"))?;
            body = out;
        }
        Some(e) if e.contains("deflate") => {
            use std::io::Read;
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&body[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("deflate body: {e}"))?;
            body = out;
        }
        _ => {}
    }
    Ok(Some((charset, body)))
}

fn dechunk(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len());
    let mut pos = 0;
    loop {
        let line_end = find(data, b"\r\n", pos).ok_or("chunked body: missing chunk size")?;
        let size_txt = String::from_utf8_lossy(&data[pos..line_end]);
        let size_hex = size_txt.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_hex, 16)
            .map_err(|_| format!("chunked body: bad chunk size {size_hex:?}"))?;
        pos = line_end + 2;
        if size == 0 {
            return Ok(out);
        }
        let chunk = data
            .get(pos..pos.saturating_add(size))
            .ok_or("chunked body: truncated chunk")?;
        out.extend_from_slice(chunk);
        pos += size + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: http://example.org/a\r\nWARC-Date: 2020-02-28T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn reads_responses_and_skips_others() {
        let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n<p>caf\xE9</p>";
        let mut data = record("request", b"GET / HTTP/1.1\r\n\r\n");
        data.extend(record("response", http));
        data.extend(record(
            "response",
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nno",
        ));
        let r = read(&data);
        assert_eq!(r.pages.len(), 1);
        assert_eq!(r.pages[0].record, 2);
        assert_eq!(r.pages[0].charset.as_deref(), Some("windows-1252"));
        assert_eq!(r.pages[0].body, b"<p>caf\xE9</p>");
        assert!(r.errors.is_empty());
    }

    #[test]
    fn truncated_record_is_an_error_and_earlier_ones_survive() {
        let mut data = record("response", b"HTTP/1.1 200 OK\r\n\r\n<p>one</p>");
        let mut bad = record("response", b"HTTP/1.1 200 OK\r\n\r\n<p>two two two</p>");
        bad.truncate(bad.len() - 12);
        data.extend(bad);
        let r = read(&data);
        assert_eq!(r.pages.len(), 1);
        assert_eq!(r.errors.len(), 1);
        assert!(r.errors[0].1.contains("truncated"));
    }

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        assert!(dechunk(b"zz\r\n").is_err());
    }
}
