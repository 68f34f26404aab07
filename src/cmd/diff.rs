//! `budget-consolidator diff OLD NEW`: what changed between two versions.

use super::Outcome;
use crate::error::Error;
use crate::lang::Lang;
use crate::settings::DiffSettings;

pub fn run(_s: &DiffSettings, _lang: Lang) -> Result<Outcome, Error> {
    Ok(Outcome { errors: false })
}
