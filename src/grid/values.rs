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
    if let Some(d) = shortest_within_excel_digits(f) {
        return Value::Number(d);
    }
    at_excel_digits(f)
}

/// The exact way: `d.dddddddddddddde±x`, the binary value's exact expansion
/// rounded to 15 significant digits, then normalised.
fn at_excel_digits(f: f64) -> Value {
    let text = format!("{f:.prec$e}", prec = EXCEL_DIGITS - 1);
    match Decimal::from_scientific(&text) {
        Ok(d) => Value::Number(d.normalize()),
        // Beyond ±7.9e28, or smaller than 10^-28 (no amount is either).
        Err(_) if f.abs() < 1.0 => Value::Number(Decimal::ZERO),
        Err(_) => Value::HugeNumber(f.to_string()),
    }
}

/// The quick way for most amounts (`1234.56`): the float's shortest round-trip
/// text, when it has at most 15 significant digits, is the value at 15 digits.
/// A double lies within half an ulp of that text (at most 2^-53 ≈ 1.1·10^-16 of
/// the value), nearer than half a unit of the 15th digit (at least 5·10^-16 of
/// the value), so rounding the exact binary value to 15 digits gives that same
/// number, and it never ties. `None` for longer texts (`0.30000000000000004`)
/// and far from the amounts' range (Decimal's limits are then never near).
fn shortest_within_excel_digits(f: f64) -> Option<Decimal> {
    if !(1e-9..1e15).contains(&f.abs()) {
        return None;
    }
    let mut text = ShortText::new();
    std::fmt::Write::write_fmt(&mut text, format_args!("{f}")).ok()?;
    let text = text.as_str()?;
    let significant = text
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|b| *b == b'0')
        .count();
    if significant > EXCEL_DIGITS {
        return None;
    }
    text.parse::<Decimal>().ok().map(|d| d.normalize())
}

/// A float's shortest text, on the stack: within the range above it is at most
/// 28 bytes (`-0.000000001` and 17 digits); a longer one fails to write.
struct ShortText {
    bytes: [u8; 40],
    len: usize,
}

impl ShortText {
    fn new() -> Self {
        ShortText {
            bytes: [0; 40],
            len: 0,
        }
    }

    fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes[..self.len]).ok()
    }
}

impl std::fmt::Write for ShortText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let room = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        room.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick way gives what the exact way gives, wherever it answers: amounts
    /// as typed, sums as Excel stores them, and a spread of bit patterns.
    #[test]
    fn shortest_text_agrees_with_exact_rounding() {
        // As Excel stores them: typed amounts, sums with binary noise, the edges.
        let mut values: Vec<f64> = [
            "1234.56",
            "0.1",
            "2000.5",
            "4432946.73",
            "5201.2999999999993",
            "0.30000000000000004",
            "999999999999999.9",
            "123456789012345.6",
            "12345678901234.56",
            "0.00000000123456789012345",
            "-7.125",
            "1e-9",
            "99999999999999.95",
        ]
        .iter()
        .filter_map(|t| t.parse().ok())
        .collect();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..50_000 {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let f = f64::from_bits(x);
            values.push(f);
            // Amounts with few decimals, and just beside them.
            let cents = i64::try_from(x >> 24).unwrap_or(0) % 10_000_000_000;
            #[allow(clippy::float_arithmetic)]
            let amount = cents as f64 / 100.0;
            values.extend([amount, amount.next_up(), amount.next_down()]);
        }
        let mut quick = 0;
        for f in values
            .into_iter()
            .filter(|f| f.is_finite() && f.fract() != 0.0)
        {
            if let Some(d) = shortest_within_excel_digits(f) {
                quick += 1;
                assert_eq!(Value::Number(d), at_excel_digits(f), "{f:e}");
            }
        }
        assert!(quick > 25_000, "only {quick} took the quick way");
    }
}
