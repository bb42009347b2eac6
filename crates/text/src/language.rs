//! The [`Language`] trait: what a language pack provides, and the registry that finds packs by code.

use crate::entities::{EntityLexicon, EventLexicon};
use crate::numbers::NumberLexicon;
use crate::time::TimeLexicon;

/// A language pack: the data (and the little code) the text layer and event coding need for one
/// language. Adding a language means implementing this trait in a new `sitrep-lang-xx` crate and
/// registering it; no other crate changes.
pub trait Language: Send + Sync {
    /// ISO 639-1 code, e.g. `fr`.
    fn code(&self) -> &'static str;

    /// Lowercase abbreviations, without their final period, after which a period does not end a
    /// sentence (`m`, `mme`, `dr`, `jan`, `u.s`).
    fn abbreviations(&self) -> &'static [&'static str];

    /// Lowercase elided forms, without the apostrophe, that are split off the following word as
    /// their own token (`l`, `d`, `qu`, `jusqu`). Empty for languages without elision.
    fn elisions(&self) -> &'static [&'static str] {
        &[]
    }

    /// Number words, scale words, separators and qualifiers.
    fn numbers(&self) -> &NumberLexicon;

    /// Month and weekday names, relative expressions and the words around dates.
    fn times(&self) -> &TimeLexicon;

    /// Words entity recognition needs: locatives, cues, stopwords, sector and role lexicons.
    fn entities(&self) -> &EntityLexicon;

    /// Event triggers and cue words for event coding.
    fn events(&self) -> &EventLexicon;
}

/// The language packs available to a pipeline, looked up by ISO 639-1 code.
#[derive(Default)]
pub struct LanguageRegistry {
    packs: Vec<Box<dyn Language>>,
}

impl LanguageRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a pack, replacing any pack with the same code.
    pub fn register(&mut self, pack: Box<dyn Language>) -> &mut Self {
        self.packs.retain(|p| p.code() != pack.code());
        self.packs.push(pack);
        self
    }

    /// The pack for `code`, if one is registered.
    pub fn get(&self, code: &str) -> Option<&dyn Language> {
        self.packs
            .iter()
            .find(|p| p.code().eq_ignore_ascii_case(code))
            .map(|p| p.as_ref())
    }

    /// Codes of the registered packs.
    pub fn codes(&self) -> Vec<&'static str> {
        self.packs.iter().map(|p| p.code()).collect()
    }
}
