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

/// An area's snapshot from its plan as read: the lines of the `Initiativ` sheet
/// (budget rows joined with their multi-year rows), each figure a cell had.
/// Project codes come from the budget row's `Projekt` column (a line with no budget
/// row has none), so a renamed initiative with a code is matched by it.
pub fn area_snapshot(area: &str, plan: &crate::model::AreaPlan) -> AreaSnapshot {
    let years = &plan.plan.years;
    let codes_of: std::collections::HashMap<&str, &[String]> = plan
        .budget
        .rows
        .iter()
        .map(|b| (b.name.as_str(), b.projects.as_slice()))
        .collect();
    let lines = crate::consolidate::area_lines(area, &plan.meta.version, "", plan, years);
    let items = lines
        .iter()
        .map(|l| {
            let mut figures = Vec::new();
            for (column, value) in [
                (Column::New, l.new),
                (Column::Existing, l.existing),
                (Column::Amount, l.amount),
            ] {
                if let Some(v) = value {
                    figures.push((column, v));
                }
            }
            for (y, (d, m)) in years.iter().zip(l.development.iter().zip(&l.maintenance)) {
                if let Some(d) = d {
                    figures.push((Column::Development(*y), *d));
                }
                if let Some(m) = m {
                    figures.push((Column::Maintenance(*y), *m));
                }
            }
            Item {
                name: l.name.to_string(),
                codes: codes_of.get(l.name).map(|c| c.to_vec()).unwrap_or_default(),
                figures,
            }
        })
        .collect();
    AreaSnapshot {
        area: area.to_string(),
        version: plan.meta.version.clone(),
        budget_year: Some(plan.meta.budget_year),
        items,
    }
}

/// The snapshot of an earlier consolidation, from its `Initiativ` sheet as read
/// back (`grid::read_written_workbook`): the columns found by their headers, one
/// area per run of rows with the same `Tjänsteområde`. `budget_year` is the
/// current run's (the sheet does not repeat it). `None` when the headers are not
/// those of our `Initiativ` sheet.
pub fn snapshot_from_initiatives(
    cells: &[crate::grid::WrittenCell],
    budget_year: Option<i32>,
) -> Option<Snapshot> {
    use crate::grid::Value;
    let mut rows: Vec<(u32, Vec<&crate::grid::WrittenCell>)> = Vec::new();
    for c in cells {
        match rows.last_mut() {
            Some((r, row)) if *r == c.at.row => row.push(c),
            _ => rows.push((c.at.row, vec![c])),
        }
    }
    let (header_row, header) = rows.first()?;
    if *header_row != 0 {
        return None;
    }
    let text = |c: &crate::grid::WrittenCell| c.value.display();
    let col_of = |label: &str| header.iter().find(|c| text(c) == label).map(|c| c.at.col);
    let (area_col, version_col, name_col) = (
        col_of(labels::META_AREA)?,
        col_of(labels::META_VERSION)?,
        col_of(labels::COL_INITIATIVE)?,
    );
    // A `Projekt` column, when the workbook has one: codes separated by `,` or `;`.
    let project_col = col_of(PROJECT_HEADER);
    let mut columns: Vec<(u32, Column)> = vec![
        (col_of(labels::COL_NEW)?, Column::New),
        (col_of(labels::COL_EXISTING_SHORT)?, Column::Existing),
        (col_of(labels::COL_AMOUNT)?, Column::Amount),
    ];
    for c in header.iter() {
        let h = text(c);
        let year = |prefix: &str| {
            h.strip_prefix(prefix)
                .and_then(|rest| rest.trim().parse::<i32>().ok())
        };
        if let Some(y) = year(labels::PLAN_DEVELOPMENT) {
            columns.push((c.at.col, Column::Development(y)));
        } else if let Some(y) = year(labels::PLAN_MAINTENANCE) {
            columns.push((c.at.col, Column::Maintenance(y)));
        }
    }
    let mut areas: Vec<AreaSnapshot> = Vec::new();
    for (_, row) in &rows[1..] {
        let at = |col: u32| row.iter().find(|c| c.at.col == col).map(|c| &c.value);
        let (Some(area), Some(name)) = (at(area_col), at(name_col)) else {
            continue;
        };
        let version = at(version_col).map(Value::display).unwrap_or_default();
        let figures = columns
            .iter()
            .filter_map(|(col, column)| match at(*col) {
                Some(Value::Number(v)) => Some((*column, *v)),
                _ => None,
            })
            .collect();
        let codes = project_col
            .and_then(at)
            .map(|v| {
                v.display()
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let item = Item {
            name: name.display(),
            codes,
            figures,
        };
        let area = area.display();
        match areas.last_mut() {
            Some(a) if a.area == area && a.version == version => a.items.push(item),
            _ => areas.push(AreaSnapshot {
                area,
                version,
                budget_year,
                items: vec![item],
            }),
        }
    }
    Some(Snapshot { areas })
}

/// The change lines of a comparison as the terminal shows them: per area its
/// heading and its changes, then a count.
pub fn render(areas: &[AreaChanges], lang: Lang) -> String {
    let mut out = String::new();
    let mut count = 0;
    for a in areas {
        out.push_str(&a.heading(lang));
        out.push('\n');
        for c in &a.changes {
            if !matches!(c, Change::LikelyRename { .. }) {
                count += 1;
            }
            out.push_str(&c.message(lang));
            out.push('\n');
        }
    }
    out.push_str(&match (count, lang) {
        (0, Lang::Sv) => "Inga ändringar".to_string(),
        (0, Lang::En) => "No changes".to_string(),
        (1, Lang::Sv) => "1 ändring".to_string(),
        (1, Lang::En) => "1 change".to_string(),
        (n, Lang::Sv) => format!("{n} ändringar"),
        (n, Lang::En) => format!("{n} changes"),
    });
    out.push('\n');
    out
}

/// What `consolidate --previous` prints: per area with changes its heading and
/// count, then the total and where the list is.
pub fn summary(areas: &[AreaChanges], previous: &std::path::Path, lang: Lang) -> String {
    let count = |a: &AreaChanges| {
        a.changes
            .iter()
            .filter(|c| !matches!(c, Change::LikelyRename { .. }))
            .count()
    };
    let words = |n: usize| match (n, lang) {
        (1, Lang::Sv) => "1 ändring".to_string(),
        (n, Lang::Sv) => format!("{n} ändringar"),
        (1, Lang::En) => "1 change".to_string(),
        (n, Lang::En) => format!("{n} changes"),
    };
    let total: usize = areas.iter().map(count).sum();
    let mut out = match lang {
        Lang::Sv => format!(
            "Ändringar sedan {}: {} (bladet {})\n",
            previous.display(),
            words(total),
            labels::OUT_CHANGES
        ),
        Lang::En => format!(
            "Changes since {}: {} (sheet {})\n",
            previous.display(),
            words(total),
            labels::OUT_CHANGES
        ),
    };
    for a in areas {
        out.push_str(&format!("  {} – {}\n", a.heading(lang), words(count(a))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str, code: Option<&str>, figures: &[(Column, i64)]) -> Item {
        Item {
            name: name.into(),
            codes: code.map(str::to_string).into_iter().collect(),
            figures: figures
                .iter()
                .map(|(c, v)| (*c, Decimal::from(*v)))
                .collect(),
        }
    }

    fn area(version: &str, items: Vec<Item>) -> Snapshot {
        Snapshot {
            areas: vec![AreaSnapshot {
                area: "IT-tjänster".into(),
                version: version.into(),
                budget_year: Some(2023),
                items,
            }],
        }
    }

    fn budget(name: &str, new: i64, existing: i64, dev: i64) -> Item {
        item(
            name,
            None,
            &[
                (Column::New, new),
                (Column::Existing, existing),
                (Column::Amount, new + existing),
                (Column::Development(2023), dev),
                (Column::Development(2024), 100),
            ],
        )
    }

    #[test]
    fn a_changed_column_is_named_once_with_the_plans_words() {
        let old = area("1.0", vec![budget("Införande av IoT", 4800, 0, 4800)]);
        let new = area("2.0", vec![budget("Införande av IoT", 6300, 0, 6300)]);
        let changes = compare(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(
            changes[0].heading(Lang::Sv),
            "IT-tjänster: version 1.0 → 2.0"
        );
        let lines: Vec<String> = changes[0]
            .changes
            .iter()
            .map(|c| c.message(Lang::Sv))
            .collect();
        assert_eq!(
            lines,
            ["Införande av IoT: 4 800 → 6 300 tkr (Nyutveckling)"]
        );
    }

    #[test]
    fn the_budget_years_development_is_named_when_it_moves_on_its_own() {
        let old = area("1.0", vec![budget("A", 100, 0, 100)]);
        let new = area("2.0", vec![budget("A", 100, 0, 250)]);
        let lines: Vec<String> = compare(&old, &new)[0]
            .changes
            .iter()
            .map(|c| c.message(Lang::En))
            .collect();
        assert_eq!(lines, ["A: 100 → 250 tkr (Utveckling 2023)"]);
    }

    #[test]
    fn renames_by_code_are_joined_by_name_only_offered() {
        let old = area(
            "1.0",
            vec![
                item("Gammalt namn", Some("P1"), &[(Column::Amount, 5)]),
                item("Mina sidor företag", None, &[(Column::Amount, 7)]),
            ],
        );
        let new = area(
            "2.0",
            vec![
                item("Nytt namn", Some("P1"), &[(Column::Amount, 6)]),
                item("Mina sidor för företag", None, &[(Column::Amount, 7)]),
            ],
        );
        let changes = &compare(&old, &new)[0].changes;
        assert_eq!(
            changes[0],
            Change::Renamed {
                old: "Gammalt namn".into(),
                new: "Nytt namn".into(),
                code: "P1".into()
            }
        );
        assert!(matches!(
            &changes[1],
            Change::Amount {
                column: Column::Amount,
                ..
            }
        ));
        assert!(
            matches!(&changes[2], Change::Removed { name, .. } if name == "Mina sidor företag")
        );
        assert!(
            matches!(&changes[3], Change::Added { name, .. } if name == "Mina sidor för företag")
        );
        assert!(matches!(
            &changes[4],
            Change::LikelyRename { similarity, .. } if *similarity >= 50 && *similarity < 100
        ));
        assert_eq!(changes.len(), 5);
    }

    #[test]
    fn unlike_names_are_not_offered_and_unchanged_areas_are_left_out() {
        let old = area("2.0", vec![item("Alfa", None, &[(Column::Amount, 5)])]);
        let same = compare(&old, &old.clone());
        assert!(same.is_empty());
        let new = area(
            "2.0",
            vec![item("Helt annat", None, &[(Column::Amount, 5)])],
        );
        let changes = &compare(&old, &new)[0].changes;
        assert_eq!(changes.len(), 2, "{changes:?}");
    }

    /// An earlier workbook read back: areas by their rows, figures by header,
    /// project codes from a `Projekt` column, which then match a renamed initiative.
    #[test]
    fn an_earlier_initiativ_sheet_reads_back_and_codes_match_renames() {
        use crate::grid::{Value, WrittenCell};
        let text = |row: u32, col: u32, t: &str| WrittenCell {
            at: crate::location::CellRef::new(row, col),
            value: Value::Text(t.into()),
            formula: None,
        };
        let num = |row: u32, col: u32, v: i64| WrittenCell {
            at: crate::location::CellRef::new(row, col),
            value: Value::Number(Decimal::from(v)),
            formula: None,
        };
        let header = [
            "Tjänsteområde",
            "Version",
            "Initiativ",
            "Nyutveckling",
            "Utveckling inom befintlig tjänst",
            "Belopp tkr",
            "Utveckling 2023",
            "Vidmakthållande 2023",
            "Projekt",
        ];
        let mut cells: Vec<WrittenCell> =
            (0u32..).zip(header).map(|(c, h)| text(0, c, h)).collect();
        cells.extend([
            text(1, 0, "IT-tjänster"),
            text(1, 1, "1.0"),
            text(1, 2, "Gammalt namn"),
            num(1, 3, 4800),
            num(1, 5, 4800),
            num(1, 6, 4800),
            num(1, 7, 300),
            text(1, 8, "p-17; P-18"),
        ]);
        let old = snapshot_from_initiatives(&cells, Some(2023)).expect("our sheet");
        assert_eq!(old.areas.len(), 1);
        let read = &old.areas[0].items[0];
        assert_eq!(read.codes, ["p-17", "P-18"]);
        assert_eq!(read.figure(Column::Maintenance(2023)), Decimal::from(300));
        let new = area(
            "2.0",
            vec![item(
                "Nytt namn",
                Some("P-17"),
                &[
                    (Column::New, 6300),
                    (Column::Amount, 6300),
                    (Column::Development(2023), 6300),
                    (Column::Maintenance(2023), 300),
                ],
            )],
        );
        let lines: Vec<String> = compare(&old, &new)[0]
            .changes
            .iter()
            .map(|c| c.message(Lang::Sv))
            .collect();
        assert_eq!(
            lines,
            [
                "Namnändring (projekt P-17): Gammalt namn → Nytt namn",
                "Nytt namn: 4 800 → 6 300 tkr (Nyutveckling)"
            ]
        );
        assert!(
            snapshot_from_initiatives(&cells[1..], None).is_none(),
            "no header row"
        );
    }
}
