//! Total and subtotal rows of a ledger table (`Summa;;;;1500,00`, `5410 Summa`,
//! `Totalt`): recognised in one place, [`Sums::total_row`], for CSV and workbook alike,
//! never summed, and compared exactly with the data rows above them.

use super::*;
use crate::finding::TotalMatch;

/// A table's total rows ([`Sums::total_row`]) and the running sums of the data rows
/// (amounts as written, before the unit) that each is compared with. `None`: a sum
/// beyond exact amounts, which makes the file unreadable only once a total row is
/// compared with it. One addition per data row: the sum since the start is added up
/// at each total row.
#[derive(Debug)]
pub(super) struct Totals {
    /// The data rows summed since the last total row (or the start).
    since_previous: Option<Decimal>,
    /// The data rows summed before the last total row.
    before_previous: Option<Decimal>,
    /// A total row was read (in this part of a file).
    seen: bool,
    /// The first total rows, named one by one.
    named: Vec<TotalRow>,
    /// Total rows past the named ones that are not the sum of the rows since the
    /// total row above them: kept, so that at the end of the reading each is either
    /// the sum of all rows above it (a grand total, counted in `more`) or named, as a
    /// named one would be. At most [`DOUBTFUL_ROWS`].
    doubtful: Vec<TotalRow>,
    /// The total rows past the named ones that matched, how many, and the first
    /// one's place (of all past the named).
    more: u64,
    more_at: Option<Place>,
    /// Of `more`, those past [`DOUBTFUL_ROWS`] that could not be compared.
    unchecked: u64,
}

/// The most total rows past the named ones kept for a comparison at the end (see
/// [`Totals::doubtful`]): a file with more than these, each not the sum of the rows
/// just above it, has most of its "totals" wrong or is no export.
const DOUBTFUL_ROWS: usize = 10_000;

#[derive(Debug)]
struct TotalRow {
    place: Place,
    label: String,
    /// `None`: no amount (see [`Kind::ActualsTotalRow`]).
    amount: Option<Decimal>,
    /// The sums when the row was read; in the second part of a file read on two
    /// threads, of that part only until [`Totals::absorb`].
    since_previous: Decimal,
    since_start: Decimal,
    /// A total row stands above this one (in its part, until joined).
    after_total: bool,
}

impl Default for Totals {
    fn default() -> Self {
        Totals {
            since_previous: Some(Decimal::ZERO),
            before_previous: Some(Decimal::ZERO),
            seen: false,
            named: Vec::new(),
            doubtful: Vec::new(),
            more: 0,
            more_at: None,
            unchecked: 0,
        }
    }
}

/// The longest label a finding quotes from a row (a total row's, a text row's).
const LABEL_CHARS: usize = 60;

/// A row's label as a finding quotes it: at most [`LABEL_CHARS`] characters.
pub(super) fn short_label(label: &str) -> String {
    match label.char_indices().nth(LABEL_CHARS) {
        Some((at, _)) => format!("{}…", &label[..at]),
        None => label.to_string(),
    }
}

impl Totals {
    /// A new sheet of a workbook begins: its total rows are compared with its own
    /// data rows.
    pub(super) fn new_sheet(&mut self) {
        self.since_previous = Some(Decimal::ZERO);
        self.before_previous = Some(Decimal::ZERO);
        self.seen = false;
    }

    /// A data row summed into the entries.
    pub(super) fn count(&mut self, amount: Decimal) {
        self.since_previous = self.since_previous.and_then(|s| s.checked_add(amount));
    }

    /// The data rows summed since the start.
    fn since_start(&self) -> Option<Decimal> {
        self.before_previous?.checked_add(self.since_previous?)
    }

    /// A total row; `false` when a sum it is compared with is beyond exact amounts.
    fn push(&mut self, place: Place, label: &str, amount: Option<Decimal>) -> bool {
        let after_total = std::mem::replace(&mut self.seen, true);
        let sums = (self.since_previous, self.since_start());
        self.before_previous = sums.1;
        self.since_previous = Some(Decimal::ZERO);
        let full = self.named.len() >= NAMED_ROWS;
        if full {
            self.more_at.get_or_insert(place);
            // The sum of the rows since the total row above: a subtotal that holds.
            if after_total && amount.is_some() && amount == sums.0 {
                self.more += 1;
                return true;
            }
        }
        let (Some(since_previous), Some(since_start)) = sums else {
            return false;
        };
        let row = TotalRow {
            place,
            label: short_label(label),
            amount,
            since_previous,
            since_start,
            after_total,
        };
        match full {
            false => self.named.push(row),
            true => self.keep_doubtful(row),
        }
        true
    }

    /// A total row past the named ones, compared at the end of the reading.
    fn keep_doubtful(&mut self, row: TotalRow) {
        match self.doubtful.len() < DOUBTFUL_ROWS {
            true => self.doubtful.push(row),
            false => {
                self.more += 1;
                self.unchecked += 1;
            }
        }
    }

    /// Joins the total rows of the part of a file that follows this one (read on its
    /// own thread): each one's sum since the start gains this part's, and a first
    /// total row of that part, whose previous total row (if any) is in this part,
    /// reaches back to it; `moved` makes a place of that part a place in the file.
    /// The result is the one-thread read's. `false`: a sum beyond exact amounts.
    pub(super) fn absorb(&mut self, other: Totals, moved: impl Fn(Place) -> Place) -> bool {
        let mut exact = true;
        // Where this part's rows were summed to: the other part's sums since its
        // start gain it.
        let offset = self.since_start();
        for mut t in other.named {
            t.place = moved(t.place);
            let previous = match t.after_total {
                true => Some(t.since_previous),
                false => self
                    .since_previous
                    .and_then(|p| p.checked_add(t.since_previous)),
            };
            let start = self
                .since_start()
                .and_then(|s| s.checked_add(t.since_start));
            let (Some(previous), Some(start)) = (previous, start) else {
                exact = false;
                continue;
            };
            t.since_previous = previous;
            t.since_start = start;
            t.after_total |= self.seen;
            if self.named.len() < NAMED_ROWS {
                self.named.push(t);
                continue;
            }
            self.more_at.get_or_insert(t.place);
            match TotalMatch::of(t.amount, t.after_total.then_some(previous), start) {
                TotalMatch::Subtotal => self.more += 1,
                _ => self.keep_doubtful(t),
            }
        }
        for mut t in other.doubtful {
            // Past the other part's named rows: a total row stands above each.
            let Some(start) = offset.and_then(|o| o.checked_add(t.since_start)) else {
                exact = false;
                continue;
            };
            t.place = moved(t.place);
            t.since_start = start;
            self.keep_doubtful(t);
        }
        self.more += other.more;
        self.unchecked += other.unchecked;
        if let Some(p) = other.more_at {
            self.more_at.get_or_insert(moved(p));
        }
        let add = |a: Option<Decimal>, b: Option<Decimal>| a?.checked_add(b?);
        (self.before_previous, self.since_previous) = match other.seen {
            true => (
                add(self.since_start(), other.before_previous),
                other.since_previous,
            ),
            false => (
                self.before_previous,
                add(self.since_previous, other.since_previous),
            ),
        };
        self.seen |= other.seen;
        exact
    }
}

/// Whether a field names a total (see [`crate::labels::LEDGER_TOTAL_WORDS`]):
/// compared as ASCII, case-insensitively, so that a CSV field needs no decoding.
pub(super) fn names_total(field: &[u8]) -> bool {
    let mut t = trim(field);
    while let [rest @ .., b':' | b'.' | b' '] = t {
        t = rest;
    }
    // Cheap first: every word starts with `s`, `d` or `t` and ends with `a`, `l` or `t`.
    let first = t.first().map(u8::to_ascii_lowercase);
    let last = t.last().map(u8::to_ascii_lowercase);
    if !matches!(first, Some(b's' | b'd' | b't')) && !matches!(last, Some(b'a' | b'l' | b't')) {
        return false;
    }
    crate::labels::LEDGER_TOTAL_WORDS.iter().any(|w| {
        let w = w.as_bytes();
        let n = w.len();
        t.eq_ignore_ascii_case(w)
            || (t.len() > n && t[..n].eq_ignore_ascii_case(w) && matches!(t[n], b' ' | b':'))
            || (t.len() > n
                && t[t.len() - n..].eq_ignore_ascii_case(w)
                && t[t.len() - n - 1] == b' ')
    })
}

impl Sums {
    /// Whether a row that has no month or no account (or an account that names a
    /// total) is a total row, and if so takes it: not summed, kept for an
    /// `actuals-total-row` finding. It is one when some field names a total
    /// ([`names_total`]), its amount column holds an amount, and nothing else is wrong
    /// with it: its period is a month, empty or itself names a total, and its amount
    /// and budget are amounts in range; or, without an amount (an empty cell, a
    /// formula with no stored value), when it has no month and no account. Anything
    /// else stays an `invalid-actuals-row`.
    /// `fields`: the row's fields as text with their columns, asked for only here.
    pub(super) fn total_row(
        &mut self,
        row: &Row<'_>,
        fields: impl FnOnce() -> Vec<(usize, String)>,
    ) -> bool {
        if let Err(period) = &row.period
            && !period.is_empty()
            && !names_total(period.as_bytes())
        {
            return false;
        }
        let fields = fields();
        let Some((_, label)) = fields
            .iter()
            .find(|(_, t)| names_total(t.trim().as_bytes()))
        else {
            return false;
        };
        // Labelled a total, with no month and no account (`Summa;;;`, `;;;Summa;`):
        // a total whatever its amount.
        // In a report by month the month is the column's, and the label may stand
        // where the account does (`Summa;;300;10`).
        let labelled = match self.month_column {
            None => row.period.is_err() && trim(row.account).is_empty(),
            Some(_) => trim(row.account).is_empty() || names_total(trim(row.account)),
        };
        let amount = match &row.amount {
            Ok(v) => Some(*v),
            // A total whose formula has no stored value: a total without its amount.
            Err((_, NotAmount::Uncalculated)) if labelled => None,
            Err(_) => return false,
        };
        let budget_ok = match &row.budget {
            None => true,
            Some(Ok(b)) => self.scale(*b).is_some(),
            Some(Err(_)) => false,
        };
        if !budget_ok || amount.is_some_and(|v| self.scale(v).is_none()) {
            return false;
        }
        let text = |col: Option<usize>| {
            fields
                .iter()
                .find(|(i, _)| Some(*i) == col)
                .map_or("", |(_, t)| t.trim())
        };
        let c = self.columns;
        let money = match self.month_column {
            Some((month, _)) => [Some(month), None, None],
            None => [c.amount, c.debit, c.credit],
        };
        let no_amount = money.iter().all(|at| text(*at).is_empty());
        // Without an amount only such a labelled row is a total: it carries no money,
        // and is compared with nothing.
        let amount = match no_amount {
            true if labelled => None,
            true => return false,
            false => amount,
        };
        // A month cell of a total row is named with its month.
        let label = match self.month_column {
            Some((_, Some((year, month)))) => {
                let name = crate::labels::month_name(month);
                format!("{} ({name} {year})", label.trim())
            }
            _ => label.trim().to_string(),
        };
        if !self.totals.push(row.place, &label, amount) {
            self.overflow = true;
            self.order_matters = true;
        }
        true
    }

    /// The findings of the total rows, at the end of a reading: the table's, and in
    /// a report with a column per month, each further month column's.
    /// A total row's month cells past the first column's that hold (a subtotal or
    /// a grand total) are counted in one note, not named one by one: a report's
    /// `Summa` row of twelve months is one named row and eleven counted.
    pub(super) fn total_findings(&mut self) {
        self.column_total_findings();
        let mut folded: Option<(Place, u64)> = None;
        for i in 0..self.month_totals.len() {
            let totals = &mut self.month_totals[i];
            let (holds, named): (Vec<TotalRow>, Vec<TotalRow>) = std::mem::take(&mut totals.named)
                .into_iter()
                .partition(|t| {
                    matches!(
                        TotalMatch::of(
                            t.amount,
                            t.after_total.then_some(t.since_previous),
                            t.since_start,
                        ),
                        TotalMatch::Subtotal | TotalMatch::GrandTotal
                    )
                });
            totals.named = named;
            if let Some(first) = holds.first() {
                let f = folded.get_or_insert((first.place, 0));
                f.1 += holds.len() as u64;
            }
            std::mem::swap(&mut self.totals, &mut self.month_totals[i]);
            self.column_total_findings();
            std::mem::swap(&mut self.totals, &mut self.month_totals[i]);
        }
        if let Some((place, rows)) = folded {
            let kind = Kind::MoreActualsTotalRows { rows, unchecked: 0 };
            let finding = Finding::new(kind).in_file(&self.file);
            let finding = self.placed(finding, place);
            self.findings.push(finding);
        }
    }

    /// The findings of the total rows compared with one column.
    fn column_total_findings(&mut self) {
        // Past the named ones, a grand total is counted; any other is named.
        let doubtful = std::mem::take(&mut self.totals.doubtful);
        let (grand, named): (Vec<TotalRow>, Vec<TotalRow>) = doubtful.into_iter().partition(|t| {
            TotalMatch::of(
                t.amount,
                t.after_total.then_some(t.since_previous),
                t.since_start,
            ) == TotalMatch::GrandTotal
        });
        self.totals.more += grand.len() as u64;
        let mut rows = std::mem::take(&mut self.totals.named);
        rows.extend(named);
        for t in rows {
            let finding = Finding::new(Kind::ActualsTotalRow {
                label: t.label,
                amount: t.amount,
                since_previous: t.after_total.then_some(t.since_previous),
                since_start: t.since_start,
            })
            .in_file(&self.file);
            let finding = self.placed(finding, t.place);
            self.findings.push(finding);
        }
        if let Some(place) = self.totals.more_at.filter(|_| self.totals.more > 0) {
            let (rows, unchecked) = (self.totals.more, self.totals.unchecked);
            let finding =
                Finding::new(Kind::MoreActualsTotalRows { rows, unchecked }).in_file(&self.file);
            let finding = self.placed(finding, place);
            self.findings.push(finding);
        }
    }
}
