//! Stage: `rounds`, who has sent what. Takes the configured areas (with their
//! `lead`), what came in (one [`Received`] per file, from the plan's metadata or a
//! forecast workbook's) and the round's deadline; returns one [`Submission`] per
//! configured area — plus one per older version that a newer one replaced — for
//! the `Inlämningar` sheet and the terminal's one line. Pure: no I/O, no clock
//! (the caller passes the reference date).
//!
//! The status, the first that applies: `ersatt av nyare version` when a file of a
//! higher version for the same area came in; `har fel` when the file has errors;
//! `äldre prognos (2023-03)` or `prognos för senare månad (2023-06)` when a
//! forecast workbook's `Period` is not the round's month; `inkommen efter sista
//! dag` when the file's own Datum is after the deadline; else `inkommen`. An area
//! with no file is `väntas` up to and including the deadline and `saknas` after it
//! (or always, without a deadline). The findings do not depend on any of this.

use crate::calendar::days_in_month;
use crate::labels::{normalize, rounds as text};
use crate::lang::Lang;
use crate::model::{compare_versions, is_version_number};
use crate::settings::Config;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `2022-10-14` (also the first ten characters of `2022-10-14T…`).
    pub fn parse(text: &str) -> Option<Date> {
        let t = text.trim();
        let t = t.get(..10).unwrap_or(t);
        let mut parts = t.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        (day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// The date of a day count since 1970-01-01 (the proleptic Gregorian calendar;
    /// the well-known days-to-civil conversion, written out to avoid a date crate
    /// for one call).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// The forecast deadline for a period: `day` of the month after it (the last
    /// day of that month when it is shorter).
    pub fn forecast_deadline(year: i32, period: u8, day: u8) -> Date {
        let (y, m) = if period >= 12 {
            (year + 1, 1)
        } else {
            (year, period + 1)
        };
        Date {
            year: y,
            month: m,
            day: day.clamp(1, days_in_month(y, m)),
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// One file that came in.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// The area as written in the file (matched through the configuration).
    pub area: String,
    pub file: String,
    pub version: Option<String>,
    pub lead: Option<String>,
    /// The file's own `Datum`, as written.
    pub date: Option<String>,
    pub errors: bool,
    /// A forecast made for another month than the round's.
    pub other_month: Option<OtherMonth>,
}

/// The month a forecast workbook was made for, when it is not its round's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherMonth {
    /// `2023-03`.
    pub month: String,
    /// Later than the round's month (else earlier).
    pub later: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Received,
    Late,
    Expected,
    Missing,
    Superseded,
    HasErrors,
    /// A forecast for an earlier month than the round's: used, but not this
    /// round's submission.
    OlderForecast,
    /// A forecast for a later month than the round's.
    LaterForecast,
}

impl Status {
    pub fn label(self, lang: Lang) -> &'static str {
        let [sv, en] = match self {
            Status::Received => text::RECEIVED,
            Status::Late => text::LATE,
            Status::Expected => text::EXPECTED,
            Status::Missing => text::MISSING,
            Status::Superseded => text::SUPERSEDED,
            Status::HasErrors => text::HAS_ERRORS,
            Status::OlderForecast => text::OLDER_FORECAST,
            Status::LaterForecast => text::LATER_FORECAST,
        };
        lang.pick(sv, en)
    }
}

/// One row of `Inlämningar`.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub area: String,
    pub file: Option<String>,
    pub version: Option<String>,
    pub lead: Option<String>,
    pub date: Option<String>,
    /// The configured lead, when the file names another.
    pub configured_lead: Option<String>,
    pub status: Status,
    /// A forecast's own month, when it is not the round's.
    pub other_month: Option<OtherMonth>,
}

impl Submission {
    /// The status as the sheet shows it: `äldre prognos (2023-03)` names the month.
    pub fn status_text(&self, lang: Lang) -> String {
        let label = self.status.label(lang);
        match (&self.other_month, self.status) {
            (Some(m), Status::OlderForecast | Status::LaterForecast) => {
                text::with_month(label, &m.month)
            }
            _ => label.to_string(),
        }
    }
}

/// The submissions of a round. `deadline`: the round's last day, if configured;
/// `today`: the reference date for `väntas`/`saknas`.
pub fn submissions(
    config: Option<&Config>,
    received: &[Received],
    deadline: Option<Date>,
    today: Date,
) -> Vec<Submission> {
    let canonical = |written: &str| -> String {
        config
            .and_then(|c| c.area_for(written))
            .map_or_else(|| written.trim().to_string(), |a| a.name.clone())
    };
    // The areas: the configured ones, else those that came in (by name).
    let mut areas: Vec<(String, Option<String>)> = match config {
        Some(c) if !c.areas.is_empty() => c
            .areas
            .iter()
            .map(|a| (a.name.clone(), a.lead.clone()))
            .collect(),
        _ => {
            let mut names: Vec<String> = received.iter().map(|r| canonical(&r.area)).collect();
            names.sort();
            names.dedup();
            names.into_iter().map(|n| (n, None)).collect()
        }
    };
    // Each file's area, canonical and normalized, once: the matches below are map
    // look-ups, not a scan of every file per area (thousands of files made that
    // quadratic).
    let mut by_key: HashMap<String, Vec<&Received>> = HashMap::new();
    let mut known: HashSet<String> = areas.iter().map(|(a, _)| normalize(a)).collect();
    for r in received {
        let name = canonical(&r.area);
        let key = normalize(&name);
        // Files for an area outside the configuration get rows of their own.
        if known.insert(key.clone()) {
            areas.push((name, None));
        }
        by_key.entry(key).or_default().push(r);
    }
    let mut out = Vec::new();
    for (area, lead) in areas {
        let files: Vec<&Received> = by_key.get(&normalize(&area)).cloned().unwrap_or_default();
        if files.is_empty() {
            let status = match deadline {
                Some(d) if today <= d => Status::Expected,
                _ => Status::Missing,
            };
            out.push(Submission {
                area,
                file: None,
                version: None,
                lead: None,
                date: None,
                configured_lead: lead,
                status,
                other_month: None,
            });
        } else {
            out.extend(area_submissions(&area, lead.as_deref(), files, deadline));
        }
    }
    out
}

/// One area's files, the newest version first (then by file name, for a stable
/// order), each with its status: superseded, with errors, late or received.
fn area_submissions(
    area: &str,
    lead: Option<&str>,
    mut files: Vec<&Received>,
    deadline: Option<Date>,
) -> Vec<Submission> {
    files.sort_by(|a, b| {
        compare_versions(
            b.version.as_deref().unwrap_or(""),
            a.version.as_deref().unwrap_or(""),
        )
        .then_with(|| a.file.cmp(&b.file))
    });
    let newest = files[0].version.clone();
    files
        .into_iter()
        .map(|r| {
            let older = !matches!(
                compare_versions(
                    r.version.as_deref().unwrap_or(""),
                    newest.as_deref().unwrap_or("")
                ),
                Ordering::Equal
            );
            let late = matches!(
                (deadline, r.date.as_deref().and_then(Date::parse)),
                (Some(d), Some(sent)) if sent > d
            );
            let status = if older {
                Status::Superseded
            } else if r.errors {
                Status::HasErrors
            } else if let Some(m) = &r.other_month {
                if m.later {
                    Status::LaterForecast
                } else {
                    Status::OlderForecast
                }
            } else if late {
                Status::Late
            } else {
                Status::Received
            };
            let other_lead = match (lead, &r.lead) {
                (Some(c), Some(l)) if normalize(c) != normalize(l) => Some(c.to_string()),
                _ => None,
            };
            Submission {
                area: area.to_string(),
                file: Some(r.file.clone()),
                version: r.version.clone(),
                lead: r.lead.clone(),
                date: r.date.clone(),
                configured_lead: other_lead,
                status,
                other_month: r.other_month.clone(),
            }
        })
        .collect()
}

/// The terminal's one line, when some area is missing, expected, late or has sent
/// a forecast for another month: `Inlämningar: saknas HR; inkommen efter sista dag
/// Ekonomi; äldre prognos IT-tjänster.` (files with errors are in the findings
/// already).
pub fn summary_line(subs: &[Submission], lang: Lang) -> Option<String> {
    let names = |s: Status| -> Vec<&str> {
        let mut v: Vec<&str> = subs
            .iter()
            .filter(|x| x.status == s)
            .map(|x| x.area.as_str())
            .collect();
        v.dedup();
        v
    };
    let parts: Vec<String> = [
        Status::Missing,
        Status::Expected,
        Status::Late,
        Status::OlderForecast,
        Status::LaterForecast,
    ]
    .into_iter()
    .filter_map(|s| {
        let n = names(s);
        (!n.is_empty()).then(|| format!("{} {}", s.label(lang), n.join(", ")))
    })
    .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "{}: {}.\n",
            lang.pick(text::SUBMISSIONS[0], text::SUBMISSIONS[1]),
            parts.join("; ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_days_and_text() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(19_279).to_string(), "2022-10-14");
        assert_eq!(Date::from_days(11_016).to_string(), "2000-02-29");
        assert_eq!(
            Date::parse("2022-10-14"),
            Some(Date {
                year: 2022,
                month: 10,
                day: 14
            })
        );
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(
            Date::forecast_deadline(2023, 4, 5).to_string(),
            "2023-05-05"
        );
        assert_eq!(
            Date::forecast_deadline(2023, 12, 31).to_string(),
            "2024-01-31"
        );
        assert_eq!(
            Date::forecast_deadline(2023, 1, 31).to_string(),
            "2023-02-28"
        );
    }
}

/// A round as the `Inlämningar` sheet shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    /// `budgetplan 2023`, `prognos 2023-04`.
    pub name: String,
    pub deadline: Option<Date>,
    /// The reference date for `väntas`/`saknas` (`--today`, else the run's date).
    pub today: Date,
    pub submissions: Vec<Submission>,
}

impl Round {
    /// The plan round of a run: every read file that names an area (by its
    /// metadata, else by a file name that is a configured area's).
    pub fn plan(
        config: Option<&Config>,
        budget_year: Option<i32>,
        files: &[crate::load::Loaded],
        today: Date,
    ) -> Round {
        let received: Vec<Received> = files
            .iter()
            .filter_map(|f| {
                let meta = f.plan.as_ref().map(|p| &p.meta);
                let area = f
                    .area
                    .clone()
                    .or_else(|| meta.map(|m| m.area.clone()))
                    .or_else(|| {
                        let stem = std::path::Path::new(&f.file)
                            .file_stem()?
                            .to_string_lossy()
                            .into_owned();
                        config
                            .and_then(|c| c.area_for(&stem))
                            .map(|a| a.name.clone())
                    })?;
                Some(Received {
                    area,
                    file: f.file.clone(),
                    version: meta.map(|m| m.version.clone()),
                    lead: meta.and_then(|m| m.lead.clone()),
                    date: meta.and_then(|m| m.date.clone()),
                    errors: f.has_errors(),
                    other_month: None,
                })
            })
            .collect();
        let deadline = config.and_then(Config::plan_deadline);
        Round {
            name: match budget_year {
                Some(y) => format!("budgetplan {y}"),
                None => "budgetplan".into(),
            },
            deadline,
            today,
            submissions: submissions(config, &received, deadline, today),
        }
    }
}

impl Round {
    /// The forecast round of a follow-up: a forecast workbook names its area in
    /// its metadata; a plain table, in its `Tjänsteområde` column (each area it
    /// names, without version, lead or date).
    pub fn forecast(
        config: Option<&Config>,
        budget_year: i32,
        period: u8,
        files: &[crate::follow_up::ForecastFile],
        today: Date,
    ) -> Round {
        use crate::follow_up::ForecastMeta;
        let mut received = Vec::new();
        for f in files {
            let errors = f
                .findings
                .iter()
                .any(|x| x.severity == crate::finding::Severity::Error);
            match ForecastMeta::value(&f.meta.area) {
                Some(area) => received.push(Received {
                    area: area.to_string(),
                    file: f.file.clone(),
                    version: ForecastMeta::value(&f.meta.version).map(str::to_string),
                    lead: ForecastMeta::value(&f.meta.lead).map(str::to_string),
                    date: ForecastMeta::value(&f.meta.date).map(str::to_string),
                    errors,
                    other_month: other_month(f, (budget_year, period)),
                }),
                None => {
                    let mut areas: Vec<&str> =
                        f.rows.iter().filter_map(|r| r.area.as_deref()).collect();
                    areas.sort_unstable();
                    areas.dedup();
                    received.extend(areas.into_iter().map(|a| Received {
                        area: a.to_string(),
                        file: f.file.clone(),
                        version: None,
                        lead: None,
                        date: None,
                        errors,
                        other_month: None,
                    }));
                }
            }
        }
        let deadline = config
            .and_then(Config::forecast_deadline_day)
            .map(|day| Date::forecast_deadline(budget_year, period, day));
        Round {
            name: format!("prognos {budget_year}-{period:02}"),
            deadline,
            today,
            submissions: submissions(config, &received, deadline, today),
        }
    }
}

/// The month a forecast workbook names, when it is not the round's `month`.
fn other_month(f: &crate::follow_up::ForecastFile, month: (i32, u8)) -> Option<OtherMonth> {
    let found = crate::forecast_dates::month_of(&f.meta).filter(|m| *m != month)?;
    Some(OtherMonth {
        month: crate::forecast_dates::month_text(found),
        later: found > month,
    })
}

/// Forecast workbooks replaced by a newer version of the same area's: their
/// indexes, each with the `superseded-version` note that says so. Only files
/// that name their area and version in the metadata take part.
pub fn superseded_forecasts(
    config: Option<&Config>,
    files: &[crate::follow_up::ForecastFile],
) -> Vec<(usize, crate::finding::Finding)> {
    use crate::follow_up::ForecastMeta;
    let key = |f: &crate::follow_up::ForecastFile| -> Option<(String, String)> {
        let area = ForecastMeta::value(&f.meta.area)?;
        let version = ForecastMeta::value(&f.meta.version)?;
        let canonical = config
            .and_then(|c| c.area_for(area))
            .map_or_else(|| area.trim().to_string(), |a| a.name.clone());
        Some((canonical, version.to_string()))
    };
    let mut out = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let Some((area, version)) = key(f) else {
            continue;
        };
        let newer = files
            .iter()
            .filter_map(|g| Some((g, key(g)?)))
            .find(|(_, (a, v))| {
                // Only version numbers are ranked: an `Utkast` replaces nothing.
                normalize(a) == normalize(&area)
                    && is_version_number(v)
                    && is_version_number(&version)
                    && compare_versions(v, &version) == Ordering::Greater
            });
        if let Some((kept, (_, kept_version))) = newer {
            let finding = crate::finding::Finding::new(crate::finding::Kind::SupersededVersion {
                area: area.clone(),
                version,
                kept_file: kept.file.clone(),
                kept_version,
            })
            .in_file(f.file.clone());
            out.push((i, finding));
        }
    }
    out
}
