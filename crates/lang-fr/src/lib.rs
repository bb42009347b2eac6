//! The French language pack.
#![warn(missing_docs)]

mod entities;
mod numbers;
mod time;

use sitrep_text::{EntityLexicon, EventLexicon, Language, NumberLexicon, TimeLexicon};

/// French.
#[derive(Debug, Default, Clone, Copy)]
pub struct French;

impl Language for French {
    fn code(&self) -> &'static str {
        "fr"
    }

    fn abbreviations(&self) -> &'static [&'static str] {
        ABBREVIATIONS
    }

    fn elisions(&self) -> &'static [&'static str] {
        ELISIONS
    }

    fn numbers(&self) -> &NumberLexicon {
        &numbers::LEXICON
    }

    fn times(&self) -> &TimeLexicon {
        &time::LEXICON
    }

    fn entities(&self) -> &EntityLexicon {
        &entities::LEXICON
    }

    fn events(&self) -> &EventLexicon {
        &EVENTS
    }
}

/// Abbreviations after which a period does not end a sentence (lowercase, no final period).
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "drs", "pr", "me", "mgr", "st", "ste", "gén",
    "gal", "col", "lt", "cdt", "cap", "sgt", "adj", "prés", "min", "sen", "dép", "av", "bd",
    "boul", "etc", "cf", "env", "ex", "p", "pp", "vol", "n", "no", "nº", "art", "al", "éd", "fig",
    "chap", "janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc", "tél", "hab", "jr",
    "sr", "inc", "cie", "ltd", "vs", "c.-à-d", "mr", "mrs", "ms", "u.s", "u.k", "u.n", "e.u",
];

/// Elided forms split off the following word: l’armée, d’Idleb, qu’il, jusqu’à, lorsqu’il.
const ELISIONS: &[&str] = &[
    "l", "d", "qu", "j", "m", "t", "s", "n", "c", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    "quelqu",
];

/// Event triggers and cues: data files of this pack.
static EVENTS: EventLexicon = EventLexicon {
    triggers_tsv: include_str!("../../../data/lexicon/fr/triggers.tsv"),
    cues_tsv: include_str!("../../../data/lexicon/fr/cues.tsv"),
};
