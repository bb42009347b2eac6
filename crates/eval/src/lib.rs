//! Measurements of the pipeline against gold data, so changes to rules are judged by numbers on
//! text nobody tuned them to.
//!
//! - [`timebank`]: time expressions against the French TimeBank (ISO-TimeML): detection recall,
//!   precision, and accuracy of the normalised values.
#![warn(missing_docs)]

pub mod acled;
pub mod hipe;
pub mod plover;
pub mod timebank;

pub use timebank::{timebank, timebank_with, Config, ErrorExample, EvalError, TimebankReport};
