//! The words entity recognition needs from a language: what marks a place ("à", "in"), a
//! province ("province de", "governorate"), which capitalised words are ordinary words, how names
//! are joined ("al", "de"), and the sector and role lexicons. The algorithms live in
//! `sitrep-gazetteer`; the words live in the packs.

/// Entity-recognition vocabulary of one language.
///
/// The word lists hold token keys: lowercase, accents and apostrophes dropped ("region" for
/// "région", "a" for "à"), because that is how tokens are compared to them.
#[derive(Debug)]
pub struct EntityLexicon {
    /// Lowercase prepositions that make the next name a place rather than an actor (`à`, `en`,
    /// `dans`, `in`, `at`): "Washington appelle" is a government, "à Washington" a place.
    pub locatives: &'static [&'static str],
    /// Lowercase words just before a name that make it a first-level division (`province`,
    /// `gouvernorat`, `governorate`, `state`).
    pub admin1_cues: &'static [&'static str],
    /// Lowercase words just before a name that make it a city (`ville`, `city`, `town`).
    pub city_cues: &'static [&'static str],
    /// Lowercase words that are never names on their own, even capitalised at the start of a
    /// sentence or in a headline.
    pub stopwords: &'static [&'static str],
    /// Lowercase personal titles, without their period, after which a capitalised name is a
    /// person (`m`, `mme`, `dr`, `général`; `mr`, `mrs`, `gen`).
    pub person_titles: &'static [&'static str],
    /// Lowercase particles allowed inside a multi-word name (`al`, `de`, `bin`, `of`).
    pub name_particles: &'static [&'static str],
    /// Lowercase phrases that introduce the sponsor of a force (`soutenues par`, `backed by`).
    pub backing_cues: &'static [&'static str],
    /// Lowercase phrases linking a noun to its owner (`de`, `du`, `des`, `of`) for "les forces du
    /// régime", "troops of Russia".
    pub of_words: &'static [&'static str],
    /// Column names of `data/gazetteer/countries.tsv` that hold this language's demonyms.
    pub demonym_columns: &'static [&'static str],
    /// Inflected forms of a demonym (plural, and for languages with gender, the forms the data
    /// does not list). Returns the forms to add, lowercase.
    pub inflect_demonym: fn(&str) -> Vec<String>,
    /// Country abbreviations of this language's press that the country data cannot list because
    /// they are also ISO alpha-2 codes or ordinary words ("US", "U.S."), with their alpha-3 code.
    /// Matched case-sensitively: "US" is the country, "us" the pronoun.
    pub country_abbreviations: &'static [(&'static str, &'static str)],
    /// Keys (lowercase, without accents) of the words that may stand between two sector nouns
    /// of one group's name ("government *security* forces", "forces *armées*
    /// gouvernementales"). Any other word ends the name: "militia *attacked* civilians" is
    /// two groups and a verb.
    pub group_modifiers: &'static [&'static str],
    /// Keys of the rank words that may stand between a nationality and a role ("Nigerian
    /// *junior* foreign minister", "Taiwan's *Vice* Foreign Minister"): the person has the
    /// country but is not the office's holder.
    pub rank_words: &'static [&'static str],
    /// Whether a nationality adjective follows the noun it qualifies, as in French ("des frappes
    /// aériennes *russes*"), rather than preceding it, as in English ("*Russian* airstrikes").
    pub nationality_after_noun: bool,
    /// Keys of the words that make a demonym right after them an ethnic group rather than a
    /// state's nationals (`ethnic`: "ethnic Albanians" in Macedonia are Macedonia's).
    pub ethnic_words: &'static [&'static str],
    /// Keys of the coordinating conjunctions (`and`, `or`; `et`, `ou`): "the West Bank *and* the
    /// Gaza Strip" is a list of places, never one place inside the next.
    pub conjunctions: &'static [&'static str],
    /// Keys of the adjectives that, right before a capital's name, make it the city rather than
    /// its government (`eastern`, `downtown`: "in mostly Christian *eastern* Beirut"; a
    /// government has no east). Empty where such adjectives follow the name.
    pub place_adjectives: &'static [&'static str],
    /// `form\tlemma\tsector\tkind\tnumber` rows (with a header): sector nouns.
    pub sectors_tsv: &'static str,
    /// `phrase\trole\tsector\torg` rows (with a header): role phrases.
    pub roles_tsv: &'static str,
}

/// Event-coding vocabulary of one language: trigger patterns and cue words. Both are data files
/// of the pack (`data/lexicon/xx/triggers.tsv`, `cues.tsv`); the coder in `sitrep-coding` reads
/// them.
#[derive(Debug)]
pub struct EventLexicon {
    /// `pattern\tevent_type\tmode\tframe\tcount` rows (with a header).
    pub triggers_tsv: &'static str,
    /// `cue\tkind` rows (with a header): negation, hypothetical, future, reported, speech,
    /// victim_noun, figure_*, clause_break, agent, with, against, pronoun_we, ally.
    pub cues_tsv: &'static str,
}
