//! The join itself: every ledger entry on a cost account is counted once — for an
//! initiative, for an area, as unmapped, as previous year or as outside the
//! period — then the initiatives' figures, checks and totals are built.

use super::periodisation::spread;
use super::{
    ActualsFile, AreaResult, Basis, Figures, FollowUp, ForecastSource, InitiativeResult, Join,
    Month, Origin, PlanArea, Source, Target, Unmapped, add_months, has_actual, place_of, sum, tkr,
};
use crate::finding::{Finding, Kind};
use crate::ledger::{Entry, Key, Place};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// Unmapped cost is summed per file, year and project code.
type UnmappedKey = (String, i32, Option<String>);

/// A forecast as linked to an initiative: its sum, its comments, its first row.
type Linked = (Decimal, Option<String>, Origin);

/// The ledger's entries summed per target, before the initiatives are built.
pub(super) struct Ledgered {
    /// Per initiative and area-level target: actual and previous year, monthly.
    init_months: Vec<Vec<[Month; 12]>>,
    init_prev: Vec<Vec<Decimal>>,
    ledger_budget: Vec<Vec<Option<[Decimal; 12]>>>,
    area_months: Vec<[Month; 12]>,
    area_prev: Vec<Decimal>,
    area_used: Vec<bool>,
    sources: Vec<Source>,
    unmapped: BTreeMap<UnmappedKey, Unmapped>,
    unmapped_first: BTreeMap<UnmappedKey, Option<Place>>,
    months_with_cost: [bool; 12],
    prev_rows: bool,
}

impl Join<'_> {
    pub(super) fn period(&self) -> u8 {
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

    pub(super) fn run(mut self) -> FollowUp {
        let period = self.period();
        let p = usize::from(period);
        let mut ledgered = self.ledgered();
        let counted = self.overlaps();
        for (file, counted) in self.input.actuals.iter().zip(counted) {
            match counted {
                true => self.ledger_file(file, p, &mut ledgered),
                false => {
                    self.findings.extend(file.actuals.findings.iter().cloned());
                    ledgered.sources.push(source(file));
                }
            }
        }
        self.warn_unmapped(&ledgered);
        self.gaps(period, &ledgered.months_with_cost);
        // Forecasts → initiatives.
        let forecasts = self.forecasts();
        let initiatives = self.initiatives(&ledgered, p, &forecasts);
        self.finish(ledgered, period, initiatives)
    }

    /// The accumulators, all zero.
    fn ledgered(&self) -> Ledgered {
        let areas = self.input.areas;
        let per_initiative = |a: &PlanArea| a.initiatives.len();
        Ledgered {
            init_months: areas
                .iter()
                .map(|a| vec![[Month::default(); 12]; per_initiative(a)])
                .collect(),
            init_prev: areas
                .iter()
                .map(|a| vec![Decimal::ZERO; per_initiative(a)])
                .collect(),
            ledger_budget: areas
                .iter()
                .map(|a| vec![None; per_initiative(a)])
                .collect(),
            area_months: vec![[Month::default(); 12]; areas.len()],
            area_prev: vec![Decimal::ZERO; areas.len()],
            area_used: vec![false; areas.len()],
            sources: Vec::new(),
            unmapped: BTreeMap::new(),
            unmapped_first: BTreeMap::new(),
            months_with_cost: [false; 12],
            prev_rows: false,
        }
    }

    /// One actuals file's entries on cost accounts, each counted once: for an
    /// initiative, for an area, as unmapped, as previous year or outside the period.
    fn ledger_file(&mut self, file: &ActualsFile, p: usize, l: &mut Ledgered) {
        let by = self.input.budget_year;
        let cost = &self.input.options.cost_accounts;
        let a = &file.actuals;
        self.findings.extend(a.findings.iter().cloned());
        let mut s = source(file);
        for (k, e) in &a.entries {
            if !cost.contains(&k.account) || !(1..=12).contains(&k.month) {
                continue;
            }
            let m = usize::from(k.month) - 1;
            s.cost_rows += u64::from(e.rows);
            let target = k.project.as_deref().and_then(|c| self.target_of(c));
            if let (Some(b), Some(Target::Initiative(ai, ii)), true) =
                (e.budget, target, k.year == by)
            {
                let months = l.ledger_budget[ai][ii].get_or_insert([Decimal::ZERO; 12]);
                months[m] = months[m].saturating_add(tkr(b));
            }
            if !has_actual(e) {
                continue;
            }
            let amount = tkr(e.actual);
            let in_period = usize::from(k.month) <= p;
            if k.year == by && in_period {
                l.this_year(target, m, amount, &mut s);
            } else if k.year == by - 1 && in_period {
                l.previous_year(target, amount, &mut s);
            } else {
                s.outside_period = s.outside_period.saturating_add(amount);
                continue;
            }
            if target.is_none() && !amount.is_zero() {
                note_unmapped(
                    &mut l.unmapped,
                    &mut l.unmapped_first,
                    &a.file,
                    k,
                    e,
                    amount,
                );
            }
        }
        l.sources.push(s);
    }

    /// Cost nobody can place, in the budget year or in the previous year's
    /// comparison months: one warning per file, year and code.
    fn warn_unmapped(&mut self, l: &Ledgered) {
        let input = self.input;
        let by = input.budget_year;
        let Ledgered {
            unmapped,
            unmapped_first,
            ..
        } = l;
        for (key, u) in unmapped {
            let previous_year = u.year == by - 1;
            if (u.year != by && !previous_year) || u.amount.is_zero() {
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
                previous_year,
            });
            let place = unmapped_first.get(key).copied().flatten();
            self.findings.push(match a {
                Some(a) => place_of(f, a, place),
                None => f.in_file(u.file.clone()),
            });
        }
    }

    /// `period-gap`: a month up to the period without any cost.
    fn gaps(&mut self, period: u8, months_with_cost: &[bool; 12]) {
        let by = self.input.budget_year;
        let gaps: Vec<String> = (1..=period)
            .filter(|m| !months_with_cost[usize::from(*m) - 1])
            .map(|m| format!("{by}-{m:02}"))
            .collect();
        if !gaps.is_empty() {
            self.findings
                .push(Finding::new(Kind::PeriodGap { months: gaps }));
        }
    }

    /// Initiatives: periodised budget, forecast, checks.
    fn initiatives(
        &mut self,
        l: &Ledgered,
        p: usize,
        forecasts: &HashMap<(usize, usize), Linked>,
    ) -> Vec<InitiativeResult> {
        let input = self.input;
        let (init_months, init_prev) = (&l.init_months, &l.init_prev);
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
                let (budgets, basis) = self.budgets(l, (ai, ii), &mut even_areas);
                for (m, b) in months.iter_mut().zip(budgets) {
                    m.budget = b;
                }
                let actual = sum(months[..p].iter().map(|m| m.actual));
                let budget_to_date = sum(budgets[..p].iter().copied());
                let found = forecasts.get(&(ai, ii));
                let (forecast, comment, has_forecast) =
                    self.forecast_of(area, ii, found, &mut without_forecast);
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

        initiatives
    }

    /// An initiative's budget per month and how it was made: the ledger's own
    /// periodised budget, else the periodisation key, else even twelfths.
    fn budgets(
        &mut self,
        l: &Ledgered,
        (ai, ii): (usize, usize),
        even_areas: &mut Vec<String>,
    ) -> ([Decimal; 12], Basis) {
        let area = &self.input.areas[ai];
        let init = &area.initiatives[ii];
        match l.ledger_budget[ai][ii] {
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
        }
    }

    /// An initiative's full-year forecast, its comment and whether it had one;
    /// `missing-comment` for a large deviation without a comment.
    fn forecast_of(
        &mut self,
        area: &PlanArea,
        ii: usize,
        found: Option<&Linked>,
        without_forecast: &mut Vec<String>,
    ) -> (Decimal, Option<String>, bool) {
        let input = self.input;
        let init = &area.initiatives[ii];
        match found {
            Some((value, comment, origin)) => {
                let limit =
                    init.budget.abs() * input.options.comment_threshold / Decimal::from(100);
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
        }
    }

    /// Areas with area-wide codes, the report groups and the totals.
    fn finish(self, l: Ledgered, period: u8, initiatives: Vec<InitiativeResult>) -> FollowUp {
        let input = self.input;
        let by = input.budget_year;
        let p = usize::from(period);
        let Ledgered {
            area_months,
            area_prev,
            area_used,
            sources,
            unmapped,
            prev_rows,
            ..
        } = l;
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
}

/// Where a ledger row's amount goes: this year's cost or the previous year's.
impl Ledgered {
    /// A cost of the budget year, up to the period: to its initiative, its area, or
    /// unmapped.
    fn this_year(&mut self, target: Option<Target>, m: usize, amount: Decimal, s: &mut Source) {
        self.months_with_cost[m] = true;
        s.cost_total = s.cost_total.saturating_add(amount);
        match target {
            Some(Target::Initiative(ai, ii)) => {
                let cell = &mut self.init_months[ai][ii][m];
                cell.actual = cell.actual.saturating_add(amount);
                s.to_initiatives = s.to_initiatives.saturating_add(amount);
            }
            Some(Target::Area(ai)) => {
                self.area_months[ai][m].actual =
                    self.area_months[ai][m].actual.saturating_add(amount);
                self.area_used[ai] = true;
                s.to_areas = s.to_areas.saturating_add(amount);
            }
            None => {
                s.unmapped = s.unmapped.saturating_add(amount);
            }
        }
    }

    /// A cost of the year before, up to the same month.
    fn previous_year(&mut self, target: Option<Target>, amount: Decimal, s: &mut Source) {
        self.prev_rows = true;
        s.previous_year = s.previous_year.saturating_add(amount);
        match target {
            Some(Target::Initiative(ai, ii)) => {
                self.init_prev[ai][ii] = self.init_prev[ai][ii].saturating_add(amount);
            }
            Some(Target::Area(ai)) => {
                self.area_prev[ai] = self.area_prev[ai].saturating_add(amount);
                self.area_used[ai] = true;
            }
            None => {}
        }
    }
}

/// A file's row in `Källor`, its sums still zero.
fn source(file: &ActualsFile) -> Source {
    let a = &file.actuals;
    Source {
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
    }
}

/// Adds cost that belongs to no initiative or area to its file, year and code.
fn note_unmapped(
    unmapped: &mut BTreeMap<UnmappedKey, Unmapped>,
    unmapped_first: &mut BTreeMap<UnmappedKey, Option<Place>>,
    file: &str,
    k: &Key,
    e: &Entry,
    amount: Decimal,
) {
    let key = (file.to_string(), k.year, k.project.clone());
    let u = unmapped.entry(key.clone()).or_insert_with(|| Unmapped {
        file: file.to_string(),
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
