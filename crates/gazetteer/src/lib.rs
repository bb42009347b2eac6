//! Know who and where: actor and place gazetteers, entity recognition, actor coding and
//! geocoding, offline.
//!
//! - [`store`]: GeoNames places (1,000+ people), first-level divisions and countries, compiled at
//!   build time into an FST embedded in the binary (no start-up parsing).
//! - [`actors`]: hand-written organisations, armed groups, dated office holders, metonyms.
//! - [`borders`]: which countries share a land border.
//! - [`recognize`]: mentions with spans, resolved to [`sitrep_events::ActorRef`] and
//!   [`sitrep_events::PlaceRef`].
//!
//! **Architecture invariant:** language-specific words (sector nouns, role phrases, demonym
//! inflection, locatives) come from the language pack through [`sitrep_text::Language::entities`];
//! this crate holds only algorithms and language-neutral data.
#![warn(missing_docs)]

pub mod actors;
mod bloom;
pub mod borders;
pub mod lexicon;
pub mod normalize;
pub mod recognize;
pub mod store;

pub use recognize::{recognize, recognize_with_keys, token_keys, Mention, MentionKind};
pub use store::{haversine_km, GeoEntity, GeoKind, GeoStore};
