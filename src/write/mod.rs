//! Stage 7: `write`. The only module that touches rust_xlsxwriter: the consolidated
//! workbook, one file per output sheet. Totals are live formulas with their
//! computed `Decimal` values stored as cached results, so a viewer that never
//! recalculates shows the right numbers.
//!
//! The file is written to a temporary file in the output folder and renamed into
//! place; document dates are fixed, so identical inputs give identical bytes.

mod changes;
mod checks;
pub mod feedback;
pub mod follow_up;
mod follow_up_checks;
mod follow_up_initiatives;
mod follow_up_months;
mod follow_up_sources;
mod follow_up_summary;
mod follow_up_unmapped;
pub mod forecast_template;
mod initiatives;
mod sources;
pub mod submissions;
mod summary;
pub mod template;
mod years;

/// The column of `Källor` that holds each file's SHA-256 (read back by `verify`).
pub(crate) use sources::HASH as SOURCES_HASH_COLUMN;

mod atomic;
pub use atomic::{save_atomically, save_atomically_with};

use crate::consolidate::Consolidation;
use crate::finding::Finding;
use crate::lang::Lang;
use crate::load::Loaded;
use crate::location::{CellRef, on_sheet};
use crate::model::AreaPlan;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Formula, Workbook, Worksheet,
    XlsxError,
};
use std::path::{Path, PathBuf};

/// What the workbook shows, besides the consolidation itself.
#[derive(Debug)]
pub struct Contents<'a> {
    pub consolidation: &'a Consolidation<'a>,
    pub files: &'a [Loaded],
    /// Every finding of the run, in report order.
    pub findings: &'a [Finding],
    /// `--partial` with errors: the banner's lines (which areas are missing and why).
    pub banner: Vec<String>,
    pub lang: Lang,
    /// Who has sent what, for the `Inlämningar` sheet.
    pub round: Option<&'a crate::rounds::Round>,
    /// What repeating the run needs, for `Källor`; its input folder (relative to the
    /// workbook's) is also where the links to source cells point.
    pub run: &'a crate::provenance::RunRecord,
    /// `--previous`: the changes since the earlier consolidation, for `Ändringar`.
    pub changes: Option<&'a [crate::changes::AreaChanges]>,
}

/// `<out>/konsoliderad-budget-<budgetår>.xlsx`.
pub fn output_path(out_dir: &Path, budget_year: Option<i32>) -> PathBuf {
    out_dir.join(crate::labels::consolidated_file_name(budget_year))
}

/// The consolidated workbook's deflate level (see [`Output::new`]); the benchmark's
/// floor writer uses the same, so the comparison is like for like.
pub const COMPRESSION_LEVEL: u8 = 2;

/// Buffer size for writing the saved workbook and copying it while the table is
/// widened: one system call per MiB instead of per 8 KiB (about 8 ms fewer for a
/// 14 MB workbook, and the save cannot overlap with reading).
const IO_BUFFER: usize = 1 << 20;

/// Index of the streamed `Initiativ` sheet; the sheets are created in their final
/// order when the workbook is, and filled in when their content is known.
const INITIATIVES: usize = 3;

/// The consolidated workbook while it is being built. The `Initiativ` sheet is
/// streamed, area by area, as files are read ([`Output::push_area`]); the other
/// sheets are written by [`Output::finish`] once the run is decided. The same
/// sequence of calls always gives the same bytes.
pub struct Output {
    wb: Workbook,
    styles: Styles,
    initiatives: initiatives::InitiativeSheet,
    years: Vec<i32>,
    /// (file, area) of every area pushed, in order.
    pushed: Vec<(String, String)>,
    /// Per file pushed, the range of its rows in `Initiativ` (`A5:Q9`).
    rows: std::collections::HashMap<String, String>,
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Output")
            .field("years", &self.years)
            .field("pushed", &self.pushed)
            .finish()
    }
}

impl Output {
    /// `base`: the input folder as seen from the workbook's folder (`../input`),
    /// where the links to source cells point.
    pub fn new(years: &[i32], base: &str) -> Result<Output, XlsxError> {
        let mut wb = workbook(crate::labels::OUT_SUMMARY_TITLE)?;
        // Deflate level 2 instead of the default 6: saving a 150 000-row workbook
        // takes 0.17 s instead of 0.9 s (it cannot overlap with reading) for a file
        // about a quarter larger; a city's workbook stays tens of KB either way.
        wb.set_zip_compression_level(COMPRESSION_LEVEL);
        let styles = Styles::new();
        for _ in 0..INITIATIVES {
            wb.add_worksheet();
        }
        let ws = wb.add_worksheet_with_constant_memory()?;
        let initiatives = initiatives::InitiativeSheet::start(ws, years, base, &styles)?;
        wb.add_worksheet();
        wb.add_worksheet();
        wb.add_worksheet(); // Inlämningar
        Ok(Output {
            wb,
            styles,
            initiatives,
            years: years.to_vec(),
            pushed: Vec::new(),
            rows: std::collections::HashMap::new(),
        })
    }

    pub fn years(&self) -> &[i32] {
        &self.years
    }

    /// The (file, area) pairs pushed so far, in order.
    pub fn pushed(&self) -> &[(String, String)] {
        &self.pushed
    }

    /// Appends one included area's initiatives to the `Initiativ` sheet.
    pub fn push_area(&mut self, area: &str, file: &str, plan: &AreaPlan) -> Result<(), XlsxError> {
        let lines =
            crate::consolidate::area_lines(area, &plan.meta.version, file, plan, &self.years);
        let ws = self.wb.worksheet_from_index(INITIATIVES)?;
        let first = self.initiatives.rows() + 1;
        self.initiatives.push(ws, &lines)?;
        if !lines.is_empty() {
            let range = format!(
                "A{}:{}{}",
                first + 1,
                self.initiatives.last_column(),
                self.initiatives.rows() + 1
            );
            self.rows.insert(file.to_string(), range);
        }
        self.pushed.push((file.to_string(), area.to_string()));
        Ok(())
    }

    /// Writes the other sheets and saves the workbook atomically at `dest`. With
    /// `threads` above 1, the sheets with one row per area are written two at a time
    /// and the workbook is freed on a thread of its own; with 1, all on this thread.
    pub fn finish(
        self,
        contents: &Contents<'_>,
        dest: &Path,
        threads: usize,
    ) -> Result<(), String> {
        let Output {
            mut wb,
            styles,
            mut initiatives,
            rows,
            ..
        } = self;
        let s = &styles;
        if contents.changes.is_some() {
            wb.add_worksheet();
        }
        let [
            summary_ws,
            development_ws,
            maintenance_ws,
            initiatives_ws,
            checks_ws,
            sources_ws,
            submissions_ws,
            changes_ws @ ..,
        ] = wb.worksheets_mut().as_mut_slice()
        else {
            return Err("internal: the workbook does not have its seven sheets".into());
        };
        if let (Some(list), [ws]) = (contents.changes, changes_ws) {
            changes::write(ws, list, contents.lang, s).map_err(|e| e.to_string())?;
        }
        let per_area = [summary_ws, development_ws, maintenance_ws, sources_ws];
        per_area_sheets(per_area, contents, s, &rows, threads)
            .and_then(|()| initiatives.finish(initiatives_ws))
            .and_then(|()| checks::write(checks_ws, contents, s))
            .and_then(|()| match contents.round {
                Some(round) => submissions::write(submissions_ws, round, s, contents.lang),
                None => submissions_ws.set_name(submissions::SHEET).map(|_| ()),
            })
            .map_err(|e| e.to_string())?;
        let budget_year = contents.consolidation.budget_year;
        for ws in wb.worksheets_mut() {
            print_header_footer(ws, budget_year);
        }
        save(wb, dest, initiatives.range(), threads)
    }
}

/// `Sammanställning`, `Utveckling per år`, `Vidmakthållande` and `Källor`, the
/// sheets with one row per area. They are independent of each other: with
/// `threads` above 1, two are written on a second thread while this one writes
/// the other two (each sheet keeps its own formats, so the bytes do not depend on
/// which finishes first).
fn per_area_sheets(
    [summary_ws, development_ws, maintenance_ws, sources_ws]: [&mut Worksheet; 4],
    contents: &Contents<'_>,
    s: &Styles,
    rows: &std::collections::HashMap<String, String>,
    threads: usize,
) -> Result<(), XlsxError> {
    let mut summary_and_sources = move || {
        (
            summary::write(summary_ws, contents, s, rows),
            sources::write(sources_ws, contents, s),
        )
    };
    let mut per_year = move || {
        (
            years::write(development_ws, contents, s, years::Which::Development),
            years::write(maintenance_ws, contents, s, years::Which::Maintenance),
        )
    };
    let ((summary, sources), (development, maintenance)) = if threads > 1 {
        std::thread::scope(|scope| {
            let other = scope.spawn(summary_and_sources);
            let here = per_year();
            let other = other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (other, here)
        })
    } else {
        (summary_and_sources(), per_year())
    };
    summary.and(development).and(maintenance).and(sources)
}

/// Saves the workbook atomically at `dest`, the `Initiativ` table's range widened
/// from the declared to the actual one (`range`).
fn save(
    mut wb: Workbook,
    dest: &Path,
    range: (String, String),
    threads: usize,
) -> Result<(), String> {
    let (declared, actual) = range;
    save_atomically_with(dest, move |tmp| {
        let raw = tmp.with_extension("raw");
        let saved = std::fs::File::create(&raw)
            .map_err(XlsxError::from)
            .and_then(|f| {
                let mut w = std::io::BufWriter::with_capacity(IO_BUFFER, f);
                wb.save_to_writer(&mut w)?;
                std::io::Write::flush(&mut w)?;
                Ok(())
            })
            .map_err(|e| e.to_string());
        // Freeing the sheets' cells and closing the streamed sheet's temporary
        // file (the kernel frees its ~100 MB then) takes tens of milliseconds for
        // thousands of areas. With a second thread to spare, it runs while the
        // table is widened and the file renamed, and nothing waits for it.
        if threads > 1 {
            std::thread::spawn(move || drop(wb));
        } else {
            drop(wb);
        }
        let widened = saved
            .and_then(|()| widen_table(&raw, tmp, &declared, &actual).map_err(|e| e.to_string()));
        let _ = std::fs::remove_file(&raw);
        widened
    })
}

/// Copies the saved workbook `from` to `to`, with the `Initiativ` table's range
/// (`ref` and its autofilter's) changed from `declared` to `actual`. Every other
/// part is copied as compressed, byte for byte.
fn widen_table(from: &Path, to: &Path, declared: &str, actual: &str) -> Result<(), String> {
    use std::io::{Read, Write};
    let part = "xl/tables/table1.xml";
    let mut zin = zip::ZipArchive::new(std::io::BufReader::with_capacity(
        IO_BUFFER,
        std::fs::File::open(from).map_err(|e| e.to_string())?,
    ))
    .map_err(|e| e.to_string())?;
    let out = std::fs::File::create(to).map_err(|e| e.to_string())?;
    let mut zout = zip::ZipWriter::new(std::io::BufWriter::with_capacity(IO_BUFFER, out));
    let mut widened = false;
    for i in 0..zin.len() {
        let name = zin
            .by_index_raw(i)
            .map_err(|e| e.to_string())?
            .name()
            .map(|n| n.to_string())
            .map_err(|e| e.to_string())?;
        if name == part {
            let mut xml = String::new();
            zin.by_index(i)
                .map_err(|e| e.to_string())?
                .read_to_string(&mut xml)
                .map_err(|e| e.to_string())?;
            let from_ref = format!("ref=\"{declared}\"");
            widened = xml.matches(&from_ref).count() == 2;
            let xml = xml.replace(&from_ref, &format!("ref=\"{actual}\""));
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .last_modified_time(zip::DateTime::default());
            zout.start_file(name, options).map_err(|e| e.to_string())?;
            zout.write_all(xml.as_bytes()).map_err(|e| e.to_string())?;
        } else {
            zout.raw_copy_file(zin.by_index_raw(i).map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
        }
    }
    zout.finish()
        .map_err(|e| e.to_string())?
        .flush()
        .map_err(|e| e.to_string())?;
    if !widened {
        return Err(format!(
            "internal: the table range {declared} was not found in {part}"
        ));
    }
    Ok(())
}

/// A new workbook with our document properties and a fixed creation date, so that
/// identical content gives identical bytes (the default date is "now").
pub(crate) fn workbook(title: &str) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2023, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("budget-consolidator")
            .set_creation_datetime(&created),
    );
    Ok(wb)
}

/// The formats every sheet shares.
pub(crate) struct Styles {
    pub title: Format,
    pub subtitle: Format,
    pub header: Format,
    pub header_amount: Format,
    pub text: Format,
    pub amount: Format,
    pub total_label: Format,
    pub total_amount: Format,
    pub banner: Format,
    pub error: Format,
    pub warning: Format,
    /// A label beside its value (the `Körning` block).
    pub label: Format,
    /// Text of several lines, wrapped and top-aligned (a configuration's text).
    pub lines: Format,
    /// Centred text (the `Version` column).
    pub centred: Format,
    /// The `Påverkan` column of `Initiativ`: set apart by a rule on its left.
    pub impact: Format,
    /// A note below a table (how to read a sign), small and grey.
    pub note: Format,
    /// The label of a block of figures below a table (`Totalram och avvikelse`).
    pub block_title: Format,
}

pub(crate) const TKR: &str = "#,##0";

impl Styles {
    pub(crate) fn new() -> Self {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDE6F0))
            .set_border_bottom(FormatBorder::Thin)
            .set_text_wrap();
        let total = Format::new()
            .set_bold()
            .set_border_top(FormatBorder::Thin)
            .set_border_bottom(FormatBorder::Double);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x595959)),
            header_amount: header
                .clone()
                .set_align(rust_xlsxwriter::FormatAlign::Right),
            header,
            text: Format::new(),
            amount: Format::new().set_num_format(TKR),
            total_label: total.clone(),
            total_amount: total.set_num_format(TKR),
            banner: Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(0xC00000))
                .set_text_wrap(),
            error: Format::new()
                .set_font_color(Color::RGB(0xC00000))
                .set_bold(),
            warning: Format::new().set_font_color(Color::RGB(0x9C5700)),
            label: Format::new()
                .set_bold()
                .set_align(rust_xlsxwriter::FormatAlign::Top),
            lines: Format::new()
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Top),
            centred: Format::new().set_align(rust_xlsxwriter::FormatAlign::Center),
            impact: Format::new()
                .set_align(rust_xlsxwriter::FormatAlign::Center)
                .set_border_left(FormatBorder::Medium)
                .set_border_left_color(Color::RGB(0x1F4E79)),
            note: Format::new()
                .set_italic()
                .set_font_size(9)
                .set_font_color(Color::RGB(0x595959)),
            block_title: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin),
        }
    }
}

/// `../input/HR.xlsx#'Budgetfördelning'!D9`: a place in an input file as a link
/// target, relative to the workbook's folder (`base` is the input folder seen
/// from there). Without a cell, the sheet's first cell; without a sheet, the file.
pub(crate) fn source_target(
    base: &str,
    file: &str,
    sheet: Option<&str>,
    cell: Option<CellRef>,
) -> String {
    let path = if base == "." || base.is_empty() {
        file.to_string()
    } else {
        format!("{base}/{file}")
    };
    match (sheet, cell) {
        (Some(sheet), cell) => format!(
            "{path}#{}",
            on_sheet(sheet, cell.unwrap_or(CellRef::new(0, 0)))
        ),
        (None, _) => path,
    }
}

/// Excel reads at most this many hyperlinks per sheet; cells beyond them keep
/// their text without a link.
pub(crate) const MAX_LINKS: usize = 65_530;

/// Excel's longest hyperlink target (rust_xlsxwriter refuses a longer one).
pub(crate) const MAX_LINK_TARGET: usize = 2_079;

/// Excel's HYPERLINK takes a target of at most 255 characters.
const HYPERLINK_MAX: usize = 255;

/// The `Källa` cells that lead into one sheet of one input file: the formula's
/// fixed part is made once per area, each row adds its cell. The cell shows the
/// cell's address, `D9`: the file is in `Källfil`, and which of the `Rad i …`
/// columns is filled says the sheet. (Short, because the sheet is streamed on
/// the hot path: every byte of a row is written and compressed 150 000 times.)
pub(crate) struct SourceLink {
    /// `=HYPERLINK("../input/HR.xlsx#'Budgetfördelning'!`, quotes doubled; `None`
    /// when the target would be too long for Excel (the cell is then plain text).
    prefix: Option<String>,
}

impl SourceLink {
    pub(crate) fn new(base: &str, file: &str, sheet: &str) -> Self {
        let target = source_target(base, file, Some(sheet), None);
        // The target without its `A1`, which each row replaces by its cell.
        let stem = target.strip_suffix("A1").unwrap_or(&target);
        let fits = stem.chars().count() + "XFD1048576".len() <= HYPERLINK_MAX;
        SourceLink {
            prefix: fits.then(|| format!("=HYPERLINK(\"{}", stem.replace('"', "\"\""))),
        }
    }

    /// The cell's text, and the formula that shows it and links to `cell`.
    pub(crate) fn to(&self, cell: CellRef) -> (String, Option<Formula>) {
        let text = cell.to_string();
        let formula = self.prefix.as_ref().map(|prefix| {
            let mut f = String::with_capacity(prefix.len() + 2 * text.len() + 8);
            f.push_str(prefix);
            let _ = std::fmt::Write::write_fmt(&mut f, format_args!("{cell}\",\"{text}\")"));
            Formula::new(f).set_result(text.clone())
        });
        (text, formula)
    }
}

/// A formula with its computed value stored as the cached result.
pub(crate) fn formula(text: &str, value: Decimal) -> Formula {
    Formula::new(text).set_result(value.normalize().to_string())
}

/// `C5:C9`, 0-based inputs; always two cells (rust_xlsxwriter's `cell_range` writes `C5`).
pub(crate) fn range(col: u16, first_row: u32, last_row: u32) -> String {
    let (first, last) = (
        CellRef::new(first_row, col.into()),
        CellRef::new(last_row, col.into()),
    );
    first.to(last).to_string()
}

/// `C5`, 0-based input.
pub(crate) fn cell(row: u32, col: u16) -> String {
    rust_xlsxwriter::utility::row_col_to_cell(row, col)
}

/// Print setup shared by every sheet: landscape, one page wide, header repeated.
pub(crate) fn page_setup(ws: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    landscape_one_page_wide(ws);
    ws.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

/// A4 landscape, one page wide and as many long as it takes.
pub(crate) fn landscape_one_page_wide(ws: &mut Worksheet) {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
}

/// The most areas a chart shows: beyond it, bars and lines can no longer be told
/// apart (and Excel draws at most 255 series), so the sheet has no chart.
pub(crate) const CHART_AREAS: u32 = 40;

/// The header and footer of every printed page: who and what in the header; the
/// printing date (`&D`, filled in by the spreadsheet program when it prints, so
/// the file stays the same for the same inputs), the sheet and `Sida x av y` in
/// the footer.
pub(crate) fn print_header_footer(ws: &mut Worksheet, budget_year: Option<i32>) {
    let title = crate::labels::OUT_SUMMARY_TITLE;
    match budget_year {
        Some(y) => print_header_footer_titled(ws, &format!("{title} {y}")),
        None => print_header_footer_titled(ws, title),
    }
}

/// The same header and footer for a workbook of another title (the follow-up's):
/// `Göteborgs Stad · <title>`, centred and bold.
pub(crate) fn print_header_footer_titled(ws: &mut Worksheet, title: &str) {
    let org = crate::labels::OUT_ORGANISATION;
    ws.set_header(format!("&C&\"-,Bold\"{org} · {}", title.replace('&', "&&")));
    ws.set_footer(format!(
        "&L&8{}&C&8&A&R&8{}",
        crate::labels::PRINTED,
        crate::labels::PAGE_NUMBER
    ));
}

/// Column widths from the text written, so columns fit their content.
pub(crate) struct Widths {
    chars: Vec<usize>,
    /// The largest amount seen per column; its width is worked out once, in `apply`.
    amounts: Vec<Decimal>,
}

impl Widths {
    pub fn new(minimum: &[usize]) -> Self {
        Widths {
            chars: minimum.to_vec(),
            amounts: Vec::new(),
        }
    }

    pub fn see(&mut self, col: u16, text: &str) {
        let col = usize::from(col);
        if self.chars.len() <= col {
            self.chars.resize(col + 1, 8);
        }
        let len = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        self.chars[col] = self.chars[col].max(len);
    }

    /// An amount, as `#,##0` shows it: digits plus a separator per thousand.
    pub fn see_amount(&mut self, col: u16, value: Decimal) {
        let col = usize::from(col);
        if self.amounts.len() <= col {
            self.amounts.resize(col + 1, Decimal::ZERO);
        }
        let v = value.abs();
        if v > self.amounts[col] {
            self.amounts[col] = v;
        }
    }

    /// The printed width of the columns `apply` sets, in pixels (a column of `w`
    /// characters is `7w + 5` pixels in the default 11 pt font).
    pub fn applied_pixels(&self, max: usize) -> usize {
        let mut chars = self.chars.clone();
        for (col, largest) in self.amounts.iter().enumerate() {
            let digits = largest.trunc().to_string().len();
            if chars.len() <= col {
                chars.resize(col + 1, 8);
            }
            chars[col] = chars[col].max(digits + digits.saturating_sub(1) / 3 + 1);
        }
        chars.iter().map(|w| 7 * ((*w).min(max) + 2) + 5).sum()
    }

    pub fn apply(&mut self, ws: &mut Worksheet, max: usize) -> Result<(), XlsxError> {
        for (col, largest) in self.amounts.clone().into_iter().enumerate() {
            let digits = largest.trunc().to_string().len();
            self.see(
                u16::try_from(col).unwrap_or(u16::MAX),
                &"0".repeat(digits + digits.saturating_sub(1) / 3 + 1),
            );
        }
        for (col, width) in self.chars.iter().enumerate() {
            let width = u32::try_from((*width).min(max) + 2).unwrap_or(10);
            ws.set_column_width(u16::try_from(col).unwrap_or(u16::MAX), width)?;
        }
        Ok(())
    }
}
