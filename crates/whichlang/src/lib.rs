//! whichlang 0.1.1 (Quickwit, MIT: see LICENSE), with the same weights, features and arithmetic,
//! scored in two passes.
//!
//! Upstream adds each feature's 16 weights to the scores inside the character loop; the
//! compiler keeps the 16 scores in scalar registers there and shuffles them at every feature
//! (about 80 instructions a feature, 10% of `sitrep extract`). Here the loop over characters only
//! records each feature's bucket, and a second, plain loop adds the buckets' weights in the same
//! order, which vectorises. Every score is the same sequence of `f32` additions as upstream's, so
//! the answers are bit for bit upstream's (the tests compare them on many texts).

pub use crate::weights::{Lang, LANGUAGES};

#[allow(clippy::all)]
mod weights;

const NUM_LANGUAGES: usize = LANGUAGES.len();

const DIMENSION: usize = 1 << 12;
const BIGRAM_MASK: u32 = (1 << 16) - 1;
const TRIGRAM_MASK: u32 = (1 << 24) - 1;

const SEED: u32 = 3_242_157_231u32;

#[inline(always)]
fn murmurhash2(mut k: u32, seed: u32) -> u32 {
    const M: u32 = 0x5bd1_e995;
    let mut h: u32 = seed;
    k = k.wrapping_mul(M);
    k ^= k >> 24;
    k = k.wrapping_mul(M);
    h = h.wrapping_mul(M);
    h ^= k;
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^ (h >> 15)
}

#[inline(always)]
fn bucket(hash: u32) -> u16 {
    // DIMENSION is 4096: the bucket fits 16 bits.
    (hash % DIMENSION as u32) as u16
}

#[inline(always)]
fn ngram(ngram: u32) -> u16 {
    bucket(murmurhash2(ngram, SEED))
}

/// The language of `text` (English when it has no feature at all), as whichlang 0.1.1 says.
pub fn detect_language(text: &str) -> Lang {
    // Pass 1: the bucket of every feature, in upstream's order. At most three per character.
    let mut buckets: Vec<u16> = Vec::with_capacity(text.len().saturating_mul(3));
    emit_buckets(text, &mut buckets);
    if buckets.is_empty() {
        // By default, we return English
        return Lang::Eng;
    }
    // Pass 2: the scores, each the same sequence of additions as upstream's.
    let mut scores = [0f32; NUM_LANGUAGES];
    for &b in &buckets {
        let idx = b as usize * NUM_LANGUAGES;
        // In bounds: b < DIMENSION and WEIGHTS holds DIMENSION * NUM_LANGUAGES weights.
        let Some(w) = weights::WEIGHTS.get(idx..idx + NUM_LANGUAGES) else {
            continue;
        };
        for (s, w) in scores.iter_mut().zip(w) {
            *s += *w;
        }
    }
    let num_features = buckets.len() as u32;
    let sqrt_inv_num_features = 1.0f32 / (num_features as f32).sqrt();
    for (s, b) in scores.iter_mut().zip(weights::INTERCEPTS) {
        // Ok so the sqrt(num_features) is not really the norm, but whatever.
        *s = *s * sqrt_inv_num_features + b;
    }
    // Upstream's `max_by` keeps the last of equal maxima; so does `>=`.
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s >= scores[best] {
            best = i;
        }
    }
    weights::LANGUAGES[best]
}

/// Upstream's `emit_tokens`, pushing each feature's bucket.
fn emit_buckets(text: &str, out: &mut Vec<u16>) {
    let mut prev = ' ' as u32;
    let mut num_previous_ascii_chr = 1;
    for chr in text.chars() {
        let code = chr.to_ascii_lowercase() as u32;
        if !chr.is_ascii() {
            out.push(bucket(murmurhash2(chr as u32 / 128, SEED ^ 2)));
            out.push(bucket(murmurhash2(classify_codepoint(chr), SEED ^ 4)));
            num_previous_ascii_chr = 0;
            continue;
        }
        prev = prev << 8 | code;
        match num_previous_ascii_chr {
            0 => {
                num_previous_ascii_chr = 1;
            }
            1 => {
                out.push(ngram(prev & BIGRAM_MASK));
                num_previous_ascii_chr = 2;
            }
            2 => {
                out.push(ngram(prev & BIGRAM_MASK));
                out.push(ngram(prev & TRIGRAM_MASK));
                num_previous_ascii_chr = 3;
            }
            _ => {
                out.push(ngram(prev & BIGRAM_MASK));
                out.push(ngram(prev & TRIGRAM_MASK));
                out.push(ngram(prev));
            }
        }
        if !chr.is_alphanumeric() {
            prev = ' ' as u32;
        }
    }
}

const JP_PUNCT_START: u32 = 0x3000;
const JP_PUNCT_END: u32 = 0x303f;
const JP_HIRAGANA_START: u32 = 0x3040;
const JP_HIRAGANA_END: u32 = 0x309f;
const JP_KATAKANA_START: u32 = 0x30a0;
const JP_KATAKANA_END: u32 = 0x30ff;
const CJK_KANJI_START: u32 = 0x4e00;
const CJK_KANJI_END: u32 = 0x9faf;
const JP_HALFWIDTH_KATAKANA_START: u32 = 0xff61;
const JP_HALFWIDTH_KATAKANA_END: u32 = 0xff90;

fn classify_codepoint(chr: char) -> u32 {
    [
        160,
        161,
        171,
        172,
        173,
        174,
        187,
        192,
        196,
        199,
        200,
        201,
        202,
        205,
        214,
        220,
        223,
        224,
        225,
        226,
        227,
        228,
        231,
        232,
        233,
        234,
        235,
        236,
        237,
        238,
        239,
        242,
        243,
        244,
        245,
        246,
        249,
        250,
        251,
        252,
        333,
        339,
        JP_PUNCT_START,
        JP_PUNCT_END,
        JP_HIRAGANA_START,
        JP_HIRAGANA_END,
        JP_KATAKANA_START,
        JP_KATAKANA_END,
        CJK_KANJI_START,
        CJK_KANJI_END,
        JP_HALFWIDTH_KATAKANA_START,
        JP_HALFWIDTH_KATAKANA_END,
    ]
    .binary_search(&(chr as u32))
    .unwrap_or_else(|pos| pos) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upstream(text: &str) -> Lang {
        let l = whichlang::detect_language(text);
        LANGUAGES[whichlang::LANGUAGES
            .iter()
            .position(|u| *u == l)
            .expect("upstream returns one of its languages")]
    }

    #[test]
    fn same_order_of_languages() {
        for (a, b) in LANGUAGES.iter().zip(whichlang::LANGUAGES.iter()) {
            assert_eq!(a.three_letter_code(), b.three_letter_code());
        }
    }

    #[test]
    fn upstream_cases() {
        assert_eq!(detect_language(""), Lang::Eng);
        assert_eq!(detect_language("Hello, happy tax payer"), Lang::Eng);
        assert_eq!(detect_language("Bonjour joyeux contribuable"), Lang::Fra);
        assert_eq!(detect_language("Hallo glücklicher Steuerzahler"), Lang::Deu);
        assert_eq!(detect_language("こんにちは幸せな税金納め"), Lang::Jpn);
        assert_eq!(detect_language("你好幸福的纳税人"), Lang::Cmn);
        assert_eq!(detect_language("Merhaba, mutlu vergi mükellefi"), Lang::Tur);
        assert_eq!(detect_language("Hallo, blije belastingbetaler"), Lang::Nld);
        assert_eq!(detect_language("안녕하세요 행복한 납세자입니다"), Lang::Kor);
        assert_eq!(detect_language("Ciao, felice contribuente!"), Lang::Ita);
        assert_eq!(detect_language("Hola feliz contribuyente"), Lang::Spa);
        assert_eq!(detect_language("¡Hola!"), Lang::Spa);
        assert_eq!(detect_language("Olá feliz contribuinte"), Lang::Por);
    }

    /// Every prefix and window of a multilingual text, including the short and mixed ones where
    /// scores are close: the answer is upstream's each time.
    #[test]
    fn same_answers_as_upstream() {
        let text = concat!(
            "Les États-Unis ont exprimé jeudi leur solidarité avec leur allié de l'OTAN. ",
            "The United States expressed solidarity with its NATO ally on Thursday. ",
            "Los Estados Unidos expresaron el jueves su solidaridad con su aliado de la OTAN. ",
            "Die Vereinigten Staaten haben am Donnerstag ihre Solidarität erklärt. ",
            "Gli Stati Uniti hanno espresso giovedì la loro solidarietà all'alleato della NATO. ",
            "Os Estados Unidos expressaram na quinta-feira a sua solidariedade. ",
            "Amerika Birleşik Devletleri perşembe günü NATO müttefiki ile dayanışma içinde. ",
            "Соединённые Штаты в четверг выразили солидарность со своим союзником по НАТО. ",
            "أعربت الولايات المتحدة يوم الخميس عن تضامنها مع حليفتها. ",
            "こんにちは幸せな税金納め 你好幸福的纳税人 안녕하세요 행복한 납세자입니다 ",
            "Hallo, blije belastingbetaler. Hej, glad skattebetalare. Xin chào người nộp thuế. ",
            "नमस्ते खुश करदाता 1 800 morts, 27/02/2020 «\u{a0}citation\u{a0}» — ‘quoted’ ",
        );
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut n = 0;
        for (k, &a) in bounds.iter().enumerate().step_by(3) {
            for &b in bounds[k..].iter().step_by(5) {
                let s = &text[a..b];
                assert_eq!(detect_language(s), upstream(s), "{s:?}");
                n += 1;
            }
        }
        assert!(n > 10_000);
    }
}
