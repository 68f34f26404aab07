//! `budget-consolidator consolidate [DIR] …`: discover → load (in parallel) →
//! cross-area checks → consolidate → write the workbook (unless errors without
//! `--partial`) → report.
//!
//! Reading and writing overlap: as files finish loading they pass, in input order,
//! through a reorder buffer ([`Pipeline`]) to whichever worker is free to write.
//! [`validate::Inclusion`] admits each file provisionally, and the rows of each
//! admitted area are streamed into the `Initiativ` sheet at once ([`StreamedSheet`]);
//! the file keeps only its sums. Once all are read, the same `Inclusion` gives the
//! final verdict; the rare file excluded only by the whole run (a duplicate area,
//! or years that most areas do not share) makes the sheet be written again from the
//! included files, with the same calls, so the bytes are the same.

use super::Outcome;
use super::{not_ours, read_back};
use crate::consolidate::consolidate;
use crate::discover::discover;
use crate::error::Error;
use crate::finding::{Finding, Severity};
use crate::labels::{self, audit, terminal};
use crate::lang::Lang;
use crate::load::{Loaded, Status, load};
use crate::provenance::{RunRecord, relative_path};
use crate::report::{self, Counts};
use crate::settings::ConsolidateSettings;
use crate::validate;
use crate::write::{self, Output};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn run(s: &ConsolidateSettings, lang: Lang, quiet: bool) -> Result<Outcome, Error> {
    let produced = produce(s, lang, quiet, None)?;
    super::print_text(&produced.text, s.json.as_deref());
    Ok(Outcome {
        errors: produced.errors,
    })
}

/// What one run produced: whether it had errors, the terminal text, the workbook.
#[derive(Debug)]
pub(crate) struct Produced {
    pub errors: bool,
    pub text: String,
    pub written: Option<PathBuf>,
}

/// `verify`'s re-run: the workbook goes to `dest`, and `run` (the recorded run) is
/// written into it, so links and the `Körning` block are those of the original.
#[derive(Debug)]
pub(crate) struct Redo {
    pub dest: PathBuf,
    pub run: RunRecord,
}

/// The whole run, without printing.
pub(crate) fn produce(
    s: &ConsolidateSettings,
    lang: Lang,
    quiet: bool,
    redo: Option<Redo>,
) -> Result<Produced, Error> {
    let found = discover(&s.input, &s.skip)?;
    let record = match &redo {
        Some(r) => r.run.clone(),
        None => run_record(s, lang),
    };
    let previous = s.previous.as_deref().map(read_previous).transpose()?;
    let Stream {
        mut files,
        inclusion,
        mut sheet,
    } = read_streaming(s, &found, &record, previous.is_some(), quiet);
    let snapshots = sheet.snapshots.take();

    let run = inclusion.verdict(&mut files);
    let cons = consolidate(&files, run.budget_year, &run.years, s.config.as_ref());
    let findings = super::ordered_findings(&files, &found.skipped, &run.findings);
    let changes = match (&previous, snapshots) {
        (Some(previous), Some(snapshots)) => Some(changes_since(previous, snapshots, &cons)),
        _ => None,
    };
    let errors = findings.iter().any(|f| f.severity == Severity::Error);
    let round = crate::rounds::Round::plan(s.config.as_ref(), cons.budget_year, &files, s.today());

    let mut written = None;
    if !errors || s.partial {
        let contents = write::Contents {
            consolidation: &cons,
            files: &files,
            findings: &findings,
            banner: if errors {
                banner(&files, &run.findings)
            } else {
                Vec::new()
            },
            lang,
            round: Some(&round),
            run: &record,
            changes: changes.as_deref(),
        };
        let dest = redo.as_ref().map_or_else(
            || write::output_path(&s.out_dir, cons.budget_year),
            |r| r.dest.clone(),
        );
        write_workbook(sheet, &contents, &run.years, &dest)?;
        written = Some(dest);
    }
    if let Some(path) = &s.json {
        let status = json_status(errors, s.partial);
        super::write_json(path, &report::json::report(&cons, &findings, status, lang))?;
    }
    let feedback = match &s.feedback {
        Some(dir) => super::write_feedback(dir, &files, &findings, lang, true)?,
        None => Vec::new(),
    };

    let mut out = findings_and_table(&files, &cons, &findings, quiet, lang);
    super::list_feedback(&mut out, &feedback, lang);
    if let Some(line) = crate::rounds::summary_line(&round.submissions, lang) {
        out.push_str(&line);
    }
    if let (Some(changes), Some(path)) = (&changes, &s.previous) {
        out.push_str(&crate::changes::summary(changes, path, lang));
    }
    match &written {
        Some(path) => out.push_str(&format!("{} {}\n", terminal::wrote(lang), path.display())),
        None => out.push_str(&not_written(&files, quiet, lang)),
    }
    Ok(Produced {
        errors,
        text: out,
        written,
    })
}

/// The `Körning` block of this run: what re-running it needs.
fn run_record(s: &ConsolidateSettings, lang: Lang) -> RunRecord {
    RunRecord::new(
        relative_path(&s.out_dir, &s.input),
        s.partial,
        s.latest_version,
        lang,
        s.config_text.clone(),
    )
    .with_today(
        s.config
            .as_ref()
            .and_then(|c| c.rounds.as_ref())
            .map(|_| s.today().to_string()),
    )
}

/// Every workbook found, loaded in parallel and passed in input order through the
/// inclusion rules into the streamed `Initiativ` sheet.
fn read_streaming<'c>(
    s: &'c ConsolidateSettings,
    found: &crate::discover::Discovered,
    record: &RunRecord,
    snapshots: bool,
    quiet: bool,
) -> Stream<'c> {
    let inputs: Vec<(PathBuf, String)> = found
        .workbooks
        .iter()
        .map(|i| (i.path.clone(), i.name.clone()))
        .collect();
    let stream = Stream {
        // Every file is kept to the end: room for all at once, not grown by doubling.
        files: Vec::with_capacity(inputs.len()),
        inclusion: validate::Inclusion::new(s.config.as_ref(), s.latest_version),
        sheet: StreamedSheet::new(&record.input, snapshots),
    };
    let pipeline = Pipeline {
        pending: Mutex::new(BTreeMap::new()),
        next: AtomicUsize::new(0),
        stream: Mutex::new(stream),
    };
    super::for_each_loaded(&inputs, s.feedback.is_some(), quiet, |i, loaded| {
        pipeline.deliver(i, loaded)
    });
    pipeline.drain(true);
    pipeline
        .stream
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
}

/// What changed since the earlier consolidation (`--previous`): its `Initiativ`
/// sheet against the areas included now, by the figures taken while streaming.
fn changes_since(
    previous: &[crate::grid::WrittenCell],
    mut snapshots: BTreeMap<String, crate::changes::AreaSnapshot>,
    cons: &crate::consolidate::Consolidation,
) -> Vec<crate::changes::AreaChanges> {
    let earlier =
        crate::changes::snapshot_from_initiatives(previous, cons.budget_year).unwrap_or_default();
    let now = crate::changes::Snapshot {
        areas: cons
            .included()
            .map(|a| {
                let mut snap = snapshots
                    .remove(&a.file)
                    .unwrap_or_else(|| crate::changes::area_snapshot(&a.area, a.plan));
                snap.area = a.area.clone();
                snap
            })
            .collect(),
    };
    crate::changes::compare(&earlier, &now)
}

/// The consolidated workbook, its `Initiativ` sheet from the stream, at `dest`.
fn write_workbook(
    sheet: StreamedSheet,
    contents: &write::Contents,
    years: &[i32],
    dest: &Path,
) -> Result<(), Error> {
    let fail = |reason: String| Error::Output {
        path: dest.to_path_buf(),
        reason: reason.into(),
    };
    let output = sheet.finish(contents.files, years).map_err(fail)?;
    output
        .finish(contents, dest, rayon::current_num_threads())
        .map_err(fail)
}

/// The run's status in the JSON report.
pub(super) fn json_status(errors: bool, partial: bool) -> &'static str {
    match (errors, partial) {
        (false, _) => "ok",
        (true, true) => "partial",
        (true, false) => "errors",
    }
}

/// The findings (none with `-q`), the counts, and the table of the areas.
fn findings_and_table(
    files: &[Loaded],
    cons: &crate::consolidate::Consolidation,
    findings: &[Finding],
    quiet: bool,
    lang: Lang,
) -> String {
    let counts = Counts::of(files, cons, findings);
    let mut out = report::terminal::render(if quiet { &[] } else { findings }, &counts, lang);
    if !quiet {
        let table = report::table::render(cons, files, lang);
        if !table.is_empty() {
            out.push('\n');
            out.push_str(&table);
            out.push('\n');
        }
    }
    out
}

/// Why no workbook was written, and what to do: "the errors above" only when
/// they are listed above (not with `-q`); a file that names no area is said to
/// be one, rather than counted among "the areas that have errors".
fn not_written(files: &[Loaded], quiet: bool, lang: Lang) -> String {
    let unattributed: Vec<&str> = files
        .iter()
        .filter(|f| f.status == Status::Errors && f.area.is_none())
        .map(|f| f.file.as_str())
        .collect();
    let with_area = files
        .iter()
        .any(|f| f.status == Status::Errors && f.area.is_some());
    terminal::no_workbook(quiet, with_area, &unattributed, lang)
}

/// Loaded files in, in any order; streamed out in input order.
struct Pipeline<'c> {
    pending: Mutex<BTreeMap<usize, Loaded>>,
    /// The next index the stream expects (mirrors `Stream::files.len()`).
    next: AtomicUsize,
    stream: Mutex<Stream<'c>>,
}

impl Pipeline<'_> {
    fn deliver(&self, index: usize, loaded: Loaded) {
        lock(&self.pending).insert(index, loaded);
        self.drain(false);
    }

    /// Passes every file that is next in order to the stream. A worker that finds
    /// the stream busy goes back to reading; the one writing picks its file up.
    fn drain(&self, wait: bool) {
        loop {
            let mut stream = if wait {
                lock(&self.stream)
            } else {
                match self.stream.try_lock() {
                    Ok(stream) => stream,
                    Err(_) => return,
                }
            };
            loop {
                let next = stream.files.len();
                let Some(loaded) = lock(&self.pending).remove(&next) else {
                    break;
                };
                stream.accept(loaded);
                self.next.store(stream.files.len(), Ordering::Release);
            }
            drop(stream);
            // A file may have arrived after the last look and before the unlock.
            if !lock(&self.pending).contains_key(&self.next.load(Ordering::Acquire)) {
                return;
            }
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The files in input order, as the inclusion rules see them, and the sheet
/// their admitted rows stream into.
struct Stream<'c> {
    files: Vec<Loaded>,
    inclusion: validate::Inclusion<'c>,
    sheet: StreamedSheet,
}

impl Stream<'_> {
    fn accept(&mut self, mut loaded: Loaded) {
        super::drop_lead_reminders(&mut loaded);
        if let Some(area) = self.inclusion.admit(&loaded) {
            let years = self.inclusion.plan_years().to_vec();
            if !self.sheet.push(&area, &years, &mut loaded) {
                self.inclusion.close();
            }
        }
        self.files.push(loaded);
    }
}

/// The `Initiativ` sheet, written while the files are read: each admitted area's
/// rows go in at once and are dropped from the file, which keeps its sums. At the
/// end, [`StreamedSheet::finish`] hands the sheet over if it holds exactly the
/// areas finally included, under the same years; otherwise it writes the sheet
/// again from the included files, with the same calls, so the bytes are the same.
struct StreamedSheet {
    /// The input folder as seen from the output folder, for the source links.
    base: String,
    output: Option<Output>,
    /// A write failure while streaming; the sheet is then written again at the end.
    error: Option<String>,
    /// With `--previous`: per file streamed, its initiatives' figures, taken
    /// before its rows are dropped.
    snapshots: Option<BTreeMap<String, crate::changes::AreaSnapshot>>,
}

impl StreamedSheet {
    fn new(base: &str, snapshots: bool) -> Self {
        StreamedSheet {
            base: base.to_string(),
            output: None,
            error: None,
            snapshots: snapshots.then(BTreeMap::new),
        }
    }

    /// Writes one area's rows; false when writing failed (nothing more is written).
    fn push(&mut self, area: &str, years: &[i32], loaded: &mut Loaded) -> bool {
        let Some(plan) = loaded.plan.as_mut() else {
            return true;
        };
        let output = match &mut self.output {
            Some(o) => o,
            None => match Output::new(years, &self.base) {
                Ok(o) => self.output.insert(o),
                Err(e) => {
                    self.error = Some(e.to_string());
                    return false;
                }
            },
        };
        match output.push_area(area, &loaded.file, plan) {
            Ok(()) => {
                if let Some(snapshots) = &mut self.snapshots {
                    snapshots.insert(
                        loaded.file.clone(),
                        crate::changes::area_snapshot(area, plan),
                    );
                }
                // The rows are in the workbook now; the file keeps its sums.
                plan.budget.rows = Vec::new();
                plan.plan.rows = Vec::new();
                true
            }
            Err(e) => {
                self.error = Some(e.to_string());
                false
            }
        }
    }

    /// The workbook with the `Initiativ` sheet of the files finally included.
    fn finish(self, files: &[Loaded], years: &[i32]) -> Result<Output, String> {
        let included: Vec<(String, String)> = files
            .iter()
            .filter(|f| f.status == Status::Included)
            .map(|f| (f.file.clone(), f.area.clone().unwrap_or_default()))
            .collect();
        match self.output {
            Some(o)
                if self.error.is_none()
                    && o.years() == years
                    && o.pushed() == included.as_slice() =>
            {
                Ok(o)
            }
            _ => write_again(files, years, &self.base),
        }
    }
}

/// Writes the `Initiativ` sheet again from the included files, reading them anew
/// (their rows were dropped once streamed). Same calls, same bytes.
fn write_again(files: &[Loaded], years: &[i32], base: &str) -> Result<Output, String> {
    let mut output = Output::new(years, base).map_err(|e| e.to_string())?;
    for f in files.iter().filter(|f| f.status == Status::Included) {
        let again = load(&f.path, &f.file, false);
        let (Some(plan), true) = (&again.plan, again.sha256 == f.sha256) else {
            return Err(format!(
                "{} changed while it was being read; run again",
                f.file
            ));
        };
        let area = f.area.clone().unwrap_or_default();
        output
            .push_area(&area, &f.file, plan)
            .map_err(|e| e.to_string())?;
    }
    Ok(output)
}

/// The `Initiativ` sheet of an earlier consolidation (`--previous`).
fn read_previous(path: &Path) -> Result<Vec<crate::grid::WrittenCell>, Error> {
    let sheets = read_back(path)?;
    let cells = sheets
        .into_iter()
        .find(|(name, _)| name == crate::labels::OUT_INITIATIVES)
        .map(|(_, cells)| cells)
        .ok_or_else(|| not_ours(path, audit::NO_INITIATIVES))?;
    if crate::changes::snapshot_from_initiatives(&cells, None).is_none() {
        return Err(not_ours(path, audit::NOT_INITIATIVES_COLUMNS));
    }
    Ok(cells)
}

/// The `--partial` banner: which areas are missing from the workbook, and why.
fn banner(files: &[Loaded], global: &[Finding]) -> Vec<String> {
    let mut lines = vec![labels::BANNER_TITLE.to_string()];
    for f in files.iter().filter(|f| f.status == Status::Errors) {
        let codes = f.error_codes();
        let errors = f
            .findings
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .count();
        let who = match &f.area {
            Some(area) => format!("{area} ({})", f.file),
            None => labels::banner_unattributed(&f.file),
        };
        lines.push(labels::banner_file(&who, errors, &codes));
    }
    for g in global.iter().filter(|g| g.severity == Severity::Error) {
        lines.push(format!("• {}", g.message(Lang::Sv)));
    }
    lines.push(labels::banner_end());
    lines
}
