//! A flat, pre-order copy of the parsed page that the extractor walks.
//!
//! `scraper`/html5ever give a linked tree (`ego_tree`) whose node ids cannot be used as array
//! indices. Every later pass needs per-node numbers (scores, text lengths, flags), and must never
//! recurse (a page may nest 10,000 tags deep). So the tree is copied once, iteratively, into a
//! vector in document order where each node knows its parent and the index just past its subtree
//! (`end`). With that layout:
//! - a subtree is the contiguous range `i..end`,
//! - bottom-up sums are one reverse loop adding each node into its parent,
//! - inherited flags are one forward loop reading the parent.
//!
//! Nodes borrow their element and text from the `scraper::Html`, so nothing is copied but indices.

use scraper::node::Element;
use scraper::{Html, Node};

/// Index of "no parent".
pub(crate) const NONE: u32 = u32::MAX;

/// The tags the extractor tells apart; everything else is `Other` (a block) or `Inline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Text,
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    /// Elements whose content is never article text (style, svg, form controls, media, ...).
    Invisible,
    Nav,
    Aside,
    Footer,
    Header,
    Menu,
    Form,
    Figure,
    Figcaption,
    A,
    Br,
    P,
    H1,
    Heading,
    Li,
    List,
    Blockquote,
    Pre,
    Table,
    Cell,
    Div,
    Section,
    Article,
    Main,
    Time,
    /// Inline formatting (span, em, strong, q, ...): no paragraph break around it.
    Inline,
    /// Any other element: treated as a block, which separates paragraphs.
    Other,
}

impl Tag {
    fn of(name: &str) -> Tag {
        // html5ever lowercases HTML element names, so a plain match is enough.
        match name {
            "html" => Tag::Html,
            "head" => Tag::Head,
            "body" => Tag::Body,
            "title" => Tag::Title,
            "meta" => Tag::Meta,
            "link" => Tag::Link,
            "script" => Tag::Script,
            "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object" | "embed"
            | "canvas" | "select" | "option" | "button" | "input" | "textarea" | "video"
            | "audio" | "map" | "dialog" | "frameset" | "frame" | "datalist" | "picture"
            | "source" | "track" => Tag::Invisible,
            "nav" => Tag::Nav,
            "aside" => Tag::Aside,
            "footer" => Tag::Footer,
            "header" => Tag::Header,
            "menu" => Tag::Menu,
            "form" => Tag::Form,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "a" => Tag::A,
            "br" => Tag::Br,
            "p" => Tag::P,
            "h1" => Tag::H1,
            "h2" | "h3" | "h4" | "h5" | "h6" => Tag::Heading,
            "li" | "dd" | "dt" => Tag::Li,
            "ul" | "ol" | "dl" => Tag::List,
            "blockquote" => Tag::Blockquote,
            "pre" => Tag::Pre,
            "table" => Tag::Table,
            "td" | "th" => Tag::Cell,
            "div" | "center" => Tag::Div,
            "section" => Tag::Section,
            "article" => Tag::Article,
            "main" => Tag::Main,
            "time" => Tag::Time,
            "span" | "b" | "i" | "em" | "strong" | "u" | "small" | "sub" | "sup" | "abbr"
            | "cite" | "q" | "mark" | "code" | "font" | "label" | "s" | "strike" | "del"
            | "ins" | "kbd" | "var" | "img" | "bdi" | "bdo" | "data" | "wbr" | "dfn" | "tt"
            | "big" | "nobr" | "samp" | "acronym" => Tag::Inline,
            _ => Tag::Other,
        }
    }

    /// Whether the element starts a new paragraph (text on either side is not joined).
    pub(crate) fn is_block(self) -> bool {
        !matches!(self, Tag::Text | Tag::Inline | Tag::A | Tag::Time)
    }
}

/// The attributes the extractor reads, looked up once per element.
///
/// `scraper::node::Element::attr` interns the name it is given on every call, which showed up
/// as a tenth of the run time; one pass over each element's attributes is far cheaper.
#[derive(Default, Clone, Copy)]
pub(crate) struct Attrs<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    role: Option<&'a str>,
    style: Option<&'a str>,
    hidden: Option<&'a str>,
    aria_hidden: Option<&'a str>,
    itemprop: Option<&'a str>,
    itemtype: Option<&'a str>,
    content: Option<&'a str>,
    property: Option<&'a str>,
    name: Option<&'a str>,
    http_equiv: Option<&'a str>,
    rel: Option<&'a str>,
    href: Option<&'a str>,
    type_: Option<&'a str>,
    datetime: Option<&'a str>,
    pubdate: Option<&'a str>,
    lang: Option<&'a str>,
}

impl<'a> Attrs<'a> {
    fn of(el: &'a Element) -> Attrs<'a> {
        let mut a = Attrs::default();
        for (name, value) in el.attrs() {
            let slot = match name {
                "class" => &mut a.class,
                "id" => &mut a.id,
                "role" => &mut a.role,
                "style" => &mut a.style,
                "hidden" => &mut a.hidden,
                "aria-hidden" => &mut a.aria_hidden,
                "itemprop" => &mut a.itemprop,
                "itemtype" => &mut a.itemtype,
                "content" => &mut a.content,
                "property" => &mut a.property,
                "name" => &mut a.name,
                "http-equiv" => &mut a.http_equiv,
                "rel" => &mut a.rel,
                "href" => &mut a.href,
                "type" => &mut a.type_,
                "datetime" => &mut a.datetime,
                "pubdate" => &mut a.pubdate,
                "lang" => &mut a.lang,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        a
    }

    /// The value of one of the attributes listed in the struct (others are always `None`).
    pub(crate) fn get(&self, name: &str) -> Option<&'a str> {
        match name {
            "class" => self.class,
            "id" => self.id,
            "role" => self.role,
            "style" => self.style,
            "hidden" => self.hidden,
            "aria-hidden" => self.aria_hidden,
            "itemprop" => self.itemprop,
            "itemtype" => self.itemtype,
            "content" => self.content,
            "property" => self.property,
            "name" => self.name,
            "http-equiv" => self.http_equiv,
            "rel" => self.rel,
            "href" => self.href,
            "type" => self.type_,
            "datetime" => self.datetime,
            "pubdate" => self.pubdate,
            "lang" => self.lang,
            _ => None,
        }
    }
}

/// One node of the flat tree.
pub(crate) struct FlatNode<'a> {
    pub parent: u32,
    /// Index just past the last node of this node's subtree.
    pub end: u32,
    pub tag: Tag,
    pub el: Option<&'a Element>,
    pub attrs: Attrs<'a>,
    /// Text content, for `Tag::Text` nodes.
    pub text: &'a str,
}

/// The flat tree.
pub(crate) struct Dom<'a> {
    pub nodes: Vec<FlatNode<'a>>,
}

impl<'a> Dom<'a> {
    /// Copies `html`'s tree in document order, without recursion. Comments, doctypes and
    /// processing instructions are dropped.
    pub(crate) fn build(html: &'a Html) -> Dom<'a> {
        let mut nodes: Vec<FlatNode<'a>> = Vec::with_capacity(1024);
        // The path from the root to the current node: (ego_tree node, its flat index or NONE
        // when the node was not copied).
        // The third field is the nearest copied ancestor-or-self, so a node finds its flat
        // parent in constant time.
        let mut path: Vec<(ego_tree::NodeRef<'a, Node>, u32, u32)> = Vec::new();
        let mut current = Some(html.tree.root());
        while let Some(node) = current {
            let parent = path.last().map_or(NONE, |&(_, _, p)| p);
            let index = match node.value() {
                Node::Element(el) => {
                    nodes.push(FlatNode {
                        parent,
                        end: 0,
                        tag: Tag::of(el.name()),
                        el: Some(el),
                        attrs: Attrs::of(el),
                        text: "",
                    });
                    (nodes.len() - 1) as u32
                }
                Node::Text(t) => {
                    nodes.push(FlatNode {
                        parent,
                        end: 0,
                        tag: Tag::Text,
                        el: None,
                        attrs: Attrs::default(),
                        text: t,
                    });
                    (nodes.len() - 1) as u32
                }
                _ => NONE,
            };
            if index != NONE {
                let len = nodes.len() as u32;
                nodes[index as usize].end = len;
            }
            if let Some(child) = node.first_child() {
                path.push((node, index, if index != NONE { index } else { parent }));
                current = Some(child);
                continue;
            }
            // Leaf: move to the next sibling, closing finished ancestors on the way up.
            current = None;
            let mut at = node;
            loop {
                if let Some(sibling) = at.next_sibling() {
                    current = Some(sibling);
                    break;
                }
                match path.pop() {
                    Some((up, i, _)) => {
                        if i != NONE {
                            let len = nodes.len() as u32;
                            nodes[i as usize].end = len;
                        }
                        at = up;
                    }
                    None => break,
                }
            }
        }
        Dom { nodes }
    }

    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    pub(crate) fn attr(&self, i: usize, name: &str) -> Option<&'a str> {
        self.nodes.get(i).and_then(|n| n.attrs.get(name))
    }

    /// The text of a subtree, whitespace collapsed, block boundaries as single spaces.
    pub(crate) fn text_of(&self, i: usize) -> String {
        let mut out = String::new();
        let end = self.nodes.get(i).map_or(i, |n| n.end as usize);
        let mut j = i;
        while j < end {
            let n = &self.nodes[j];
            if matches!(n.tag, Tag::Script | Tag::Invisible) && j != i {
                j = n.end as usize;
                continue;
            }
            if n.tag == Tag::Text {
                push_collapsed(&mut out, n.text);
            } else if n.tag.is_block() && !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            j += 1;
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out
    }
}

/// Appends `s` to `out` with every run of whitespace turned into one space, and no space at the
/// start of `out`. Returns the number of characters appended.
pub(crate) fn push_collapsed(out: &mut String, s: &str) -> usize {
    let mut added = 0;
    let mut pending_space = false;
    // One pass: runs of ordinary characters are copied at once; whitespace becomes one pending
    // space; control characters (binary garbage, stray form feeds) are dropped.
    let mut run: Option<usize> = None;
    for (at, c) in s.char_indices() {
        if c.is_whitespace() || c.is_control() {
            if let Some(start) = run.take() {
                out.push_str(&s[start..at]);
            }
            pending_space |= c.is_whitespace();
            continue;
        }
        if run.is_none() {
            if pending_space && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
                added += 1;
            }
            pending_space = false;
            run = Some(at);
        }
        added += 1;
    }
    if let Some(start) = run {
        out.push_str(&s[start..]);
    }
    // Text that ends in whitespace must stay separated from what follows.
    if pending_space && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
        added += 1;
    }
    added
}
