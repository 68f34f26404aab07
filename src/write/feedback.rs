//! The annotated return copy (`--feedback DIR`): for an input workbook with
//! findings, `DIR/<name>-kontroll.xlsx` holds a `Kontroller` sheet listing the
//! findings with links to their cells, then a copy of the area's two sheets (values)
//! where each cell named by a finding is highlighted — red for an error, yellow for
//! a warning, blue for a note — and carries a cell note with the message.
//!
//! The original input is never opened for writing.

use super::{Styles, Widths};
use crate::finding::{Finding, Severity};
use crate::grid::{Grid, Value};
use crate::labels;
use crate::lang::Lang;
use crate::load::Loaded;
use crate::location::CellRef;
use rust_xlsxwriter::{Color, Format, Note, Url, Worksheet, XlsxError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const SUFFIX: &str = "-kontroll.xlsx";

/// `DIR/sub/HR-kontroll.xlsx` for the input `sub/HR.xlsx` (with `keep_folders`,
/// as `consolidate` names files relative to its input folder), else `DIR/HR-kontroll.xlsx`.
pub fn path_for(dir: &Path, file: &str, keep_folders: bool) -> PathBuf {
    let rel = Path::new(file);
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = rel.parent().filter(|p| {
        keep_folders && !p.as_os_str().is_empty() && !p.is_absolute() && !p.starts_with("..")
    });
    let name = format!("{stem}{SUFFIX}");
    match parent {
        Some(p) => dir.join(p).join(name),
        None => dir.join(name),
    }
}

fn fill(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::RGB(0xFFC7CE),
        Severity::Warning => Color::RGB(0xFFEB9C),
        Severity::Info => Color::RGB(0xDDEBF7),
    }
}

/// Builds the feedback copy of one file, given that file's findings.
pub fn build(loaded: &Loaded, findings: &[&Finding], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let grids: Vec<&Grid> = loaded
        .book
        .iter()
        .flat_map(|b| b.budget.iter().chain(b.plan.iter()))
        .collect();
    build_for(&loaded.file, &grids, findings, lang)
}

/// Builds the feedback copy of any workbook read as grids (a plan's two sheets, a
/// forecast workbook's `Prognos`), given that file's findings.
pub fn build_for(
    file: &str,
    grids: &[&Grid],
    findings: &[&Finding],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = super::workbook(&format!("Kontroll av {file}"))?;
    let s = Styles::new();
    checks(wb.add_worksheet(), file, findings, grids, lang, &s)?;
    for grid in grids {
        copy(wb.add_worksheet(), grid, findings, lang)?;
    }
    wb.save_to_buffer()
}

fn checks(
    ws: &mut Worksheet,
    file: &str,
    findings: &[&Finding],
    grids: &[&Grid],
    lang: Lang,
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(labels::OUT_CHECKS)?;
    ws.write_string_with_format(0, 0, format!("Kontroll av {file}"), &s.title)?;
    let count = |sev: Severity| findings.iter().filter(|f| f.severity == sev).count();
    let summary = format!(
        "{} fel, {} varningar, {} info. Markerade celler: röd = fel, gul = varning, blå = info. Håll muspekaren över en cell för att läsa förklaringen.",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    ws.write_string_with_format(1, 0, &summary, &s.subtitle)?;
    let header_row = 3;
    let headers = ["Allvarlighet", "Kod", "Blad", "Cell", "Meddelande"];
    let mut widths = Widths::new(&[12, 10, 16, 6, 60]);
    for (col, h) in (0u16..).zip(headers) {
        ws.write_string_with_format(header_row, col, h, &s.header)?;
    }
    let link = Format::new()
        .set_font_color(Color::RGB(0x0563C1))
        .set_underline(rust_xlsxwriter::FormatUnderline::Single);
    for (row, f) in (header_row + 1..).zip(findings) {
        let label = f.severity.label(lang);
        ws.write_string_with_format(
            row,
            0,
            label,
            &Format::new().set_background_color(fill(f.severity)),
        )?;
        ws.write_string(row, 1, f.code().as_str())?;
        let sheet = f.sheet.clone().unwrap_or_default();
        ws.write_string(row, 2, &sheet)?;
        let copied = grids.iter().any(|g| g.name == sheet);
        if let (Some(cell), true) = (f.cell, copied) {
            let url = Url::new(format!("internal:'{}'!{cell}", sheet.replace('\'', "''")))
                .set_text(cell.to_string());
            ws.write_url_with_format(row, 3, url, &link)?;
        } else if let Some(cell) = f.cell {
            ws.write_string(row, 3, cell.to_string())?;
        }
        let message = f.message(lang);
        // A message quoting a very long text is cut to what a cell holds.
        let message = crate::grid::excel_text(&message).to_string();
        ws.write_string(row, 4, &message)?;
        for (col, text) in [
            (0u16, label),
            (1, f.code().as_str()),
            (2, sheet.as_str()),
            (4, message.as_str()),
        ] {
            widths.see(col, text);
        }
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    super::page_setup(ws, header_row)?;
    widths.apply(ws, 100)?;
    Ok(())
}

fn copy(
    ws: &mut Worksheet,
    grid: &Grid,
    findings: &[&Finding],
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.set_name(&grid.name)?;
    // Findings per cell of this sheet: the worst severity and every message.
    let mut marked: BTreeMap<CellRef, (Severity, Vec<String>)> = BTreeMap::new();
    for f in findings
        .iter()
        .filter(|f| f.sheet.as_deref() == Some(grid.name.as_str()))
    {
        if let Some(cell) = f.cell {
            let entry = marked.entry(cell).or_insert((f.severity, Vec::new()));
            entry.0 = entry.0.min(f.severity);
            entry.1.push(format!(
                "{} ({}): {}",
                f.severity.label(lang),
                f.code().as_str(),
                f.message(lang)
            ));
        }
    }
    let plain = Format::new();
    let mut widths: BTreeMap<u16, usize> = BTreeMap::new();
    for cell in grid.cells() {
        let (Ok(row), Ok(col)) = (Ok::<u32, ()>(cell.at.row), u16::try_from(cell.at.col)) else {
            continue;
        };
        let format = match marked.get(&cell.at) {
            Some((severity, _)) => Format::new()
                .set_background_color(fill(*severity))
                .set_bold(),
            None => plain.clone(),
        };
        write_value(ws, row, col, &cell.value, &format)?;
        let len = cell
            .value
            .display()
            .chars()
            .count()
            .min(if col == 0 { 50 } else { 24 });
        let w = widths.entry(col).or_insert(8);
        *w = (*w).max(len);
    }
    for (at, (severity, messages)) in &marked {
        let Ok(col) = u16::try_from(at.col) else {
            continue;
        };
        if grid.cell(*at).is_none() {
            ws.write_blank(
                at.row,
                col,
                &Format::new().set_background_color(fill(*severity)),
            )?;
        }
        // A note holds 54 units less than a cell (rust_xlsxwriter's check).
        let text = messages.join("\n\n");
        let text = crate::grid::text_within(&text, crate::grid::EXCEL_TEXT_LIMIT - 54);
        let note = Note::new(text)
            .set_author("budget-consolidator")
            .add_author_prefix(false)
            .set_width(360)
            .set_height(120);
        ws.insert_note(at.row, col, &note)?;
    }
    for (col, width) in widths {
        ws.set_column_width(col, u32::try_from(width + 2).unwrap_or(12))?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: &Value,
    format: &Format,
) -> Result<(), XlsxError> {
    match value {
        Value::Empty => ws.write_blank(row, col, format),
        Value::Number(d) => ws.write_with_format(row, col, d.normalize(), format),
        Value::Bool(b) => ws.write_boolean_with_format(row, col, *b, format),
        Value::HugeNumber(t) | Value::Text(t) | Value::Date(t) | Value::Error(t) => {
            ws.write_string_with_format(row, col, t, format)
        }
    }
    .map(|_| ())
}

/// Writes a feedback copy for every file with findings; returns the paths written.
pub fn write_all(
    dir: &Path,
    files: &[Loaded],
    findings: &[Finding],
    lang: Lang,
    keep_folders: bool,
) -> Result<Vec<PathBuf>, (PathBuf, String)> {
    let mut written = Vec::new();
    for loaded in files {
        let mine: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.file.as_deref() == Some(loaded.file.as_str()))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let dest = path_for(dir, &loaded.file, keep_folders);
        let bytes = build(loaded, &mine, lang).map_err(|e| (dest.clone(), e.to_string()))?;
        super::save_atomically(&bytes, &dest).map_err(|e| (dest.clone(), e.to_string()))?;
        written.push(dest);
    }
    Ok(written)
}
