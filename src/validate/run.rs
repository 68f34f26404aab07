//! Rules across the areas of one run: configured areas (unknown, missing),
//! duplicate areas and `--latest-version`, shared years, frames. Decides each
//! file's [`Status`]. Takes the loaded files; adds findings; reads no workbook.

use crate::finding::{Finding, Kind, Severity, YearKind, YearSource};
use crate::labels::{self, normalize};
use crate::loaded::{Loaded, Status};
use crate::model::{AreaPlan, compare_versions, is_version_number};
use crate::settings::Config;
use crate::validate::area::{self, years_text};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The years the run consolidates, and findings that belong to no single file.
#[derive(Debug, Default)]
pub struct Outcome {
    pub budget_year: Option<i32>,
    pub years: Vec<i32>,
    pub findings: Vec<Finding>,
}

pub fn check(files: &mut [Loaded], config: Option<&Config>, latest_version: bool) -> Outcome {
    let mut outcome = Outcome::default();
    name_areas(files, config);
    if config.is_none() {
        similar_areas(files);
    }
    check_years(files, config, &mut outcome);
    resolve_duplicates(files, latest_version);
    if let Some(config) = config {
        missing_areas(files, config, &mut outcome);
    }
    for f in files.iter_mut() {
        if f.status != Status::Superseded {
            f.status = if includable(f) {
                Status::Included
            } else {
                Status::Errors
            };
        }
    }
    if let Some(config) = config {
        check_frames(files, config, &mut outcome);
    }
    outcome
}

/// A file can be included only with a plan read and no error of its own.
pub(super) fn includable(f: &Loaded) -> bool {
    f.plan.is_some() && !f.has_errors()
}

/// The name a written area is consolidated under: the configured one (after
/// aliases), or none when the configuration does not know it.
pub(super) fn configured_name(config: &Config, written: &str) -> Option<String> {
    config.area_for(written).map(|a| a.name.clone())
}

/// Two files name one area when their names are equal after normalising.
pub(super) fn area_key(area: &str) -> String {
    normalize(area)
}

/// Whether a plan's budget year and plan years differ from the run's.
pub(super) fn years_differ(plan: &AreaPlan, budget_year: Option<i32>, years: &[i32]) -> [bool; 2] {
    [
        budget_year.is_some_and(|y| y != plan.meta.budget_year),
        !years.is_empty() && plan.plan.years != years,
    ]
}

/// The finding on an area's total against its configured frame, if any.
pub(super) fn frame_finding(
    config: &Config,
    file: &str,
    area: &str,
    plan: &AreaPlan,
) -> Option<Finding> {
    let frame = config.area_for(area).and_then(|a| a.frame)?;
    let kind = frame_kind(Some(area.to_string()), plan.budget.sum_amount, frame)?;
    Some(
        Finding::new(kind)
            .in_file(file)
            .at(labels::SHEET_BUDGET, plan.budget.total_cell),
    )
}

/// Maps each file's written area to its configured name (or reports it unknown).
fn name_areas(files: &mut [Loaded], config: Option<&Config>) {
    let Some(config) = config else { return };
    for f in files.iter_mut() {
        name_area(f, config);
    }
}

/// The area rule of one file against the configuration: its written area becomes
/// the configured name (after aliases), or is `unknown-area`. `consolidate` applies
/// it to every file of the run, `check` to a file with a `budget.toml` beside it.
pub fn name_area(f: &mut Loaded, config: &Config) {
    let Some(written) = f.area.clone() else {
        return;
    };
    if let Some(name) = configured_name(config, &written) {
        f.area = Some(name);
        return;
    }
    let closest = crate::validate::similar::closest(
        &written,
        config
            .areas
            .iter()
            .flat_map(|a| std::iter::once(&a.name).chain(&a.aliases))
            .map(String::as_str),
    )
    .and_then(|name| config.area_for(name))
    .map(|a| a.name.clone());
    let finding = Finding::new(Kind::UnknownArea {
        area: written,
        known: config.areas.iter().map(|a| a.name.clone()).collect(),
        closest,
    })
    .in_file(&f.file)
    .at(labels::SHEET_BUDGET, f.area_cell);
    f.findings.push(finding);
}

/// A configured area that no file names is `missing-area`; a file named after it
/// (`HR.xlsx` for `HR`) is named in the finding, with the area it names instead.
fn missing_areas(files: &[Loaded], config: &Config, outcome: &mut Outcome) {
    for area in &config.areas {
        let key = normalize(&area.name);
        if files
            .iter()
            .any(|f| f.area.as_deref().map(normalize).as_ref() == Some(&key))
        {
            continue;
        }
        let named_after = files
            .iter()
            .find(|f| {
                std::path::Path::new(&f.file)
                    .file_stem()
                    .is_some_and(|stem| normalize(&stem.to_string_lossy()) == key)
            })
            .map(|f| (f.file.clone(), f.area.clone()));
        outcome.findings.push(Finding::new(Kind::MissingArea {
            area: area.name.clone(),
            named_after,
        }));
    }
}

/// Without a configuration, two area names that are most likely one area
/// (`IT-tjänster`, `IT-tjanster`) would be consolidated as two, and the budget
/// counted twice: an error on each file, naming the other.
fn similar_areas(files: &mut [Loaded]) {
    use crate::validate::similar;
    // Only names of the same digits can be similar: compare within those groups,
    // so thousands of numbered areas cost one pass, not every pair.
    let mut groups: BTreeMap<String, Vec<(usize, String, String)>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        if let (Some(area), Some(_)) = (&f.area, &f.plan) {
            groups.entry(similar::digits(area)).or_default().push((
                i,
                area.clone(),
                similar::key(area),
            ));
        }
    }
    let mut pairs = Vec::new();
    for named in groups.values() {
        for (x, (i, a, ka)) in named.iter().enumerate() {
            for (j, b, kb) in &named[x + 1..] {
                if normalize(a) != normalize(b) && similar::keyed_distance(ka, kb).is_some() {
                    pairs.push((*i, a.clone(), *j, b.clone()));
                }
            }
        }
    }
    pairs.sort();
    for (i, a, j, b) in pairs {
        for (me, mine, other, theirs) in [(i, &a, j, &b), (j, &b, i, &a)] {
            let kind = Kind::SimilarArea {
                area: mine.clone(),
                other: theirs.clone(),
                other_file: files[other].file.clone(),
            };
            let finding = Finding::new(kind)
                .in_file(&files[me].file)
                .at(labels::SHEET_BUDGET, files[me].area_cell);
            files[me].findings.push(finding);
        }
    }
}

/// The value most files share; ties go to the smallest, so the choice is stable.
fn majority<T: Ord + Clone>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let best = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(v, _)| v)
}

fn check_years(files: &mut [Loaded], config: Option<&Config>, outcome: &mut Outcome) {
    let planned = || files.iter().filter_map(|f| f.plan.as_ref());
    let (budget_year, year_source) = match config.and_then(|c| c.budget_year) {
        Some(y) => (Some(y), YearSource::Config),
        None => (
            majority(planned().map(|p| p.meta.budget_year)),
            YearSource::Majority,
        ),
    };
    let (years, plan_source) = match config.and_then(|c| c.years.clone()) {
        Some(y) => (y, YearSource::Config),
        None => (
            majority(planned().map(|p| p.plan.years.clone())).unwrap_or_default(),
            YearSource::Majority,
        ),
    };
    for f in files.iter_mut() {
        let Some(plan) = &f.plan else { continue };
        let [budget_year_differs, plan_years_differ] = years_differ(plan, budget_year, &years);
        if let Some(expected) = budget_year.filter(|_| budget_year_differs) {
            let kind = Kind::YearMismatch {
                kind: YearKind::BudgetYear,
                found: plan.meta.budget_year.to_string(),
                expected: expected.to_string(),
                source: year_source,
            };
            let finding = Finding::new(kind)
                .in_file(&f.file)
                .at(labels::SHEET_BUDGET, f.budget_year_cell);
            f.findings.push(finding);
        }
        if plan_years_differ {
            let kind = Kind::YearMismatch {
                kind: YearKind::PlanYears,
                found: years_text(&plan.plan.years),
                expected: years_text(&years),
                source: plan_source,
            };
            f.findings.push(
                Finding::new(kind)
                    .in_file(&f.file)
                    .at(labels::SHEET_PLAN, None),
            );
        }
        if let Some(year) = budget_year.filter(|_| budget_year_differs) {
            compare_sheets_for(f, year);
        }
    }
    outcome.budget_year = budget_year;
    outcome.years = years;
}

/// A file whose `Budgetår` is not the run's: its sheets compared again for the
/// run's budget year, the year consolidated, so that one wrong year cell is one
/// finding and not a mismatch per initiative (when the file plans that year).
fn compare_sheets_for(f: &mut Loaded, year: i32) {
    let Some(plan) = &f.plan else { return };
    if plan.plan.year_index(year).is_none() {
        return;
    }
    f.findings.retain(|x| !area::is_cross_sheet(&x.kind));
    let mut sink = crate::parse::Sink::new(&f.file);
    area::cross_sheet(
        &plan.budget,
        &plan.plan,
        year,
        f.budget_year_cell,
        &mut sink,
    );
    f.findings.extend(sink.findings);
}

/// Two files for one area: an error on each, or with `--latest-version` the
/// highest version is kept and the others are superseded.
fn resolve_duplicates(files: &mut [Loaded], latest_version: bool) {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        if let (Some(area), Some(_)) = (&f.area, &f.plan) {
            groups.entry(area_key(area)).or_default().push(i);
        }
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        let versions: Vec<String> = (0..files.len())
            .map(|i| {
                files[i]
                    .plan
                    .as_ref()
                    .map_or("", |p| p.meta.version.as_str())
                    .to_string()
            })
            .collect();
        let version = |i: usize| versions[i].clone();
        let mut order = members.clone();
        order.sort_by(|&a, &b| compare_versions(&version(b), &version(a)));
        let newest_unique = order.len() > 1
            && compare_versions(&version(order[0]), &version(order[1]))
                == std::cmp::Ordering::Greater;
        // A version that is no number (`Utkast`, empty) cannot be ranked: choosing
        // would keep a draft over a numbered final version.
        let not_a_number = members
            .iter()
            .map(|&i| version(i))
            .find(|v| !is_version_number(v))
            .filter(|_| latest_version);
        if latest_version && newest_unique && not_a_number.is_none() {
            let kept = order[0];
            let (kept_file, kept_version) = (files[kept].file.clone(), version(kept));
            for &i in &order[1..] {
                let area = files[i].area.clone().unwrap_or_default();
                let kind = Kind::SupersededVersion {
                    area,
                    version: version(i),
                    kept_file: kept_file.clone(),
                    kept_version: kept_version.clone(),
                };
                let finding = Finding::new(kind)
                    .in_file(&files[i].file)
                    .at(labels::SHEET_BUDGET, None);
                files[i].findings.push(finding);
                files[i].status = Status::Superseded;
            }
        } else {
            let names: Vec<String> = members.iter().map(|&i| files[i].file.clone()).collect();
            // The newest version twice: `--latest-version` cannot choose.
            let same_version = (!newest_unique)
                .then(|| version(order[0]))
                .filter(|v| !v.is_empty() && not_a_number.is_none());
            for &i in members {
                let area = files[i].area.clone().unwrap_or_default();
                let finding = Finding::new(Kind::DuplicateArea {
                    area,
                    files: names.clone(),
                    same_version: same_version.clone(),
                    not_a_number: not_a_number.clone(),
                })
                .in_file(&files[i].file)
                .at(labels::SHEET_BUDGET, files[i].area_cell);
                files[i].findings.push(finding);
            }
        }
    }
}

fn check_frames(files: &mut [Loaded], config: &Config, outcome: &mut Outcome) {
    for f in files.iter_mut().filter(|f| f.status == Status::Included) {
        let (Some(plan), Some(area)) = (&f.plan, &f.area) else {
            continue;
        };
        if let Some(finding) = frame_finding(config, &f.file, area, plan) {
            if finding.severity == Severity::Error {
                f.status = Status::Errors;
            }
            f.findings.push(finding);
        }
    }
    if let Some(frame) = config.total_frame {
        let total: Decimal = crate::amount::total(
            files
                .iter()
                .filter(|f| f.status == Status::Included)
                .filter_map(|f| f.plan.as_ref())
                .map(|p| p.budget.sum_amount),
        );
        if let Some(mut kind) = frame_kind(None, total, frame) {
            if let Kind::FrameDeviation { left_out, .. } = &mut kind {
                // Each area once, though two of its files have errors (`HR.xlsx`
                // and `HR (1).xlsx`), and none that another of its files brings in.
                let included: Vec<&String> = files
                    .iter()
                    .filter(|f| f.status == Status::Included)
                    .filter_map(|f| f.area.as_ref())
                    .collect();
                for f in files.iter().filter(|f| f.status == Status::Errors) {
                    let name = f.area.clone().unwrap_or_else(|| f.file.clone());
                    if !included.contains(&&name) && !left_out.contains(&name) {
                        left_out.push(name);
                    }
                }
            }
            outcome.findings.push(Finding::new(kind));
        }
    }
}

fn frame_kind(area: Option<String>, total: Decimal, frame: Decimal) -> Option<Kind> {
    match total.cmp(&frame) {
        std::cmp::Ordering::Greater => Some(Kind::FrameExceeded { area, total, frame }),
        std::cmp::Ordering::Less => Some(Kind::FrameDeviation {
            area,
            total,
            frame,
            left_out: Vec::new(),
        }),
        std::cmp::Ordering::Equal => None,
    }
}
