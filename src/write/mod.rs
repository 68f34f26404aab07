//! Stage 7: `write`. The only module that touches rust_xlsxwriter: the consolidated
//! workbook, one file per output sheet. Totals are live formulas with their
//! computed `Decimal` values stored as cached results, so a viewer that never
//! recalculates shows the right numbers.
//!
//! The file is written to a temporary file in the output folder and renamed into
//! place; document dates are fixed, so identical inputs give identical bytes.

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

use crate::consolidate::Consolidation;
use crate::finding::Finding;
use crate::lang::Lang;
use crate::load::Loaded;
use crate::location::column_letters;
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
}

/// `<out>/konsoliderad-budget-<budgetår>.xlsx`.
pub fn output_path(out_dir: &Path, budget_year: Option<i32>) -> PathBuf {
    match budget_year {
        Some(y) => out_dir.join(format!("konsoliderad-budget-{y}.xlsx")),
        None => out_dir.join("konsoliderad-budget.xlsx"),
    }
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
    pub fn new(years: &[i32]) -> Result<Output, XlsxError> {
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
        let initiatives = initiatives::InitiativeSheet::start(ws, years, &styles)?;
        wb.add_worksheet();
        wb.add_worksheet();
        wb.add_worksheet(); // Inlämningar
        Ok(Output {
            wb,
            styles,
            initiatives,
            years: years.to_vec(),
            pushed: Vec::new(),
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
        self.initiatives.push(ws, &lines)?;
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
            ..
        } = self;
        let s = &styles;
        let [
            summary_ws,
            development_ws,
            maintenance_ws,
            initiatives_ws,
            checks_ws,
            sources_ws,
            submissions_ws,
        ] = wb.worksheets_mut().as_mut_slice()
        else {
            return Err("internal: the workbook does not have its seven sheets".into());
        };
        // The sheets with one row per area are independent of each other: two are
        // written on a second thread while this one writes the other two (each sheet
        // keeps its own formats, so the bytes do not depend on which finishes first).
        let mut summary_and_sources = move || {
            (
                summary::write(summary_ws, contents, s),
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
        summary
            .and(development)
            .and(maintenance)
            .and(sources)
            .and_then(|()| initiatives.finish(initiatives_ws))
            .and_then(|()| checks::write(checks_ws, contents, s))
            .and_then(|()| match contents.round {
                Some(round) => submissions::write(submissions_ws, round, s, contents.lang),
                None => submissions_ws.set_name(submissions::SHEET).map(|_| ()),
            })
            .map_err(|e| e.to_string())?;
        let (declared, actual) = initiatives.range();
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
            let widened = saved.and_then(|()| {
                widen_table(&raw, tmp, &declared, &actual).map_err(|e| e.to_string())
            });
            let _ = std::fs::remove_file(&raw);
            widened
        })
    }
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

/// Writes the bytes atomically: a temporary file beside the target, then a rename.
pub fn save_atomically(bytes: &[u8], dest: &Path) -> std::io::Result<()> {
    save_atomically_with(dest, |tmp| {
        std::fs::write(tmp, bytes).map_err(|e| e.to_string())
    })
    .map_err(std::io::Error::other)
}

/// Atomic save: `write` fills a temporary file in the destination's folder, which
/// is then renamed over `dest`. A read-only destination is refused, and temporary
/// files left by an earlier, killed run are removed first.
pub fn save_atomically_with(
    dest: &Path,
    write: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<(), String> {
    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    if std::fs::metadata(dest).is_ok_and(|m| m.permissions().readonly()) {
        return Err("the file is read-only".into());
    }
    let file_name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{file_name}.");
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix) && (name.ends_with(".tmp") || name.ends_with(".raw")) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let tmp = dir.join(format!("{prefix}{}.tmp", std::process::id()));
    let result = write(&tmp).and_then(|()| {
        failpoint_before_rename();
        std::fs::rename(&tmp, dest).map_err(|e| e.to_string())
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Test-only failpoint (debug builds): `BUDGET_CONSOLIDATOR_FAILPOINT=pause-before-rename`
/// waits before the rename, so a test can kill the process with the temporary
/// file written and the old output still in place.
#[cfg(debug_assertions)]
fn failpoint_before_rename() {
    if std::env::var("BUDGET_CONSOLIDATOR_FAILPOINT").is_ok_and(|v| v == "pause-before-rename") {
        std::thread::sleep(std::time::Duration::from_secs(30));
    }
}

#[cfg(not(debug_assertions))]
fn failpoint_before_rename() {}

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
        }
    }
}

/// A formula with its computed value stored as the cached result.
pub(crate) fn formula(text: &str, value: Decimal) -> Formula {
    Formula::new(text).set_result(value.normalize().to_string())
}

/// `C5:C9`, 0-based inputs.
pub(crate) fn range(col: u16, first_row: u32, last_row: u32) -> String {
    let letters = column_letters(u32::from(col));
    format!("{letters}{}:{letters}{}", first_row + 1, last_row + 1)
}

/// `C5`, 0-based input.
pub(crate) fn cell(row: u32, col: u16) -> String {
    format!("{}{}", column_letters(u32::from(col)), row + 1)
}

/// Print setup shared by every sheet: landscape, one page wide, header repeated.
pub(crate) fn page_setup(ws: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    Ok(())
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
