//! Project codes → initiatives and areas: from the plan's project column and
//! `budget.toml`'s `[[project]]`, with `duplicate-project-code` and
//! `unknown-initiative` for what cannot be linked.

use super::{Join, Origin, Target};
use crate::finding::{Finding, Kind};
use crate::labels::{initiative_key, normalize, project_key};
use std::collections::BTreeSet;

impl Join<'_> {
    pub(super) fn area_index(&self, written: &str) -> Option<usize> {
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

    pub(super) fn initiative_index(&self, area: usize, written: &str) -> Option<usize> {
        let key = initiative_key(written);
        self.input.areas[area]
            .initiatives
            .iter()
            .position(|i| initiative_key(&i.name) == key)
    }

    pub(super) fn describe(&self, t: Target) -> String {
        match t {
            Target::Initiative(a, i) => format!(
                "{} › {}",
                self.input.areas[a].area, self.input.areas[a].initiatives[i].name
            ),
            Target::Area(a) => self.input.areas[a].area.clone(),
        }
    }

    /// Where a project code written in an actuals or forecast file goes: the code as
    /// written, else — a report's `23300 - IT gemensamt` or `P2301: Signering`, code
    /// and name in one field — its first word, when that is a mapped code.
    pub(super) fn target_of(&self, written: &str) -> Option<Target> {
        self.targets
            .get(&project_key(written))
            .copied()
            .or_else(|| {
                let t = written.trim();
                let end = t.find(|c: char| c.is_whitespace() || c == ':')?;
                self.targets.get(&project_key(&t[..end])).copied()
            })
    }

    pub(super) fn link(&mut self, code: &str, target: Target, origin: Origin) {
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
    pub(super) fn map_codes(&mut self) {
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

    pub(super) fn codes_of(&self, target: Target) -> Vec<String> {
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
