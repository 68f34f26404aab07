//! The follow-up part of the shipped sample (included by `make_sample.rs`): an
//! illustrative ledger export for January–April 2023 as SIE 4 in CP437 with
//! `#PSALDO` and `#PBUDGET` on project objects, the previous year as a semicolon
//! CSV in Windows-1252 (as Swedish Excel writes a report of the old ledger), and
//! the areas' forecasts as the five forecast workbooks `follow-up template` writes,
//! filled in. The per-initiative figures are made up by a
//! fixed pseudo-random sequence; their sums are set so that the follow-up
//! reproduces the board's public April 2023 report ("Nämnden för Intraservice,
//! Månadsrapport april 2023", City of Gothenburg): 42 333 / 29 107 / 30 486 /
//! 71 510 / 91 510 tkr.

use budget_consolidator::write::forecast_template as ft;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::path::Path;

/// One initiative of the sample plan: area (as configured), name, project code,
/// full-year budget in tkr.
pub struct Line {
    pub area: &'static str,
    pub name: &'static str,
    pub code: String,
    pub budget: i64,
}

/// The areas' leads, as they sign their forecasts (illustrative), in area order.
const LEADS: [&str; 5] = [
    "Eva Ekström",
    "Karin Sverke Westerberg",
    "Ingrid Tholén",
    "Kalle Mårtensson",
    "Lena Sundberg",
];

/// The targets of the report's row (tkr).
const PREVIOUS_YEAR: i64 = 42_333;
const ACTUAL: i64 = 29_107;
const BUDGET_TO_DATE: i64 = 30_486;
const FORECAST: i64 = 71_510;
/// Booked on IT's area-wide project (a `[[project]]` without initiative).
const AREA_WIDE: i64 = 386;
pub const AREA_WIDE_CODE: &str = "23300";
/// Cost booked without a project in March (kr): unmapped, in no group.
const WITHOUT_PROJECT_KR: i64 = 57_340;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    /// A whole number in lo..=hi.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + i64::try_from(self.next() % u64::try_from(hi - lo + 1).unwrap_or(1)).unwrap_or(0)
    }
}

/// Shares of `total` per line in percent-of-budget between lo and hi, adjusted on
/// the largest line so that they add up to `total` exactly.
fn allocate(lines: &[Line], rng: &mut Rng, lo: i64, hi: i64, total: i64) -> Vec<i64> {
    let mut v: Vec<i64> = lines
        .iter()
        .map(|l| l.budget * rng.between(lo, hi) / 100)
        .collect();
    let largest = (0..lines.len())
        .max_by_key(|i| lines[*i].budget)
        .unwrap_or(0);
    let rest: i64 = v.iter().sum::<i64>() - v[largest];
    v[largest] = total - rest;
    v
}

/// `kr` (whole kronor) split into `n` months with pseudo-random weights, in öre,
/// the last month taking the remainder.
fn months(kr: i64, n: usize, rng: &mut Rng) -> Vec<i64> {
    let ore = kr * 100;
    let weights: Vec<i64> = (0..n).map(|_| rng.between(80, 120)).collect();
    let sum: i64 = weights.iter().sum();
    let mut out: Vec<i64> = weights.iter().map(|w| ore * w / sum).collect();
    let given: i64 = out[..n - 1].iter().sum();
    out[n - 1] = ore - given;
    out
}

fn ore_text(ore: i64, comma: bool) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    let a = ore.abs();
    let sep = if comma { ',' } else { '.' };
    format!("{sign}{}{sep}{:02}", a / 100, a % 100)
}

/// CP437, the character set SIE prescribes (only the letters the sample uses).
fn cp437(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'å' => 0x86,
            'ä' => 0x84,
            'ö' => 0x94,
            'Å' => 0x8F,
            'Ä' => 0x8E,
            'Ö' => 0x99,
            'é' => 0x82,
            c if c.is_ascii() => c as u8,
            _ => b'?',
        })
        .collect()
}

/// Windows-1252 for the letters the sample uses (they are Latin-1 there).
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match u32::from(c) {
            n @ 0..=0xFF => u8::try_from(n).unwrap_or(b'?'),
            _ => b'?',
        })
        .collect()
}

const ACCOUNTS: [(&str, &str); 2] = [("6550", "Konsultarvoden"), ("5420", "Programvaror")];

pub fn write(dir: &Path, lines: &[Line]) -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = Rng(20_230_430);
    let budget_to_date = allocate(lines, &mut rng, 26, 40, BUDGET_TO_DATE);
    let actual = allocate(lines, &mut rng, 24, 38, ACTUAL - AREA_WIDE);
    let previous = allocate(lines, &mut rng, 30, 55, PREVIOUS_YEAR);
    let forecast = allocate(lines, &mut rng, 68, 100, FORECAST);

    // 2023: SIE 4, #PSALDO per month, account and project, with each account's
    // total {} beside the object rows as the standard writes it; #PBUDGET likewise.
    let mut sie = String::new();
    sie.push_str("#FLAGGA 0\r\n#PROGRAM \"budget-consolidator exempel\" 1.0\r\n#FORMAT PC8\r\n#GEN 20230505\r\n#SIETYP 4\r\n");
    sie.push_str("#FNAMN \"Intraservice (illustrativt exempel)\"\r\n#RAR 0 20230101 20231231\r\n#RAR -1 20220101 20221231\r\n#DIM 6 \"Projekt\"\r\n");
    for (account, name) in ACCOUNTS {
        let _ = write!(sie, "#KONTO {account} \"{name}\"\r\n");
    }
    sie.push_str("#KONTO 3990 \"Övriga ersättningar och intäkter\"\r\n");
    for l in lines {
        let _ = write!(sie, "#OBJEKT 6 \"{}\" \"{}\"\r\n", l.code, l.name);
    }
    let _ = write!(sie, "#OBJEKT 6 \"{AREA_WIDE_CODE}\" \"IT gemensamt\"\r\n");
    // rows[month][account] = (code, öre)
    let mut actual_rows = vec![vec![Vec::<(String, i64)>::new(); 2]; 12];
    let mut budget_rows = vec![vec![Vec::<(String, i64)>::new(); 2]; 12];
    let mut codes: Vec<(String, i64)> = lines
        .iter()
        .map(|l| l.code.clone())
        .zip(actual.iter().copied())
        .collect();
    codes.push((AREA_WIDE_CODE.to_string(), AREA_WIDE));
    for (code, tkr) in &codes {
        for (m, ore) in months(tkr * 1000, 4, &mut rng).into_iter().enumerate() {
            // About a quarter on software, the rest on consultants.
            let software = ore / 4 / 100 * 100;
            actual_rows[m][0].push((code.clone(), ore - software));
            actual_rows[m][1].push((code.clone(), software));
        }
    }
    for (l, to_date) in lines.iter().zip(&budget_to_date) {
        let early = months(to_date * 1000, 4, &mut rng);
        let late = months((l.budget - to_date) * 1000, 8, &mut rng);
        for (m, ore) in early.into_iter().chain(late).enumerate() {
            budget_rows[m][0].push((l.code.clone(), ore));
        }
    }
    for m in 0..12 {
        let period = format!("2023{:02}", m + 1);
        for (a, (account, _)) in ACCOUNTS.iter().enumerate() {
            if m < 4 {
                let extra = if m == 2 && a == 0 {
                    WITHOUT_PROJECT_KR * 100
                } else {
                    0
                };
                let total: i64 = actual_rows[m][a].iter().map(|r| r.1).sum::<i64>() + extra;
                let _ = write!(
                    sie,
                    "#PSALDO 0 {period} {account} {{}} {}\r\n",
                    ore_text(total, false)
                );
                for (code, ore) in &actual_rows[m][a] {
                    let _ = write!(
                        sie,
                        "#PSALDO 0 {period} {account} {{6 \"{code}\"}} {}\r\n",
                        ore_text(*ore, false)
                    );
                }
            }
            if !budget_rows[m][a].is_empty() {
                let total: i64 = budget_rows[m][a].iter().map(|r| r.1).sum();
                let _ = write!(
                    sie,
                    "#PBUDGET 0 {period} {account} {{}} {}\r\n",
                    ore_text(total, false)
                );
                for (code, ore) in &budget_rows[m][a] {
                    let _ = write!(
                        sie,
                        "#PBUDGET 0 {period} {account} {{6 \"{code}\"}} {}\r\n",
                        ore_text(*ore, false)
                    );
                }
            }
        }
        if m < 4 {
            // Income is not cost: counted in Källor, not in the follow-up.
            let _ = write!(sie, "#PSALDO 0 {period} 3990 {{}} -15000.00\r\n");
        }
    }
    std::fs::create_dir_all(dir.join("utfall"))?;
    std::fs::write(dir.join("utfall/huvudbok-2023-01-04.se"), cp437(&sie))?;

    // 2022: the old ledger's report, saved by Swedish Excel as CSV.
    let mut csv = String::from("Period;Konto;Projekt;Projektnamn;Belopp\r\n");
    for (l, tkr) in lines.iter().zip(&previous) {
        let early = months(tkr * 1000, 4, &mut rng);
        let late = months(tkr * 1000 * 2, 8, &mut rng);
        for (m, ore) in early.into_iter().chain(late).enumerate() {
            let _ = write!(
                csv,
                "2022-{:02};6550;{};{};{}\r\n",
                m + 1,
                l.code,
                l.name,
                ore_text(ore, true)
            );
        }
    }
    std::fs::write(
        dir.join("utfall/gamla-systemet-2022.csv"),
        windows_1252(&csv),
    )?;

    // Forecasts: one workbook per area, as `follow-up template` writes it (the
    // library's own writer, with the figures the command computes from this
    // ledger: budget to date from #PBUDGET, actual from #PSALDO), filled in as a
    // lead would: Prognos helår, a comment where it deviates more than 10 %, the
    // version, the lead and the date.
    let comments = [
        "Upphandlingen försenad; delar av arbetet flyttas till 2024.",
        "Lägre konsultbehov än planerat.",
        "Start senare än planerat på grund av resursbrist.",
        "Etapp två skjuts till nästa år.",
    ];
    std::fs::create_dir_all(dir.join("prognos"))?;
    let mut areas: Vec<&str> = lines.iter().map(|l| l.area).collect();
    areas.dedup();
    for (k, area) in areas.into_iter().enumerate() {
        let mut rows = Vec::new();
        for (i, l) in lines.iter().enumerate().filter(|(_, l)| l.area == area) {
            let f = forecast[i];
            rows.push(ft::Line {
                name: l.name.to_string(),
                projects: vec![l.code.clone()],
                budget: Decimal::from(l.budget),
                budget_to_date: Decimal::from(budget_to_date[i]),
                actual: Decimal::from(actual[i]),
                previous: None,
                forecast: Decimal::from(f),
                comment: ((f - l.budget).abs() * 10 > l.budget)
                    .then(|| comments[i % comments.len()].to_string()),
            });
        }
        let spec = ft::Spec {
            area: area.to_string(),
            budget_year: 2023,
            period: 4,
            threshold: Decimal::from(10),
            lines: rows,
            version: "1.0".into(),
            lead: Some(LEADS[k].to_string()),
            date: Some((2023, 5, 2 + u8::try_from(k).unwrap_or(0))),
        };
        let name = ft::file_name(area, 2023, 4);
        std::fs::write(dir.join("prognos").join(name), ft::build(&spec)?)?;
    }
    Ok(())
}
