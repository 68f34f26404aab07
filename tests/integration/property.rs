//! Nothing lost, on many random templates: valid ones and ones with exactly one
//! defect, built in code from a seeded generator. For every run, every data row
//! read is in `Initiativ` or named by a finding, the files with an error are left
//! out, and the totals equal an independent sum over the files without one.

// Amounts are generated as spreadsheet numbers (f64), as Excel stores them; the
// independent sum is exact in Decimal.
#![allow(clippy::float_arithmetic)]

use crate::accounting::check_accounting;
use crate::harness::{Cell, Initiative, Run, Sheet, Template, findings, n, t};
use rust_decimal::Decimal;
use std::str::FromStr;

use crate::scale::corpus::Rng;

/// What this test draws, on top of the corpus generator's numbers.
trait Draw {
    fn below(&mut self, n: u64) -> u64;
    /// A non-zero amount: hundreds, sometimes with a half.
    fn cell_amount(&mut self) -> f64;
}

impl Draw for Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn cell_amount(&mut self) -> f64 {
        let v = (self.below(50) + 1) as f64 * 100.0;
        if self.below(5) == 0 { v + 0.5 } else { v }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Defect {
    None,
    RowSum,
    Negative,
    InvalidText,
    BoolInPlan,
    InvalidCategory,
    MissingName,
    DuplicateName,
    TotalMismatch,
    NumberAsText,
    HeadingRow,
}

const DEFECTS: [Defect; 11] = [
    Defect::None,
    Defect::RowSum,
    Defect::Negative,
    Defect::InvalidText,
    Defect::BoolInPlan,
    Defect::InvalidCategory,
    Defect::MissingName,
    Defect::DuplicateName,
    Defect::TotalMismatch,
    Defect::NumberAsText,
    Defect::HeadingRow,
];

impl Defect {
    /// Whether the file must be left out of the consolidation.
    fn excludes(self) -> bool {
        !matches!(
            self,
            Defect::None | Defect::NumberAsText | Defect::HeadingRow
        )
    }
}

fn d(v: f64) -> Decimal {
    Decimal::from_str(&v.to_string()).unwrap_or_default()
}

/// A random area template with one defect, and its (new, existing) totals.
fn generate(rng: &mut Rng, area: &str) -> (Template, Defect, Decimal, Decimal) {
    let count = 2 + rng.below(5) as usize;
    let initiatives: Vec<Initiative> = (0..count)
        .map(|k| {
            let (new, existing) = match rng.below(3) {
                0 => (rng.cell_amount(), 0.0),
                1 => (0.0, rng.cell_amount()),
                _ => (rng.cell_amount(), rng.cell_amount()),
            };
            Initiative {
                name: format!("Initiativ {k} i {area}"),
                new,
                existing,
                development: vec![new + existing, rng.cell_amount(), 0.0],
                maintenance: vec![rng.cell_amount() - 2600.0, 0.0, rng.cell_amount()],
                impact: [None, Some("Liten".to_string()), Some("Stor".to_string())]
                    [rng.below(3) as usize]
                    .clone(),
            }
        })
        .collect();
    let (sum_new, sum_existing) = initiatives
        .iter()
        .fold((Decimal::ZERO, Decimal::ZERO), |(a, b), i| {
            (a + d(i.new), b + d(i.existing))
        });
    let defect = DEFECTS[rng.below(DEFECTS.len() as u64) as usize];
    let k = rng.below(count as u64) as u32;
    let budget_row = 10 + k;
    let template = Template::new(area).with_initiatives(initiatives.clone());
    let total_row = template.budget_total_row();
    let plan_total_row = template.plan_total_row();
    let init = &initiatives[k as usize];
    let template = match defect {
        Defect::None => template,
        Defect::RowSum => template.set(
            Sheet::Budget,
            &format!("D{budget_row}"),
            n(init.new + init.existing + 100.0),
        ),
        Defect::Negative => template
            .set(Sheet::Plan, &format!("D{}", 4 + k), n(-500.0))
            .set(Sheet::Plan, &format!("D{plan_total_row}"), Cell::Blank),
        Defect::InvalidText => template.set(Sheet::Budget, &format!("C{budget_row}"), t("ca 100")),
        Defect::BoolInPlan => template.set(Sheet::Plan, &format!("C{}", 4 + k), Cell::Bool(true)),
        Defect::InvalidCategory => template.set(Sheet::Plan, &format!("H{}", 4 + k), t("Medel")),
        Defect::MissingName => template.set(Sheet::Budget, &format!("A{budget_row}"), Cell::Blank),
        Defect::DuplicateName => {
            let other = &initiatives[(k as usize + 1) % count];
            template.set(Sheet::Budget, &format!("A{budget_row}"), t(&other.name))
        }
        Defect::TotalMismatch => template.set(Sheet::Budget, &format!("D{total_row}"), n(1.0)),
        Defect::NumberAsText if init.existing != 0.0 => template.set(
            Sheet::Budget,
            &format!("C{budget_row}"),
            t(&init.existing.to_string().replace('.', ",")),
        ),
        Defect::NumberAsText => template,
        Defect::HeadingRow => {
            let mut with = template;
            with.initiatives.push(Initiative {
                name: "Rubrik".into(),
                new: 0.0,
                existing: 0.0,
                development: vec![0.0; 3],
                maintenance: vec![0.0; 3],
                impact: None,
            });
            with
        }
    };
    (template, defect, sum_new, sum_existing)
}

fn run_seed(seed: u64, files: usize) {
    let mut rng = Rng(seed);
    let mut run = Run::new();
    let (mut want_new, mut want_existing) = (Decimal::ZERO, Decimal::ZERO);
    let mut defects = Vec::new();
    for i in 0..files {
        let area = format!("Område {i:02}");
        let (template, defect, new, existing) = generate(&mut rng, &area);
        run = run.add(&format!("{area}.xlsx"), &template);
        if !defect.excludes() {
            want_new += new;
            want_existing += existing;
        }
        defects.push((format!("{area}.xlsx"), defect));
    }
    let out = run.consolidate(&["--partial"]);
    assert!(
        out.status == 0 || out.status == 1,
        "seed {seed}: {}",
        out.stderr
    );
    let report = run.report();
    let found = findings(&report);
    for (file, defect) in &defects {
        let errors = found
            .iter()
            .filter(|f| f.file.as_ref() == Some(file) && f.severity == "error")
            .count();
        assert_eq!(
            errors > 0,
            defect.excludes(),
            "seed {seed}: {file} with {defect:?}: {found:?}"
        );
    }
    let dec = |v: &serde_json::Value| {
        Decimal::from_str(v.as_str().unwrap_or("x")).unwrap_or(Decimal::MIN)
    };
    assert_eq!(
        dec(&report["totals"]["new_development"]),
        want_new,
        "seed {seed}"
    );
    assert_eq!(
        dec(&report["totals"]["existing_development"]),
        want_existing,
        "seed {seed}"
    );
    assert_eq!(
        dec(&report["totals"]["total"]),
        want_new + want_existing,
        "seed {seed}"
    );
    check_accounting(&run.workbook(), &report);
}

#[test]
fn random_templates_lose_nothing_and_sum_exactly() {
    for seed in [1, 2, 3, 4] {
        run_seed(seed, 30);
    }
}
