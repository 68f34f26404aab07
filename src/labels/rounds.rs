//! The words of a submission round (`rounds`): each submission's status, as the
//! sheet `Inlämningar` and the terminal say it, and the terminal line's heading;
//! each as [Swedish, English].

pub const RECEIVED: [&str; 2] = ["inkommen", "received"];
pub const LATE: [&str; 2] = ["inkommen efter sista dag", "received after the deadline"];
pub const EXPECTED: [&str; 2] = ["väntas", "expected"];
pub const MISSING: [&str; 2] = ["saknas", "missing"];
pub const SUPERSEDED: [&str; 2] = ["ersatt av nyare version", "replaced by a newer version"];
pub const HAS_ERRORS: [&str; 2] = ["har fel", "has errors"];

/// The heading of the terminal line on missing, expected and late submissions.
pub const SUBMISSIONS: [&str; 2] = ["Inlämningar", "Submissions"];
