//! Stage: `forecast`, the follow-up's reading of the areas' forecasts (prognos). A
//! table in `.xlsx`, `.xls`, `.ods` or `.csv` with the header `Initiativ` or
//! `Projekt`, `Prognos helår` (or `Prognos`), and optionally `Tjänsteområde` and
//! `Kommentar`, found by its text on any sheet, columns in any order. Amounts are
//! tkr, read with the template's amount rules (`3,900` is refused as ambiguous).
//!
//! Takes a file; returns a [`ForecastFile`] (its `sha256` is the caller's to fill):
//! every data row is either a [`ForecastRow`] or named in a finding. A workbook goes
//! through the grid reader like a template; a CSV (delimiter `;`, `,` or tab, UTF-8
//! or Windows-1252, as Swedish Excel writes it) is turned into the same grid first,
//! so that one header rule serves both.

use crate::amount::{self, Reading};
use crate::finding::{FileKind, Finding, Kind, Unreadable};
use crate::follow_up::{ForecastFile, ForecastMeta, ForecastRow, Origin};
use crate::grid::{Cell, Grid, Value};
use crate::labels::{Unit, normalize};
use crate::location::CellRef;
use std::path::Path;

/// The forecast workbook's labels live with the other Swedish labels; the writer
/// (`follow-up template`) and the check name them from here.
pub use crate::labels::forecast as labels;
use labels::header::{ACTUAL, AREA, BUDGET, COMMENT, FORECAST, INITIATIVE, PROJECT};
use labels::{COL_FORECAST, TABLE};

/// Largest forecast file read (a forecast table is a few hundred rows).
const MAX_BYTES: u64 = 64 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    header_row: u32,
    initiative: Option<u32>,
    project: Option<u32>,
    forecast: u32,
    area: Option<u32>,
    comment: Option<u32>,
    budget: Option<u32>,
    actual: Option<u32>,
    /// The unit the forecast's header names after its label (`Prognos helår (kr)`),
    /// when it names one.
    forecast_unit: Option<Unit>,
    /// A second column headed as the forecast.
    forecast_twice: Option<u32>,
    /// The year the forecast's header names after its label (`Prognos helår 2023`,
    /// as the board's report heads it), when it names one.
    forecast_year: Option<i32>,
}

/// A header cell's label, the unit written after it and the year written after
/// that (`Prognos helår 2023`, `Prognos helår (tkr) 2023`, `Prognos helår 2023
/// (tkr)`), when `labels` has the label.
fn heading(value: &Value, labels: &[&str]) -> Option<(Option<Unit>, Option<i32>)> {
    let Value::Text(t) = value else {
        return None;
    };
    let key = normalize(t);
    let (label, unit) = crate::labels::split_unit(&key);
    if labels.contains(&label) {
        return Some((unit, None));
    }
    let (label, year) = crate::labels::split_year(label)?;
    let (label, unit_before) = crate::labels::split_unit(label);
    labels
        .contains(&label)
        .then_some((unit.or(unit_before), Some(year)))
}

/// The table's header: the first row with a forecast column and an initiative or
/// project column. A header is matched by its label, a unit after it
/// (`Prognos helår (tkr)`, `Prognos, kr`) set apart as the plan's headers are.
fn layout(grid: &Grid) -> Option<Layout> {
    for (row, cells) in grid.rows() {
        // Only the forecast's header may name a year; the other columns are
        // matched by their label (and a unit) alone.
        let find = |labels: &[&str]| {
            (cells.iter())
                .find(|c| matches!(heading(&c.value, labels), Some((_, None))))
                .map(|c| c.at.col)
        };
        let forecasts =
            || (cells.iter()).filter_map(|c| heading(&c.value, &FORECAST).map(|h| (c.at.col, h)));
        let (initiative, project) = (find(&INITIATIVE), find(&PROJECT));
        if let (Some((forecast, (forecast_unit, forecast_year))), true) = (
            forecasts().next(),
            initiative.is_some() || project.is_some(),
        ) {
            return Some(Layout {
                header_row: row,
                initiative,
                project,
                forecast,
                forecast_unit,
                forecast_year,
                forecast_twice: forecasts().nth(1).map(|(col, _)| col),
                area: find(&AREA),
                comment: find(&COMMENT),
                budget: find(&BUDGET),
                actual: find(&ACTUAL),
            });
        }
    }
    None
}

/// The metadata above the table (`Tjänsteområde`, `Period`, …): a label in one
/// cell, its value in the next cell to the right.
fn meta(grid: &Grid, header_row: u32) -> ForecastMeta {
    let mut m = ForecastMeta::default();
    for (row, cells) in grid.rows().filter(|(r, _)| *r < header_row) {
        for c in cells {
            let Value::Text(t) = &c.value else { continue };
            let key = normalize(t);
            let value = cells
                .iter()
                .find(|v| v.at.col == c.at.col + 1)
                .map(|v| v.value.display().trim().to_string())
                .filter(|v| !v.is_empty());
            let at = CellRef::new(row, c.at.col + 1);
            let slot = match key.as_str() {
                k if k == normalize(labels::META_AREA) => &mut m.area,
                k if k == normalize(labels::META_PERIOD) => &mut m.period,
                k if k == normalize(labels::META_VERSION) => &mut m.version,
                k if k == normalize(labels::META_LEAD) => &mut m.lead,
                k if k == normalize(labels::META_DATE) => &mut m.date,
                k if k == normalize(labels::META_THRESHOLD) => &mut m.threshold,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some((value, at));
            }
        }
    }
    m
}

fn text(cells: &[Cell], col: Option<u32>) -> Option<String> {
    let col = col?;
    cells
        .iter()
        .find(|c| c.at.col == col)
        .map(|c| c.value.display().trim().to_string())
        .filter(|t| !t.is_empty())
}

/// Reads one forecast file. `file` is the name findings carry.
pub fn read(path: &Path, file: &str) -> ForecastFile {
    read_with_grid(path, file).0
}

/// Reads one forecast file and hands back the sheet the table was found on (for
/// the annotated copy of `follow-up check --feedback`).
pub fn read_with_grid(path: &Path, file: &str) -> (ForecastFile, Option<Grid>) {
    let mut out = ForecastFile {
        file: file.to_string(),
        ..ForecastFile::default()
    };
    let (grids, csv) = match read_grids(path) {
        Ok(read) => read,
        Err(kind) => {
            out.findings.push(Finding::new(kind).in_file(file));
            return (out, None);
        }
    };
    let (chosen, others) = tables(&grids);
    let Some((grid, l)) = chosen else {
        let names: Vec<String> = grids.iter().map(|g| g.name.clone()).collect();
        let kind = match (csv, FileKind::of_sheets(&names)) {
            // A plan template given where forecasts are read.
            (false, Some(FileKind::Plan)) => Kind::WrongKindOfFile {
                found: FileKind::Plan,
                wanted: FileKind::Forecast,
            },
            _ => Kind::MissingHeader {
                sheet: TABLE,
                missing: vec![labels::KEY_COLUMNS.into(), COL_FORECAST.into()],
            },
        };
        out.findings.push(Finding::new(kind).in_file(file));
        return (out, None);
    };
    out.meta = meta(grid, l.header_row);
    out.header_year = l.forecast_year.map(|year| {
        let at = CellRef::new(l.header_row, l.forecast);
        (year, grid.value(at).display().trim().to_string(), at)
    });
    out.sheet = (!csv).then(|| grid.name.clone());
    let table = Table {
        grid,
        layout: &l,
        csv,
        file,
        meta_area: out.meta.area.as_ref().and_then(|(v, _)| v.clone()),
    };
    // A header that cannot be read as it stands: the table is not read, and the
    // header says why (its rows counted as read, none used).
    if let Some(kind) = unreadable_header(grid, &l) {
        let at = CellRef::new(l.header_row, l.forecast);
        let finding = Finding::new(kind).in_file(file);
        out.findings.push(match csv {
            true => finding.at_line(u64::from(l.header_row) + 1),
            false => finding.at(&grid.name, Some(at)),
        });
        out.rows_read = data_rows(&table);
        return (out, Some(grid.clone()));
    }
    for (row, cells) in grid.rows().filter(|(r, _)| *r > l.header_row) {
        match table.row(row, cells) {
            RowRead::Blank => continue,
            RowRead::Total => break,
            RowRead::Row(r) => out.rows.push(*r),
            RowRead::Finding(f) => out.findings.push(f),
        }
        out.rows_read += 1;
    }
    if let Some(finding) = left_out(&others, &table) {
        out.findings.push(finding);
    }
    let grid = grid.clone();
    (out, Some(grid))
}

/// A sheet with the table, and where its columns lie.
type Found<'g> = (&'g Grid, Layout);

/// Why a found header cannot be read as it stands: the forecast in kronor or
/// millions (1 000 times off), or two columns that both head the forecast
/// (`Prognos` and `Prognos helår`: which one the lead filled in cannot be told).
fn unreadable_header(grid: &Grid, l: &Layout) -> Option<Kind> {
    if let Some(second) = l.forecast_twice {
        let cells = vec![
            CellRef::new(l.header_row, l.forecast),
            CellRef::new(l.header_row, second),
        ];
        return Some(Kind::AmbiguousColumn {
            header: COL_FORECAST.to_string(),
            cells,
        });
    }
    let unit = l.forecast_unit.filter(|u| *u != Unit::Thousands)?;
    let header = grid.value(CellRef::new(l.header_row, l.forecast)).display();
    Some(Kind::UnitNotTkr { header, unit })
}

/// Every sheet with the table: the one named `Prognos` is read (else the first),
/// and the others are named with their rows ([`left_out`]), so that none is left
/// out unsaid.
fn tables(grids: &[Grid]) -> (Option<Found<'_>>, Vec<Found<'_>>) {
    let mut tables: Vec<Found<'_>> = grids
        .iter()
        .filter_map(|g| layout(g).map(|l| (g, l)))
        .collect();
    let named = (tables.iter())
        .position(|(g, _)| crate::labels::matches(&g.name, labels::SHEET))
        .unwrap_or(0);
    match tables.is_empty() {
        true => (None, Vec::new()),
        false => (Some(tables.remove(named)), tables),
    }
}

/// `extra-forecast-sheet` for the sheets with the table that `read` is not.
fn left_out(others: &[Found<'_>], read: &Table<'_>) -> Option<Finding> {
    let (first, _) = others.first()?;
    let rows = others
        .iter()
        .map(|(g, l)| {
            data_rows(&Table {
                grid: g,
                layout: l,
                ..read.clone()
            })
        })
        .sum();
    let kind = Kind::ForecastSheetLeftOut {
        read: read.grid.name.clone(),
        left_out: others.iter().map(|(g, _)| g.name.clone()).collect(),
        rows,
    };
    Some(Finding::new(kind).in_file(read.file).at(&first.name, None))
}

/// The data rows of a table that is not read: its rows down to its total row that
/// are not blank.
fn data_rows(table: &Table<'_>) -> u64 {
    let mut rows = 0;
    for (row, cells) in table
        .grid
        .rows()
        .filter(|(r, _)| *r > table.layout.header_row)
    {
        match table.row(row, cells) {
            RowRead::Blank => {}
            RowRead::Total => break,
            RowRead::Row(_) | RowRead::Finding(_) => rows += 1,
        }
    }
    rows
}

/// The file's sheets as grids (a CSV as one), and whether it was a CSV; what
/// makes it unreadable otherwise.
fn read_grids(path: &Path) -> Result<(Vec<Grid>, bool), Kind> {
    let bytes = match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_BYTES => {
            return Err(Kind::TooLarge(crate::finding::TooLarge::File {
                bytes: m.len(),
            }));
        }
        _ => {
            std::fs::read(path).map_err(|e| Kind::UnreadableFile(Unreadable::Io(e.to_string())))?
        }
    };
    if bytes.is_empty() {
        return Err(Kind::UnreadableFile(Unreadable::Empty));
    }
    // An SIE export given where forecasts are read.
    let head = &bytes[..bytes.len().min(4096)];
    if crate::ledger::is_sie(head, &path.to_string_lossy()) {
        return Err(Kind::WrongKindOfFile {
            found: FileKind::Ledger,
            wanted: FileKind::Forecast,
        });
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ext == "csv" || ext == "txt" {
        return Ok((vec![csv_grid(&bytes)], true));
    }
    // Neither a table nor a workbook by its name (a `.pdf`, a name without an
    // extension): skipped as the plan's folder skips it, not read as a workbook.
    if let Some(skipped) = crate::discover::not_read(path, "") {
        return Err(skipped.kind);
    }
    match crate::grid::read_all_sheets(&bytes) {
        Ok(g) => Ok((g, false)),
        Err(crate::grid::ReadError::Unreadable(why)) => Err(Kind::UnreadableFile(why)),
        Err(crate::grid::ReadError::TooLarge(why)) => Err(Kind::TooLarge(why)),
    }
}

/// The table found: where, how its columns lie, and the area given above it.
#[derive(Clone)]
struct Table<'a> {
    grid: &'a Grid,
    layout: &'a Layout,
    csv: bool,
    file: &'a str,
    meta_area: Option<String>,
}

/// What one row below the header is.
enum RowRead {
    Blank,
    /// The table's own total row: the table ends.
    Total,
    Row(Box<ForecastRow>),
    Finding(Finding),
}

impl Table<'_> {
    fn row(&self, row: u32, cells: &[Cell]) -> RowRead {
        let (l, file, csv) = (self.layout, self.file, self.csv);
        let initiative = text(cells, l.initiative);
        let project = text(cells, l.project);
        let at = CellRef::new(row, l.forecast);
        let cell = cells.iter().find(|c| c.at.col == l.forecast);
        let reading = amount::read(cell);
        if initiative.is_none() && project.is_none() && !reading.is_filled() {
            return RowRead::Blank;
        }
        if [&initiative, &project]
            .into_iter()
            .flatten()
            .any(|t| normalize(t) == crate::labels::key::TOTAL_ROW)
        {
            return RowRead::Total;
        }
        let place = |kind: Kind| {
            let f = Finding::new(kind).in_file(file);
            RowRead::Finding(if csv {
                f.at_line(u64::from(row) + 1)
            } else {
                f.at(&self.grid.name, Some(at))
            })
        };
        let as_text = match &reading {
            Reading::Text { text, .. } if !csv => Some(text.clone()),
            _ => None,
        };
        let value = match reading {
            Reading::Number { value, .. } | Reading::Text { value, .. } => value,
            Reading::Empty => {
                return place(Kind::InvalidAmount {
                    column: COL_FORECAST.into(),
                    found: crate::finding::NotAmount::Text(String::new()),
                });
            }
            Reading::Uncalculated => {
                return place(Kind::FormulaWithoutValue {
                    column: COL_FORECAST.into(),
                    recomputed: None,
                });
            }
            Reading::Invalid(found) => {
                return place(Kind::InvalidAmount {
                    column: COL_FORECAST.into(),
                    found,
                });
            }
        };
        if initiative.is_none() && project.is_none() {
            return place(Kind::MissingInitiativeName { amount: value });
        }
        let given = |col: Option<u32>| {
            col.and_then(|c| amount::read(cells.iter().find(|x| x.at.col == c)).value())
        };
        RowRead::Row(Box::new(ForecastRow {
            area: text(cells, l.area).or_else(|| self.meta_area.clone()),
            initiative,
            project,
            forecast: value,
            comment: text(cells, l.comment),
            origin: Origin {
                file: file.to_string(),
                sheet: (!csv).then(|| self.grid.name.clone()),
                cell: (!csv).then_some(at),
                line: csv.then_some(u64::from(row) + 1),
            },
            as_text,
            budget: given(l.budget),
            actual: given(l.actual),
        }))
    }
}

/// A CSV as a grid of text cells: UTF-8 (a BOM allowed) or else Windows-1252, the
/// delimiter the one of `;`, tab and `,` most frequent in the first line.
fn csv_grid(bytes: &[u8]) -> Grid {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    };
    // A title may stand above the header: count over the first lines, and prefer
    // `;` (what Swedish Excel writes) on a tie.
    let head: Vec<&str> = text.lines().take(20).collect();
    let count = |d: u8| -> usize {
        head.iter()
            .map(|l| l.bytes().filter(|b| *b == d).count())
            .sum()
    };
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| count(*d))
        .unwrap_or(b';');
    // Rows by the line a text editor shows them on (CR LF, blank lines).
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(crate::csv_lines::Lines::new(text.as_bytes()));
    let mut cells = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let read = reader.read_record(&mut record);
        let end = reader.position().byte();
        let line = reader.get_mut().line_of(end, record.as_slice().as_bytes());
        match read {
            Ok(true) => {}
            Ok(false) => break,
            // Not reached on decoded text with flexible records.
            Err(_) => continue,
        }
        let row = u32::try_from(line.saturating_sub(1)).unwrap_or(u32::MAX);
        for (col, field) in record.iter().enumerate() {
            if field.trim().is_empty() {
                continue;
            }
            cells.push(Cell {
                at: CellRef::new(row, u32::try_from(col).unwrap_or(u32::MAX)),
                value: Value::Text(field.to_string()),
                formula: false,
            });
        }
    }
    Grid::from_cells("csv", cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn read_text(name: &str, bytes: &[u8]) -> ForecastFile {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        read(&path, name)
    }

    #[test]
    fn every_row_is_a_forecast_or_a_finding() {
        let f = read_text(
            "prognos.csv",
            b"Projekt,Prognos,Kommentar\nP1,\"1 200,5\",ok\n,300,\nP2,tio,\n\nSumma,1500,\nP3,1,\n",
        );
        assert_eq!(f.rows_read, 3);
        assert_eq!(f.rows.len(), 1);
        assert_eq!(f.rows[0].project.as_deref(), Some("P1"));
        assert_eq!(f.rows[0].forecast, Decimal::new(12005, 1));
        assert_eq!(f.rows[0].origin.line, Some(2));
        let codes: Vec<&str> = f.findings.iter().map(|x| x.code().as_str()).collect();
        assert_eq!(codes, ["missing-initiative-name", "invalid-amount"]);
        assert_eq!(f.findings[1].line, Some(4));
    }

    #[test]
    fn a_file_without_the_header_says_what_is_missing() {
        let f = read_text("prognos.csv", b"Namn;Belopp\nX;1\n");
        assert!(f.rows.is_empty());
        assert_eq!(f.findings.len(), 1);
        assert_eq!(f.findings[0].code().as_str(), "missing-header");
        let damaged = read_text("prognos.xlsx", b"PK\x03\x04 not a zip");
        assert_eq!(damaged.findings[0].code().as_str(), "unreadable-file");
    }

    #[test]
    fn metadata_findings_of_a_csv_name_lines_not_a_sheet() {
        let f = read_text(
            "HR-prognos.csv",
            "Tjänsteområde;HR\nPeriod;2023-03\n\nProjekt;Prognos\nP1;100\n".as_bytes(),
        );
        assert_eq!(f.sheet, None);
        assert_eq!(f.rows.len(), 1);
        let found = crate::forecast_dates::check(
            std::slice::from_ref(&f),
            (2023, 4),
            crate::rounds::Date::parse("2023-05-05").expect("date"),
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code().as_str(), "stale-forecast");
        assert_eq!((found[0].sheet.as_deref(), found[0].line), (None, Some(2)));
    }

    #[test]
    fn a_csv_with_cr_lf_and_blank_lines_names_the_lines_an_editor_shows() {
        // Excel on Windows ends lines with CR LF; a blank line stands before the
        // header and between rows. The metadata is found, and rows keep their lines.
        let text = "Tjänsteområde;HR\r\nPeriod;2023-04\r\n\r\nProjekt;Prognos helår\r\nP1;100\r\n\r\nP2;tio\r\n";
        let f = read_text("HR-prognos.csv", text.as_bytes());
        let value = |m: &Option<(Option<String>, _)>| m.as_ref().and_then(|(v, _)| v.clone());
        assert_eq!(value(&f.meta.area).as_deref(), Some("HR"));
        assert_eq!(value(&f.meta.period).as_deref(), Some("2023-04"));
        assert_eq!(f.rows.len(), 1);
        assert_eq!(f.rows[0].origin.line, Some(5));
        assert_eq!(f.findings.len(), 1, "{:?}", f.findings);
        assert_eq!(f.findings[0].line, Some(7));
    }

    #[test]
    fn a_unit_after_the_forecast_header_is_read_and_another_than_tkr_refused() {
        for header in [
            "Prognos helår (tkr)",
            "Prognos, tkr",
            "Helårsprognos",
            "Årsprognos i tkr",
        ] {
            let f = read_text("p.csv", format!("Projekt;{header}\nP1;100\n").as_bytes());
            assert_eq!(f.rows.len(), 1, "{header}: {:?}", f.findings);
            assert!(f.findings.is_empty(), "{header}: {:?}", f.findings);
        }
        for (header, unit) in [
            ("Prognos helår (kr)", crate::labels::Unit::Kronor),
            ("Prognos, mnkr", crate::labels::Unit::Millions),
        ] {
            let f = read_text(
                "p.csv",
                format!("\nProjekt;{header}\nP1;100\nP2;200\n").as_bytes(),
            );
            assert!(f.rows.is_empty(), "{header}: nothing is used");
            assert_eq!(f.rows_read, 2, "{header}: the rows are counted as read");
            let kind = Kind::UnitNotTkr {
                header: header.to_string(),
                unit,
            };
            assert_eq!(f.findings.len(), 1, "{header}: {:?}", f.findings);
            assert_eq!((&f.findings[0].kind, f.findings[0].line), (&kind, Some(2)));
        }
    }

    #[test]
    fn a_year_after_the_forecast_header_is_read_with_the_header() {
        for (header, unit) in [
            ("Prognos helår 2023", None),
            ("Prognos 2023", None),
            ("Helårsprognos 2023 (tkr)", None),
            ("Prognos helår (tkr) 2023", None),
            ("ÅRSPROGNOS  2023", None),
            ("Prognos helår 2023 (kr)", Some(crate::labels::Unit::Kronor)),
        ] {
            let f = read_text("p.csv", format!("Projekt;{header}\nP1;100\n").as_bytes());
            let (year, written, at) = f.header_year.clone().expect(header);
            assert_eq!(
                (year, written.as_str(), at),
                (2023, header, CellRef::new(0, 1))
            );
            match unit {
                None => assert_eq!((f.rows.len(), f.findings.len()), (1, 0), "{header}"),
                Some(unit) => {
                    let kind = Kind::UnitNotTkr {
                        header: header.to_string(),
                        unit,
                    };
                    assert_eq!(f.findings[0].kind, kind, "{header}");
                }
            }
        }
        // Without a year the header names none; a year is no label of its own, and
        // other columns are not matched with one (`Initiativ 2023` is no initiative).
        let f = read_text("p.csv", "Projekt;Prognos helår\nP1;100\n".as_bytes());
        assert_eq!((f.header_year, f.rows.len()), (None, 1));
        let f = read_text("p.csv", b"Initiativ 2023;Prognos 2023\nX;100\n");
        assert_eq!(f.findings[0].code().as_str(), "missing-header");
        // Two years' forecasts side by side: which one is the follow-up's is the
        // lead's to say, as for any two forecast columns.
        let two = "Projekt;Prognos helår 2023;Prognos helår 2024\nP1;1;2\n";
        let f = read_text("p.csv", two.as_bytes());
        assert_eq!(f.findings[0].code().as_str(), "ambiguous-column");
        assert!(f.rows.is_empty());
    }

    #[test]
    fn two_forecast_columns_refuse_the_table() {
        // `Prognos` beside `Prognos helår`: which one the lead filled in cannot be
        // told, so no row is used and both cells are named.
        let f = read_text(
            "p.csv",
            "Projekt;Prognos;Prognos helår (tkr)\nP1;100;120\nP2;1;2\n".as_bytes(),
        );
        assert!(f.rows.is_empty());
        assert_eq!(f.rows_read, 2);
        let kind = Kind::AmbiguousColumn {
            header: COL_FORECAST.to_string(),
            cells: vec![CellRef::new(0, 1), CellRef::new(0, 2)],
        };
        assert_eq!(f.findings.len(), 1, "{:?}", f.findings);
        assert_eq!((&f.findings[0].kind, f.findings[0].line), (&kind, Some(1)));
        // `Föregående prognos` is another column, not a second forecast.
        let f = read_text(
            "p.csv",
            "Projekt;Föregående prognos;Prognos helår\nP1;100;120\n".as_bytes(),
        );
        assert_eq!(f.rows.len(), 1);
        assert_eq!(f.rows[0].forecast, Decimal::from(120));
    }
}
