//! The words of a submission round (`rounds`): each submission's status, as the
//! sheet `Inlämningar` and the terminal say it, and the terminal line's heading;
//! each as [Swedish, English].

pub const RECEIVED: [&str; 2] = ["inkommen", "received"];
pub const LATE: [&str; 2] = ["inkommen efter sista dag", "received after the deadline"];
pub const EXPECTED: [&str; 2] = ["väntas", "expected"];
pub const MISSING: [&str; 2] = ["saknas", "missing"];
pub const SUPERSEDED: [&str; 2] = ["ersatt av nyare version", "replaced by a newer version"];
pub const HAS_ERRORS: [&str; 2] = ["har fel", "has errors"];
pub const OLDER_FORECAST: [&str; 2] = ["äldre prognos", "older forecast"];
pub const LATER_FORECAST: [&str; 2] = ["prognos för senare månad", "forecast for a later month"];

/// A status with the forecast's own month: `äldre prognos (2023-03)`.
pub fn with_month(status: &str, month: &str) -> String {
    format!("{status} ({month})")
}

/// The heading of the terminal line on missing, expected, late and other months'
/// submissions.
pub const SUBMISSIONS: [&str; 2] = ["Inlämningar", "Submissions"];
