//! Stage: after `consolidate`, beside `write`. What changed between two versions
//! of the plans: per area, initiatives added, removed and changed per column and
//! year, in the plan's own words ("Införande av City Information Platform / IoT:
//! 4 800 → 6 300 tkr (Nyutveckling)").
//!
//! Takes two [`Snapshot`]s (made from the plans read, or from a consolidated
//! workbook's `Initiativ` sheet) and returns the change list; pure `Decimal`
//! comparison, no I/O, no formats. Initiatives are matched by their key (the
//! name, forgivingly); those left over by project code when both have one (a
//! rename); what is still left is offered as a likely rename with its similarity,
//! and stays listed as removed and added — never silently joined.
//!
//! [`snapshot`] makes the snapshots, this module compares them, [`render`] prints
//! the result.

mod render;
mod snapshot;

pub use render::{render, summary};
pub use snapshot::{area_snapshot, snapshot_from_initiatives};

use crate::labels;
use crate::lang::{self, Lang};
use rust_decimal::Decimal;

/// The figures of one version: every area, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snapshot {
    pub areas: Vec<AreaSnapshot>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaSnapshot {
    pub area: String,
    pub version: String,
    /// The year whose development restates the budget table's `Belopp`.
    pub budget_year: Option<i32>,
    pub items: Vec<Item>,
}

/// One initiative and its figures (a figure left out is an empty cell).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub name: String,
    /// The initiative's project codes, when the plan gives them: a renamed
    /// initiative is matched by a code both versions share.
    pub codes: Vec<String>,
    pub figures: Vec<(Column, Decimal)>,
}

impl Item {
    fn figure(&self, column: Column) -> Decimal {
        self.figures
            .iter()
            .find(|(c, _)| *c == column)
            .map_or(Decimal::ZERO, |(_, v)| *v)
    }

    fn columns(&self) -> impl Iterator<Item = Column> + '_ {
        self.figures.iter().map(|(c, _)| *c)
    }
}

/// A column of the plan: the budget table's three, or a multi-year column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    New,
    Existing,
    Amount,
    Development(i32),
    Maintenance(i32),
}

impl Column {
    /// The plan's own label (the same in both languages, as in the workbook).
    pub fn label(self) -> String {
        match self {
            Column::New => labels::COL_NEW.to_string(),
            Column::Existing => labels::COL_EXISTING_SHORT.to_string(),
            Column::Amount => labels::COL_AMOUNT_SHORT.to_string(),
            Column::Development(y) => format!("{} {y}", labels::PLAN_DEVELOPMENT),
            Column::Maintenance(y) => format!("{} {y}", labels::PLAN_MAINTENANCE),
        }
    }
}

/// One change within an area.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Amount {
        name: String,
        column: Column,
        old: Decimal,
        new: Decimal,
    },
    Added {
        name: String,
        amount: Decimal,
    },
    Removed {
        name: String,
        amount: Decimal,
    },
    /// Matched by project code under a new name.
    Renamed {
        old: String,
        new: String,
        code: String,
    },
    /// A removed and an added initiative whose names are alike: offered, not joined.
    LikelyRename {
        old: String,
        new: String,
        /// Percent.
        similarity: u32,
    },
}

impl Change {
    pub fn message(&self, lang: Lang) -> String {
        let tkr = |v: &Decimal| lang::amount(*v, lang);
        match (self, lang) {
            (
                Change::Amount {
                    name,
                    column,
                    old,
                    new,
                },
                _,
            ) => format!(
                "{name}: {} → {} tkr ({})",
                tkr(old),
                tkr(new),
                column.label()
            ),
            (Change::Added { name, amount }, Lang::Sv) => {
                format!("Nytt initiativ: {name} ({} tkr)", tkr(amount))
            }
            (Change::Added { name, amount }, Lang::En) => {
                format!("New initiative: {name} ({} tkr)", tkr(amount))
            }
            (Change::Removed { name, amount }, Lang::Sv) => {
                format!("Borttaget initiativ: {name} (var {} tkr)", tkr(amount))
            }
            (Change::Removed { name, amount }, Lang::En) => {
                format!("Removed initiative: {name} (was {} tkr)", tkr(amount))
            }
            (Change::Renamed { old, new, code }, Lang::Sv) => {
                format!("Namnändring (projekt {code}): {old} → {new}")
            }
            (Change::Renamed { old, new, code }, Lang::En) => {
                format!("Renamed (project {code}): {old} → {new}")
            }
            (
                Change::LikelyRename {
                    old,
                    new,
                    similarity,
                },
                Lang::Sv,
            ) => format!(
                "Trolig namnändring ({similarity} % lika): {old} → {new}; samma initiativ? Räknas nu som borttaget och nytt – ge det samma namn eller samma projektkod i båda versionerna"
            ),
            (
                Change::LikelyRename {
                    old,
                    new,
                    similarity,
                },
                Lang::En,
            ) => format!(
                "Likely rename ({similarity} % alike): {old} → {new}; the same initiative? Counted as removed and new for now – give it the same name or the same project code in both versions"
            ),
        }
    }
}

/// The changes of one area between the two versions.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaChanges {
    pub area: String,
    /// `None`: the area is only in the other version.
    pub old_version: Option<String>,
    pub new_version: Option<String>,
    pub changes: Vec<Change>,
}

impl AreaChanges {
    /// `IT-tjänster: version 1.0 → 2.0`, or the area added or removed.
    pub fn heading(&self, lang: Lang) -> String {
        let area = &self.area;
        match (&self.old_version, &self.new_version, lang) {
            // The same version with other content: the lead forgot to raise it.
            (Some(o), Some(n), Lang::Sv) if o == n && !self.changes.is_empty() => {
                format!("{area}: version {o} i båda, fast innehållet har ändrats (höj versionen)")
            }
            (Some(o), Some(n), Lang::En) if o == n && !self.changes.is_empty() => {
                format!(
                    "{area}: version {o} in both, although the content changed (raise the version)"
                )
            }
            (Some(o), Some(n), Lang::Sv) => format!("{area}: version {o} → {n}"),
            (Some(o), Some(n), Lang::En) => format!("{area}: version {o} → {n}"),
            (None, Some(n), Lang::Sv) => format!("{area}: nytt tjänsteområde (version {n})"),
            (None, Some(n), Lang::En) => format!("{area}: new service area (version {n})"),
            (Some(o), None, Lang::Sv) => format!("{area}: tjänsteområdet saknas (var version {o})"),
            (Some(o), None, Lang::En) => {
                format!("{area}: the service area is gone (was version {o})")
            }
            (None, None, _) => area.clone(),
        }
    }
}

/// The header of a project-code column in `Initiativ`, when there is one.
const PROJECT_HEADER: &str = "Projekt";

/// A removed and an added initiative at least this alike are offered as a likely rename.
const LIKELY_RENAME: f64 = 0.5;

/// The changes from `old` to `new`, area by area: the areas of `new` in order,
/// then those only in `old`. Areas without a change are left out.
pub fn compare(old: &Snapshot, new: &Snapshot) -> Vec<AreaChanges> {
    let key = |a: &AreaSnapshot| labels::normalize(&a.area);
    let mut out = Vec::new();
    for n in &new.areas {
        let o = old.areas.iter().find(|o| key(o) == key(n));
        let changes = compare_area(o, n);
        let version_changed = o.is_none_or(|o| o.version != n.version);
        if !changes.is_empty() || version_changed {
            out.push(AreaChanges {
                area: n.area.clone(),
                old_version: o.map(|o| o.version.clone()),
                new_version: Some(n.version.clone()),
                changes,
            });
        }
    }
    for o in &old.areas {
        if !new.areas.iter().any(|n| key(n) == key(o)) {
            out.push(AreaChanges {
                area: o.area.clone(),
                old_version: Some(o.version.clone()),
                new_version: None,
                changes: o
                    .items
                    .iter()
                    .map(|i| Change::Removed {
                        name: i.name.clone(),
                        amount: i.figure(Column::Amount),
                    })
                    .collect(),
            });
        }
    }
    out
}

/// Project codes compare trimmed and case-insensitively.
fn code_key(code: &str) -> String {
    code.trim().to_lowercase()
}

fn compare_area(old: Option<&AreaSnapshot>, new: &AreaSnapshot) -> Vec<Change> {
    let empty = Vec::new();
    let old_items = old.map_or(&empty, |o| &o.items);
    let key = |i: &Item| labels::initiative_key(&i.name);
    let mut matched_old = vec![false; old_items.len()];
    // (old index, new index), and renames by code.
    let mut pairs = Vec::new();
    let mut renames = Vec::new();
    let mut unmatched_new = Vec::new();
    for (ni, n) in new.items.iter().enumerate() {
        let by_key = old_items
            .iter()
            .enumerate()
            .find(|(oi, o)| !matched_old[*oi] && key(o) == key(n));
        let shared = |o: &Item| {
            n.codes
                .iter()
                .find(|c| o.codes.iter().any(|d| code_key(d) == code_key(c)))
                .cloned()
        };
        let by_code = || {
            old_items
                .iter()
                .enumerate()
                .find(|(oi, o)| !matched_old[*oi] && shared(o).is_some())
        };
        match by_key.or_else(by_code) {
            Some((oi, o)) => {
                matched_old[oi] = true;
                if key(o) != key(n) {
                    renames.push(Change::Renamed {
                        old: o.name.clone(),
                        new: n.name.clone(),
                        code: shared(o).unwrap_or_default(),
                    });
                }
                pairs.push((oi, ni));
            }
            None => unmatched_new.push(ni),
        }
    }
    let mut changes = renames;
    let budget_year = new.budget_year.or(old.and_then(|o| o.budget_year));
    for (oi, ni) in pairs {
        changes.extend(figure_changes(&old_items[oi], &new.items[ni], budget_year));
    }
    let unmatched_old: Vec<usize> = (0..old_items.len()).filter(|i| !matched_old[*i]).collect();
    for &oi in &unmatched_old {
        let o = &old_items[oi];
        changes.push(Change::Removed {
            name: o.name.clone(),
            amount: o.figure(Column::Amount),
        });
    }
    for &ni in &unmatched_new {
        let n = &new.items[ni];
        changes.push(Change::Added {
            name: n.name.clone(),
            amount: n.figure(Column::Amount),
        });
    }
    changes.extend(likely_renames(
        old_items,
        &unmatched_old,
        &new.items,
        &unmatched_new,
    ));
    changes
}

/// The figures that differ, in column order. The budget table's `Belopp` is the
/// sum of its two columns and is named only when neither of them changed; the
/// budget year's development restates `Belopp` and is named only when it moved
/// differently.
fn figure_changes(old: &Item, new: &Item, budget_year: Option<i32>) -> Vec<Change> {
    let mut columns: Vec<Column> = old.columns().chain(new.columns()).collect();
    columns.sort();
    columns.dedup();
    let moved = |c: Column| old.figure(c) != new.figure(c);
    let mut out = Vec::new();
    for column in columns {
        let restated = match column {
            Column::Amount => moved(Column::New) || moved(Column::Existing),
            Column::Development(y) => {
                Some(y) == budget_year
                    && old.figure(column) == old.figure(Column::Amount)
                    && new.figure(column) == new.figure(Column::Amount)
            }
            _ => false,
        };
        if moved(column) && !restated {
            out.push(Change::Amount {
                name: new.name.clone(),
                column,
                old: old.figure(column),
                new: new.figure(column),
            });
        }
    }
    out
}

/// Each added initiative with the removed one most like it, when alike enough;
/// each removed one offered at most once.
#[allow(clippy::float_arithmetic)] // a similarity of names, not an amount
fn likely_renames(old: &[Item], removed: &[usize], new: &[Item], added: &[usize]) -> Vec<Change> {
    let mut offered = vec![false; old.len()];
    let mut out = Vec::new();
    for &ni in added {
        let n = labels::initiative_key(&new[ni].name);
        let best = removed
            .iter()
            .filter(|oi| !offered[**oi])
            .map(|&oi| {
                let o = labels::initiative_key(&old[oi].name);
                (oi, strsim::sorensen_dice(&o, &n))
            })
            .filter(|(_, s)| *s >= LIKELY_RENAME)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((oi, similarity)) = best {
            offered[oi] = true;
            out.push(Change::LikelyRename {
                old: old[oi].name.clone(),
                new: new[ni].name.clone(),
                similarity: (similarity * 100.0).round() as u32,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
