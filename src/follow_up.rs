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

use crate::finding::{Finding, Kind};
use crate::labels::{initiative_key, normalize, project_key};
use crate::ledger::{Actuals, Entry, Form, Place};
use crate::location::CellRef;
use crate::settings::{Config, FollowUpOptions};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
enum Target {
    /// (area index, initiative index)
    Initiative(usize, usize),
    Area(usize),
}

/// True when an entry carries an actual (not only a periodised budget).
fn has_actual(e: &Entry) -> bool {
    !e.actual.is_zero() || e.budget.is_none()
}

/// The names nearest to `written`, at most three.
pub(crate) fn closest<'a>(written: &str, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let key = initiative_key(written);
    let mut scored: Vec<(usize, &str)> = names
        .map(|n| (strsim::levenshtein(&key, &initiative_key(n)), n))
        .filter(|(d, n)| *d <= (n.chars().count() / 2).max(3))
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(3)
        .map(|(_, n)| n.to_string())
        .collect()
}

fn place_of(f: Finding, a: &Actuals, place: Option<Place>) -> Finding {
    let f = f.in_file(a.file.clone());
    match place {
        Some(Place::Line(n)) => f.at_line(n),
        Some(Place::Cell(c)) => f.at(a.sheet.as_deref().unwrap_or(""), Some(c)),
        None => f,
    }
}

struct Join<'a> {
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

impl<'a> Join<'a> {
    fn area_index(&self, written: &str) -> Option<usize> {
        let canonical = self
            .input
            .config
            .and_then(|c| c.area_for(written))
            .map(|a| normalize(&a.name));
        let key = canonical.unwrap_or_else(|| normalize(written));
        self.input
            .areas
            .iter()
            .position(|a| normalize(&a.area) == key)
    }

    fn initiative_index(&self, area: usize, written: &str) -> Option<usize> {
        let key = initiative_key(written);
        self.input.areas[area]
            .initiatives
            .iter()
            .position(|i| initiative_key(&i.name) == key)
    }

    fn describe(&self, t: Target) -> String {
        match t {
            Target::Initiative(a, i) => format!(
                "{} › {}",
                self.input.areas[a].area, self.input.areas[a].initiatives[i].name
            ),
            Target::Area(a) => self.input.areas[a].area.clone(),
        }
    }

    fn link(&mut self, code: &str, target: Target, origin: Origin) {
        let key = project_key(code);
        match self.targets.get(&key).copied() {
            Some(first) if first != target => {
                let f = Finding::new(Kind::DuplicateProjectCode {
                    code: code.trim().to_string(),
                    first: self.describe(first),
                    second: self.describe(target),
                });
                self.findings.push(origin.place(f));
            }
            Some(_) => {}
            None => {
                self.targets.insert(key, target);
            }
        }
    }

    /// Project codes → initiatives and areas, from the plan's column and `[[project]]`.
    fn map_codes(&mut self) {
        for (a, area) in self.input.areas.iter().enumerate() {
            for (i, init) in area.initiatives.iter().enumerate() {
                for code in &init.projects {
                    let origin = Origin {
                        file: area.file.clone(),
                        sheet: Some(crate::labels::SHEET_BUDGET.to_string()),
                        cell: init.cell,
                        line: None,
                    };
                    self.link(code, Target::Initiative(a, i), origin);
                }
            }
        }
        let Some(config) = self.input.config else {
            return;
        };
        let origin = Origin {
            file: crate::settings::CONFIG_FILE.to_string(),
            ..Origin::default()
        };
        for p in &config.projects {
            let Some(a) = self.area_index(&p.area) else {
                let names = self.input.areas.iter().map(|a| a.area.as_str());
                let f = Finding::new(Kind::UnknownInitiative {
                    area: Some(p.area.clone()),
                    initiative: p.initiative.clone().unwrap_or_else(|| p.code.clone()),
                    closest: closest(&p.area, names),
                });
                self.findings.push(origin.place(f));
                continue;
            };
            let target = match &p.initiative {
                None => Target::Area(a),
                Some(name) => match self.initiative_index(a, name) {
                    Some(i) => Target::Initiative(a, i),
                    None => {
                        let area = &self.input.areas[a];
                        let names = area.initiatives.iter().map(|i| i.name.as_str());
                        let f = Finding::new(Kind::UnknownInitiative {
                            area: Some(area.area.clone()),
                            initiative: name.clone(),
                            closest: closest(name, names),
                        });
                        self.findings.push(origin.place(f));
                        continue;
                    }
                },
            };
            self.link(&p.code, target, origin.clone());
        }
    }

    fn codes_of(&self, target: Target) -> Vec<String> {
        let mut codes: Vec<String> = Vec::new();
        if let Target::Initiative(a, i) = target {
            codes.extend(self.input.areas[a].initiatives[i].projects.iter().cloned());
        }
        if let Some(config) = self.input.config {
            for p in &config.projects {
                let t = self.targets.get(&project_key(&p.code)).copied();
                if t == Some(target) {
                    codes.push(p.code.trim().to_string());
                }
            }
        }
        let mut seen = BTreeSet::new();
        codes.retain(|c| seen.insert(project_key(c)));
        codes
    }

    fn period(&self) -> u8 {
        if let Some(p) = self.input.period {
            return p;
        }
        let cost = &self.input.options.cost_accounts;
        self.input
            .actuals
            .iter()
            .flat_map(|f| f.actuals.entries.iter())
            .filter(|(k, e)| {
                k.year == self.input.budget_year && cost.contains(&k.account) && has_actual(e)
            })
            .map(|(k, _)| k.month)
            .max()
            .unwrap_or(1)
    }

    fn run(mut self) -> FollowUp {
        let input = self.input;
        let by = input.budget_year;
        let period = self.period();
        let cost = &input.options.cost_accounts;
        let p = usize::from(period);

        // Per initiative and area-level target: actual and previous year, monthly.
        let mut init_months: Vec<Vec<[Month; 12]>> = input
            .areas
            .iter()
            .map(|a| vec![[Month::default(); 12]; a.initiatives.len()])
            .collect();
        let mut init_prev: Vec<Vec<Decimal>> = input
            .areas
            .iter()
            .map(|a| vec![Decimal::ZERO; a.initiatives.len()])
            .collect();
        let mut ledger_budget: Vec<Vec<Option<[Decimal; 12]>>> = input
            .areas
            .iter()
            .map(|a| vec![None; a.initiatives.len()])
            .collect();
        let mut area_months = vec![[Month::default(); 12]; input.areas.len()];
        let mut area_prev = vec![Decimal::ZERO; input.areas.len()];
        let mut area_used = vec![false; input.areas.len()];

        let mut sources = Vec::new();
        let mut unmapped: BTreeMap<(String, i32, Option<String>), Unmapped> = BTreeMap::new();
        let mut unmapped_first: BTreeMap<(String, i32, Option<String>), Option<Place>> =
            BTreeMap::new();
        let mut months_with_cost = [false; 12];
        let mut file_months: Vec<BTreeSet<(i32, u8)>> = Vec::new();
        let mut prev_rows = false;

        for file in input.actuals {
            let a = &file.actuals;
            self.findings.extend(a.findings.iter().cloned());
            let mut s = Source {
                file: a.file.clone(),
                sha256: file.sha256.clone(),
                form: a.form,
                rows: a.rows_read,
                cost_rows: 0,
                cost_total: Decimal::ZERO,
                to_initiatives: Decimal::ZERO,
                to_areas: Decimal::ZERO,
                unmapped: Decimal::ZERO,
                previous_year: Decimal::ZERO,
                outside_period: Decimal::ZERO,
                unreadable: a
                    .findings
                    .iter()
                    .any(|f| f.code().as_str() == "unreadable-actuals"),
            };
            let mut held = BTreeSet::new();
            for (k, e) in &a.entries {
                if !cost.contains(&k.account) || !(1..=12).contains(&k.month) {
                    continue;
                }
                let m = usize::from(k.month) - 1;
                s.cost_rows += u64::from(e.rows);
                let target = k
                    .project
                    .as_deref()
                    .and_then(|c| self.targets.get(&project_key(c)).copied());
                if let (Some(b), Some(Target::Initiative(ai, ii)), true) =
                    (e.budget, target, k.year == by)
                {
                    let months = ledger_budget[ai][ii].get_or_insert([Decimal::ZERO; 12]);
                    months[m] = months[m].saturating_add(tkr(b));
                }
                if !has_actual(e) {
                    continue;
                }
                held.insert((k.year, k.month));
                let amount = tkr(e.actual);
                let in_period = usize::from(k.month) <= p;
                if k.year == by && in_period {
                    months_with_cost[m] = true;
                    s.cost_total = s.cost_total.saturating_add(amount);
                    match target {
                        Some(Target::Initiative(ai, ii)) => {
                            let cell = &mut init_months[ai][ii][m];
                            cell.actual = cell.actual.saturating_add(amount);
                            s.to_initiatives = s.to_initiatives.saturating_add(amount);
                        }
                        Some(Target::Area(ai)) => {
                            area_months[ai][m].actual =
                                area_months[ai][m].actual.saturating_add(amount);
                            area_used[ai] = true;
                            s.to_areas = s.to_areas.saturating_add(amount);
                        }
                        None => {
                            s.unmapped = s.unmapped.saturating_add(amount);
                        }
                    }
                } else if k.year == by - 1 && in_period {
                    prev_rows = true;
                    s.previous_year = s.previous_year.saturating_add(amount);
                    match target {
                        Some(Target::Initiative(ai, ii)) => {
                            init_prev[ai][ii] = init_prev[ai][ii].saturating_add(amount);
                        }
                        Some(Target::Area(ai)) => {
                            area_prev[ai] = area_prev[ai].saturating_add(amount);
                            area_used[ai] = true;
                        }
                        None => {}
                    }
                } else {
                    s.outside_period = s.outside_period.saturating_add(amount);
                    continue;
                }
                if target.is_none() && !amount.is_zero() {
                    let key = (a.file.clone(), k.year, k.project.clone());
                    let u = unmapped.entry(key.clone()).or_insert_with(|| Unmapped {
                        file: a.file.clone(),
                        year: k.year,
                        project: k.project.clone(),
                        accounts: Vec::new(),
                        first_month: k.month,
                        last_month: k.month,
                        amount: Decimal::ZERO,
                    });
                    u.amount = u.amount.saturating_add(amount);
                    u.first_month = u.first_month.min(k.month);
                    u.last_month = u.last_month.max(k.month);
                    if !u.accounts.contains(&k.account) {
                        u.accounts.push(k.account.clone());
                    }
                    unmapped_first.entry(key).or_insert(e.first);
                }
            }
            file_months.push(held);
            sources.push(s);
        }

        // Cost nobody can place, in the budget year: one warning per file and code.
        for (key, u) in &unmapped {
            if u.year != by || u.amount.is_zero() {
                continue;
            }
            let a = input
                .actuals
                .iter()
                .find(|f| f.actuals.file == u.file)
                .map(|f| &f.actuals);
            let f = Finding::new(Kind::UnmappedActual {
                project: u.project.clone(),
                amount: u.amount,
                months: u.months(),
            });
            let place = unmapped_first.get(key).copied().flatten();
            self.findings.push(match a {
                Some(a) => place_of(f, a, place),
                None => f.in_file(u.file.clone()),
            });
        }

        self.overlaps(&file_months);

        let gaps: Vec<String> = (1..=period)
            .filter(|m| !months_with_cost[usize::from(*m) - 1])
            .map(|m| format!("{by}-{m:02}"))
            .collect();
        if !gaps.is_empty() {
            self.findings
                .push(Finding::new(Kind::PeriodGap { months: gaps }));
        }

        // Forecasts → initiatives.
        let forecasts = self.forecasts();

        // Initiatives: periodised budget, forecast, checks.
        let mut initiatives = Vec::new();
        let mut even_areas: Vec<String> = Vec::new();
        for (ai, area) in input.areas.iter().enumerate() {
            let mut without_forecast = Vec::new();
            for (ii, init) in area.initiatives.iter().enumerate() {
                let target = Target::Initiative(ai, ii);
                let projects = self.codes_of(target);
                if projects.is_empty() && !init.budget.is_zero() {
                    let f = Finding::new(Kind::MissingProjectCode {
                        area: area.area.clone(),
                        initiative: init.name.clone(),
                        budget: init.budget,
                    })
                    .in_file(area.file.clone())
                    .at(crate::labels::SHEET_BUDGET, init.cell);
                    self.findings.push(f);
                }
                let mut months = init_months[ai][ii];
                let (budgets, basis) = match ledger_budget[ai][ii] {
                    Some(ledger) => {
                        let year: Decimal = ledger
                            .iter()
                            .copied()
                            .fold(Decimal::ZERO, Decimal::saturating_add);
                        if year != init.budget {
                            let f = Finding::new(Kind::BudgetMismatch {
                                area: area.area.clone(),
                                initiative: init.name.clone(),
                                ledger: year,
                                decided: init.budget,
                            })
                            .in_file(area.file.clone())
                            .at(crate::labels::SHEET_BUDGET, init.cell);
                            self.findings.push(f);
                        }
                        (ledger, Basis::Ledger)
                    }
                    None => match self.weights(&area.area) {
                        Some(w) => (spread(init.budget, &w), Basis::Key),
                        None => {
                            if !even_areas.contains(&area.area) {
                                even_areas.push(area.area.clone());
                            }
                            (spread(init.budget, &[Decimal::ONE; 12]), Basis::Even)
                        }
                    },
                };
                for (m, b) in months.iter_mut().zip(budgets) {
                    m.budget = b;
                }
                let actual = sum(months[..p].iter().map(|m| m.actual));
                let budget_to_date = sum(budgets[..p].iter().copied());
                let (forecast, comment, has_forecast) = match forecasts.get(&(ai, ii)) {
                    Some((value, comment, origin)) => {
                        let limit = init.budget.abs() * input.options.comment_threshold
                            / Decimal::from(100);
                        if (*value - init.budget).abs() > limit && comment.is_none() {
                            let f = Finding::new(Kind::MissingComment {
                                initiative: init.name.clone(),
                                forecast: *value,
                                budget: init.budget,
                                threshold: input.options.comment_threshold,
                            });
                            self.findings.push(origin.place(f));
                        }
                        (*value, comment.clone(), true)
                    }
                    None => {
                        without_forecast.push(init.name.clone());
                        (init.budget, None, false)
                    }
                };
                if actual > init.budget {
                    let f = Finding::new(Kind::ActualExceedsBudget {
                        area: area.area.clone(),
                        initiative: init.name.clone(),
                        actual,
                        budget: init.budget,
                    })
                    .in_file(area.file.clone())
                    .at(crate::labels::SHEET_BUDGET, init.cell);
                    self.findings.push(f);
                }
                initiatives.push(InitiativeResult {
                    area: area.area.clone(),
                    initiative: init.name.clone(),
                    projects,
                    figures: Figures {
                        previous_year: init_prev[ai][ii],
                        actual,
                        budget_to_date,
                        forecast,
                        budget: init.budget,
                    },
                    months,
                    comment,
                    basis,
                    has_forecast,
                });
            }
            if !without_forecast.is_empty() {
                self.findings.push(
                    Finding::new(Kind::NoForecast {
                        area: area.area.clone(),
                        initiatives: without_forecast,
                    })
                    .in_file(area.file.clone()),
                );
            }
        }
        if !even_areas.is_empty() {
            self.findings
                .push(Finding::new(Kind::EvenPeriodisation { areas: even_areas }));
        }

        let areas: Vec<AreaResult> = input
            .areas
            .iter()
            .enumerate()
            .filter(|(ai, _)| area_used[*ai] || !self.codes_of(Target::Area(*ai)).is_empty())
            .map(|(ai, a)| AreaResult {
                area: a.area.clone(),
                projects: self.codes_of(Target::Area(ai)),
                previous_year: area_prev[ai],
                actual: sum(area_months[ai][..p].iter().map(|m| m.actual)),
                months: area_months[ai],
            })
            .collect();

        let groups = self.groups(&initiatives, &areas);
        let mut totals = Figures::default();
        let mut months = [Month::default(); 12];
        for g in &groups {
            totals.add(&g.figures);
            add_months(&mut months, &g.months);
        }
        let previous_year_known = prev_rows;
        FollowUp {
            previous_year_known,
            budget_year: by,
            period,
            groups,
            initiatives,
            areas,
            totals,
            months,
            unmapped: unmapped.into_values().collect(),
            sources,
            forecast_sources: input
                .forecasts
                .iter()
                .map(|f| ForecastSource {
                    file: f.file.clone(),
                    sha256: f.sha256.clone(),
                    rows: f.rows_read,
                    total: sum(f.rows.iter().map(|r| r.forecast)),
                })
                .collect(),
            findings: self.findings,
        }
    }

    /// The periodisation key for an area: its own, else the city-wide one.
    fn weights(&self, area: &str) -> Option<Vec<Decimal>> {
        self.input
            .config
            .and_then(|c| c.area_for(area))
            .and_then(|a| a.periodisation.clone())
            .or_else(|| self.input.options.periodisation.clone())
    }

    /// `overlapping-actuals`: two files holding actuals for the same month.
    fn overlaps(&mut self, file_months: &[BTreeSet<(i32, u8)>]) {
        let files = self.input.actuals;
        for i in 0..file_months.len() {
            for j in i + 1..file_months.len() {
                let both: Vec<String> = file_months[i]
                    .intersection(&file_months[j])
                    .map(|(y, m)| format!("{y}-{m:02}"))
                    .collect();
                if !both.is_empty() {
                    let (a, b) = (&files[i].actuals.file, &files[j].actuals.file);
                    self.findings.push(
                        Finding::new(Kind::OverlappingActuals {
                            first: a.clone(),
                            second: b.clone(),
                            months: both,
                        })
                        .in_file(b.clone()),
                    );
                }
            }
        }
    }

    /// Forecast rows → (area, initiative) → (sum, comments, first row's origin).
    fn forecasts(&mut self) -> HashMap<(usize, usize), (Decimal, Option<String>, Origin)> {
        let mut out: HashMap<(usize, usize), (Decimal, Option<String>, Origin)> = HashMap::new();
        for file in self.input.forecasts {
            self.findings.extend(file.findings.iter().cloned());
            for row in &file.rows {
                let found = self.forecast_target(row);
                let Some((ai, ii)) = found else {
                    continue;
                };
                let slot = out
                    .entry((ai, ii))
                    .or_insert_with(|| (Decimal::ZERO, None, row.origin.clone()));
                slot.0 = slot.0.saturating_add(row.forecast);
                if let Some(c) = row.comment.as_ref().filter(|c| !c.trim().is_empty()) {
                    slot.1 = Some(match slot.1.take() {
                        Some(before) => format!("{before}; {}", c.trim()),
                        None => c.trim().to_string(),
                    });
                }
            }
        }
        out
    }

    fn forecast_target(&mut self, row: &ForecastRow) -> Option<(usize, usize)> {
        if let Some(code) = row.project.as_deref().filter(|c| !c.trim().is_empty()) {
            if let Some(Target::Initiative(a, i)) = self.targets.get(&project_key(code)).copied() {
                return Some((a, i));
            }
            if row.initiative.is_none() {
                let f = Finding::new(Kind::UnknownInitiative {
                    area: row.area.clone(),
                    initiative: code.trim().to_string(),
                    closest: Vec::new(),
                });
                self.findings.push(row.origin.place(f));
                return None;
            }
        }
        let name = row.initiative.as_deref()?;
        let area = row.area.as_deref().and_then(|a| self.area_index(a));
        let found = match area {
            Some(a) => self.initiative_index(a, name).map(|i| (a, i)),
            None => (0..self.input.areas.len())
                .find_map(|a| self.initiative_index(a, name).map(|i| (a, i))),
        };
        if found.is_none() {
            let names: Vec<&str> = match area {
                Some(a) => self.input.areas[a]
                    .initiatives
                    .iter()
                    .map(|i| i.name.as_str())
                    .collect(),
                None => self
                    .input
                    .areas
                    .iter()
                    .flat_map(|a| a.initiatives.iter().map(|i| i.name.as_str()))
                    .collect(),
            };
            let f = Finding::new(Kind::UnknownInitiative {
                area: row.area.clone(),
                initiative: name.to_string(),
                closest: closest(name, names.into_iter()),
            });
            self.findings.push(row.origin.place(f));
        }
        found
    }

    /// Report groups as configured, then the other areas under their own names, in
    /// plan order.
    fn groups(&self, initiatives: &[InitiativeResult], areas: &[AreaResult]) -> Vec<GroupResult> {
        let canonical = |written: &str| -> String {
            self.area_index(written)
                .map(|a| self.input.areas[a].area.clone())
                .or_else(|| {
                    self.input
                        .config
                        .and_then(|c| c.area_for(written))
                        .map(|a| a.name.clone())
                })
                .unwrap_or_else(|| written.to_string())
        };
        let mut list: Vec<(String, Vec<String>)> = Vec::new();
        if let Some(config) = self.input.config {
            for g in &config.report_groups {
                list.push((
                    g.name.clone(),
                    g.areas.iter().map(|a| canonical(a)).collect(),
                ));
            }
        }
        for a in self.input.areas {
            let key = normalize(&a.area);
            if !list
                .iter()
                .any(|(_, areas)| areas.iter().any(|x| normalize(x) == key))
            {
                list.push((a.area.clone(), vec![a.area.clone()]));
            }
        }
        list.into_iter()
            .map(|(name, group_areas)| {
                let keys: Vec<String> = group_areas.iter().map(|a| normalize(a)).collect();
                let mut figures = Figures::default();
                let mut months = [Month::default(); 12];
                for i in initiatives
                    .iter()
                    .filter(|i| keys.contains(&normalize(&i.area)))
                {
                    figures.add(&i.figures);
                    add_months(&mut months, &i.months);
                }
                for a in areas.iter().filter(|a| keys.contains(&normalize(&a.area))) {
                    figures.actual = figures.actual.saturating_add(a.actual);
                    figures.previous_year = figures.previous_year.saturating_add(a.previous_year);
                    add_months(&mut months, &a.months);
                }
                GroupResult {
                    name,
                    areas: group_areas,
                    figures,
                    months,
                }
            })
            .collect()
    }
}

fn sum(values: impl Iterator<Item = Decimal>) -> Decimal {
    values.fold(Decimal::ZERO, Decimal::saturating_add)
}

/// `budget` spread over the months by `weights`: month m gets
/// budget × (w1+…+wm)/(Σw) − (the same up to m−1), so every accumulated figure is
/// one exact division and the twelve months add up to the budget.
pub fn spread(budget: Decimal, weights: &[Decimal]) -> [Decimal; 12] {
    let total = sum(weights.iter().copied());
    let mut out = [Decimal::ZERO; 12];
    if total.is_zero() {
        return out;
    }
    let mut before = Decimal::ZERO;
    let mut cumulative = Decimal::ZERO;
    for (m, w) in weights.iter().take(12).enumerate() {
        cumulative = cumulative.saturating_add(*w);
        let to_date = if m == 11 {
            budget
        } else {
            (budget * cumulative / total).normalize()
        };
        out[m] = to_date - before;
        before = to_date;
    }
    out
}

/// Budget ack from a spread: the sum of months 1..=period.
pub fn to_date(months: &[Decimal; 12], period: u8) -> Decimal {
    sum(months[..usize::from(period.min(12))].iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Key;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn the_key_spreads_exactly() {
        let w: Vec<Decimal> = [
            "8", "8", "9", "8.3", "8", "8", "6", "7", "9", "9", "10", "11.7",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        let months = spread(d("91510"), &w);
        assert_eq!(to_date(&months, 12), d("91510"));
        // The weights add up to 102; January–April hold 33.3 of them.
        assert_eq!(to_date(&months, 4), d("91510") * d("33.3") / d("102"));
        assert_eq!(to_date(&months, 4).round_dp(2), d("29875.32"));
        let even = spread(d("1200"), &[Decimal::ONE; 12]);
        assert_eq!(to_date(&even, 4), d("400"));
    }

    fn plan() -> Vec<PlanArea> {
        vec![PlanArea {
            area: "HR".into(),
            file: "HR.xlsx".into(),
            initiatives: vec![
                PlanInitiative {
                    name: "Digitalisering inom HR".into(),
                    budget: d("1200"),
                    projects: vec!["P1".into()],
                    cell: None,
                },
                PlanInitiative {
                    name: "Lön".into(),
                    budget: d("600"),
                    projects: vec![],
                    cell: None,
                },
            ],
        }]
    }

    fn entry(kr: &str) -> Entry {
        Entry {
            actual: d(kr),
            budget: None,
            rows: 1,
            first: Some(Place::Line(3)),
        }
    }

    fn key(year: i32, month: u8, account: &str, project: Option<&str>) -> Key {
        Key {
            year,
            month,
            account: account.into(),
            project: project.map(String::from),
        }
    }

    #[test]
    fn nothing_is_lost_and_each_krona_goes_one_way() {
        let mut entries = BTreeMap::new();
        entries.insert(key(2023, 1, "4010", Some("p1")), entry("100500"));
        entries.insert(key(2023, 2, "4010", Some("P9")), entry("2000"));
        entries.insert(key(2023, 2, "4010", None), entry("300"));
        entries.insert(key(2023, 2, "3010", Some("P1")), entry("-99000"));
        entries.insert(key(2022, 1, "5010", Some("P1")), entry("7000"));
        entries.insert(key(2022, 5, "5010", Some("P1")), entry("1000"));
        entries.insert(key(2021, 1, "5010", Some("P1")), entry("1"));
        let actuals = Actuals {
            file: "utfall.se".into(),
            form: None,
            sheet: None,
            rows_read: 7,
            entries,
            findings: vec![],
        };
        let files = [ActualsFile {
            actuals,
            sha256: String::new(),
        }];
        let areas = plan();
        let options = FollowUpOptions::default();
        let out = follow_up(Input {
            budget_year: 2023,
            period: None,
            areas: &areas,
            config: None,
            options: &options,
            actuals: &files,
            forecasts: &[],
        });
        assert_eq!(out.period, 2);
        let s = &out.sources[0];
        assert_eq!(s.cost_total, d("102.8"));
        assert_eq!(s.to_initiatives, d("100.5"));
        assert_eq!(s.unmapped, d("2.3"));
        assert_eq!(s.cost_total, s.to_initiatives + s.to_areas + s.unmapped);
        assert_eq!(s.previous_year, d("7"));
        assert_eq!(s.outside_period, d("1.001"));
        assert_eq!(s.cost_rows, 6);
        assert_eq!(out.totals.actual, d("100.5"));
        assert_eq!(out.totals.previous_year, d("7"));
        assert_eq!(out.totals.budget_to_date, d("300"));
        let codes: Vec<&str> = out.findings.iter().map(|f| f.code().as_str()).collect();
        assert!(codes.contains(&"missing-project-code"), "{codes:?}");
        assert!(codes.contains(&"even-periodisation"), "{codes:?}");
        assert!(codes.contains(&"no-forecast"), "{codes:?}");
        assert_eq!(
            codes.iter().filter(|c| **c == "unmapped-actual").count(),
            2,
            "{codes:?}"
        );
    }
}
