//! The record semantics of `#PSALDO`/`#PBUDGET`: one (year, month, account)'s rows
//! resolved into project amounts, the type-3 double count and the two meanings of `{}`.

use super::keyed::Keyed;
use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct HotKey {
    pub(super) group: GroupKey,
    pub(super) project: u32,
}

/// The `#PSALDO` (or `#PBUDGET`) rows of one (year, month, account).
#[derive(Debug, Default)]
pub(super) struct Group {
    /// The `{}` rows.
    pub(super) empty: Option<Acc>,
    /// `{6 "P"}`: the project alone.
    pub(super) single: Keyed<u32, Acc>,
    /// The project with other objects (`{1 "100" 6 "P"}`).
    pub(super) combined: Keyed<u32, Acc>,
    /// Rows with objects but no project, summed.
    pub(super) other: Option<Acc>,
    /// The single-dimension rows without a project, summed per dimension: in the
    /// standard's form each dimension's rows are parts of the `{}` total.
    pub(super) other_by_dim: Keyed<i64, Decimal>,
}

/// One resolved (project, amount) of a group; `NO_PROJECT` is "utan projekt".
pub(super) type Resolved = Vec<(u32, Acc)>;

/// A project's rows of a group, made empty (first on `line`) when it is new.
pub(super) fn slot(list: &mut Keyed<u32, Acc>, id: u32, line: u64) -> &mut Acc {
    list.get_or_insert_with(id, || Acc::new(line))
}

impl Group {
    /// Reads the group's rows into project amounts and "utan projekt", never
    /// counting a krona twice:
    ///
    /// - **standard form** (`{}` is the account's total, object rows are its parts):
    ///   a project's amount is its single-dimension row `{6 "P"}` when there is one
    ///   (combined rows are then parts of it: counted as rows, not as amounts), else
    ///   the sum of its combined rows; "utan projekt" is the total less the projects.
    ///   Rows with other dimensions only (`{1 "100"}`) are parts of the total too;
    /// - **`{}` as what was booked without objects** (some exporters, e.g. Avendo,
    ///   write one row per exact combination of objects): taken when the projects'
    ///   amounts, or one other dimension's rows, exceed the `{}` row, or when there is
    ///   no `{}` row beside object rows. Then every row is its own part: a project is
    ///   the sum of all its rows, and "utan projekt" is `{}` plus the rows without a
    ///   project.
    ///
    /// Returns the amounts and, when the rows were not in the standard's form, how
    /// they were read. `None` for the amounts: a sum overflowed (cannot happen within
    /// the amount bounds; kept total by refusing the group).
    pub(super) fn resolve(&self) -> (Option<Resolved>, Option<ObjectReading>) {
        let (standard, single_and_combined) = self.standard_sum();
        let unobjected = self.empty_is_unobjected(standard);
        let mut none = self.empty.unwrap_or_else(|| Acc::new(self.first_line()));
        let (mut out, ok) = match unobjected {
            true => self.every_row_a_part(&mut none),
            false => self.parts_of_the_total(&mut none, standard),
        };
        if none.rows > 0 {
            out.push((NO_PROJECT, none));
        }
        let reading = if unobjected {
            Some(ObjectReading::EmptyAsUnobjected)
        } else if single_and_combined {
            Some(ObjectReading::SingleRowUsed)
        } else {
            None
        };
        (ok.then_some(out), reading)
    }

    /// The projects' sum in the standard's form (a project's single-dimension row,
    /// else its combined rows), and whether a project has both kinds of row.
    fn standard_sum(&self) -> (Decimal, bool) {
        let mut standard = Decimal::ZERO;
        let mut single_and_combined = false;
        for (p, acc) in self.combined.iter() {
            if !self.single.contains(*p) {
                standard += acc.sum;
            } else {
                single_and_combined = true;
            }
        }
        for (_, acc) in self.single.iter() {
            standard += acc.sum;
        }
        (standard, single_and_combined)
    }

    /// Whether `{}` is what was booked without objects rather than the total: the
    /// projects (`standard`) or one other dimension's rows exceed it, or there is
    /// no `{}` row beside object rows.
    fn empty_is_unobjected(&self, standard: Decimal) -> bool {
        let has_objects =
            !self.single.is_empty() || !self.combined.is_empty() || self.other.is_some();
        let exceeds = |part: Decimal, total: Decimal| part.abs() > total.abs();
        match &self.empty {
            None => has_objects,
            Some(total) => {
                exceeds(standard, total.sum)
                    || self
                        .other_by_dim
                        .iter()
                        .any(|(_, s)| exceeds(*s, total.sum))
            }
        }
    }

    /// The first line of the group's object rows (0 when it has none): where an
    /// "utan projekt" without a `{}` row is said to begin.
    fn first_line(&self) -> u64 {
        [&self.other]
            .into_iter()
            .flatten()
            .chain(self.single.iter().map(|(_, a)| a))
            .chain(self.combined.iter().map(|(_, a)| a))
            .map(|a| a.first)
            .min()
            .unwrap_or(0)
    }

    /// `{}` as what was booked without objects: a project is the sum of all its
    /// rows, and the rows without a project are added to `none`. `false` on an
    /// overflow.
    fn every_row_a_part(&self, none: &mut Acc) -> (Resolved, bool) {
        let mut ok = true;
        let mut projects = self.single.clone();
        for (p, acc) in self.combined.iter() {
            let at = slot(&mut projects, *p, acc.first);
            ok &= at.merge(acc);
        }
        if let Some(other) = &self.other {
            ok &= none.merge(other);
        }
        (projects.into_vec(), ok)
    }

    /// The standard's form: a project's single-dimension row is its amount (its
    /// combined rows are counted as rows), else the sum of its combined rows; `none`
    /// is the total less the projects (`standard`). `false` on an overflow.
    fn parts_of_the_total(&self, none: &mut Acc, standard: Decimal) -> (Resolved, bool) {
        let mut ok = true;
        let mut projects = self.single.clone();
        for (p, acc) in self.combined.iter() {
            let at = slot(&mut projects, *p, acc.first);
            if self.single.contains(*p) {
                at.rows = at.rows.saturating_add(acc.rows);
                at.first = at.first.min(acc.first);
            } else {
                ok &= at.merge(acc);
            }
        }
        match none.sum.checked_sub(standard) {
            Some(rest) => none.sum = rest,
            None => ok = false,
        }
        if let Some(other) = &self.other {
            none.rows = none.rows.saturating_add(other.rows);
            none.first = none.first.min(other.first);
        }
        (projects.into_vec(), ok)
    }
}
