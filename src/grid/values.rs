//! A calamine cell value as our [`Value`]: numbers as exact decimals at Excel's
//! fifteen digits, dates as ISO text, errors as their literal.

use super::Value;
use calamine::{Data, DataRef};
use rust_decimal::Decimal;

/// Significant digits Excel shows, compares and prints a number with.
pub const EXCEL_DIGITS: usize = 15;

/// A float from a cell as a decimal, the way Excel itself reads it: at 15
/// significant digits, then normalised. Excel stores a formula's cached result
/// with full binary precision (`=4000.7+1200.6` is stored as `5201.2999999999993`,
/// `=0.1+0.2` as `0.30000000000000004`) but shows and compares only 15 digits, so
/// that is the number the area lead sees and means. A whole number below 2^53 (most
/// amounts) converts exactly; any other value is rounded to 15 significant digits
/// by the standard library's exact decimal formatting (round half to even on the
/// binary value's exact expansion), so `1234.56` stays `1234.56`. No arithmetic on
/// the value. This is the one place where a cell's binary float is looked at.
pub(super) fn float_value(f: f64) -> Value {
    if !f.is_finite() {
        return Value::HugeNumber(f.to_string());
    }
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        // Exact: the value is an integer that i64 holds.
        return Value::Number(Decimal::from(f as i64));
    }
    // `d.dddddddddddddde±x`: the value at 15 significant digits.
    let text = format!("{f:.prec$e}", prec = EXCEL_DIGITS - 1);
    match Decimal::from_scientific(&text) {
        Ok(d) => Value::Number(d.normalize()),
        // Beyond ±7.9e28, or smaller than 10^-28 (no amount is either).
        Err(_) if f.abs() < 1.0 => Value::Number(Decimal::ZERO),
        Err(_) => Value::HugeNumber(f.to_string()),
    }
}

/// A date cell as ISO text, converted by calamine, which knows the workbook's date
/// system (1900 or 1904) and Excel's 1900 leap-year bug.
pub(super) fn excel_date(dt: &calamine::ExcelDateTime) -> Value {
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    Value::Date(format!("{y:04}-{m:02}-{d:02}"))
}

pub(super) fn error_text(e: &calamine::CellErrorType) -> Value {
    Value::Error(e.to_string())
}

pub(super) fn value_ref(v: &DataRef<'_>) -> Value {
    match v {
        DataRef::Empty => Value::Empty,
        DataRef::Int(i) => Value::Number(Decimal::from(*i)),
        DataRef::Float(f) => float_value(*f),
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text((*s).to_string()),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(dt) => excel_date(dt),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Date(s.clone()),
        DataRef::Error(e) => error_text(e),
    }
}

pub(super) fn value(v: &Data) -> Value {
    match v {
        Data::Empty => Value::Empty,
        Data::Int(i) => Value::Number(Decimal::from(*i)),
        Data::Float(f) => float_value(*f),
        // ods stores error cells as text (calamine 0.38): keep them errors.
        Data::String(s) if is_error_literal(s) => Value::Error(s.clone()),
        Data::String(s) => Value::Text(s.clone()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => excel_date(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Date(s.clone()),
        Data::Error(e) => error_text(e),
    }
}

pub(super) fn is_error_literal(s: &str) -> bool {
    matches!(
        s,
        "#DIV/0!"
            | "#N/A"
            | "#NAME?"
            | "#NULL!"
            | "#NUM!"
            | "#REF!"
            | "#VALUE!"
            | "Err:502"
            | "Err:504"
            | "Err:508"
            | "Err:522"
    )
}
