//! Number words.
use sitrep_text::NumberLexicon;

pub(crate) static LEXICON: NumberLexicon = NumberLexicon {
    decimal_comma: false,
    words: &[],
    qualifiers: &[],
};
