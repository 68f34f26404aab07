//! Forecast rows → initiatives: by project code first, else by area and name;
//! a row that matches nothing is an `unknown-initiative`.

use super::mapping::closest;
use super::{ForecastRow, Join, Origin, Target};
use crate::finding::{Finding, Kind};
use rust_decimal::Decimal;
use std::collections::HashMap;

impl Join<'_> {
    /// Forecast rows → (area, initiative) → (sum, comments, first row's origin).
    /// An initiative's rows are summed within its file; a second file's rows for
    /// it are `duplicate-forecast` and not counted (a copy of a forecast left in
    /// the folder would otherwise count it twice).
    pub(super) fn forecasts(
        &mut self,
    ) -> HashMap<(usize, usize), (Decimal, Option<String>, Origin)> {
        let mut out: HashMap<(usize, usize), (Decimal, Option<String>, Origin)> = HashMap::new();
        for file in self.input.forecasts {
            self.findings.extend(file.findings.iter().cloned());
            for row in &file.rows {
                let found = self.forecast_target(row);
                let Some((ai, ii)) = found else {
                    continue;
                };
                if let Some((_, _, first)) = out.get(&(ai, ii))
                    && first.file != row.origin.file
                {
                    let area = &self.input.areas[ai];
                    let kind = Kind::DuplicateForecast {
                        area: area.area.clone(),
                        initiative: area.initiatives[ii].name.clone(),
                        counted: first.file.clone(),
                    };
                    self.findings.push(row.origin.place(Finding::new(kind)));
                    continue;
                }
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

    pub(super) fn forecast_target(&mut self, row: &ForecastRow) -> Option<(usize, usize)> {
        if let Some(code) = row.project.as_deref().filter(|c| !c.trim().is_empty()) {
            if let Some(Target::Initiative(a, i)) = self.target_of(code) {
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
}
