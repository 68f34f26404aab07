//! Stage 4a: `amount`. One cell → an exact amount, or the reason it is not one.
//!
//! Takes a grid [`Cell`] and returns a [`Reading`]; the caller (`parse`) turns
//! readings into findings with the cell's place. Never does float arithmetic: the
//! grid already holds numbers as `Decimal`, and text is parsed digit by digit.

use crate::finding::NotAmount;
use crate::grid::{Cell, Value};
use rust_decimal::Decimal;

/// The largest amount, frame or sum in tkr that any plausible budget holds: 10^12
/// tkr (a thousand billion kronor, far above a city's whole budget). A cell beyond
/// it is `invalid-amount`, a table sum beyond it too, and a frame beyond it an
/// invalid configuration. With every amount bounded so, no sum the tool computes
/// comes near `Decimal`'s limit (7.9 × 10^28), and the arithmetic is checked anyway.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);

/// True when `|v|` is at most [`MAX_AMOUNT`].
pub fn plausible(v: Decimal) -> bool {
    v.abs() <= MAX_AMOUNT
}

/// `a + b` when the result is a plausible amount (see [`MAX_AMOUNT`]): exact, so
/// that a sum is rounded once, at its end ([`at_excel_digits`]).
pub fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b).filter(|s| plausible(*s))
}

/// The sum of amounts that are each bounded (so it cannot overflow in practice);
/// saturating, so that not even an impossible input can make it panic. At Excel's
/// 15 significant digits, as [`add`].
pub fn total(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    at_excel_digits(
        values
            .into_iter()
            .fold(Decimal::ZERO, |sum, v| sum.saturating_add(v)),
    )
}

/// A sum of cell values as Excel shows and compares it: at 15 significant digits.
/// A cell holding a split amount (`=20000/3`) is read as 6666.66666666667, its
/// 15 digits, and three of them add up to 20000.00000000001 — a figure no one
/// wrote, which Excel shows as 20 000 and finds equal to its `Summa`. A sum that
/// 15 digits hold (every sum of amounts written with at most a few decimals) is
/// returned as it is, its scale kept. Rounded once, at the sum's end: each term
/// is within half a unit of its 15th digit of the value Excel holds, so a sum of
/// many such terms rounded at every step could drift from what Excel shows.
pub fn at_excel_digits(sum: Decimal) -> Decimal {
    // Fifteen digits of mantissa or fewer: nothing to round (the common case); a
    // sum beyond any budget is reported as it is.
    if sum.mantissa().unsigned_abs() < 1_000_000_000_000_000 || !plausible(sum) {
        return sum;
    }
    match sum.round_sf(crate::grid::EXCEL_DIGITS as u32) {
        Some(shown) if shown != sum => shown.normalize(),
        _ => sum,
    }
}

/// What an amount cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// No value (and no formula), or a formula whose result is empty text: counts as 0.
    Empty,
    Number {
        value: Decimal,
        formula: bool,
    },
    /// A number written as text; accepted with a `number-as-text` warning.
    Text {
        value: Decimal,
        text: String,
    },
    /// A formula whose value was never calculated.
    Uncalculated,
    Invalid(NotAmount),
}

impl Reading {
    /// The amount this reading stands for, when it stands for one.
    pub fn value(&self) -> Option<Decimal> {
        match self {
            Reading::Empty => Some(Decimal::ZERO),
            Reading::Number { value, .. } | Reading::Text { value, .. } => Some(*value),
            Reading::Uncalculated | Reading::Invalid(_) => None,
        }
    }

    pub fn is_filled(&self) -> bool {
        !matches!(self, Reading::Empty)
    }

    /// A formula cell storing exactly 0: maybe a placeholder for "never calculated".
    pub fn is_formula_zero(&self) -> bool {
        matches!(self, Reading::Number { value, formula: true } if value.is_zero())
    }
}

pub fn read(cell: Option<&Cell>) -> Reading {
    let Some(cell) = cell else {
        return Reading::Empty;
    };
    match &cell.value {
        Value::Empty => {
            if cell.formula {
                Reading::Uncalculated
            } else {
                Reading::Empty
            }
        }
        // A formula's calculated result that is an empty text (`=IF(B6>0;"";100)`,
        // stored as `t="str"` with an empty `<v></v>`) is an empty cell, not one
        // never calculated: that has no stored value at all (`Value::Empty`).
        Value::Text(t) if t.trim().is_empty() => Reading::Empty,
        Value::Number(d) if !plausible(*d) => Reading::Invalid(NotAmount::Implausible(*d)),
        Value::Number(d) => Reading::Number {
            value: *d,
            formula: cell.formula,
        },
        Value::HugeNumber(t) => Reading::Invalid(NotAmount::OutOfRange(t.clone())),
        Value::Text(t) => match text_amount(t) {
            Ok(value) if !plausible(value) => Reading::Invalid(NotAmount::Implausible(value)),
            Ok(value) => Reading::Text {
                value,
                text: t.trim().to_string(),
            },
            Err(e) => Reading::Invalid(e),
        },
        Value::Bool(b) => Reading::Invalid(NotAmount::Bool(*b)),
        Value::Date(d) => Reading::Invalid(NotAmount::Date(d.clone())),
        Value::Error(e) => Reading::Invalid(NotAmount::ErrorValue(e.clone())),
    }
}

/// A template amount written as text: a number ([`parse_text`]), also with the
/// template's unit after it (`800 tkr`).
pub fn text_amount(text: &str) -> Result<Decimal, NotAmount> {
    parse_text(text).or_else(|e| in_tkr(text).ok_or(e))
}

/// A number written as text with the template's own unit after it (`800 tkr`,
/// `1 200,5 tkr`): the number. Any other unit (`800 kr`) is no amount in tkr.
fn in_tkr(text: &str) -> Option<Decimal> {
    let key = crate::labels::normalize(text);
    match crate::labels::split_unit(&key) {
        (number, Some(crate::labels::Unit::Thousands)) => parse_text(number).ok(),
        _ => None,
    }
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Parses a number written as text in Swedish (`2 000,5`) or English (`2,000.5`,
/// `2000.5`) writing. `3,900` and `3.900` are refused as ambiguous.
pub fn parse_text(text: &str) -> Result<Decimal, NotAmount> {
    let original = text.trim();
    let invalid = || NotAmount::Text(original.to_string());
    let spaced = original.chars().any(is_group_space);
    let mut body: String = original
        .chars()
        .filter(|c| !is_group_space(*c))
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    let negative = body.starts_with('-');
    if negative || body.starts_with('+') {
        body.remove(0);
    }
    if body.is_empty()
        || !body.starts_with(|c: char| c.is_ascii_digit())
        || !body.ends_with(|c: char| c.is_ascii_digit())
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Err(invalid());
    }
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let digits_after = |sep: char| body.rsplit(sep).next().map_or(0, str::len);
    let canonical = match (commas, dots) {
        (0, 0) => body.clone(),
        (1, 0) | (0, 1) => {
            let sep = if commas == 1 { ',' } else { '.' };
            if !spaced && digits_after(sep) == 3 {
                return Err(NotAmount::Ambiguous(original.to_string()));
            }
            body.replace(',', ".")
        }
        // English grouping: `2,000.5`, `1,234,567`.
        (_, 0 | 1) if !spaced && dot_after_commas(&body) && english_groups(&body) => {
            body.replace(',', "")
        }
        _ => return Err(invalid()),
    };
    let value = Decimal::from_str_exact(&canonical).map_err(|_| invalid())?;
    Ok(if negative { -value } else { value })
}

fn dot_after_commas(body: &str) -> bool {
    match (body.rfind(','), body.find('.')) {
        (Some(comma), Some(dot)) => comma < dot,
        _ => true,
    }
}

fn english_groups(body: &str) -> bool {
    let int_part = body.split('.').next().unwrap_or("");
    let mut groups = int_part.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    first_ok && groups.all(|g| g.len() == 3)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_number_typed_with_the_template_s_unit_tkr_is_read_and_another_unit_is_not() {
        let text = |t: &str| {
            read(Some(&Cell {
                at: crate::location::CellRef::new(0, 0),
                value: Value::Text(t.into()),
                formula: false,
            }))
        };
        for (written, value) in [
            ("800 tkr", 800),
            ("800 TKR", 800),
            ("1 200 tkr", 1200),
            ("800 tusen kronor", 800),
        ] {
            match text(written) {
                Reading::Text { value: v, text } => {
                    assert_eq!(v, Decimal::from(value), "{written}");
                    assert_eq!(text, written, "the text as typed, for the message");
                }
                other => panic!("{written}: {other:?}"),
            }
        }
        for written in ["800 kr", "800 mnkr", "tkr", "800tkr"] {
            assert!(
                matches!(text(written), Reading::Invalid(NotAmount::Text(_))),
                "{written}"
            );
        }
    }

    #[test]
    fn a_sum_is_rounded_to_excel_digits_only_where_fifteen_digits_do_not_hold_it() {
        let d = |t: &str| t.parse::<Decimal>().expect("decimal");
        // Three thirds of 20 000 at 15 digits each.
        assert_eq!(at_excel_digits(d("20000.00000000001")), d("20000"));
        assert_eq!(at_excel_digits(d("5499.999999999996")), d("5500"));
        assert_eq!(at_excel_digits(d("-1500.000000000004")), d("-1500"));
        // Held by 15 digits: returned as it is, scale kept.
        assert_eq!(at_excel_digits(d("13000.00")).to_string(), "13000.00");
        assert_eq!(at_excel_digits(d("91510.125")).to_string(), "91510.125");
        assert_eq!(
            at_excel_digits(d("123456789012.345")).to_string(),
            "123456789012.345"
        );
        // A real difference stays one: a krona in a sum of a billion tkr.
        assert_ne!(at_excel_digits(d("1000000000.001")), d("1000000000"));
        assert_eq!(total([d("6666.66666666667"); 3]), d("20000"));
        assert_eq!(total([d("0.1"), d("0.2")]).to_string(), "0.3");
    }
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn swedish_and_english_number_text() {
        assert_eq!(parse_text("2 000"), Ok(d("2000")));
        assert_eq!(parse_text("2\u{a0}000,5"), Ok(d("2000.5")));
        assert_eq!(parse_text("2\u{202f}000,5"), Ok(d("2000.5")));
        assert_eq!(parse_text("2000.5"), Ok(d("2000.5")));
        assert_eq!(parse_text("2,000.5"), Ok(d("2000.5")));
        assert_eq!(parse_text("1,234,567"), Ok(d("1234567")));
        assert_eq!(parse_text("\u{2212}1 234,50"), Ok(d("-1234.50")));
        assert_eq!(parse_text("3 900,000"), Ok(d("3900")));
        assert_eq!(parse_text("0,25"), Ok(d("0.25")));
    }

    #[test]
    fn ambiguous_and_invalid_text_is_refused() {
        assert_eq!(
            parse_text("3,900"),
            Err(NotAmount::Ambiguous("3,900".into()))
        );
        assert_eq!(
            parse_text("3.900"),
            Err(NotAmount::Ambiguous("3.900".into()))
        );
        for bad in [
            "12 kr", "", "1e3", "1_000", "1.234,5", "ca 800", ".5", "5.", "NaN", "inf",
        ] {
            assert_eq!(parse_text(bad), Err(NotAmount::Text(bad.into())), "{bad}");
        }
    }

    /// The forms only a ledger report writes (read by `ledger::table`, whose unit
    /// and sign conventions are known) stay refused in a plan's template, where a
    /// unit, a trailing minus or a formula-like text is more likely a typo.
    #[test]
    fn the_ledgers_own_forms_stay_refused_in_a_template() {
        for text in [
            "1.234.567",
            "1 234,50-",
            "(1 234,50)",
            "1 234,50 kr",
            "kr 1 000,00",
            "1 000 kronor",
            "1,23456E+03",
            "=\"6550\"",
            "'6550",
        ] {
            assert_eq!(
                parse_text(text),
                Err(NotAmount::Text(text.into())),
                "{text}"
            );
        }
        assert_eq!(
            parse_text("1.234"),
            Err(NotAmount::Ambiguous("1.234".into()))
        );
    }

    #[test]
    fn amounts_beyond_any_budget_are_invalid() {
        assert_eq!(MAX_AMOUNT, d("1000000000000"));
        let cell = |value| Cell {
            at: crate::location::CellRef::new(0, 0),
            value,
            formula: false,
        };
        assert_eq!(
            read(Some(&cell(Value::Number(
                Decimal::from_scientific("5e28").unwrap_or_default()
            )))),
            Reading::Invalid(NotAmount::Implausible(
                Decimal::from_scientific("5e28").unwrap_or_default()
            ))
        );
        assert!(matches!(
            read(Some(&cell(Value::Number(-MAX_AMOUNT)))),
            Reading::Number { .. }
        ));
        assert_eq!(
            read(Some(&cell(Value::Text("2 000 000 000 000".into())))),
            Reading::Invalid(NotAmount::Implausible(d("2000000000000")))
        );
        assert_eq!(add(MAX_AMOUNT, Decimal::ONE), None);
        assert_eq!(add(Decimal::MAX, Decimal::ONE), None);
        assert_eq!(total([Decimal::MAX, Decimal::MAX]), Decimal::MAX);
    }

    #[test]
    fn cells_become_readings() {
        use crate::location::CellRef;
        let cell = |value, formula| Cell {
            at: CellRef::new(0, 0),
            value,
            formula,
        };
        assert_eq!(read(None), Reading::Empty);
        assert_eq!(read(Some(&cell(Value::Empty, true))), Reading::Uncalculated);
        assert_eq!(
            read(Some(&cell(Value::Text(String::new()), true))),
            Reading::Empty
        );
        assert!(read(Some(&cell(Value::Number(Decimal::ZERO), true))).is_formula_zero());
        assert_eq!(
            read(Some(&cell(Value::Bool(true), false))),
            Reading::Invalid(NotAmount::Bool(true))
        );
        assert_eq!(
            read(Some(&cell(Value::Error("#REF!".into()), false))),
            Reading::Invalid(NotAmount::ErrorValue("#REF!".into()))
        );
        assert_eq!(
            read(Some(&cell(Value::Text(" 2 000 ".into()), false))),
            Reading::Text {
                value: d("2000"),
                text: "2 000".into()
            }
        );
    }
}
