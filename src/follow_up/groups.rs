//! Report groups: the configured `[[report_group]]`s, then every other area
//! under its own name, each with its initiatives' and area-level figures summed.

use super::{AreaResult, Figures, GroupResult, InitiativeResult, Join, Month, add_months};
use crate::labels::normalize;

impl Join<'_> {
    /// Report groups as configured, then the other areas under their own names, in
    /// plan order.
    pub(super) fn groups(
        &self,
        initiatives: &[InitiativeResult],
        areas: &[AreaResult],
    ) -> Vec<GroupResult> {
        let canonical = |written: &str| -> String {
            self.area_index(written)
                .map(|a| self.input.areas[a].area.clone())
                .or_else(|| {
                    self.input
                        .config
                        .and_then(|c| c.area_for(written))
                        .map(|a| a.name.clone())
                })
                .unwrap_or_else(|| written.to_string())
        };
        let mut list: Vec<(String, Vec<String>)> = Vec::new();
        if let Some(config) = self.input.config {
            for g in &config.report_groups {
                list.push((
                    g.name.clone(),
                    g.areas.iter().map(|a| canonical(a)).collect(),
                ));
            }
        }
        for a in self.input.areas {
            let key = normalize(&a.area);
            if !list
                .iter()
                .any(|(_, areas)| areas.iter().any(|x| normalize(x) == key))
            {
                list.push((a.area.clone(), vec![a.area.clone()]));
            }
        }
        list.into_iter()
            .map(|(name, group_areas)| {
                let keys: Vec<String> = group_areas.iter().map(|a| normalize(a)).collect();
                let mut figures = Figures::default();
                let mut months = [Month::default(); 12];
                for i in initiatives
                    .iter()
                    .filter(|i| keys.contains(&normalize(&i.area)))
                {
                    figures.add(&i.figures);
                    add_months(&mut months, &i.months);
                }
                for a in areas.iter().filter(|a| keys.contains(&normalize(&a.area))) {
                    figures.actual = figures.actual.saturating_add(a.actual);
                    figures.previous_year = figures.previous_year.saturating_add(a.previous_year);
                    add_months(&mut months, &a.months);
                }
                GroupResult {
                    name,
                    areas: group_areas,
                    figures,
                    months,
                }
            })
            .collect()
    }
}
