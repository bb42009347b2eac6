//! Language identification of a document's text.
//!
//! Uses `whichlang` (16 languages, a few microseconds per text, weights compiled in: no model
//! files, no download). Its answer is mapped to ISO 639-1. Texts with too few letters get no answer
//! rather than a guess.

/// The ISO 639-1 code of `text`'s language, or `None` when the text is too short to tell.
pub fn detect(text: &str) -> Option<&'static str> {
    // No answer below 12 letters in the first 2,000 bytes; counting stops at the twelfth.
    prefix(text, 2000)
        .chars()
        .filter(|c| c.is_alphabetic())
        .nth(11)?;
    // A prefix is enough and keeps detection cheap on long pages. whichlang's cost is linear in
    // its input (three hashed n-grams per ASCII character: a tenth of `extract`'s time on
    // 2,000 bytes); on 1,000 bytes it gives the same answer as on 2,000 for every document of
    // examples/, ../shared/seed and the gold sets (7,716 documents, 301 of them longer than
    // 1,000 bytes), where 800 bytes changed one.
    use whichlang::Lang::*;
    Some(match whichlang::detect_language(prefix(text, 1000)) {
        Ara => "ar",
        Cmn => "zh",
        Deu => "de",
        Eng => "en",
        Fra => "fr",
        Hin => "hi",
        Ita => "it",
        Jpn => "ja",
        Kor => "ko",
        Nld => "nl",
        Por => "pt",
        Rus => "ru",
        Spa => "es",
        Swe => "sv",
        Tur => "tr",
        Vie => "vi",
    })
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}

/// Normalises a declared language tag (`fr-FR`, `en_US`, `FR`) to ISO 639-1 lowercase.
pub fn normalize_tag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() == 2 && primary.chars().all(|c| c.is_ascii_alphabetic())).then_some(primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_languages() {
        let cases = [
            ("fr", "Les États-Unis ont exprimé jeudi leur solidarité avec leur allié de l'OTAN."),
            ("en", "The United States expressed solidarity with its NATO ally on Thursday."),
            ("es", "Los Estados Unidos expresaron el jueves su solidaridad con su aliado de la OTAN."),
            ("de", "Die Vereinigten Staaten haben am Donnerstag ihre Solidarität mit dem Nato-Verbündeten erklärt."),
            ("it", "Gli Stati Uniti hanno espresso giovedì la loro solidarietà all'alleato della NATO."),
            ("pt", "Os Estados Unidos expressaram na quinta-feira a sua solidariedade com o aliado da NATO."),
            ("tr", "Amerika Birleşik Devletleri perşembe günü NATO müttefiki Türkiye ile dayanışma içinde olduğunu açıkladı."),
            ("ru", "Соединённые Штаты в четверг выразили солидарность со своим союзником по НАТО."),
            ("ar", "أعربت الولايات المتحدة يوم الخميس عن تضامنها مع حليفتها في حلف شمال الأطلسي."),
        ];
        for (want, text) in cases {
            assert_eq!(detect(text), Some(want), "{text}");
        }
    }

    #[test]
    fn too_short_is_unknown() {
        assert_eq!(detect("OK 12"), None);
        assert_eq!(detect(""), None);
    }

    #[test]
    fn tags() {
        assert_eq!(normalize_tag("fr-FR").as_deref(), Some("fr"));
        assert_eq!(normalize_tag("EN_us").as_deref(), Some("en"));
        assert_eq!(normalize_tag("x-klingon"), None);
    }
}
