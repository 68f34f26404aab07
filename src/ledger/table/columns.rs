//! The header of a ledger table: which column each header cell names (by its
//! first word, unless a later word makes it another figure, another currency or a
//! column of names), and the table's [`Columns`] as found in its header row — for
//! the CSV and the workbook readers alike. It reads no rows.

use super::headings::{Figure, figure_split, month_heading};
use super::*;

/// The columns of a ledger table, as found in its header.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Columns {
    pub(super) period: Option<usize>,
    pub(super) account: Option<usize>,
    pub(super) project: Option<usize>,
    pub(super) amount: Option<usize>,
    pub(super) budget: Option<usize>,
    /// `År`: the year of a period written as its month alone (`4`, `april`).
    pub(super) year: Option<usize>,
    /// `Debet` and `Kredit`: the amount is their difference when there is no `Belopp`.
    pub(super) debit: Option<usize>,
    pub(super) credit: Option<usize>,
    /// The header's number of fields (a CSV row with a non-empty field past them
    /// is named).
    pub(super) width: usize,
    /// Two columns that both name what a row's money is read from (`Belopp` and
    /// `Utfall`, two `Budget`): which one counts cannot be told, so the table is
    /// not read ([`Columns::ambiguous`]).
    pub(super) doubled: Option<Doubled>,
    /// Header cells that name a month (`Jan`, `april`, `2023-01`, `jan-23`): a report
    /// with a column per month, read as such when [`Columns::by_month`] says so.
    pub(super) months: usize,
    /// The first [`MONTH_COLUMNS`] of those cells, in the header's order.
    pub(super) month_columns: [Option<MonthColumn>; MONTH_COLUMNS],
    /// See [`Columns::by_month`].
    by_month: bool,
    /// A column that totals the months (`Totalt`, `Summa`, `Helår`), compared with
    /// each row's month cells in a report by month; never summed.
    pub(super) row_total: Option<usize>,
    /// The same for the budget's month cells (`Budget totalt`, `Budget helår`).
    pub(super) budget_row_total: Option<usize>,
}

/// A month of a report with a column per month: the header cell that names it,
/// the month, and its year when the header writes one (`2023-01`, `jan 2023`);
/// without one (`Jan`) the year is the row's `År`. A report may have the month's
/// budget beside its actuals (`Utfall jan 2023`, `Budget jan 2023`): one month,
/// two cells.
#[derive(Debug, Clone, Copy)]
pub(super) struct MonthColumn {
    /// The actuals' cell (`jan 2023`, `Utfall jan 2023`), or the budget's when
    /// the report has no actuals column for the month: the cell a row of the
    /// month is named by.
    pub(super) col: usize,
    /// Whether `col` holds the month's actuals (else only its budget).
    pub(super) actual: bool,
    /// The budget's cell (`Budget jan 2023`), when the report has one.
    pub(super) budget: Option<usize>,
    pub(super) year: Option<i32>,
    pub(super) month: u8,
}

/// Two header cells that claim one column a row's money is read from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Doubled {
    /// The column's name (`Belopp`, `Budget`, `Debet`, `Kredit`).
    pub(super) role: &'static str,
    /// The two cells' column numbers, in order.
    pub(super) at: [usize; 2],
}

pub(super) const PERIOD: &str = "Period";
pub(super) const ACCOUNT: &str = "Konto";
pub(super) const PROJECT: &str = "Projekt";
pub(super) const AMOUNT: &str = "Belopp";
pub(super) const BUDGET: &str = "Budget";
pub(super) const DEBIT: &str = "Debet";
pub(super) const CREDIT: &str = "Kredit";
/// A date column (`Datum`, `Bokföringsdatum`): the period when there is no `Period`.
pub(super) const DATE: &str = "Datum";
pub(super) const YEAR: &str = "År";

impl Columns {
    /// Which column a header cell names, if any: by its first word (`Belopp kr`,
    /// `Utfall (SEK)`), unless a later word makes it another figure — the previous
    /// year's, an accumulated or full-year one, a forecast or a deviation (`Utfall
    /// fg år`, `Utfall ack`, `Budget helår`), which would be summed as the wrong
    /// thing.
    pub(super) fn classify(text: &str) -> Option<&'static str> {
        Columns::classify_spelling(text).map(|(role, _)| role)
    }

    /// [`Columns::classify`], and whether the header names an account's or
    /// project's code explicitly (`Kontonr`, `Projektnummer`, `Project ID`): such a
    /// column is read before a plain `Projekt` beside it, which may hold names. A
    /// name column (`Account name`, `Projekt (namn)`, `Konto benämning`) names none.
    fn classify_spelling(text: &str) -> Option<(&'static str, bool)> {
        let norm = crate::labels::normalize(text);
        let norm = norm.trim_end_matches([' ', '.', ':']);
        let mut words = norm
            .split([' ', '(', ')', '/', '-', ','])
            .filter(|w| !w.is_empty())
            .peekable();
        let mut word = words.next().unwrap_or("");
        if is_qualifier(word) && words.peek().is_some() {
            word = words.next().unwrap_or("");
        }
        let rest: Vec<&str> = words.map(|w| w.trim_end_matches('.')).collect();
        if rest.iter().any(|w| is_other_figure(w)) {
            return None;
        }
        // `År-mån`, `År/månad`, `År mnd`, `Year/Month`: the year and the month in one
        // column, the period — not a year column.
        if matches!(word, "år" | "year") && rest.first().is_some_and(|w| is_month_word(w)) {
            return Some((PERIOD, false));
        }
        let role = role_of_word(word)?;
        // An amount in a currency other than the ledger's own (`Belopp i
        // dokumentvaluta`, `Belopp EUR`, `Amount in doc. curr.`) is not the cost:
        // the local one beside it is (`Belopp i lokal valuta`, `Belopp SEK`).
        if matches!(role, AMOUNT | BUDGET | DEBIT | CREDIT)
            && rest.iter().any(|w| is_foreign_currency(w))
            && !rest.iter().any(|w| is_local_currency(w))
        {
            return None;
        }
        if !matches!(role, ACCOUNT | PROJECT) {
            return Some((role, false));
        }
        if rest.iter().any(|w| is_name_word(w)) {
            return None;
        }
        let code = is_code_spelling(word) || rest.iter().any(|w| is_code_word(w));
        Some((role, code))
    }

    pub(super) fn from_header<'a>(cells: impl Iterator<Item = (usize, &'a str)>) -> Columns {
        let mut c = Columns::default();
        let mut date = None;
        // The first cell claimed twice, of each column that holds money.
        let mut twice: Vec<Doubled> = Vec::new();
        // The account and project columns taken are named as codes.
        let mut coded = [false; 2];
        let cells: Vec<(usize, &str)> = cells.collect();
        // A table with a period is no report by month: there `Utfall april` is
        // its amount's header, as it always was.
        let periodic =
            (cells.iter()).any(|(_, t)| matches!(Columns::classify(t), Some(PERIOD | DATE)));
        let mut budgets: Vec<(usize, Option<i32>, u8)> = Vec::new();
        for (i, text) in cells {
            c.width = c.width.max(i + 1);
            let t = text.trim();
            match month_heading(t).filter(|_| !periodic) {
                Some((Figure::Actual, year, month)) => {
                    c.push_month(MonthColumn {
                        col: i,
                        actual: true,
                        budget: None,
                        year,
                        month,
                    });
                    continue;
                }
                Some((Figure::Budget, year, month)) => {
                    budgets.push((i, year, month));
                    continue;
                }
                None => {}
            }
            let spelling = Columns::classify_spelling(text);
            // A total of one figure's months (`Budget totalt`, `Utfall 2023 Summa`).
            if let Some((figure, rest)) = figure_split(t)
                && is_row_total(rest)
            {
                match figure {
                    Figure::Actual => c.row_total.get_or_insert(i),
                    Figure::Budget => c.budget_row_total.get_or_insert(i),
                };
                continue;
            }
            if spelling.is_none() && is_row_total(t) {
                c.row_total.get_or_insert(i);
                continue;
            }
            let role = spelling.map(|(role, _)| role);
            let code = spelling.is_some_and(|(_, code)| code);
            // A column named as the code is read before a plain one beside it.
            let taken = match role {
                Some(ACCOUNT) => Some((&mut c.account, &mut coded[0])),
                Some(PROJECT) => Some((&mut c.project, &mut coded[1])),
                _ => None,
            };
            if let Some((slot, coded)) = taken
                && (slot.is_none() || (code && !*coded))
            {
                *slot = Some(i);
                *coded = code;
                continue;
            }
            let slot = match role {
                Some(DATE) => &mut date,
                Some(PERIOD) => &mut c.period,
                Some(ACCOUNT) => &mut c.account,
                Some(PROJECT) => &mut c.project,
                Some(AMOUNT) => &mut c.amount,
                Some(BUDGET) => &mut c.budget,
                Some(YEAR) => &mut c.year,
                Some(DEBIT) => &mut c.debit,
                Some(CREDIT) => &mut c.credit,
                _ => continue,
            };
            match (*slot, role) {
                (Some(first), Some(role @ (AMOUNT | BUDGET | DEBIT | CREDIT)))
                    if !twice.iter().any(|d| d.role == role) =>
                {
                    twice.push(Doubled {
                        role,
                        at: [first, i],
                    })
                }
                _ => {}
            }
            slot.get_or_insert(i);
        }
        // A booking date gives the month when the report has no period of its own.
        c.period = c.period.or(date);
        // `Debet` and `Kredit` are read only when there is no `Belopp`.
        let read = |role: &str| match role {
            DEBIT | CREDIT => c.amount.is_none(),
            _ => true,
        };
        c.doubled = twice.into_iter().find(|d| read(d.role));
        c.pair_budgets(&budgets);
        // A budget's total beside months of actuals alone (`Budget helår` beside
        // `jan…mar`) is the year's budget, no total of months: not compared.
        if c.month_columns().all(|m| m.budget.is_none()) {
            c.budget_row_total = None;
        }
        c.by_month = c.reads_by_month();
        if c.by_month {
            c.doubled = c.doubled.or_else(|| c.month_twice());
        }
        c
    }

    /// A month column of the header (at most [`MONTH_COLUMNS`] are kept; all are
    /// counted).
    fn push_month(&mut self, m: MonthColumn) {
        if let Some(slot) = self.month_columns.get_mut(self.months) {
            *slot = Some(m);
        }
        self.months += 1;
    }

    /// Each budget month cell (`Budget jan 2023`: column, year, month) beside its
    /// month's actuals cell, or a month of its own when the report has no actuals
    /// cell for it (the budget of the year, the actuals to date). A month's
    /// budget named twice cannot be read.
    fn pair_budgets(&mut self, budgets: &[(usize, Option<i32>, u8)]) {
        for &(col, year, month) in budgets {
            let same = |m: &&mut MonthColumn| (m.year, m.month) == (year, month);
            match self.month_columns.iter_mut().flatten().find(same) {
                Some(m) if m.budget.is_none() => m.budget = Some(col),
                Some(m) => {
                    let first = m.budget.unwrap_or(col);
                    self.doubled.get_or_insert(Doubled {
                        role: BUDGET,
                        at: [first, col],
                    });
                }
                None => self.push_month(MonthColumn {
                    col,
                    actual: false,
                    budget: Some(col),
                    year,
                    month,
                }),
            }
        }
    }

    /// Whether the table is a report with a column per month (`Konto;Projekt;jan
    /// 2023;feb 2023;…`), each filled month cell a row of its own: at least two
    /// month columns and at most [`MONTH_COLUMNS`], no period, date or amount column,
    /// and the year of every month known — from every month's header, or from a
    /// year column (`År`) when no header writes one.
    pub(super) fn by_month(&self) -> bool {
        self.by_month
    }

    /// [`Columns::by_month`], from the header's columns.
    fn reads_by_month(&self) -> bool {
        let years = self.month_columns().filter(|m| m.year.is_some()).count();
        (2..=MONTH_COLUMNS).contains(&self.months)
            && self.period.is_none()
            && self.amount_at().is_none()
            && self.credit.is_none()
            && self.budget.is_none()
            && (years == self.months || (years == 0 && self.year.is_some()))
    }

    /// The month columns, in the header's order.
    pub(super) fn month_columns(&self) -> impl Iterator<Item = MonthColumn> + '_ {
        self.month_columns.iter().flatten().copied()
    }

    /// The first month that two header cells name (`Jan` twice, or `2023-01` and
    /// `jan 2023`): which one counts cannot be told.
    fn month_twice(&self) -> Option<Doubled> {
        let months: Vec<MonthColumn> = self.month_columns().collect();
        months.iter().enumerate().find_map(|(i, a)| {
            let b = months[i + 1..]
                .iter()
                .find(|b| (b.year, b.month) == (a.year, a.month))?;
            Some(Doubled {
                role: crate::labels::month_name(a.month),
                at: [a.col, b.col],
            })
        })
    }

    /// The period of a month column's cell: its header's year, else the row's
    /// year cell (`year`); `Err` the year cell's text when it is no year.
    pub(super) fn month_period(&self, m: MonthColumn, year: &str) -> Result<(i32, u8), String> {
        match m.year {
            Some(y) => Ok((y, m.month)),
            None => fields::year_of(year)
                .map(|y| (y, m.month))
                .ok_or_else(|| year.trim().to_string()),
        }
    }

    /// The two header cells that claim one money column, with their texts as
    /// `text` gives them by column, as an `unreadable-actuals` reason.
    pub(super) fn ambiguous(&self, text: impl Fn(usize) -> String) -> Option<UnreadableActuals> {
        let d = self.doubled?;
        Some(UnreadableActuals::AmbiguousColumns {
            role: d.role.to_string(),
            columns: (d.at.iter())
                .map(|&i| (crate::location::column_letters(i as u32), text(i)))
                .collect(),
        })
    }

    /// A money column (or a month's) whose header names another unit than the one
    /// the actuals are read in (`Belopp (tkr)` while they are read in kronor,
    /// `Belopp, mnkr`, `jan 2023 (tkr)`),
    /// with its text as `text` gives it: its column, and the `unreadable-actuals`
    /// reason — read as it stands, every amount would be 1 000 times off.
    pub(super) fn wrong_unit(
        &self,
        text: impl Fn(usize) -> String,
        unit: Unit,
    ) -> Option<(usize, UnreadableActuals)> {
        use crate::labels::Unit as Named;
        let money = match self.amount {
            Some(amount) => [Some(amount), None, self.budget],
            None => [self.debit, self.credit, self.budget],
        };
        let months = self.month_columns().flat_map(|m| [Some(m.col), m.budget]);
        money.into_iter().chain(months).flatten().find_map(|col| {
            let header = text(col);
            let key = crate::labels::normalize(&header);
            let named = crate::labels::split_unit(&key).1?;
            let agrees = matches!(
                (named, unit),
                (Named::Kronor, Unit::Kronor) | (Named::Thousands, Unit::Tkr)
            );
            let why = UnreadableActuals::UnitMismatch {
                header,
                named,
                tkr: unit == Unit::Tkr,
            };
            (!agrees).then_some((col, why))
        })
    }

    /// Why a file whose best header candidate is this one was not read: a report
    /// with a column per month, or the columns it lacks.
    pub(super) fn not_found(&self) -> UnreadableActuals {
        match self.months {
            2.. if !self.by_month() => UnreadableActuals::MonthColumns {
                months: self.months,
                without_year: self.period.is_none()
                    && self.amount_at().is_none()
                    && self.credit.is_none()
                    && self.year.is_none()
                    && self.month_columns().all(|m| m.year.is_none()),
            },
            _ => UnreadableActuals::MissingColumns {
                missing: self.missing(),
            },
        }
    }

    pub(super) fn missing(&self) -> Vec<String> {
        // A report with a column per month has its periods and amounts in them.
        let by_month = self.by_month().then_some(0);
        [
            (self.period.or(by_month), PERIOD),
            (self.account, ACCOUNT),
            (self.project, PROJECT),
            (
                self.amount.or(self.debit.and(self.credit)).or(by_month),
                AMOUNT,
            ),
        ]
        .into_iter()
        .filter(|(at, _)| at.is_none())
        .map(|(_, name)| name.to_string())
        .collect()
    }

    pub(super) fn found(&self) -> usize {
        4 - self.missing().len()
    }

    /// The column a row's amount is read from (for `Debet` and `Kredit`, the first).
    pub(super) fn amount_at(&self) -> Option<usize> {
        self.amount.or(self.debit)
    }

    /// Every column read, by its number.
    pub(super) fn read(&self) -> impl Iterator<Item = usize> {
        [
            self.period,
            self.account,
            self.project,
            self.amount,
            self.budget,
            self.year,
            self.debit,
            self.credit,
        ]
        .into_iter()
        .flatten()
        .chain(
            self.month_columns()
                .flat_map(|m| [Some(m.col), m.budget])
                .flatten(),
        )
    }

    /// A row's amount and the column it is named by: `Belopp`, or `Debet` − `Kredit`
    /// when the table has those instead (an empty one is 0); `read` reads a column.
    pub(super) fn amount(
        &self,
        read: impl Fn(Option<usize>) -> Result<Decimal, (String, NotAmount)>,
    ) -> (Result<Decimal, (String, NotAmount)>, &'static str) {
        if self.amount.is_some() {
            return (read(self.amount), AMOUNT);
        }
        let debit = match read(self.debit) {
            Ok(v) => v,
            Err(e) => return (Err(e), DEBIT),
        };
        let credit = match read(self.credit) {
            Ok(v) => v,
            Err(e) => return (Err(e), CREDIT),
        };
        let out_of_range = || (String::new(), NotAmount::OutOfRange(String::new()));
        (debit.checked_sub(credit).ok_or_else(out_of_range), AMOUNT)
    }
}

/// A qualifier before the word that names the column: `Fiscal period`, `Posting
/// date`, `Transaction date`, `Bokf. datum`, `Ver. datum`.
fn is_qualifier(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "fiscal" | "posting" | "accounting" | "financial" | "transaction" | "bokf" | "ver"
    )
}

/// A later word that makes a header another figure than the period's own: the
/// previous year's, an accumulated or full-year one, a forecast or a deviation.
pub(super) fn is_other_figure(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "fg" | "föreg"
            | "föregående"
            | "fj"
            | "fjol"
            | "ifjol"
            | "ack"
            | "ackum"
            | "ackumulerat"
            | "ackumulerad"
            | "helår"
            | "år"
            | "årsbudget"
            | "total"
            | "totalt"
            | "prognos"
            | "avvikelse"
            | "avv"
            | "diff"
            | "differens"
            | "%"
    )
}

/// The column a header's first word names, if any.
pub(super) fn role_of_word(word: &str) -> Option<&'static str> {
    match word {
        "period" | "månad" | "period:" | "bokföringsperiod" | "redovisningsperiod"
        | "bokföringsmånad" | "month" | "årmånad" | "årmån" | "årmnd" | "ååååmm" | "yyyymm"
        | "yearmonth" => Some(PERIOD),
        "datum" | "bokföringsdatum" | "bokf.datum" | "bokfdatum" | "verifikationsdatum"
        | "ver.datum" | "verdatum" | "transaktionsdatum" | "date" => Some(DATE),
        "konto" | "kontonr" | "kontonummer" | "account" => Some(ACCOUNT),
        "projekt" | "projektnummer" | "projektkod" | "projektnr" | "project" => Some(PROJECT),
        "belopp" | "utfall" | "amount" | "actual" | "actuals" => Some(AMOUNT),
        "budget" => Some(BUDGET),
        "år" | "räkenskapsår" | "bokföringsår" | "redovisningsår" | "year" => Some(YEAR),
        "debet" | "debit" => Some(DEBIT),
        "kredit" | "credit" => Some(CREDIT),
        _ => None,
    }
}

/// A header that names a row's total over its months (`Totalt`, `Summa`, `Total
/// 2023`, `Helår`, `Hela året`).
pub(super) fn is_row_total(header: &str) -> bool {
    let norm = crate::labels::normalize(header);
    let total =
        names_total(header.as_bytes()) || matches!(norm.as_str(), "helår" | "hela året" | "året");
    // Another figure's total (`Totalt fg år`, `Summa ack`, `Total prognos`) is not
    // the total of the row's months.
    let other = |w: &str| is_other_figure(w) && !matches!(w, "helår" | "år" | "total" | "totalt");
    total && !norm.split(super::headings::SEPARATORS).any(other)
}

/// A word that names a month, after `År` in a period's header (`År-mån`).
fn is_month_word(word: &str) -> bool {
    matches!(word, "mån" | "månad" | "mnd" | "mm" | "month")
}

/// A word that names the ledger's own currency (`lokal valuta`, `SEK`, `kr`).
fn is_local_currency(word: &str) -> bool {
    matches!(
        word,
        "lokal" | "local" | "sek" | "kr" | "kronor" | "redovisningsvaluta" | "bokföringsvaluta"
    )
}

/// A word that names another currency than the ledger's own (`dokumentvaluta`,
/// `EUR`, `doc. curr.`).
fn is_foreign_currency(word: &str) -> bool {
    matches!(
        word,
        "valuta"
            | "dokumentvaluta"
            | "transaktionsvaluta"
            | "originalvaluta"
            | "utländsk"
            | "currency"
            | "curr"
            | "cur"
            | "doc"
            | "document"
            | "eur"
            | "usd"
            | "nok"
            | "dkk"
            | "gbp"
    )
}

/// A word that makes an account or project column one of names, not codes; `T`
/// is Unit4's (Agresso's) mark of a text column, `Konto(T)` beside `Konto`.
fn is_name_word(word: &str) -> bool {
    matches!(
        word,
        "namn" | "name" | "benämning" | "beskrivning" | "description" | "text" | "t" | "txt"
    )
}

/// A first word that names an account's or project's code by itself (`Kontonr`).
fn is_code_spelling(word: &str) -> bool {
    matches!(
        word,
        "kontonr" | "kontonummer" | "projektnummer" | "projektkod" | "projektnr"
    )
}

/// A later word that names a code (`Projekt nr`, `Project ID`).
fn is_code_word(word: &str) -> bool {
    matches!(
        word,
        "nr" | "nummer" | "kod" | "code" | "id" | "no" | "number"
    )
}
