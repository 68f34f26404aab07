//! Stage: `forecast_check`, the checks `follow-up check` runs on a filled forecast
//! workbook before it is sent, as `check` checks a plan. Takes one read
//! [`ForecastFile`] and what it should match; returns findings. Pure: no I/O.
//!
//! Against the decided plan when one is given (`--plan DIR`), else against the
//! workbook itself: the rows `follow-up template` wrote carry a `Budget helår`,
//! so a row without one was added by hand and names no initiative of the plan.

use crate::finding::{Finding, Kind};
use crate::follow_up::{ForecastFile, ForecastMeta, ForecastRow, PlanArea, closest};
use crate::forecast::labels as l;
use crate::labels::{initiative_key, normalize};
use crate::settings::Config;
use rust_decimal::Decimal;
use std::str::FromStr;

/// What a forecast workbook must match.
#[derive(Debug, Clone, Copy)]
pub struct Expect<'a> {
    /// The plan's included areas (`--plan`); `None`: the workbook's own rows.
    pub areas: Option<&'a [PlanArea]>,
    pub config: Option<&'a Config>,
    /// (year, month) the forecast must be for (`--period`).
    pub period: Option<(i32, u8)>,
    /// Percent; the workbook's own `Kommentar krävs …` value wins when it has one.
    pub threshold: Decimal,
}

fn place(f: Finding, row: &ForecastRow) -> Finding {
    let mut f = f.in_file(row.origin.file.clone());
    if let Some(sheet) = &row.origin.sheet {
        f = f.at(sheet, row.origin.cell);
    }
    if let Some(line) = row.origin.line {
        f = f.at_line(line);
    }
    f
}

/// Checks one forecast file.
pub fn check(file: &ForecastFile, e: &Expect<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let meta = &file.meta;
    let mut checker = Checker {
        file,
        e,
        area_text: ForecastMeta::value(&meta.area).map(str::to_string),
        area: None,
        // A percent the workbook gives, 0–100; anything else is not one, and the
        // configured threshold applies.
        threshold: ForecastMeta::value(&meta.threshold)
            .and_then(|t| Decimal::from_str(&t.replace(',', ".")).ok())
            .filter(|t| (Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(t))
            .unwrap_or(e.threshold),
    };
    checker.area = checker.check_area(&mut out);
    checker.check_period(&mut out);
    for row in &file.rows {
        checker.check_row(row, &mut out);
    }
    out
}

/// One file's checks, with what they share: the area written in the workbook and
/// found in the plan, and the threshold for a comment.
struct Checker<'a> {
    file: &'a ForecastFile,
    e: &'a Expect<'a>,
    area_text: Option<String>,
    area: Option<&'a PlanArea>,
    threshold: Decimal,
}

impl<'a> Checker<'a> {
    fn find_area(&self, written: &str) -> Option<&'a PlanArea> {
        let canonical = self
            .e
            .config
            .and_then(|c| c.area_for(written))
            .map_or_else(|| normalize(written), |a| normalize(&a.name));
        self.e
            .areas?
            .iter()
            .find(|a| normalize(&a.area) == canonical)
    }

    /// The workbook's `Tjänsteområde`: present (unless the rows name theirs) and,
    /// against a plan, one of its areas.
    fn check_area(&self, out: &mut Vec<Finding>) -> Option<&'a PlanArea> {
        let meta = &self.file.meta;
        let rows = &self.file.rows;
        // A plain table without the metadata names its area per row.
        let rows_name_areas =
            meta.area.is_none() && !rows.is_empty() && rows.iter().all(|r| r.area.is_some());
        match (&self.area_text, self.e.areas) {
            (None, _) if rows_name_areas => None,
            (None, _) => {
                out.push(self.file.at_meta(
                    Finding::new(Kind::MissingMetadata {
                        label: l::META_AREA,
                    }),
                    meta.area.as_ref(),
                ));
                None
            }
            (Some(written), Some(areas)) => {
                let area = self.find_area(written);
                if area.is_none() {
                    out.push(self.file.at_meta(
                        Finding::new(Kind::UnknownArea {
                            area: written.clone(),
                            known: areas.iter().map(|a| a.area.clone()).collect(),
                            closest: None,
                        }),
                        meta.area.as_ref(),
                    ));
                }
                area
            }
            (Some(_), None) => None,
        }
    }

    /// The workbook's `Period`: readable, and the one asked for.
    fn check_period(&self, out: &mut Vec<Finding>) {
        let meta = &self.file.meta;
        match ForecastMeta::value(&meta.period) {
            None if meta.period.is_none() && self.e.period.is_none() => {}
            None => out.push(self.file.at_meta(
                Finding::new(Kind::MissingMetadata {
                    label: l::META_PERIOD,
                }),
                meta.period.as_ref(),
            )),
            Some(found) => match (crate::settings::parse_period(found), self.e.period) {
                (None, _) => out.push(self.file.at_meta(
                    Finding::new(Kind::InvalidMetadata {
                        label: l::META_PERIOD,
                        found: found.to_string(),
                    }),
                    meta.period.as_ref(),
                )),
                (Some(p), Some(want)) if p != want => out.push(self.file.at_meta(
                    Finding::new(Kind::PeriodMismatch {
                        found: format!("{}-{:02}", p.0, p.1),
                        expected: format!("{}-{:02}", want.0, want.1),
                    }),
                    meta.period.as_ref(),
                )),
                _ => {}
            },
        }
    }

    /// One row: its amount, its initiative known, and its forecast against its
    /// actual and its budget.
    fn check_row(&self, row: &ForecastRow, out: &mut Vec<Finding>) {
        let name = row
            .initiative
            .clone()
            .or_else(|| row.project.clone())
            .unwrap_or_default();
        if let Some(text) = &row.as_text {
            out.push(place(
                Finding::new(Kind::NumberAsText {
                    column: l::COL_FORECAST.into(),
                    text: text.clone(),
                    value: row.forecast,
                }),
                row,
            ));
        }
        if row.forecast.is_sign_negative() && !row.forecast.is_zero() {
            out.push(place(
                Finding::new(Kind::NegativeAmount {
                    column: l::COL_FORECAST.into(),
                    value: row.forecast,
                }),
                row,
            ));
            return; // an error already; the other checks would only repeat it
        }
        let Some(budget) = self.row_budget(row, &name, out) else {
            return;
        };
        if let Some(actual) = row.actual.filter(|a| row.forecast < *a) {
            out.push(place(
                Finding::new(Kind::ForecastBelowActual {
                    initiative: name.clone(),
                    forecast: row.forecast,
                    actual,
                }),
                row,
            ));
        }
        // Amounts are bounded and the threshold is at most 100: no overflow, but
        // checked all the same (a huge limit asks for no comment).
        let limit = budget
            .abs()
            .checked_mul(self.threshold)
            .map_or(Decimal::MAX, |l| l / Decimal::ONE_HUNDRED);
        let commented = row.comment.as_ref().is_some_and(|c| !c.trim().is_empty());
        if (row.forecast - budget).abs() > limit && !commented {
            out.push(place(
                Finding::new(Kind::MissingComment {
                    initiative: name,
                    forecast: row.forecast,
                    budget,
                    threshold: self.threshold,
                }),
                row,
            ));
        }
    }

    /// The row's area: the workbook's, else (a plain table) the row's own; `Err`
    /// when the row's own is not in the plan (said here).
    fn row_area(
        &self,
        row: &ForecastRow,
        out: &mut Vec<Finding>,
    ) -> Result<Option<&'a PlanArea>, ()> {
        match (&self.area_text, row.area.as_deref()) {
            (None, Some(written)) => {
                let found = self.find_area(written);
                if let (None, Some(areas)) = (found, self.e.areas) {
                    out.push(place(
                        Finding::new(Kind::UnknownArea {
                            area: written.to_string(),
                            known: areas.iter().map(|a| a.area.clone()).collect(),
                            closest: None,
                        }),
                        row,
                    ));
                    return Err(());
                }
                Ok(found)
            }
            _ => Ok(self.area),
        }
    }

    /// The row's budget: the plan's for its initiative (with `--plan`), else the
    /// one `follow-up template` wrote; `None` when the initiative is unknown (said
    /// here) or its area is.
    fn row_budget(&self, row: &ForecastRow, name: &str, out: &mut Vec<Finding>) -> Option<Decimal> {
        let row_area = self.row_area(row, out).ok()?;
        let unknown = |area: Option<String>, suggestion| {
            place(
                Finding::new(Kind::UnknownInitiative {
                    area,
                    initiative: name.to_string(),
                    closest: suggestion,
                }),
                row,
            )
        };
        match (self.e.areas, row_area) {
            (Some(_), Some(a)) => {
                let key = initiative_key(name);
                let found = a
                    .initiatives
                    .iter()
                    .find(|i| initiative_key(&i.name) == key);
                if found.is_none() {
                    let names = a.initiatives.iter().map(|i| i.name.as_str());
                    out.push(unknown(Some(a.area.clone()), closest(name, names)));
                }
                found.map(|i| i.budget)
            }
            (Some(_), None) => None, // the area is unknown: said once above
            (None, _) => {
                if row.budget.is_none() {
                    let names = self
                        .file
                        .rows
                        .iter()
                        .filter(|r| r.budget.is_some())
                        .filter_map(|r| r.initiative.as_deref());
                    out.push(unknown(self.area_text.clone(), closest(name, names)));
                }
                row.budget
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::follow_up::{Origin, PlanInitiative};

    fn row(area: Option<&str>, name: &str, forecast: i64) -> ForecastRow {
        ForecastRow {
            area: area.map(String::from),
            initiative: Some(name.into()),
            project: None,
            forecast: Decimal::from(forecast),
            comment: None,
            origin: Origin {
                file: "prognos.csv".into(),
                line: Some(2),
                ..Origin::default()
            },
            as_text: None,
            budget: None,
            actual: None,
        }
    }

    #[test]
    fn a_plain_table_is_checked_against_the_plan_by_its_rows() {
        let areas = [PlanArea {
            area: "HR".into(),
            file: "HR.xlsx".into(),
            initiatives: vec![PlanInitiative {
                name: "Lön".into(),
                budget: Decimal::from(1000),
                projects: vec![],
                cell: None,
            }],
        }];
        let file = ForecastFile {
            file: "prognos.csv".into(),
            rows: vec![row(Some("HR"), "Lön", 500)],
            ..ForecastFile::default()
        };
        let e = Expect {
            areas: Some(&areas),
            config: None,
            period: None,
            threshold: Decimal::from(10),
        };
        let found = check(&file, &e);
        let codes: Vec<&str> = found.iter().map(|f| f.code().as_str()).collect();
        // No metadata is asked of a plain table; each row is matched by its own
        // area: 500 against a budget of 1 000 needs a comment.
        assert_eq!(codes, ["missing-comment"], "{found:?}");
        assert_eq!(found[0].line, Some(2));
        // Without the area column, the metadata is missing.
        let bare = ForecastFile {
            rows: vec![row(None, "Lön", 500)],
            ..file
        };
        let codes: Vec<String> = check(&bare, &e)
            .iter()
            .map(|f| f.code().as_str().to_string())
            .collect();
        assert_eq!(codes, ["missing-metadata"]);
    }
}
