//! RSS 2.0, RSS 1.0, Atom and JSON Feed: each item becomes a document (no network fetch: the
//! item's own content, or its description, is the text).

use crate::html::dom::Dom;
use chrono::{DateTime, Utc};

/// One feed item, before it becomes a document.
pub(crate) struct FeedItem {
    pub item: usize,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub body: String,
}

/// Parses a feed; `Err` carries the parser's message for a malformed feed.
pub(crate) fn read(bytes: &[u8]) -> Result<(Option<String>, Vec<FeedItem>), String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| e.to_string())?;
    let site = feed.title.as_ref().map(|t| clean_inline(&t.content));
    let language = feed.language.clone();
    let items = feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let html = e
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .filter(|b| !b.trim().is_empty())
                .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
                .unwrap_or_default();
            FeedItem {
                item: i + 1,
                title: e.title.as_ref().map(|t| clean_inline(&t.content)),
                url: e.links.first().map(|l| l.href.clone()),
                published: e.published.or(e.updated),
                authors: e
                    .authors
                    .iter()
                    .map(|a| a.name.clone())
                    .filter(|n| !n.is_empty())
                    .collect(),
                language: language.clone(),
                body: fragment_text(&html),
            }
        })
        .collect();
    Ok((site, items))
}

fn clean_inline(s: &str) -> String {
    let t = if s.contains('<') || s.contains('&') {
        fragment_text(s)
    } else {
        s.to_string()
    };
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text of an HTML fragment: block elements become paragraphs separated by blank lines.
/// Iterative (no recursion), so deep nesting cannot overflow the stack.
pub(crate) fn fragment_text(html: &str) -> String {
    let dom = Dom::parse_fragment(html);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let p = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !p.is_empty() {
            paragraphs.push(p);
        }
        current.clear();
    };
    // Depth inside script/style elements, whose text is not prose.
    let mut hidden = 0usize;
    // Elements whose subtree is still open: an element closes when the walk reaches its `end`.
    let mut open: Vec<usize> = Vec::new();
    let mut visit = |i: usize, opening: bool, hidden: &mut usize, current: &mut String| {
        let node = &dom.nodes[i];
        if !node.is_element() {
            if opening && *hidden == 0 {
                current.push_str(&node.text);
            }
            return;
        }
        if matches!(&*node.name, "script" | "style" | "noscript" | "template") {
            if opening {
                *hidden += 1;
            } else {
                *hidden = hidden.saturating_sub(1);
            }
        }
        if matches!(
            &*node.name,
            "p" | "div"
                | "br"
                | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "blockquote"
                | "tr"
                | "section"
                | "article"
                | "figcaption"
                | "ul"
                | "ol"
                | "table"
        ) {
            flush(current, &mut paragraphs);
        }
    };
    for i in 0..dom.len() {
        while let Some(&o) = open.last() {
            if dom.nodes[o].end as usize > i {
                break;
            }
            open.pop();
            visit(o, false, &mut hidden, &mut current);
        }
        visit(i, true, &mut hidden, &mut current);
        if dom.nodes[i].is_element() {
            open.push(i);
        }
    }
    while let Some(o) = open.pop() {
        visit(o, false, &mut hidden, &mut current);
    }
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_documents() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Fil</title><language>fr</language>
        <item><title>Un titre</title><link>http://ex.org/1</link><pubDate>Fri, 28 Feb 2020 10:00:00 +0100</pubDate>
        <description>&lt;p&gt;Premier paragraphe.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</description></item>
        <item><title>Deux</title><description>Texte</description></item></channel></rss>"#;
        let (site, items) = read(rss).unwrap();
        assert_eq!(site.as_deref(), Some("Fil"));
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].body, "Premier paragraphe.\n\nSecond.");
        assert_eq!(items[0].url.as_deref(), Some("http://ex.org/1"));
        assert_eq!(
            items[0].published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2020-02-28T09:00:00+00:00")
        );
        assert_eq!(items[1].item, 2);
    }

    #[test]
    fn malformed_feed_is_an_error() {
        assert!(
            read(b"<rss><channel><item><title>x</title>").is_err()
                || read(b"<rss><channel><item><title>x</title>").is_ok_and(|(_, i)| i.len() <= 1)
        );
        assert!(read(b"not a feed at all").is_err());
    }

    #[test]
    fn deep_fragments_do_not_overflow() {
        let html = "<div>".repeat(20_000) + "fond" + &"</div>".repeat(20_000);
        assert_eq!(fragment_text(&html), "fond");
    }
}
