//! The Swedish text of the follow-up workbook (`uppfoljning-<år>-<MM>.xlsx`): its
//! sheet names, the month names, the title, the column headers of each sheet and
//! the notes. `Kontroller` and `Källor` share their sheet names with the
//! consolidated workbook ([`crate::labels`]).

use crate::lang::Lang;

/// Sheet names.
pub const FOLLOW_UP_SUMMARY: &str = "Uppföljning";
pub const FOLLOW_UP_INITIATIVES: &str = "Per initiativ";
pub const FOLLOW_UP_MONTHS: &str = "Per månad";
pub const FOLLOW_UP_UNMAPPED: &str = "Ej kopplat utfall";

/// Swedish month names, for titles and `Per månad`.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// The name of month `m` (1..=12; beyond it, the nearest).
pub fn month_name(m: u8) -> &'static str {
    MONTHS[usize::from(m.clamp(1, 12)) - 1]
}

/// "Uppföljning utvecklingskostnader januari–april 2023" (`period` 1..=12).
pub fn follow_up_title(budget_year: i32, period: u8) -> String {
    let last = month_name(period);
    if period == 1 {
        format!("Uppföljning utvecklingskostnader januari {budget_year}")
    } else {
        format!("Uppföljning utvecklingskostnader januari–{last} {budget_year}")
    }
}

/// The page footer of every sheet: the page number (a header/footer code).
pub const PAGE_NUMBER: &str = "Sida &P av &N";

/// The figures of a report group, an initiative or a month.
pub const FIGURE_PREVIOUS_YEAR: &str = "Utfall ack föregående år";
pub const FIGURE_ACTUAL: &str = super::forecast::COL_ACTUAL;
pub const FIGURE_BUDGET_TO_DATE: &str = super::forecast::COL_BUDGET_TO_DATE;
pub const FIGURE_DEVIATION_TO_DATE: &str = "Avvikelse ack";
pub const FIGURE_FORECAST: &str = super::forecast::COL_FORECAST;
pub const FIGURE_BUDGET: &str = super::forecast::COL_BUDGET;
pub const FIGURE_DEVIATION: &str = super::forecast::COL_DEVIATION;
pub const FIGURE_MONTH: &str = "Månad";
pub const FIGURE_GROUP: &str = "Rapportgrupp";

/// `Uppföljning`: the report group, then the seven figures.
pub const FOLLOW_UP_HEADERS: [&str; 8] = [
    FIGURE_GROUP,
    FIGURE_PREVIOUS_YEAR,
    FIGURE_ACTUAL,
    FIGURE_BUDGET_TO_DATE,
    FIGURE_DEVIATION_TO_DATE,
    FIGURE_FORECAST,
    FIGURE_BUDGET,
    FIGURE_DEVIATION,
];
/// `Uppföljning`: the note under the title, with or without errors in the input.
pub fn follow_up_note(partial: bool) -> &'static str {
    if partial {
        "belopp i tkr · OBS! Ofullständig: indata har fel, se bladet Kontroller"
    } else {
        "belopp i tkr"
    }
}
/// `Uppföljning`: the chart, and the title of its data beside the table.
pub const FOLLOW_UP_CHART_DATA: &str = "Ackumulerat per månad (diagrammets data)";
pub fn follow_up_chart_title(budget_year: i32) -> String {
    format!("Ackumulerat utfall och budget {budget_year} (tkr)")
}

/// `Per initiativ`: the table's name, the columns before and after the figures,
/// and the `Initiativ` text of an area's row for its area-wide project codes.
pub const FOLLOW_UP_INITIATIVES_TABLE: &str = "PerInitiativ";
pub const FOLLOW_UP_INITIATIVES_LEAD: [&str; 3] =
    [super::META_AREA, super::COL_INITIATIVE, super::COL_PROJECT];
pub const FOLLOW_UP_COMMENT: &str = super::forecast::COL_COMMENT;
pub const AREA_WIDE: &str = "Hela tjänsteområdet (projekt utan initiativ)";

/// `Per månad`: the column headers.
pub const FOLLOW_UP_MONTHS_HEADERS: [&str; 6] = [
    FIGURE_GROUP,
    FIGURE_MONTH,
    "Utfall",
    "Budget",
    FIGURE_ACTUAL,
    FIGURE_BUDGET_TO_DATE,
];

/// `Ej kopplat utfall`: the column headers, the code of cost without a project,
/// and the line when everything is mapped.
pub const UNMAPPED_HEADERS: [&str; 5] = [
    "Fil",
    super::COL_PROJECT,
    "Konton",
    "Månader",
    super::COL_AMOUNT,
];
pub const UNMAPPED_NO_PROJECT: &str = "utan projekt";
pub const UNMAPPED_NONE: &str =
    "Allt utfall på kostnadskonton är kopplat till ett initiativ eller tjänsteområde.";

/// `Kontroller` of the follow-up: the column headers, and a ledger line's place
/// (`rad 12`).
pub const FOLLOW_UP_CHECKS_HEADERS: [&str; 7] = [
    "Allvarlighet",
    "Kod",
    "Beskrivning",
    "Fil",
    "Blad",
    "Cell/rad",
    "Meddelande",
];
pub fn line_word(lang: Lang) -> &'static str {
    lang.pick("rad", "line")
}

/// `Källor` of the follow-up: the three blocks (plan, actuals, forecasts), their
/// column headers, and the names of the ledger's forms.
pub const SOURCES_PLAN: &str = "Plan";
pub const SOURCES_ACTUALS: &str = "Utfall (tkr)";
pub const SOURCES_FORECASTS: &str = "Prognoser (tkr)";
pub const SOURCES_FILE: &str = "Fil";
pub const SOURCES_ROWS: &str = "Rader lästa";
pub const SOURCES_STATUS: &str = "Status";
pub const SOURCES_SHA256: &str = "SHA-256";
pub const SOURCES_ACTUALS_HEADERS: [&str; 12] = [
    SOURCES_FILE,
    "Format",
    SOURCES_ROWS,
    "Kostnadsrader",
    "Kostnad ack",
    "Till initiativ",
    "Till tjänsteområden",
    "Ej kopplat",
    "Differens (ska vara 0)",
    "Föregående år ack",
    "Utanför perioden",
    SOURCES_SHA256,
];
pub const SOURCES_FORECAST_TOTAL: &str = "Summa prognos";
pub fn form_sie(sie_type: impl std::fmt::Display) -> String {
    format!("SIE {sie_type}")
}
pub const FORM_CSV: &str = "CSV";
pub const FORM_SHEET: &str = "Arbetsbok";
pub const FORM_HTML: &str = "Webbsida (tabell)";
/// The name findings give the `n`th table (from 1) of a ledger export that is a
/// web page, as a sheet's name.
pub fn page_table(n: usize) -> String {
    format!("Tabell {n}")
}
/// The name of an Excel 2003 XML worksheet that has none (`n` from 1), as Excel
/// names a new sheet.
pub fn unnamed_sheet(n: usize) -> String {
    format!("Blad{n}")
}
pub const FORM_UNREADABLE: &str = "oläsbar";
