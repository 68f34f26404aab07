//! Stage 5: `validate`. Rules that look at more than one row: within one area
//! (the two sheets against each other, in [`area`]) and across the areas of a run
//! (configuration, duplicates, years, frames, in [`run`]). Whether an area is
//! included, and why not, is decided here only ([`Inclusion`]).

pub mod area;
pub mod inclusion;
pub mod run;
pub mod similar;

pub use inclusion::Inclusion;
pub use run::name_area;
