//! The annotated return copy (`--feedback DIR`): for an input workbook with
//! findings, `DIR/<name>-kontroll.xlsx` holds a `Kontroller` sheet listing the
//! findings with links to their cells, then a copy of the area's two sheets (and
//! of its version table, when it has one; values) where each cell named by a
//! finding is highlighted — red for an error, yellow for a warning, blue for a
//! note — and carries a cell note with the message.
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
    named(dir, file, keep_folders, "")
}

/// The copy's path with `tag` after the stem (`HR` + `-ods` → `HR-ods-kontroll.xlsx`).
fn named(dir: &Path, file: &str, keep_folders: bool, tag: &str) -> PathBuf {
    let rel = Path::new(file);
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = rel.parent().filter(|p| {
        keep_folders && !p.as_os_str().is_empty() && !p.is_absolute() && !p.starts_with("..")
    });
    let name = format!("{stem}{tag}{SUFFIX}");
    match parent {
        Some(p) => dir.join(p).join(name),
        None => dir.join(name),
    }
}

/// The copies' paths for `files`, one each and never one for two: `HR-kontroll.xlsx`;
/// where two inputs would share a copy (`HR.xlsx` and `HR.ods`, or `a/HR.xlsx` and
/// `b/HR.xlsx` given to `check`), each keeps its extension (`HR-xlsx-kontroll.xlsx`,
/// `HR-ods-kontroll.xlsx`), and should they still clash, the later ones in input
/// order get a number (`HR-xlsx-2-kontroll.xlsx`). Names are compared ignoring
/// case, as Windows and macOS folders do. Names depend only on the input names,
/// not on which files have findings.
pub fn paths_for(dir: &Path, files: &[&str], keep_folders: bool) -> Vec<PathBuf> {
    use std::collections::{HashMap, HashSet};
    let key = |p: &Path| p.to_string_lossy().to_lowercase();
    let plain: Vec<PathBuf> = files
        .iter()
        .map(|f| path_for(dir, f, keep_folders))
        .collect();
    let mut count: HashMap<String, usize> = HashMap::new();
    for p in &plain {
        *count.entry(key(p)).or_default() += 1;
    }
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(files.len());
    for (file, p) in files.iter().zip(plain) {
        let tag = if count[&key(&p)] > 1 {
            let extension = Path::new(file)
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!("-{extension}")
        } else {
            String::new()
        };
        let mut chosen = named(dir, file, keep_folders, &tag);
        let mut n = 1;
        while !taken.insert(key(&chosen)) {
            n += 1;
            chosen = named(dir, file, keep_folders, &format!("{tag}-{n}"));
        }
        out.push(chosen);
    }
    out
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
    let mut wb = super::workbook(&format!("Kontroll av {}", loaded.file))?;
    let s = Styles::new();
    let grids: Vec<&Grid> = loaded
        .book
        .iter()
        .flat_map(|b| {
            b.budget
                .iter()
                .chain(b.plan.iter())
                .chain(b.versions.iter())
        })
        .collect();
    checks(wb.add_worksheet(), loaded, findings, &grids, lang, &s)?;
    for grid in grids {
        copy(wb.add_worksheet(), grid, findings, lang)?;
    }
    wb.save_to_buffer()
}

fn checks(
    ws: &mut Worksheet,
    loaded: &Loaded,
    findings: &[&Finding],
    grids: &[&Grid],
    lang: Lang,
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(labels::OUT_CHECKS)?;
    ws.write_string_with_format(0, 0, format!("Kontroll av {}", loaded.file), &s.title)?;
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
    let names: Vec<&str> = files.iter().map(|f| f.file.as_str()).collect();
    for (loaded, dest) in files.iter().zip(paths_for(dir, &names, keep_folders)) {
        let mine: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.file.as_deref() == Some(loaded.file.as_str()))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let bytes = build(loaded, &mine, lang).map_err(|e| (dest.clone(), e.to_string()))?;
        super::save_atomically(&bytes, &dest).map_err(|e| (dest.clone(), e.to_string()))?;
        written.push(dest);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_copy_per_input_even_with_one_stem() {
        let dir = Path::new("fb");
        let got = paths_for(
            dir,
            &[
                "HR.xlsx",
                "HR.ods",
                "hr.XLSX",
                "a/IT.xlsx",
                "b/IT.xlsx",
                "Ekonomi.xlsx",
            ],
            false,
        );
        let names: Vec<String> = got.iter().map(|p| p.display().to_string()).collect();
        assert_eq!(
            names,
            [
                "fb/HR-xlsx-kontroll.xlsx",
                "fb/HR-ods-kontroll.xlsx",
                "fb/hr-XLSX-2-kontroll.xlsx",
                "fb/IT-xlsx-kontroll.xlsx",
                "fb/IT-xlsx-2-kontroll.xlsx",
                "fb/Ekonomi-kontroll.xlsx",
            ]
        );
        // With folders kept, inputs in two folders do not clash.
        let kept = paths_for(dir, &["a/IT.xlsx", "b/IT.xlsx"], true);
        assert_eq!(
            kept,
            [
                dir.join("a/IT-kontroll.xlsx"),
                dir.join("b/IT-kontroll.xlsx")
            ]
        );
    }
}
