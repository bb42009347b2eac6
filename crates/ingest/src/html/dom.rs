//! The parsed page as a flat, pre-order array that the extractor walks.
//!
//! html5ever parses into a tree sink of ours ([`Builder`]) instead of `scraper`'s: the sink keeps
//! a plain arena of linked nodes holding only what the extractor reads (the tag, the few
//! attributes listed in [`Attr`], text), and when parsing ends it lays the tree out once,
//! iteratively, as a vector in document order where each node knows its parent and the index just
//! past its subtree (`end`). With that layout:
//! - a subtree is the contiguous range `i..end`,
//! - bottom-up sums are one reverse loop adding each node into its parent,
//! - inherited flags are one forward loop reading the parent,
//!
//! and no pass needs to recurse, however deep the page nests (10,000 levels is fine).
//!
//! The arena cannot be built in document order directly: the HTML tree builder moves nodes after
//! inserting them (misnested formatting tags, tables' foster parenting), so nodes are linked
//! while parsing and ordered at the end.
//!
//! Text stays in html5ever's tendrils: a text run is a shared slice of the input buffer until a
//! second run has to be joined to it, so most text is never copied.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{local_name, namespace_url, ns, Attribute, LocalName, ParseOpts, QualName};

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
    fn of(name: &LocalName) -> Tag {
        // html5ever lowercases HTML element names and interns the known ones, so this compares
        // interned atoms (integers), not strings. The namespace is ignored, as before: an SVG
        // `<title>` is a `Title`, which the readers skip because it sits inside an `svg`.
        match *name {
            local_name!("html") => Tag::Html,
            local_name!("head") => Tag::Head,
            local_name!("body") => Tag::Body,
            local_name!("title") => Tag::Title,
            local_name!("meta") => Tag::Meta,
            local_name!("link") => Tag::Link,
            local_name!("script") => Tag::Script,
            local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("iframe")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("canvas")
            | local_name!("select")
            | local_name!("option")
            | local_name!("button")
            | local_name!("input")
            | local_name!("textarea")
            | local_name!("video")
            | local_name!("audio")
            | local_name!("map")
            | local_name!("dialog")
            | local_name!("frameset")
            | local_name!("frame")
            | local_name!("datalist")
            | local_name!("picture")
            | local_name!("source")
            | local_name!("track") => Tag::Invisible,
            local_name!("nav") => Tag::Nav,
            local_name!("aside") => Tag::Aside,
            local_name!("footer") => Tag::Footer,
            local_name!("header") => Tag::Header,
            local_name!("menu") => Tag::Menu,
            local_name!("form") => Tag::Form,
            local_name!("figure") => Tag::Figure,
            local_name!("figcaption") => Tag::Figcaption,
            local_name!("a") => Tag::A,
            local_name!("br") => Tag::Br,
            local_name!("p") => Tag::P,
            local_name!("h1") => Tag::H1,
            local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6") => Tag::Heading,
            local_name!("li") | local_name!("dd") | local_name!("dt") => Tag::Li,
            local_name!("ul") | local_name!("ol") | local_name!("dl") => Tag::List,
            local_name!("blockquote") => Tag::Blockquote,
            local_name!("pre") => Tag::Pre,
            local_name!("table") => Tag::Table,
            local_name!("td") | local_name!("th") => Tag::Cell,
            local_name!("div") | local_name!("center") => Tag::Div,
            local_name!("section") => Tag::Section,
            local_name!("article") => Tag::Article,
            local_name!("main") => Tag::Main,
            local_name!("time") => Tag::Time,
            local_name!("span")
            | local_name!("b")
            | local_name!("i")
            | local_name!("em")
            | local_name!("strong")
            | local_name!("u")
            | local_name!("small")
            | local_name!("sub")
            | local_name!("sup")
            | local_name!("abbr")
            | local_name!("cite")
            | local_name!("q")
            | local_name!("mark")
            | local_name!("code")
            | local_name!("font")
            | local_name!("label")
            | local_name!("s")
            | local_name!("strike")
            | local_name!("del")
            | local_name!("ins")
            | local_name!("kbd")
            | local_name!("var")
            | local_name!("img")
            | local_name!("bdi")
            | local_name!("bdo")
            | local_name!("data")
            | local_name!("wbr")
            | local_name!("dfn")
            | local_name!("tt")
            | local_name!("big")
            | local_name!("nobr")
            | local_name!("samp")
            | local_name!("acronym") => Tag::Inline,
            _ => Tag::Other,
        }
    }

    /// Whether the element starts a new paragraph (text on either side is not joined).
    pub(crate) fn is_block(self) -> bool {
        !matches!(self, Tag::Text | Tag::Inline | Tag::A | Tag::Time)
    }
}

/// The names of the attributes [`Attr`] stands for, for tests: `prescan::keeps` must keep them
/// all, since it strips other attributes before parsing.
#[cfg(test)]
pub(crate) const ATTR_NAMES: [&str; 18] = [
    "class",
    "id",
    "role",
    "style",
    "hidden",
    "aria-hidden",
    "itemprop",
    "itemtype",
    "content",
    "property",
    "name",
    "http-equiv",
    "rel",
    "href",
    "type",
    "datetime",
    "pubdate",
    "lang",
];

/// The attributes the extractor reads; the parser's other attributes are dropped on arrival,
/// and most never reach the parser (`prescan::keeps`). A new one goes in both places and in
/// `ATTR_NAMES`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attr {
    Class,
    Id,
    Role,
    Style,
    Hidden,
    AriaHidden,
    ItemProp,
    ItemType,
    Content,
    Property,
    Name,
    HttpEquiv,
    Rel,
    Href,
    Type,
    Datetime,
    Pubdate,
    Lang,
}

impl Attr {
    pub(crate) fn of(name: &LocalName) -> Option<Attr> {
        Some(match *name {
            local_name!("class") => Attr::Class,
            local_name!("id") => Attr::Id,
            local_name!("role") => Attr::Role,
            local_name!("style") => Attr::Style,
            local_name!("hidden") => Attr::Hidden,
            local_name!("aria-hidden") => Attr::AriaHidden,
            local_name!("itemprop") => Attr::ItemProp,
            local_name!("itemtype") => Attr::ItemType,
            local_name!("content") => Attr::Content,
            local_name!("property") => Attr::Property,
            local_name!("name") => Attr::Name,
            local_name!("http-equiv") => Attr::HttpEquiv,
            local_name!("rel") => Attr::Rel,
            local_name!("href") => Attr::Href,
            local_name!("type") => Attr::Type,
            local_name!("datetime") => Attr::Datetime,
            local_name!("lang") => Attr::Lang,
            // Not among html5ever's interned names, so compared as text.
            _ if &**name == "pubdate" => Attr::Pubdate,
            _ => return None,
        })
    }
}

/// One node of the flat tree: an element or a text run.
pub(crate) struct FlatNode {
    pub parent: u32,
    /// Index just past the last node of this node's subtree.
    pub end: u32,
    pub tag: Tag,
    /// Element name (empty for text).
    pub name: LocalName,
    /// Text content, for `Tag::Text` nodes.
    pub text: StrTendril,
    /// This element's attributes: `Dom::attrs[attrs_start..attrs_start + attrs_len]`.
    attrs_start: u32,
    attrs_len: u32,
}

impl FlatNode {
    pub(crate) fn is_element(&self) -> bool {
        self.tag != Tag::Text
    }
}

/// The flat tree.
pub(crate) struct Dom {
    pub nodes: Vec<FlatNode>,
    attrs: Vec<(Attr, StrTendril)>,
}

impl Dom {
    /// Parses a whole page. Comments, doctypes and processing instructions are dropped.
    pub(crate) fn parse_document(html: &str) -> Dom {
        html5ever::parse_document(Builder::new(html.len()), ParseOpts::default())
            .one(tendril_of(html))
    }

    /// Parses an HTML fragment as the content of a `<body>`; the flat tree starts with the
    /// `<html>` element the parser wraps it in.
    pub(crate) fn parse_fragment(html: &str) -> Dom {
        html5ever::parse_fragment(
            Builder::new(html.len()),
            ParseOpts::default(),
            QualName::new(None, ns!(html), local_name!("body")),
            Vec::new(),
        )
        .one(tendril_of(html))
    }

    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The value of one of node `i`'s attributes, if it has it.
    pub(crate) fn attr(&self, i: usize, name: Attr) -> Option<&str> {
        let n = self.nodes.get(i)?;
        let start = n.attrs_start as usize;
        self.attrs
            .get(start..start + n.attrs_len as usize)?
            .iter()
            .find(|(a, _)| *a == name)
            .map(|(_, v)| &**v)
    }

    /// The attributes kept for a node.
    #[cfg(test)]
    pub(crate) fn attrs_of(&self, n: &FlatNode) -> &[(Attr, StrTendril)] {
        let start = n.attrs_start as usize;
        self.attrs
            .get(start..start + n.attrs_len as usize)
            .unwrap_or(&[])
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
                push_collapsed(&mut out, &n.text);
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

/// The parser's input. A tendril holds at most 4 GiB and panics beyond; a page that large is
/// cut (callers cap documents far below that).
fn tendril_of(html: &str) -> StrTendril {
    let mut len = html.len().min(u32::MAX as usize - 1);
    while !html.is_char_boundary(len) {
        len -= 1;
    }
    StrTendril::from_slice(&html[..len])
}

/// What an arena node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The document, or a template's contents: holds children but is not itself copied.
    Container,
    Element,
    Text,
    /// Comment or processing instruction: kept only as a handle for the parser.
    Ignored,
}

/// A node of the arena the parser builds, linked to its relatives by index.
struct RawNode {
    kind: Kind,
    tag: Tag,
    parent: u32,
    first_child: u32,
    last_child: u32,
    prev: u32,
    next: u32,
    /// Index in the flat tree once laid out; for a container, its nearest laid-out ancestor's.
    flat: u32,
    attrs_start: u32,
    attrs_len: u32,
    /// MathML `annotation-xml` that holds HTML (the parser asks).
    integration_point: bool,
    name: QualName,
    text: StrTendril,
}

impl RawNode {
    fn new(kind: Kind, tag: Tag, name: QualName, text: StrTendril) -> RawNode {
        RawNode {
            kind,
            tag,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            flat: NONE,
            attrs_start: 0,
            attrs_len: 0,
            integration_point: false,
            name,
            text,
        }
    }
}

fn no_name() -> QualName {
    QualName::new(None, ns!(), local_name!(""))
}

struct Arena {
    nodes: Vec<RawNode>,
    attrs: Vec<(Attr, StrTendril)>,
    /// Returned for a handle that is not an element, which html5ever promises not to ask about.
    no_name: QualName,
}

/// Index of the document node.
const DOCUMENT: u32 = 0;

impl Arena {
    fn valid(&self, i: u32) -> bool {
        (i as usize) < self.nodes.len()
    }

    fn push(&mut self, node: RawNode) -> u32 {
        self.nodes.push(node);
        (self.nodes.len() - 1) as u32
    }

    /// Unlinks `i` from its parent and siblings (no-op for an orphan).
    fn detach(&mut self, i: u32) {
        let n = &self.nodes[i as usize];
        let (parent, prev, next) = (n.parent, n.prev, n.next);
        if parent == NONE {
            return;
        }
        if prev != NONE {
            self.nodes[prev as usize].next = next;
        } else {
            self.nodes[parent as usize].first_child = next;
        }
        if next != NONE {
            self.nodes[next as usize].prev = prev;
        } else {
            self.nodes[parent as usize].last_child = prev;
        }
        let n = &mut self.nodes[i as usize];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    /// Makes `child` (detached first) the last child of `parent`.
    fn append_child(&mut self, parent: u32, child: u32) {
        if parent == child {
            return;
        }
        self.detach(child);
        let last = self.nodes[parent as usize].last_child;
        {
            let c = &mut self.nodes[child as usize];
            c.parent = parent;
            c.prev = last;
        }
        if last != NONE {
            self.nodes[last as usize].next = child;
        } else {
            self.nodes[parent as usize].first_child = child;
        }
        self.nodes[parent as usize].last_child = child;
    }

    /// Puts `child` (detached first) just before `sibling`, which must have a parent.
    fn insert_before(&mut self, sibling: u32, child: u32) {
        if sibling == child {
            return;
        }
        self.detach(child);
        let parent = self.nodes[sibling as usize].parent;
        if parent == NONE {
            return;
        }
        let prev = self.nodes[sibling as usize].prev;
        {
            let c = &mut self.nodes[child as usize];
            c.parent = parent;
            c.prev = prev;
            c.next = sibling;
        }
        self.nodes[sibling as usize].prev = child;
        if prev != NONE {
            self.nodes[prev as usize].next = child;
        } else {
            self.nodes[parent as usize].first_child = child;
        }
    }

    /// Appends text to `parent`, joined to its last child if that is text already.
    fn append_text(&mut self, parent: u32, text: StrTendril) {
        let last = self.nodes[parent as usize].last_child;
        if last != NONE && self.nodes[last as usize].kind == Kind::Text {
            self.nodes[last as usize].text.push_tendril(&text);
            return;
        }
        let t = self.push(RawNode::new(Kind::Text, Tag::Text, no_name(), text));
        self.append_child(parent, t);
    }

    /// Inserts text before `sibling`, joined to the preceding text node if there is one.
    fn insert_text_before(&mut self, sibling: u32, text: StrTendril) {
        if self.nodes[sibling as usize].parent == NONE {
            return;
        }
        let prev = self.nodes[sibling as usize].prev;
        if prev != NONE && self.nodes[prev as usize].kind == Kind::Text {
            self.nodes[prev as usize].text.push_tendril(&text);
            return;
        }
        let t = self.push(RawNode::new(Kind::Text, Tag::Text, no_name(), text));
        self.insert_before(sibling, t);
    }

    /// Lays the tree out in document order (see the module docs). Iterative: it climbs back up
    /// through parent links instead of keeping a stack.
    fn flatten(mut self) -> Dom {
        let mut flat: Vec<FlatNode> = Vec::with_capacity(self.nodes.len());
        let total = self.nodes.len();
        let mut visited = 0usize;
        let mut cur = self.nodes.first().map_or(NONE, |d| d.first_child);
        // A tree visits each node once; the count only guards against a cycle, which a parser bug
        // could create and which must not become an endless loop.
        while cur != NONE && visited < total {
            visited += 1;
            let parent = self.nodes[cur as usize].parent;
            let flat_parent = if parent == NONE {
                NONE
            } else {
                self.nodes[parent as usize].flat
            };
            let node = &mut self.nodes[cur as usize];
            match node.kind {
                Kind::Element | Kind::Text => {
                    node.flat = flat.len() as u32;
                    flat.push(FlatNode {
                        parent: flat_parent,
                        end: flat.len() as u32 + 1,
                        tag: node.tag,
                        name: std::mem::replace(&mut node.name.local, local_name!("")),
                        text: std::mem::take(&mut node.text),
                        attrs_start: node.attrs_start,
                        attrs_len: node.attrs_len,
                    });
                }
                Kind::Container => node.flat = flat_parent,
                Kind::Ignored => {}
            }
            if node.first_child != NONE && node.kind != Kind::Ignored {
                cur = node.first_child;
                continue;
            }
            // Leaf: close it and every ancestor whose last child it ends, then move on to the
            // next sibling.
            let mut at = cur;
            cur = NONE;
            loop {
                let n = &self.nodes[at as usize];
                if matches!(n.kind, Kind::Element | Kind::Text) {
                    let end = flat.len() as u32;
                    if let Some(f) = flat.get_mut(n.flat as usize) {
                        f.end = end;
                    }
                }
                if n.next != NONE {
                    cur = n.next;
                    break;
                }
                if n.parent == NONE || n.parent == DOCUMENT {
                    break;
                }
                at = n.parent;
            }
        }
        Dom {
            nodes: flat,
            attrs: self.attrs,
        }
    }
}

/// html5ever's tree sink: builds the arena, then the flat tree.
///
/// html5ever's sink methods take `&self`, hence the `RefCell`; the parser never holds an
/// element name (a shared borrow) across a call that changes the tree.
struct Builder {
    arena: RefCell<Arena>,
}

impl Builder {
    fn new(html_len: usize) -> Builder {
        // About one node per 40 bytes of markup on news pages, once scripts are emptied.
        let mut nodes = Vec::with_capacity(html_len / 40 + 16);
        nodes.push(RawNode::new(
            Kind::Container,
            Tag::Other,
            no_name(),
            StrTendril::new(),
        ));
        Builder {
            arena: RefCell::new(Arena {
                nodes,
                attrs: Vec::with_capacity(html_len / 100 + 16),
                no_name: no_name(),
            }),
        }
    }
}

impl TreeSink for Builder {
    type Handle = u32;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        self.arena.into_inner().flatten()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> u32 {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a u32) -> Ref<'a, QualName> {
        Ref::map(self.arena.borrow(), |a| {
            a.nodes
                .get(*target as usize)
                .map_or(&a.no_name, |n| &n.name)
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> u32 {
        let mut a = self.arena.borrow_mut();
        let attrs_start = a.attrs.len() as u32;
        for attr in attrs {
            if let Some(which) = Attr::of(&attr.name.local) {
                a.attrs.push((which, attr.value));
            }
        }
        let attrs_len = a.attrs.len() as u32 - attrs_start;
        let is_template = flags.template;
        let mut node = RawNode::new(Kind::Element, Tag::of(&name.local), name, StrTendril::new());
        node.attrs_start = attrs_start;
        node.attrs_len = attrs_len;
        node.integration_point = flags.mathml_annotation_xml_integration_point;
        let id = a.push(node);
        if is_template {
            // The template's contents: its own node, which `get_template_contents` finds as the
            // template's first child.
            let contents = a.push(RawNode::new(
                Kind::Container,
                Tag::Other,
                no_name(),
                StrTendril::new(),
            ));
            a.append_child(id, contents);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> u32 {
        let mut a = self.arena.borrow_mut();
        a.push(RawNode::new(
            Kind::Ignored,
            Tag::Other,
            no_name(),
            StrTendril::new(),
        ))
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> u32 {
        self.create_comment(StrTendril::new())
    }

    fn append(&self, parent: &u32, child: NodeOrText<u32>) {
        let mut a = self.arena.borrow_mut();
        if !a.valid(*parent) {
            return;
        }
        match child {
            NodeOrText::AppendNode(c) if a.valid(c) => a.append_child(*parent, c),
            NodeOrText::AppendNode(_) => {}
            NodeOrText::AppendText(t) => a.append_text(*parent, t),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &u32,
        prev_element: &u32,
        child: NodeOrText<u32>,
    ) {
        let has_parent = {
            let a = self.arena.borrow();
            a.nodes
                .get(*element as usize)
                .is_some_and(|n| n.parent != NONE)
        };
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &u32) -> u32 {
        let a = self.arena.borrow();
        match a.nodes.get(*target as usize) {
            Some(n) if n.first_child != NONE => n.first_child,
            // Not a template (html5ever promises it is): its children go to the element itself.
            _ => *target,
        }
    }

    fn same_node(&self, x: &u32, y: &u32) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &u32, new_node: NodeOrText<u32>) {
        let mut a = self.arena.borrow_mut();
        if !a.valid(*sibling) {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(c) if a.valid(c) => a.insert_before(*sibling, c),
            NodeOrText::AppendNode(_) => {}
            NodeOrText::AppendText(t) => a.insert_text_before(*sibling, t),
        }
    }

    fn add_attrs_if_missing(&self, target: &u32, attrs: Vec<Attribute>) {
        let mut a = self.arena.borrow_mut();
        let Some(n) = a.nodes.get(*target as usize) else {
            return;
        };
        let (start, len) = (n.attrs_start as usize, n.attrs_len as usize);
        let mut added: Vec<(Attr, StrTendril)> = Vec::new();
        for attr in attrs {
            let Some(which) = Attr::of(&attr.name.local) else {
                continue;
            };
            let present = a
                .attrs
                .get(start..start + len)
                .is_some_and(|own| own.iter().any(|(x, _)| *x == which))
                || added.iter().any(|(x, _)| *x == which);
            if !present {
                added.push((which, attr.value));
            }
        }
        if added.is_empty() {
            return;
        }
        // A node's attributes must stay contiguous: copy them to the end with the new ones
        // (this happens only for a stray second <html> or <body> tag).
        let new_start = a.attrs.len();
        let own: Vec<(Attr, StrTendril)> = a.attrs.get(start..start + len).unwrap_or(&[]).to_vec();
        a.attrs.extend(own);
        a.attrs.extend(added);
        let new_len = a.attrs.len() - new_start;
        if let Some(n) = a.nodes.get_mut(*target as usize) {
            n.attrs_start = new_start as u32;
            n.attrs_len = new_len as u32;
        }
    }

    fn remove_from_parent(&self, target: &u32) {
        let mut a = self.arena.borrow_mut();
        if a.valid(*target) {
            a.detach(*target);
        }
    }

    fn reparent_children(&self, node: &u32, new_parent: &u32) {
        let mut a = self.arena.borrow_mut();
        if !a.valid(*node) || !a.valid(*new_parent) || node == new_parent {
            return;
        }
        let mut child = a.nodes[*node as usize].first_child;
        while child != NONE {
            let next = a.nodes[child as usize].next;
            a.append_child(*new_parent, child);
            child = next;
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &u32) -> bool {
        let a = self.arena.borrow();
        a.nodes
            .get(*handle as usize)
            .is_some_and(|n| n.integration_point)
    }
}

/// Appends `s` to `out` with every run of whitespace turned into one space, and no space at the
/// start of `out`. Returns the number of characters appended.
pub(crate) fn push_collapsed(out: &mut String, s: &str) -> usize {
    let b = s.as_bytes();
    let mut added = 0;
    let mut pending_space = false;
    // One pass: runs of ordinary characters are copied at once; whitespace becomes one pending
    // space; control characters (binary garbage, stray form feeds) are dropped. ASCII bytes are
    // classified as bytes; only other characters are decoded.
    let mut run: Option<usize> = None;
    let mut at = 0usize;
    while at < b.len() {
        let c = b[at];
        let (len, space, control) = if c.is_ascii() {
            (
                1,
                matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '),
                c < 0x20 || c == 0x7F,
            )
        } else {
            match s.get(at..).and_then(|rest| rest.chars().next()) {
                Some(ch) => (ch.len_utf8(), ch.is_whitespace(), ch.is_control()),
                None => break,
            }
        };
        if space || control {
            if let Some(start) = run.take() {
                out.push_str(&s[start..at]);
            }
            pending_space |= space;
            at += len;
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
        at += len;
    }
    if let Some(start) = run {
        out.push_str(&s[start..at]);
    }
    // Text that ends in whitespace must stay separated from what follows.
    if pending_space && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
        added += 1;
    }
    added
}
