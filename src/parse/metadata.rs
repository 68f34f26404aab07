//! The metadata above the budget table: `Verksamhetsområde`, `Version`,
//! `Budgetår` (required), `Datum` and `Ansvarig` (optional).

use super::{Parsed, Sink};
use crate::finding::{Finding, Kind};
use crate::grid::{Grid, Value};
use crate::labels;
use crate::locate;
use crate::location::CellRef;
use crate::model::Metadata;
use crate::rounds::Date;

pub(super) fn parse(
    grid: &Grid,
    header_row: Option<u32>,
    sink: &mut Sink<'_>,
    parsed: &mut Parsed,
) {
    let sheet = grid.name.as_str();
    let required = |label: &'static str, sink: &mut Sink<'_>| -> Option<(CellRef, Value)> {
        match locate::meta_field(grid, label, header_row) {
            Some(locate::MetaField {
                value: Some(cell), ..
            }) => Some((cell.at, cell.into_owned().value)),
            Some(locate::MetaField {
                label_cell,
                value: None,
            }) => {
                sink.push(sheet, Some(label_cell), Kind::MissingMetadata { label });
                None
            }
            None => {
                sink.push(sheet, None, Kind::MissingMetadata { label });
                None
            }
        }
    };
    let area =
        required(labels::META_AREA, sink).map(|(at, v)| (at, v.display().trim().to_string()));
    let version = required(labels::META_VERSION, sink).map(|(_, v)| match v {
        Value::Number(d) if d.scale() == 0 || d.normalize().scale() == 0 => {
            format!("{}.0", d.trunc())
        }
        Value::Number(d) => d.normalize().to_string(),
        other => other.display().trim().to_string(),
    });
    let year = required(labels::META_BUDGET_YEAR, sink)
        .and_then(|(at, v)| budget_year(at, &v, sheet, sink));
    // Datum and Ansvarig are optional, but a template whose labels stand with their
    // values still empty is not filled in yet: a warning each.
    for label in [labels::META_DATE, labels::META_LEAD] {
        if let Some(locate::MetaField {
            label_cell,
            value: None,
        }) = locate::meta_field(grid, label, header_row)
        {
            let value_cell = CellRef::new(label_cell.row, label_cell.col + 1);
            sink.push(sheet, Some(value_cell), Kind::EmptyMetadata { label });
        }
    }
    let date = date(grid, header_row, sink);
    let lead = locate::meta_field(grid, labels::META_LEAD, header_row)
        .and_then(|f| f.value)
        .map(|c| c.value.display().trim().to_string());
    parsed.area_cell = area.as_ref().map(|(at, _)| *at);
    parsed.area = area.as_ref().map(|(_, name)| name.clone());
    parsed.budget_year_cell = year.map(|(at, _)| at);
    if let (Some((_, area)), Some(version), Some((_, budget_year))) = (area, version, year) {
        parsed.meta = Some(Metadata {
            area,
            version,
            budget_year,
            date,
            lead,
        });
    }
}

/// `2023-01-18`: an ISO date written as text, of a day the calendar has (not
/// `2023-13-01` or `2023-02-30`, which are `invalid-metadata`).
fn is_iso_date(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && Date::parse(t).is_some()
}

/// `Budgetår` as a year from 1900 to 2200, or an `invalid-metadata` finding.
fn budget_year(at: CellRef, v: &Value, sheet: &str, sink: &mut Sink<'_>) -> Option<(CellRef, i32)> {
    let year = match v {
        Value::Number(d) if d.fract().is_zero() => i32::try_from(d.trunc()).ok(),
        Value::Text(t) => t.trim().parse::<i32>().ok(),
        _ => None,
    }
    .filter(|y| (1900..=2200).contains(y));
    if year.is_none() {
        sink.push(
            sheet,
            Some(at),
            Kind::InvalidMetadata {
                label: labels::META_BUDGET_YEAR,
                found: v.display(),
            },
        );
    }
    year.map(|y| (at, y))
}

/// `Datum` as ISO text, when it is filled in; a bad one is a warning, and so is one
/// after today's date (the system's: a template cannot be dated after the day it is
/// read, whatever date a run is made as of), most likely a wrong year.
fn date(grid: &Grid, header_row: Option<u32>, sink: &mut Sink<'_>) -> Option<String> {
    let sheet = grid.name.as_str();
    let future = |text: &str, at: CellRef, sink: &mut Sink<'_>| {
        let today = Date::today();
        if let Some(date) = Date::parse(text).filter(|d| *d > today) {
            let kind = Kind::FutureDate {
                date: date.to_string(),
                today: today.to_string(),
            };
            sink.push(sheet, Some(at), kind);
        }
    };
    locate::meta_field(grid, labels::META_DATE, header_row)
        .and_then(|f| f.value)
        .and_then(|cell| {
            match &cell.value {
                Value::Date(d) => {
                    future(d, cell.at, sink);
                    Some(d.clone())
                }
                Value::Text(t) if is_iso_date(t.trim()) => {
                    future(t.trim(), cell.at, sink);
                    Some(t.trim().to_string())
                }
                other => {
                    let mut finding = Finding::new(Kind::InvalidMetadata {
                        label: labels::META_DATE,
                        found: other.display(),
                    })
                    .at(sheet, Some(cell.at));
                    // Datum is optional: a bad one is worth a warning, not a stop.
                    finding.severity = crate::finding::Severity::Warning;
                    sink.push_finding(finding);
                    None
                }
            }
        })
}
