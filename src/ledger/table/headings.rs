//! The headings of a report with a column per month: which month a header cell
//! names and what its cells hold (`jan 2023`, `Utfall jan 2023`, `Budget 2023-01`),
//! and a header of two rows joined into one (the figure over its block of months).
//! [`Columns::from_header`] reads the header with them.

use super::columns::{is_other_figure, is_row_total, role_of_word};
use super::*;

/// What separates the words of a heading (`Utfall: jan-23`, `jan 2023 (budget)`).
pub(super) const SEPARATORS: &[char] = &[' ', '\u{a0}', ':', '-', '(', ')', '/', ',', '.'];

/// A header row's texts by column.
pub(super) type Heads = Vec<(usize, String)>;

/// The text of a header's column (trimmed; empty when the column has none).
pub(super) fn head_text(heads: &Heads, col: usize) -> String {
    (heads.iter())
        .find(|(c, _)| *c == col)
        .map_or(String::new(), |(_, t)| t.trim().to_string())
}

/// What a month column of a report by month holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Figure {
    Actual,
    Budget,
}

/// A header cell that names a month, and what its cells hold: the month alone
/// (`Jan`, `2023-01`, `jan 2023`: the actuals), or with the figure's word before
/// or after it (`Utfall jan 2023`, `Budget 2023-01`, `jan-23 budget`, `Actual
/// (Jan 2023)`), and with a unit after it (`jan 2023 (tkr)`).
pub(super) fn month_heading(t: &str) -> Option<(Figure, Option<i32>, u8)> {
    // Every word of letters a month's name (`2023-01 Prognos` is another figure),
    // and one month and one year at most (`jan-apr 2023`, `2023-01 - 2023-04` are
    // spans of months).
    let month = |t: &str| {
        let words = || {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
        };
        let letters = || words().filter(|w| w.chars().all(char::is_alphabetic));
        let years = words()
            .filter(|w| matches!(w.len(), 4 | 6 | 8) && w.bytes().all(|b| b.is_ascii_digit()));
        let one_month = letters().all(|w| fields::month_of_name(w).is_some())
            && letters().count() <= 1
            && years.count() <= 1;
        match fields::month_of_name(t) {
            _ if !one_month => None,
            Some(month) => Some((None, month)),
            None => (fields::named_month(t).or_else(|| parse_period(t)))
                .map(|(year, month)| (Some(year), month)),
        }
    };
    let heading = |t: &str| match figure_split(t) {
        Some((figure, rest)) => month(rest).map(|(year, m)| (figure, year, m)),
        None => month(t).map(|(year, m)| (Figure::Actual, year, m)),
    };
    // The unit after the month (`jan 2023 (tkr)`, `Utfall jan, kr`): the month's
    // (its unit is checked as a money column's is, [`Columns::wrong_unit`]).
    heading(t).or_else(|| {
        let key = crate::labels::normalize(t);
        match crate::labels::split_unit(&key) {
            (base, Some(_)) => heading(base),
            (_, None) => None,
        }
    })
}

/// A header's figure word, first or last (`Utfall …`, `… budget`, `… (utfall)`),
/// and the rest of the header.
pub(super) fn figure_split(t: &str) -> Option<(Figure, &str)> {
    let t = t.trim_matches(SEPARATORS);
    let first = t.find(SEPARATORS).map(|at| (&t[..at], &t[at..]));
    let last = (t.char_indices().rev())
        .find(|(_, c)| SEPARATORS.contains(c))
        .map(|(at, c)| (&t[at + c.len_utf8()..], &t[..at]));
    [first, last]
        .into_iter()
        .flatten()
        .find_map(|(word, rest)| {
            let rest = rest.trim_matches(SEPARATORS);
            Some((figure(word)?, rest)).filter(|_| !rest.is_empty())
        })
}

/// The figure a word names in a month's heading: `Utfall`, `Belopp`, `Actual`,
/// `Utf.` the actuals; `Budget`, `Bud.` the budget.
fn figure(word: &str) -> Option<Figure> {
    let word = crate::labels::normalize(word);
    let word = word.trim_matches(['.', ':', '(', ')', ' ']);
    match role_of_word(word) {
        Some(AMOUNT) => Some(Figure::Actual),
        Some(BUDGET) => Some(Figure::Budget),
        _ => match word {
            "utf" => Some(Figure::Actual),
            "bud" | "bu" => Some(Figure::Budget),
            _ => None,
        },
    }
}

/// A header of two rows, as a report writes the figure over its block of months
/// (`Utfall` over `jan 2023;feb 2023;…`, `Budget` over the next block, one cell
/// each, often merged across the block) or the month over its figures (`jan 2023`
/// over `Utfall;Budget`): each header cell of `own` with its group of the row
/// `above` (the nearest filled cell at or left of its column), as one heading —
/// `Utfall jan 2023`, `Budget jan 2023` (and `Budget Totalt` for a total under
/// the budget's block). A cell of `own` that is empty takes the
/// text above it (`Konto` written in the upper row). `None` when no month and
/// figure are so joined: then the row above is no part of the header.
pub(super) fn two_row_header(above: &Heads, own: &Heads) -> Option<Heads> {
    let is_month = |t: &str| month_heading(t).is_some() && figure_split(t).is_none();
    // `Utfall`, `Budget 2023`: a figure (and a year) over a block of months; or
    // another figure (`Utfall ack`, `Prognos`, `Avvikelse`), whose months are then
    // no months of actuals or budget and are not read.
    let is_figure = |t: &str| {
        let norm = crate::labels::normalize(t);
        let mut words = norm.split(SEPARATORS).filter(|w| !w.is_empty());
        words.any(|w| figure(w).is_some() || (is_other_figure(w) && w != "år"))
    };
    let group = |col: usize| {
        (above.iter())
            .filter(|(c, t)| *c <= col && !t.trim().is_empty())
            .max_by_key(|(c, _)| *c)
            .map_or(String::new(), |(_, t)| t.trim().to_string())
    };
    let mut cols: Vec<usize> = above.iter().chain(own).map(|(c, _)| *c).collect();
    cols.sort_unstable();
    cols.dedup();
    let mut joined = false;
    let texts = cols
        .into_iter()
        .map(|col| {
            let (own, group) = (head_text(own, col), group(col));
            let t = match own.as_str() {
                "" => head_text(above, col),
                o if (is_month(o) || is_row_total(o)) && is_figure(&group) => {
                    format!("{group} {o}")
                }
                o if figure(o).is_some() && is_month(&group) => format!("{o} {group}"),
                o => o.to_string(),
            };
            joined |= !own.is_empty() && t != own;
            (col, t)
        })
        .collect();
    joined.then_some(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_of_months_or_another_figure_is_no_month_heading() {
        for t in [
            "Utfall 2023-01--2023-04",
            "Utfall 2023-01 - 2023-04",
            "Utfall jan-apr 2023",
            "Utfall 202301-202304",
            "Ack utfall 2023-04",
            "Utfall ack 2023-04",
            "Budget helår 2023",
            "Prognos 2023-12",
            "Budget 2023",
        ] {
            assert_eq!(month_heading(t), None, "{t}");
        }
        for (t, figure, month) in [
            ("Utfall 2023-04", Figure::Actual, 4),
            ("2023-04 (budget)", Figure::Budget, 4),
            ("Bud. april 2023", Figure::Budget, 4),
            ("apr-23", Figure::Actual, 4),
        ] {
            assert_eq!(month_heading(t), Some((figure, Some(2023), month)), "{t}");
        }
    }
}
