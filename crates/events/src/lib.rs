//! Event coding: who did what to whom, where, when, with how many victims, each fact with the
//! words that support it.
//!
//! The output records ([`record`]) are the product's public data model: `sitrep extract` prints
//! them, the store saves them, exports and the API serve them.
#![warn(missing_docs)]

pub mod export;
pub mod mapping;
pub mod record;

pub use record::*;
