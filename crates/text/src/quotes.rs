//! Quotations. (Placeholder: being written.)
use serde::Serialize;
use sitrep_core::{OffsetMap, Span};

/// A quotation.
#[derive(Debug, Clone, Serialize)]
pub struct Quotation {
    /// The quotation including its marks.
    pub span: Span,
}

/// Finds quotations.
pub fn find_quotes(_text: &str, _map: &OffsetMap) -> Vec<Quotation> {
    Vec::new()
}
