//! The Swedish text of the consolidated workbook that is not read back from the
//! template: column headers, titles, notes, status words and the `--partial`
//! banner. The sheet names and the labels shared with the reader are in
//! [`crate::labels`] itself.

use super::{
    COL_INITIATIVE, META_AREA, META_DATE, META_LEAD, META_VERSION, OUT_CHECKS, OUT_LAST_VERSION,
};

/// The consolidated workbook's file name: `konsoliderad-budget-<budgetår>.xlsx`.
pub fn consolidated_file_name(budget_year: Option<i32>) -> String {
    match budget_year {
        Some(y) => format!("konsoliderad-budget-{y}.xlsx"),
        None => "konsoliderad-budget.xlsx".to_string(),
    }
}

/// Shown before the title in every sheet's page header.
pub const OUT_ORGANISATION: &str = "Göteborgs Stad";

/// `Sammanställning`: the line under the title.
pub fn summary_subtitle(budget_year: Option<i32>) -> String {
    match budget_year {
        Some(y) => format!("Budgetår {y} · belopp i tkr"),
        None => "Belopp i tkr".to_string(),
    }
}
/// `Sammanställning`: the two columns added when frames are configured.
pub const SUMMARY_FRAME: &str = "Ram";
pub const SUMMARY_DEVIATION: &str = "Avvikelse";
pub const SUMMARY_DEVIATION_NOTE: &str =
    "Avvikelse = Ram − Summa: positiv = under ramen, negativ = över ramen.";
/// `Sammanställning`: the block on the total frame.
pub const SUMMARY_TOTAL_FRAME_TITLE: &str = "Totalram och avvikelse";
pub const SUMMARY_TOTAL_FRAME: &str = "Totalram";
pub const SUMMARY_AREAS_TOTAL: &str = "Summa tjänsteområden";
pub const SUMMARY_TOTAL_DEVIATION: &str = "Avvikelse mot totalram";
pub const SUMMARY_TOTAL_DEVIATION_NOTE: &str =
    "Avvikelse = Totalram − Summa: positiv = under ramen, negativ = över ramen.";
pub const SUMMARY_CHART_TITLE: &str = "Utvecklingskostnad per tjänsteområde, tkr";

/// `Utveckling per år` and `Vidmakthållande`: titles and the chart's.
pub const DEVELOPMENT_TITLE: &str = "Utvecklingskostnad per år, tkr";
pub const MAINTENANCE_TITLE: &str = "Påverkan på vidmakthållande per år, tkr";
pub const YEARS_CHART_TITLE: &str = "Utvecklingskostnad per år och tjänsteområde, tkr";

/// `Initiativ`: the table's name and the columns after the amounts.
pub const INITIATIVES_TABLE: &str = "Initiativtabell";
pub const INITIATIVES_SOURCE_FILE: &str = "Källfil";
pub const INITIATIVES_BUDGET_ROW: &str = "Rad i Budgetfördelning";
pub const INITIATIVES_PLAN_ROW: &str = "Rad i Utvecklingsinitiativ";

/// `Kontroller`: the column headers.
pub const CHECKS_HEADERS: [&str; 7] = [
    "Allvarlighet",
    "Kod",
    "Beskrivning",
    "Fil",
    "Blad",
    "Cell",
    "Meddelande",
];

/// `Källor`: the column headers, and whether each file was included.
pub const SOURCES_HEADERS: [&str; 9] = [
    "Fil",
    META_AREA,
    META_VERSION,
    META_DATE,
    META_LEAD,
    "Rader i filen (båda bladen)",
    "Status",
    OUT_LAST_VERSION,
    "SHA-256",
];
pub const STATUS_INCLUDED: &str = "Inkluderad";
pub const STATUS_SUPERSEDED: &str = "Ej med: ersatt av en nyare version";
/// Not included because of errors, naming their codes.
pub fn status_errors(codes: &[&str]) -> String {
    format!("Ej med: fel ({})", codes.join(", "))
}

/// `Ändringar` (`--previous`): the column headers, the kinds of change, and
/// the line when nothing changed.
pub const CHANGES_HEADERS: [&str; 8] = [
    META_AREA,
    META_VERSION,
    COL_INITIATIVE,
    "Ändring",
    "Kolumn",
    "Före",
    "Efter",
    "Beskrivning",
];
pub const CHANGE_NEW_VERSION: &str = "Ny version";
pub const CHANGE_AMOUNT: &str = "Belopp";
pub const CHANGE_ADDED: &str = "Nytt";
pub const CHANGE_REMOVED: &str = "Borttaget";
pub const CHANGE_RENAMED: &str = "Namnändring";
pub const CHANGE_LIKELY_RENAMED: &str = "Trolig namnändring";
pub const CHANGES_NONE: &str = "Inga ändringar";

/// The `--partial` banner above `Sammanställning`: its first and last line, and
/// one line per file left out.
pub const BANNER_TITLE: &str = "OBS! Ofullständig sammanställning – följande saknas:";
pub fn banner_file(who: &str, errors: usize, codes: &[&str]) -> String {
    format!("• {who}: {errors} fel – {}", codes.join(", "))
}
pub fn banner_unattributed(file: &str) -> String {
    format!("{file} (kan inte knytas till något tjänsteområde)")
}
pub fn banner_end() -> String {
    format!("Se bladet {OUT_CHECKS}.")
}

/// The page footer of every sheet: when it was printed (`&D`, filled in when it
/// prints) and the page number; header/footer codes.
pub const PRINTED: &str = "Utskrivet &D";

/// `Inlämningar` (plan and follow-up workbook, `[rounds]`): the sheet, its title,
/// the note on the deadline and the column headers.
pub const SHEET_SUBMISSIONS: &str = "Inlämningar";
pub fn submissions_title(round: &str) -> String {
    format!("{SHEET_SUBMISSIONS} – {round}")
}
pub fn submissions_deadline_note(
    deadline: impl std::fmt::Display,
    today: impl std::fmt::Display,
) -> String {
    format!(
        "Sista dag: {deadline}. Läget den {today} (körningens datum, eller --today): ett område utan fil väntas till och med sista dag och saknas efter den. Sen inlämning bedöms efter filens eget Datum."
    )
}
pub const SUBMISSIONS_NO_DEADLINE: &str =
    "Ingen sista dag är angiven ([rounds] i budget.toml): ett område utan fil saknas.";
pub const SUBMISSIONS_HEADERS: [&str; 7] = [
    META_AREA,
    "Fil",
    META_VERSION,
    META_LEAD,
    META_DATE,
    "Ansvarig enligt budget.toml",
    "Status",
];
