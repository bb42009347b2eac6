//! Trigger patterns and cue words of one language, compiled for matching and cached per language.

use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex, OnceLock};

use sitrep_events::EventType;
use sitrep_text::Language;

/// How a trigger's arguments attach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// Subject acts on object.
    Svo,
    /// Subject undergoes; the agent follows `par`/`by`.
    Passive,
    /// A noun: agent after `de`/`by`, target after `contre`/`against`.
    Noun,
    /// Subject acts with the mention after `avec`/`with`.
    With,
    /// All subjects act together.
    Joint,
    /// Subject asks the mention right after the trigger.
    Request,
    /// A modal of obligation in reported speech ("X said that Y must ..."): the speaker demands
    /// and the modal's subject is asked; without a speech verb there is no event.
    Obligation,
    /// A casualty word: the victims are counted, the agent comes from elsewhere in the sentence.
    Victim,
    /// Like `Svo`, for verbs that report an event only when armed forces do them: "fighters
    /// arrived in", "militants gathered in" move forces; "the minister arrived in" does not.
    Armed,
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A token key.
    Word(String),
    /// 0 to 4 tokens.
    Gap,
}

/// A compiled trigger.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// The pattern.
    pub parts: Vec<Part>,
    /// Event type.
    pub event_type: EventType,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// Argument frame.
    pub frame: Frame,
    /// What a number attached to this trigger counts.
    pub count: Option<String>,
    /// The pattern with each word as its id in [`CoderLex::vocab`] (`None` for a gap).
    pub ids: Vec<Option<u32>>,
}

/// A kind of cue the coder asks about, by its name in the pack's `cues.tsv`.
///
/// The coder asks about cues at nearly every token it looks at; each kind is resolved to its
/// index in [`CoderLex::cue_kinds`] once per language, so those questions compare integers
/// instead of kind names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// `additive`.
    Additive,
    /// `against`.
    Against,
    /// `agent`.
    Agent,
    /// `agent_of`: a genitive word that, right after an event noun, introduces its agent
    /// (French "une frappe *du* régime").
    AgentOf,
    /// `ally`.
    Ally,
    /// `between`.
    Between,
    /// `clause_break`.
    ClauseBreak,
    /// `collective`: nouns of a group whose of-phrase is its head ("a *group* of diplomats",
    /// "une *délégation* de ministres").
    Collective,
    /// `condition`: a conjunction that opens a condition ("if", "unless", "à moins que"): a
    /// threat's condition names whom the threat is aimed at.
    Condition,
    /// `coordinator`.
    Coordinator,
    /// `definite`: definite articles ("the", "le", "du"), which mark a noun as something the
    /// reader already knows.
    Definite,
    /// `indefinite`: an article that is also a preposition ("des", "du", "de"): at the start
    /// of a sentence it opens the subject ("*Des* hélicoptères russes ont bombardé").
    Indefinite,
    /// `deliberation`.
    Deliberation,
    /// `figure_displaced`.
    FigureDisplaced,
    /// `figure_killed_total`.
    FigureKilledTotal,
    /// `figure_population`.
    FigurePopulation,
    /// `figure_refugees`.
    FigureRefugees,
    /// `future`.
    Future,
    /// `hypothetical`.
    Hypothetical,
    /// `negation`.
    Negation,
    /// `passive_aux`.
    PassiveAux,
    /// `patient_of`: a genitive word that, right after an event noun, introduces whom it is
    /// done to (English "the blockade *of* Serbia", "the killing *of* a journalist").
    PatientOf,
    /// `preposition`.
    Preposition,
    /// `pronoun_we`.
    PronounWe,
    /// `reported`.
    Reported,
    /// `reported_future`: the future of reported speech ("said they *would* release",
    /// "a dit qu'ils *allaient* libérer"): after a speech verb, an announced act, not a
    /// hypothesis.
    ReportedFuture,
    /// `since_then`.
    SinceThen,
    /// `speech`.
    Speech,
    /// `subset`.
    Subset,
    /// `support_verb`.
    SupportVerb,
    /// `victim_noun`.
    VictimNoun,
    /// `with`.
    With,
}

impl Cue {
    /// Every kind, in the order of the enum.
    pub const ALL: [Cue; 32] = [
        Cue::Additive,
        Cue::Against,
        Cue::Agent,
        Cue::AgentOf,
        Cue::Ally,
        Cue::Between,
        Cue::ClauseBreak,
        Cue::Collective,
        Cue::Condition,
        Cue::Coordinator,
        Cue::Definite,
        Cue::Indefinite,
        Cue::Deliberation,
        Cue::FigureDisplaced,
        Cue::FigureKilledTotal,
        Cue::FigurePopulation,
        Cue::FigureRefugees,
        Cue::Future,
        Cue::Hypothetical,
        Cue::Negation,
        Cue::PassiveAux,
        Cue::PatientOf,
        Cue::Preposition,
        Cue::PronounWe,
        Cue::Reported,
        Cue::ReportedFuture,
        Cue::SinceThen,
        Cue::Speech,
        Cue::Subset,
        Cue::SupportVerb,
        Cue::VictimNoun,
        Cue::With,
    ];

    /// The kind's name in `cues.tsv`.
    pub fn name(self) -> &'static str {
        match self {
            Cue::Additive => "additive",
            Cue::Against => "against",
            Cue::Agent => "agent",
            Cue::AgentOf => "agent_of",
            Cue::Ally => "ally",
            Cue::Between => "between",
            Cue::ClauseBreak => "clause_break",
            Cue::Collective => "collective",
            Cue::Condition => "condition",
            Cue::Coordinator => "coordinator",
            Cue::Definite => "definite",
            Cue::Indefinite => "indefinite",
            Cue::Deliberation => "deliberation",
            Cue::FigureDisplaced => "figure_displaced",
            Cue::FigureKilledTotal => "figure_killed_total",
            Cue::FigurePopulation => "figure_population",
            Cue::FigureRefugees => "figure_refugees",
            Cue::Future => "future",
            Cue::Hypothetical => "hypothetical",
            Cue::Negation => "negation",
            Cue::PassiveAux => "passive_aux",
            Cue::PatientOf => "patient_of",
            Cue::Preposition => "preposition",
            Cue::PronounWe => "pronoun_we",
            Cue::Reported => "reported",
            Cue::ReportedFuture => "reported_future",
            Cue::SinceThen => "since_then",
            Cue::Speech => "speech",
            Cue::Subset => "subset",
            Cue::SupportVerb => "support_verb",
            Cue::VictimNoun => "victim_noun",
            Cue::With => "with",
        }
    }
}

/// Everything the coder needs from one language.
pub struct CoderLex {
    /// Triggers indexed by their first key.
    pub by_first: FxHashMap<String, Vec<usize>>,
    /// All triggers.
    pub triggers: Vec<Trigger>,
    /// Cue phrases (token keys) by kind.
    pub cues: FxHashMap<String, Vec<Vec<String>>>,
    /// The cue kinds, in a fixed order: [`CoderLex::cue_kind`] gives a kind's index.
    pub cue_kinds: Vec<String>,
    /// Cue phrases by first key, each with its kind's index: one look-up per token finds every
    /// cue that starts there, whatever its kind.
    pub cues_by_first: FxHashMap<String, Vec<(usize, Vec<String>)>>,
    /// The index in `cue_kinds` of each [`Cue`] (by its position in [`Cue::ALL`]); `None` when
    /// the pack lists no cue of that kind.
    pub cue_index: [Option<usize>; Cue::ALL.len()],
    /// Every word of the trigger patterns and cue phrases, with an id from 1. The coder reads
    /// each token's id once ([`CoderLex::word_ids`]) and then matches patterns and cues by
    /// comparing integers: matching their words as strings at every token was a tenth of the
    /// coder's time.
    pub vocab: FxHashMap<String, u32>,
    /// Indexed by word id: the triggers whose pattern starts with that word.
    pub triggers_by_first_id: Vec<Vec<usize>>,
    /// Indexed by word id: the triggers starting with that word whose second part is not a
    /// word (a one-word pattern, or a gap next). With `triggers_by_first_two`, what
    /// [`CoderLex::trigger_candidates`] reads: French auxiliaries ("a", "ont") start some 850
    /// patterns each, and trying all of them at every such token was the coder's largest cost.
    pub triggers_by_first_only: Vec<Vec<usize>>,
    /// The triggers whose pattern starts with two words, by those two words' ids.
    pub triggers_by_first_two: FxHashMap<(u32, u32), Vec<usize>>,
    /// Indexed by word id: the cue phrases (as ids) that start with that word, each with its
    /// kind's index.
    pub cues_by_first_id: Vec<Vec<(usize, Vec<u32>)>>,
    /// The pack's [`sitrep_text::EntityLexicon::nationality_after_noun`].
    pub nationality_after_noun: bool,
    /// The keys of the pack's locative prepositions ([`sitrep_text::EntityLexicon::locatives`]).
    pub locatives: rustc_hash::FxHashSet<String>,
}

impl CoderLex {
    /// Cue phrases of a kind.
    pub fn cues(&self, kind: &str) -> &[Vec<String>] {
        self.cues.get(kind).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The index of a cue kind in `cue_kinds`.
    pub fn cue_kind(&self, kind: &str) -> Option<usize> {
        self.cue_kinds.iter().position(|k| k == kind)
    }

    /// The index of a known cue kind in `cue_kinds`.
    pub fn cue(&self, kind: Cue) -> Option<usize> {
        self.cue_index[kind as usize]
    }

    /// The id in [`CoderLex::vocab`] of each token key; 0 for a word no pattern or cue holds.
    pub fn word_ids<K: AsRef<str>>(&self, keys: &[K]) -> Vec<u32> {
        keys.iter()
            .map(|k| self.vocab.get(k.as_ref()).copied().unwrap_or(0))
            .collect()
    }

    /// The triggers whose pattern starts with the word `id`.
    pub fn triggers_starting(&self, id: u32) -> &[usize] {
        self.triggers_by_first_id
            .get(id as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// The triggers that may match at token `i` given the tokens' word ids: those starting with
    /// the token's word whose second word, if they have one, is the next token's. In increasing
    /// trigger order, as [`CoderLex::triggers_starting`] lists them, so that ties between
    /// matches are broken the same way.
    pub fn trigger_candidates(&self, ids: &[u32], i: usize) -> impl Iterator<Item = usize> + '_ {
        let Some(&first) = ids.get(i) else {
            return Merge::new(&[], &[]);
        };
        let only = self
            .triggers_by_first_only
            .get(first as usize)
            .map_or(&[][..], Vec::as_slice);
        let two = ids
            .get(i + 1)
            .and_then(|&second| self.triggers_by_first_two.get(&(first, second)))
            .map_or(&[][..], Vec::as_slice);
        Merge::new(only, two)
    }

    /// Every cue that starts at token `i`, given the tokens' word ids
    /// ([`CoderLex::word_ids`]): (kind index, length in tokens).
    pub fn cues_at(&self, ids: &[u32], i: usize) -> Vec<(usize, usize)> {
        let Some(list) = ids
            .get(i)
            .and_then(|&id| self.cues_by_first_id.get(id as usize))
        else {
            return Vec::new();
        };
        list.iter()
            .filter(|(_, c)| ids.get(i..i + c.len()).is_some_and(|w| w == c.as_slice()))
            .map(|(kind, c)| (*kind, c.len()))
            .collect()
    }
}

fn key(s: &str) -> String {
    sitrep_gazetteer::normalize::key(s)
}

/// The lexicon for `lang`, built on first use.
pub fn for_language(lang: &dyn Language) -> Arc<CoderLex> {
    static CACHE: OnceLock<Mutex<FxHashMap<&'static str, Arc<CoderLex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(FxHashMap::default()));
    let mut guard = match cache.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    guard
        .entry(lang.code())
        .or_insert_with(|| Arc::new(build(lang)))
        .clone()
}

fn build(lang: &dyn Language) -> CoderLex {
    let lex = lang.events();
    let mut triggers = Vec::new();
    for line in lex.triggers_tsv.lines().skip(1) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() < 4 {
            continue;
        }
        let Some(event_type) = EventType::parse(f[1]) else {
            continue;
        };
        let frame = match f[3] {
            "svo" => Frame::Svo,
            "passive" => Frame::Passive,
            "noun" => Frame::Noun,
            "with" => Frame::With,
            "joint" => Frame::Joint,
            "request" => Frame::Request,
            "obligation" => Frame::Obligation,
            "victim" => Frame::Victim,
            "armed" => Frame::Armed,
            _ => continue,
        };
        let parts: Vec<Part> = f[0]
            .split_whitespace()
            .map(|w| {
                if w == "*" {
                    Part::Gap
                } else {
                    Part::Word(key(w))
                }
            })
            .filter(|p| !matches!(p, Part::Word(w) if w.is_empty()))
            .collect();
        if !matches!(parts.first(), Some(Part::Word(_))) {
            continue;
        }
        triggers.push(Trigger {
            parts,
            event_type,
            mode: f.get(2).filter(|m| !m.is_empty()).map(|m| m.to_string()),
            frame,
            count: f.get(4).filter(|c| !c.is_empty()).map(|c| c.to_string()),
            ids: Vec::new(),
        });
    }
    let mut by_first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, t) in triggers.iter().enumerate() {
        if let Some(Part::Word(w)) = t.parts.first() {
            by_first.entry(w.clone()).or_default().push(i);
        }
    }
    let mut cues: FxHashMap<String, Vec<Vec<String>>> = FxHashMap::default();
    for line in lex.cues_tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() < 2 || f[0].is_empty() {
            continue;
        }
        let words: Vec<String> = f[0]
            .split_whitespace()
            .map(key)
            .filter(|w| !w.is_empty())
            .collect();
        if !words.is_empty() {
            cues.entry(f[1].to_string()).or_default().push(words);
        }
    }
    let mut cue_kinds: Vec<String> = cues.keys().cloned().collect();
    cue_kinds.sort();
    let mut cues_by_first: FxHashMap<String, Vec<(usize, Vec<String>)>> = FxHashMap::default();
    for (k, kind) in cue_kinds.iter().enumerate() {
        for c in &cues[kind] {
            cues_by_first
                .entry(c[0].clone())
                .or_default()
                .push((k, c.clone()));
        }
    }
    let cue_index = Cue::ALL.map(|c| cue_kinds.iter().position(|k| k == c.name()));
    // Word ids: 0 is kept for the words no pattern or cue holds.
    let mut vocab: FxHashMap<String, u32> = FxHashMap::default();
    let mut id_of = |w: &str| -> u32 {
        let next = vocab.len() as u32 + 1;
        *vocab.entry(w.to_string()).or_insert(next)
    };
    for t in &mut triggers {
        t.ids = t
            .parts
            .iter()
            .map(|p| match p {
                Part::Word(w) => Some(id_of(w)),
                Part::Gap => None,
            })
            .collect();
    }
    let mut cues_by_first_id: Vec<Vec<(usize, Vec<u32>)>> = Vec::new();
    for (k, kind) in cue_kinds.iter().enumerate() {
        for c in &cues[kind] {
            let ids: Vec<u32> = c.iter().map(|w| id_of(w)).collect();
            let Some(first) = ids.first().map(|&id| id as usize) else {
                continue;
            };
            if cues_by_first_id.len() <= first {
                cues_by_first_id.resize_with(first + 1, Vec::new);
            }
            cues_by_first_id[first].push((k, ids));
        }
    }
    let mut triggers_by_first_id: Vec<Vec<usize>> = vec![Vec::new(); vocab.len() + 1];
    let mut triggers_by_first_only: Vec<Vec<usize>> = vec![Vec::new(); vocab.len() + 1];
    let mut triggers_by_first_two: FxHashMap<(u32, u32), Vec<usize>> = FxHashMap::default();
    for (i, t) in triggers.iter().enumerate() {
        if let Some(Some(id)) = t.ids.first() {
            triggers_by_first_id[*id as usize].push(i);
            match t.ids.get(1) {
                Some(Some(second)) => triggers_by_first_two
                    .entry((*id, *second))
                    .or_default()
                    .push(i),
                _ => triggers_by_first_only[*id as usize].push(i),
            }
        }
    }
    cues_by_first_id.resize_with(vocab.len() + 1, Vec::new);
    CoderLex {
        nationality_after_noun: lang.entities().nationality_after_noun,
        locatives: lang
            .entities()
            .locatives
            .iter()
            .map(|w| sitrep_gazetteer::normalize::key(w))
            .collect(),
        by_first,
        triggers,
        cues,
        cue_kinds,
        cues_by_first,
        cue_index,
        vocab,
        triggers_by_first_id,
        triggers_by_first_only,
        triggers_by_first_two,
        cues_by_first_id,
    }
}

/// Two increasing lists of trigger indices read as one increasing list.
struct Merge<'a> {
    a: &'a [usize],
    b: &'a [usize],
}

impl<'a> Merge<'a> {
    fn new(a: &'a [usize], b: &'a [usize]) -> Self {
        Merge { a, b }
    }
}

impl Iterator for Merge<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let take_a = match (self.a.first(), self.b.first()) {
            (Some(x), Some(y)) => x <= y,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        let list = if take_a { &mut self.a } else { &mut self.b };
        let (&x, rest) = list.split_first()?;
        *list = rest;
        Some(x)
    }
}
