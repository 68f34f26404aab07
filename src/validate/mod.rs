//! Stage 5: `validate`. Rules that look at more than one row: within one area
//! (the two sheets against each other, in [`area`]) and across the areas of a run
//! (configuration, duplicates, years, frames, in [`run`]).

pub mod area;
pub mod run;
pub mod similar;
