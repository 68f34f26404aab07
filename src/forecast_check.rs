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
    let at_meta = |f: Finding, field: &Option<(Option<String>, crate::location::CellRef)>| {
        let f = f.in_file(file.file.clone());
        match field {
            Some((_, cell)) => f.at(l::SHEET, Some(*cell)),
            None => f,
        }
    };
    let meta = &file.meta;
    // The area.
    let area_text = ForecastMeta::value(&meta.area).map(str::to_string);
    let find_area = |written: &str| -> Option<&PlanArea> {
        let canonical = e
            .config
            .and_then(|c| c.area_for(written))
            .map_or_else(|| normalize(written), |a| normalize(&a.name));
        e.areas?.iter().find(|a| normalize(&a.area) == canonical)
    };
    let mut area: Option<&PlanArea> = None;
    // A plain table without the metadata names its area per row.
    let rows_name_areas =
        meta.area.is_none() && !file.rows.is_empty() && file.rows.iter().all(|r| r.area.is_some());
    match (&area_text, e.areas) {
        (None, _) if rows_name_areas => {}
        (None, _) => out.push(at_meta(
            Finding::new(Kind::MissingMetadata {
                label: l::META_AREA,
            }),
            &meta.area,
        )),
        (Some(written), Some(areas)) => {
            area = find_area(written);
            if area.is_none() {
                out.push(at_meta(
                    Finding::new(Kind::UnknownArea {
                        area: written.clone(),
                        known: areas.iter().map(|a| a.area.clone()).collect(),
                        closest: None,
                    }),
                    &meta.area,
                ));
            }
        }
        (Some(_), None) => {}
    }
    // The period.
    match ForecastMeta::value(&meta.period) {
        None if meta.period.is_none() && e.period.is_none() => {}
        None => out.push(at_meta(
            Finding::new(Kind::MissingMetadata {
                label: l::META_PERIOD,
            }),
            &meta.period,
        )),
        Some(found) => match (crate::settings::parse_period(found), e.period) {
            (None, _) => out.push(at_meta(
                Finding::new(Kind::InvalidMetadata {
                    label: l::META_PERIOD,
                    found: found.to_string(),
                }),
                &meta.period,
            )),
            (Some(p), Some(want)) if p != want => out.push(at_meta(
                Finding::new(Kind::PeriodMismatch {
                    found: format!("{}-{:02}", p.0, p.1),
                    expected: format!("{}-{:02}", want.0, want.1),
                }),
                &meta.period,
            )),
            _ => {}
        },
    }
    let threshold = ForecastMeta::value(&meta.threshold)
        .and_then(|t| Decimal::from_str(&t.replace(',', ".")).ok())
        .unwrap_or(e.threshold);

    for row in &file.rows {
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
            continue; // an error already; the other checks would only repeat it
        }
        // Known, and its budget.
        // The workbook's area, else (a plain table) the row's own.
        let row_area = match (&area_text, row.area.as_deref()) {
            (None, Some(written)) => {
                let found = find_area(written);
                if let (None, Some(areas)) = (found, e.areas) {
                    out.push(place(
                        Finding::new(Kind::UnknownArea {
                            area: written.to_string(),
                            known: areas.iter().map(|a| a.area.clone()).collect(),
                            closest: None,
                        }),
                        row,
                    ));
                    continue;
                }
                found
            }
            _ => area,
        };
        let budget = match (e.areas, row_area) {
            (Some(_), Some(a)) => {
                let key = initiative_key(&name);
                match a
                    .initiatives
                    .iter()
                    .find(|i| initiative_key(&i.name) == key)
                {
                    Some(i) => Some(i.budget),
                    None => {
                        out.push(place(
                            Finding::new(Kind::UnknownInitiative {
                                area: Some(a.area.clone()),
                                initiative: name.clone(),
                                closest: closest(
                                    &name,
                                    a.initiatives.iter().map(|i| i.name.as_str()),
                                ),
                            }),
                            row,
                        ));
                        continue;
                    }
                }
            }
            (Some(_), None) => continue, // the area is unknown: said once above
            (None, _) => match row.budget {
                Some(b) => Some(b),
                None => {
                    let names = file
                        .rows
                        .iter()
                        .filter(|r| r.budget.is_some())
                        .filter_map(|r| r.initiative.as_deref());
                    out.push(place(
                        Finding::new(Kind::UnknownInitiative {
                            area: area_text.clone(),
                            initiative: name.clone(),
                            closest: closest(&name, names),
                        }),
                        row,
                    ));
                    continue;
                }
            },
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
        if let Some(budget) = budget {
            let limit = budget.abs() * threshold / Decimal::from(100);
            let commented = row.comment.as_ref().is_some_and(|c| !c.trim().is_empty());
            if (row.forecast - budget).abs() > limit && !commented {
                out.push(place(
                    Finding::new(Kind::MissingComment {
                        initiative: name.clone(),
                        forecast: row.forecast,
                        budget,
                        threshold,
                    }),
                    row,
                ));
            }
        }
    }
    out
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
