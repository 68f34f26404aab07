//! The annotated return copy (`--feedback DIR`): for an input workbook with
//! findings, `DIR/<name>-kontroll.xlsx` holds a `Kontroller` sheet listing the
//! findings with links to their cells, then a copy of the area's two sheets (and
//! of its version table, when it has one; values) where each cell named by a finding
//! is highlighted — red for an error, orange for a warning, purple for a note (never
//! the template's light yellow, which means "fill in") — and carries a cell note with
//! the message. The copy looks like the lead's file: the template's headers (wrapped),
//! column widths and number format, and empty template rows left empty rather than
//! shown as zeros.
//!
//! The original input is never opened for writing.

use super::checks::{RowFormats, fit_row};
use super::{Styles, Widths};
use crate::finding::{Finding, Severity};
use crate::grid::{Grid, Value};
use crate::labels;
use crate::lang::Lang;
use crate::load::Loaded;
use crate::location::{CellRef, on_sheet};
use rust_xlsxwriter::{Color, Format, Note, Url, Worksheet, XlsxError};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The `Kontroller` sheet's message column, in characters; longer messages wrap.
const MESSAGE_WIDTH: usize = 90;

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
    let name = format!("{stem}{tag}{}", labels::FEEDBACK_SUFFIX);
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

/// The highlight palette, said in the `Kontroller` sheet's legend. None of them is
/// the template's input colour (light yellow).
fn fill(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::RGB(0xFFC7CE),
        Severity::Warning => Color::RGB(0xF8CBAD),
        Severity::Info => Color::RGB(0xE4DFEC),
    }
}

/// The text colour on a highlight, dark enough to read on it.
fn ink(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::RGB(0x9C0006),
        Severity::Warning => Color::RGB(0x843C0C),
        Severity::Info => Color::RGB(0x3F3151),
    }
}

/// Where a copied sheet's table is, found as the reader finds it, so that the copy
/// can be laid out as the template is.
struct Look {
    header_row: u32,
    text_col: u32,
    amount_cols: Vec<u32>,
    /// Column widths as the template sets them.
    widths: Vec<(u32, u32)>,
    header_height: u32,
    /// Columns whose cells are centred (`Påverkan`, beside the last amount).
    centred: Vec<u32>,
}

impl Look {
    fn budget(grid: &Grid) -> Option<Look> {
        let l = crate::locate::budget_header(grid).ok()?;
        Some(Look {
            header_row: l.header_row,
            text_col: l.text,
            amount_cols: vec![l.new, l.existing, l.amount],
            widths: vec![(l.text, 50), (l.new, 14), (l.existing, 22), (l.amount, 14)],
            header_height: 45,
            centred: Vec::new(),
        })
    }

    fn plan(grid: &Grid) -> Option<Look> {
        let l = crate::locate::plan_header(grid).ok()?;
        let amount_cols: Vec<u32> = l
            .development
            .iter()
            .chain(&l.maintenance)
            .copied()
            .collect();
        let mut widths: Vec<(u32, u32)> = vec![(l.initiative, 50)];
        widths.extend(amount_cols.iter().map(|c| (*c, 17)));
        widths.extend(l.impact.map(|c| (c, 11)));
        Some(Look {
            header_row: l.header_row,
            text_col: l.initiative,
            amount_cols,
            widths,
            header_height: 32,
            centred: l.impact.into_iter().collect(),
        })
    }
}

/// Builds the feedback copy of one file, given that file's findings.
pub fn build(loaded: &Loaded, findings: &[&Finding], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let grids: Vec<(&Grid, Option<Look>)> = loaded
        .book
        .iter()
        .flat_map(|b| {
            let budget = b.budget.iter().map(|g| (g, Look::budget(g)));
            budget
                .chain(b.plan.iter().map(|g| (g, Look::plan(g))))
                .chain(b.versions.iter().map(|g| (g, None)))
        })
        .collect();
    build_with(&loaded.file, &grids, findings, lang)
}

/// Builds the feedback copy of any workbook read as grids (a forecast workbook's
/// `Prognos`), given that file's findings: values as read, no template look.
pub fn build_for(
    file: &str,
    grids: &[&Grid],
    findings: &[&Finding],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let plain: Vec<(&Grid, Option<Look>)> = grids.iter().map(|g| (*g, None)).collect();
    build_with(file, &plain, findings, lang)
}

/// The copy: `Kontroller`, then each grid with the look of its template when known.
fn build_with(
    file: &str,
    grids: &[(&Grid, Option<Look>)],
    findings: &[&Finding],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = super::workbook(&labels::feedback_title(file))?;
    let s = Styles::new();
    let names: Vec<&Grid> = grids.iter().map(|(g, _)| *g).collect();
    checks(wb.add_worksheet(), file, findings, &names, lang, &s)?;
    for (grid, look) in grids {
        copy(wb.add_worksheet(), grid, look.as_ref(), findings, lang, &s)?;
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
    ws.write_string_with_format(0, 0, labels::feedback_title(file), &s.title)?;
    let count = |sev: Severity| findings.iter().filter(|f| f.severity == sev).count();
    let summary = labels::feedback_summary(
        lang,
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    ws.write_string_with_format(1, 0, &summary, &s.subtitle)?;
    // The legend: one cell in each colour.
    for (col, severity) in (0u16..).zip([Severity::Error, Severity::Warning, Severity::Info]) {
        let format = Format::new()
            .set_background_color(fill(severity))
            .set_font_color(ink(severity))
            .set_bold();
        ws.write_string_with_format(2, col, severity.label(lang), &format)?;
    }
    let header_row = 3;
    let mut widths = Widths::new(&[12, 10, 16, 6]);
    for (col, h) in (0u16..).zip(labels::FEEDBACK_HEADERS) {
        ws.write_string_with_format(header_row, col, h, &s.header)?;
    }
    let formats = RowFormats::new(s);
    for (row, f) in (header_row + 1..).zip(findings) {
        finding_row(ws, row, f, grids, lang, &formats, &mut widths)?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    super::page_setup(ws, header_row)?;
    widths.apply(ws, 100)?;
    ws.set_column_width(4, u32::try_from(MESSAGE_WIDTH).unwrap_or(90))?;
    Ok(())
}

/// One finding's row of `Kontroller`: severity, code, sheet, the cell (a link
/// when its sheet is copied) and the message.
fn finding_row(
    ws: &mut Worksheet,
    row: u32,
    f: &Finding,
    grids: &[&Grid],
    lang: Lang,
    formats: &RowFormats,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    let RowFormats {
        top, link, wrap, ..
    } = formats;
    let label = f.severity.label(lang);
    ws.write_string_with_format(
        row,
        0,
        label,
        &top.clone()
            .set_background_color(fill(f.severity))
            .set_font_color(ink(f.severity)),
    )?;
    ws.write_string_with_format(row, 1, f.code().as_str(), top)?;
    let sheet = f.sheet.clone().unwrap_or_default();
    ws.write_string_with_format(row, 2, &sheet, top)?;
    let copied = grids.iter().any(|g| g.name == sheet);
    if let (Some(cell), true) = (f.cell, copied) {
        let url =
            Url::new(format!("internal:{}", on_sheet(&sheet, cell))).set_text(cell.to_string());
        ws.write_url_with_format(row, 3, url, link)?;
    } else if let Some(cell) = f.cell {
        ws.write_string_with_format(row, 3, cell.to_string(), top)?;
    }
    let message = f.message(lang);
    // A message quoting a very long text is cut to what a cell holds.
    let message = crate::grid::excel_text(&message).to_string();
    // A long message wraps in a readable column instead of widening the page.
    ws.write_string_with_format(row, 4, &message, wrap)?;
    fit_row(ws, row, &message, MESSAGE_WIDTH)?;
    for (col, text) in [(0u16, label), (1, f.code().as_str()), (2, sheet.as_str())] {
        widths.see(col, text);
    }
    Ok(())
}

/// Findings per cell of one sheet: the worst severity and every message.
type Marked = BTreeMap<CellRef, (Severity, Vec<String>)>;

fn copy(
    ws: &mut Worksheet,
    grid: &Grid,
    look: Option<&Look>,
    findings: &[&Finding],
    lang: Lang,
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(&grid.name)?;
    let marked = marked(grid, findings, lang);
    let follows = follows(grid, findings, &marked, lang);
    let total_row = look.and_then(|l| total_row(grid, l));
    let empty = look
        .map(|l| empty_rows(grid, l, total_row))
        .unwrap_or_default();
    let cells = CopyFormats {
        look,
        total_row,
        marked: &marked,
        s,
    };
    let widths = copy_cells(ws, grid, &cells, &empty, lang)?;
    for (at, (_, messages)) in &marked {
        let Ok(col) = u16::try_from(at.col) else {
            continue;
        };
        if grid.cell(*at).is_none() || empty.contains(&at.row) {
            ws.write_blank(at.row, col, &cells.format(*at))?;
        }
        // A note holds 54 units less than a cell (rust_xlsxwriter's check).
        let text = messages.join("\n\n");
        let text = crate::grid::text_within(&text, crate::grid::EXCEL_TEXT_LIMIT - 54);
        ws.insert_note(at.row, col, &note(text, 360, 120))?;
    }
    for (at, text) in &follows {
        let Ok(col) = u16::try_from(at.col) else {
            continue;
        };
        ws.insert_note(at.row, col, &note(text, 300, 60))?;
    }
    for (col, width) in widths {
        ws.set_column_width(col, u32::try_from(width + 2).unwrap_or(12))?;
    }
    copy_layout(ws, look)
}

/// A cell note of ours, of the given size.
fn note(text: &str, width: u32, height: u32) -> Note {
    Note::new(text)
        .set_author("budget-consolidator")
        .add_author_prefix(false)
        .set_width(width)
        .set_height(height)
}

/// The findings on cells of `grid`, per cell.
fn marked(grid: &Grid, findings: &[&Finding], lang: Lang) -> Marked {
    let mut marked = Marked::new();
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
    marked
}

/// Cells that go wrong only because of another finding's cell get a note naming
/// that cell, and no colour of their own: the colour marks what to fix.
fn follows(
    grid: &Grid,
    findings: &[&Finding],
    marked: &Marked,
    lang: Lang,
) -> BTreeMap<CellRef, String> {
    let mut follows: BTreeMap<CellRef, String> = BTreeMap::new();
    for f in findings {
        let shows = match &f.kind {
            crate::finding::Kind::TextBreaksFormula { shows, .. }
            | crate::finding::Kind::InvalidBreaksFormula { shows, .. } => shows,
            _ => continue,
        };
        for c in shows {
            let on = c.sheet.as_deref().or(f.sheet.as_deref());
            if on != Some(grid.name.as_str()) || marked.contains_key(&c.cell) {
                continue;
            }
            let root = match (&f.sheet, f.cell) {
                (Some(sheet), Some(cell)) if c.sheet.is_some() => format!("{sheet} › {cell}"),
                (_, Some(cell)) => cell.to_string(),
                _ => continue,
            };
            follows
                .entry(c.cell)
                .or_insert_with(|| labels::feedback_follows(lang, &root));
        }
    }
    follows
}

/// The table's `Summa` row, below the header.
fn total_row(grid: &Grid, l: &Look) -> Option<u32> {
    grid.rows()
        .filter(|(r, _)| *r > l.header_row)
        .find(|(_, cells)| crate::parse::is_total_row_in(cells, l.text_col))
        .map(|(r, _)| r)
}

/// The table's empty template rows (no text, every amount blank or 0), between
/// the header and the `Summa` row: they stay empty.
fn empty_rows(grid: &Grid, l: &Look, total_row: Option<u32>) -> BTreeSet<u32> {
    grid.rows()
        .filter(|(r, _)| *r > l.header_row && total_row.is_none_or(|t| *r < t))
        .filter(|(_, cells)| {
            cells.iter().all(|c| match &c.value {
                Value::Empty => true,
                Value::Number(d) => d.is_zero(),
                Value::Text(t) => t.trim().is_empty(),
                _ => false,
            })
        })
        .map(|(r, _)| r)
        .collect()
}

/// What decides a copied cell's format: the template's look, where the `Summa`
/// row is, and the findings' highlights.
struct CopyFormats<'a> {
    look: Option<&'a Look>,
    total_row: Option<u32>,
    marked: &'a Marked,
    s: &'a Styles,
}

impl CopyFormats<'_> {
    fn format(&self, at: CellRef) -> Format {
        let s = self.s;
        let mut format = Format::new();
        if let Some(l) = self.look {
            let amount = l.amount_cols.contains(&at.col) && at.row > l.header_row;
            if at.row == l.header_row {
                format = if l.amount_cols.contains(&at.col) {
                    s.header_amount.clone()
                } else {
                    s.header.clone()
                };
            } else if Some(at.row) == self.total_row {
                format = if amount {
                    s.total_amount.clone()
                } else {
                    s.total_label.clone()
                };
            } else if amount {
                format = s.amount.clone();
            }
            if l.centred.contains(&at.col) && at.row >= l.header_row {
                format = format.set_align(rust_xlsxwriter::FormatAlign::Center);
            }
            // The metadata labels above the table, bold as in the template.
            if at.col == l.text_col && at.row > 1 && at.row < l.header_row {
                format = format.set_bold();
            }
        }
        if at.row == 0 {
            format = s.title.clone();
        }
        match self.marked.get(&at) {
            Some((severity, _)) => format
                .set_background_color(fill(*severity))
                .set_font_color(ink(*severity))
                .set_bold(),
            None => format,
        }
    }
}

/// Writes the grid's cells but those of `empty` rows; returns the width each
/// column's content asks for, in characters.
fn copy_cells(
    ws: &mut Worksheet,
    grid: &Grid,
    cells: &CopyFormats<'_>,
    empty: &BTreeSet<u32>,
    lang: Lang,
) -> Result<BTreeMap<u16, usize>, XlsxError> {
    let mut widths: BTreeMap<u16, usize> = BTreeMap::new();
    for cell in grid.cells() {
        let (Ok(row), Ok(col)) = (Ok::<u32, ()>(cell.at.row), u16::try_from(cell.at.col)) else {
            continue;
        };
        if empty.contains(&row) {
            continue;
        }
        match &cell.value {
            // An error value as the lead's Excel shows it (#VÄRDEFEL! in Swedish),
            // to the right as a number would be.
            Value::Error(e) => ws
                .write_string_with_format(
                    row,
                    col,
                    crate::finding::excel_error(e, lang),
                    &cells
                        .format(cell.at)
                        .set_align(rust_xlsxwriter::FormatAlign::Right),
                )
                .map(|_| ())?,
            value => write_value(ws, row, col, value, &cells.format(cell.at))?,
        }
        // The title and notes above the table may run over; they set no width.
        if cells.look.is_some_and(|l| row < l.header_row) {
            continue;
        }
        let len = cell
            .value
            .display()
            .chars()
            .count()
            .min(if col == 0 { 50 } else { 24 });
        let w = widths.entry(col).or_insert(8);
        *w = (*w).max(len);
    }
    Ok(widths)
}

/// The copy's template widths, frozen header and print set-up (A4 landscape,
/// one page wide, without a known look).
fn copy_layout(ws: &mut Worksheet, look: Option<&Look>) -> Result<(), XlsxError> {
    if let Some(l) = look {
        for &(col, width) in &l.widths {
            if let Ok(col) = u16::try_from(col) {
                ws.set_column_width(col, width)?;
            }
        }
        ws.set_row_height(l.header_row, l.header_height)?;
        ws.set_freeze_panes(l.header_row + 1, 0)?;
        super::page_setup(ws, l.header_row)?;
        if l.amount_cols.len() <= 3 {
            // Budgetfördelning, upright as in the template.
            ws.set_portrait();
        }
    } else {
        super::landscape_one_page_wide(ws);
    }
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
