//! Entity recognition and resolution over one document's tokens.
//!
//! Three passes, all linear in the number of tokens (each position tries a bounded window):
//!
//! 1. **Match**: at each token, the longest name in the actor index (organisations, armed groups,
//!    office holders, metonyms), else the longest place name in the FST (capitalised, not inside a
//!    longer proper-name run), else a role phrase, a sector noun or a demonym.
//! 2. **Compose**: role + demonym + name makes a person with a role ("le ministre turc des Affaires
//!    étrangères Mevlut Cavusoglu"); sector + demonym or "de" + actor makes a group ("les forces
//!    turques", "le régime de Bachar al-Assad"); sector + "soutenues par" + country makes a backed
//!    force; a capital not after a locative is its government.
//! 3. **Resolve places** with document context: countries and regions mentioned, population,
//!    province/city cues before the name.

use std::borrow::Cow;
use std::collections::HashMap;

use rustc_hash::FxHashMap;

use chrono::NaiveDate;
use serde::Serialize;
use sitrep_core::Span;
use sitrep_events::{ActorRef, PlaceRef};
use sitrep_text::{Analysis, Language, TokenKind};

use crate::actors::{ActorEntry, ActorIndex, ActorKind};
use crate::lexicon;
use crate::normalize;
use crate::store::{is_type_word, GeoEntity, GeoKind, GeoStore};

/// The longest place name tried at a token, in tokens ("Democratic People's Republic of Korea").
const MAX_PLACE_TOKENS: usize = 6;

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A named person.
    Person,
    /// A ministry, agency, news organisation.
    Organization,
    /// A non-state armed group.
    ArmedGroup,
    /// An intergovernmental organisation.
    Igo,
    /// A government named by its capital or seat ("Washington", "le Kremlin").
    Government,
    /// A country (a place, and an actor when it acts).
    Country,
    /// A place.
    Place,
    /// A group named by a sector noun ("les forces turques", "des civils").
    Group,
    /// A role without a name ("le président turc").
    Role,
}

/// One recognised mention.
#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    /// Its words.
    pub text: String,
    /// What it names.
    #[serde(rename = "type")]
    pub kind: MentionKind,
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
    /// Index of its sentence in the analysis.
    pub sentence: usize,
    /// Index of its first token and one past its last.
    #[serde(skip)]
    pub tokens: (usize, usize),
    /// The actor it resolves to, if it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<ActorRef>,
    /// The place it resolves to, if it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceRef>,
}

struct Tok<'k> {
    key: &'k str,
    cap: bool,
    kind: TokenKind,
    sentence: usize,
}

/// A raw match before composition.
enum Hit {
    /// A name after a personal title ("M. Hagenbeck", "Dr Ali"), not in the actor index.
    Titled,
    Actor(Vec<usize>),
    Geo(Vec<u32>),
    Role(usize),
    Sector(String),
    Demonym(Vec<String>),
}

/// The name key ([`normalize::key`]) of every token of `analysis`, in token order.
///
/// Recognition and event coding both compare tokens by these keys: computed once per document,
/// they serve both ([`recognize_with_keys`], `sitrep_coding::code_with_keys`). A token already
/// in key form (lowercase ASCII letters and digits: most words) is borrowed from the text.
pub fn token_keys<'t>(text: &'t str, analysis: &Analysis) -> Vec<Cow<'t, str>> {
    analysis
        .tokens
        .iter()
        .map(|t| {
            let s = t.text(text);
            if s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            {
                Cow::Borrowed(s)
            } else {
                Cow::Owned(normalize::key(s))
            }
        })
        .collect()
}

/// Recognises and resolves the entities of one document.
pub fn recognize(
    text: &str,
    analysis: &Analysis,
    lang: &dyn Language,
    date: Option<NaiveDate>,
) -> Vec<Mention> {
    recognize_with_keys(text, analysis, &token_keys(text, analysis), lang, date)
}

/// [`recognize`] with the tokens' keys already computed by [`token_keys`].
pub fn recognize_with_keys(
    text: &str,
    analysis: &Analysis,
    keys: &[Cow<'_, str>],
    lang: &dyn Language,
    date: Option<NaiveDate>,
) -> Vec<Mention> {
    let lex = lexicon::for_language(lang);
    let elex = lang.entities();
    let actors = ActorIndex::get();
    let geo = GeoStore::get();
    let mut sentence_of = vec![0usize; analysis.tokens.len()];
    for (si, s) in analysis.sentences.iter().enumerate() {
        for t in s.tokens.0..s.tokens.1.min(sentence_of.len()) {
            sentence_of[t] = si;
        }
    }
    let toks: Vec<Tok> = analysis
        .tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let s = t.text(text);
            Tok {
                key: keys.get(i).map_or("", |k| k.as_ref()),
                cap: s.chars().next().is_some_and(char::is_uppercase),
                kind: t.kind,
                sentence: sentence_of[i],
            }
        })
        .collect();
    let n = toks.len();
    // Stop words, sector nouns and province/city cues are never part of a proper-name run:
    // "Helmand Province" is the name "Helmand" and a cue.
    // Asked three or four times at every capitalised word: computed once per token.
    let stop_memo: Vec<std::cell::Cell<u8>> = vec![std::cell::Cell::new(0); n];
    let is_stop = |i: usize| match stop_memo[i].get() {
        1 => false,
        2 => true,
        _ => {
            let k = toks[i].key;
            let stop = lex.stopwords.contains(k)
                || lex.sectors.contains_key(k)
                || elex.admin1_cues.contains(&k)
                || elex.city_cues.contains(&k);
            stop_memo[i].set(if stop { 2 } else { 1 });
            stop
        }
    };
    let is_particle =
        |i: usize| elex.name_particles.contains(&toks[i].key) || toks[i].kind == TokenKind::Elision;
    // Capitalised runs: proper-name sequences ("Rahmi Dogan", "Bachar al-Assad").
    let mut run_of = vec![usize::MAX; n];
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        if toks[i].cap && toks[i].kind == TokenKind::Word && !is_stop(i) {
            let start = i;
            let mut end = i + 1;
            while end < n && toks[end].sentence == toks[start].sentence {
                if toks[end].cap && toks[end].kind == TokenKind::Word && !is_stop(end) {
                    end += 1;
                } else if is_particle(end)
                    && end + 1 < n
                    && toks[end + 1].cap
                    && toks[end + 1].kind == TokenKind::Word
                {
                    end += 2;
                } else {
                    break;
                }
            }
            for r in run_of.iter_mut().take(end).skip(start) {
                *r = runs.len();
            }
            runs.push((start, end));
            i = end;
        } else {
            i += 1;
        }
    }
    let window_key = |a: usize, b: usize| -> Option<String> {
        let mut k = String::new();
        for t in &toks[a..b] {
            if t.kind == TokenKind::Punct || t.key.is_empty() || t.sentence != toks[a].sentence {
                return None;
            }
            if !k.is_empty() {
                k.push(' ');
            }
            k.push_str(t.key);
        }
        Some(k)
    };

    // Second-level divisions ("Imam Sahib district", "le district de Kishim", "Cercle de
    // Douentza", "Adan Yabaal, Middle Shabelle") are taken only where the text says so: their
    // names are too often also villages, clans or ordinary words. The word right after the
    // window, or right before it (of-words and elisions skipped), may be a division's type word.
    // A short parenthesis between a name and its type word is another name of the same
    // division: "Khash Rod (Delaram) district".
    let word_after = |b: usize| -> &str {
        let mut j = b;
        let opens = b > 0
            && toks.get(b).is_some_and(|t| t.kind == TokenKind::Punct)
            && analysis.tokens.get(b).is_some_and(|t| t.text(text) == "(");
        if opens {
            if let Some(close) =
                (b + 1..(b + 6).min(n)).find(|&x| analysis.tokens[x].text(text) == ")")
            {
                j = close + 1;
            }
        }
        toks.get(j)
            .filter(|t| b > 0 && t.sentence == toks[b - 1].sentence && t.kind == TokenKind::Word)
            .map_or("", |t| t.key)
    };
    let word_before = |a: usize| -> &str {
        let mut j = a;
        while j > 0 {
            j -= 1;
            let t = &toks[j];
            if t.sentence != toks[a].sentence || t.kind == TokenKind::Punct {
                return "";
            }
            if t.kind == TokenKind::Elision || elex.of_words.contains(&t.key) {
                continue;
            }
            return t.key;
        }
        ""
    };
    // The first-level division named right after a window, as in "X, Y" or "X (Y)" ("Adan
    // Yabaal, Middle Shabelle", "Muqur district, Badghis"): its candidate rows.
    let admin1_after = |b: usize| -> Vec<GeoEntity> {
        let mut j = b;
        if geo.is_admin2_type(word_after(j)) {
            j += 1;
        }
        if j < n && toks[j].kind == TokenKind::Punct && toks[j].sentence == toks[b - 1].sentence {
            j += 1;
        }
        (1..=3.min(n.saturating_sub(j)))
            .rev()
            .filter(|len| (j..j + len).all(|x| toks[x].cap || is_particle(x)))
            .filter_map(|len| window_key(j, j + len))
            .flat_map(|k| {
                let mut rows = geo.lookup(&k);
                if rows.is_empty() && k.len() >= 5 {
                    rows = geo.lookup(&normalize::skeleton(&k));
                }
                rows
            })
            .filter(|&r| geo.kind(r) == Some(GeoKind::Admin1))
            .filter_map(|r| geo.entity(r))
            .collect()
    };
    // Keeps a window's second-level division rows only where the text names them as such: its
    // type word right before or after, or its first-level division right after. When the type
    // word is there and is no first-level cue of the language, only those divisions are kept
    // ("Kunduz district" is the district, not the city or the province).
    let admin2_in_text = |rows: Vec<u32>, a: usize, b: usize| -> Vec<u32> {
        if !rows.iter().any(|&r| geo.is_admin2_row(r)) {
            return rows;
        }
        let ents: Vec<(u32, Option<GeoEntity>)> =
            rows.iter().map(|&r| (r, geo.entity(r))).collect();
        let (after, before) = (word_after(b), word_before(a));
        let typed = |e: &GeoEntity| {
            is_type_word(e.division_type(), after) || is_type_word(e.division_type(), before)
        };
        let admin1_cue = |w: &str| elex.admin1_cues.contains(&w);
        let typed_rows: Vec<u32> = ents
            .iter()
            .filter(|(_, e)| {
                e.as_ref()
                    .is_some_and(|e| e.kind == GeoKind::Admin2 && typed(e))
            })
            .map(|(r, _)| *r)
            .collect();
        if !typed_rows.is_empty() && !admin1_cue(after) && !admin1_cue(before) {
            return typed_rows;
        }
        let containers = admin1_after(b);
        ents.into_iter()
            .filter(|(_, e)| {
                e.as_ref().is_some_and(|e| {
                    e.kind != GeoKind::Admin2
                        || typed(e)
                        || containers
                            .iter()
                            .any(|c| c.country == e.country && c.name == e.admin1)
                })
            })
            .map(|(r, _)| r)
            .collect()
    };

    // A capitalised name right before a district word names that district, even when its first
    // word is also a title or a sector noun ("Imam Sahib district"): found before anything else,
    // and no other match may run into it.
    // Fx rather than SipHash: the map is asked at every token.
    let mut district_at: FxHashMap<usize, (usize, Vec<u32>)> = FxHashMap::default();
    let any_type_word = toks.iter().any(|t| geo.is_admin2_type(t.key));
    for i in (0..n).filter(|_| any_type_word) {
        if !toks[i].cap || toks[i].kind != TokenKind::Word || lex.stopwords.contains(toks[i].key) {
            continue;
        }
        let found = (1..=4.min(n - i)).rev().find_map(|len| {
            if !geo.is_admin2_type(word_after(i + len))
                || !(i..i + len).all(|j| toks[j].cap || is_particle(j))
            {
                return None;
            }
            let k = window_key(i, i + len)?;
            let mut rows = geo.lookup(&k);
            if rows.is_empty() && k.len() >= 5 {
                rows = geo.lookup(&normalize::skeleton(&k));
            }
            if rows.is_empty() && k.len() >= 5 {
                rows = normalize::consonants(&k).map_or(Vec::new(), |c| geo.lookup(&c));
            }
            let rows: Vec<u32> = admin2_in_text(rows, i, i + len)
                .into_iter()
                .filter(|&r| geo.kind(r) == Some(GeoKind::Admin2))
                .collect();
            (!rows.is_empty()).then_some((len, rows))
        });
        if let Some(f) = found {
            district_at.insert(i, f);
        }
    }

    // The keys of the windows starting at one token, built once per token: a window's key is
    // the prefix of the next longer window's, so one string holds them all and `ends[len - 1]`
    // is the byte length of the `len`-token key (as [`window_key`] gives it; a window it refuses
    // has no entry). Building each window's key afresh was a string per length per token.
    // An English plural possessive inside a name ("Kurdistan Workers' Party"): the apostrophe
    // right after a word in -s. Names are indexed without it.
    let possessive_at = |j: usize| {
        j > 0
            && toks[j].kind == TokenKind::Punct
            && matches!(analysis.tokens[j].text(text), "'" | "\u{2019}")
            && analysis.tokens[j].span.byte_start == analysis.tokens[j - 1].span.byte_end
            && toks[j - 1].key.ends_with('s')
    };
    let fill_windows = |a: usize, max: usize, buf: &mut String, ends: &mut Vec<usize>| {
        buf.clear();
        ends.clear();
        for (j, t) in toks.iter().enumerate().skip(a).take(max) {
            if j > a && possessive_at(j) && t.sentence == toks[a].sentence {
                // The window through the apostrophe has the key of the one before it.
                ends.push(buf.len());
                continue;
            }
            if t.kind == TokenKind::Punct || t.key.is_empty() || t.sentence != toks[a].sentence {
                break;
            }
            if !buf.is_empty() {
                buf.push(' ');
            }
            buf.push_str(t.key);
            ends.push(buf.len());
        }
    };
    let mut wbuf = String::new();
    let mut wends: Vec<usize> = Vec::new();

    // Pass 1: matches.
    let mut hits: Vec<(usize, usize, Hit)> = Vec::new();
    let mut i = 0;
    while i < n {
        if toks[i].kind == TokenKind::Punct || toks[i].kind == TokenKind::Number {
            i += 1;
            continue;
        }
        if let Some((len, rows)) = district_at.get(&i) {
            hits.push((i, i + len, Hit::Geo(rows.clone())));
            i += len;
            continue;
        }
        let mut found: Option<(usize, Hit)> = None;
        // A capitalised run right after a personal title is a person's name, whatever places or
        // organisations its words might also name.
        if let Some(&(ra, rb)) = runs.get(run_of[i]) {
            let mut t = i;
            if t > 0
                && toks[t - 1].kind == TokenKind::Punct
                && analysis.tokens[t - 1].text(text) == "."
            {
                t -= 1;
            }
            let titled = ra == i && t > 0 && elex.person_titles.contains(&toks[t - 1].key);
            // Only after a title: computing the run's key at every token of a long run would
            // make the scan quadratic in the run's length.
            if titled && window_key(ra, rb).is_none_or(|k| actors.lookup(&k).is_empty()) {
                // The mention includes its title ("M. Hagenbeck"), as annotators mark it.
                hits.push((t - 1, rb, Hit::Titled));
                i = rb;
                continue;
            }
        }
        // A capitalised compound whose first part is an actor names that actor as the agent or
        // sponsor ("Taliban-planted", "Iran-backed", "Hamas-run"): the mention is the first part.
        let surface = analysis.tokens[i].text(text);
        if toks[i].cap && toks[i].kind == TokenKind::Word {
            // "Zia-Ul-Haq" is one name: the second part of an agent compound is a lowercase word.
            if let Some((head, _)) = surface
                .split_once('-')
                .filter(|(_, rest)| rest.chars().next().is_some_and(char::is_lowercase))
            {
                let head_key = normalize::key(head);
                let ids: Vec<usize> = actors.lookup(&head_key).to_vec();
                if !ids.is_empty() && head.chars().count() >= 3 {
                    hits.push((i, i + 1, Hit::Actor(ids)));
                    i += 1;
                    continue;
                }
                // "Vietnamese-led forces", "Saudi-backed troops": a demonym compound gives the
                // noun after it that country, as the demonym alone would.
                if let Some(c) = lex.demonyms.get(head_key.as_str()) {
                    hits.push((i, i + 1, Hit::Demonym(c.clone())));
                    i += 1;
                    continue;
                }
            }
        }
        // Actors: capitalised start, or a multi-word lowercase name ("département d'État").
        // A hyphenated token holds several words of a name ("al-Shabaab" is "al shabaab").
        let space = toks[i].key.bytes().position(|b| b == b' ');
        let first_word = &toks[i].key[..space.unwrap_or(toks[i].key.len())];
        let compound = space.is_some();
        let starts_actor = actors.starts_name(first_word);
        if starts_actor {
            fill_windows(i, actors.max_tokens, &mut wbuf, &mut wends);
        }
        for len in (1..=actors.max_tokens.min(n - i)).rev() {
            if !starts_actor || (!toks[i].cap && len == 1 && !compound) {
                break;
            }
            let Some(k) = wends.get(len - 1).map(|&e| &wbuf[..e]) else {
                continue;
            };
            // A name ends before its possessive, not on it ("Reuters' report").
            if possessive_at(i + len - 1) {
                continue;
            }
            let ids: Vec<usize> = actors
                .lookup(k)
                .iter()
                .copied()
                .filter(|&e| {
                    actors.entries[e]
                        .lang
                        .as_deref()
                        .is_none_or(|l| l == "*" || l == lang.code())
                })
                .collect();
            if ids.is_empty() || (len == 1 && is_stop(i) && k.len() < 4) {
                continue;
            }
            // An acronym must be written in capitals ("EI", not "ei"); a lowercase window must be
            // a multi-word name.
            if len == 1
                && k.len() <= 3
                && analysis.tokens[i]
                    .text(text)
                    .chars()
                    .any(|c| c.is_lowercase())
            {
                continue;
            }
            found = Some((len, Hit::Actor(ids)));
            break;
        }
        // The longest name wins across both indexes: a surname that opens a country's or a
        // division's name ("Costa" in "Costa Rica") is that place's first word.
        if let Some((len, Hit::Actor(_))) = &found {
            let len = *len;
            if toks[i].cap {
                fill_windows(i, MAX_PLACE_TOKENS, &mut wbuf, &mut wends);
                let longer_place = (len + 1..=wends.len()).any(|l| {
                    (i..i + l).all(|j| toks[j].cap || is_particle(j))
                        && geo.lookup(&wbuf[..wends[l - 1]]).iter().any(|&r| {
                            matches!(geo.kind(r), Some(GeoKind::Country | GeoKind::Admin1))
                        })
                });
                if longer_place {
                    found = None;
                }
            }
        }
        // Places: capitalised, every word capitalised or a particle, not a fragment of a longer name.
        if found.is_none() {
            if let Some((_, code)) = elex
                .country_abbreviations
                .iter()
                .find(|(abbr, _)| *abbr == surface)
            {
                if let Some(e) = geo.country(code) {
                    hits.push((i, i + 1, Hit::Geo(vec![e.row])));
                    i += 1;
                    continue;
                }
            }
        }
        // An all-capitals word is an acronym, never a stop word: "US" is not "us".
        let acronym_word = surface.chars().count() >= 2 && surface.chars().all(char::is_uppercase);
        // A stopword can still open a country's or a division's name ("North Korea", "West Bank").
        let stop_opens = toks[i].cap && is_stop(i) && !acronym_word;
        if found.is_none() && toks[i].cap && (!is_stop(i) || acronym_word || stop_opens) {
            fill_windows(i, MAX_PLACE_TOKENS, &mut wbuf, &mut wends);
            for len in (1..=MAX_PLACE_TOKENS.min(n - i)).rev() {
                if stop_opens && len == 1 {
                    continue;
                }
                if !(i..i + len).all(|j| toks[j].cap || is_particle(j)) {
                    continue;
                }
                let Some(k) = wends.get(len - 1).map(|&e| &wbuf[..e]) else {
                    continue;
                };
                // Five words and more: only a country's or a province's full name ("Democratic
                // People's Republic of Korea"), spelt as the gazetteer spells it.
                if len > 4 {
                    let rows: Vec<u32> = geo
                        .lookup(k)
                        .into_iter()
                        .filter(|&r| {
                            matches!(geo.kind(r), Some(GeoKind::Country | GeoKind::Admin1))
                        })
                        .collect();
                    if !rows.is_empty() {
                        found = Some((len, Hit::Geo(rows)));
                        break;
                    }
                    continue;
                }
                let mut rows = admin2_in_text(geo.lookup(k), i, i + len);
                // A word the language knows as something else ("Peruvian", a demonym) is no
                // spelling variant of a place ("Parvan").
                let loose_ok = k.len() >= 5
                    && !(len == 1 && (lex.demonyms.contains_key(k) || lex.sectors.contains_key(k)));
                if rows.is_empty() && loose_ok {
                    // Transliteration variants: "Middle Shabelle" for "Middle Shabeelle".
                    rows = admin2_in_text(geo.lookup(&normalize::skeleton(k)), i, i + len);
                }
                if rows.is_empty() && loose_ok {
                    // Vowel variants of a division's name ("Urozgan" for "Oruzgan", "Nahri
                    // Saraj" for "Nahr-e Saraj"), taken only when they name one division.
                    let loose = normalize::consonants(k).map_or(Vec::new(), |c| geo.lookup(&c));
                    let loose = admin2_in_text(loose, i, i + len);
                    if loose.len() == 1 {
                        rows = loose;
                    }
                }
                // An all-capitals word is an acronym ("APC", "IED"), not a town, unless it names a
                // country ("USA").
                if len == 1
                    && analysis.tokens[i]
                        .text(text)
                        .chars()
                        .all(|c| c.is_uppercase())
                    && k.len() <= 5
                {
                    rows.retain(|&r| geo.kind(r) == Some(GeoKind::Country));
                }
                // A stop word opens only a country's or a division's name ("North Korea", "West
                // Bank", "South Kordofan", "North Waziristan"), not a town's.
                if stop_opens {
                    rows.retain(|&r| {
                        matches!(
                            geo.kind(r),
                            Some(GeoKind::Country | GeoKind::Admin1 | GeoKind::Admin2)
                        )
                    });
                }
                // A word that is a nationality ("Chadian rebels") is one, not the town that
                // happens to share its letters (Chadian, China).
                if len == 1 && lex.demonyms.contains_key(k) {
                    rows.retain(|r| geo.entity(*r).is_some_and(|e| e.kind == GeoKind::Country));
                }
                if rows.is_empty() {
                    continue;
                }
                let run = runs.get(run_of[i]).copied();
                // The whole capitalised run, or the run less a division's type word around the
                // name ("Dawlat Abad District", "Cercle de Douentza").
                let whole_run = run.is_none_or(|(a, b)| {
                    let cue_after = {
                        let w = word_after(i + len);
                        geo.is_admin2_type(w)
                            || elex.admin1_cues.contains(&w)
                            || elex.city_cues.contains(&w)
                    };
                    let head_ok = a == i
                        || (geo.is_admin2_type(toks[a].key)
                            && (a + 1..i).all(|j| is_particle(j) || toks[j].kind == TokenKind::Elision))
                        // "Pie Nawa of Tarinkot district": the name after a particle, when a
                        // division or city word follows it.
                        || (cue_after && is_particle(i - 1));
                    let tail_ok = b == i + len || (b == i + len + 1 && geo.is_admin2_type(toks[i + len].key));
                    head_ok && tail_ok
                });
                let strong = rows.iter().any(|&r| geo.kind(r) == Some(GeoKind::Country));
                if !whole_run && !strong {
                    continue;
                }
                found = Some((len, Hit::Geo(rows)));
                break;
            }
        }
        if found.is_none() {
            // Role phrase, possibly with a demonym inserted after its first word
            // ("ministre turc des Affaires étrangères").
            let starting = lex.roles_by_first.get(toks[i].key).map_or(&[][..], |v| v);
            'roles: for (ri, r) in starting.iter().map(|&ri| (ri, &lex.roles[ri])) {
                for skip_demonym in [false, true] {
                    let mut j = i;
                    let mut ok = true;
                    for (w, word) in r.tokens.iter().enumerate() {
                        if skip_demonym && w == 1 {
                            if j < n && lex.demonyms.contains_key(toks[j].key) {
                                j += 1;
                            } else {
                                ok = false;
                                break;
                            }
                        }
                        if j < n && toks[j].key == word {
                            j += 1;
                        } else {
                            ok = false;
                            break;
                        }
                    }
                    if ok && j > i {
                        found = Some((j - i, Hit::Role(ri)));
                        break 'roles;
                    }
                }
            }
        }
        if found.is_none() && lex.demonym_firsts.contains(toks[i].key) {
            // "South Korean army officers", "Sierra Leonean refugees": a demonym of two or three
            // words.
            for len in [3, 2] {
                let hit = (i + len <= n)
                    .then(|| window_key(i, i + len))
                    .flatten()
                    .and_then(|k| lex.demonyms.get(&k));
                if let Some(c) = hit {
                    found = Some((len, Hit::Demonym(c.clone())));
                    break;
                }
            }
        }
        if found.is_none() {
            let two = || window_key(i, (i + 2).min(n)).filter(|k| lex.sectors.contains_key(k));
            let two_only = lex.sector_firsts.contains(toks[i].key) && two().is_some();
            if two_only || lex.sectors.contains_key(toks[i].key) {
                // "casques bleus", "clan militia": prefer a two-word sector noun.
                let two = two();
                let (mut len, mut key) = match two {
                    Some(k) if i + 2 <= n => (2, k),
                    _ => (1, toks[i].key.to_string()),
                };
                // A run of sector nouns, possibly with one plain modifier between ("government
                // security forces", "forces de sécurité gouvernementales") names one group; its
                // sector is the most specific: armed forces over police over rebels over
                // government.
                let rank = |k: &str| match lex.sectors.get(k).map(|w| w.sector.as_str()) {
                    Some("MIL") => 0,
                    Some("COP") => 1,
                    Some("SPY") => 2,
                    Some("REB") => 3,
                    Some("GOV") => 5,
                    _ => 4,
                };
                loop {
                    let j = i + len;
                    // A role word ("police spokesman") starts its own mention.
                    let next_is = |x: usize| {
                        x < n
                            && toks[x].sentence == toks[i].sentence
                            && lex.sectors.contains_key(toks[x].key)
                            && !lex.roles_by_first.contains_key(toks[x].key)
                    };
                    // A plural possessive joins its noun to the next ("Workers' Union",
                    // "farmers' cooperative").
                    let step = if next_is(j) {
                        1
                    } else if j + 1 < n
                        && (toks[j].kind == TokenKind::Word
                            && !toks[j].cap
                            && elex.group_modifiers.contains(&toks[j].key)
                            || possessive_at(j))
                        && next_is(j + 1)
                    {
                        2
                    } else {
                        break;
                    };
                    let cand = toks[j + step - 1].key.to_string();
                    // After a possessive the noun is the head, whatever its rank ("soldiers'
                    // families" are families).
                    if step == 2 && possessive_at(j) || rank(&cand) < rank(&key) {
                        key = cand;
                    }
                    len += step;
                }
                found = Some((len, Hit::Sector(key)));
            } else if let Some(c) = lex.demonyms.get(toks[i].key) {
                found = Some((1, Hit::Demonym(c.clone())));
            }
        }
        match found {
            Some((mut len, hit)) => {
                // A match ends where a district's name begins ("militants in | Imam Sahib
                // district"), without the plain words before it.
                if let Some(d) = (i + 1..i + len).find(|j| district_at.contains_key(j)) {
                    len = d - i;
                    while len > 1
                        && !toks[i + len - 1].cap
                        && !lex.sectors.contains_key(toks[i + len - 1].key)
                    {
                        len -= 1;
                    }
                }
                hits.push((i, i + len, hit));
                i += len;
            }
            None => i += 1,
        }
    }

    // Document context for place resolution: countries named or implied.
    let mut context: HashMap<String, f64> = HashMap::new();
    // The part of it that names of towns and regions give: a story set in one country.
    let mut place_context: HashMap<String, f64> = HashMap::new();
    // Each distinct name counts once: repeating a name does not make it more plausible.
    let mut counted: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (a, b, h) in hits.iter() {
        let name_key: String = toks[*a..*b]
            .iter()
            .map(|t| t.key)
            .collect::<Vec<_>>()
            .join(" ");
        if !counted.insert(name_key) {
            continue;
        }
        match h {
            Hit::Demonym(cs) if cs.len() == 1 => *context.entry(cs[0].clone()).or_default() += 1.0,
            Hit::Actor(ids) => {
                let e = ids.first().map(|&e| &actors.entries[e]);
                if let Some(c) =
                    e.and_then(|e| e.base_country.clone().or_else(|| e.country.clone()))
                {
                    *context.entry(c).or_default() += 0.5;
                }
            }
            Hit::Geo(rows) => {
                let ents: Vec<GeoEntity> = rows.iter().filter_map(|r| geo.entity(*r)).collect();
                if let Some(c) = ents.iter().find(|e| e.kind == GeoKind::Country) {
                    // A country named does not set the story in one of its towns: stories
                    // name the countries whose governments act, and a unique, notable place
                    // elsewhere ("the West Bank" in a story naming Israel) stays where it is.
                    *context.entry(c.country.to_string()).or_default() += 2.0;
                } else {
                    let mut cs: Vec<&str> = ents.iter().map(|e| e.country).collect();
                    cs.sort();
                    cs.dedup();
                    if cs.len() == 1 {
                        *context.entry(cs[0].to_string()).or_default() += 1.0;
                        *place_context.entry(cs[0].to_string()).or_default() += 1.0;
                    }
                }
            }
            _ => {}
        }
    }

    // A mention's span runs from its first token's start to its last token's end: both
    // already carry their character offsets, so no offset map of the text is needed here.
    let span_of = |a: usize, b: usize| {
        let (first, last) = (&analysis.tokens[a].span, &analysis.tokens[b - 1].span);
        Span {
            start: first.start,
            end: last.end,
            byte_start: first.byte_start,
            byte_end: last.byte_end,
        }
    };
    let prev_word = |a: usize, back: usize| -> Option<&str> {
        let mut j = a;
        let mut seen = 0;
        while j > 0 {
            j -= 1;
            if toks[j].kind == TokenKind::Elision || elex.of_words.contains(&toks[j].key) {
                continue;
            }
            seen += 1;
            if seen == back {
                return Some(toks[j].key);
            }
        }
        None
    };
    let after_locative = |a: usize| -> bool {
        // The word right before, elisions included ("d'Idleb" is "de Idleb": not locative alone).
        a > 0 && {
            let p = &toks[a - 1];
            elex.locatives.contains(&p.key)
                || (p.kind == TokenKind::Elision && elex.locatives.contains(&p.key))
        }
    };

    // The country a hit right before token `a` names, as a modifier of what follows: a demonym
    // ("Turkish troops", "the Turkish president"), a country name ("US forces", "the US
    // president") or, when `igo` is set, an intergovernmental organisation ("the NATO chief",
    // "NATO troops"); with whether rank words (`ranks`) stood between ("Nigerian *junior*
    // foreign minister", "Taiwan's *Vice* Foreign Minister"): such a person is not the office's
    // holder.
    let prefix_country =
        |k: usize, a: usize, igo: bool, ranks: bool| -> Option<(usize, String, bool)> {
            let (pa, pb, ph) = k.checked_sub(1).and_then(|p| hits.get(p))?;
            // Rank words before a role ("Taiwan's Vice Foreign Minister"); the group modifiers of
            // a noun phrase before a group noun ("Israeli intelligence officials", "European
            // Community foreign ministers", "Irish nationalist guerrillas").
            let ranked = *pb < a
                && a - *pb <= 2
                && (*pb..a).all(|j| {
                    toks[j].kind == TokenKind::Word
                        && if ranks {
                            elex.rank_words.contains(&toks[j].key)
                        } else {
                            elex.group_modifiers.contains(&toks[j].key)
                        }
                });
            if (*pb != a && !ranked) || toks[*pa].sentence != toks[a].sentence {
                return None;
            }
            let c = match ph {
                Hit::Demonym(c) => c.first().cloned(),
                Hit::Geo(rows) => rows
                    .iter()
                    .filter(|&&r| geo.kind(r) == Some(GeoKind::Country))
                    .find_map(|&r| geo.entity(r))
                    .map(|e| e.country.to_string()),
                Hit::Actor(ids) if igo => {
                    let e = pick_actor(actors, ids, date, &context);
                    (e.kind == ActorKind::Igo).then(|| e.id.clone())
                }
                _ => None,
            }?;
            Some((*pa, c, ranked))
        };

    // Pass 2: mentions.
    let mut out: Vec<Mention> = Vec::new();
    // The first-level division a place was just placed in, and the hit that names it.
    let mut container: Option<(usize, GeoEntity)> = None;
    // The last place's end and the division or city word it took: "les régions de Tillabéri et
    // de Diffa", "the provinces of Kunar and Nangarhar" give the word to every name of the list.
    let mut list_cue: Option<(usize, &str)> = None;
    let mut k = 0;
    while k < hits.len() {
        let (a, b, ref hit) = hits[k];
        let sentence = toks[a].sentence;
        match hit {
            Hit::Actor(ids) => {
                let entry = pick_actor(actors, ids, date, &context);
                // An acronym whose country nothing else in the story supports, in a story about
                // other countries, is another organisation with the same letters: skip it.
                let surface = span_of(a, b).slice(text);
                let acronym =
                    b == a + 1 && surface.len() <= 5 && surface.chars().all(|c| c.is_uppercase());
                let home = entry
                    .base_country
                    .as_deref()
                    .or(entry.country.as_deref())
                    .unwrap_or("");
                let iso_home = home.len() == 3 && !sitrep_events::is_pseudo_country(home);
                let others = context.iter().any(|(c, w)| c != home && *w >= 1.0);
                if acronym && iso_home && others && context.get(home).copied().unwrap_or(0.0) <= 0.5
                {
                    k += 1;
                    continue;
                }
                // A capital is a place after a locative ("à Damas"), before a city word ("Kabul
                // city"), after a place adjective ("eastern Beirut"), or after "of"/"de" unless a government noun precedes ("le régime de
                // Damas" is the government, "la banlieue de Damas" the place).
                let city_after = toks.get(b).is_some_and(|t| elex.city_cues.contains(&t.key));
                let of_before = a >= 1
                    && (elex.of_words.contains(&toks[a - 1].key)
                        || toks[a - 1].kind == TokenKind::Elision && toks[a - 1].key == "d")
                    && !(a >= 2 && lex.sectors.contains_key(toks[a - 2].key));
                let adjective_before = a >= 1 && elex.place_adjectives.contains(&toks[a - 1].key);
                if entry.kind == ActorKind::Metonym
                    && (after_locative(a) || city_after || of_before || adjective_before)
                {
                    // "à Washington": the place. Look it up as a place.
                    if let Some(k2) = window_key(a, b) {
                        let rows = geo.lookup(&k2);
                        if !rows.is_empty() {
                            out.push(place_mention(
                                text,
                                span_of(a, b),
                                sentence,
                                (a, b),
                                resolve_place(
                                    geo,
                                    &place_context,
                                    &rows,
                                    &context,
                                    None,
                                    prev_word(a, 1),
                                    elex,
                                ),
                            ));
                        }
                    }
                } else {
                    let kind = match entry.kind {
                        ActorKind::Igo => MentionKind::Igo,
                        ActorKind::ArmedGroup => MentionKind::ArmedGroup,
                        ActorKind::Person => MentionKind::Person,
                        ActorKind::Metonym => MentionKind::Government,
                        ActorKind::Organization => MentionKind::Organization,
                    };
                    let span = span_of(a, b);
                    out.push(Mention {
                        text: span.slice(text).to_string(),
                        kind,
                        span,
                        sentence,
                        tokens: (a, b),
                        actor: Some(actor_ref(entry, span, text)),
                        place: None,
                    });
                }
            }
            Hit::Geo(rows) => {
                // A province or city word before the name ("la province d'Idleb", "the city of
                // Kunduz") or right after it ("Idlib province", "Kunduz city").
                let is_cue = |w: &str| {
                    elex.admin1_cues.contains(&w)
                        || elex.city_cues.contains(&w)
                        || geo.is_admin2_type(w)
                };
                let before = prev_word(a, 1);
                let after = toks
                    .get(b)
                    .filter(|t| t.sentence == sentence)
                    .map(|t| t.key)
                    .filter(|w| is_cue(w));
                // A name coordinated with the place before it ("X et de Y", "X and Y") shares
                // its cue when it has none of its own.
                let listed = list_cue.filter(|&(end, _)| {
                    end < a
                        && a <= end + 3
                        && elex.conjunctions.contains(&toks[end].key)
                        && (end + 1..a).all(|j| {
                            toks[j].kind == TokenKind::Elision
                                || elex.of_words.contains(&toks[j].key)
                                || elex.stopwords.contains(&toks[j].key)
                        })
                });
                let division_cue = before
                    .filter(|w| is_cue(w))
                    .or(after)
                    .or(listed.map(|(_, c)| c));
                let cue = division_cue.or(before);
                list_cue = division_cue.map(|c| (b, c));
                // "X district, Y" / "X, Y": Y a first-level division of X's country.
                let within = hits.get(k + 1).and_then(|(na, _, nh)| {
                    let Hit::Geo(nrows) = nh else { return None };
                    let gap_ok = (b..*na).all(|j| {
                        toks[j].kind == TokenKind::Punct
                            || toks[j].kind == TokenKind::Word
                                && toks[j].key.len() <= 9
                                && !toks[j].cap
                                && !elex.conjunctions.contains(&toks[j].key)
                    }) && *na <= b + 3;
                    if !gap_ok {
                        return None;
                    }
                    let countries: Vec<&str> = rows
                        .iter()
                        .filter_map(|r| geo.entity(*r))
                        .map(|e| e.country)
                        .collect();
                    nrows
                        .iter()
                        .filter(|&&r| geo.kind(r) == Some(GeoKind::Admin1))
                        .filter_map(|&r| geo.entity(r))
                        .find(|e| countries.contains(&e.country))
                });
                // ... and Y itself is then that division, not a town of the same name ("Imam
                // Sahib district, Kunduz": the province).
                let resolved = match container.take().filter(|(at, _)| *at == k) {
                    Some((_, e)) => Some(place_ref(&e)),
                    None => resolve_place(
                        geo,
                        &place_context,
                        rows,
                        &context,
                        within.as_ref(),
                        cue,
                        elex,
                    ),
                };
                if let Some(w) = &within {
                    container = Some((k + 1, w.clone()));
                }
                let mut m = place_mention(text, span_of(a, b), sentence, (a, b), resolved);
                if let Some(p) = &m.place {
                    if p.precision == 1 {
                        m.kind = MentionKind::Country;
                        // `place_mention` gave the place the mention's words and span.
                        m.actor = Some(ActorRef::for_place(
                            p,
                            p.name.clone(),
                            "country",
                            Vec::new(),
                            None,
                        ));
                    }
                }
                out.push(m);
            }
            Hit::Role(ri) => {
                let role = &lex.roles[*ri];
                // Country: a demonym inside or right after the phrase, or a country/IGO named
                // after it ("chef de l'OTAN", "gouverneur de la province de Hatay").
                let mut country: Option<String> = role.org.clone();
                let mut end = b;
                for t in &toks[a..b] {
                    if let Some(c) = lex.demonyms.get(t.key) {
                        country = c.first().cloned();
                    }
                }
                if country.is_none() {
                    if let Some((_, b2, Hit::Demonym(c))) = hits.get(k + 1).filter(|h| h.0 == b) {
                        country = c.first().cloned();
                        end = *b2;
                        k += 1;
                    }
                }
                let mut start = a;
                let mut ranked = false;
                if country.is_none() {
                    if let Some((pa, c, r)) = prefix_country(k, a, true, true) {
                        country = Some(c);
                        start = pa;
                        ranked = r;
                    }
                }
                // A name right after the role (or before it, "Rahmi Dogan, gouverneur").
                let mut person: Option<(usize, usize, Option<&ActorEntry>)> = None;
                if let Some((a2, b2, h2)) = hits.get(k + 1) {
                    if *a2 <= end + 1 && toks[*a2].sentence == sentence {
                        if let Hit::Actor(ids) = h2 {
                            let e = pick_actor(actors, ids, date, &context);
                            if e.kind == ActorKind::Person {
                                person = Some((*a2, *b2, Some(e)));
                            } else if matches!(e.kind, ActorKind::Igo | ActorKind::Organization)
                                && country.is_none()
                            {
                                country = e
                                    .country
                                    .clone()
                                    .filter(|c| {
                                        c.len() == 3
                                            && c.chars().all(|x| x.is_ascii_uppercase())
                                            && !["IGO", "UNO", "NGO", "EUR"].contains(&c.as_str())
                                    })
                                    .or(Some(e.id.clone()));
                            }
                        }
                    }
                }
                if person.is_none() {
                    // An unknown name: a capitalised run right after the role (", " allowed).
                    let mut j = end;
                    if j < n && toks[j].kind == TokenKind::Punct && toks[j].key.is_empty() {
                        j += 1;
                    }
                    // The run may have started before: "British Defence Secretary Tom King" is
                    // one capitalised run, whose words after the role are the name.
                    if let Some(&(ra, rb)) = runs.get(*run_of.get(j).unwrap_or(&usize::MAX)) {
                        if ra <= j
                            && rb >= j + 2
                            && !hits
                                .iter()
                                .any(|h| h.0 == j && matches!(h.2, Hit::Geo(_) | Hit::Actor(_)))
                        {
                            person = Some((j, rb, None));
                        }
                    }
                    // "Name, role ...": a run just before.
                    if person.is_none() && a >= 2 {
                        let j = if analysis.tokens[a - 1].text(text) == "," {
                            a - 1
                        } else {
                            a
                        };
                        if j > 0 {
                            if let Some(&(ra, rb)) = runs.get(run_of[j - 1]) {
                                if rb == j && rb - ra >= 2 {
                                    person = Some((ra, rb, None));
                                }
                            }
                        }
                    }
                }
                if country.is_none() {
                    // A place named as the role's complement: "gouverneur de la province de
                    // Hatay", "governor of Helmand" (of-words, articles and cues only between).
                    for h in hits.iter().skip(k + 1).take(2) {
                        if toks[h.0].sentence != sentence || h.0 > end + 5 {
                            break;
                        }
                        let between_ok = (end..h.0).all(|j| {
                            let w = toks[j].key;
                            elex.of_words.contains(&w)
                                || toks[j].kind == TokenKind::Elision
                                || elex.admin1_cues.contains(&w)
                                || elex.city_cues.contains(&w)
                                || ["la", "le", "les", "the"].contains(&w)
                        });
                        if !between_ok {
                            break;
                        }
                        if let Hit::Geo(rows) = &h.2 {
                            if let Some(p) = resolve_place(
                                geo,
                                &place_context,
                                rows,
                                &context,
                                None,
                                prev_word(h.0, 1),
                                elex,
                            ) {
                                country = Some(p.country.clone());
                                break;
                            }
                        }
                    }
                }
                let holder = match (&person, &country) {
                    (Some((_, _, Some(e))), _) => Some(*e),
                    (None, Some(c)) if !ranked => actors.holder(c, &role.role, date),
                    _ => None,
                };
                let (pa, pb) = match person {
                    Some((pa, pb, _)) => (start.min(pa), end.max(pb)),
                    None => (start, end),
                };
                if start < a {
                    // The country word is part of this mention, not one of its own.
                    out.retain(|m| m.tokens.0 != start);
                }
                let span = span_of(pa, pb);
                let org = country.as_deref().and_then(|c| actors.igo(c));
                let actor = match holder {
                    Some(e) => {
                        let mut r = actor_ref(e, span, text);
                        r.role = Some(role.role.clone());
                        r
                    }
                    None => ActorRef {
                        name: match person {
                            Some((x, y, _)) => span_of(x, y).slice(text).to_string(),
                            None => format!(
                                "{} ({})",
                                role.role.replace('_', " "),
                                org.map(|o| o.name.clone())
                                    .or_else(|| country.clone())
                                    .unwrap_or_else(|| "unknown".into())
                            ),
                        },
                        // An organisation's office ("Arab League Secretary General") is held
                        // under the organisation's pseudo-country (IGO), not its id.
                        country: org.map_or(country.clone(), |o| o.country.clone()),
                        sector: vec![role.sector.clone()],
                        kind: if person.is_some() {
                            "person".into()
                        } else {
                            "role".into()
                        },
                        wikidata: None,
                        role: Some(role.role.clone()),
                        affiliation: org.map(|o| o.name.clone()),
                        backed_by: None,
                        mention: span.slice(text).to_string(),
                        span,
                        inferred: None,
                        ethnicity: None,
                        country_from: None,
                    },
                };
                // The name's hits are consumed by this mention ("King" in "Tom King" is no
                // title of its own).
                if let Some((pa2, pb2, _)) = person {
                    while hits.get(k + 1).is_some_and(|h| h.0 >= pa2 && h.0 < pb2) {
                        k += 1;
                    }
                    out.retain(|m| m.tokens.0 != pa2);
                }
                out.push(Mention {
                    text: span.slice(text).to_string(),
                    kind: if holder.is_some() || person.is_some() {
                        MentionKind::Person
                    } else {
                        MentionKind::Role
                    },
                    span,
                    sentence,
                    tokens: (pa, pb),
                    actor: Some(actor),
                    place: None,
                });
            }
            Hit::Sector(key) => {
                let sw = &lex.sectors[key];
                let mut end = b;
                let mut country: Option<String> = None;
                let mut backed_by: Option<String> = None;
                let mut owner: Option<String> = None;
                // Demonym or country before (English "Turkish troops", "US forces") or after
                // (French "forces turques").
                let mut start = a;
                if let Some((pa, c, _)) = prefix_country(k, a, true, false) {
                    // An organisation's people ("NATO troops", "Red Cross officials") are its
                    // own, under its pseudo-country.
                    match actors.igo(&c) {
                        Some(org) => {
                            country = org.country.clone();
                            owner = Some(org.name.clone());
                        }
                        None => country = Some(c),
                    }
                    start = pa;
                    out.retain(|m| m.tokens.0 != pa);
                }
                let next = hits.get(k + 1);
                if let Some((na, nb, nh)) = next {
                    let gap: Vec<&str> = (b..*na).map(|j| toks[j].key).collect();
                    let gap_text = gap.join(" ");
                    let of = !gap.is_empty()
                        && gap.iter().all(|w| {
                            elex.of_words.contains(w)
                                || ["d", "l", "la", "le", "les", "the"].contains(w)
                        })
                        && gap.len() <= 3;
                    // Trimmed once, not once per cue.
                    let trimmed = gap_text.trim_end_matches(" l").trim_end_matches(" d");
                    let backing = elex
                        .backing_cues
                        .iter()
                        .any(|c| trimmed == *c || gap_text.starts_with(c));
                    match nh {
                        Hit::Demonym(c) if *na == b => {
                            country = c.first().cloned();
                            end = *nb;
                            k += 1;
                        }
                        Hit::Geo(rows) if backing => {
                            if let Some(p) =
                                resolve_place(geo, &place_context, rows, &context, None, None, elex)
                                    .filter(|p| p.precision == 1)
                            {
                                backed_by = Some(p.country);
                                end = *nb;
                                k += 1;
                            }
                        }
                        Hit::Actor(ids) if of || backing => {
                            let e = pick_actor(actors, ids, date, &context);
                            if backing {
                                backed_by = e.country.clone();
                            } else {
                                country = e.country.clone();
                                owner = Some(e.name.clone());
                            }
                            end = *nb;
                            k += 1;
                        }
                        Hit::Geo(rows) if of && *na - b <= 2 => {
                            if let Some(p) =
                                resolve_place(geo, &place_context, rows, &context, None, None, elex)
                                    .filter(|p| p.precision == 1)
                            {
                                country = Some(p.country);
                                end = *nb;
                                k += 1;
                            }
                        }
                        _ => {}
                    }
                }
                if country.is_none()
                    && backed_by.is_none()
                    && matches!(sw.sector.as_str(), "GOV" | "MIL")
                {
                    // "le régime", "l'armée" alone: the country of the last mention of the same
                    // noun ("le régime d'Assad" ... "le régime"), else of the same sector.
                    let same_noun = out
                        .iter()
                        .rev()
                        .filter(|m| {
                            m.kind == MentionKind::Group
                                && toks[m.tokens.0..m.tokens.1]
                                    .iter()
                                    .any(|t| t.key == toks[a].key)
                        })
                        .filter_map(|m| m.actor.as_ref())
                        .find(|x| x.country.is_some());
                    let found = same_noun.or_else(|| {
                        out.iter()
                            .rev()
                            .filter_map(|m| m.actor.as_ref())
                            .find(|x| x.sector.contains(&sw.sector) && x.country.is_some())
                    });
                    if let Some(x) = found {
                        country = x.country.clone();
                        // An organisation's forces ("AUSSOM ... soldiers") belong to it, not to a
                        // state: keep its name, since its pseudo-country names no one.
                        if country.as_deref().is_some_and(|c| geo.country(c).is_none()) {
                            owner = x.affiliation.clone().or_else(|| Some(x.name.clone()));
                        }
                    }
                }
                let span = span_of(start, end);
                let country_name =
                    |c: &str| geo.country(c).map_or(c.to_string(), |e| e.name.to_string());
                let name = match (&owner, &country, &backed_by) {
                    (_, _, Some(b)) => format!("forces backed by {}", country_name(b)),
                    // A pseudo-country (IGO, UNO...) is not a state: name the owner.
                    (Some(o), Some(c), None) if geo.country(c).is_none() => {
                        format!("{} of {o}", sw.lemma)
                    }
                    (_, Some(c), None) if sw.sector == "GOV" => {
                        format!("Government of {}", country_name(c))
                    }
                    (_, Some(c), None) if sw.sector == "MIL" => {
                        format!("Military of {}", country_name(c))
                    }
                    (Some(o), _, _) => format!("{} of {o}", sw.lemma),
                    (None, Some(c), _) => format!("{} ({})", sw.lemma, country_name(c)),
                    _ => sw.lemma.clone(),
                };
                out.push(Mention {
                    text: span.slice(text).to_string(),
                    kind: MentionKind::Group,
                    span,
                    sentence,
                    tokens: (start, end),
                    actor: Some(ActorRef {
                        name,
                        country,
                        sector: vec![if backed_by.is_some() {
                            "MIL".into()
                        } else {
                            sw.sector.clone()
                        }],
                        kind: if backed_by.is_some() {
                            "militia".into()
                        } else {
                            "group".into()
                        },
                        wikidata: None,
                        role: None,
                        affiliation: owner.clone(),
                        backed_by,
                        mention: span.slice(text).to_string(),
                        span,
                        inferred: None,
                        ethnicity: None,
                        country_from: None,
                    }),
                    place: None,
                });
            }
            // A capitalised plural demonym standing alone is its people ("the Palestinians",
            // "Young Algerians", "les Syriens"): a group with the country. A capitalised demonym
            // before a noun that names no actor ("an Indian proposal", "Israeli tanks") gives
            // that noun phrase its country, as event coders code a nationality adjective: the
            // mention is the demonym alone, an actor of the country, for the coder to take where
            // no fuller actor stands. (Before a sector noun it was taken with that noun above.)
            Hit::Demonym(c)
                if toks[a].cap
                    && b == a + 1
                    && c.len() == 1
                    && hits.get(k + 1).is_none_or(|h| h.0 > b) =>
            {
                let people = toks[a].key.ends_with('s');
                let before_noun = toks
                    .get(b)
                    .is_some_and(|t| t.kind == TokenKind::Word && t.sentence == sentence);
                if people || before_noun {
                    let span = span_of(a, b);
                    let country = geo.country(&c[0]);
                    let actor = if people {
                        let name =
                            country.map_or(c[0].clone(), |e| format!("people of {}", e.name));
                        ActorRef {
                            country: Some(c[0].clone()),
                            sector: vec!["CVL".into()],
                            ..bare_actor(name, "group", span, text)
                        }
                    } else {
                        nationality_actor(geo, &c[0], span, text)
                    };
                    out.push(Mention {
                        text: span.slice(text).to_string(),
                        kind: if people {
                            MentionKind::Group
                        } else {
                            MentionKind::Country
                        },
                        span,
                        sentence,
                        tokens: (a, b),
                        actor: Some(actor),
                        place: None,
                    });
                }
            }
            // Where nationality adjectives follow their noun, a lowercase demonym right after a
            // word gives that noun phrase its country ("des frappes aériennes *russes*", "un
            // drone *turc*"), as the capitalised English one before its noun does; after a
            // sector noun it was taken with that noun above.
            Hit::Demonym(c)
                if elex.nationality_after_noun
                    && !toks[a].cap
                    && b == a + 1
                    && c.len() == 1
                    && a > 0
                    && toks[a - 1].kind == TokenKind::Word
                    && toks[a - 1].sentence == sentence =>
            {
                let span = span_of(a, b);
                out.push(Mention {
                    text: span.slice(text).to_string(),
                    kind: MentionKind::Country,
                    span,
                    sentence,
                    tokens: (a, b),
                    actor: Some(nationality_actor(geo, &c[0], span, text)),
                    place: None,
                });
            }
            Hit::Demonym(_) => {}
            Hit::Titled => {
                let span = span_of(a, b);
                out.push(Mention {
                    text: span.slice(text).to_string(),
                    kind: MentionKind::Person,
                    span,
                    sentence,
                    tokens: (a, b),
                    actor: Some(bare_actor(
                        // The name without its title.
                        runs.get(run_of[b - 1])
                            .map_or(span.slice(text), |&(ra, rb)| span_of(ra, rb).slice(text))
                            .to_string(),
                        "person",
                        span,
                        text,
                    )),
                    place: None,
                });
            }
        }
        k += 1;
    }
    // "ethnic Albanians", "ethnic Serb civilians": a demonym after an ethnic word names an
    // ethnic group, whose country is where it lives, not the state the demonym names. The
    // mention takes the ethnic word; the demonym's country is kept as the group's ethnicity.
    for m in &mut out {
        let a = m.tokens.0;
        if m.kind != MentionKind::Group
            || a == 0
            || toks[a - 1].sentence != m.sentence
            || !elex.ethnic_words.contains(&toks[a - 1].key)
        {
            continue;
        }
        let Some(actor) = m.actor.as_mut().filter(|x| x.country.is_some()) else {
            continue;
        };
        let span = Span {
            start: analysis.tokens[a - 1].span.start,
            byte_start: analysis.tokens[a - 1].span.byte_start,
            ..m.span
        };
        actor.ethnicity = actor.country.take();
        actor.sector.retain(|s| s != "CVL");
        if !actor.sector.iter().any(|s| s == "ETH") {
            actor.sector.push("ETH".into());
        }
        actor.name = span.slice(text).to_string();
        actor.mention = actor.name.clone();
        actor.span = span;
        m.text = actor.name.clone();
        m.span = span;
        m.tokens.0 = a - 1;
    }
    out.sort_by_key(|m| (m.span.byte_start, std::cmp::Reverse(m.span.byte_end)));
    out
}

/// An actor with a name and a kind only: no country, sector, id or affiliation yet.
/// The actor a nationality adjective stands for ("Israeli tanks", "frappes russes"): its
/// country, by the country's name.
fn nationality_actor(geo: &GeoStore, code: &str, span: Span, text: &str) -> ActorRef {
    let name = geo
        .country(code)
        .map_or(code.to_string(), |e| e.name.to_string());
    ActorRef {
        country: Some(code.to_string()),
        ..bare_actor(name, "nationality", span, text)
    }
}

fn bare_actor(name: String, kind: &str, span: Span, text: &str) -> ActorRef {
    ActorRef {
        name,
        country: None,
        sector: Vec::new(),
        kind: kind.into(),
        wikidata: None,
        role: None,
        affiliation: None,
        backed_by: None,
        mention: span.slice(text).to_string(),
        span,
        inferred: None,
        ethnicity: None,
        country_from: None,
    }
}

fn pick_actor<'a>(
    actors: &'a ActorIndex,
    ids: &[usize],
    date: Option<NaiveDate>,
    context: &HashMap<String, f64>,
) -> &'a ActorEntry {
    // Ambiguous names and acronyms ("SNA": Syrian or Somali National Army) go to the reading
    // whose country the story supports.
    let support = |e: &ActorEntry| {
        let c = e
            .base_country
            .as_deref()
            .or(e.country.as_deref())
            .unwrap_or("");
        context.get(c).copied().unwrap_or(0.0) > 0.5
    };
    ids.iter()
        .map(|&i| &actors.entries[i])
        .max_by_key(|e| {
            (
                e.valid_on(date),
                support(e),
                e.kind != ActorKind::Metonym,
                e.start,
            )
        })
        .unwrap_or(&actors.entries[ids[0]])
}

fn actor_ref(e: &ActorEntry, span: Span, text: &str) -> ActorRef {
    // Office holders of an organisation ("NATO") take the organisation's PLOVER code (IGO).
    let org = e.country.as_deref().and_then(|c| ActorIndex::get().igo(c));
    ActorRef {
        name: e.name.clone(),
        country: org
            .and_then(|o| o.country.clone())
            .or_else(|| e.country.clone()),
        sector: e.sector.clone(),
        kind: e.kind.as_str().into(),
        wikidata: e.wikidata.clone(),
        role: e.role.clone(),
        affiliation: org.map(|o| o.name.clone()),
        backed_by: None,
        mention: span.slice(text).to_string(),
        span,
        inferred: None,
        ethnicity: None,
        country_from: None,
    }
}

fn place_mention(
    text: &str,
    span: Span,
    sentence: usize,
    tokens: (usize, usize),
    place: Option<PlaceRef>,
) -> Mention {
    let place = place.map(|mut p| {
        p.mention = span.slice(text).to_string();
        p.span = span;
        p
    });
    Mention {
        text: span.slice(text).to_string(),
        kind: MentionKind::Place,
        span,
        sentence,
        tokens,
        actor: None,
        place,
    }
}

/// Picks the most plausible entity for a place name: countries first, then by population,
/// countries mentioned in the story, and cues ("province de", "city of") before the name.
pub fn resolve_place(
    geo: &GeoStore,
    place_context: &HashMap<String, f64>,
    rows: &[u32],
    context: &HashMap<String, f64>,
    within: Option<&GeoEntity>,
    cue: Option<&str>,
    elex: &sitrep_text::EntityLexicon,
) -> Option<PlaceRef> {
    let admin1_cue = cue.is_some_and(|c| elex.admin1_cues.contains(&c));
    // A division's own type word ("district", "cercle") names it.
    let typed = |e: &GeoEntity| cue.is_some_and(|c| is_type_word(e.division_type(), c));
    let city_cue = cue.is_some_and(|c| elex.city_cues.contains(&c));
    let ents: Vec<GeoEntity> = rows.iter().filter_map(|r| geo.entity(*r)).collect();
    // What this name itself adds to the context must not vouch for it.
    let own = own_support(&ents);
    // The populations of the name's places, to tell a city from its namesakes below.
    let places_pop: Vec<(&'static str, u64)> = ents
        .iter()
        .map(|e| {
            (
                e.country,
                if e.kind == GeoKind::Place {
                    e.population
                } else {
                    u64::MAX
                },
            )
        })
        .collect();
    let support =
        |c: &str| context.get(c).copied().unwrap_or(0.0) - own.get(c).copied().unwrap_or(0.0);
    let others_named = context
        .iter()
        .any(|(c, w)| *w - own.get(c.as_str()).copied().unwrap_or(0.0) > 0.0);
    let other_places_named = place_context
        .iter()
        .any(|(c, w)| *w - own.get(c.as_str()).copied().unwrap_or(0.0) > 0.0);
    let best = ents
        .into_iter()
        // "Muqur district, Badghis": a place followed by its province is a place in it.
        .filter(|e| {
            within.is_none_or(|w| {
                matches!(e.kind, GeoKind::Place | GeoKind::Admin2)
                    && e.country == w.country
                    && e.admin1 == w.name
            })
        })
        .map(|e| {
            let pop = ((e.population as f64) + 10.0).log10();
            let mut s = match e.kind {
                GeoKind::Country => 30.0,
                GeoKind::Admin1 => pop - 1.5 + if admin1_cue { 10.0 } else { 0.0 },
                // Below a town of the same name unless its type word is there: a place named
                // without one is the town, the more precise reading.
                GeoKind::Admin2 => {
                    pop - 2.0
                        + if typed(&e) && !admin1_cue {
                            12.0
                        } else if typed(&e) {
                            9.0
                        } else {
                            0.0
                        }
                }
                GeoKind::Place => pop + if city_cue { 10.0 } else { 0.0 },
            };
            s += 4.0 * support(e.country).clamp(0.0, 3.0);
            (s, e)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.row.cmp(&a.1.row)))?;
    // A story about Afghanistan does not happen in Greece: a place whose country nothing else in
    // the story supports is rejected when the story names other countries. Unless the name is
    // unambiguous and notable and no other place sets the story elsewhere: a province, or a
    // city of 100,000 people whose name no other country uses, is where the story says
    // ("Turkish troops were killed in Idlib"); but in a story set in Kunar, "Ghaziabad" is a
    // local village, not the Indian city.
    let notable = best.1.kind == GeoKind::Admin1
        || (best.1.kind == GeoKind::Admin2 && typed(&best.1))
        || best.1.population >= 100_000;
    // One country's name, or a city whose namesakes abroad are villages a hundredth its size
    // ("Beirut" is also an old name of Bierutów, Poland; "Samarra" of a Spanish hamlet).
    let one_country = places_pop.iter().all(|&(c, pop)| {
        c == best.1.country
            || best.1.kind == GeoKind::Place && pop.saturating_mul(100) < best.1.population
    });
    // Forces act across their borders more than anywhere else ("Israeli warplanes bombed Gaza",
    // "Turkish troops entered Idlib"): a neighbour of a country the story names vouches for a
    // notable place. Not for a small one: a village across the border is as often a local
    // namesake the gazetteer lacks ("El Wak", Kenya, for the Somali town of Ceel Waaq).
    // Not when the name also has a reading in a country the story names: "El Wak town (Ceel
    // Waaq, Gedo)" is the Somali town, not its Kenyan namesake across the border.
    let neighbour_named = || {
        crate::borders::neighbours(best.1.country)
            .iter()
            .any(|n| support(n) > 0.0)
            && !places_pop
                .iter()
                .any(|&(c, _)| c != best.1.country && context.get(c).copied().unwrap_or(0.0) > 0.0)
    };
    if best.1.kind != GeoKind::Country
        && others_named
        && support(best.1.country) <= 0.0
        && !(one_country && notable && !other_places_named)
        && !(notable && !other_places_named && neighbour_named())
    {
        return None;
    }
    Some(place_ref(&best.1))
}

/// The context weight a name's own candidates contribute (see the context pass).
fn own_support(ents: &[GeoEntity]) -> HashMap<String, f64> {
    let mut own = HashMap::new();
    if let Some(c) = ents.iter().find(|e| e.kind == GeoKind::Country) {
        own.insert(c.country.to_string(), 2.0);
    } else {
        let mut cs: Vec<&str> = ents.iter().map(|e| e.country).collect();
        cs.sort();
        cs.dedup();
        if cs.len() == 1 {
            own.insert(cs[0].to_string(), 1.0);
        }
    }
    own
}

/// A [`PlaceRef`] for a gazetteer entity (mention and span left empty for the caller).
pub fn place_ref(e: &GeoEntity) -> PlaceRef {
    let (feature, precision) = match e.kind {
        GeoKind::Country => ("country", 1),
        GeoKind::Admin1 => ("admin1", 2),
        GeoKind::Admin2 => ("admin2", 3),
        GeoKind::Place => ("city", 4),
    };
    PlaceRef {
        name: e.name.to_string(),
        geonameid: e.geonameid(),
        admin1: match e.kind {
            GeoKind::Country => None,
            _ => Some(e.admin1.to_string()).filter(|s| !s.is_empty()),
        },
        admin2: Some(e.admin2.to_string()).filter(|s| !s.is_empty()),
        country: e.country.to_string(),
        lat: e.lat,
        lon: e.lon,
        feature: feature.into(),
        precision,
        mention: String::new(),
        span: Span {
            start: 0,
            end: 0,
            byte_start: 0,
            byte_end: 0,
        },
    }
}
