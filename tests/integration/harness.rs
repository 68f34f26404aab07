//! The test harness: a [`Template`] builder that writes area workbooks in code
//! (the layout area leads fill in, with any cell overridden to inject a defect),
//! and [`Run`], which runs the real binary in a scratch folder.

#![allow(dead_code)]
// Test inputs are spreadsheet numbers, stored as Excel stores them (f64); the
// code under test never does float arithmetic.
#![allow(clippy::float_arithmetic)]

use calamine::{Data, Reader};
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const BIN: &str = env!("CARGO_BIN_EXE_budget-consolidator");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sheet {
    Budget,
    Plan,
}

impl Sheet {
    pub fn name(self) -> &'static str {
        match self {
            Sheet::Budget => "Budgetfördelning",
            Sheet::Plan => "Utvecklingsinitiativ",
        }
    }
}

/// A cell as a test writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Num(f64),
    /// Formula text and the cached result written with it (`None`: rust_xlsxwriter's default 0).
    Formula(String, Option<String>),
    Bool(bool),
    /// A date cell (year, month, day).
    Date(u16, u8, u8),
    Blank,
}

pub fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}
pub fn n(v: f64) -> Cell {
    Cell::Num(v)
}
pub fn f(formula: &str, result: &str) -> Cell {
    Cell::Formula(formula.to_string(), Some(result.to_string()))
}

/// `D9` → (8, 3).
pub fn a1(text: &str) -> (u32, u16) {
    let at = budget_consolidator::location::CellRef::parse_a1(text).expect("an A1 reference");
    (at.row, u16::try_from(at.col).expect("column"))
}

/// One initiative: name, Nyutveckling, Utveckling inom befintlig tjänst, development
/// per year, maintenance per year, Påverkan.
#[derive(Debug, Clone)]
pub struct Initiative {
    pub name: String,
    pub new: f64,
    pub existing: f64,
    pub development: Vec<f64>,
    pub maintenance: Vec<f64>,
    pub impact: Option<String>,
}

/// An area template, valid by default: metadata in A3:B7, the budget header in row 9,
/// initiatives from row 10 and a `Summa` row of formulas; the multi-year sheet with a
/// one-row header in row 3, initiatives from row 4, a `Summa` row.
#[derive(Debug, Clone)]
pub struct Template {
    pub area: String,
    pub version: Cell,
    pub budget_year: Cell,
    pub years: Vec<i32>,
    pub initiatives: Vec<Initiative>,
    overrides: BTreeMap<(Sheet, u32, u16), Cell>,
    pub without_plan_sheet: bool,
    /// Formulas written without a result store no value at all (never calculated,
    /// as openpyxl writes them) instead of rust_xlsxwriter's placeholder 0.
    pub uncalculated_formulas: bool,
    /// Sheets written after the two, each a copy of one of them under another
    /// name (as Excel's "Move or Copy → Create a copy" makes `Budgetfördelning (2)`).
    pub sheet_copies: Vec<(Sheet, String)>,
}

impl Template {
    pub fn new(area: &str) -> Self {
        Template {
            area: area.to_string(),
            version: t("2.0"),
            budget_year: n(2023.0),
            years: vec![2023, 2024, 2025],
            initiatives: vec![
                Initiative {
                    name: "Digitalisering inom HR".into(),
                    new: 800.0,
                    existing: 4200.0,
                    development: vec![5000.0, 4000.0, 3000.0],
                    maintenance: vec![100.0, 200.0, -50.0],
                    impact: Some("Liten".into()),
                },
                Initiative {
                    name: "Översyn IT-stöd inom lön och HR".into(),
                    new: 0.0,
                    existing: 8000.0,
                    development: vec![8000.0, 6000.0, 2000.0],
                    maintenance: vec![0.0, 300.0, 300.0],
                    impact: Some("Stor".into()),
                },
            ],
            overrides: BTreeMap::new(),
            without_plan_sheet: false,
            uncalculated_formulas: false,
            sheet_copies: Vec::new(),
        }
    }

    /// Sets one cell, by its A1 address, after the template is laid out.
    pub fn set(mut self, sheet: Sheet, at: &str, cell: Cell) -> Self {
        let (r, c) = a1(at);
        self.overrides.insert((sheet, r, c), cell);
        self
    }

    pub fn with_initiatives(mut self, initiatives: Vec<Initiative>) -> Self {
        self.initiatives = initiatives;
        self
    }

    /// The 1-based row of the budget table's `Summa` row.
    pub fn budget_total_row(&self) -> u32 {
        10 + u32::try_from(self.initiatives.len()).expect("rows")
    }

    /// The 1-based row of the multi-year table's `Summa` row.
    pub fn plan_total_row(&self) -> u32 {
        4 + u32::try_from(self.initiatives.len()).expect("rows")
    }

    pub fn total(&self) -> f64 {
        self.initiatives.iter().map(|i| i.new + i.existing).sum()
    }

    fn cells(&self) -> BTreeMap<(Sheet, u32, u16), Cell> {
        let mut cells = BTreeMap::new();
        let mut put = |s: Sheet, at: &str, c: Cell| {
            let (r, col) = a1(at);
            cells.insert((s, r, col), c);
        };
        let b = Sheet::Budget;
        put(b, "A1", t("Fördelning av budget 2023"));
        put(b, "A3", t("Tjänsteområde"));
        put(b, "B3", t(&self.area));
        put(b, "A4", t("Version"));
        put(b, "B4", self.version.clone());
        put(b, "A5", t("Budgetår"));
        put(b, "B5", self.budget_year.clone());
        put(b, "A6", t("Datum"));
        put(b, "B6", Cell::Date(2023, 3, 1));
        put(b, "A7", t("Ansvarig"));
        put(b, "B7", t("Anna Andersson"));
        for (col, h) in [
            "Text",
            "Nyutveckling",
            "Utveckling inom befintlig tjänst/tjänsteerbjudande",
            "Belopp tkr",
        ]
        .iter()
        .enumerate()
        {
            put(b, &format!("{}9", char::from(b'A' + col as u8)), t(h));
        }
        let last = self.budget_total_row() - 1;
        for (i, init) in self.initiatives.iter().enumerate() {
            let r = 10 + i;
            put(b, &format!("A{r}"), t(&init.name));
            if init.new != 0.0 {
                put(b, &format!("B{r}"), n(init.new));
            }
            if init.existing != 0.0 {
                put(b, &format!("C{r}"), n(init.existing));
            }
            put(
                b,
                &format!("D{r}"),
                f(
                    &format!("=B{r}+C{r}"),
                    &(init.new + init.existing).to_string(),
                ),
            );
        }
        let tr = self.budget_total_row();
        put(b, &format!("A{tr}"), t("Summa"));
        let sums = [
            ('B', self.initiatives.iter().map(|i| i.new).sum::<f64>()),
            (
                'C',
                self.initiatives.iter().map(|i| i.existing).sum::<f64>(),
            ),
            ('D', self.total()),
        ];
        for (col, v) in sums {
            put(
                b,
                &format!("{col}{tr}"),
                f(&format!("=SUM({col}10:{col}{last})"), &v.to_string()),
            );
        }

        let p = Sheet::Plan;
        put(p, "A1", t("Utvecklingsinitiativ, tkr"));
        put(p, "A3", t("Initiativ"));
        let ny = self.years.len();
        let col =
            |i: usize| -> String { char::from(b'B' + u8::try_from(i).expect("col")).to_string() };
        for (i, y) in self.years.iter().enumerate() {
            put(p, &format!("{}3", col(i)), t(&format!("Utveckling {y}")));
            put(
                p,
                &format!("{}3", col(ny + i)),
                t(&format!("Vidmakthållande {y}")),
            );
        }
        put(p, &format!("{}3", col(2 * ny)), t("Påverkan"));
        let plast = self.plan_total_row() - 1;
        for (k, init) in self.initiatives.iter().enumerate() {
            let r = 4 + k;
            put(p, &format!("A{r}"), t(&init.name));
            for (i, v) in init.development.iter().chain(&init.maintenance).enumerate() {
                if *v != 0.0 {
                    put(p, &format!("{}{r}", col(i)), n(*v));
                }
            }
            if let Some(imp) = &init.impact {
                put(p, &format!("{}{r}", col(2 * ny)), t(imp));
            }
        }
        let pr = self.plan_total_row();
        put(p, &format!("A{pr}"), t("Summa"));
        for i in 0..2 * ny {
            let total: f64 = self
                .initiatives
                .iter()
                .map(|init| {
                    if i < ny {
                        init.development[i]
                    } else {
                        init.maintenance[i - ny]
                    }
                })
                .sum();
            let c = col(i);
            put(
                p,
                &format!("{c}{pr}"),
                f(&format!("=SUM({c}4:{c}{plast})"), &total.to_string()),
            );
        }
        for (k, v) in &self.overrides {
            cells.insert(*k, v.clone());
        }
        cells
    }

    /// Writes the workbook with rust_xlsxwriter.
    pub fn write(&self, path: &Path) {
        let mut wb = Workbook::new();
        // A fixed creation date: the same template written twice is the same bytes
        // (and the same SHA-256 in Källor), even across a second's boundary.
        wb.set_properties(
            &rust_xlsxwriter::DocProperties::new().set_creation_datetime(
                &rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 1, 1).expect("date"),
            ),
        );
        let cells = self.cells();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let copies = self
            .sheet_copies
            .iter()
            .map(|(s, name)| (*s, name.as_str()));
        let sheets = [Sheet::Budget, Sheet::Plan].map(|s| (s, s.name()));
        for (sheet, name) in sheets.into_iter().chain(copies) {
            if sheet == Sheet::Plan && self.without_plan_sheet {
                continue;
            }
            let ws: &mut Worksheet = wb.add_worksheet();
            ws.set_name(name).expect("name");
            if self.uncalculated_formulas {
                ws.set_formula_result_default("");
            }
            for ((s, r, c), cell) in &cells {
                if *s != sheet {
                    continue;
                }
                let (r, c) = (*r, *c);
                match cell {
                    Cell::Text(v) => ws.write_string(r, c, v).map(|_| ()),
                    Cell::Num(v) => ws.write_number(r, c, *v).map(|_| ()),
                    Cell::Formula(text, Some(result)) => ws
                        .write_formula(r, c, Formula::new(text).set_result(result))
                        .map(|_| ()),
                    Cell::Formula(text, None) => {
                        ws.write_formula(r, c, Formula::new(text)).map(|_| ())
                    }
                    Cell::Bool(v) => ws.write_boolean(r, c, *v).map(|_| ()),
                    Cell::Date(y, m, d) => {
                        let dt =
                            rust_xlsxwriter::ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
                        ws.write_datetime_with_format(r, c, &dt, &date).map(|_| ())
                    }
                    Cell::Blank => Ok(()),
                }
                .expect("write cell");
            }
        }
        wb.save(path).expect("save");
        if self.uncalculated_formulas {
            // rust_xlsxwriter stores the result "" as `t="str"` with `<v></v>`, which
            // is how Excel stores a calculated empty text; a formula never
            // calculated has no `<v>` at all.
            rewrite_parts(path, |name, text| {
                name.starts_with("xl/worksheets/")
                    .then(|| text.replace("</f><v></v></c>", "</f></c>"))
            });
        }
    }
}

/// Rewrites the parts of a zip file in place: `edit(name, text)` returns the new
/// text of a part, or `None` to keep it.
pub fn rewrite_parts(path: &Path, edit: impl Fn(&str, &str) -> Option<String>) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).expect("read");
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read entry");
        if let Some(text) = std::str::from_utf8(&data).ok().and_then(|t| edit(&name, t)) {
            data = text.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&data).expect("write");
    }
    std::fs::write(path, out.finish().expect("finish").into_inner()).expect("write zip");
}

/// Rewrites a written xlsx: every cached string result `value` becomes an error
/// value (`t="e"`), as Excel stores `#SPILL!` or `#CALC!` — which rust_xlsxwriter
/// cannot write itself.
pub fn make_error_values(path: &Path, value: &str) {
    let needle = format!("<v>{value}</v>");
    rewrite_parts(path, |name, text| {
        name.starts_with("xl/worksheets/").then(|| {
            text.split_inclusive("</c>")
                .map(|piece| {
                    if piece.contains(&needle) {
                        piece.replace("t=\"str\"", "t=\"e\"")
                    } else {
                        piece.to_string()
                    }
                })
                .collect()
        })
    });
}

/// A scratch folder with `input/` and `output/`, and the binary's last result.
pub struct Run {
    pub dir: tempfile::TempDir,
}

#[derive(Debug)]
pub struct Outcome {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("input")).expect("input");
        Run { dir }
    }

    pub fn input(&self) -> PathBuf {
        self.dir.path().join("input")
    }

    pub fn output(&self) -> PathBuf {
        self.dir.path().join("output")
    }

    pub fn workbook(&self) -> PathBuf {
        self.output().join("konsoliderad-budget-2023.xlsx")
    }

    pub fn json_path(&self) -> PathBuf {
        self.dir.path().join("report.json")
    }

    pub fn add(self, file: &str, template: &Template) -> Self {
        template.write(&self.input().join(file));
        self
    }

    pub fn add_bytes(self, file: &str, bytes: &[u8]) -> Self {
        std::fs::write(self.input().join(file), bytes).expect("write");
        self
    }

    pub fn config(self, text: &str) -> Self {
        std::fs::write(self.input().join("budget.toml"), text).expect("config");
        self
    }

    /// Runs the binary with `args`, from the scratch folder.
    pub fn exec(&self, args: &[&str]) -> Outcome {
        self.exec_env(args, &[])
    }

    pub fn exec_env(&self, args: &[&str], env: &[(&str, &str)]) -> Outcome {
        let out = Command::new(BIN)
            .args(args)
            .envs(env.iter().copied())
            .current_dir(self.dir.path())
            .output()
            .expect("run");
        Outcome {
            status: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// [`Run::exec_env`] under `timeout` (coreutils), so that a hang fails the test
    /// instead of stalling it; `prefix` runs before the binary (e.g. `prlimit …`).
    pub fn exec_bounded(
        &self,
        seconds: u32,
        prefix: &[&str],
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Outcome {
        let out = Command::new("timeout")
            .arg(seconds.to_string())
            .args(prefix)
            .arg(BIN)
            .args(args)
            .envs(env.iter().copied())
            .current_dir(self.dir.path())
            .output()
            .expect("timeout (coreutils)");
        let status = out.status.code().unwrap_or(-1);
        assert_ne!(status, 124, "{args:?} did not finish in {seconds} s");
        Outcome {
            status,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `consolidate input --out output --json report.json` plus `extra`.
    pub fn consolidate(&self, extra: &[&str]) -> Outcome {
        self.consolidate_env(extra, &[])
    }

    /// [`Run::consolidate`] with extra environment variables.
    pub fn consolidate_env(&self, extra: &[&str], env: &[(&str, &str)]) -> Outcome {
        let mut args = vec![
            "consolidate",
            "input",
            "--out",
            "output",
            "--json",
            "report.json",
        ];
        args.extend_from_slice(extra);
        self.exec_env(&args, env)
    }

    pub fn report(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(self.json_path()).expect("report.json");
        serde_json::from_str(&text).expect("json")
    }
}

/// A finding from the JSON report.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub severity: String,
    pub code: String,
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub cell: Option<String>,
    pub message: String,
}

pub fn findings(report: &serde_json::Value) -> Vec<Found> {
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| Found {
            severity: s(&f["severity"]).unwrap_or_default(),
            code: s(&f["code"]).unwrap_or_default(),
            file: s(&f["file"]),
            sheet: s(&f["sheet"]),
            cell: s(&f["cell"]),
            message: s(&f["message"]).unwrap_or_default(),
        })
        .collect()
}

/// Runs a Python script with openpyxl (another program's reader) on `book`; returns
/// its standard output. The script fails the test when it fails.
pub fn openpyxl(script: &str, book: &Path) -> String {
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(book)
        .output()
        .expect("python3 with openpyxl (pip install openpyxl)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A sheet of a written workbook, read back with calamine: (row, col) → text.
pub fn read_sheet(path: &Path, sheet: &str) -> BTreeMap<(u32, u32), String> {
    let mut wb = calamine::open_workbook_auto(path).expect("open workbook");
    let range = wb.worksheet_range(sheet).expect("sheet");
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range
        .used_cells()
        .map(|(r, c, v)| {
            let text = match v {
                Data::Float(x) => x.to_string(),
                Data::Int(x) => x.to_string(),
                other => other.to_string(),
            };
            ((r0 + r as u32, c0 + c as u32), text)
        })
        .collect()
}

/// The rows of a sheet as vectors of cell texts ("" for empty), first `width` columns.
pub fn sheet_rows(path: &Path, sheet: &str, width: u32) -> Vec<Vec<String>> {
    let cells = read_sheet(path, sheet);
    let last = cells.keys().map(|(r, _)| *r).max().unwrap_or(0);
    (0..=last)
        .map(|r| {
            (0..width)
                .map(|c| cells.get(&(r, c)).cloned().unwrap_or_default())
                .collect()
        })
        .collect()
}
