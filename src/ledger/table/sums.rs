//! The sums of a ledger table's rows per period × account × project, as they stream
//! by: one slot per key spelling, the invalid rows named, and at the end the keys
//! decoded, ordered and merged into the file's [`Actuals`].

use super::*;

/// Whether a row whose period is no period repeats the header: its period field
/// names the period's column and its account field the account's (`Period` and
/// `Konto` again, as in an export in parts joined into one file).
fn repeats_header(period: &str, account: &[u8]) -> bool {
    matches!(Columns::classify(period), Some(PERIOD | DATE))
        && Columns::classify(&decode(trim(account), true)) == Some(ACCOUNT)
}

/// Whether a row holds no amount and no budget other than 0 (empty fields read
/// as 0).
fn carries_no_money(row: &Row<'_>) -> bool {
    let zero = |v: &Result<Decimal, (String, NotAmount)>| matches!(v, Ok(v) if v.is_zero());
    zero(&row.amount) && row.budget.as_ref().is_none_or(zero)
}

/// The text a row of text alone is named by (a heading, a page footer: no account
/// and no money): its period field's, else its first non-empty field's. `None` for
/// any other row, and for a total's label without its amount, which is a total row
/// compared with nothing.
#[inline]
fn text_row(row: &Row<'_>, found: &str, fields: &[(usize, String)]) -> Option<String> {
    if !trim(row.account).is_empty() || !carries_no_money(row) || names_total(found.as_bytes()) {
        return None;
    }
    let text = match found.trim() {
        "" => (fields.iter().map(|(_, t)| t.trim()))
            .find(|t| !t.is_empty())
            .unwrap_or_default(),
        t => t,
    };
    (!names_total(text.as_bytes())).then(|| text.to_string())
}

/// A row's key as the reader sums it: year·16 + month, and the account and project
/// as interned numbers ([`NO_PROJECT`]: none).
pub(super) type RowKey = (u32, u32, u32);

/// Sums rows per key as they stream by.
pub(super) struct Sums {
    pub(super) file: String,
    pub(super) unit: Unit,
    pub(super) accounts: crate::ledger::sie::Interner,
    pub(super) projects: crate::ledger::sie::Interner,
    /// The slot in `slots` of each key the `csv` path (or a workbook) has read:
    /// twelve bytes, so that the map stays small. The plain reader's slots are not
    /// in it ([`Sums::new_slot`]).
    pub(super) index: crate::ledger::sie::FxMap<RowKey, u32>,
    /// The sums, one per key, in the order the keys were first seen: a row whose key
    /// the reader has seen adds to its slot without a look-up by name. A file read
    /// in parts has the later part's slots appended ([`Sums::absorb`]): a key can
    /// then stand in two slots, which the finish merges, as it merges spellings
    /// and the plain reader's slots.
    pub(super) slots: Vec<(RowKey, Entry)>,
    /// Parts were joined: `index` covers the first part's slots only.
    pub(super) joined: bool,
    pub(super) rows_read: u64,
    pub(super) findings: Vec<Finding>,
    pub(super) invalid_rows: u64,
    pub(super) more_rows: Option<Place>,
    /// A workbook's sheets read so far; the last is being read.
    pub(super) sheets: Vec<String>,
    /// The header's columns: a workbook finding names the cell of its column.
    pub(super) columns: Columns,
    /// A row's amount is beyond what [`order_free`] allows, or its sum would have left
    /// the range of exact amounts: whether and where a sum then rounds or overflows
    /// depends on the rows before it, so a file read in parts is read again in one
    /// piece.
    pub(super) order_matters: bool,
    /// A sum a total row is compared with left the range of exact amounts: the
    /// file is unreadable, as when an entry's sum does.
    pub(super) overflow: bool,
    /// The total rows, and the sums of the data rows they are compared with.
    pub(super) totals: Totals,
    /// In a report with a column per month, each month column's after the first
    /// (whose are `totals`): a total row's month cell is compared with its column.
    pub(super) month_totals: Vec<Totals>,
    /// The month column whose cell is being read, in such a report, and its
    /// period when it has one.
    pub(super) month_column: Option<(usize, Option<(i32, u8)>)>,
    /// The rows that are no data: those that repeat the header, and text rows.
    pub(super) not_data: [Option<NotData>; 2],
    /// The headers of the columns that total the months' actuals and budget, in
    /// a report by month.
    pub(super) row_total_headers: [String; 2],
    /// The rows whose total column differs from their months, the first named
    /// (its place, total, months' sum and which of `row_total_headers`).
    pub(super) row_totals: Option<(Place, Decimal, Decimal, usize, u64)>,
}

/// Rows of one kind that are no data, counted; the first one named.
#[derive(Debug, Clone)]
pub(super) struct NotData {
    pub(super) place: Place,
    /// The first one's text (a text row's; empty for a repeated header).
    pub(super) text: String,
    pub(super) rows: u64,
}

/// The kinds of [`NotData`] rows, by their index in `Sums::not_data`.
pub(super) const REPEATED_HEADER: usize = 0;
pub(super) const TEXT_ROW: usize = 1;

/// One data row's fields, already located.
pub(super) struct Row<'a> {
    pub(super) place: Place,
    pub(super) period: Result<(i32, u8), String>,
    pub(super) account: &'a [u8],
    pub(super) project: &'a [u8],
    pub(super) amount: Result<Decimal, (String, NotAmount)>,
    /// The column the amount is named by in a finding (`Belopp`, `Debet`, `Kredit`).
    pub(super) amount_column: &'static str,
    pub(super) budget: Option<Result<Decimal, (String, NotAmount)>>,
}

impl Sums {
    pub(super) fn new(file: &str, opts: &ReadOptions) -> Self {
        Sums {
            file: file.to_string(),
            unit: opts.table_unit,
            accounts: Default::default(),
            projects: Default::default(),
            index: Default::default(),
            slots: Vec::new(),
            joined: false,
            rows_read: 0,
            findings: Vec::new(),
            invalid_rows: 0,
            more_rows: None,
            sheets: Vec::new(),
            columns: Columns::default(),
            order_matters: false,
            overflow: false,
            totals: Totals::default(),
            month_totals: Vec::new(),
            month_column: None,
            not_data: [None, None],
            row_total_headers: Default::default(),
            row_totals: None,
        }
    }

    pub(super) fn invalid(
        &mut self,
        place: Place,
        column: &str,
        found: String,
        expected: ActualsExpected,
    ) {
        self.invalid_rows += 1;
        if self.findings.len() >= NAMED_ROWS {
            self.more_rows.get_or_insert(place);
            return;
        }
        let col = match column {
            PERIOD => self.columns.period,
            ACCOUNT => self.columns.account,
            BUDGET => self.columns.budget,
            DEBIT => self.columns.debit,
            CREDIT => self.columns.credit,
            _ => self.columns.amount_at(),
        };
        let place = match (place, col) {
            (Place::Cell(sheet, c), Some(col)) => {
                Place::Cell(sheet, CellRef::new(c.row, col as u32))
            }
            (other, _) => other,
        };
        let finding = Finding::new(Kind::InvalidActualsRow {
            column: (!column.is_empty()).then(|| column.to_string()),
            found,
            expected,
        })
        .in_file(&self.file);
        self.findings.push(self.placed(finding, place));
    }

    /// A CSV row with a field past the header's (`found`, the first non-empty one):
    /// read, not summed, named.
    pub(super) fn extra_fields(&mut self, line: u64, found: String, header: usize) {
        self.rows_read += 1;
        let expected = ActualsExpected::Fields { header };
        self.invalid(Place::Line(line), "", found, expected);
    }

    pub(super) fn placed(&self, finding: Finding, place: Place) -> Finding {
        match place {
            Place::Line(n) => finding.at_line(n),
            Place::Cell(sheet, c) => {
                let sheet = self.sheets.get(usize::from(sheet));
                finding.at(sheet.map_or("", String::as_str), Some(c))
            }
        }
    }

    pub(super) fn scale(&self, v: Decimal) -> Option<Decimal> {
        match self.unit {
            Unit::Kronor => Some(v),
            Unit::Tkr => v.checked_mul(Decimal::from(1000)),
        }
    }

    /// One data row: summed into its entry, a total row ([`Sums::total_row`], which
    /// `fields` is for), or named as invalid.
    pub(super) fn row(&mut self, row: Row<'_>, fields: impl FnOnce() -> Vec<(usize, String)>) {
        self.rows_read += 1;
        let (year, month) = match &row.period {
            Ok(p) => *p,
            Err(found) => return self.row_without_period(&row, found, fields),
        };
        let account = trim(row.account);
        if (account.is_empty() || names_total(account)) && self.total_row(&row, fields) {
            return;
        }
        if account.is_empty() {
            return self.invalid(row.place, ACCOUNT, String::new(), ActualsExpected::Account);
        }

        let written = row.amount.as_ref().map_or(Decimal::ZERO, |v| *v);
        let Some(amount) = self.scaled(row.place, row.amount, row.amount_column, AMOUNT) else {
            return;
        };
        let budget = match row
            .budget
            .map(|b| self.scaled(row.place, b, BUDGET, BUDGET))
        {
            Some(None) => return,
            budget => budget.flatten(),
        };
        // Money on an account that is no account number could be cost or not: the
        // row is named. (A row of 0 on `Summa` or a label is summed as before.)
        let money = !amount.is_zero() || budget.is_some_and(|b| !b.is_zero());
        if money && !is_account_number(account) {
            let found = decode(account, true);
            return self.invalid(row.place, ACCOUNT, found, ActualsExpected::Account);
        }
        let key = self.key((year, month), account, row.project);
        let slot = self.slot(key);
        if self.add(slot, row.place, amount, budget) {
            self.totals.count(written);
        }
    }

    /// A new sheet of a workbook begins: its total rows are compared with its own
    /// data rows, in every month column.
    pub(super) fn new_sheet(&mut self) {
        self.totals.new_sheet();
        self.month_totals.iter_mut().for_each(Totals::new_sheet);
    }

    /// A row whose period field (`found`) is no period: a repeated header, a text
    /// row, a total row, or an invalid row.
    #[inline]
    fn row_without_period(
        &mut self,
        row: &Row<'_>,
        found: &str,
        fields: impl FnOnce() -> Vec<(usize, String)>,
    ) {
        if repeats_header(found, row.account) {
            return self.note_not_data(REPEATED_HEADER, row.place, String::new(), 1);
        }
        // The fields as text are asked for on this path only.
        let all = fields();
        if let Some(text) = text_row(row, found, &all) {
            return self.note_not_data(TEXT_ROW, row.place, text, 1);
        }
        if self.total_row(row, || all) {
            return;
        }
        // A date that does not exist (`2023-04-31`) is said to be one.
        let expected = match super::fields::no_such_day(found) {
            Some((year, month)) => ActualsExpected::NoSuchDay { year, month },
            None => ActualsExpected::Period,
        };
        self.invalid(row.place, PERIOD, found.to_string(), expected)
    }

    /// A row's amount or budget in the table's unit; `None` when it is none, the row
    /// then named: by `column` when its field is no amount, by `out_of_range` when
    /// the unit takes it out of the range of exact amounts.
    #[inline]
    fn scaled(
        &mut self,
        place: Place,
        value: Result<Decimal, (String, NotAmount)>,
        column: &'static str,
        out_of_range: &'static str,
    ) -> Option<Decimal> {
        let (column, found, why) = match value.map(|v| self.scale(v)) {
            Ok(Some(v)) => return Some(v),
            Ok(None) => (
                out_of_range,
                String::new(),
                NotAmount::OutOfRange(String::new()),
            ),
            Err((found, why)) => (column, found, why),
        };
        self.invalid(place, column, found, ActualsExpected::TableAmount(why));
        None
    }

    /// Rows of a kind that are no data (`rows` of them, the first at `place`).
    pub(super) fn note_not_data(&mut self, kind: usize, place: Place, text: String, rows: u64) {
        // A workbook's row is named by its period cell.
        let place = match (place, self.columns.period) {
            (Place::Cell(sheet, c), Some(col)) => {
                Place::Cell(sheet, CellRef::new(c.row, col as u32))
            }
            (other, _) => other,
        };
        let noted = self.not_data[kind].get_or_insert(NotData {
            place,
            text: super::totals::short_label(text.trim()),
            rows: 0,
        });
        noted.rows += rows;
    }

    /// The header's columns, and the texts of those a finding names (`text`, by
    /// column), for the CSV and the workbook readers alike.
    pub(super) fn set_header(&mut self, columns: Columns, text: impl Fn(usize) -> String) {
        self.columns = columns;
        let header = |col: Option<usize>| col.map(&text).unwrap_or_default();
        self.row_total_headers = [header(columns.row_total), header(columns.budget_row_total)];
    }

    /// The findings for the rows that are no data, if there were any.
    fn not_data_findings(&mut self) {
        if let Some((place, total, months, which, rows)) = self.row_totals.take() {
            let kind = Kind::RowTotalMismatch {
                column: self.row_total_headers[which].clone(),
                total,
                months,
                rows,
            };
            let finding = Finding::new(kind).in_file(&self.file);
            let finding = self.placed(finding, place);
            self.findings.push(finding);
        }
        for (kind, noted) in std::mem::take(&mut self.not_data).into_iter().enumerate() {
            let Some(NotData { place, text, rows }) = noted else {
                continue;
            };
            let kind = match kind {
                REPEATED_HEADER => Kind::ActualsRepeatedHeader { rows },
                _ => Kind::ActualsTextRow { text, rows },
            };
            let finding = Finding::new(kind).in_file(&self.file);
            let finding = self.placed(finding, place);
            self.findings.push(finding);
        }
    }

    /// The key of a row whose period and (trimmed, non-empty) account are valid.
    pub(super) fn key(
        &mut self,
        (year, month): (i32, u8),
        account: &[u8],
        project: &[u8],
    ) -> RowKey {
        let account = self.accounts.id(account);
        let project = match trim(project) {
            // Empty, also behind Excel's text protection: no project.
            [] | b"=\"\"" | b"'" => NO_PROJECT,
            p => self.projects.id(p),
        };
        ((year as u32) << 4 | u32::from(month), account, project)
    }

    /// The slot of a key, made empty when the key is new.
    pub(super) fn slot(&mut self, key: RowKey) -> usize {
        let next = self.slots.len() as u32;
        let slot = *self.index.entry(key).or_insert(next);
        if slot == next {
            self.slots.push((key, Entry::default()));
        }
        slot as usize
    }

    /// Puts the slots in the order of their names (as decoded with `utf8`), ties in
    /// reading order, and forgets the index, which no longer says where a key's
    /// slot is: the end of a part of a file read in parts, on the part's thread, so
    /// that [`Sums::finish`] only merges the parts. (Its order stands whatever the
    /// slots' order; this only spares it time.)
    pub(super) fn order_by_names(&mut self, utf8: bool) {
        let (_, account_rank) = ranked_names(&self.accounts, utf8, account_number);
        let (_, project_rank) = ranked_names(&self.projects, utf8, project_code);
        // The ranks sorted with the slots' numbers (unique, so the unstable sort
        // keeps reading order among equal names), then the slots gathered in that
        // order: a sort of the slots themselves moved each one many times.
        let mut order: Vec<((u32, u32, u32), u32)> = (self.slots.iter())
            .map(|&((period, account, project), _)| {
                let project = match project {
                    NO_PROJECT => 0,
                    p => project_rank[p as usize],
                };
                (period, account_rank[account as usize], project)
            })
            .zip(0..)
            .collect();
        order.sort_unstable();
        self.slots = (order.into_iter())
            .map(|(_, i)| self.slots[i as usize])
            .collect();
        self.index.clear();
    }

    /// A slot of its own for a key, not entered in the index: the plain reader's
    /// spelling of a key looks up its slot by the spelling, never by the key, so a
    /// second look-up per new spelling would only cost time. A key also reached
    /// by another spelling or by the `csv` path then stands in two slots, which
    /// [`Sums::finish`] merges in reading order, as it merges the parts of a file.
    pub(super) fn new_slot(&mut self, key: RowKey) -> usize {
        self.slots.push((key, Entry::default()));
        self.slots.len() - 1
    }

    /// Adds a valid row's amounts (in kronor) to its key's slot; a sum that would
    /// leave the range of exact amounts names the row instead (`false`).
    pub(super) fn add(
        &mut self,
        slot: usize,
        place: Place,
        amount: Decimal,
        budget: Option<Decimal>,
    ) -> bool {
        self.order_matters |= !order_free(amount) || budget.is_some_and(|b| !order_free(b));
        let entry = &mut self.slots[slot].1;
        let sums = (
            entry.actual.checked_add(amount),
            match (entry.budget, budget) {
                (Some(a), Some(b)) => a.checked_add(b).map(Some),
                (a, b) => Some(a.or(b)),
            },
        );
        let (Some(actual), Some(budget)) = sums else {
            self.order_matters = true;
            let why = NotAmount::OutOfRange(amount.to_string());
            self.invalid(
                place,
                AMOUNT,
                amount.to_string(),
                ActualsExpected::TableAmount(why),
            );
            return false;
        };
        entry.actual = actual;
        entry.budget = budget;
        entry.rows = entry.rows.saturating_add(1);
        entry.first = Some(entry.first.map_or(place, |p| p.min(place)));
        true
    }

    /// The file's actuals; `None` only for joined parts when two slots of one key
    /// together leave the range of exact amounts: the one-thread read names the row
    /// where that happens, so the file is then read again in one piece.
    pub(super) fn finish(mut self, form: Form, names_utf8: bool) -> Option<Actuals> {
        if let Some(place) = self.more_rows {
            let rows = self.invalid_rows - self.findings.len() as u64;
            let finding = Finding::new(Kind::InvalidActualsRow {
                column: None,
                found: String::new(),
                expected: ActualsExpected::MoreRows { rows },
            })
            .in_file(&self.file);
            let finding = self.placed(finding, place);
            self.findings.push(finding);
        }
        self.total_findings();
        self.not_data_findings();
        // Each name decoded once; keys ordered by the names' ranks, so that the
        // entries are built from sorted keys without comparing strings per key.
        let (accounts, account_rank) = ranked_names(&self.accounts, names_utf8, account_number);
        let (projects, project_rank) = ranked_names(&self.projects, names_utf8, project_code);
        let rank = |&((period, account, project), _): &(RowKey, Entry)| {
            let project = match project {
                NO_PROJECT => 0,
                p => project_rank[p as usize],
            };
            (period, account_rank[account as usize], project)
        };
        // Each slot's rank worked out once; the slot's number keeps slots of one key
        // (names that decode alike) in reading order, so they merge in that order.
        let mut order: Vec<((u32, u32, u32), u32)> =
            (self.slots.iter().map(rank)).zip(0..).collect();
        // Each slot's number is its own, so any sort gives this one order; the
        // stable sort finds the runs of a file read in parts, each part's slots put
        // in the names' order on its own thread ([`Sums::order_by_names`]), and
        // merges them in one pass.
        order.sort();
        let mut merged: Vec<(RowKey, Entry)> = Vec::with_capacity(self.slots.len());
        let mut overflow = false;
        let mut last_rank = None;
        for (r, i) in order {
            let slot = &self.slots[i as usize];
            match merged.last_mut() {
                Some(last) if last_rank == Some(r) => overflow |= !last.1.merge(&slot.1),
                _ => merged.push(*slot),
            }
            last_rank = Some(r);
        }
        // The slots are in `merged` now: freed before the entries are built beside it,
        // as this is the read's peak of memory.
        drop(std::mem::take(&mut self.slots));
        if overflow && self.joined {
            return None;
        }
        if overflow || self.overflow {
            return Some(overflowed(&self.file, form));
        }
        // Ranks follow the names' order and equal names share one: the keys come
        // out strictly increasing.
        let entries = merged
            .into_iter()
            .map(|((period, account, project), e)| {
                let key = Key {
                    year: (period >> 4) as i32,
                    month: (period & 15) as u8,
                    account: accounts[account as usize].clone(),
                    project: (project != NO_PROJECT).then(|| projects[project as usize].clone()),
                };
                (key, e)
            })
            .collect();
        let entries = super::super::Entries::from_sorted(entries);
        Some(Actuals {
            file: self.file,
            form: Some(form),
            sheets: self.sheets,
            rows_read: self.rows_read,
            entries,
            findings: self.findings,
        })
    }
}

/// A file whose sums leave the range of exact amounts: unreadable.
pub(super) fn overflowed(file: &str, form: Form) -> Actuals {
    Actuals::unreadable(
        file,
        Some(form),
        UnreadableActuals::Internal("a sum exceeds the range of exact amounts".into()),
    )
}

/// An interner's names decoded (and trimmed, then made `name`), each with its rank in the names'
/// order: names that decode alike share one rank, and rank 0 is left for "none".
fn ranked_names(
    interner: &crate::ledger::sie::Interner,
    utf8: bool,
    name: impl Fn(&str) -> String,
) -> (Vec<String>, Vec<u32>) {
    let names: Vec<String> = interner
        .names
        .iter()
        .map(|n| name(decode(n, utf8).trim()))
        .collect();
    let mut order: Vec<u32> = (0..names.len() as u32).collect();
    order.sort_by(|a, b| names[*a as usize].cmp(&names[*b as usize]));
    let mut rank = vec![0u32; names.len()];
    for (i, id) in order.iter().enumerate() {
        let same = i > 0 && names[order[i - 1] as usize] == names[*id as usize];
        rank[*id as usize] = if same {
            rank[order[i - 1] as usize]
        } else {
            i as u32 + 1
        };
    }
    (names, rank)
}
