//! One integration-test binary: every test builds its input in code (or uses the
//! committed sample and fixtures) and runs the real `budget-consolidator` binary.

mod harness;

mod hostile;

mod accounting;
mod audit;
mod board;
mod cli;
mod codes;
mod containers;
mod damage;
mod determinism;
mod feedback;
mod files;
mod fixtures;
mod follow_up;
mod lead;
mod ledger;
mod libreoffice;
mod office;
mod property;
mod rounds;
mod scale;
mod seed;
mod submissions;
mod template;
mod values;
mod wrong_kind;
