use super::*;
use crate::ledger::Key;
use std::collections::BTreeMap;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

#[test]
fn the_key_spreads_exactly() {
    let w: Vec<Decimal> = [
        "8", "8", "9", "8.3", "8", "8", "6", "7", "9", "9", "10", "11.7",
    ]
    .iter()
    .map(|s| d(s))
    .collect();
    let months = spread(d("91510"), &w);
    assert_eq!(to_date(&months, 12), d("91510"));
    // The weights add up to 102; January–April hold 33.3 of them.
    assert_eq!(to_date(&months, 4), d("91510") * d("33.3") / d("102"));
    assert_eq!(to_date(&months, 4).round_dp(2), d("29875.32"));
    let even = spread(d("1200"), &[Decimal::ONE; 12]);
    assert_eq!(to_date(&even, 4), d("400"));
}

fn plan() -> Vec<PlanArea> {
    vec![PlanArea {
        area: "HR".into(),
        file: "HR.xlsx".into(),
        initiatives: vec![
            PlanInitiative {
                name: "Digitalisering inom HR".into(),
                budget: d("1200"),
                projects: vec!["P1".into()],
                cell: None,
            },
            PlanInitiative {
                name: "Lön".into(),
                budget: d("600"),
                projects: vec![],
                cell: None,
            },
        ],
    }]
}

fn entry(kr: &str) -> Entry {
    Entry {
        actual: d(kr),
        budget: None,
        rows: 1,
        first: Some(Place::Line(3)),
    }
}

fn key(year: i32, month: u8, account: &str, project: Option<&str>) -> Key {
    Key {
        year,
        month,
        account: account.into(),
        project: project.map(String::from),
    }
}

/// The follow-up of [`plan`] over one actuals file holding `entries` (one row
/// each), budget year 2023.
fn follow_up_of(file: &str, entries: BTreeMap<Key, Entry>, period: Option<u8>) -> FollowUp {
    let actuals = Actuals {
        file: file.into(),
        form: None,
        sheets: Vec::new(),
        rows_read: entries.len() as u64,
        entries: entries.into(),
        findings: vec![],
    };
    let files = [ActualsFile {
        actuals,
        sha256: String::new(),
    }];
    let areas = plan();
    let options = FollowUpOptions::default();
    follow_up(Input {
        budget_year: 2023,
        period,
        areas: &areas,
        config: None,
        options: &options,
        actuals: &files,
        forecasts: &[],
    })
}

#[test]
fn nothing_is_lost_and_each_krona_goes_one_way() {
    let mut entries = BTreeMap::new();
    entries.insert(key(2023, 1, "4010", Some("p1")), entry("100500"));
    entries.insert(key(2023, 2, "4010", Some("P9")), entry("2000"));
    entries.insert(key(2023, 2, "4010", None), entry("300"));
    entries.insert(key(2023, 2, "3010", Some("P1")), entry("-99000"));
    entries.insert(key(2022, 1, "5010", Some("P1")), entry("7000"));
    entries.insert(key(2022, 5, "5010", Some("P1")), entry("1000"));
    entries.insert(key(2021, 1, "5010", Some("P1")), entry("1"));
    let out = follow_up_of("utfall.se", entries, None);
    assert_eq!(out.period, 2);
    let s = &out.sources[0];
    assert_eq!(s.cost_total, d("102.8"));
    assert_eq!(s.to_initiatives, d("100.5"));
    assert_eq!(s.unmapped, d("2.3"));
    assert_eq!(s.cost_total, s.to_initiatives + s.to_areas + s.unmapped);
    assert_eq!(s.previous_year, d("7"));
    assert_eq!(s.outside_period, d("1.001"));
    assert_eq!(s.cost_rows, 6);
    assert_eq!(out.totals.actual, d("100.5"));
    assert_eq!(out.totals.previous_year, d("7"));
    assert_eq!(out.totals.budget_to_date, d("300"));
    let codes: Vec<&str> = out.findings.iter().map(|f| f.code().as_str()).collect();
    assert!(codes.contains(&"missing-project-code"), "{codes:?}");
    assert!(codes.contains(&"even-periodisation"), "{codes:?}");
    assert!(codes.contains(&"no-forecast"), "{codes:?}");
    assert_eq!(
        codes.iter().filter(|c| **c == "unmapped-actual").count(),
        2,
        "{codes:?}"
    );
}

#[test]
fn a_project_written_with_its_name_goes_to_its_code() {
    // A report's `Projekt` column showing code and name (`P1 - Digitalisering`,
    // `P1: …`, `p1 Digitalisering`) maps by the code; the code as written wins, and
    // a first word that is no code (`P10 x`, `P1-2`) stays unmapped.
    let mut entries = BTreeMap::new();
    for (month, project) in [
        (1, "P1 - Digitalisering inom HR"),
        (2, "P1: Digitalisering"),
        (3, "p1\u{a0}Digitalisering"),
    ] {
        entries.insert(key(2023, month, "4010", Some(project)), entry("1000"));
    }
    entries.insert(key(2023, 3, "4010", Some("P10 x")), entry("500"));
    entries.insert(key(2023, 3, "4010", Some("P1-2")), entry("70"));
    let out = follow_up_of("utfall.csv", entries, Some(3));
    let s = &out.sources[0];
    assert_eq!(s.to_initiatives, d("3"));
    assert_eq!(s.unmapped, d("0.57"));
}
