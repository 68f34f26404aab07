//! Stage: `follow_up`, the monthly follow-up's join. Takes the decided plan (one
//! [`PlanArea`] per included area), the ledger's actuals as [`Actuals`] (whatever
//! form they were read from), the areas' forecasts and the configuration; returns
//! one [`FollowUp`]: figures per initiative, area-level project and report group,
//! per month, what could not be linked, the nothing-lost equation per file, and
//! the findings.
//!
//! Pure `Decimal` arithmetic, no I/O, no file formats: the readers (`ledger`,
//! `forecast`) and the writers (`write`, `report`) stand on either side. Ledger
//! amounts arrive in kronor and are divided by 1 000 exactly to tkr; nothing is
//! rounded here. Which accounts are cost and which months count is decided here,
//! in one place.

//! The join is split by role: [`mapping`] links project codes to initiatives and
//! areas, [`join`] runs the ledger through those links and builds the figures,
//! [`forecasts`] links the forecast rows, [`groups`] sums initiatives into report
//! groups, [`periodisation`] spreads a year's budget over its months.

mod forecasts;
mod groups;
mod join;
mod mapping;
mod overlaps;
mod periodisation;

pub(crate) use mapping::closest;
pub use periodisation::{spread, to_date};

use crate::finding::Finding;
use crate::ledger::{Actuals, Entry, Form, Place};
use crate::location::CellRef;
use crate::settings::{Config, FollowUpOptions};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// One initiative of the decided plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanInitiative {
    pub name: String,
    /// Full-year budget (Budget helår), tkr: the plan's `Belopp`.
    pub budget: Decimal,
    /// Codes from the `Projekt` column.
    pub projects: Vec<String>,
    /// The initiative's name cell in `Budgetfördelning`, for findings.
    pub cell: Option<CellRef>,
}

/// One included area of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanArea {
    /// The canonical area name (after configuration aliases).
    pub area: String,
    pub file: String,
    pub initiatives: Vec<PlanInitiative>,
}

/// Where a forecast row stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Origin {
    pub file: String,
    pub sheet: Option<String>,
    pub cell: Option<CellRef>,
    pub line: Option<u64>,
}

impl Origin {
    fn place(&self, f: Finding) -> Finding {
        let mut f = f.in_file(self.file.clone());
        if let Some(sheet) = &self.sheet {
            f = f.at(sheet, self.cell);
        }
        if let Some(line) = self.line {
            f = f.at_line(line);
        }
        f
    }
}

/// One row of a forecast table (tkr).
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastRow {
    pub area: Option<String>,
    pub initiative: Option<String>,
    pub project: Option<String>,
    pub forecast: Decimal,
    pub comment: Option<String>,
    pub origin: Origin,
    /// The forecast was a number written as text (in a workbook): the text.
    pub as_text: Option<String>,
    /// The row's `Budget helår` and `Utfall ack`, when the table has them (the
    /// forecast workbook of `follow-up template` does; they are given, not read
    /// as forecasts).
    pub budget: Option<Decimal>,
    pub actual: Option<Decimal>,
}

/// The metadata above a forecast workbook's table: each label's value (`None`
/// when the cell is empty) and the value's cell; `None` when the label is absent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ForecastMeta {
    pub area: Option<(Option<String>, CellRef)>,
    pub period: Option<(Option<String>, CellRef)>,
    pub version: Option<(Option<String>, CellRef)>,
    pub lead: Option<(Option<String>, CellRef)>,
    pub date: Option<(Option<String>, CellRef)>,
    pub threshold: Option<(Option<String>, CellRef)>,
}

impl ForecastMeta {
    /// A label's value, when filled.
    pub fn value(field: &Option<(Option<String>, CellRef)>) -> Option<&str> {
        field.as_ref().and_then(|(v, _)| v.as_deref())
    }
}

/// One forecast file, read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ForecastFile {
    pub file: String,
    pub sha256: String,
    pub rows_read: u64,
    pub rows: Vec<ForecastRow>,
    /// Problems found while reading (rows that are not used are named here).
    pub findings: Vec<Finding>,
    /// The metadata above the table (a forecast workbook's; empty for a plain table).
    pub meta: ForecastMeta,
    /// The sheet the table was found on; `None` for a CSV, whose findings name
    /// lines (and when no table was found, when there is no metadata to place).
    pub sheet: Option<String>,
    /// The year the forecast column's header names (`Prognos helår 2023`), the
    /// header as written and its cell, when it names one: checked against the
    /// follow-up's year.
    pub header_year: Option<(i32, String, CellRef)>,
}

impl ForecastFile {
    /// A finding placed at a metadata label's value (`field`): its cell on the
    /// table's sheet in a workbook, its line in a CSV; the file alone when the
    /// label is absent.
    pub fn at_meta(&self, f: Finding, field: Option<&(Option<String>, CellRef)>) -> Finding {
        match field {
            None => f.in_file(self.file.clone()),
            Some((_, cell)) => self.at_cell(f, *cell),
        }
    }

    /// A finding placed at a cell of the table's sheet: the cell in a workbook, its
    /// line in a CSV.
    pub fn at_cell(&self, f: Finding, cell: CellRef) -> Finding {
        let f = f.in_file(self.file.clone());
        match &self.sheet {
            Some(sheet) => f.at(sheet, Some(cell)),
            None => f.at_line(u64::from(cell.row) + 1),
        }
    }
}

/// One actuals file, read, with its checksum for `Källor`.
#[derive(Debug, Clone, PartialEq)]
pub struct ActualsFile {
    pub actuals: Actuals,
    pub sha256: String,
}

/// Everything the join needs.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub budget_year: i32,
    /// The month to follow up to (1..=12); `None`: the latest month with a cost row
    /// in the budget year.
    pub period: Option<u8>,
    pub areas: &'a [PlanArea],
    pub config: Option<&'a Config>,
    pub options: &'a FollowUpOptions,
    pub actuals: &'a [ActualsFile],
    pub forecasts: &'a [ForecastFile],
}

/// The five figures of a report row, tkr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    /// Utfall ack föregående år: the previous year, months 1 to the period.
    pub previous_year: Decimal,
    /// Utfall ack: the budget year, months 1 to the period.
    pub actual: Decimal,
    /// Budget ack: the periodised budget, months 1 to the period.
    pub budget_to_date: Decimal,
    /// Prognos helår.
    pub forecast: Decimal,
    /// Budget helår: the decided budget.
    pub budget: Decimal,
}

impl Figures {
    fn add(&mut self, o: &Figures) {
        self.previous_year = self.previous_year.saturating_add(o.previous_year);
        self.actual = self.actual.saturating_add(o.actual);
        self.budget_to_date = self.budget_to_date.saturating_add(o.budget_to_date);
        self.forecast = self.forecast.saturating_add(o.forecast);
        self.budget = self.budget.saturating_add(o.budget);
    }

    /// Avvikelse ack = Budget ack − Utfall ack (positive: under budget).
    pub fn deviation_to_date(&self) -> Decimal {
        self.budget_to_date.saturating_sub(self.actual)
    }

    /// Avvikelse helår = Budget − Prognos.
    pub fn deviation_year(&self) -> Decimal {
        self.budget.saturating_sub(self.forecast)
    }
}

/// One month of the budget year, tkr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Month {
    /// The actual of the month (0 after the period).
    pub actual: Decimal,
    /// The periodised budget of the month.
    pub budget: Decimal,
}

fn add_months(into: &mut [Month; 12], from: &[Month; 12]) {
    for (a, b) in into.iter_mut().zip(from) {
        a.actual = a.actual.saturating_add(b.actual);
        a.budget = a.budget.saturating_add(b.budget);
    }
}

/// How an initiative's Budget ack was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The ledger's own periodised budget (`#PBUDGET`, a `Budget` column).
    Ledger,
    /// The configured periodisation key.
    Key,
    /// Even twelfths.
    Even,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeResult {
    pub area: String,
    pub initiative: String,
    /// Every code linked to it (plan column and `[[project]]`), as written.
    pub projects: Vec<String>,
    pub figures: Figures,
    pub months: [Month; 12],
    pub comment: Option<String>,
    pub basis: Basis,
    /// False when the budget was used as forecast (`no-forecast`).
    pub has_forecast: bool,
}

/// Actuals on a code that `[[project]]` links to an area as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaResult {
    pub area: String,
    pub projects: Vec<String>,
    pub previous_year: Decimal,
    pub actual: Decimal,
    pub months: [Month; 12],
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupResult {
    pub name: String,
    pub areas: Vec<String>,
    pub figures: Figures,
    pub months: [Month; 12],
}

/// Cost that belongs to no initiative or area, per file, year and project code.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmapped {
    pub file: String,
    pub year: i32,
    /// `None`: booked without a project.
    pub project: Option<String>,
    pub accounts: Vec<String>,
    pub first_month: u8,
    pub last_month: u8,
    /// tkr.
    pub amount: Decimal,
}

impl Unmapped {
    /// `2023-01–2023-04`, or `2023-03` for one month.
    pub fn months(&self) -> String {
        let (y, a, b) = (self.year, self.first_month, self.last_month);
        if a == b {
            format!("{y}-{a:02}")
        } else {
            format!("{y}-{a:02}–{y}-{b:02}")
        }
    }
}

/// One actuals file in `Källor`, with the nothing-lost equation (tkr):
/// `cost_total = to_initiatives + to_areas + unmapped`.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub file: String,
    pub sha256: String,
    pub form: Option<Form>,
    pub rows: u64,
    /// Source rows on cost accounts.
    pub cost_rows: u64,
    /// Cost in the budget year, months 1 to the period.
    pub cost_total: Decimal,
    pub to_initiatives: Decimal,
    pub to_areas: Decimal,
    pub unmapped: Decimal,
    /// Cost in the previous year, months 1 to the period.
    pub previous_year: Decimal,
    /// Every other cost row: later months, other years.
    pub outside_period: Decimal,
    /// The file could not be used at all (`unreadable-actuals`).
    pub unreadable: bool,
}

/// One forecast file in `Källor`.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastSource {
    pub file: String,
    pub sha256: String,
    pub rows: u64,
    /// Sum of the forecasts read, tkr.
    pub total: Decimal,
}

/// The follow-up, ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub budget_year: i32,
    /// The month followed up to, 1..=12.
    pub period: u8,
    pub groups: Vec<GroupResult>,
    pub initiatives: Vec<InitiativeResult>,
    pub areas: Vec<AreaResult>,
    /// Over every group (unmapped cost is in no group).
    pub totals: Figures,
    pub months: [Month; 12],
    pub unmapped: Vec<Unmapped>,
    pub sources: Vec<Source>,
    pub forecast_sources: Vec<ForecastSource>,
    /// The follow-up's findings (those of the readers included), in report order.
    pub findings: Vec<Finding>,
    /// Some actuals file has cost in the previous year's months up to the period,
    /// so *Utfall ack föregående år* is known (else the workbook leaves it empty).
    pub previous_year_known: bool,
}

/// An amount as the report shows it: whole tkr, half away from zero.
pub fn round_tkr(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// kr → tkr, exactly.
pub fn tkr(kr: Decimal) -> Decimal {
    kr / Decimal::from(1000)
}

/// What a project code is linked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// (area index, initiative index)
    Initiative(usize, usize),
    Area(usize),
}

/// True when an entry carries an actual (not only a periodised budget).
pub(crate) fn has_actual(e: &Entry) -> bool {
    !e.actual.is_zero() || e.budget.is_none()
}

pub(crate) fn place_of(f: Finding, a: &Actuals, place: Option<Place>) -> Finding {
    let f = f.in_file(a.file.clone());
    match place {
        Some(Place::Line(n)) => f.at_line(n),
        Some(Place::Cell(sheet, c)) => {
            let sheet = a.sheets.get(usize::from(sheet)).map_or("", String::as_str);
            f.at(sheet, Some(c))
        }
        None => f,
    }
}

pub(crate) struct Join<'a> {
    input: Input<'a>,
    targets: HashMap<String, Target>,
    findings: Vec<Finding>,
}

/// Runs the join.
pub fn follow_up(input: Input<'_>) -> FollowUp {
    let mut join = Join {
        input,
        targets: HashMap::new(),
        findings: Vec::new(),
    };
    join.map_codes();
    join.run()
}

pub(crate) fn sum(values: impl Iterator<Item = Decimal>) -> Decimal {
    values.fold(Decimal::ZERO, Decimal::saturating_add)
}

#[cfg(test)]
mod tests;
