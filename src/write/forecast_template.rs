//! The forecast workbook an area lead fills in every month (`budget-consolidator
//! follow-up template`): sheet `Prognos` with the area's initiatives, their budget
//! and the actual booked so far (given, locked and shaded), the previous forecast
//! when there is one, and the two input columns `Prognos helår` and `Kommentar`;
//! sheet `Instruktioner` in Swedish.
//!
//! Written with the labels the forecast reader matches (`forecast::labels`) and
//! the plan template's styles and helpers (`write::template`), so a blank one
//! reads back as a forecast equal to the prefilled figures, with no error.
//! Formulas carry their computed results; document dates are fixed, so identical
//! inputs give identical bytes.

use super::template::{self as plan, Styles};
use crate::forecast::labels as l;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, ConditionalFormatFormula, DataValidation, DataValidationRule, ExcelDateTime, Format,
    Workbook, Worksheet, XlsxError,
};

/// 0-based positions of the `Prognos` sheet.
pub mod layout {
    /// Metadata labels in column A from this row, values in B.
    pub const META_FIRST_ROW: u32 = 3;
    pub const HEADER_ROW: u32 = 10;
    /// Columns of the table.
    pub const INITIATIVE: u16 = 0;
    pub const PROJECT: u16 = 1;
    pub const BUDGET: u16 = 2;
    pub const BUDGET_TO_DATE: u16 = 3;
    pub const ACTUAL: u16 = 4;
    pub const PREVIOUS: u16 = 5;
    pub const FORECAST: u16 = 6;
    pub const DEVIATION: u16 = 7;
    pub const COMMENT: u16 = 8;
}

/// One initiative's row (tkr).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub name: String,
    pub projects: Vec<String>,
    pub budget: Decimal,
    pub budget_to_date: Decimal,
    pub actual: Decimal,
    /// The forecast the area gave last time, when it gave one.
    pub previous: Option<Decimal>,
    /// What `Prognos helår` holds: the previous forecast, else the budget (or, for a
    /// filled workbook, the lead's figure).
    pub forecast: Decimal,
    pub comment: Option<String>,
}

/// One area's forecast workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub area: String,
    pub budget_year: i32,
    /// 1..=12.
    pub period: u8,
    /// Percent: a forecast further from the budget than this needs a comment.
    pub threshold: Decimal,
    pub lines: Vec<Line>,
    /// Filled in by the lead (empty in a blank workbook).
    pub version: String,
    pub lead: Option<String>,
    /// (year, month, day).
    pub date: Option<(u16, u8, u8)>,
}

impl Spec {
    /// `2023-04`.
    pub fn period_text(&self) -> String {
        format!("{}-{:02}", self.budget_year, self.period)
    }
}

/// `<area>-prognos-<år>-<MM>.xlsx`, Windows-safe as the plan templates' names.
pub fn file_name(area: &str, budget_year: i32, period: u8) -> String {
    let safe = plan::file_name(area);
    let stem = safe.strip_suffix(".xlsx").unwrap_or(&safe);
    format!("{stem}-prognos-{budget_year}-{period:02}.xlsx")
}

/// Builds the workbook in memory.
pub fn build(spec: &Spec) -> Result<Vec<u8>, XlsxError> {
    let mut wb: Workbook =
        super::workbook(&format!("Prognos {} {}", spec.area, spec.period_text()))?;
    let s = plan::styles();
    forecast_sheet(wb.add_worksheet(), spec, &s)?;
    instructions(wb.add_worksheet(), spec, &s)?;
    wb.save_to_buffer()
}

fn forecast_sheet(ws: &mut Worksheet, spec: &Spec, s: &Styles) -> Result<(), XlsxError> {
    use layout::*;
    ws.set_name(l::SHEET)?;
    ws.write_string_with_format(
        0,
        0,
        format!(
            "Prognos helår {} – {}, period januari–{} {}",
            spec.budget_year,
            spec.area,
            month(spec.period),
            spec.budget_year
        ),
        &s.title,
    )?;
    ws.write_string_with_format(
        1,
        0,
        "Fyll i de gula cellerna: Prognos helår och Kommentar, samt Version, Ansvarig och Datum. Alla belopp i tkr. Se bladet Instruktioner.",
        &s.note,
    )?;
    let r = META_FIRST_ROW;
    let threshold = spec.threshold.normalize();
    ws.write_string_with_format(r, 0, l::META_AREA, &s.label)?;
    ws.write_string_with_format(r, 1, &spec.area, &s.fixed)?;
    ws.write_string_with_format(r + 1, 0, l::META_PERIOD, &s.label)?;
    ws.write_string_with_format(r + 1, 1, spec.period_text(), &s.fixed)?;
    ws.write_string_with_format(r + 2, 0, l::META_VERSION, &s.label)?;
    ws.write_string_with_format(r + 2, 1, &spec.version, &s.input)?;
    ws.write_string_with_format(r + 3, 0, l::META_LEAD, &s.label)?;
    match &spec.lead {
        Some(lead) => ws.write_string_with_format(r + 3, 1, lead, &s.input)?,
        None => ws.write_blank(r + 3, 1, &s.input)?,
    };
    ws.write_string_with_format(r + 4, 0, l::META_DATE, &s.label)?;
    match spec.date {
        Some((y, m, d)) => ws.write_datetime_with_format(
            r + 4,
            1,
            ExcelDateTime::from_ymd(y, m, d)?,
            &s.input_date,
        )?,
        None => ws.write_blank(r + 4, 1, &s.input_date)?,
    };
    ws.write_string_with_format(r + 5, 0, l::META_THRESHOLD, &s.label)?;
    ws.write_with_format(r + 5, 1, threshold, &s.fixed)?;
    let date = DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(2000, 1, 1)?,
            ExcelDateTime::from_ymd(2100, 12, 31)?,
        ))
        .set_input_title("Datum")?
        .set_input_message("Dagens datum när du skickar prognosen, t.ex. 2023-05-04.")?
        .set_error_title("Ogiltigt datum")?
        .set_error_message("Skriv ett datum, t.ex. 2023-05-04.")?;
    ws.add_data_validation(r + 4, 1, r + 4, 1, &date)?;
    let version = DataValidation::new()
        .allow_any_value()
        .set_input_title("Prognosens version")?
        .set_input_message("Höj versionen om du skickar en rättad prognos, t.ex. 1.0 → 1.1.")?;
    ws.add_data_validation(r + 2, 1, r + 2, 1, &version)?;

    let h = HEADER_ROW;
    let amount_header = s
        .header
        .clone()
        .set_align(rust_xlsxwriter::FormatAlign::Right);
    for (c, label) in [
        (INITIATIVE, l::COL_INITIATIVE),
        (PROJECT, l::COL_PROJECT),
        (BUDGET, l::COL_BUDGET),
        (BUDGET_TO_DATE, l::COL_BUDGET_TO_DATE),
        (ACTUAL, l::COL_ACTUAL),
        (PREVIOUS, l::COL_PREVIOUS),
        (FORECAST, l::COL_FORECAST),
        (DEVIATION, l::COL_DEVIATION),
        (COMMENT, l::COL_COMMENT),
    ] {
        let f = if (BUDGET..=DEVIATION).contains(&c) {
            &amount_header
        } else {
            &s.header
        };
        ws.write_string_with_format(h, c, label, f)?;
    }
    ws.set_row_height(h, 32)?;
    let text_input = s.input.clone().set_text_wrap();
    let n = u32::try_from(spec.lines.len()).unwrap_or(u32::MAX);
    let first = h + 1;
    for (row, line) in (first..).zip(&spec.lines) {
        let excel = row + 1;
        ws.write_string_with_format(row, INITIATIVE, &line.name, &s.fixed)?;
        ws.write_string_with_format(row, PROJECT, line.projects.join(", "), &s.fixed)?;
        ws.write_with_format(row, BUDGET, line.budget.normalize(), &s.formula)?;
        ws.write_with_format(
            row,
            BUDGET_TO_DATE,
            line.budget_to_date.normalize(),
            &s.formula,
        )?;
        ws.write_with_format(row, ACTUAL, line.actual.normalize(), &s.formula)?;
        match line.previous {
            Some(p) => ws.write_with_format(row, PREVIOUS, p.normalize(), &s.formula)?,
            None => ws.write_blank(row, PREVIOUS, &s.formula)?,
        };
        ws.write_with_format(row, FORECAST, line.forecast.normalize(), &s.input_amount)?;
        let (b, f) = (plan::col(BUDGET), plan::col(FORECAST));
        ws.write_formula_with_format(
            row,
            DEVIATION,
            super::formula(
                &format!("={b}{excel}-{f}{excel}"),
                line.budget.saturating_sub(line.forecast),
            ),
            &s.formula,
        )?;
        match &line.comment {
            Some(c) => ws.write_string_with_format(row, COMMENT, c, &text_input)?,
            None => ws.write_blank(row, COMMENT, &text_input)?,
        };
    }
    let last = first + n.max(1) - 1;
    if n > 0 {
        let forecast = DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_input_title("Prognos helår, tkr")?
            .set_input_message(
                "Vad initiativet bedöms kosta för hela året, i tkr (t.ex. 1500). Lägst det som redan är bokfört i Utfall ack.",
            )?
            .set_error_title("Ogiltig prognos")?
            .set_error_message("Prognosen är ett tal i tkr, 0 eller mer (t.ex. 1500 eller 1500,5).")?;
        ws.add_data_validation(first, FORECAST, last, FORECAST, &forecast)?;
        let comment = DataValidation::new()
            .allow_any_value()
            .set_input_title("Kommentar")?
            .set_input_message(format!(
                "Krävs när prognosen avviker mer än {threshold} % från Budget helår: varför, och vad som händer med resten av budgeten."
            ))?;
        ws.add_data_validation(first, COMMENT, last, COMMENT, &comment)?;
        // A comment is needed: the deviation beyond the threshold and no comment.
        // The threshold's cell, absolute: `$B$9`.
        let t = format!("${}${}", plan::col(1), META_FIRST_ROW + 5 + 1);
        let (b, d, c) = (plan::col(BUDGET), plan::col(DEVIATION), plan::col(COMMENT));
        let e = first + 1;
        let needs = ConditionalFormatFormula::new()
            .set_rule(
                format!("=AND(ABS(${d}{e})>{t}/100*ABS(${b}{e}),LEN(TRIM(${c}{e}))=0)").as_str(),
            )
            .set_format(
                Format::new()
                    .set_background_color(Color::RGB(0xF4B183))
                    .set_font_color(Color::RGB(0x833C0B)),
            );
        ws.add_conditional_format(first, COMMENT, last, COMMENT, &needs)?;
        ws.add_conditional_format(first, DEVIATION, last, DEVIATION, &needs)?;
        // A forecast below what is already booked (the check warns about it too).
        let (g, a) = (plan::col(FORECAST), plan::col(ACTUAL));
        let below = ConditionalFormatFormula::new()
            .set_rule(format!("=${g}{e}<${a}{e}").as_str())
            .set_format(
                Format::new()
                    .set_background_color(Color::RGB(0xFFEB9C))
                    .set_font_color(Color::RGB(0x9C5700))
                    .set_bold(),
            );
        ws.add_conditional_format(first, FORECAST, last, FORECAST, &below)?;
        // An overspend (forecast above budget) in red, as in the follow-up workbook.
        let over = rust_xlsxwriter::ConditionalFormatCell::new()
            .set_rule(rust_xlsxwriter::ConditionalFormatCellRule::LessThan(0))
            .set_format(Format::new().set_font_color(Color::RGB(0xC00000)));
        ws.add_conditional_format(first, DEVIATION, last, DEVIATION, &over)?;
    }
    let total = first + n;
    ws.write_string_with_format(total, INITIATIVE, crate::labels::TOTAL_ROW, &s.total_label)?;
    ws.write_blank(total, PROJECT, &s.total_label)?;
    let sums: [(u16, Decimal); 6] = [
        (BUDGET, sum(spec.lines.iter().map(|x| x.budget))),
        (
            BUDGET_TO_DATE,
            sum(spec.lines.iter().map(|x| x.budget_to_date)),
        ),
        (ACTUAL, sum(spec.lines.iter().map(|x| x.actual))),
        (PREVIOUS, sum(spec.lines.iter().filter_map(|x| x.previous))),
        (FORECAST, sum(spec.lines.iter().map(|x| x.forecast))),
        (
            DEVIATION,
            sum(spec
                .lines
                .iter()
                .map(|x| x.budget.saturating_sub(x.forecast))),
        ),
    ];
    for (c, value) in sums {
        let text = if n == 0 {
            "=0".to_string()
        } else {
            format!("=SUM({})", super::range(c, first, last))
        };
        ws.write_formula_with_format(total, c, super::formula(&text, value), &s.total)?;
    }
    ws.write_blank(total, COMMENT, &s.total_label)?;
    ws.set_column_width(INITIATIVE, 44)?;
    ws.set_column_width(PROJECT, 12)?;
    for c in BUDGET..=DEVIATION {
        ws.set_column_width(c, 13)?;
    }
    ws.set_column_width(COMMENT, 48)?;
    ws.set_freeze_panes(h + 1, 1)?;
    super::page_setup(ws, h)?;
    ws.set_header(format!(
        "&L&\"-,Bold\"Prognos {} {}",
        spec.area,
        spec.period_text()
    ));
    ws.set_footer("&CSida &P av &N");
    plan::protect(ws);
    Ok(())
}

fn month(m: u8) -> &'static str {
    super::follow_up::MONTHS[usize::from(m.clamp(1, 12)) - 1]
}

fn sum(values: impl Iterator<Item = Decimal>) -> Decimal {
    crate::amount::total(values)
}

fn instructions(ws: &mut Worksheet, spec: &Spec, s: &Styles) -> Result<(), XlsxError> {
    let t = spec.threshold.normalize();
    let file = file_name(&spec.area, spec.budget_year, spec.period);
    let items: Vec<(String, String)> = vec![
        (
            "Vad är en prognos?".into(),
            format!(
                "Prognos helår är din bästa bedömning av vad varje initiativ kommer att kosta för hela {} – det som redan är bokfört plus det som återstår. Den jämförs med Budget helår (den beslutade budgeten) i månadsuppföljningen till ledningen. Alla belopp anges i tkr (tusentals kronor).",
                spec.budget_year
            ),
        ),
        (
            "Vad är redan ifyllt?".into(),
            format!(
                "De grå cellerna är låsta och hämtade från planen och ekonomisystemet: Budget helår, Budget ack (budgeten januari–{} fördelad per månad) och Utfall ack (bokförda kostnader januari–{}). Föregående prognos är den prognos området lämnade senast, när det finns en. Prognos helår är förifylld med föregående prognos, annars med budgeten.",
                month(spec.period),
                month(spec.period)
            ),
        ),
        (
            "Så fyller du i".into(),
            "Skriv prognosen för helåret i kolumnen Prognos helår, ett tal i tkr (t.ex. 1500 eller 1500,5), 0 eller mer. Den bör inte vara lägre än Utfall ack: det som redan är bokfört kostar det ändå. Avvikelse helår räknas ut som Budget helår − Prognos helår; ett negativt tal (rött) betyder att initiativet bedöms kosta mer än budgeten. Fyll också i Version, Ansvarig och Datum överst.".into(),
        ),
        (
            "När krävs en kommentar?".into(),
            format!(
                "När prognosen avviker mer än {t} % från Budget helår (åt något håll) ska du skriva en kommentar: varför prognosen avviker och vad som händer med resten av budgeten. Rader som behöver en kommentar men saknar en markeras i orange i kolumnerna Avvikelse helår och Kommentar. En prognos lägre än Utfall ack markeras i gult."
            ),
        ),
        (
            "Kontroll innan du skickar".into(),
            format!(
                "Kör budget-consolidator follow-up check \"{file}\". Verktyget kontrollerar att varje prognos är ett tal, inte negativ och inte lägre än bokfört utfall, att kommentarer finns där de krävs och att filen gäller rätt tjänsteområde och period. Varje fel anges med blad och cell, t.ex. Prognos › G12. Med --feedback MAPP får du en kopia av filen där cellerna med fel är markerade och förklarade."
            ),
        ),
        (
            "Skicka tillbaka".into(),
            "Spara filen med samma namn (som .xlsx) och skicka den till samordnaren. Rättar du en prognos du redan skickat: höj Version (t.ex. 1.0 → 1.1) så att den nyare används.".into(),
        ),
    ];
    let refs: Vec<(&str, &str)> = items
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let title = format!("Prognos för {} – period {}", spec.area, spec.period_text());
    plan::instructions_sheet(ws, &title, &refs, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_follow_the_plan_templates() {
        assert_eq!(
            file_name("Ledning och styrning", 2023, 4),
            "Ledning och styrning-prognos-2023-04.xlsx"
        );
        assert_eq!(
            file_name("IT/Digitalt", 2023, 11),
            "IT-Digitalt-prognos-2023-11.xlsx"
        );
        assert_eq!(file_name("CON", 2023, 1), "CON_-prognos-2023-01.xlsx");
    }
}
