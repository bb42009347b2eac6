//! [`Reader`] over the sitrep store (placeholder until `sitrep-store` lands).

use std::path::Path;

use crate::backend::Reader;
use crate::error::ServeError;
use crate::pool::Opener;

pub fn opener(db: &Path) -> Result<Opener<Box<dyn Reader>>, ServeError> {
    Err(ServeError::Database {
        path: db.display().to_string(),
        message: "store not built yet".into(),
    })
}
