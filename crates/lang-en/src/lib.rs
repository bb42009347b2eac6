//! The English language pack.
#![warn(missing_docs)]

mod entities;
mod numbers;
mod time;

use sitrep_text::{EntityLexicon, EventLexicon, Language, NumberLexicon, TimeLexicon};

/// English.
#[derive(Debug, Default, Clone, Copy)]
pub struct English;

impl Language for English {
    fn code(&self) -> &'static str {
        "en"
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
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "lt", "col", "maj", "capt", "cpt",
    "sgt", "cpl", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "mt", "ft", "no", "vol", "pp",
    "fig", "inc", "ltd", "co", "corp", "bros", "dept", "univ", "est", "approx", "etc", "vs", "cf",
    "al", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "u.s", "u.k", "u.n",
    "e.g", "i.e", "a.m", "p.m", "d.c",
];

/// English has no elisions to split off.
const ELISIONS: &[&str] = &[];

/// Event triggers and cues: data files of this pack.
static EVENTS: EventLexicon = EventLexicon {
    triggers_tsv: include_str!("../../../data/lexicon/en/triggers.tsv"),
    cues_tsv: include_str!("../../../data/lexicon/en/cues.tsv"),
};
