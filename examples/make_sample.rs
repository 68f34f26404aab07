//! Writes the shipped sample in `input/`: the five service areas of the City of
//! Gothenburg's service plan 2023–2025 as filled templates (the published figures
//! come from "Göteborgs Stads tjänsteplan för kommungemensamma interna tjänster
//! 2023–2025"; `input/README.md` says which are illustrative), plus
//! `input/budget.toml`.
//!
//! Run: `cargo run --example make_sample [-- DIR]` (default `input`).
//! `cargo run --example make_sample -- --it-1.0 [FILE]` writes only IT's template
//! at version 1.0, before the plan's four budget revisions (default
//! `tests/fixtures/IT-tjänster-1.0.xlsx`).
//!
//! The budget tables are the published ones. Figures the plan does not publish —
//! HR's split between its two initiatives, and every multi-year row except
//! Ekonomi's — are illustrative and marked so inside the workbooks and in
//! `input/README.md`.

#[path = "sample/follow_up.rs"]
mod follow_up_sample;

use budget_consolidator::labels;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Formula, Workbook, Worksheet,
    XlsxError,
};
use std::path::PathBuf;

/// One row of `Budgetfördelning`: name, Nyutveckling, Utveckling inom befintlig tjänst.
type BudgetRow = (&'static str, Option<i64>, Option<i64>);

/// One row of `Utvecklingsinitiativ`: name, development per year, maintenance per year, Påverkan.
type PlanRow = (
    &'static str,
    [Option<i64>; 3],
    [Option<i64>; 3],
    Option<&'static str>,
);

#[derive(Clone, Copy, PartialEq)]
enum Header {
    OneRow,
    TwoRows,
}

/// Which cells of the `Summa` row the area lead filled in (the seed often fills only Belopp).
#[derive(Clone, Copy, PartialEq)]
enum Summa {
    All,
    AmountOnly,
}

struct Area {
    file: &'static str,
    name: &'static str,
    version: &'static str,
    budget_note: Option<&'static str>,
    /// A heading row written above the initiatives, as Ekonomi's "Kommande utveckling".
    heading: Option<&'static str>,
    budget: Vec<BudgetRow>,
    /// The seed's IT table ends with an empty row whose amount is 0.
    trailing_zero_row: bool,
    summa: Summa,
    plan_title: &'static str,
    plan_note: Option<&'static str>,
    header: Header,
    impact: bool,
    plan: Vec<PlanRow>,
}

const ILLUSTRATIVE_PLAN: &str = "Flerårssiffrorna i denna tabell är illustrativa: tjänsteplanen publicerar dem inte för detta tjänsteområde.";

fn areas() -> Vec<Area> {
    vec![
        Area {
            file: "Ekonomi.xlsx",
            name: "Ekonomi",
            version: "2.0",
            budget_note: None,
            heading: Some("Kommande utveckling"),
            budget: vec![("Stöd i ekonomiprocesser", None, Some(2000))],
            trailing_zero_row: false,
            summa: Summa::AmountOnly,
            plan_title: "Tjänsteområde ekonomis utvecklingsinitiativ, tkr",
            plan_note: None,
            header: Header::TwoRows,
            impact: false,
            plan: vec![
                (
                    "1.Fortsatt arbete: Digitalisering inom område ekonomi",
                    [None; 3],
                    [Some(4300); 3],
                    None,
                ),
                (
                    "2. Utveckla område ekonomi",
                    [Some(2000); 3],
                    [None; 3],
                    None,
                ),
            ],
        },
        Area {
            file: "HR.xlsx",
            name: "HR",
            version: "2.0",
            budget_note: Some(
                "Fördelningen mellan initiativen är illustrativ; publicerat är totalen 13 000 tkr varav nyutveckling 800 tkr.",
            ),
            heading: None,
            budget: vec![
                ("Digitalisering inom HR", Some(800), Some(4200)),
                ("Översyn IT-stöd inom lön och HR", None, Some(8000)),
            ],
            trailing_zero_row: false,
            summa: Summa::All,
            plan_title: "Tjänsteområde HR:s utvecklingsinitiativ, tkr",
            plan_note: Some(ILLUSTRATIVE_PLAN),
            header: Header::OneRow,
            impact: false,
            // "Kostnaderna för vidmakthållande förväntas vara oförändrade."
            plan: vec![
                (
                    "Digitalisering inom HR",
                    [Some(5000), Some(4000), Some(3000)],
                    [None; 3],
                    None,
                ),
                (
                    "Översyn IT-stöd inom lön och HR",
                    [Some(8000), Some(6000), Some(2000)],
                    [None; 3],
                    None,
                ),
            ],
        },
        Area {
            file: "IT-tjänster.xlsx",
            name: "Tjänsteområde IT",
            version: "2.0",
            budget_note: None,
            heading: None,
            budget: vec![
                (
                    "Införande av City Information Platform / IoT",
                    Some(6300),
                    None,
                ),
                (
                    "Utveckling och förstärkning av integrationsverktyg",
                    None,
                    Some(2250),
                ),
                ("Utveckling inom O365", None, Some(2000)),
                (
                    "Flexibel OU-struktur - ökad automatisering",
                    None,
                    Some(2500),
                ),
                ("Behörighets- och kontohantering", None, Some(4300)),
                ("Utveckling av E-tjänsteplattform", None, Some(2480)),
                ("Digital signering", Some(1980), None),
                ("Mina sidor företag", Some(1500), None),
                ("Säker digital kommunikation", Some(1800), None),
                ("Förutsättningsskapande printtjänst", None, Some(4500)),
                (
                    "Effektivare och säkrare hantering av mobila enheter",
                    None,
                    Some(2000),
                ),
                (
                    "Digitalisering med hjälp av automatisering",
                    Some(2000),
                    None,
                ),
                ("Satsningar inom IT-säkerhet", None, Some(4000)),
                ("Införande av IT miljö för hybridmöten", None, Some(1600)),
                ("Interna e-tjänster", Some(1500), None),
                ("Ta fram tjänst för datawarehouse", Some(3000), None),
                ("IAM självservice Mina Sidor", None, Some(2000)),
                ("Virtuell klient - genomförande", Some(2200), None),
            ],
            trailing_zero_row: true,
            summa: Summa::AmountOnly,
            plan_title: "Tjänsteområde IT:s utvecklingsinitiativ, tkr",
            plan_note: Some(ILLUSTRATIVE_PLAN),
            header: Header::OneRow,
            impact: true,
            plan: vec![
                (
                    "Införande av City Information Platform / IoT",
                    [Some(6300), Some(5000), Some(3000)],
                    [Some(300), Some(600), Some(900)],
                    Some("Stor"),
                ),
                (
                    "Utveckling och förstärkning av integrationsverktyg",
                    [Some(2250), Some(2000), Some(1500)],
                    [Some(100), Some(200), Some(300)],
                    Some("Mellan"),
                ),
                (
                    "Utveckling inom O365",
                    [Some(2000), Some(2000), Some(1000)],
                    [Some(150), Some(300), Some(300)],
                    Some("Stor"),
                ),
                (
                    "Flexibel OU-struktur - ökad automatisering",
                    [Some(2500), Some(1000), None],
                    [Some(-200), Some(-400), Some(-400)],
                    Some("Liten"),
                ),
                (
                    "Behörighets- och kontohantering",
                    [Some(4300), Some(3000), Some(1000)],
                    [Some(200), Some(400), Some(400)],
                    Some("Mellan"),
                ),
                (
                    "Utveckling av E-tjänsteplattform",
                    [Some(2480), Some(2000), Some(2000)],
                    [Some(120), Some(250), Some(350)],
                    Some("Mellan"),
                ),
                (
                    "Digital signering",
                    [Some(1980), Some(500), None],
                    [Some(100), Some(150), Some(150)],
                    Some("Mellan"),
                ),
                (
                    "Mina sidor företag",
                    [Some(1500), Some(1000), None],
                    [Some(75), Some(150), Some(150)],
                    Some("Liten"),
                ),
                (
                    "Säker digital kommunikation",
                    [Some(1800), Some(800), None],
                    [Some(90), Some(180), Some(180)],
                    Some("Mellan"),
                ),
                (
                    "Förutsättningsskapande printtjänst",
                    [Some(4500), Some(2000), None],
                    [Some(-300), Some(-600), Some(-600)],
                    Some("Stor"),
                ),
                (
                    "Effektivare och säkrare hantering av mobila enheter",
                    [Some(2000), Some(1000), None],
                    [Some(100), Some(200), Some(200)],
                    Some("Mellan"),
                ),
                (
                    "Digitalisering med hjälp av automatisering",
                    [Some(2000), Some(2000), Some(2000)],
                    [Some(-100), Some(-300), Some(-500)],
                    Some("Mellan"),
                ),
                (
                    "Satsningar inom IT-säkerhet",
                    [Some(4000), Some(4000), Some(4000)],
                    [Some(200), Some(400), Some(600)],
                    Some("Stor"),
                ),
                (
                    "Införande av IT miljö för hybridmöten",
                    [Some(1600), Some(500), None],
                    [Some(80), Some(160), Some(160)],
                    Some("Liten"),
                ),
                (
                    "Interna e-tjänster",
                    [Some(1500), Some(1500), Some(1000)],
                    [Some(75), Some(150), Some(225)],
                    Some("Liten"),
                ),
                (
                    "Ta fram tjänst för datawarehouse",
                    [Some(3000), Some(2500), Some(1000)],
                    [Some(150), Some(400), Some(500)],
                    Some("Mellan"),
                ),
                (
                    "IAM självservice Mina Sidor",
                    [Some(2000), Some(1000), None],
                    [Some(100), Some(150), Some(150)],
                    Some("Liten"),
                ),
                (
                    "Virtuell klient - genomförande",
                    [Some(2200), Some(2200), None],
                    [Some(110), Some(220), Some(220)],
                    Some("Mellan"),
                ),
            ],
        },
        Area {
            file: "Kommunikation.xlsx",
            name: "Kommunikation",
            version: "4.0",
            budget_note: None,
            heading: None,
            budget: vec![
                ("Interna digitala navet", Some(3900), None),
                ("Helhetslösning telefoni", Some(3000), None),
                ("Ta fram Ljudbibliotek", Some(250), None),
                ("Upphandla mediabank", None, Some(750)),
            ],
            trailing_zero_row: false,
            summa: Summa::All,
            plan_title: "Tjänsteområde kommunikations utvecklingsinitiativ, tkr",
            plan_note: Some(ILLUSTRATIVE_PLAN),
            header: Header::TwoRows,
            impact: false,
            plan: vec![
                (
                    "Interna digitala navet",
                    [Some(3900), Some(2500), Some(1000)],
                    [Some(400), Some(800), Some(1000)],
                    None,
                ),
                (
                    "Helhetslösning telefoni",
                    [Some(3000), Some(1500), None],
                    [Some(-500), Some(-1000), Some(-1000)],
                    None,
                ),
                (
                    "Ta fram Ljudbibliotek",
                    [Some(250), None, None],
                    [Some(25), Some(50), Some(50)],
                    None,
                ),
                (
                    "Upphandla mediabank",
                    [Some(750), Some(250), None],
                    [Some(150), Some(300), Some(300)],
                    None,
                ),
            ],
        },
        Area {
            file: "Ledning och styrning.xlsx",
            name: "Ledning och styrning",
            version: "3.5",
            budget_note: None,
            heading: None,
            budget: vec![
                ("Ny politisk ärendehantering", Some(18500), None),
                ("Utveckla förmåga Pre-ingest", Some(1500), None),
                ("Förstudie incidentrapporteringssystem", Some(700), None),
            ],
            trailing_zero_row: false,
            summa: Summa::AmountOnly,
            plan_title: "Tjänsteområde ledning och styrnings utvecklingsinitiativ, tkr",
            plan_note: Some(ILLUSTRATIVE_PLAN),
            header: Header::OneRow,
            impact: true,
            plan: vec![
                (
                    "Ny politisk ärendehantering",
                    [Some(18500), Some(12000), Some(4000)],
                    [Some(500), Some(1500), Some(2500)],
                    Some("Stor"),
                ),
                (
                    "Utveckla förmåga Pre-ingest",
                    [Some(1500), Some(1000), None],
                    [Some(100), Some(200), Some(200)],
                    Some("Mellan"),
                ),
                (
                    "Förstudie incidentrapporteringssystem",
                    [Some(700), None, None],
                    [None; 3],
                    Some("Liten"),
                ),
            ],
        },
    ]
}

const YEARS: [i32; 3] = [2023, 2024, 2025];
const TKR: &str = "#,##0";

struct Styles {
    title: Format,
    note: Format,
    label: Format,
    header: Format,
    amount: Format,
    total: Format,
    total_amount: Format,
}

fn styles() -> Styles {
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0xDDE6F0))
        .set_border(FormatBorder::Thin);
    let total = Format::new().set_bold().set_border_top(FormatBorder::Thin);
    Styles {
        title: Format::new().set_bold().set_font_size(14),
        note: Format::new()
            .set_italic()
            .set_font_color(Color::RGB(0x595959)),
        label: Format::new().set_bold(),
        header,
        amount: Format::new().set_num_format(TKR),
        total_amount: total.clone().set_num_format(TKR),
        total,
    }
}

fn col(c: u16) -> char {
    char::from(b'A' + u8::try_from(c).unwrap_or(0))
}

fn sum_of(values: impl IntoIterator<Item = Option<i64>>) -> i64 {
    values.into_iter().flatten().sum()
}

/// The sample's project code of an area's i-th initiative: `231xx` for the first
/// area, `232xx` for the second, …
fn project_code(area: usize, i: usize) -> String {
    format!("{}{:02}", 231 + area, i + 1)
}

fn write_budget(ws: &mut Worksheet, a: &Area, index: usize, s: &Styles) -> Result<(), XlsxError> {
    ws.set_name(labels::SHEET_BUDGET)?;
    ws.write_string_with_format(0, 0, "Bilaga: Fördelning av budget 2023", &s.title)?;
    ws.write_string_with_format(1, 0, "Fyll i tabellen. Alla belopp i tkr.", &s.note)?;
    let meta: [(&str, Option<&str>); 5] = [
        (labels::META_AREA, Some(a.name)),
        (labels::META_VERSION, Some(a.version)),
        (labels::META_BUDGET_YEAR, None),
        (labels::META_DATE, None),
        (labels::META_LEAD, None),
    ];
    for (i, (label, value)) in (3u32..).zip(meta) {
        ws.write_string_with_format(i, 0, label, &s.label)?;
        if let Some(v) = value {
            ws.write_string(i, 1, v)?;
        }
    }
    ws.write_number(5, 1, 2023)?;
    let mut row = 9;
    if let Some(note) = a.budget_note {
        ws.write_string_with_format(8, 0, note, &s.note)?;
    }
    let headers = [
        labels::COL_TEXT,
        labels::COL_NEW,
        labels::COL_EXISTING,
        labels::COL_AMOUNT,
        labels::COL_PROJECT,
    ];
    for (c, h) in (0u16..).zip(headers) {
        ws.write_string_with_format(row, c, h, &s.header)?;
    }
    let first = row + 1;
    if let Some(heading) = a.heading {
        row += 1;
        ws.write_string_with_format(row, 0, heading, &s.label)?;
    }
    for (i, (name, new, existing)) in a.budget.iter().enumerate() {
        row += 1;
        let r = row + 1;
        ws.write_string(row, 0, *name)?;
        // Ekonomi's code is typed as a number, the others as text.
        let code = project_code(index, i);
        match code.parse::<u32>() {
            Ok(n) if index == 0 => ws.write_number(row, 4, n)?,
            _ => ws.write_string(row, 4, &code)?,
        };
        for (c, v) in [(1, new), (2, existing)] {
            if let Some(v) = v {
                ws.write_number_with_format(row, c, i32::try_from(*v).unwrap_or(0), &s.amount)?;
            }
        }
        let total = new.unwrap_or(0) + existing.unwrap_or(0);
        ws.write_formula_with_format(
            row,
            3,
            Formula::new(format!("=B{r}+C{r}")).set_result(total.to_string()),
            &s.amount,
        )?;
    }
    if a.trailing_zero_row {
        row += 1;
        ws.write_number_with_format(row, 3, 0, &s.amount)?;
    }
    let last = row;
    row += 1;
    ws.write_string_with_format(row, 0, labels::TOTAL_ROW, &s.total)?;
    let sums = [
        (1u16, sum_of(a.budget.iter().map(|b| b.1))),
        (2, sum_of(a.budget.iter().map(|b| b.2))),
        (3, sum_of(a.budget.iter().flat_map(|b| [b.1, b.2]))),
    ];
    for (c, total) in sums {
        if a.summa == Summa::AmountOnly && c != 3 {
            ws.write_blank(row, c, &s.total)?;
            continue;
        }
        let f = Formula::new(format!(
            "=SUM({l}{}:{l}{})",
            first + 1,
            last + 1,
            l = col(c)
        ))
        .set_result(total.to_string());
        ws.write_formula_with_format(row, c, f, &s.total_amount)?;
    }
    ws.set_column_width(0, 52)?;
    ws.set_column_width(1, 14)?;
    ws.set_column_width(2, 24)?;
    ws.set_column_width(3, 14)?;
    ws.set_column_width(4, 12)?;
    ws.set_freeze_panes(10, 0)?;
    Ok(())
}

fn write_plan(ws: &mut Worksheet, a: &Area, s: &Styles) -> Result<(), XlsxError> {
    ws.set_name(labels::SHEET_PLAN)?;
    ws.write_string_with_format(0, 0, a.plan_title, &s.title)?;
    if let Some(note) = a.plan_note {
        ws.write_string_with_format(1, 0, note, &s.note)?;
    }
    let mut row = 3;
    match a.header {
        Header::OneRow => {
            ws.write_string_with_format(row, 0, labels::COL_INITIATIVE, &s.header)?;
            for (i, y) in (0u16..).zip(YEARS) {
                ws.write_string_with_format(
                    row,
                    1 + i,
                    format!("{} {y}", labels::PLAN_DEVELOPMENT),
                    &s.header,
                )?;
                ws.write_string_with_format(
                    row,
                    4 + i,
                    format!("{} {y}", labels::PLAN_MAINTENANCE),
                    &s.header,
                )?;
            }
            if a.impact {
                ws.write_string_with_format(row, 7, labels::PLAN_IMPACT, &s.header)?;
            }
        }
        Header::TwoRows => {
            ws.write_blank(row, 0, &s.header)?;
            ws.merge_range(row, 1, row, 3, labels::PLAN_INITIATIVE, &s.header)?;
            ws.merge_range(row, 4, row, 6, labels::PLAN_MAINTENANCE_GROUP, &s.header)?;
            row += 1;
            ws.write_blank(row, 0, &s.header)?;
            for (i, y) in (0u16..).zip(YEARS) {
                ws.write_number_with_format(row, 1 + i, y, &s.header)?;
                ws.write_number_with_format(row, 4 + i, y, &s.header)?;
            }
        }
    }
    let first = row + 1;
    for (name, dev, maint, impact) in &a.plan {
        row += 1;
        ws.write_string(row, 0, *name)?;
        for (i, (d, m)) in (0u16..).zip(dev.iter().zip(maint)) {
            if let Some(d) = d {
                ws.write_number_with_format(row, 1 + i, i32::try_from(*d).unwrap_or(0), &s.amount)?;
            }
            if let Some(m) = m {
                ws.write_number_with_format(row, 4 + i, i32::try_from(*m).unwrap_or(0), &s.amount)?;
            }
        }
        if let (true, Some(impact)) = (a.impact, impact) {
            ws.write_string(row, 7, *impact)?;
        }
    }
    let last = row;
    row += 1;
    ws.write_string_with_format(row, 0, labels::TOTAL_ROW, &s.total)?;
    for c in 1u16..=6 {
        let i = usize::from((c - 1) % 3);
        let total: i64 = a
            .plan
            .iter()
            .map(|p| if c <= 3 { p.1[i] } else { p.2[i] })
            .map(|v| v.unwrap_or(0))
            .sum();
        let f = Formula::new(format!(
            "=SUM({l}{}:{l}{})",
            first + 1,
            last + 1,
            l = col(c)
        ))
        .set_result(total.to_string());
        ws.write_formula_with_format(row, c, f, &s.total_amount)?;
    }
    ws.set_column_width(0, 52)?;
    for c in 1u16..=6 {
        ws.set_column_width(c, 14)?;
    }
    ws.set_column_width(7, 10)?;
    Ok(())
}

const CONFIG: &str = r#"# The City of Gothenburg's common internal services, service plan 2023–2025.
# Frames are the published budget totals per area (Budgetfördelning 2023).
budget_year = 2023
years = [2023, 2024, 2025]
total_frame = 91510

[[area]]
name = "Ekonomi"
frame = 2000

[[area]]
name = "HR"
frame = 13000

[[area]]
name = "IT-tjänster"
aliases = ["IT", "Tjänsteområde IT"]
frame = 47910

[[area]]
name = "Kommunikation"
frame = 7900

[[area]]
name = "Ledning och styrning"
frame = 20700

# The monthly follow-up (budget-consolidator follow-up). The rows of the board's
# monthly report, in its order:
[[report_group]]
name = "Ekonomi"
areas = ["Ekonomi"]

[[report_group]]
name = "HR"
areas = ["HR"]

[[report_group]]
name = "Kommunikation, ledning/styrning"
areas = ["Kommunikation", "Ledning och styrning"]

[[report_group]]
name = "Digital infrastruktur"
areas = ["IT-tjänster"]

# IT's common development project, for the area as a whole (no initiative).
[[project]]
code = "23300"
area = "IT-tjänster"

[follow_up]
actuals = "utfall"
forecasts = "prognos"
cost_accounts = ["4000-7999"]
project_dimension = 6
comment_threshold = 10
"#;

/// The areas' configured names, in the order of [`areas`].
const CONFIGURED: [&str; 5] = [
    "Ekonomi",
    "HR",
    "IT-tjänster",
    "Kommunikation",
    "Ledning och styrning",
];

/// The IT plan's revisions between versions 1.0 and 2.0, as the plan states them
/// ("Budgeten är förändrad från 4 800 tkr till 6 300 tkr"): initiative, amount
/// in version 1.0. The amount stands in the column it has in version 2.0.
const IT_REVISIONS: [(&str, i64); 4] = [
    ("Införande av City Information Platform / IoT", 4800),
    ("Utveckling och förstärkning av integrationsverktyg", 3776),
    ("Utveckling inom O365", 3000),
    ("Flexibel OU-struktur - ökad automatisering", 3000),
];

/// IT's template at version 1.0: version 2.0 with the four revised initiatives at
/// their earlier amounts, in the budget table and as the budget year's development.
fn it_version_1() -> Option<Area> {
    let mut it = areas().into_iter().find(|a| a.file == "IT-tjänster.xlsx")?;
    it.file = "IT-tjänster-1.0.xlsx";
    it.version = "1.0";
    for (name, old) in IT_REVISIONS {
        let row = it.budget.iter_mut().find(|b| b.0 == name)?;
        match row {
            (_, Some(new), None) | (_, None, Some(new)) => *new = old,
            _ => return None,
        }
        let plan = it.plan.iter_mut().find(|p| p.0 == name)?;
        plan.1[0] = Some(old);
    }
    Some(it)
}

/// `index`: the area's place in [`areas`], which its project codes follow.
fn save(a: &Area, index: usize, s: &Styles, path: &std::path::Path) -> Result<(), XlsxError> {
    let created = ExcelDateTime::from_ymd(2023, 1, 1)?;
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_author("budget-consolidator sample")
            .set_creation_datetime(&created),
    );
    write_budget(wb.add_worksheet(), a, index, s)?;
    write_plan(wb.add_worksheet(), a, s)?;
    wb.save(path)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let s = styles();
    // `--it-1.0 FILE`: only IT's template at version 1.0 (the test fixture).
    if args.first().map(String::as_str) == Some("--it-1.0") {
        let path = args.get(1).map_or_else(
            || PathBuf::from("tests/fixtures/IT-tjänster-1.0.xlsx"),
            PathBuf::from,
        );
        let it = it_version_1().ok_or("the IT area or a revised initiative is missing")?;
        let index = areas()
            .iter()
            .position(|a| a.file == "IT-tjänster.xlsx")
            .unwrap_or(2);
        save(&it, index, &s, &path)?;
        println!("Wrote {}", path.display());
        return Ok(());
    }
    let dir = args
        .first()
        .map_or_else(|| PathBuf::from("input"), PathBuf::from);
    std::fs::create_dir_all(&dir)?;
    let mut lines = Vec::new();
    for (index, a) in areas().into_iter().enumerate() {
        for (i, (name, new, existing)) in a.budget.iter().enumerate() {
            lines.push(follow_up_sample::Line {
                area: CONFIGURED[index],
                name,
                code: project_code(index, i),
                budget: new.unwrap_or(0) + existing.unwrap_or(0),
            });
        }
        save(&a, index, &s, &dir.join(a.file))?;
    }
    std::fs::write(dir.join("budget.toml"), CONFIG)?;
    follow_up_sample::write(&dir, &lines)?;
    println!("Wrote the sample to {}", dir.display());
    Ok(())
}
