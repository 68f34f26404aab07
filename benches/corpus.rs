//! The synthetic corpus, shared by `examples/make_corpus.rs`, the benchmark
//! (`benches/scale.rs`) and the scale test: `N` filled area templates of `R`
//! initiatives each, in the template layout leads fill in (both sheets, metadata,
//! Summa rows with stored results), and the totals a correct consolidation gives.
//! Deterministic: the same N and R give the same files.

#![allow(dead_code)]

use budget_consolidator::model::{Filled, FilledInitiative, TemplateSpec};
use budget_consolidator::write::{save_atomically, template};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;

pub const YEARS: [i32; 3] = [2023, 2024, 2025];
/// A small deterministic generator (SplitMix64). The property test
/// (`tests/integration/property.rs`) draws from it too.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// An amount in tkr: whole hundreds, now and then with a half.
    fn amount(&mut self, max_hundreds: u64) -> Decimal {
        let hundreds = Decimal::from(self.next() % max_hundreds * 100);
        if self.next().is_multiple_of(7) {
            hundreds + Decimal::new(5, 1)
        } else {
            hundreds
        }
    }
}

/// Area number `index` (from 1) with `rows` initiatives.
pub fn area(index: usize, rows: usize) -> (TemplateSpec, Filled) {
    let mut rng = Rng(index as u64 * 7919 + 17);
    let initiatives = (0..rows)
        .map(|r| {
            let (mut new, mut existing) = (Decimal::ZERO, Decimal::ZERO);
            match rng.next() % 3 {
                0 => new = rng.amount(60) + Decimal::from(100),
                1 => existing = rng.amount(60) + Decimal::from(100),
                _ => {
                    new = rng.amount(30) + Decimal::from(100);
                    existing = rng.amount(30) + Decimal::from(100);
                }
            }
            let maintenance = (0..3).map(|_| rng.amount(8) - Decimal::from(200)).collect();
            FilledInitiative {
                name: format!("Initiativ {r:02} i område {index:05}"),
                new,
                existing,
                development: vec![new + existing, rng.amount(40), rng.amount(20)],
                maintenance,
                impact: Some(["Liten", "Mellan", "Stor"][(rng.next() % 3) as usize]),
                projects: Vec::new(),
            }
        })
        .collect();
    let spec = TemplateSpec {
        area: format!("Område {index:05}"),
        budget_year: 2023,
        years: YEARS.to_vec(),
    };
    (
        spec,
        Filled {
            version: "1.0".into(),
            lead: Some("Generator".into()),
            initiatives,
        },
    )
}

/// Writes the corpus into `dir` and returns the expected totals (also written to
/// `dir/../<dir name>.expected.json`, beside the folder, so the folder holds only workbooks).
/// The totals of the JSON report that must equal the generator's expected ones.
pub const TOTAL_KEYS: [&str; 5] = [
    "new_development",
    "existing_development",
    "total",
    "development_by_year",
    "maintenance_by_year",
];

/// Asserts that `report` (the JSON report) has exactly the `expected` totals.
pub fn assert_totals(report: &serde_json::Value, expected: &serde_json::Value, what: &str) {
    for key in TOTAL_KEYS {
        assert_eq!(report["totals"][key], expected[key], "{what}: {key}");
    }
}

pub fn write_corpus(n: usize, r: usize, dir: &Path) -> Result<serde_json::Value, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let areas: Vec<(TemplateSpec, Filled)> = (1..=n).map(|i| area(i, r)).collect();
    areas
        .par_iter()
        .try_for_each(|(spec, filled)| -> Result<(), String> {
            let bytes = template::build_filled(spec, filled).map_err(|e| e.to_string())?;
            let name = format!("{}.xlsx", spec.area.replace(' ', "-"));
            save_atomically(&bytes, &dir.join(name)).map_err(|e| e.to_string())
        })?;
    let all = || areas.iter().flat_map(|(_, f)| f.initiatives.iter());
    let per_year = |pick: fn(&FilledInitiative) -> &Vec<Decimal>| -> BTreeMap<String, String> {
        YEARS
            .iter()
            .enumerate()
            .map(|(i, y)| {
                (
                    y.to_string(),
                    all()
                        .map(|x| pick(x)[i])
                        .sum::<Decimal>()
                        .normalize()
                        .to_string(),
                )
            })
            .collect()
    };
    let expected = serde_json::json!({
        "files": n,
        "initiatives_per_file": r,
        "new_development": all().map(|x| x.new).sum::<Decimal>().normalize().to_string(),
        "existing_development": all().map(|x| x.existing).sum::<Decimal>().normalize().to_string(),
        "total": all().map(|x| x.new + x.existing).sum::<Decimal>().normalize().to_string(),
        "development_by_year": per_year(|x| &x.development),
        "maintenance_by_year": per_year(|x| &x.maintenance),
    });
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let beside = dir.with_file_name(format!("{name}.expected.json"));
    let text = serde_json::to_string_pretty(&expected).map_err(|e| e.to_string())?;
    std::fs::write(beside, text + "\n").map_err(|e| e.to_string())?;
    Ok(expected)
}
