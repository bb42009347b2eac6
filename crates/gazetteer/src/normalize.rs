//! Name keys: how names are compared. Shared by the build script (which compiles the gazetteer)
//! and the matcher, so both sides always agree.
//!
//! A key is lowercase, without diacritics, with hyphens as spaces and apostrophes and ayn/hamza
//! marks dropped: `Mevlüt Çavuşoğlu` -> `mevlut cavusoglu`, `Khan-Sheikhoun` -> `khan sheikhoun`,
//! `Ma‘arrat` -> `maarrat`, `Idleb` stays `idleb` (variants are separate names in the data).

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The comparison key of a name.
pub fn key(name: &str) -> String {
    // Most words are plain ASCII letters and digits: lowercasing them is the whole key, without
    // the Unicode decomposition below.
    if name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return name.to_ascii_lowercase();
    }
    let name = drop_possessive(name);
    // A one-byte token is mostly punctuation, whose key is often empty: no allocation then.
    let mut out = if name.len() == 1 {
        String::new()
    } else {
        String::with_capacity(name.len())
    };
    let mut space = true;
    // The key is the NFD of the name with combining marks dropped. NFD is each character's
    // canonical decomposition, then a reordering of the characters whose combining class is not
    // 0; all of those are combining marks (a test checks it for every character), which the key
    // drops, so the reordering never shows and each character can be decomposed alone, without
    // the streaming `nfd()` iterator and its buffer (`key` runs for every token of a document).
    for ch in name.chars() {
        if ch.is_ascii() {
            // ASCII decomposes to itself.
            push_key_char(ch, &mut out, &mut space);
        } else {
            decompose_canonical(ch, |c| push_key_char(c, &mut out, &mut space));
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Appends what one character of a decomposed name gives its key; `space` says whether the key
/// so far ends a word (so separators collapse into one space and none leads).
#[inline]
fn push_key_char(c: char, out: &mut String, space: &mut bool) {
    if c.is_ascii() {
        // What the general case below gives ASCII, which has no combining mark and lowercases
        // byte by byte (the general case's `String::extend` of a `ToLowercase` cost more than
        // the rest of the key).
        match c {
            '\'' | '`' => {}
            '-' | '_' | '.' | ',' | '/' | '\t'..='\r' | ' ' => {
                if !*space {
                    out.push(' ');
                    *space = true;
                }
            }
            _ => {
                out.push(c.to_ascii_lowercase());
                *space = false;
            }
        }
        return;
    }
    if is_combining_mark(c) {
        return;
    }
    match c {
        '\'' | '’' | '‘' | '`' | 'ʿ' | 'ʾ' | 'ʼ' | 'ʻ' | '´' => return,
        '-' | '‐' | '‑' | '–' | '—' | '_' | '.' | ',' | '/' => {
            if !*space {
                out.push(' ');
                *space = true;
            }
            return;
        }
        _ => {}
    }
    if c.is_whitespace() {
        if !*space {
            out.push(' ');
            *space = true;
        }
        return;
    }
    match c {
        'ı' => out.push('i'),
        'ø' | 'Ø' => out.push('o'),
        'ß' => out.push_str("ss"),
        'đ' | 'Đ' => out.push('d'),
        'ł' | 'Ł' => out.push('l'),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        _ => {
            for l in c.to_lowercase() {
                out.push(l);
            }
        }
    }
    *space = false;
}

/// The name without English possessive endings: "Turkey's" -> "Turkey", "People's Protection
/// Units" -> "People Protection Units". The possessor is the name ("Serbia's suppression" names
/// Serbia), and names and text go through the same key, so both sides drop it alike. Only an
/// apostrophe + `s` that ends a word: "Ma'arrat" and "aujourd'hui" keep theirs.
fn drop_possessive(name: &str) -> std::borrow::Cow<'_, str> {
    // Most names have no apostrophe: no character vector for them.
    if !name.contains(['\'', '’']) {
        return std::borrow::Cow::Borrowed(name);
    }
    let is_apostrophe = |c: char| matches!(c, '\'' | '’');
    let chars: Vec<char> = name.chars().collect();
    let ends_word = |i: usize| chars.get(i).is_none_or(|c| !c.is_alphanumeric());
    let cut = |i: usize| {
        i > 0
            && is_apostrophe(chars[i])
            && chars[i - 1].is_alphanumeric()
            && matches!(chars.get(i + 1), Some('s' | 'S'))
            && ends_word(i + 2)
    };
    if !(0..chars.len()).any(cut) {
        return std::borrow::Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        if cut(i) {
            i += 2;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    std::borrow::Cow::Owned(out)
}

/// The keys a name is indexed under: its key, and when it has an apostrophe, the key with the
/// apostrophe read as a word break too, because the tokenizer splits elisions (`d'État` is
/// matched as `d` + `État`) while keeping inner apostrophes (`Ma'arrat`).
pub fn keys(name: &str) -> Vec<String> {
    let k = key(name);
    if name.contains(['\'', '’']) {
        let spaced = key(&name.replace(['\'', '’'], " "));
        if spaced != k {
            return vec![k, spaced];
        }
    }
    vec![k]
}

/// A looser key for transliteration variants: doubled letters collapsed (`shabeelle`,
/// `shabelle` and `shabele` all give `shabele`; `hiiraan` and `hiraan` give `hiran`), prefixed
/// with `~` so it never collides with an exact key. Romanisations of Somali, Arabic and Pashto
/// names differ mostly in doubled vowels and consonants.
pub fn skeleton(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 1);
    out.push('~');
    let mut prev = None;
    for c in key.chars() {
        if Some(c) != prev || c == ' ' {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// The loosest key, for first-level divisions only: consonants alone, doubled ones collapsed,
/// words that were only vowels dropped, prefixed with `^`. Arabic and Persian scripts do not
/// write short vowels, so their romanisations differ mostly there: `urozgan` and `oruzgan` both
/// give `^rzgn`, `sar e pol` and `sar i pul` both `^sr pl`. None when fewer than four consonants
/// remain: shorter skeletons collide too often.
pub fn consonants(key: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    let mut letters = 0;
    for w in key.split(' ') {
        let mut out = String::new();
        let mut prev = None;
        for c in w.chars() {
            if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
                prev = None;
                continue;
            }
            if Some(c) != prev {
                out.push(c);
                letters += 1;
            }
            prev = Some(c);
        }
        if !out.is_empty() {
            words.push(out);
        }
    }
    (letters >= 4).then(|| format!("^{}", words.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::UnicodeNormalization;

    /// `key` as it was written first, over the streaming NFD: the reference the per-character
    /// decomposition must agree with.
    fn key_nfd(name: &str) -> String {
        if name.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return name.to_ascii_lowercase();
        }
        let name = drop_possessive(name);
        let mut out = String::with_capacity(name.len());
        let mut space = true;
        for c in name.nfd() {
            push_key_char(c, &mut out, &mut space);
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }

    #[test]
    fn every_reordered_character_is_a_dropped_mark() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if canonical_combining_class(c) != 0 {
                assert!(is_combining_mark(c), "{c:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn per_character_decomposition_is_nfd() {
        let mut names: Vec<String> = [
            "Mevlüt Çavuşoğlu",
            "Khan-Sheikhoun",
            "Ma‘arrat al-Nu'man",
            "Ḩalab",
            "Đà Nẵng",
            "Łódź",
            "Œuvre d'État",
            "a\u{0301}\u{0323}b\u{0323}\u{0301}c",
            "e\u{0323}\u{0302}",
            "Ǖ ǖ Ǻ ǻ ṩ ẛ ḉ",
            "한국어 ᄀ각",
            "Straße — Øresund, İstanbul/Izmir.",
            " ’ Turkey’s ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every character of the first planes, alone and between letters.
        for c in (0..0x3400).filter_map(char::from_u32) {
            names.push(c.to_string());
            names.push(format!("a{c}b"));
            names.push(format!("x{c}\u{0301}y"));
        }
        for n in &names {
            assert_eq!(key(n), key_nfd(n), "{n:?}");
        }
    }

    #[test]
    fn possessive_endings_are_not_part_of_the_key() {
        assert_eq!(key("Turkey's"), "turkey");
        assert_eq!(key("Russia’s defence ministry"), "russia defence ministry");
        assert_eq!(key("People's Protection Units"), "people protection units");
        // Inner apostrophes and elisions are another matter.
        assert_eq!(key("Ma'arrat"), "maarrat");
        assert_eq!(key("aujourd'hui"), "aujourdhui");
        assert_eq!(key("Ra's al Khaymah"), "ra al khaymah");
        // A plural possessive just loses its apostrophe.
        assert_eq!(key("workers'"), "workers");
    }
}
