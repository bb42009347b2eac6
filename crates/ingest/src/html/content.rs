//! Main-text extraction: which paragraphs of a page are the article.
//!
//! The method is readability's idea, written from scratch over the flat tree of [`super::dom`]:
//!
//! 1. **Furniture is marked, not scored.** Elements that are page furniture by their tag (`nav`,
//!    `aside`, `footer`, `header`, `menu`), their ARIA role, or words in their `class`/`id`
//!    (`share`, `comment`, `related`, `cookie`, `newsletter`, `breadcrumb`, ...) are "junk": their
//!    text is neither scored nor output. A junk mark is lifted when the element holds most of the
//!    page's prose or wraps an element that declares itself the article body — class names lie in
//!    both directions, and a wrapper called `page-with-sidebar` is not a sidebar.
//! 2. **Text is cut into units**, one per run of inline content between block boundaries, each
//!    with its length, its link-text length and its comma count.
//! 3. **Paragraph units vote for their container.** A unit of 25+ characters with little link text
//!    adds `1 + commas + min(len/100, 3)` to its container, half of that to the next ancestor, and
//!    less to three more. Containers start with a bonus or malus from their tag and class words,
//!    and their total is scaled by `1 - link density`. Article paragraphs are siblings in one
//!    container, so that container wins; teasers spread over many small containers do not add up.
//! 4. **The winner is widened**: to an ancestor that also holds several near-best candidates, and
//!    to sibling elements that score well or read like prose (the lead paragraph often sits
//!    outside the body `div`).
//! 5. **Units inside are filtered**: junk, link lists, furniture phrases in French and English
//!    ("Partager sur Facebook", "Nous utilisons des cookies", "Lire aussi", "Quitter la version
//!    mobile", "Sign up for our newsletter", ...) and copies of the headline are dropped.
//!
//! If that yields almost nothing (class words misjudged a site), the extraction is run again with
//! class words ignored and the longer result kept.
//!
//! Every pass is a loop over the flat tree; none recurses, so nesting depth cannot overflow the
//! stack, and the cost is linear in the number of nodes (climbing ancestors is bounded).

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::dom::{push_collapsed, Attr, Dom, Tag, NONE};

/// Minimum length for a unit to count as a paragraph when voting.
const MIN_PARAGRAPH: usize = 25;
/// How many ancestors a paragraph votes for.
const VOTE_LEVELS: usize = 5;
/// Output shorter than this triggers the retry without class words.
const RETRY_BELOW: usize = 250;

/// Class/id words that mark an element as furniture whatever else the class says.
const STRONG_JUNK: &[&str] = &[
    "comment",
    "disqus",
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "related",
    "share",
    "sharing",
    "social",
    "outbrain",
    "taboola",
    "sidebar",
    "breadcrumb",
    "advert",
    "sponsor",
    "promo",
    "popup",
    "subscribe",
    "signup",
    "paywall",
    "recirc",
    "navbar",
    "navigation",
    "footer",
    "masthead",
    "skiplink",
    "skip-link",
    "screen-reader",
    "sr-only",
    "visually-hidden",
    "trending",
    "most-read",
    "mostread",
    "most-popular",
    "read-more",
    "readmore",
    "also-read",
    "lire-aussi",
    "partage",
    "reseaux-sociaux",
    "commentaire",
];

/// Whole class/id words that mark furniture unless the same attribute also names content.
fn is_weak_junk(word: &str) -> bool {
    // A match compiles to a switch on the length, then a few comparisons.
    matches!(
        word,
        "nav"
            | "menu"
            | "ad"
            | "ads"
            | "banner"
            | "widget"
            | "tags"
            | "tag"
            | "byline"
            | "meta"
            | "author"
            | "date"
            | "dateline"
            | "toolbar"
            | "pagination"
            | "pager"
            | "print"
            | "email"
            | "login"
            | "modal"
            | "overlay"
            | "hidden"
            | "header"
            | "caption"
            | "credit"
            | "credits"
            | "copyright"
            | "rss"
            | "follow"
            | "popular"
            | "more"
            | "teaser"
            | "teasers"
            | "tools"
            | "utility"
            | "topics"
            | "keywords"
            | "source"
            | "bio"
            | "avatar"
            | "timestamp"
            | "published"
            | "updated"
            | "subscription"
            | "breaking"
            | "alert"
            | "ticker"
            | "legal"
            | "disclaimer"
    )
}

/// Class/id words that suggest the article body.
fn is_positive(word: &str) -> bool {
    // A match compiles to a switch on the length, then a few comparisons.
    matches!(
        word,
        "article"
            | "body"
            | "content"
            | "entry"
            | "hentry"
            | "main"
            | "post"
            | "text"
            | "story"
            | "blog"
            | "prose"
            | "articlebody"
            | "chapo"
            | "contenu"
            | "corps"
            | "texte"
    )
}

/// Class/id substrings that declare the article body outright.
const STRONG_POSITIVE: &[&str] = &[
    "articlebody",
    "article-body",
    "article__body",
    "article-content",
    "article__content",
    "entry-content",
    "post-content",
    "post-body",
    "story-body",
    "storybody",
    "story-content",
    "article-text",
    "article__text",
];

/// Phrases that, in a short unit, mark it as furniture (lowercase).
const FURNITURE_SHORT: &[&str] = &[
    // English
    "share on",
    "share this",
    "share via",
    "tweet this",
    "follow us",
    "sign up",
    "subscribe",
    "newsletter",
    "read more",
    "read also",
    "see also",
    "related articles",
    "related stories",
    "you may also like",
    "you might also like",
    "recommended for you",
    "advertisement",
    "sponsored",
    "click here",
    "log in",
    "sign in",
    "skip to",
    "back to top",
    "comments",
    "leave a comment",
    "leave a reply",
    "privacy policy",
    "terms of use",
    "terms of service",
    "all rights reserved",
    "continue reading",
    "most read",
    "download the app",
    // French
    "partager sur",
    "partager l'article",
    "partager cet article",
    "partager par",
    "suivez-nous",
    "suivez nous",
    "abonnez-vous",
    "inscrivez-vous",
    "lire aussi",
    "lire la suite",
    "voir aussi",
    "à lire aussi",
    "a lire aussi",
    "articles similaires",
    "sur le même sujet",
    "publicité",
    "commentaires",
    "réagir",
    "laisser un commentaire",
    "se connecter",
    "mentions légales",
    "retour en haut",
    "aller au contenu",
    "tous droits réservés",
    "version mobile",
    "les plus lus",
    "dans la même rubrique",
    "télécharger l'application",
];

/// Phrases that mark furniture even in a longer unit (cookie banners run long).
const FURNITURE_LONG: &[&str] = &[
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "use of cookies",
    "accept cookies",
    "cookie policy",
    "cookie settings",
    "nous utilisons des cookies",
    "ce site utilise des cookies",
    "utilisation de cookies",
    "utilisation des cookies",
    "accepter les cookies",
    "politique de cookies",
    "quitter la version mobile",
    "all rights reserved",
    "tous droits réservés",
    "javascript is disabled",
    "enable javascript",
    "activer javascript",
    "please enable",
];

const SHORT_UNIT: usize = 120;
const LONG_FURNITURE_MAX: usize = 600;

/// A run of inline text between block boundaries.
struct Unit {
    /// Nearest block ancestor.
    owner: u32,
    /// Index of the unit's first text node (for range membership).
    at: u32,
    text: String,
    chars: usize,
    link_chars: usize,
    commas: usize,
    junk: bool,
}

impl Unit {
    fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// Per-node flags computed once.
struct Flags {
    hidden: Vec<bool>,
    own_junk: Vec<bool>,
    junk: Vec<bool>,
    in_link: Vec<bool>,
    class_weight: Vec<i8>,
}

/// Extracts the article's paragraphs, in order. `headlines` are dropped when met as a unit.
pub(crate) fn paragraphs(dom: &Dom, headlines: &[&str]) -> Vec<String> {
    // Class strings repeat a lot within a page (every teaser, every list item): judge each once.
    let mut seen: HashMap<&str, Hint> = HashMap::new();
    let hints: Vec<Hint> = (0..dom.len())
        .map(|i| {
            let by_class = match dom.attr(i, Attr::Class) {
                Some(c) => *seen.entry(c).or_insert_with(|| attr_hint(c)),
                None => Hint::default(),
            };
            match dom.attr(i, Attr::Id) {
                Some(id) => {
                    let by_id = attr_hint(id);
                    Hint {
                        junk: by_class.junk || by_id.junk,
                        weight: by_class.weight.saturating_add(by_id.weight),
                        body: by_class.body || by_id.body,
                    }
                }
                None => by_class,
            }
        })
        .collect();
    let first = run(dom, &hints, headlines, true);
    let len: usize = first.iter().map(|p| p.len()).sum();
    if len >= RETRY_BELOW {
        return first;
    }
    let second = run(dom, &hints, headlines, false);
    let len2: usize = second.iter().map(|p| p.len()).sum();
    if len2 > len {
        second
    } else {
        first
    }
}

fn run(dom: &Dom, hints: &[Hint], headlines: &[&str], use_classes: bool) -> Vec<String> {
    let n = dom.len();
    if n == 0 {
        return Vec::new();
    }
    let mut flags = compute_flags(dom, hints, use_classes);
    let mut units = cut_units(dom, &flags);

    // Lift junk marks that would throw the article away (see module docs).
    let good = good_text_per_node(dom, &units, None);
    let total_good = (0..n)
        .filter(|&i| dom.nodes[i].parent == NONE)
        .map(|i| good[i])
        .sum::<usize>();
    let positive = declares_body_per_node(dom, hints, use_classes);
    let mut lifted = false;
    for i in 0..n {
        if flags.own_junk[i] && ((total_good > 0 && good[i] * 10 >= total_good * 6) || positive[i])
        {
            flags.own_junk[i] = false;
            lifted = true;
        }
    }
    if lifted {
        inherit_junk(dom, &mut flags);
        for u in units.iter_mut() {
            u.junk = flags.junk[u.at as usize];
        }
    }

    // Sums of non-junk text and link text per subtree, for link densities.
    let mut chars = vec![0usize; n];
    let mut link_chars = vec![0usize; n];
    for u in units.iter().filter(|u| !u.junk) {
        chars[u.owner as usize] += u.chars;
        link_chars[u.owner as usize] += u.link_chars;
    }
    for i in (0..n).rev() {
        let p = dom.nodes[i].parent;
        if p != NONE {
            chars[p as usize] += chars[i];
            link_chars[p as usize] += link_chars[i];
        }
    }
    let density = |i: usize| -> f32 {
        if chars[i] == 0 {
            0.0
        } else {
            link_chars[i] as f32 / chars[i] as f32
        }
    };

    // Voting.
    let mut score: Vec<f32> = vec![0.0; n];
    let mut scored: Vec<bool> = vec![false; n];
    let mut candidates: Vec<u32> = Vec::new();
    for u in units.iter() {
        if u.junk || u.chars < MIN_PARAGRAPH || u.link_density() > 0.5 {
            continue;
        }
        let owner = u.owner as usize;
        let Some(owner_node) = dom.nodes.get(owner) else {
            continue;
        };
        let mut content = 1.0 + u.commas as f32 + (u.chars / 100).min(3) as f32;
        if owner_node.tag == Tag::Li {
            content *= 0.5;
        }
        // A paragraph-like owner is the paragraph; a div with loose text is the container.
        let mut at = if matches!(
            owner_node.tag,
            Tag::P | Tag::Pre | Tag::Li | Tag::Heading | Tag::Cell | Tag::Blockquote
        ) {
            owner_node.parent
        } else {
            u.owner
        };
        for level in 0..VOTE_LEVELS {
            if at == NONE {
                break;
            }
            let a = at as usize;
            if matches!(dom.nodes[a].tag, Tag::Html | Tag::Body) {
                break;
            }
            if !scored[a] {
                scored[a] = true;
                score[a] = base_score(dom.nodes[a].tag) + f32::from(flags.class_weight[a]);
                candidates.push(at);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[a] += content / divider;
            at = dom.nodes[a].parent;
        }
    }
    let mut ranked: Vec<(f32, u32)> = candidates
        .iter()
        .filter(|&&c| !flags.junk[c as usize] && !flags.hidden[c as usize])
        .map(|&c| (score[c as usize] * (1.0 - density(c as usize)), c))
        .collect();
    if ranked.is_empty() {
        // No paragraph anywhere: keep whatever non-junk text the page has.
        return collect(dom, &units, &[(0, n as u32)], headlines);
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let final_score = |i: u32| -> f32 {
        if scored[i as usize] {
            score[i as usize] * (1.0 - density(i as usize))
        } else {
            0.0
        }
    };
    let (best_score, mut top) = ranked[0];

    // Widen to an ancestor holding several near-best candidates.
    let near: Vec<u32> = ranked
        .iter()
        .skip(1)
        .take(4)
        .filter(|(s, _)| *s >= best_score * 0.75)
        .map(|&(_, c)| c)
        .collect();
    if near.len() >= 3 {
        let mut a = dom.nodes[top as usize].parent;
        while a != NONE && !matches!(dom.nodes[a as usize].tag, Tag::Body | Tag::Html) {
            let end = dom.nodes[a as usize].end;
            let held = near.iter().filter(|&&c| c > a && c < end).count();
            if held >= 3 {
                top = a;
                break;
            }
            a = dom.nodes[a as usize].parent;
        }
    }
    // Climb while the parent scores higher (its paragraphs are the article's too).
    {
        let mut last = final_score(top);
        let threshold = last / 3.0;
        let mut p = dom.nodes[top as usize].parent;
        let mut steps = 0;
        while p != NONE && steps < 64 {
            steps += 1;
            let pn = &dom.nodes[p as usize];
            if matches!(pn.tag, Tag::Body | Tag::Html) || flags.junk[p as usize] {
                break;
            }
            if !scored[p as usize] {
                p = pn.parent;
                continue;
            }
            let ps = final_score(p);
            if ps < threshold {
                break;
            }
            if ps > last {
                top = p;
                break;
            }
            last = ps;
            p = pn.parent;
        }
    }

    // Siblings that belong with the winner.
    let top_score = final_score(top);
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    let parent = dom.nodes[top as usize].parent;
    if parent == NONE {
        ranges.push((top, dom.nodes[top as usize].end));
    } else {
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = dom.attr(top as usize, Attr::Class);
        let mut c = parent + 1;
        let pend = dom.nodes[parent as usize].end;
        while c < pend {
            let cn = &dom.nodes[c as usize];
            let ci = c as usize;
            let keep = if c == top {
                true
            } else if cn.tag == Tag::Text || flags.junk[ci] || flags.hidden[ci] {
                false
            } else {
                let bonus = if top_class.is_some() && dom.attr(ci, Attr::Class) == top_class {
                    top_score * 0.2
                } else {
                    0.0
                };
                let s = final_score(c) + bonus;
                if s >= threshold {
                    true
                } else if matches!(cn.tag, Tag::P | Tag::Blockquote) {
                    let len = chars[ci];
                    let ld = density(ci);
                    (len > 80 && ld < 0.25)
                        || (len > 0 && len <= 80 && ld == 0.0 && {
                            let t = dom.text_of(ci);
                            t.ends_with('.') || t.contains(". ")
                        })
                } else {
                    false
                }
            };
            if keep {
                ranges.push((c, cn.end));
            }
            c = cn.end.max(c + 1);
        }
    }
    collect(dom, &units, &ranges, headlines)
}

/// The kept units of the given node ranges, in document order, as paragraphs.
fn collect(dom: &Dom, units: &[Unit], ranges: &[(u32, u32)], headlines: &[&str]) -> Vec<String> {
    let _ = dom;
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let heads: Vec<String> = headlines
        .iter()
        .map(|h| squash(h))
        .filter(|h| !h.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut r = 0usize;
    for u in units {
        while r < ranges.len() && u.at >= ranges[r].1 {
            r += 1;
        }
        if r >= ranges.len() {
            break;
        }
        if u.at < ranges[r].0 || u.junk {
            continue;
        }
        if u.link_density() > 0.5 || is_furniture(&u.text, u.chars) {
            continue;
        }
        if u.chars < 200 && !heads.is_empty() {
            let s = squash(&u.text);
            if heads.contains(&s) {
                continue;
            }
        }
        out.push(u.text.clone());
    }
    out
}

/// Whether a unit of text is page furniture by its wording.
pub(crate) fn is_furniture(text: &str, chars: usize) -> bool {
    if chars > LONG_FURNITURE_MAX {
        return false;
    }
    let lower = text.to_lowercase();
    let (long, short) = furniture_matchers();
    match (long, short) {
        (Some(long), Some(short)) => {
            long.is_match(&lower) || (chars <= SHORT_UNIT && short.is_match(&lower))
        }
        _ => {
            FURNITURE_LONG.iter().any(|p| lower.contains(p))
                || (chars <= SHORT_UNIT && FURNITURE_SHORT.iter().any(|p| lower.contains(p)))
        }
    }
}

/// One automaton per furniture list: a single pass over the text instead of one search per
/// phrase. (The lists are constant, so building cannot fail; if it did, the loops above take
/// over.)
fn furniture_matchers() -> &'static (Option<AhoCorasick>, Option<AhoCorasick>) {
    static M: OnceLock<(Option<AhoCorasick>, Option<AhoCorasick>)> = OnceLock::new();
    M.get_or_init(|| {
        let build = |pats: &[&str]| {
            AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(pats)
                .ok()
        };
        (build(FURNITURE_LONG), build(FURNITURE_SHORT))
    })
}

fn base_score(tag: Tag) -> f32 {
    match tag {
        Tag::Div | Tag::Article | Tag::Main => 5.0,
        Tag::Pre | Tag::Cell | Tag::Blockquote => 3.0,
        Tag::List | Tag::Li | Tag::Form => -3.0,
        Tag::Heading | Tag::H1 => -5.0,
        _ => 0.0,
    }
}

fn compute_flags(dom: &Dom, hints: &[Hint], use_classes: bool) -> Flags {
    let n = dom.len();
    let mut f = Flags {
        hidden: vec![false; n],
        own_junk: vec![false; n],
        junk: vec![false; n],
        in_link: vec![false; n],
        class_weight: vec![0; n],
    };
    for (i, (node, hint)) in dom.nodes.iter().zip(hints).enumerate() {
        let p = node.parent as usize;
        let (ph, pl) = if p < n {
            (f.hidden[p], f.in_link[p])
        } else {
            (false, false)
        };
        f.in_link[i] = pl || node.tag == Tag::A;
        if !node.is_element() {
            f.hidden[i] = ph;
            continue;
        }
        f.hidden[i] =
            ph || matches!(
                node.tag,
                Tag::Head | Tag::Script | Tag::Invisible | Tag::Title | Tag::Meta | Tag::Link
            ) || dom.attr(i, Attr::Hidden).is_some()
                || dom.attr(i, Attr::AriaHidden) == Some("true")
                || dom.attr(i, Attr::Style).is_some_and(|s| {
                    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                    let s = s.to_ascii_lowercase();
                    s.contains("display:none") || s.contains("visibility:hidden")
                });
        if f.hidden[i] {
            continue;
        }
        let mut junk = matches!(
            node.tag,
            Tag::Nav | Tag::Aside | Tag::Footer | Tag::Header | Tag::Menu
        );
        if let Some(role) = dom.attr(i, Attr::Role) {
            let role = role.to_ascii_lowercase();
            junk |= matches!(
                role.as_str(),
                "navigation"
                    | "banner"
                    | "contentinfo"
                    | "complementary"
                    | "menu"
                    | "menubar"
                    | "dialog"
                    | "alertdialog"
                    | "search"
                    | "toolbar"
            );
        }
        if use_classes {
            junk |= hint.junk;
            f.class_weight[i] = hint.weight;
        }
        f.own_junk[i] = junk;
    }
    inherit_junk(dom, &mut f);
    f
}

fn inherit_junk(dom: &Dom, f: &mut Flags) {
    let n = dom.len();
    for i in 0..n {
        let p = dom.nodes[i].parent as usize;
        f.junk[i] = f.own_junk[i] || (p < n && f.junk[p]);
    }
}

/// What an element's class and id say about it.
#[derive(Default, Clone, Copy)]
struct Hint {
    /// Furniture.
    junk: bool,
    /// Score bonus (content words) or malus (furniture words).
    weight: i8,
    /// Declares the article body outright.
    body: bool,
}

/// Substring matchers for the strong lists, built once per process.
/// (Building from these constant lists cannot fail; `None` would only disable the hints.)
fn strong_matchers() -> &'static (Option<AhoCorasick>, Option<AhoCorasick>) {
    static M: OnceLock<(Option<AhoCorasick>, Option<AhoCorasick>)> = OnceLock::new();
    M.get_or_init(|| {
        let build = |pats: &[&str]| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(pats)
                .ok()
        };
        (build(STRONG_JUNK), build(STRONG_POSITIVE))
    })
}

/// What one class or id attribute says.
fn attr_hint(attr: &str) -> Hint {
    let mut hint = Hint::default();
    if attr.is_empty() || attr.len() > 500 {
        return hint;
    }
    let (strong_junk, strong_positive) = strong_matchers();
    let strong = strong_junk.as_ref().is_some_and(|m| m.is_match(attr));
    let mut weak = false;
    let mut positive = false;
    for word in attr.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() || word.len() > 16 {
            continue;
        }
        let mut buf = [0u8; 16];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        let Ok(w) = std::str::from_utf8(lower) else {
            continue;
        };
        weak |= is_weak_junk(w);
        positive |= is_positive(w);
    }
    hint.junk = strong || (weak && !positive);
    if strong || weak {
        hint.weight = -25;
    }
    if positive {
        hint.weight = hint.weight.saturating_add(25);
    }
    hint.body = strong_positive.as_ref().is_some_and(|m| m.is_match(attr));
    hint
}

/// Whether each node is, or contains, an element that declares itself the article body.
fn declares_body_per_node(dom: &Dom, hints: &[Hint], use_classes: bool) -> Vec<bool> {
    let n = dom.len();
    let mut out = vec![false; n];
    for (i, node) in dom.nodes.iter().enumerate() {
        if !node.is_element() {
            continue;
        };
        out[i] = node.tag == Tag::Main
            || (use_classes && hints[i].body)
            || dom
                .attr(i, Attr::ItemProp)
                .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"));
    }
    for i in (0..n).rev() {
        let p = dom.nodes[i].parent;
        if out[i] && p != NONE {
            out[p as usize] = true;
        }
    }
    out
}

/// Characters of prose-like units (long enough, few links) under each node; `junk` masks
/// units when given.
fn good_text_per_node(dom: &Dom, units: &[Unit], junk: Option<&[bool]>) -> Vec<usize> {
    let n = dom.len();
    let mut good = vec![0usize; n];
    for u in units {
        if junk.is_some_and(|j| j[u.at as usize]) {
            continue;
        }
        if u.chars >= MIN_PARAGRAPH && u.link_density() <= 0.3 {
            good[u.owner as usize] += u.chars;
        }
    }
    for i in (0..n).rev() {
        let p = dom.nodes[i].parent;
        if p != NONE {
            good[p as usize] += good[i];
        }
    }
    good
}

/// Commas in `s`: ASCII, Arabic (U+060C) and full-width (U+FF0C).
pub(crate) fn count_commas(s: &str) -> usize {
    let b = s.as_bytes();
    // Both wide commas end in the byte 0x8C, which only a few other characters share.
    memchr::memchr2_iter(b',', 0x8C, b)
        .filter(|&i| {
            b[i] == b','
                || (i >= 1 && b[i - 1] == 0xD8)
                || (i >= 2 && b[i - 1] == 0xBC && b[i - 2] == 0xEF)
        })
        .count()
}

/// Cuts the visible text into units (see module docs).
fn cut_units(dom: &Dom, f: &Flags) -> Vec<Unit> {
    let n = dom.len();
    let mut units: Vec<Unit> = Vec::new();
    let mut open: Vec<u32> = Vec::new();
    let mut cur: Option<Unit> = None;

    fn flush(cur: &mut Option<Unit>, units: &mut Vec<Unit>) {
        if let Some(mut u) = cur.take() {
            let trimmed = u.text.trim_end().len();
            u.text.truncate(trimmed);
            if !u.text.is_empty() {
                u.chars = u.text.chars().count();
                u.link_chars = u.link_chars.min(u.chars);
                units.push(u);
            }
        }
    }

    let mut i = 0usize;
    while i < n {
        while let Some(&b) = open.last() {
            if dom.nodes[b as usize].end as usize <= i {
                open.pop();
                flush(&mut cur, &mut units);
            } else {
                break;
            }
        }
        let node = &dom.nodes[i];
        if f.hidden[i] {
            i = (node.end as usize).max(i + 1);
            continue;
        }
        match node.tag {
            Tag::Text => {
                let u = cur.get_or_insert_with(|| Unit {
                    owner: open.last().copied().unwrap_or(0),
                    at: i as u32,
                    text: String::new(),
                    chars: 0,
                    link_chars: 0,
                    commas: 0,
                    junk: f.junk[i],
                });
                let added = push_collapsed(&mut u.text, &node.text);
                if f.in_link[i] {
                    u.link_chars += added;
                }
                u.commas += count_commas(&node.text);
            }
            Tag::Br => {
                if let Some(u) = cur.as_mut() {
                    // A line break inside a paragraph: keep it as a space unless doubled.
                    let t = u.text.trim_end().len();
                    u.text.truncate(t);
                    if u.text.ends_with('\u{1}') {
                        u.text.pop();
                        flush(&mut cur, &mut units);
                    } else if !u.text.is_empty() {
                        let t = u.text.trim_end().len();
                        u.text.truncate(t);
                        u.text.push('\u{1}');
                    }
                }
            }
            t if t.is_block() || f.own_junk[i] => {
                flush(&mut cur, &mut units);
                open.push(i as u32);
            }
            _ => {}
        }
        i += 1;
    }
    flush(&mut cur, &mut units);
    // The line-break marker becomes a space (single <br>) inside the unit.
    for u in units.iter_mut() {
        if u.text.contains('\u{1}') {
            let mut clean = String::with_capacity(u.text.len());
            push_collapsed(&mut clean, &u.text.replace('\u{1}', " "));
            u.text = clean.trim_end().to_string();
            u.chars = u.text.chars().count();
            u.link_chars = u.link_chars.min(u.chars);
        }
    }
    units
}
