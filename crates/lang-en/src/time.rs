//! Words for dates.
use sitrep_text::TimeLexicon;

pub(crate) static LEXICON: TimeLexicon = TimeLexicon {
    months: &[],
    weekdays: &[],
};
