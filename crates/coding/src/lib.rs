//! The event coder: who did what to whom, where, when, with how many victims, each fact with the
//! words that support it.
//!
//! For each sentence: find trigger patterns (from the language pack), attach arguments by the
//! trigger's frame (subject, object, agent after `par`/`by`, complement after `de`/`of`, `avec`),
//! attach counts to the casualty word they precede, pick the place and date of the sentence,
//! decide the modality from cue words, then merge what the story says twice (headline and body)
//! into one event with several evidence spans. Quotations get their speaker; counts that belong to
//! no event become figures.
//!
//! **Architecture invariant:** no word of any language here: triggers and cues come from the pack
//! through [`sitrep_text::Language::events`].
#![warn(missing_docs)]

pub mod lexicon;

use std::borrow::Cow;

use chrono::NaiveDate;
use sitrep_core::{stable_hash, Document, Span};
use sitrep_events::{
    is_pseudo_country, mapping, ActorRef, Count, Counts, EventDate, EventRecord, EventType,
    Evidence, FigureRecord, Modality, PlaceRef, QuoteRecord,
};
use sitrep_gazetteer::{Mention, MentionKind};
use sitrep_text::time::{Precision, TimeKind};
use sitrep_text::{Analysis, Language, NumberMention, TokenKind};

use lexicon::{CoderLex, Cue, Frame};

/// What the coder found in one document.
#[derive(Debug, Default)]
pub struct Coded {
    /// Events.
    pub events: Vec<EventRecord>,
    /// Quotations with their speakers.
    pub quotes: Vec<QuoteRecord>,
    /// Counts that belong to no single event.
    pub figures: Vec<FigureRecord>,
}

/// One trigger matched in the text.
struct TriggerHit {
    trigger: usize,
    /// Token range of the whole pattern (gaps included).
    a: usize,
    b: usize,
    /// Token range of the gap, if the pattern has one.
    gap: Option<(usize, usize)>,
    sentence: usize,
}

/// A candidate event before merging.
struct Candidate {
    event_type: EventType,
    mode: Option<String>,
    actor: Vec<ActorRef>,
    recipient: Vec<ActorRef>,
    location: Option<PlaceRef>,
    date: Option<EventDate>,
    counts: Counts,
    modality: Modality,
    claimed_by: Option<ActorRef>,
    evidence: Vec<Evidence>,
    sentence: usize,
    trigger_start: usize,
    /// Violence between the actors ("X and Y clashed"): the victims counted are not its target.
    reciprocal: bool,
    /// The place was named in the event's own sentence, not carried over from the ones before.
    place_stated: bool,
    /// The sentence adds to the event told just before ("6 militants were also killed").
    additive: bool,
    /// The trigger's frame names its other side in a slot of its own (a request's addressee,
    /// "urged the two sides to"; a partner after "with"; joint subjects), resolved or not.
    addressed: bool,
    /// Named only by event nouns in a prepositional phrase ("complained over two air raids",
    /// "following the shooting deaths"): the circumstance of another event, less sure to be an
    /// event of this story.
    referential: bool,
}

struct Ctx<'a> {
    text: &'a str,
    analysis: &'a Analysis,
    mentions: &'a [Mention],
    lex: &'a CoderLex,
    /// Per token, its name key ([`sitrep_gazetteer::token_keys`]).
    keys: &'a [Cow<'a, str>],
    /// Per token, the id of its key among the words of triggers and cues
    /// ([`CoderLex::word_ids`]).
    ids: Vec<u32>,
    /// Per token, the cues that start there: (kind index, length). Computed once per document;
    /// the coder asks about cues of many kinds over the same sentences.
    cue_starts: Vec<Vec<(usize, usize)>>,
    sentence_of: Vec<usize>,
    published: Option<NaiveDate>,
    /// Position indexes of mentions, numbers and times ([`Index`]).
    idx: Index,
    /// [`dominant_country`], a property of the whole document: counted once, not per event.
    dominant: std::cell::OnceCell<Option<String>>,
}

/// Where the document's mentions, numbers and times are, for range look-ups by binary search.
/// The coder asks "which of them lie in these tokens / this sentence" once or more per trigger;
/// scanning every one of the document each time made long documents quadratic (and the count
/// loop, which also tested each number against the used ones, cubic: 157 s for 4,000 ACLED notes
/// read as one text).
#[derive(Default)]
struct Index {
    /// Mention indices sorted by first token (ties in document order).
    mention_starts: Vec<usize>,
    /// Mention indices sorted by end token (ties in document order).
    mention_ends: Vec<usize>,
    /// Per sentence, the numbers whose first token lies in it, in document order.
    sentence_numbers: Vec<Vec<usize>>,
    /// (first token, number index) of every number that starts on a token, sorted.
    number_tokens: Vec<(usize, usize)>,
    /// The end byte of every number, sorted.
    number_ends: Vec<usize>,
    /// Time indices sorted by start byte (ties in document order).
    time_starts: Vec<usize>,
}

impl Index {
    fn new(ctx: &Ctx) -> Index {
        let mut mention_starts: Vec<usize> = (0..ctx.mentions.len()).collect();
        mention_starts.sort_by_key(|&m| ctx.mentions[m].tokens.0);
        let mut mention_ends: Vec<usize> = (0..ctx.mentions.len()).collect();
        mention_ends.sort_by_key(|&m| ctx.mentions[m].tokens.1);
        let mut sentence_numbers = vec![Vec::new(); ctx.analysis.sentences.len()];
        let mut number_tokens = Vec::new();
        for (ni, n) in ctx.analysis.numbers.iter().enumerate() {
            let Some(nt) = token_at(ctx, n.span.byte_start) else {
                continue;
            };
            number_tokens.push((nt, ni));
            if let Some(v) = ctx
                .sentence_of
                .get(nt)
                .and_then(|&s| sentence_numbers.get_mut(s))
            {
                v.push(ni);
            }
        }
        number_tokens.sort_unstable();
        let mut number_ends: Vec<usize> = ctx
            .analysis
            .numbers
            .iter()
            .map(|n| n.span.byte_end)
            .collect();
        number_ends.sort_unstable();
        let mut time_starts: Vec<usize> = (0..ctx.analysis.times.len()).collect();
        time_starts.sort_by_key(|&t| ctx.analysis.times[t].span.byte_start);
        Index {
            mention_starts,
            mention_ends,
            sentence_numbers,
            number_tokens,
            number_ends,
            time_starts,
        }
    }
}

impl Ctx<'_> {
    fn tok_span(&self, a: usize, b: usize) -> Span {
        let ta = &self.analysis.tokens[a].span;
        let tb = &self.analysis.tokens[b - 1].span;
        Span {
            start: ta.start,
            end: tb.end,
            byte_start: ta.byte_start,
            byte_end: tb.byte_end,
        }
    }

    /// Evidence for words anywhere in the document (an inferred actor's place may stand in an
    /// earlier sentence than the event's): in the sentence that holds them, else `fallback`.
    fn evidence_at(&self, field: &str, span: Span, fallback: usize) -> Evidence {
        let at = token_at(self, span.byte_start)
            .and_then(|t| self.sentence_of.get(t).copied())
            .unwrap_or(fallback);
        self.evidence(field, span, at)
    }

    fn sentence_span(&self, s: usize) -> Span {
        self.analysis.sentences[s].span
    }

    fn evidence(&self, field: &str, span: Span, sentence: usize) -> Evidence {
        Evidence {
            field: field.to_string(),
            text: span.slice(self.text).to_string(),
            span,
            sentence: self.sentence_span(sentence),
        }
    }

    /// Whether a cue of `kind` starts at token `i`; returns its length.
    fn cue_at(&self, kind: Cue, i: usize) -> Option<usize> {
        let k = self.lex.cue(kind)?;
        self.cue_len(k, i)
    }

    /// The longest cue of kind index `k` at token `i`.
    fn cue_len(&self, k: usize, i: usize) -> Option<usize> {
        self.cue_starts
            .get(i)?
            .iter()
            .filter(|(kind, _)| *kind == k)
            .map(|(_, n)| *n)
            .max()
    }

    /// Whether a cue of `kind` with exactly `len` tokens starts at token `i`.
    fn cue_of_len(&self, kind: Cue, i: usize, len: usize) -> bool {
        let Some(k) = self.lex.cue(kind) else {
            return false;
        };
        self.cue_starts
            .get(i)
            .is_some_and(|starts| starts.contains(&(k, len)))
    }

    /// Whether any cue of `kind` occurs in tokens `a..b`.
    fn cue_in(&self, kind: Cue, a: usize, b: usize) -> Option<(usize, usize)> {
        let k = self.lex.cue(kind)?;
        (a..b).find_map(|i| self.cue_len(k, i).map(|n| (i, i + n)))
    }

    /// Mentions with an actor within tokens `a..b`, in document order.
    fn actors_in(&self, a: usize, b: usize) -> Vec<&Mention> {
        self.mentions_in(a, b, |m| m.actor.is_some())
    }

    fn places_in(&self, a: usize, b: usize) -> Vec<&Mention> {
        self.mentions_in(a, b, |m| m.place.is_some())
    }

    /// Mentions within tokens `a..b` that pass `keep`, in document order. A mention ends after
    /// it starts, so those within start in `a..=b`.
    fn mentions_in(&self, a: usize, b: usize, keep: impl Fn(&Mention) -> bool) -> Vec<&Mention> {
        self.mentions_starting(a, b)
            .into_iter()
            .map(|m| &self.mentions[m])
            .filter(|m| m.tokens.1 <= b && keep(m))
            .collect()
    }

    /// Indices of the mentions whose first token is in `a..=b`, in document order: found by
    /// binary search.
    fn mentions_starting(&self, a: usize, b: usize) -> Vec<usize> {
        let starts = &self.idx.mention_starts;
        let lo = starts.partition_point(|&m| self.mentions[m].tokens.0 < a);
        let hi = starts.partition_point(|&m| self.mentions[m].tokens.0 <= b);
        let mut found = starts.get(lo..hi).unwrap_or(&[]).to_vec();
        found.sort_unstable();
        found
    }

    /// The mentions whose last token ends at token `b` (exclusive), in document order.
    fn mentions_ending(&self, b: usize) -> impl Iterator<Item = &Mention> {
        let ends = &self.idx.mention_ends;
        let lo = ends.partition_point(|&m| self.mentions[m].tokens.1 < b);
        let hi = ends.partition_point(|&m| self.mentions[m].tokens.1 <= b);
        ends.get(lo..hi)
            .unwrap_or(&[])
            .iter()
            .map(|&m| &self.mentions[m])
    }

    /// Indices of the times within bytes `from..to`, in document order.
    fn times_in(&self, from: usize, to: usize) -> Vec<usize> {
        let times = &self.analysis.times;
        let starts = &self.idx.time_starts;
        let lo = starts.partition_point(|&t| times[t].span.byte_start < from);
        let hi = starts.partition_point(|&t| times[t].span.byte_start <= to);
        let mut found: Vec<usize> = starts
            .get(lo..hi)
            .unwrap_or(&[])
            .iter()
            .copied()
            .filter(|&t| times[t].span.byte_end <= to)
            .collect();
        found.sort_unstable();
        found
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.analysis
            .tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct && t.text(self.text) == p)
    }
}

/// Codes one document, given its text layer and its entity mentions.
pub fn code(
    doc: &Document,
    analysis: &Analysis,
    mentions: &[Mention],
    lang: &dyn Language,
) -> Coded {
    let keys = sitrep_gazetteer::token_keys(&doc.text, analysis);
    code_with_keys(doc, analysis, mentions, &keys, lang)
}

/// [`code`] with the tokens' keys already computed by [`sitrep_gazetteer::token_keys`] (as
/// recognition needs them too).
pub fn code_with_keys(
    doc: &Document,
    analysis: &Analysis,
    mentions: &[Mention],
    keys: &[Cow<'_, str>],
    lang: &dyn Language,
) -> Coded {
    let lex = lexicon::for_language(lang);
    let mut sentence_of = vec![0usize; analysis.tokens.len()];
    for (si, s) in analysis.sentences.iter().enumerate() {
        for t in s.tokens.0..s.tokens.1.min(sentence_of.len()) {
            sentence_of[t] = si;
        }
    }
    let ids = lex.word_ids(keys);
    let cue_starts = (0..ids.len()).map(|i| lex.cues_at(&ids, i)).collect();
    let mut ctx = Ctx {
        text: &doc.text,
        analysis,
        mentions,
        lex: &lex,
        keys,
        ids,
        cue_starts,
        sentence_of,
        published: doc.reference_date(),
        idx: Index::default(),
        dominant: std::cell::OnceCell::new(),
    };
    ctx.idx = Index::new(&ctx);
    let quotes = code_quotes(&ctx, doc);
    let hits = find_triggers(&ctx);
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut used_numbers: Vec<usize> = Vec::new();
    // Triggers of one sentence and one type make one event ("tombés martyrs ... lors d'une frappe").
    let mut k = 0;
    while k < hits.len() {
        let s = hits[k].sentence;
        let mut group_end = k;
        while group_end < hits.len() && hits[group_end].sentence == s {
            group_end += 1;
        }
        let group: Vec<&TriggerHit> = hits[k..group_end].iter().collect();
        let mut types: Vec<EventType> = group
            .iter()
            .map(|h| lex.triggers[h.trigger].event_type)
            .collect();
        types.dedup();
        let mut seen = Vec::new();
        for t in types {
            if seen.contains(&t) {
                continue;
            }
            seen.push(t);
            let same: Vec<&TriggerHit> = group
                .iter()
                .copied()
                .filter(|h| lex.triggers[h.trigger].event_type == t)
                .collect();
            if let Some(c) = build_candidate(&ctx, &same, &quotes, &mut used_numbers) {
                candidates.push(c);
            }
        }
        k = group_end;
    }
    // "Thousands demonstrated in Kirkuk calling for independence", "blocked roads demanding
    // that he be reinstated": a demand voiced by a protest is what the protest is about, not a
    // second event.
    // Whom the demand addresses is whom the protest targets.
    let voiced = |c: &Candidate, p: &Candidate| {
        c.event_type == EventType::Request
            && p.event_type == EventType::Protest
            && p.sentence == c.sentence
            && p.trigger_start < c.trigger_start
    };
    let mut k = 0;
    while k < candidates.len() {
        // Only a demand is voiced: other candidates are not compared with every other one
        // (quadratic in the events of a long text).
        let protest = (candidates[k].event_type == EventType::Request)
            .then(|| (0..candidates.len()).find(|&p| voiced(&candidates[k], &candidates[p])))
            .flatten();
        match protest {
            Some(p) => {
                let demand = candidates.remove(k);
                let p = if p > k { p - 1 } else { p };
                let protest = &mut candidates[p];
                if protest.recipient.is_empty() {
                    protest.evidence.extend(
                        demand
                            .evidence
                            .iter()
                            .filter(|e| e.field == "recipient")
                            .cloned(),
                    );
                    protest.recipient = demand.recipient;
                }
            }
            None => k += 1,
        }
    }
    // "rejected a call for its forces to be deployed", "urged the EU to support the PLO": what
    // a demand asks for, or a rejection turns down, has not happened. It is the content of the
    // speech act, kept with a flag, not a fact: PLOVER codes the demand. Only when nothing
    // (punctuation, a coordinator, a clause break) stands between the two: "rejected the
    // accusation and attacked" is two events.
    let asks_for = |r: &Candidate, c: &Candidate| {
        matches!(r.event_type, EventType::Request | EventType::Reject)
            && !matches!(c.event_type, EventType::Request | EventType::Reject)
            && r.sentence == c.sentence
            && r.trigger_start < c.trigger_start
            && c.modality == Modality::Asserted
            && (r.trigger_start + 1..c.trigger_start).all(|j| {
                ctx.analysis.tokens[j].kind != TokenKind::Punct
                    && ctx.cue_at(Cue::Coordinator, j).is_none()
                    && ctx.cue_at(Cue::ClauseBreak, j).is_none()
            })
    };
    // Only demands and rejections ask for anything: each candidate is compared with those alone.
    let askers: Vec<&Candidate> = candidates
        .iter()
        .filter(|r| matches!(r.event_type, EventType::Request | EventType::Reject))
        .collect();
    let content: Vec<usize> = (0..candidates.len())
        .filter(|&k| askers.iter().any(|r| asks_for(r, &candidates[k])))
        .collect();
    for k in content {
        candidates[k].modality = Modality::Hypothetical;
    }
    let figures = code_figures(&ctx, doc, &used_numbers);
    let events = merge(&ctx, doc, candidates);
    Coded {
        events,
        quotes,
        figures,
    }
}

fn find_triggers(ctx: &Ctx) -> Vec<TriggerHit> {
    let n = ctx.keys.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let mut best: Option<TriggerHit> = None;
        for ti in ctx.lex.trigger_candidates(&ctx.ids, i) {
            if let Some((b, gap)) = match_pattern(ctx, &ctx.lex.triggers[ti].ids, i) {
                let longer = best.as_ref().is_none_or(|x| b - i > x.b - x.a);
                if longer {
                    best = Some(TriggerHit {
                        trigger: ti,
                        a: i,
                        b,
                        gap,
                        sentence: ctx.sentence_of[i],
                    });
                }
            }
        }
        match best {
            Some(h) => {
                // A gap's content is free to hold other triggers' words; continue after the
                // pattern's first word so "appelle Moscou ... à cesser" still sees later triggers.
                i = if h.gap.is_some() {
                    h.gap.map_or(h.b, |g| g.1)
                } else {
                    h.b
                };
                out.push(h);
            }
            None => i += 1,
        }
    }
    out
}

/// Matches a pattern at token `i`; returns the end and the gap's range.
/// The pattern is given by word ids ([`lexicon::Trigger::ids`]), `None` for a gap.
fn match_pattern(
    ctx: &Ctx,
    parts: &[Option<u32>],
    i: usize,
) -> Option<(usize, Option<(usize, usize)>)> {
    fn go(
        ctx: &Ctx,
        parts: &[Option<u32>],
        j: usize,
        s: usize,
        gap: Option<(usize, usize)>,
    ) -> Option<(usize, Option<(usize, usize)>)> {
        let Some(p) = parts.first() else {
            return Some((j, gap));
        };
        match p {
            Some(w) => {
                if ctx.ids.get(j) == Some(w) && ctx.sentence_of.get(j) == Some(&s) {
                    go(ctx, &parts[1..], j + 1, s, gap)
                } else {
                    None
                }
            }
            None => {
                for len in 0..=4 {
                    let end = j + len;
                    if end > ctx.keys.len()
                        || (j..end).any(|x| {
                            ctx.sentence_of[x] != s || ctx.is_punct(x, ".") || ctx.is_punct(x, ";")
                        })
                    {
                        break;
                    }
                    if let Some(r) = go(ctx, &parts[1..], end, s, Some((j, end))) {
                        return Some(r);
                    }
                }
                None
            }
        }
    }
    go(ctx, parts, i, ctx.sentence_of[i], None)
}

/// The subject of "SUBJECT verb [det] NOUN" when the event noun at `h` is the verb's object:
/// the subject ends at most three words before the noun, with no punctuation, preposition or
/// other event word between them.
fn object_noun_subject(ctx: &Ctx, sentence: usize, h: &TriggerHit) -> Vec<ActorRef> {
    let s = &ctx.analysis.sentences[sentence];
    let Some(last) = ctx
        .actors_in(s.tokens.0, h.a)
        .into_iter()
        .rfind(|m| m.kind != MentionKind::Place)
    else {
        return Vec::new();
    };
    let between = last.tokens.1..h.a;
    let plain = !between.is_empty()
        && between.len() <= 3
        && between.clone().all(|j| {
            ctx.analysis.tokens[j].kind != TokenKind::Punct
                && ctx.cue_at(Cue::Preposition, j).is_none()
                && ctx.cue_at(Cue::With, j).is_none()
                && ctx.cue_at(Cue::Agent, j).is_none()
                // Another event's word matched here, not merely a word some pattern starts
                // with ("a" starts "a deal").
                && (j == between.start
                    || !ctx
                        .lex
                        .trigger_candidates(&ctx.ids, j)
                        .any(|ti| match_pattern(ctx, &ctx.lex.triggers[ti].ids, j).is_some()))
        });
    if plain {
        subjects(ctx, sentence, h.a)
    } else {
        Vec::new()
    }
}

/// The agent an event noun names as its modifier: an actor right before it ("Israeli
/// airstrikes", "a US drone strike", "NATO air raids", "a Taliban attack", "a police raid"), or a
/// nationality adjective right after it, where the language puts adjectives after the noun
/// ("des frappes aériennes russes"). Only who can attack: a country, an intergovernmental
/// organisation, an armed group, or an armed force; not a city ("the Kabul attack" is where) and
/// not a group of people ("civilian casualties" are victims).
fn modifier_agent<'m>(ctx: &'m Ctx, h: &TriggerHit) -> Option<&'m Mention> {
    let agent = |m: &&Mention| {
        m.actor.as_ref().is_some_and(|a| match m.kind {
            MentionKind::Country | MentionKind::Igo | MentionKind::ArmedGroup => true,
            MentionKind::Group => is_armed_actor(a),
            _ => false,
        })
    };
    // "in support of *the* Al Shabaab attack", "après l'attaque turque": a definite event noun
    // after a preposition refers to an event told elsewhere, whose agent is that telling's.
    let told = |first: usize| {
        let Some(d) =
            (first.saturating_sub(2)..first).find(|&j| ctx.cue_of_len(Cue::Definite, j, 1))
        else {
            return false;
        };
        ctx.cue_of_len(Cue::Preposition, d, 1) || after_preposition(ctx, d)
    };
    let before = ctx
        .mentions_ending(h.a)
        .filter(|m| m.tokens.0 < h.a)
        .find(|m| agent(m) && !after_preposition(ctx, m.tokens.0) && !told(m.tokens.0));
    before.or_else(|| {
        if !ctx.lex.nationality_after_noun {
            return None;
        }
        if told(h.a) {
            return None;
        }
        let at = ctx.mentions_starting(h.b, h.b);
        at.into_iter().map(|m| &ctx.mentions[m]).find(|m| {
            m.kind == MentionKind::Country
                && m.actor.as_ref().is_some_and(|a| a.kind == "nationality")
        })
    })
}

/// Whether an event noun of the same event stands right before the verb `h` as its subject
/// ("an airstrike killed", "the attack on the base wounded").
fn noun_subject(ctx: &Ctx, hits: &[&TriggerHit], h: &TriggerHit) -> bool {
    hits.iter().any(|o| {
        ctx.lex.triggers[o.trigger].frame == Frame::Noun
            && o.b <= h.a
            && h.a - o.b <= 3
            && !(o.b..h.a).any(|j| ctx.analysis.tokens[j].kind == TokenKind::Punct)
    })
}

/// The start of a light verb ("conducted", "carried out", "a mené") ending at most three
/// words before the event noun at `noun`, with only determiners or modifiers in between ("an
/// overnight", "une série de") and no punctuation.
fn support_verb_before(ctx: &Ctx, noun: usize, sentence: usize) -> Option<usize> {
    let k = ctx.lex.cue(Cue::SupportVerb)?;
    let s = &ctx.analysis.sentences[sentence];
    let lo = noun.saturating_sub(6).max(s.tokens.0);
    (lo..noun).rev().find_map(|v| {
        let n = ctx.cue_len(k, v)?;
        let between = v + n..noun;
        (between.len() <= 3
            && !between
                .clone()
                .any(|j| ctx.analysis.tokens[j].kind == TokenKind::Punct))
        .then_some(v)
    })
}

/// Is token `i` a preposition-like word that makes the next mention an oblique, not a subject?
fn after_preposition(ctx: &Ctx, i: usize) -> bool {
    // "thousands of demonstrators", "des centaines de manifestants", "a group of diplomats":
    // after a quantity or a collective noun, the of-word introduces the head of the phrase, not
    // an adjunct.
    let after_quantity = i >= 2
        && matches!(ctx.keys[i - 1].as_ref(), "of" | "de" | "d")
        && (ctx.cue_of_len(Cue::Collective, i - 2, 1)
            || ctx
                .idx
                .number_ends
                .binary_search(&ctx.analysis.tokens[i - 2].span.byte_end)
                .is_ok());
    // "of the Israeli-occupied West Bank": a definite article stands between.
    let p = if i >= 2 && ctx.cue_of_len(Cue::Definite, i - 1, 1) && !after_quantity {
        i - 1
    } else {
        i
    };
    // "Des hélicoptères russes ont bombardé": an article that is also a preposition, first in
    // its sentence, is the article.
    let sentence_start = ctx.analysis.sentences[ctx.sentence_of[i]].tokens.0;
    if p == sentence_start + 1 && ctx.cue_of_len(Cue::Indefinite, p - 1, 1) {
        return false;
    }
    !after_quantity && p > 0 && {
        // The language pack's prepositions: French "à" and the English article "a" share a
        // key, so the list must be the document's language's. A one-word cue found at the
        // token before is one whose word is that token's key.
        [Cue::Agent, Cue::With, Cue::Against, Cue::Preposition]
            .iter()
            .any(|&k| ctx.cue_of_len(k, p - 1, 1))
            || ctx.analysis.tokens[p - 1].kind == TokenKind::Elision && ctx.keys[p - 1] != "l"
    }
}

/// Whether the mention starting at token `i` is the addressee of a speech verb ("a déclaré à
/// l'Agence Anadolu", "told Reuters"): `à`/`to` before it, articles and elisions skipped.
fn is_addressee(ctx: &Ctx, i: usize) -> bool {
    let mut j = i;
    while j > 0 {
        j -= 1;
        let k = ctx.keys[j].as_ref();
        if ctx.analysis.tokens[j].kind == TokenKind::Elision
            || matches!(k, "la" | "le" | "les" | "the" | "l")
        {
            continue;
        }
        return matches!(k, "a" | "au" | "aux" | "to" | "told");
    }
    false
}

/// Whether mention `m` is a modifier ("leur allié de l'OTAN": NATO), not an argument.
fn is_modifier(ctx: &Ctx, m: &Mention) -> bool {
    let a = m.tokens.0;
    let Some(ally) = ctx.lex.cue(Cue::Ally) else {
        return false;
    };
    // An ally cue of at most `back` words starting `back` tokens before, ending at most two
    // tokens before the mention, with only articles and prepositions between ("ally of the
    // Taliban", but not "its allies demanded that Hamas").
    let in_name = |j: usize| {
        ctx.mentions_starting(j.saturating_sub(4), j)
            .into_iter()
            .any(|mi| ctx.mentions[mi].tokens.0 <= j && j < ctx.mentions[mi].tokens.1)
    };
    // ... or another name ("loyal to Iraq's Al-Qaeda frontman").
    let linking = |j: usize| {
        ctx.cue_of_len(Cue::Definite, j, 1)
            || ctx.cue_of_len(Cue::Preposition, j, 1)
            || ctx.analysis.tokens[j].kind == TokenKind::Elision
            || in_name(j)
    };
    (1..=4).any(|back| {
        a >= back
            && ctx.cue_starts.get(a - back).is_some_and(|starts| {
                starts.iter().any(|&(k, len)| {
                    k == ally
                        && len <= back
                        && a - back + len + 2 >= a
                        && (a - back + len..a).all(linking)
                })
            })
    })
}

fn actor_of(m: &Mention) -> Option<ActorRef> {
    m.actor.clone()
}

/// Actor mentions in tokens `from..to` that can be a subject: not after a preposition, not a
/// modifier ("leur allié de l'OTAN"), not a plain place.
fn subject_candidates<'m>(ctx: &'m Ctx, from: usize, to: usize) -> Vec<&'m Mention> {
    ctx.actors_in(from, to)
        .into_iter()
        .filter(|m| {
            !after_preposition(ctx, m.tokens.0)
                && !is_modifier(ctx, m)
                && m.kind != MentionKind::Place
        })
        .collect()
}

/// Whether `right` is conjoined to `left` ("la Turquie *et* la Russie"): a coordinator within
/// three words between them.
fn conjoined(ctx: &Ctx, left: &Mention, right: &Mention) -> bool {
    let gap = left.tokens.1..right.tokens.0;
    gap.len() <= 3
        && gap
            .map(|i| ctx.keys[i].as_ref())
            .any(|w: &str| w == "et" || w == "and")
}

/// An apposition between commas right after a subject ("Pakistan, a key U.S. ally in the war
/// against terrorism, has refused"), which describes it, while no other actor comes between it
/// and `before`: the subject's index among `cands` and the apposition's commas.
fn subject_apposition(
    ctx: &Ctx,
    start: usize,
    before: usize,
    cands: &[&Mention],
) -> Option<(usize, (usize, usize))> {
    let close = (start..before)
        .rev()
        .take(6)
        .find(|&i| ctx.is_punct(i, ","))
        .filter(|&c| c + 1 < before && cands.iter().all(|m| m.tokens.1 <= c))?;
    let open = (start..close)
        .rev()
        .take(14)
        .find(|&i| ctx.is_punct(i, ","))?;
    let h = cands.iter().rposition(|m| m.tokens.1 == open)?;
    Some((h, (open, close)))
}

/// Where the clause holding token `before` starts: after the last colon or semicolon before it
/// in its sentence ("Syrie: Washington appelle...").
fn clause_start(ctx: &Ctx, sentence: usize, before: usize) -> usize {
    let s = ctx.analysis.sentences[sentence].tokens.0;
    (s..before)
        .rev()
        .find(|&i| ctx.is_punct(i, ":") || ctx.is_punct(i, ";"))
        .map_or(s, |i| i + 1)
}

/// The subject: the first actor mention of the clause before `before`, not after a preposition,
/// with the mentions conjoined to it ("la Turquie et la Russie").
fn subjects(ctx: &Ctx, sentence: usize, before: usize) -> Vec<ActorRef> {
    let start = clause_start(ctx, sentence, before);
    let cands = subject_candidates(ctx, start, before);
    // "Pakistan, a key U.S. ally in the war against terrorism, has refused": the verbs after
    // an apposition's closing comma ("has refused to send") are the subject's.
    if let Some((h, _)) = subject_apposition(ctx, start, before, &cands) {
        let mut out = vec![cands[h]];
        for m in cands[..h].iter().rev() {
            if conjoined(ctx, m, out[out.len() - 1]) {
                out.push(m);
            } else {
                break;
            }
        }
        out.reverse();
        return out.into_iter().filter_map(actor_of).collect();
    }
    // A participle after a comma ("..., appelant à") shares the main clause's subject: the
    // first candidate, not an apposition just before it.
    if before > start && ctx.is_punct(before - 1, ",") {
        let Some(first) = cands.first() else {
            return Vec::new();
        };
        // A passive main clause with its agent ("the convoy was hit by Taliban fighters,
        // killing soldiers"): the participle's subject is the agent, not what was hit. (Without
        // "by", an auxiliary alone does not tell a passive: "s'est entretenu", "est arrivé".)
        let agent = (first.tokens.1..(first.tokens.1 + 3).min(before))
            .find(|&i| ctx.cue_at(Cue::PassiveAux, i).is_some())
            .and_then(|aux| ctx.cue_in(Cue::Agent, aux, before))
            .and_then(|(_, a1)| {
                // Right after "by" (an article between at most): "par téléphone avec le chef de
                // l'OTAN" names no agent.
                ctx.actors_in(a1, before)
                    .into_iter()
                    .next()
                    .filter(|m| m.tokens.0 <= a1 + 1)
            })
            .filter(|m| m.kind != MentionKind::Place);
        return actor_of(agent.unwrap_or(first)).into_iter().collect();
    }
    // The nearest candidate, and those conjoined to its left ("la Turquie et la Russie").
    let Some(last) = cands.last() else {
        return Vec::new();
    };
    let mut out = vec![*last];
    for m in cands.iter().rev().skip(1) {
        if conjoined(ctx, m, out[out.len() - 1]) {
            out.push(m);
        } else {
            break;
        }
    }
    out.reverse();
    out.into_iter().filter_map(actor_of).collect()
}

/// The subject of a clause that runs from `from` to `to` (a complement clause: "said that
/// *Sudan and the rebels* must"): its first actor mention not after a preposition, with those
/// conjoined to it.
fn subjects_between(ctx: &Ctx, from: usize, to: usize) -> Vec<ActorRef> {
    let cands = subject_candidates(ctx, from, to);
    let Some(first) = cands.first() else {
        return Vec::new();
    };
    let mut out = vec![*first];
    for m in cands.iter().skip(1) {
        if conjoined(ctx, out[out.len() - 1], m) {
            out.push(m);
        } else {
            break;
        }
    }
    out.into_iter().filter_map(actor_of).collect()
}

/// Actor mentions from token `from`, the first and those conjoined to it.
fn objects(ctx: &Ctx, from: usize, to: usize) -> Vec<ActorRef> {
    let cands: Vec<&Mention> = ctx
        .actors_in(from, to)
        .into_iter()
        .filter(|m| !is_modifier(ctx, m))
        .collect();
    let Some(first) = cands.first() else {
        return Vec::new();
    };
    // The object comes right after the verb, or right after a modifier that was skipped
    // ("leur allié de l'OTAN, la Turquie").
    let after_modifier = ctx
        .actors_in(from, first.tokens.0)
        .into_iter()
        .filter(|m| is_modifier(ctx, m))
        .map(|m| m.tokens.1)
        .max();
    if first.tokens.0 > from + 6 && after_modifier.is_none_or(|e| first.tokens.0 > e + 3) {
        return Vec::new();
    }
    let mut out = vec![*first];
    // "Iran, Libya and Sudan": items joined by commas belong to the list only when a
    // coordinator closes it (", police said" is no list).
    let mut pending: Vec<&Mention> = Vec::new();
    for m in cands.iter().skip(1) {
        let last = pending.last().copied().unwrap_or(out[out.len() - 1]);
        let gap: Vec<&str> = (last.tokens.1..m.tokens.0)
            .map(|i| ctx.keys[i].as_ref())
            .collect();
        let comma = gap.len() == 1 && ctx.is_punct(last.tokens.1, ",");
        if gap.iter().any(|w| *w == "et" || *w == "and") && gap.len() <= 3 {
            out.append(&mut pending);
            out.push(m);
        } else if comma {
            pending.push(m);
        } else {
            break;
        }
    }
    out.into_iter().filter_map(actor_of).collect()
}

/// Whether a victim word ("killed", "shot and injured") is an active past tense: no passive
/// auxiliary just before it ("were killed", "a été tué", "was beaten and injured") and its object
/// right after it: a count or a group ("killed 3 civilians", "injured a civilian").
fn victim_word_is_active(ctx: &Ctx, h: &TriggerHit, end: usize) -> bool {
    if ctx
        .cue_in(Cue::PassiveAux, h.a.saturating_sub(3), h.a)
        .is_some()
    {
        return false;
    }
    let near = (h.b + 2).min(end);
    let number_tokens = &ctx.idx.number_tokens;
    let count_after = number_tokens
        .get(number_tokens.partition_point(|&(t, _)| t < h.b))
        .is_some_and(|&(t, _)| t <= near);
    let group_after = ctx
        .actors_in(h.b, end)
        .first()
        .is_some_and(|m| m.tokens.0 <= near && !after_preposition(ctx, m.tokens.0));
    count_after || group_after
}

/// Whether an actor is people named by what they are ("villagers", "the opposition", "clan
/// militias", "a journalist") with no word giving their country: the coder takes it from the
/// event (where it happens, or the state facing them).
fn is_people_without_country(a: &ActorRef) -> bool {
    a.country.is_none()
        && a.kind == "group"
        && a.sector.iter().any(|s| {
            matches!(
                s.as_str(),
                "CVL" | "OPP" | "LAB" | "BUS" | "EDU" | "REL" | "AGR" | "ETH" | "REB" | "JRN"
            )
        })
}

/// Whether an actor is an organ of a state that acts on its own people: its government, police,
/// courts or legislature (not its armed forces, which fight abroad too).
fn is_state_organ(a: &ActorRef) -> bool {
    a.kind == "government"
        || a.sector
            .iter()
            .any(|s| matches!(s.as_str(), "GOV" | "COP" | "JUD" | "LEG"))
}

/// Whether an actor is an armed force or group: military, police, intelligence, rebels,
/// insurgents, militias, or an armed group by kind.
fn is_armed_actor(a: &ActorRef) -> bool {
    a.kind == "armed_group"
        || a.kind == "militia"
        || a.sector.iter().any(|s| {
            matches!(
                s.get(..3).unwrap_or(s),
                "MIL" | "COP" | "SPY" | "REB" | "INS" | "UAF" | "PRM"
            )
        })
}

fn clause_end(ctx: &Ctx, from: usize, sentence: usize) -> usize {
    let s = &ctx.analysis.sentences[sentence];
    // "..., Thai military sources said today.": who told the news is no party to it.
    let end = trailing_attribution(ctx, sentence)
        .filter(|&c| c > from)
        .unwrap_or(s.tokens.1);
    let mut j = from;
    while j < end {
        if ctx.is_punct(j, ";") || ctx.cue_at(Cue::ClauseBreak, j).is_some() && j > from {
            break;
        }
        j += 1;
    }
    j
}

/// The comma that opens a sentence's closing attribution (", Omdurman radio reported Sunday.",
/// ", relief officials in Nairobi said."): a short last clause with a speech or report verb.
/// Its names are the news's source and where the source sits, not the event's parties or place.
fn trailing_attribution(ctx: &Ctx, sentence: usize) -> Option<usize> {
    let s = &ctx.analysis.sentences[sentence];
    let mut end = s.tokens.1;
    while end > s.tokens.0
        && ctx
            .analysis
            .tokens
            .get(end - 1)
            .is_some_and(|t| t.kind == TokenKind::Punct)
    {
        end -= 1;
    }
    let comma = (s.tokens.0 + 1..end)
        .rev()
        .take(10)
        .find(|&j| ctx.is_punct(j, ","))?;
    (ctx.cue_in(Cue::Speech, comma + 1, end).is_some()
        || ctx.cue_in(Cue::Reported, comma + 1, end).is_some())
    .then_some(comma)
}

fn build_candidate(
    ctx: &Ctx,
    hits: &[&TriggerHit],
    quotes: &[QuoteRecord],
    used_numbers: &mut Vec<usize>,
) -> Option<Candidate> {
    let first = hits[0];
    let sentence = first.sentence;
    let s = &ctx.analysis.sentences[sentence];
    let lex = ctx.lex;
    let event_type = lex.triggers[first.trigger].event_type;
    let mode = hits
        .iter()
        .find_map(|h| lex.triggers[h.trigger].mode.clone());
    let mut actor: Vec<ActorRef> = Vec::new();
    let mut recipient: Vec<ActorRef> = Vec::new();
    let mut evidence = Vec::new();
    let mut clash_with = false;
    // An earlier casualty verb of this event already looked for the subject.
    let mut subject_sought = false;
    // The tokens of a country named as an event noun's modifier ("a US drone strike"): the
    // agent, not the place (its actor's span is the country word's alone).
    let mut modifier_agent_at: Option<(usize, usize)> = None;
    // An event noun whose parties follow `between` as the object of another event's verb ("the
    // protesters criticized the peace agreement between the US and the Taliban"): background
    // to that event.
    let mut governed_noun = false;
    for h in hits {
        let tr = &lex.triggers[h.trigger];
        evidence.push(ctx.evidence("trigger", ctx.tok_span(h.a, h.b), sentence));
        let end = clause_end(ctx, h.b, sentence);
        match tr.frame {
            Frame::Svo | Frame::Armed => {
                if actor.is_empty() {
                    actor = subjects(ctx, sentence, h.a);
                }
                // "give Tanzania a grant": a name inside the pattern's gap is its object; a
                // common noun or an adjective there describes the pattern's noun ("lodged an
                // official protest", "suspended a military aid program").
                // "expelled two Russian diplomats": the pattern's own noun heads the mention
                // that starts in the gap; that mention is the object.
                if recipient.is_empty() {
                    if let Some((g0, _)) = h.gap {
                        recipient = ctx
                            .actors_in(g0, h.b)
                            .into_iter()
                            .find(|m| m.tokens.1 == h.b && m.tokens.0 >= g0)
                            .and_then(actor_of)
                            .into_iter()
                            .collect();
                    }
                }
                if recipient.is_empty() {
                    if let Some((g0, g1)) = h.gap.filter(|(g0, g1)| g1 > g0) {
                        let named = ctx.actors_in(g0, g1).iter().any(|m| {
                            m.kind != MentionKind::Group
                                && m.actor.as_ref().is_some_and(|a| a.kind != "nationality")
                        });
                        if named {
                            recipient = objects(ctx, g0, g1);
                        }
                    }
                }
                if recipient.is_empty() {
                    recipient = objects(ctx, h.b, end);
                }
                // "demanded that Hamas renounce", "exige que Damas retire": a demand is made of
                // the subject of the clause it governs.
                if recipient.is_empty()
                    && tr.event_type == EventType::Request
                    && ctx.cue_at(Cue::ClauseBreak, h.b).is_some()
                {
                    let c1 = clause_end(ctx, h.b + 1, sentence);
                    recipient = subjects_between(ctx, h.b + 1, c1);
                    recipient.retain(|r| r.kind != "place");
                }
            }
            Frame::Request => {
                if actor.is_empty() {
                    actor = subjects(ctx, sentence, h.a);
                }
                // "appelle le M23 à cesser ... et appelle le Rwanda à retirer": every addressee.
                let asked = match h.gap {
                    Some((g0, g1)) if g1 > g0 => objects(ctx, g0, g1),
                    _ if recipient.is_empty() => objects(ctx, h.b, end),
                    _ => Vec::new(),
                };
                for r in asked {
                    if !recipient.iter().any(|x| x.span == r.span) {
                        recipient.push(r);
                    }
                }
            }
            Frame::Obligation => {
                // "X said (that) Y must ...": the speech verb's subject demands, the modal's
                // subject is asked. "Y must ..., X said": the speaker follows.
                let Some((c0, c1)) = (s.tokens.0..h.a)
                    .rev()
                    .find_map(|i| ctx.cue_at(Cue::Speech, i).map(|n| (i, i + n)))
                    .or_else(|| ctx.cue_in(Cue::Speech, h.b, s.tokens.1))
                else {
                    continue;
                };
                if c0 < h.a {
                    if actor.is_empty() {
                        actor = subjects(ctx, sentence, c0);
                    }
                    if recipient.is_empty() {
                        recipient = subjects_between(ctx, c1, h.a);
                    }
                } else {
                    if actor.is_empty() {
                        // "..., a British minister said": the speaker stands between the
                        // complement and the verb; "..., said the minister": after the verb.
                        actor = ctx
                            .actors_in(h.b, c0)
                            .into_iter()
                            .rfind(|m| {
                                m.kind != MentionKind::Place && !after_preposition(ctx, m.tokens.0)
                            })
                            .filter(|m| (m.tokens.1..c0).all(|i| !ctx.is_punct(i, ",")))
                            .and_then(actor_of)
                            .into_iter()
                            .collect();
                        if actor.is_empty() {
                            actor = objects(ctx, c1, s.tokens.1);
                        }
                    }
                    if recipient.is_empty() {
                        recipient = subjects_between(ctx, s.tokens.0, h.a);
                    }
                }
            }
            Frame::With | Frame::Joint => {
                if actor.is_empty() {
                    actor = subjects(ctx, sentence, h.a);
                }
                if tr.frame == Frame::With && recipient.is_empty() {
                    if let Some((_, w1)) = ctx.cue_in(Cue::With, h.b.saturating_sub(1), end) {
                        recipient = objects(ctx, w1, end);
                    }
                }
            }
            Frame::Victim if victim_word_is_active(ctx, h, end) => {
                // "militants killed 3 civilians", "a police officer shot and injured a
                // civilian": the participle is a past tense with its object; the subject acts.
                // "an airstrike killed 3 civilians": the event noun is the subject, and its
                // agent (if the text names one) is the actor, not a name further left.
                // "killed one soldier and wounded two others": the second verb shares the
                // first one's subject, not the object just before it.
                if actor.is_empty() && !noun_subject(ctx, hits, h) && !subject_sought {
                    actor = subjects(ctx, sentence, h.a);
                }
                subject_sought = true;
                if recipient.is_empty() {
                    recipient = objects(ctx, h.b, end);
                }
            }
            Frame::Passive | Frame::Victim => {
                if recipient.is_empty() {
                    // The victims: the nearest group or actor before the trigger in the clause.
                    recipient = ctx
                        .actors_in(s.tokens.0, h.a)
                        .into_iter()
                        .rev()
                        .find(|m| {
                            !after_preposition(ctx, m.tokens.0) || m.kind == MentionKind::Group
                        })
                        .and_then(actor_of)
                        .into_iter()
                        .collect();
                }
                if actor.is_empty() {
                    if let Some((_, p1)) = ctx.cue_in(Cue::Agent, h.b, end) {
                        actor = objects(ctx, p1, end);
                    }
                }
            }
            Frame::Noun => {
                // "Russian helicopter gunships": a weapon named with whose forces it is, one
                // mention around the event noun, is the agent.
                if actor.is_empty() {
                    actor = ctx
                        .actors_in(h.a.saturating_sub(4), (h.b + 1).min(end))
                        .into_iter()
                        .find(|m| m.tokens.0 < h.a && h.b <= m.tokens.1)
                        .and_then(actor_of)
                        .filter(|a| is_armed_actor(a) && a.country.is_some())
                        .into_iter()
                        .collect();
                }
                if actor.is_empty() {
                    if let Some(m) = modifier_agent(ctx, h) {
                        actor = actor_of(m).into_iter().collect();
                        modifier_agent_at = Some(m.tokens);
                    }
                }
                if actor.is_empty() {
                    // "une frappe aérienne du régime", "an airstrike by": the agent follows the
                    // pack's agent genitive or an agent cue right after the noun; "l'attaque, le
                    // ministre..." has no agent.
                    let linked = (h.b..(h.b + 2).min(end)).any(|j| {
                        ctx.cue_of_len(Cue::AgentOf, j, 1) || ctx.cue_at(Cue::Agent, j).is_some()
                    });
                    if linked {
                        actor = objects(ctx, h.b, end);
                    }
                }
                // "US forces conducted airstrikes", "l'armée a mené une frappe": a light verb
                // just before the noun carries the event, and its subject is the agent.
                if actor.is_empty() {
                    if let Some(v0) = support_verb_before(ctx, h.a, sentence) {
                        actor = subjects(ctx, sentence, v0);
                    }
                }
                // "Israel and Lebanon renewed negotiations", "the EU imposed sanctions": a
                // non-violent event noun as the object of the verb right after the subject is the
                // subject's doing. Not an attack ("officials condemned the attack"), not a noun
                // in a prepositional phrase, not after another event's word.
                if actor.is_empty() && tr.event_type != EventType::Assault {
                    actor = object_noun_subject(ctx, sentence, h);
                }
                // "talks between Kenya and Somalia", "des affrontements entre l'armée et les
                // rebelles": the parties after `between` are the event's joint actors.
                if actor.is_empty() {
                    if let Some((_, b1)) = ctx.cue_in(Cue::Between, h.b, (h.b + 1).min(end)) {
                        let parties = objects(ctx, b1, end);
                        if parties.len() >= 2 {
                            actor = parties;
                            clash_with = tr.event_type == EventType::Assault;
                            let from = h.a.saturating_sub(8).max(s.tokens.0);
                            governed_noun = (from..h.a).any(|j| {
                                ctx.lex.trigger_candidates(&ctx.ids, j).any(|ti| {
                                    match_pattern(ctx, &ctx.lex.triggers[ti].ids, j)
                                        .is_some_and(|(e, _)| e <= h.a)
                                })
                            });
                        }
                    }
                }
                // "clashes with Taliban militants", "affrontements avec": the other side of a
                // fight is an actor too.
                if actor.is_empty() && tr.event_type == EventType::Assault {
                    if let Some((w0, w1)) = ctx.cue_in(Cue::With, h.b, (h.b + 2).min(end)) {
                        let _ = w0;
                        actor = objects(ctx, w1, end);
                        clash_with = !actor.is_empty();
                    }
                }
                // "the blockade of Serbia", "the shooting deaths of two Israelis": where the
                // genitive names whom the act is done to.
                if recipient.is_empty() && h.b < end && ctx.cue_of_len(Cue::PatientOf, h.b, 1) {
                    recipient = objects(ctx, h.b + 1, end);
                }
                if recipient.is_empty() {
                    if let Some((_, c1)) = ctx.cue_in(Cue::Against, h.b, end) {
                        recipient = objects(ctx, c1, end);
                    }
                }
            }
        }
    }
    // A modal with no speaker or no one obliged is no demand ("the bridge must be rebuilt").
    let obligation_only = hits
        .iter()
        .all(|h| lex.triggers[h.trigger].frame == Frame::Obligation);
    if obligation_only && (actor.is_empty() || recipient.is_empty()) {
        return None;
    }
    let reciprocal = clash_with
        || event_type == EventType::Assault
            && hits
                .iter()
                .any(|h| matches!(lex.triggers[h.trigger].frame, Frame::Joint | Frame::With));
    if reciprocal
        && hits
            .iter()
            .any(|h| lex.triggers[h.trigger].frame == Frame::Joint)
    {
        recipient.clear();
    }
    // Inside a quotation, "nous"/"we" is the speaker's side.
    let in_quote = quotes.iter().find(|q| {
        q.span.byte_start <= ctx.analysis.tokens[first.a].span.byte_start
            && ctx.analysis.tokens[first.a].span.byte_end <= q.span.byte_end
    });
    if let Some(q) = in_quote {
        // "Nous soutenons...", "we will...": the speaker's side acts, whoever else is named.
        if let (Some((w0, _)), Some(sp)) =
            (ctx.cue_in(Cue::PronounWe, s.tokens.0, first.a), &q.speaker)
        {
            let nearer = ctx
                .actors_in(w0, first.a)
                .into_iter()
                .any(|m| !after_preposition(ctx, m.tokens.0));
            if actor.is_empty() || !nearer {
                actor = vec![sp.clone()];
            }
        }
    }
    // A trigger whose only candidate actor is a plain place is not coded as an actor.
    actor.retain(|a| a.kind != "place");
    recipient.retain(|r| !actor.iter().any(|a| a.span == r.span));
    for a in &actor {
        evidence.push(ctx.evidence("actor", a.span, sentence));
    }
    for r in &recipient {
        evidence.push(ctx.evidence("recipient", r.span, sentence));
    }
    // Counts: each number of the sentence goes to the casualty trigger right after it (or right
    // before it: "killing 3").
    let mut counts = Counts::default();
    let count_triggers: Vec<&TriggerHit> = hits
        .iter()
        .copied()
        .filter(|h| lex.triggers[h.trigger].count.is_some())
        .collect();
    let in_sentence = ctx
        .idx
        .sentence_numbers
        .get(sentence)
        .map_or(&[][..], |v| v);
    for &ni in in_sentence {
        let n = &ctx.analysis.numbers[ni];
        if used_numbers.contains(&ni) {
            continue;
        }
        let Some(nt) = token_at(ctx, n.span.byte_start) else {
            continue;
        };
        let nt_end = token_at(ctx, n.span.byte_end.saturating_sub(1)).unwrap_or(nt) + 1;
        // "including 2 commanders": part of a group already counted.
        if ctx.cue_in(Cue::Subset, nt.saturating_sub(2), nt).is_some() {
            continue;
        }
        // Casualty words after the number first ("33 soldats ... tombés", "36 autres blessés"),
        // then right before it ("killing 3").
        let mut targets: Vec<(usize, &&TriggerHit)> = count_triggers
            .iter()
            .filter_map(|h| {
                // "3 Al Shabaab, including a senior commander, were killed": an aside that
                // names part of the group does not count in the distance.
                let aside = aside_len(ctx, nt_end, h.a);
                if h.a >= nt_end && h.a <= nt_end + 7 + aside {
                    Some((2 * (h.a - nt_end - aside), h))
                } else if h.b <= nt
                    && h.b + 2 >= nt
                    // "killing 3", but not "were killed and 5 ... were wounded": a count after a
                    // coordinator or a comma opens the next conjunct.
                    && ctx.cue_in(Cue::Coordinator, h.b, nt).is_none()
                    && !(h.b..nt).any(|j| ctx.is_punct(j, ","))
                {
                    Some((2 * (nt - h.b) + 1, h))
                } else {
                    None
                }
            })
            .collect();
        targets.sort_by_key(|t| t.0);
        for (_, h) in targets {
            let what = lex.triggers[h.trigger].count.clone().unwrap_or_default();
            let slot = match what.as_str() {
                "killed" => &mut counts.killed,
                "injured" => &mut counts.injured,
                "arrested" => &mut counts.arrested,
                "abducted" => &mut counts.abducted,
                "displaced" => &mut counts.displaced,
                _ => continue,
            };
            let add = to_count(ctx, n, nt_end);
            match slot {
                None => *slot = Some(add),
                // "4 militiamen and 3 militants were killed": victims of one event add up, as
                // event datasets count the dead on all sides.
                Some(prev) => {
                    prev.best += add.best;
                    prev.min = match (prev.min, add.min) {
                        (Some(a), Some(b)) => Some(a + b),
                        _ => None,
                    };
                    prev.max = match (prev.max, add.max) {
                        (Some(a), Some(b)) => Some(a + b),
                        _ => None,
                    };
                    if add.qualifier != "exact" {
                        prev.qualifier = add.qualifier.clone();
                    }
                    prev.victims = match (prev.victims.take(), add.victims) {
                        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                        (a, b) => a.or(b),
                    };
                }
            }
            evidence.push(ctx.evidence(&what, n.span, sentence));
            used_numbers.push(ni);
            break;
        }
    }
    // Place: the sentence's most precise place (after the trigger first), else the headline's.
    let mut places = ctx.places_in(s.tokens.0, s.tokens.1);
    // A country that acts ("Kenya will withdraw its troops from Somalia") is not where, when the
    // sentence names another place; alone, it is the best guess (a state acts at home).
    places.retain(|m| Some(m.tokens) != modifier_agent_at);
    // Where the source of the news sits is not where the event happened, when the sentence
    // places the event too. Talks by phone have no place of their own: the side that tells of
    // them ("..., Nairobi said") is where one end of the line was.
    if let Some(c) = trailing_attribution(ctx, sentence)
        .filter(|&c| c > first.b && event_type != EventType::Consult)
    {
        if places.iter().any(|m| m.tokens.1 <= c) {
            places.retain(|m| m.tokens.1 <= c);
        }
    }
    // "Pakistan, a key U.S. ally in the war against terrorism, has refused to deploy
    // peacekeepers in Iraq": the places of an apposition describe the subject, not the act.
    let clause = clause_start(ctx, sentence, first.a);
    let cands = subject_candidates(ctx, clause, first.a);
    if let Some((_, (open, close))) = subject_apposition(ctx, clause, first.a, &cands) {
        let inside = |m: &&Mention| m.tokens.0 > open && m.tokens.1 <= close;
        if places.iter().any(|m| !inside(m)) {
            places.retain(|m| !inside(m));
        }
    }
    let acting = |m: &&Mention| actor.iter().any(|a| a.span == m.span);
    if places.iter().any(|m| !acting(m)) {
        places.retain(|m| !acting(m));
    }
    let location = places
        .iter()
        .filter(|m| m.tokens.0 >= first.a)
        .chain(places.iter().filter(|m| m.tokens.0 < first.a))
        .max_by_key(|m| {
            (
                m.place.as_ref().map_or(0, |p| p.precision.min(4)),
                std::cmp::Reverse(m.tokens.0),
            )
        })
        .and_then(|m| m.place.clone());
    // No place in the sentence: the last precise place named in the two sentences before
    // ("dans la zone" after "faire d'Idleb une zone de désescalade").
    let material = matches!(
        event_type,
        EventType::Assault | EventType::Protest | EventType::Coerce | EventType::Mobilize
    );
    // "Russian troops attacked Kabul": a capital that is a material act's direct object is the
    // city the act is done to, though recognition read it as its government (a capital with no
    // locative before it is, as the subject of a statement).
    let location = location.or_else(|| {
        if !material {
            return None;
        }
        hits.iter().find_map(|h| {
            let m = ctx
                .mentions_in(h.b, (h.b + 2).min(s.tokens.1), |m| {
                    m.kind == MentionKind::Government
                })
                .into_iter()
                .find(|m| {
                    m.tokens.0 == h.b
                        || m.tokens.0 == h.b + 1 && ctx.cue_of_len(Cue::Definite, h.b, 1)
                })?;
            capital_place(m)
        })
    });
    let place_stated = location.is_some();
    let location = location.or_else(|| {
        if !material {
            return None;
        }
        let from = ctx.analysis.sentences[sentence.saturating_sub(2)].tokens.0;
        ctx.places_in(from, s.tokens.0)
            .into_iter()
            .rev()
            .find(|m| m.place.as_ref().is_some_and(|p| p.precision >= 2))
            .and_then(|m| m.place.clone())
    });
    // "France is ready to contribute 4,000 troops", "Syria will withdraw its troops", "Britain
    // mobilized army reservists": state forces named by a sector noun alone, or the actor's own, are
    // what the actor moves, not whom its act is directed at (the place they go to or leave is:
    // see `place_recipient`). Not in violence or coercion, where such a group is the victim, nor
    // in accusations, demands and sanctions, which are aimed at it.
    let moves_forces = matches!(
        event_type,
        EventType::Mobilize
            | EventType::Retreat
            | EventType::Aid
            | EventType::Cooperate
            | EventType::Agree
            | EventType::Threaten
            | EventType::Reject
            | EventType::Concede
    );
    if !actor.is_empty() && moves_forces {
        recipient.retain(|r| {
            !(r.kind == "group"
                && r.sector.iter().any(|s| matches!(s.as_str(), "MIL" | "COP"))
                && (r.country.is_none() || actor.iter().any(|a| a.country == r.country)))
        });
        evidence.retain(|e| e.field != "recipient" || recipient.iter().any(|r| r.span == e.span));
    }
    // State forces and bodies named without a country ("police", "the government", "soldiers",
    // "the deputy", "judges") are the state where the event happens, or else the country the
    // story is mostly about: wire copy
    // names foreign forces by their nationality.
    let host = location
        .as_ref()
        .map(|p| (p.country.clone(), "location"))
        .or_else(|| dominant_country(ctx).map(|c| (c, "story")));
    if let Some((host, from)) = host.filter(|(c, _)| c.len() == 3) {
        for a in actor.iter_mut().chain(recipient.iter_mut()) {
            if a.country.is_none()
                && a.kind == "group"
                && a.sector
                    .iter()
                    .any(|s| matches!(s.as_str(), "GOV" | "COP" | "MIL" | "LEG" | "JUD"))
            {
                a.country = Some(host.clone());
                a.country_from = Some(from.into());
            }
        }
    }
    // People named by what they are ("demonstrators in Baghdad", "villagers", "clan militias",
    // "the opposition") belong to the country where the event happens, when the text places it.
    if let Some(here) = location
        .as_ref()
        .map(|p| p.country.clone())
        .filter(|c| c.len() == 3)
    {
        for a in actor.iter_mut().chain(recipient.iter_mut()) {
            if is_people_without_country(a) {
                a.country = Some(here.clone());
                a.country_from = Some("location".into());
            }
        }
        // A person or an office named without a country ("President Bouteflicka threatened a
        // curfew in Algiers") acts where the sentence places the act; not in talks or visits,
        // where one side is abroad.
        // So is one the act is done to ("killed the deputy chief ... in southern Lebanon").
        if place_stated && event_type != EventType::Consult {
            for a in actor.iter_mut().chain(recipient.iter_mut()) {
                if a.country.is_none() && matches!(a.kind.as_str(), "person" | "role") {
                    a.country = Some(here.clone());
                    a.country_from = Some("location".into());
                }
            }
        }
    }
    // With no place stated, people named by what they are on the other side of a state's
    // police, government or courts are that state's own ("Egyptian police dispersed
    // demonstrators", "the Sudanese government accused rebels"): these act at home. Armed forces
    // do not give their country (they fight abroad too).
    if location.is_none() {
        let domestic = |side: &[ActorRef]| -> Option<String> {
            let mut cs = side.iter().filter_map(|a| {
                let state = a.kind == "country" || is_state_organ(a);
                state.then(|| a.country.clone()).flatten()
            });
            let c = cs.next()?;
            (c.len() == 3 && cs.all(|x| x == c)).then_some(c)
        };
        // First on their own side: "the Sudanese government and the rebels must reach an
        // agreement" names one country's parties, whoever asks it of them.
        for side in [&mut actor, &mut recipient] {
            if let Some(c) = domestic(side) {
                for a in side.iter_mut().filter(|a| is_people_without_country(a)) {
                    a.country = Some(c.clone());
                    a.country_from = Some("same_side".into());
                }
            }
        }
        if let Some(c) = domestic(&actor) {
            for r in recipient
                .iter_mut()
                .filter(|r| is_people_without_country(r))
            {
                r.country = Some(c.clone());
                r.country_from = Some("other_side".into());
            }
        }
        if let Some(c) = domestic(&recipient) {
            for a in actor.iter_mut().filter(|a| is_people_without_country(a)) {
                a.country = Some(c.clone());
                a.country_from = Some("other_side".into());
            }
        }
    }
    // A visit with no one named as host is to the government of the country it goes to
    // ("Saddam Hussein arrived in Amman": Jordan), when that is not the visitor's own.
    if event_type == EventType::Consult
        && mode.as_deref() == Some("visit")
        && recipient.is_empty()
        && !actor.is_empty()
    {
        if let Some(p) = location.as_ref().filter(|p| {
            place_stated
                && p.span.byte_start >= ctx.analysis.tokens[first.a].span.byte_start
                && p.country.len() == 3
                && actor
                    .iter()
                    .all(|a| a.country.as_deref() != Some(p.country.as_str()))
        }) {
            recipient.push(ActorRef::for_place(
                p,
                country_name(&p.country),
                "government",
                vec!["GOV".into()],
                Some("visited"),
            ));
            evidence.push(ctx.evidence("recipient", p.span, sentence));
        }
    }
    if let Some(p) = &location {
        let ev_sentence = ctx
            .sentence_of
            .get(token_at(ctx, p.span.byte_start).unwrap_or(0))
            .copied()
            .unwrap_or(sentence);
        evidence.push(ctx.evidence("location", p.span, ev_sentence));
    }
    // Date: the sentence's time expression, else the publication date.
    let time = ctx
        .times_in(s.span.byte_start, s.span.byte_end)
        .into_iter()
        .map(|t| &ctx.analysis.times[t])
        .find(|t| t.kind != TimeKind::Duration && t.kind != TimeKind::Set && t.value.is_some());
    // "depuis lors" / "since then" without a date of its own: a range from the last date the
    // story gave before this sentence.
    let since_then = if time.is_none() {
        ctx.cue_in(Cue::SinceThen, s.tokens.0, s.tokens.1)
            .and_then(|(c0, c1)| {
                ctx.analysis
                    .times
                    .iter()
                    .rev()
                    .find(|t| {
                        t.span.byte_end <= s.span.byte_start
                            && t.start.is_some()
                            && t.kind != TimeKind::Duration
                            && t.kind != TimeKind::Set
                    })
                    .map(|t| (ctx.tok_span(c0, c1), t))
            })
    } else {
        None
    };
    // No date in the sentence: the story's narrative date carries over from the last dated
    // sentence shortly before ("On 3 April 2025, ... . 1 civilian was killed.").
    let carried = if time.is_none() && since_then.is_none() {
        let from = ctx.analysis.sentences[sentence.saturating_sub(3)]
            .span
            .byte_start;
        // Those within `from..s.span.byte_start`.
        let before = ctx.times_in(from, s.span.byte_start);
        before
            .into_iter()
            .rev()
            .map(|t| &ctx.analysis.times[t])
            .find(|t| {
                t.kind == TimeKind::Date && t.precision == Precision::Day && t.value.is_some()
            })
    } else {
        None
    };
    let time = time.or(carried);
    let date = match (time, since_then) {
        (None, Some((span, anchor))) => {
            evidence.push(ctx.evidence("date", span, sentence));
            Some(EventDate {
                value: format!("{}/..", anchor.value.clone().unwrap_or_default()),
                start: anchor.start,
                end: None,
                precision: "range".into(),
                source: "text".into(),
                span: Some(span),
            })
        }
        (Some(t), _) => {
            evidence.push(ctx.evidence("date", t.span, sentence));
            Some(EventDate {
                value: t.value.clone().unwrap_or_default(),
                start: t.start,
                end: t.end,
                precision: precision_name(t.precision, t.kind),
                source: "text".into(),
                span: Some(t.span),
            })
        }
        (None, None) => ctx.published.map(|d| EventDate {
            value: d.to_string(),
            start: Some(d),
            end: Some(d),
            precision: "day".into(),
            source: "publication".into(),
            span: None,
        }),
    };
    // Modality, strongest first.
    let clause_start = s.tokens.0;
    // The modal of a demand is not a doubt about it: its window ends before the modal.
    // A noun's modal or negation may follow it ("talks will not take place", "an attack could
    // come"); after a verb, they belong to what it reports ("warned that police will no longer
    // tolerate rallies" is a warning made, not one negated or to come).
    let window = match lex.triggers[first.trigger].frame {
        Frame::Obligation => (clause_start, first.a),
        Frame::Noun | Frame::Victim => (clause_start, (first.b + 4).min(s.tokens.1)),
        _ => (clause_start, first.b),
    };
    let mut claimed_by = None;
    // A negation that is the trigger's own verb ("denied entry", a refusal) does not negate it.
    let negated = ctx.lex.cue(Cue::Negation).is_some_and(|k| {
        (window.0..window.1).any(|i| {
            ctx.cue_len(k, i)
                .is_some_and(|n| !hits.iter().any(|h| h.a == i && i + n <= h.b))
        })
    });
    // "X said they would release": after a speech verb, "would" reports an announced act.
    let reported_future = ctx
        .cue_in(Cue::ReportedFuture, window.0, window.1)
        .filter(|&(r0, _)| ctx.cue_in(Cue::Speech, s.tokens.0, r0).is_some())
        .map(|(r0, _)| r0);
    let hypothetical = ctx.lex.cue(Cue::Hypothetical).is_some_and(|k| {
        (window.0..window.1).any(|i| Some(i) != reported_future && ctx.cue_len(k, i).is_some())
    });
    let modality = if negated {
        Modality::Negated
    } else if hypothetical {
        Modality::Hypothetical
    } else if reported_future.is_some()
        || ctx.cue_in(Cue::Future, window.0, window.1).is_some()
        || ctx.cue_in(Cue::Deliberation, window.0, window.1).is_some()
    {
        Modality::Future
    } else if date
        .as_ref()
        .is_some_and(|d| d.source == "text" && is_historical(d, ctx.published))
    {
        Modality::Historical
    } else if let Some((r0, r1)) = ctx.cue_in(Cue::Reported, s.tokens.0, s.tokens.1) {
        // "Al Shabaab claimed to have killed": the subject of the claim verb is the source;
        // "according to the police": the source follows the cue.
        claimed_by = subjects(ctx, sentence, r0).into_iter().next().or_else(|| {
            ctx.actors_in(r1, s.tokens.1)
                .first()
                .and_then(|m| actor_of(m))
        });
        Modality::Reported
    } else {
        Modality::Asserted
    };
    // Displacement is a figure ("1,7 million de Syriens se sont déplacés"), not part of an
    // event, unless the event is dated to the day in the text.
    let dated_day = date
        .as_ref()
        .is_some_and(|d| d.source == "text" && d.precision == "day");
    if counts.displaced.is_some() && !dated_day {
        if let Some(c) = counts.displaced.take() {
            used_numbers.retain(|&ni| ctx.analysis.numbers[ni].span != c.span);
            evidence.retain(|e| e.field != "displaced");
        }
    }
    let only_displacement = hits
        .iter()
        .all(|h| lex.triggers[h.trigger].count.as_deref() == Some("displaced"));
    if only_displacement && !dated_day {
        return None;
    }
    // Armed groups or forces that "arrive in" a place move there; they do not visit it.
    let (event_type, mode) = if event_type == EventType::Consult
        && mode.as_deref() == Some("visit")
        && !actor.is_empty()
        && actor
            .iter()
            .all(|a| a.kind != "person" && a.kind != "role" && is_armed_actor(a))
    {
        (EventType::Mobilize, Some("troops".to_string()))
    } else {
        (event_type, mode)
    };
    // Movement verbs are events only when armed actors move.
    let armed_only = hits
        .iter()
        .all(|h| lex.triggers[h.trigger].frame == Frame::Armed);
    if armed_only && !actor.iter().any(is_armed_actor) {
        return None;
    }
    let nominal_only = hits
        .iter()
        .all(|h| matches!(lex.triggers[h.trigger].frame, Frame::Noun | Frame::Victim));
    if actor.is_empty() && recipient.is_empty() && counts == Counts::default() && nominal_only {
        // A bare noun ("Suite à l'attaque") with no participant refers back to an event told
        // elsewhere, or to none: too weak to report.
        return None;
    }
    // PLOVER codes a stated intention to cooperate as AGREE, and a stated intention to use force
    // or pressure as THREATEN: the statement is the event ("Portugal will support Turkey").
    let deliberation = ctx.cue_in(Cue::Deliberation, window.0, window.1).is_some();
    let (event_type, mode, modality) = match (modality, event_type) {
        _ if deliberation => (event_type, mode, modality),
        (
            Modality::Future,
            EventType::Support
            | EventType::Cooperate
            | EventType::Aid
            | EventType::Retreat
            | EventType::Concede
            | EventType::Consult,
        ) => (EventType::Agree, None, Modality::Asserted),
        (Modality::Future, EventType::Assault | EventType::Coerce | EventType::Sanction) => {
            (EventType::Threaten, None, Modality::Asserted)
        }
        _ => (event_type, mode, modality),
    };
    // A threat is aimed at whoever must act to avert it: the subject of its condition
    // ("threatened to stop the talks if the United States deploys the missiles", "menace de
    // frapper si Damas ne se retire pas").
    if event_type == EventType::Threaten {
        if let Some((_, c1)) = ctx.cue_in(Cue::Condition, first.b, s.tokens.1) {
            let cond = subjects_between(ctx, c1, clause_end(ctx, c1, sentence));
            if !cond.is_empty() && cond.iter().all(|a| a.kind != "place") {
                evidence.retain(|e| e.field != "recipient");
                for r in &cond {
                    evidence.push(ctx.evidence("recipient", r.span, sentence));
                }
                recipient = cond;
            }
        }
    }
    let addressed = matches!(
        lex.triggers[first.trigger].frame,
        Frame::Request | Frame::With | Frame::Joint
    );
    Some(Candidate {
        addressed,
        event_type,
        mode,
        actor,
        recipient,
        location,
        date,
        counts,
        modality,
        claimed_by,
        evidence,
        sentence,
        trigger_start: first.a,
        reciprocal,
        place_stated,
        additive: ctx.cue_in(Cue::Additive, s.tokens.0, s.tokens.1).is_some(),
        referential: governed_noun
            || hits
                .iter()
                .all(|h| lex.triggers[h.trigger].frame == Frame::Noun)
                && (first.a.saturating_sub(3)..first.a)
                    .any(|j| ctx.cue_of_len(Cue::Preposition, j, 1)),
    })
}

fn precision_name(p: Precision, k: TimeKind) -> String {
    if k == TimeKind::Range {
        return "range".into();
    }
    match p {
        Precision::Day => "day",
        Precision::Week => "week",
        Precision::Month => "month",
        Precision::Season => "season",
        Precision::Year => "year",
        Precision::Decade => "decade",
        _ => "unknown",
    }
    .into()
}

/// The country most places of the story are in (ties: the first named).
fn dominant_country(ctx: &Ctx) -> Option<String> {
    ctx.dominant.get_or_init(|| count_dominant(ctx)).clone()
}

/// [`dominant_country`], counted over every mention of the document.
fn count_dominant(ctx: &Ctx) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for m in ctx.mentions.iter().filter_map(|m| m.place.as_ref()) {
        match counts.iter_mut().find(|(c, _)| *c == m.country) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.country.clone(), 1)),
        }
    }
    // No place named: the nationalities of the people named ("The Fijian rebels said they will
    // release ... members of his government").
    if counts.is_empty() {
        for c in ctx
            .mentions
            .iter()
            .filter_map(|m| m.actor.as_ref())
            .filter(|a| a.kind != "person")
            .filter_map(|a| a.country.as_deref())
            .filter(|c| c.len() == 3 && !is_pseudo_country(c))
        {
            match counts.iter_mut().find(|(x, _)| x == c) {
                Some((_, n)) => *n += 1,
                None => counts.push((c.to_string(), 1)),
            }
        }
    }
    counts
        .into_iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(c, _)| c)
}

/// A stated date well before publication (more than 60 days) marks background, not news.
fn is_historical(d: &EventDate, published: Option<NaiveDate>) -> bool {
    let (Some(p), Some(end)) = (published, d.end.or(d.start)) else {
        return false;
    };
    d.precision != "range" && (p - end).num_days() > 60
}

fn token_at(ctx: &Ctx, byte: usize) -> Option<usize> {
    let toks = &ctx.analysis.tokens;
    let i = toks.partition_point(|t| t.span.byte_end <= byte);
    (i < toks.len() && toks[i].span.byte_start <= byte).then_some(i)
}

fn to_count(ctx: &Ctx, n: &NumberMention, after: usize) -> Count {
    // Victims: the number's head noun and a following demonym or group mention.
    let victims = ctx
        .mentions_starting(after, after + 1)
        .into_iter()
        .map(|m| &ctx.mentions[m])
        .find(|m| m.kind == MentionKind::Group)
        .map(|m| m.text.clone())
        .or_else(|| n.head.clone());
    let best = match n.qualifier {
        sitrep_text::Qualifier::MoreThan | sitrep_text::Qualifier::AtLeast => {
            n.min.unwrap_or(n.value)
        }
        _ => n.value,
    };
    let _ = ctx;
    Count {
        min: n.min.or(Some(n.value)).filter(|_| {
            !matches!(
                n.qualifier,
                sitrep_text::Qualifier::AtMost | sitrep_text::Qualifier::LessThan
            )
        }),
        max: n.max.or(if n.qualifier == sitrep_text::Qualifier::Exact {
            Some(n.value)
        } else {
            None
        }),
        best,
        qualifier: serde_name(n.qualifier),
        victims,
        span: n.span,
        claimed_by: None,
    }
}

fn serde_name(q: sitrep_text::Qualifier) -> String {
    use sitrep_text::Qualifier::*;
    match q {
        Exact => "exact",
        AtLeast => "at_least",
        MoreThan => "more_than",
        Nearly => "nearly",
        Approximately => "approximately",
        AtMost => "at_most",
        LessThan => "less_than",
    }
    .into()
}

/// Quotations and their speakers: the actor after a speech verb that follows the quotation
/// (skipping the addressee after `à`/`to`), or before a speech verb that precedes it.
fn code_quotes(ctx: &Ctx, doc: &Document) -> Vec<QuoteRecord> {
    let mut out = Vec::new();
    for q in &ctx.analysis.quotes {
        if q.text.split_whitespace().count() < 4 {
            continue; // « fin immédiate »: a phrase quoted inside a sentence, not a statement.
        }
        let Some(last) = token_at(ctx, q.span.byte_end.saturating_sub(1)) else {
            continue;
        };
        let Some(first) = token_at(ctx, q.span.byte_start) else {
            continue;
        };
        let mut speaker = None;
        let mut verb = None;
        // After: « ... », a déclaré X / said X.
        let after_end = (last + 24).min(ctx.keys.len());
        if let Some((v0, v1)) = ctx.cue_in(Cue::Speech, last + 1, (last + 4).min(ctx.keys.len())) {
            verb = Some((v0, v1));
            let v0 = v1.min(ctx.keys.len().saturating_sub(1));
            let mentions = ctx.actors_in(v1, after_end);
            speaker = mentions
                .iter()
                .filter(|m| {
                    !is_addressee(ctx, m.tokens.0)
                        && m.kind != MentionKind::Place
                        && ctx.sentence_of[m.tokens.0] == ctx.sentence_of[v0]
                })
                // "said police spokesman Abdirahman Osman Gedi": the person, not the body.
                .min_by_key(|m| (m.kind != MentionKind::Person, m.tokens.0))
                .and_then(|m| actor_of(m));
        }
        // Before: X a déclaré : « ... ».
        if speaker.is_none() && first > 0 {
            let from = first.saturating_sub(12);
            if let Some((v0, v1)) = ctx.cue_in(Cue::Speech, from, first) {
                verb = Some((v0, v1));
                speaker = ctx.actors_in(from, v0).last().and_then(|m| actor_of(m));
            }
        }
        // A spokesperson mentioned by role only ("a ajouté le porte-parole") is the last one named.
        if speaker
            .as_ref()
            .is_some_and(|s| s.kind == "role" && s.country.is_none())
        {
            if let Some(prev) = out
                .iter()
                .rev()
                .filter_map(|x: &QuoteRecord| x.speaker.as_ref())
                .find(|p| p.role == speaker.as_ref().and_then(|s| s.role.clone()))
            {
                let mut p = prev.clone();
                if let Some(s) = &speaker {
                    p.span = s.span;
                    p.mention = s.mention.clone();
                }
                speaker = Some(p);
            }
        }
        out.push(QuoteRecord {
            record: "quote".into(),
            id: format!(
                "q{}",
                stable_hash(&[doc.id.as_bytes(), &q.span.byte_start.to_le_bytes()])
            ),
            doc_id: doc.id.clone(),
            text: q.text.clone(),
            span: q.span,
            speaker,
            verb: verb.map(|(a, b)| ctx.tok_span(a, b).slice(ctx.text).to_string()),
            verb_span: verb.map(|(a, b)| ctx.tok_span(a, b)),
        });
    }
    out
}

/// Counts that no event took, in a sentence that says what they measure.
fn code_figures(ctx: &Ctx, doc: &Document, used: &[usize]) -> Vec<FigureRecord> {
    let mut out = Vec::new();
    // A flag per number rather than a search of `used` for each one.
    let mut is_used = vec![false; ctx.analysis.numbers.len()];
    for &ni in used {
        if let Some(u) = is_used.get_mut(ni) {
            *u = true;
        }
    }
    for (ni, n) in ctx.analysis.numbers.iter().enumerate() {
        if is_used[ni] {
            continue;
        }
        let Some(nt) = token_at(ctx, n.span.byte_start) else {
            continue;
        };
        let sentence = ctx.sentence_of[nt];
        let s = &ctx.analysis.sentences[sentence];
        let nt_end = token_at(ctx, n.span.byte_end.saturating_sub(1)).unwrap_or(nt) + 1;
        // The cue right after the counted noun wins ("personnes déplacées"), then the sentence's.
        let near = (nt_end, (nt_end + 4).min(s.tokens.1));
        // Refugees (a host country, "accueille", "hosts") beat displacement ("ont fui"), which
        // beats cumulative tolls and population. A cue listed under both refugees and
        // population ("abrite") reads as population.
        // Read from the cues found at each token (`cue_starts`) rather than by matching every
        // cue phrase again at every token of the sentence. Two cues of one length that match
        // at one token are the same phrase, so a refugees cue is also a population cue exactly
        // when a population cue of its length starts there.
        let population = ctx.lex.cue(Cue::FigurePopulation);
        let has = |kind: Cue, i: usize| {
            let (Some(k), Some(starts)) = (ctx.lex.cue(kind), ctx.cue_starts.get(i)) else {
                return false;
            };
            starts.iter().any(|&(ck, len)| {
                ck == k
                    && !(kind == Cue::FigureRefugees
                        && population.is_some_and(|p| starts.contains(&(p, len))))
            })
        };
        let order = [
            Cue::FigureRefugees,
            Cue::FigureDisplaced,
            Cue::FigureKilledTotal,
            Cue::FigurePopulation,
        ];
        // The cue nearest the number decides ("abrite 4 millions de civils, dont ... déplacées"
        // is a population; "accueille 3,7 millions de Syriens qui ont fui" hosts refugees).
        let distance = |kind: Cue| {
            (s.tokens.0..s.tokens.1)
                .filter(|&i| has(kind, i))
                .map(|i| if i >= nt_end { i - nt_end } else { nt - i })
                .min()
        };
        let kind = order
            .iter()
            .enumerate()
            .filter_map(|(rank, &k)| distance(k).map(|d| (d, rank)))
            .min()
            .map(|(_, rank)| order[rank]);
        let _ = near;
        let Some(kind) = kind else { continue };
        let victim_noun = ctx
            .cue_in(Cue::VictimNoun, nt_end, (nt_end + 3).min(s.tokens.1))
            .is_some()
            || n.head.is_some();
        if !victim_noun || n.value < 2.0 {
            continue;
        }
        let places = ctx.places_in(s.tokens.0, s.tokens.1);
        let location = places
            .iter()
            .max_by_key(|m| m.place.as_ref().map_or(0, |p| p.precision.min(4)))
            .and_then(|m| m.place.clone());
        let date = ctx
            .times_in(s.span.byte_start, s.span.byte_end)
            .into_iter()
            .map(|t| &ctx.analysis.times[t])
            .find(|t| t.value.is_some() && t.kind != TimeKind::Duration)
            .map(|t| EventDate {
                value: t.value.clone().unwrap_or_default(),
                start: t.start,
                end: t.end,
                precision: precision_name(t.precision, t.kind),
                source: "text".into(),
                span: Some(t.span),
            });
        out.push(FigureRecord {
            record: "figure".into(),
            id: format!(
                "f{}",
                stable_hash(&[doc.id.as_bytes(), &n.span.byte_start.to_le_bytes()])
            ),
            doc_id: doc.id.clone(),
            kind: kind.name().trim_start_matches("figure_").to_string(),
            value: to_count(ctx, n, nt_end),
            location,
            date,
            sentence: s.span,
        });
    }
    out
}

/// Whether a state actor operates outside its country (`here`, the event's country), or is an
/// intergovernmental organisation's force (pseudo-countries `IGO`, `UNO` in the actor data).
fn external(a: &ActorRef, here: Option<&str>) -> bool {
    let Some(c) = a.country.as_deref() else {
        return false;
    };
    matches!(c, "IGO" | "UNO") || here.is_some_and(|h| h != c)
}

fn sectors(v: &[ActorRef]) -> Vec<&str> {
    v.iter()
        .flat_map(|a| a.sector.iter().map(String::as_str))
        .collect()
}

fn countries(v: &[ActorRef]) -> Vec<String> {
    let mut c: Vec<String> = v.iter().filter_map(|a| a.country.clone()).collect();
    c.sort();
    c.dedup();
    c
}

/// Merges candidates that report the same event (same type and modality, compatible actors):
/// the headline and the body, or two sentences of one story.
fn merge(ctx: &Ctx, doc: &Document, cands: Vec<Candidate>) -> Vec<EventRecord> {
    let mut merged: Vec<Candidate> = Vec::new();
    for c in cands {
        // "N others were also killed": the victims join the same-type event told just before.
        if c.additive && c.event_type == EventType::Assault && c.actor.is_empty() {
            if let Some(m) = merged.last_mut().filter(|m| {
                m.event_type == EventType::Assault
                    && m.sentence + 2 >= c.sentence
                    && m.modality == c.modality
            }) {
                for (slot, add) in [
                    (&mut m.counts.killed, c.counts.killed.clone()),
                    (&mut m.counts.injured, c.counts.injured.clone()),
                ] {
                    match (slot.as_mut(), add) {
                        (Some(prev), Some(add)) => {
                            prev.best += add.best;
                            prev.min = prev.min.zip(add.min).map(|(a, b)| a + b);
                            prev.max = prev.max.zip(add.max).map(|(a, b)| a + b);
                        }
                        (None, Some(add)) => *slot = Some(add),
                        _ => {}
                    }
                }
                m.evidence.extend(c.evidence);
                continue;
            }
        }
        // "More than 30 militants were killed." after the sentence that tells the attack: a
        // casualty report with no agent and no place of its own gives the toll of the attack
        // just told, whoever it names as victims.
        // "Al Shabaab claimed to have killed 3 soldiers." after the attack: the attack's toll,
        // as claimed; each count says by whom.
        if let Some(m) = merged.last_mut().filter(|m| is_claimed_toll(m, &c)) {
            let claimant = c
                .claimed_by
                .as_ref()
                .or(c.actor.first())
                .map(|a| a.name.clone());
            for (slot, add) in [
                (&mut m.counts.killed, c.counts.killed),
                (&mut m.counts.injured, c.counts.injured),
            ] {
                if let Some(mut add) = add {
                    add.claimed_by = claimant.clone();
                    *slot = Some(add);
                }
            }
            if m.actor.is_empty() {
                m.actor = c.actor;
            }
            m.evidence.extend(c.evidence);
            continue;
        }
        if is_toll_report(&c) {
            if let Some(m) = merged.last_mut().filter(|m| {
                m.event_type == EventType::Assault
                    && m.sentence < c.sentence
                    && m.sentence + 2 >= c.sentence
                    && m.modality == c.modality
                    && dates_compatible(&m.date, &c.date)
                    && counts_free(&m.counts, &c.counts)
                    && same_place(m, &c)
            }) {
                m.counts.killed = m.counts.killed.take().or(c.counts.killed);
                m.counts.injured = m.counts.injured.take().or(c.counts.injured);
                m.counts.arrested = m.counts.arrested.take().or(c.counts.arrested);
                m.counts.abducted = m.counts.abducted.take().or(c.counts.abducted);
                // "Militia attacked. 1 civilian was killed.": an attack told without its target
                // hit the victims counted; the victims of a clash are its sides, not targets.
                if m.recipient.is_empty() && !m.reciprocal {
                    m.recipient = c.recipient;
                }
                m.evidence.extend(c.evidence);
                continue;
            }
        }
        // Every event told so far is a candidate for the same event: the cheap tests come first
        // and the candidate's countries are listed once, so that a long text does not list
        // countries for every pair of events (quadratic allocations).
        let (c_actors, c_recipients) = (countries(&c.actor), countries(&c.recipient));
        let same = merged.iter_mut().find(|m| {
            m.event_type == c.event_type
                && m.modality == c.modality
                && !(m.counts.killed.is_some() && c.counts.killed.is_some())
                && dates_compatible(&m.date, &c.date)
                && same_place(m, &c)
                && (m.actor.is_empty() || c.actor.is_empty() || countries(&m.actor) == c_actors)
                // The same targets; or one side names none and one of the two is the headline,
                // which summarises the story ("Washington appelle Moscou et Damas...").
                && (((m.recipient.is_empty() || c.recipient.is_empty())
                    && (m.sentence == 0 || c.sentence == 0 || m.sentence == c.sentence))
                    || countries(&m.recipient).iter().any(|x| c_recipients.contains(x)))
        });
        match same {
            Some(m) => {
                if m.actor.is_empty() {
                    m.actor = c.actor;
                } else {
                    for a in c.actor {
                        // "Washington" and "les États-Unis" are one actor: the same country at
                        // the level of its state.
                        let state_level = |x: &ActorRef| {
                            matches!(x.kind.as_str(), "government" | "country")
                                || x.sector.iter().any(|s| s == "GOV")
                        };
                        let same = m.actor.iter().any(|x| {
                            x.name == a.name
                                || (x.country.is_some()
                                    && x.country == a.country
                                    && state_level(x)
                                    && state_level(&a))
                        });
                        if !same {
                            m.actor.push(a);
                        }
                    }
                }
                m.reciprocal |= c.reciprocal;
                if m.reciprocal && m.recipient.is_empty() {
                    // The other side of a clash is an actor, and its victims are counted, not
                    // targeted.
                } else {
                    for r in c.recipient.clone() {
                        if !m
                            .recipient
                            .iter()
                            .any(|x| x.country == r.country && x.name == r.name)
                        {
                            m.recipient.push(r);
                        }
                    }
                }
                m.mode = m.mode.take().or(c.mode);
                if m.location.as_ref().map_or(0, |p| p.precision)
                    < c.location.as_ref().map_or(0, |p| p.precision)
                {
                    m.location = c.location;
                }
                if m.date.as_ref().is_none_or(|d| d.source == "publication")
                    && c.date.as_ref().is_some_and(|d| d.source == "text")
                {
                    m.date = c.date;
                }
                m.counts.killed = m.counts.killed.take().or(c.counts.killed);
                m.counts.injured = m.counts.injured.take().or(c.counts.injured);
                m.counts.arrested = m.counts.arrested.take().or(c.counts.arrested);
                m.counts.abducted = m.counts.abducted.take().or(c.counts.abducted);
                m.counts.displaced = m.counts.displaced.take().or(c.counts.displaced);
                m.referential &= c.referential;
                m.evidence.extend(c.evidence);
            }
            None => merged.push(c),
        }
    }
    merged
        .into_iter()
        .map(|mut c| {
            let named_recipient = !c.recipient.is_empty();
            let named_actor = !c.actor.is_empty();
            if !named_recipient && !c.reciprocal && c.place_stated {
                if let Some(r) = place_recipient(ctx, &c) {
                    c.evidence
                        .push(ctx.evidence_at("recipient", r.span, c.sentence));
                    c.recipient.push(r);
                }
            }
            // A protest with no one named as its target ("opposition parties organised a general
            // strike that shut down Kathmandu") is aimed at the authorities of the country where
            // it happens, else of the protesters' own country ("Serbian workers stopped work"):
            // a protest makes a demand of a state, as CAMEO and PLOVER code it.
            if c.recipient.is_empty() && !c.reciprocal && c.event_type == EventType::Protest {
                let here = c
                    .location
                    .as_ref()
                    .filter(|p| c.place_stated && p.country.len() == 3)
                    .map(|p| {
                        ActorRef::for_place(
                            p,
                            country_name(&p.country),
                            "government",
                            vec!["GOV".into()],
                            Some("protested"),
                        )
                    });
                let home = || {
                    let mut cs = c.actor.iter().map(|a| a.country.as_deref());
                    let first = cs.next().flatten().filter(|x| x.len() == 3)?;
                    if !cs.all(|x| x == Some(first)) {
                        return None;
                    }
                    let a = &c.actor[0];
                    Some(ActorRef::inferred_state(
                        first,
                        country_name(first),
                        "government",
                        vec!["GOV".into()],
                        (a.mention.clone(), a.span),
                        Some("protesters_home"),
                    ))
                };
                if let Some(r) = here.or_else(home) {
                    c.evidence
                        .push(ctx.evidence_at("recipient", r.span, c.sentence));
                    c.recipient.push(r);
                }
            }
            // "President Bashir shortened the curfew", "the Serbian parliament approved a law",
            // "Cairo's security chief warned that police will no longer tolerate rallies": a
            // state's act at home that names no one it is aimed at is aimed at its own people, as
            // CAMEO and PLOVER coders code domestic events (the country on both sides). Only
            // when the sentence names no other country, and not for talks, fighting or
            // deployments, whose other side is unknown rather than domestic.
            if c.recipient.is_empty() && !c.reciprocal {
                if let Some(r) = domestic_recipient(ctx, &c) {
                    c.evidence
                        .push(ctx.evidence_at("recipient", r.span, c.sentence));
                    c.recipient.push(r);
                }
            }
            // "A roadside bombing near Samarra killed a soldier": an attack whose sentence
            // names no attacker is by an unidentified armed group of the country where it
            // happens, as ACLED names it ("Unidentified Armed Group (Iraq)") and PLOVER codes
            // its country. Marked inferred; it adds nothing to `confidence`.
            if !named_actor && c.event_type == EventType::Assault && c.place_stated {
                if let Some(p) = c.location.as_ref().filter(|p| p.country.len() == 3) {
                    let name = format!("Unidentified armed group ({})", country_name(&p.country));
                    c.evidence
                        .push(ctx.evidence_at("actor", p.span, c.sentence));
                    c.actor.push(ActorRef::for_place(
                        p,
                        name,
                        "armed_group",
                        Vec::new(),
                        Some("location"),
                    ));
                }
            }
            let killed = c.counts.killed.as_ref().map(|k| k.best);
            let acled = mapping::acled(
                c.event_type,
                c.mode.as_deref(),
                &sectors(&c.actor),
                &sectors(&c.recipient),
                killed,
            )
            .map(|mut a| {
                // ACLED's "External/Other forces" (8): state forces acting outside their own
                // country, and an organisation's troops.
                let here = c.location.as_ref().map(|p| p.country.as_str());
                if a.inter1 == Some(1) && c.actor.first().is_some_and(|x| external(x, here)) {
                    a.inter1 = Some(8);
                }
                if a.inter2 == Some(1) && c.recipient.first().is_some_and(|x| external(x, here)) {
                    a.inter2 = Some(8);
                }
                a
            });
            let mut confidence: f32 = 0.4;
            if named_actor {
                confidence += 0.2;
            }
            if named_recipient {
                confidence += 0.15;
            }
            if c.location.is_some() {
                confidence += 0.1;
            }
            if c.date.as_ref().is_some_and(|d| d.source == "text") {
                confidence += 0.1;
            }
            if c.modality == Modality::Reported {
                confidence -= 0.1;
            }
            if c.referential {
                confidence -= 0.1;
            }
            let _ = ctx;
            EventRecord {
                record: "event".into(),
                id: format!(
                    "e{}",
                    stable_hash(&[
                        doc.id.as_bytes(),
                        c.event_type.as_str().as_bytes(),
                        &c.sentence.to_le_bytes(),
                        &c.trigger_start.to_le_bytes()
                    ])
                ),
                doc_id: doc.id.clone(),
                event_type: c.event_type,
                mode: c.mode.clone(),
                context: Vec::new(),
                actor: c.actor,
                recipient: c.recipient,
                location: c.location,
                date: c.date,
                counts: c.counts,
                modality: c.modality,
                claimed_by: c.claimed_by,
                evidence: c.evidence,
                confidence: confidence.clamp(0.0, 1.0),
                quad_code: mapping::quad_code(c.event_type),
                acled,
                cameo: mapping::cameo(c.event_type, c.mode.as_deref()),
            }
        })
        .collect()
}

/// The recipient of an event that names none: the country where it happens ("Turkish
/// authorities imposed a curfew in Cizre": Turkey; "Red Cross officials suspended aid deliveries
/// in Baghdad": Iraq; "demonstrators blocked roads in Algiers": Algeria). CAMEO and PLOVER coders
/// code such events so: material action is done to a place's people or state even when the
/// sentence names only the place. A verbal event (a promise, threat, refusal) is directed at the
/// place of the act it is about, after a locative past its verb ("threatened to impose a curfew
/// in Algiers", "refused to deploy peacekeepers in Iraq"); talks are directed at no place, and
/// the sides of a clash are actors, not recipients. The caller
/// passes only events whose own sentence names the place; the place must be a locative ("in
/// the town of Cizre", "into Kabul"): a country that is the subject of a speech verb ("Uganda
/// said it had paid ...") is who speaks, not where the act is done.
fn place_recipient(ctx: &Ctx, c: &Candidate) -> Option<ActorRef> {
    // A statement's place is its target's only when it stands in what the statement is about,
    // after its verb ("threatened to impose a curfew in Algiers", "agreed to set up a centre in
    // Tokyo"); where talks are held is no one's ("met in Geneva").
    let material = matches!(mapping::quad_code(c.event_type), 2 | 4);
    if !material && c.event_type == EventType::Consult {
        return None;
    }
    // "Israeli warplanes bombed Gaza", "shelled the town of Juba": a material act's direct
    // object, right after its trigger (an article between), is what it is done to.
    let ends_trigger = |j: usize| {
        let end = ctx.analysis.tokens[j].span.byte_end;
        c.evidence
            .iter()
            .any(|e| e.field == "trigger" && e.span.byte_end == end)
    };
    let direct_object = |i: usize| {
        material
            && i > 0
            && (ends_trigger(i - 1)
                || i > 1 && ctx.cue_of_len(Cue::Definite, i - 1, 1) && ends_trigger(i - 2))
    };
    // "Uganda paid compensation": a country named as the actor is no place the act is done to.
    let p = c.location.as_ref().filter(|p| {
        p.country.len() == 3
            && !c.actor.iter().any(|a| {
                a.span.byte_start < p.span.byte_end && p.span.byte_start < a.span.byte_end
            })
            // A preposition within the three words before the name ("in the occupied West
            // Bank").
            && token_at(ctx, p.span.byte_start).is_some_and(|i| {
                direct_object(i)
                    || (i.saturating_sub(2)..=i).any(|j| after_preposition(ctx, j))
                    && (material
                        || i > c.trigger_start + 1
                            && (i.saturating_sub(3)..i).any(|j| ctx.lex.locatives.contains(ctx.keys[j].as_ref())))
            })
    })?;
    Some(ActorRef::for_place(
        p,
        country_name(&p.country),
        "country",
        Vec::new(),
        Some("location"),
    ))
}

/// The recipient of a state's act at home that names none: its own country (see the caller).
/// The actors must all be one state's organs (its government, police, courts, legislature, a
/// person holding its office), the event's place, if any, in that state, and no mention in the
/// sentence may belong to another country.
fn domestic_recipient(ctx: &Ctx, c: &Candidate) -> Option<ActorRef> {
    if !matches!(
        c.event_type,
        EventType::Agree
            | EventType::Support
            | EventType::Concede
            | EventType::Retreat
            | EventType::Request
            | EventType::Reject
            | EventType::Threaten
            | EventType::Coerce
            | EventType::Sanction
    ) || c.addressed
    {
        return None;
    }
    // A country named as the actor ("Kenya agreed") speaks to the world as often as to its
    // people: only organs of the state count.
    let first = c.actor.first()?;
    let home = first
        .country
        .as_deref()
        .filter(|x| x.len() == 3 && !is_pseudo_country(x))?;
    if !c
        .actor
        .iter()
        .all(|a| is_state_organ(a) && a.country.as_deref() == Some(home))
    {
        return None;
    }
    if c.location.as_ref().is_some_and(|p| p.country != home) {
        return None;
    }
    let (a, b) = ctx.analysis.sentences[c.sentence].tokens;
    let foreign = ctx.mentions_in(a, b, |_| true).into_iter().any(|m| {
        let actor = m.actor.as_ref().and_then(|x| x.country.as_deref());
        let place = m.place.as_ref().map(|p| p.country.as_str());
        actor.or(place).is_some_and(|x| x != home)
    });
    if foreign {
        return None;
    }
    Some(ActorRef::inferred_state(
        home,
        country_name(home),
        "country",
        Vec::new(),
        (first.mention.clone(), first.span),
        Some("domestic"),
    ))
}

/// The city a government's metonym names ("Kabul" for the Afghan government): the most
/// populous place of that name in the government's country, with the mention's words and span.
fn capital_place(m: &Mention) -> Option<PlaceRef> {
    let country = m.actor.as_ref()?.country.as_deref()?;
    let geo = sitrep_gazetteer::GeoStore::get();
    let key = sitrep_gazetteer::normalize::key(&m.text);
    let best = geo
        .lookup(&key)
        .into_iter()
        .filter_map(|r| geo.entity(r))
        .filter(|e| e.kind == sitrep_gazetteer::GeoKind::Place && e.country == country)
        .max_by_key(|e| e.population)?;
    let mut p = sitrep_gazetteer::recognize::place_ref(&best);
    p.mention = m.text.clone();
    p.span = m.span;
    Some(p)
}

/// A country's gazetteer name, or its code when the gazetteer lacks it.
fn country_name(code: &str) -> String {
    sitrep_gazetteer::GeoStore::get()
        .country(code)
        .map_or(code.to_string(), |c| c.name.to_string())
}

/// Tokens in `a..b` of a comma-delimited aside opened by a `subset` cue (", including a senior
/// commander,"), commas included.
fn aside_len(ctx: &Ctx, a: usize, b: usize) -> usize {
    if b <= a {
        return 0;
    }
    let Some(open) = (a..b).find(|&j| ctx.is_punct(j, ",")) else {
        return 0;
    };
    if ctx.cue_at(Cue::Subset, open + 1).is_none() {
        return 0;
    }
    match (open + 1..b).find(|&j| ctx.is_punct(j, ",")) {
        Some(close) => close + 1 - open,
        None => 0,
    }
}

/// A casualty claim ("Al Shabaab claimed to have killed 3 soldiers") after the attack it is
/// about: the claimant is the attacker, or the attack has no attacker named.
fn is_claimed_toll(m: &Candidate, c: &Candidate) -> bool {
    c.event_type == EventType::Assault
        && c.modality == Modality::Reported
        && (c.counts.killed.is_some() || c.counts.injured.is_some())
        && m.event_type == EventType::Assault
        && m.modality == Modality::Asserted
        && m.sentence < c.sentence
        && m.sentence + 2 >= c.sentence
        && counts_free(&m.counts, &c.counts)
        && same_place(m, c)
        && dates_compatible(&m.date, &c.date)
        && {
            let claimant = c.claimed_by.as_ref().or(c.actor.first());
            m.actor.is_empty() || claimant.is_some_and(|x| m.actor.iter().any(|a| a.name == x.name))
        }
}

/// A sentence that only reports casualties: an assault with counts and no agent.
fn is_toll_report(c: &Candidate) -> bool {
    c.event_type == EventType::Assault
        && c.actor.is_empty()
        && (c.counts.killed.is_some() || c.counts.injured.is_some())
}

/// Whether two mentions can be one event as far as places go: a sentence without a place of its
/// own fits anywhere; a country or a province contains its towns; two different towns, or two
/// places in different countries, are two events.
fn same_place(m: &Candidate, c: &Candidate) -> bool {
    // Where a statement or an agreement is told from says little: only material events are told
    // apart by their place.
    let material = matches!(
        m.event_type,
        EventType::Assault | EventType::Protest | EventType::Coerce | EventType::Mobilize
    );
    let (Some(a), Some(b)) = (&m.location, &c.location) else {
        return true;
    };
    if !material {
        return true;
    }
    if !(m.place_stated && c.place_stated) || a.name == b.name && a.country == b.country {
        return true;
    }
    if a.country != b.country {
        return false;
    }
    let (wide, narrow) = if a.precision <= b.precision {
        (a, b)
    } else {
        (b, a)
    };
    match wide.precision {
        0 | 1 => true,
        2 => wide.admin1.is_some() && wide.admin1 == narrow.admin1,
        _ => false,
    }
}

/// Whether every count `add` reports is still missing from `have`.
fn counts_free(have: &Counts, add: &Counts) -> bool {
    !(have.killed.is_some() && add.killed.is_some()
        || have.injured.is_some() && add.injured.is_some()
        || have.arrested.is_some() && add.arrested.is_some()
        || have.abducted.is_some() && add.abducted.is_some())
}

fn dates_compatible(a: &Option<EventDate>, b: &Option<EventDate>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) if x.source == "text" && y.source == "text" => {
            let (xs, xe) = (x.start, x.end.or(x.start));
            let (ys, ye) = (y.start, y.end.or(y.start));
            match (xs, xe, ys, ye) {
                (Some(xs), Some(xe), Some(ys), Some(ye)) => xs <= ye && ys <= xe,
                _ => true,
            }
        }
        _ => true,
    }
}
