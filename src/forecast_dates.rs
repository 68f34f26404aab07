//! Stage: `forecast_dates`, what a forecast workbook says about when it was made,
//! against the follow-up. Takes the read forecast files, the follow-up's month and
//! the reference date; returns findings. Pure: no I/O, no clock.
//!
//! A workbook's `Period` names the month its forecast was made for. One for an
//! earlier month than the follow-up's is still the area's latest forecast and is
//! used (`stale-forecast`); one for a later month is used too (`later-forecast`: an
//! earlier month is being followed up again). A `Datum` after the reference date is
//! most likely a typo (`future-date`). A plain table without the metadata has no
//! month and no date, and a file replaced by a newer version of the same area's is
//! left out of the follow-up: neither gets a finding here. A forecast column headed
//! for another year than the follow-up's (`Prognos helår 2024` in 2023) is
//! `forecast-year`, and that file's forecasts are not used.

use crate::finding::{Code, Finding, Kind};
use crate::follow_up::{ForecastFile, ForecastMeta};
use crate::rounds::Date;
use std::cmp::Ordering;

/// The month a forecast workbook was made for (its `Period`), when it gives a
/// readable one.
pub fn month_of(meta: &ForecastMeta) -> Option<(i32, u8)> {
    ForecastMeta::value(&meta.period).and_then(crate::settings::parse_period)
}

/// `2023-04`.
pub fn month_text((year, month): (i32, u8)) -> String {
    format!("{year}-{month:02}")
}

/// The findings on the forecasts' months and dates, in the files' order.
pub fn check(files: &[ForecastFile], period: (i32, u8), today: Date) -> Vec<Finding> {
    files
        .iter()
        .filter(|f| {
            !f.findings
                .iter()
                .any(|x| x.code() == Code::SupersededVersion)
        })
        .flat_map(|f| {
            let month = month_finding(f, period);
            let date = date_finding(f, today);
            month.into_iter().chain(date)
        })
        .collect()
}

/// `forecast-year`, at the forecast's header, when it names another year than the
/// follow-up's (`Prognos helår 2024` in 2023): that file's forecasts are not used.
pub fn year_finding(file: &ForecastFile, budget_year: i32) -> Option<Finding> {
    let (found, header, at) = file.header_year.as_ref()?;
    if *found == budget_year {
        return None;
    }
    let kind = Kind::ForecastYear {
        header: header.clone(),
        found: *found,
        expected: budget_year,
    };
    Some(file.at_cell(Finding::new(kind), *at))
}

/// `stale-forecast` or `later-forecast`, at the `Period` cell, when the workbook
/// names another month than the follow-up's; `invalid-metadata` (a warning) when
/// its `Period` is no month.
fn month_finding(file: &ForecastFile, period: (i32, u8)) -> Option<Finding> {
    let Some(found) = month_of(&file.meta) else {
        // A `Period` that is no month (`april`): the forecast counts as the follow-up
        // month's, and the warning says which cell to correct.
        let written = ForecastMeta::value(&file.meta.period)?;
        let mut finding = Finding::new(Kind::InvalidMetadata {
            label: crate::forecast::labels::META_PERIOD,
            found: written.to_string(),
        });
        finding.severity = crate::finding::Severity::Warning;
        return Some(file.at_meta(finding, file.meta.period.as_ref()));
    };
    // Without a Tjänsteområde the message names the file instead.
    let area = ForecastMeta::value(&file.meta.area)
        .unwrap_or(&file.file)
        .to_string();
    let (found_text, period_text) = (month_text(found), month_text(period));
    let kind = match found.cmp(&period) {
        Ordering::Less => Kind::StaleForecast {
            area,
            found: found_text,
            period: period_text,
        },
        Ordering::Greater => Kind::LaterForecast {
            area,
            found: found_text,
            period: period_text,
        },
        Ordering::Equal => return None,
    };
    Some(file.at_meta(Finding::new(kind), file.meta.period.as_ref()))
}

/// `future-date`, at the `Datum` cell, when the workbook's date is after today;
/// `invalid-metadata` (a warning) when it is no date the calendar has.
pub fn date_finding(file: &ForecastFile, today: Date) -> Option<Finding> {
    let written = ForecastMeta::value(&file.meta.date)?;
    let Some(date) = Date::parse(written) else {
        // Not a day the calendar has (`2023-02-30`, `3 maj`): Datum is optional, so
        // a warning, as a plan template's bad Datum is.
        let mut finding = Finding::new(Kind::InvalidMetadata {
            label: crate::forecast::labels::META_DATE,
            found: written.to_string(),
        });
        finding.severity = crate::finding::Severity::Warning;
        return Some(file.at_meta(finding, file.meta.date.as_ref()));
    };
    (date > today).then(|| {
        let kind = Kind::FutureDate {
            date: date.to_string(),
            today: today.to_string(),
        };
        file.at_meta(Finding::new(kind), file.meta.date.as_ref())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::CellRef;

    fn workbook(period: Option<&str>, date: Option<&str>) -> ForecastFile {
        let field = |v: Option<&str>, row| v.map(|t| (Some(t.to_string()), CellRef::new(row, 1)));
        ForecastFile {
            file: "prognos/HR-prognos.xlsx".into(),
            meta: ForecastMeta {
                area: Some((Some("HR".into()), CellRef::new(3, 1))),
                period: field(period, 4),
                date: field(date, 7),
                ..ForecastMeta::default()
            },
            sheet: Some("Prognos".into()),
            ..ForecastFile::default()
        }
    }

    fn codes(file: ForecastFile) -> Vec<&'static str> {
        let today = Date::parse("2023-05-05").expect("date");
        check(&[file], (2023, 4), today)
            .iter()
            .map(|f| f.code().as_str())
            .collect()
    }

    #[test]
    fn the_month_and_the_date_against_the_follow_up() {
        assert!(codes(workbook(Some("2023-04"), Some("2023-05-05"))).is_empty());
        assert_eq!(codes(workbook(Some("2023-03"), None)), ["stale-forecast"]);
        assert_eq!(codes(workbook(Some("2022-12"), None)), ["stale-forecast"]);
        assert_eq!(codes(workbook(Some("2023-06"), None)), ["later-forecast"]);
        assert_eq!(codes(workbook(None, Some("2023-05-06"))), ["future-date"]);
        // Not a month, not a date, or a day the calendar does not have: a warning
        // here (`follow-up check` makes the Period an error).
        assert_eq!(codes(workbook(Some("april"), None)), ["invalid-metadata"]);
        assert_eq!(
            codes(workbook(Some("2023-04"), Some("snart"))),
            ["invalid-metadata"]
        );
        assert_eq!(
            codes(workbook(Some("2023-04"), Some("2023-02-30"))),
            ["invalid-metadata"]
        );
        let today = Date::parse("2023-05-05").expect("date");
        let bad = date_finding(&workbook(None, Some("2023-02-30")), today).expect("finding");
        assert_eq!(bad.severity, crate::finding::Severity::Warning);
        assert_eq!(bad.cell, Some(CellRef::new(7, 1)));
        assert!(codes(ForecastFile::default()).is_empty());
    }

    #[test]
    fn a_replaced_version_gets_no_finding() {
        let mut f = workbook(Some("2023-03"), Some("2023-06-01"));
        f.findings.push(Finding::new(Kind::SupersededVersion {
            area: "HR".into(),
            version: "1.0".into(),
            kept_file: "b.xlsx".into(),
            kept_version: "1.1".into(),
        }));
        assert!(codes(f).is_empty());
    }

    #[test]
    fn placed_at_the_period_cell() {
        let found = check(
            &[workbook(Some("2023-03"), None)],
            (2023, 4),
            Date::parse("2023-05-05").expect("date"),
        );
        assert_eq!(found[0].file.as_deref(), Some("prognos/HR-prognos.xlsx"));
        assert_eq!(found[0].sheet.as_deref(), Some("Prognos"));
        assert_eq!(found[0].cell, Some(CellRef::new(4, 1)));
    }

    #[test]
    fn a_forecast_headed_for_another_year_is_named_at_its_header() {
        let at = CellRef::new(8, 2);
        let file = |year| ForecastFile {
            header_year: Some((year, format!("Prognos helår {year}"), at)),
            ..workbook(Some("2023-04"), None)
        };
        assert_eq!(year_finding(&file(2023), 2023), None);
        assert_eq!(year_finding(&workbook(None, None), 2023), None);
        let found = year_finding(&file(2022), 2023).expect("another year");
        assert_eq!(
            found.kind,
            Kind::ForecastYear {
                header: "Prognos helår 2022".into(),
                found: 2022,
                expected: 2023,
            }
        );
        assert_eq!(found.severity, crate::finding::Severity::Error);
        assert_eq!(
            (found.sheet.as_deref(), found.cell),
            (Some("Prognos"), Some(at))
        );
        let csv = ForecastFile {
            sheet: None,
            ..file(2024)
        };
        assert_eq!(year_finding(&csv, 2023).expect("csv").line, Some(9));
    }

    #[test]
    fn placed_on_its_line_in_a_csv() {
        let csv = ForecastFile {
            file: "prognos/HR-prognos.csv".into(),
            sheet: None,
            ..workbook(Some("2023-03"), None)
        };
        let found = check(&[csv], (2023, 4), Date::parse("2023-05-05").expect("date"));
        assert_eq!(found[0].code().as_str(), "stale-forecast");
        assert_eq!(found[0].sheet, None);
        assert_eq!(found[0].cell, None);
        // The period's cell is on row 4 (0-based): the file's fifth line.
        assert_eq!(found[0].line, Some(5));
    }
}
