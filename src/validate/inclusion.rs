//! Whether an area is included in the consolidation, and why not. One set of
//! rules (in [`run`](super::run)), asked twice:
//!
//! - [`Inclusion::admit`], per file as the files arrive in input order: a
//!   provisional answer from the file itself, the configuration and the files
//!   before it, so that the writer can stream the rows of an area that will most
//!   likely be included and drop them;
//! - [`Inclusion::verdict`], once every file is read: the final answer for the
//!   whole run (duplicates, shared years, frames), which sets each file's
//!   [`Status`](crate::loaded::Status) and adds the findings that say why.
//!
//! The provisional answer can only be wrong where the final one needs files not
//! yet seen (a later duplicate, years most areas do not share); the writer then
//! compares and writes the sheet again from the final answer.

use super::run::{self, Outcome, area_key, configured_name, frame_finding, includable};
use crate::finding::Severity;
use crate::loaded::Loaded;
use crate::settings::Config;
use std::collections::HashSet;

/// The inclusion decision of one run.
#[derive(Debug)]
pub struct Inclusion<'c> {
    config: Option<&'c Config>,
    latest_version: bool,
    /// The budget year and plan years expected: the configured ones, or else
    /// those of the first file that could be included.
    years: Option<(i32, Vec<i32>)>,
    /// The areas admitted so far (normalised).
    areas: HashSet<String>,
    /// False once the caller could not use an admitted area: nothing more is.
    open: bool,
}

impl<'c> Inclusion<'c> {
    pub fn new(config: Option<&'c Config>, latest_version: bool) -> Self {
        let years = config.and_then(|c| Some((c.budget_year?, c.years.clone()?)));
        Inclusion {
            config,
            latest_version,
            years,
            areas: HashSet::new(),
            open: true,
        }
    }

    /// The area name under which a file will most likely be included, if it will.
    /// Files must be offered in input order; an admitted area counts as taken.
    pub fn admit(&mut self, f: &Loaded) -> Option<String> {
        if !self.open || !includable(f) {
            return None;
        }
        let plan = f.plan.as_ref()?;
        let area = match self.config {
            Some(config) => configured_name(config, &plan.meta.area)?,
            None => plan.meta.area.clone(),
        };
        let expected = self
            .years
            .get_or_insert_with(|| (plan.meta.budget_year, plan.plan.years.clone()));
        if run::years_differ(plan, Some(expected.0), &expected.1).contains(&true)
            || self.areas.contains(&area_key(&area))
        {
            return None;
        }
        let over_frame = self
            .config
            .and_then(|c| frame_finding(c, &f.file, &area, plan));
        if over_frame.is_some_and(|x| x.severity == Severity::Error) {
            return None;
        }
        self.areas.insert(area_key(&area));
        Some(area)
    }

    /// The plan years expected so far (those of the first area admitted).
    pub fn plan_years(&self) -> &[i32] {
        self.years.as_ref().map_or(&[], |(_, y)| y.as_slice())
    }

    /// The caller could not use an area admitted: admit nothing more.
    pub fn close(&mut self) {
        self.open = false;
    }

    /// The final decision for every file of the run, in input order: sets each
    /// file's status and adds the run's findings.
    pub fn verdict(self, files: &mut [Loaded]) -> Outcome {
        run::check(files, self.config, self.latest_version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loaded::Status;
    use crate::model::{Filled, FilledInitiative, TemplateSpec};
    use rust_decimal::Decimal;
    use std::path::Path;

    fn file(name: &str, area: &str, budget_year: i32) -> Loaded {
        let spec = TemplateSpec {
            area: area.into(),
            budget_year,
            years: vec![budget_year, budget_year + 1],
        };
        let filled = Filled {
            version: "1.0".into(),
            lead: Some("Test".into()),
            initiatives: vec![FilledInitiative {
                name: "Nytt system".into(),
                new: Decimal::from(300),
                existing: Decimal::from(200),
                development: vec![Decimal::from(500), Decimal::from(100)],
                maintenance: vec![Decimal::ZERO, Decimal::from(50)],
                impact: Some("Liten"),
                projects: Vec::new(),
            }],
        };
        let bytes = crate::write::template::build_filled(&spec, &filled).expect("template");
        crate::load::load_bytes(&bytes, name, Path::new(name), false)
    }

    #[test]
    fn clean_files_are_admitted_as_the_verdict_includes_them() {
        let mut files = vec![file("A.xlsx", "A", 2023), file("B.xlsx", "B", 2023)];
        let mut inclusion = Inclusion::new(None, false);
        let admitted: Vec<Option<String>> = files.iter().map(|f| inclusion.admit(f)).collect();
        assert_eq!(admitted, [Some("A".to_string()), Some("B".to_string())]);
        assert_eq!(inclusion.plan_years(), [2023, 2024]);
        let outcome = inclusion.verdict(&mut files);
        assert_eq!(outcome.years, [2023, 2024]);
        assert!(files.iter().all(|f| f.status == Status::Included));
    }

    #[test]
    fn a_later_duplicate_or_other_years_are_not_admitted_and_the_verdict_says_why() {
        let mut files = vec![
            file("A.xlsx", "A", 2023),
            file("A igen.xlsx", " a ", 2023),
            file("B.xlsx", "B", 2024),
        ];
        let mut inclusion = Inclusion::new(None, false);
        let admitted: Vec<Option<String>> = files.iter().map(|f| inclusion.admit(f)).collect();
        assert_eq!(admitted, [Some("A".to_string()), None, None]);
        inclusion.verdict(&mut files);
        // The whole run excludes the first A too: both name one area.
        for f in &files {
            assert_eq!(f.status, Status::Errors, "{}", f.file);
        }
        assert_eq!(files[0].error_codes(), ["duplicate-area"]);
        assert_eq!(files[2].error_codes(), ["year-mismatch"]);
    }

    #[test]
    fn nothing_is_admitted_once_closed() {
        let files = [file("A.xlsx", "A", 2023), file("B.xlsx", "B", 2023)];
        let mut inclusion = Inclusion::new(None, false);
        assert!(inclusion.admit(&files[0]).is_some());
        inclusion.close();
        assert_eq!(inclusion.admit(&files[1]), None);
    }
}
