//! `budget-consolidator consolidate [DIR] …`: discover → load (in parallel) →
//! cross-area checks → consolidate → write the workbook (unless errors without
//! `--partial`) → report.
//!
//! Reading and writing overlap: as files finish loading they pass, in input order,
//! through a reorder buffer to whichever worker is free to write, and the rows of
//! each file that will be included are streamed into the `Initiativ` sheet at once;
//! the file keeps only its sums. Inclusion is decided provisionally from the file
//! itself and the configuration; the rare file excluded only by the whole run
//! (a duplicate area, or years that most areas do not share) makes the workbook be
//! rebuilt from the included files, with the same calls, so the bytes are the same.

use super::Outcome;
use crate::consolidate::consolidate;
use crate::discover::discover;
use crate::error::Error;
use crate::finding::{Finding, Severity};
use crate::labels::normalize;
use crate::lang::Lang;
use crate::load::{Loaded, Status, load};
use crate::provenance::{RunRecord, relative_path};
use crate::report::{self, Counts};
use crate::settings::{Config, ConsolidateSettings};
use crate::validate;
use crate::write::{self, Output};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn run(s: &ConsolidateSettings, lang: Lang, quiet: bool) -> Result<Outcome, Error> {
    let produced = produce(s, lang, quiet, None)?;
    print!("{}", produced.text);
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
    let inputs: Vec<(PathBuf, String)> = found
        .workbooks
        .iter()
        .map(|i| (i.path.clone(), i.name.clone()))
        .collect();
    let record = match &redo {
        Some(r) => r.run.clone(),
        None => RunRecord::new(
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
        ),
    };
    let previous = match &s.previous {
        Some(path) => Some(read_previous(path)?),
        None => None,
    };
    let mut stream = Stream::new(s.config.as_ref(), &record.input);
    stream.snapshots = previous.as_ref().map(|_| BTreeMap::new());
    let pipeline = Pipeline {
        pending: Mutex::new(BTreeMap::new()),
        next: AtomicUsize::new(0),
        stream: Mutex::new(stream),
    };
    super::for_each_loaded(&inputs, s.feedback.is_some(), quiet, |i, loaded| {
        pipeline.deliver(i, loaded)
    });
    pipeline.drain(true);
    let stream = pipeline
        .stream
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let Stream {
        mut files,
        output,
        error,
        snapshots,
        ..
    } = stream;

    let run = validate::run::check(&mut files, s.config.as_ref(), s.latest_version);
    let cons = consolidate(&files, run.budget_year, &run.years, s.config.as_ref());
    let findings = super::ordered_findings(&files, &found.skipped, &run.findings);
    let changes = match (&previous, snapshots) {
        (Some(previous), Some(mut snapshots)) => {
            let earlier = crate::changes::snapshot_from_initiatives(previous, cons.budget_year)
                .unwrap_or_default();
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
            Some(crate::changes::compare(&earlier, &now))
        }
        _ => None,
    };
    let errors = findings.iter().any(|f| f.severity == Severity::Error);
    let round = crate::rounds::Round::plan(s.config.as_ref(), cons.budget_year, &files, s.today());
    let status = match (errors, s.partial) {
        (false, _) => "ok",
        (true, true) => "partial",
        (true, false) => "errors",
    };

    let mut written = None;
    if !errors || s.partial {
        let banner = if errors {
            banner(&files, &run.findings)
        } else {
            Vec::new()
        };
        let contents = write::Contents {
            consolidation: &cons,
            files: &files,
            findings: &findings,
            banner,
            lang,
            round: Some(&round),
            run: &record,
            changes: changes.as_deref(),
        };
        let dest = match &redo {
            Some(r) => r.dest.clone(),
            None => write::output_path(&s.out_dir, cons.budget_year),
        };
        let fail = |reason: String| Error::Output {
            path: dest.clone(),
            reason,
        };
        let included: Vec<(String, String)> = files
            .iter()
            .filter(|f| f.status == Status::Included)
            .map(|f| (f.file.clone(), f.area.clone().unwrap_or_default()))
            .collect();
        let output = match output {
            Some(o)
                if error.is_none()
                    && o.years() == run.years.as_slice()
                    && o.pushed() == included.as_slice() =>
            {
                o
            }
            _ => rebuild(&files, &run.years, &record.input).map_err(fail)?,
        };
        output
            .finish(&contents, &dest, rayon::current_num_threads())
            .map_err(fail)?;
        written = Some(dest);
    }
    if let Some(path) = &s.json {
        let json = report::json::to_string(&report::json::report(&cons, &findings, status, lang));
        write::save_atomically((json + "\n").as_bytes(), path).map_err(|e| Error::Json {
            path: path.clone(),
            reason: e.to_string(),
        })?;
    }
    let feedback = match &s.feedback {
        Some(dir) => super::write_feedback(dir, &files, &findings, lang, true)?,
        None => Vec::new(),
    };

    let counts = Counts::of(files.len(), &cons, &findings);
    let mut out = report::terminal::render(if quiet { &[] } else { &findings }, &counts, lang);
    if !quiet {
        let table = report::table::render(&cons, &files, lang);
        if !table.is_empty() {
            out.push('\n');
            out.push_str(&table);
            out.push('\n');
        }
    }
    super::list_feedback(&mut out, &feedback, lang);
    if let Some(line) = crate::rounds::summary_line(&round.submissions, lang) {
        out.push_str(&line);
    }
    if let (Some(changes), Some(path)) = (&changes, &s.previous) {
        out.push_str(&crate::changes::summary(changes, path, lang));
    }
    match &written {
        Some(path) => out.push_str(&format!(
            "{} {}\n",
            lang.pick("Skrev", "Wrote"),
            path.display()
        )),
        None => out.push_str(&not_written(&files, quiet, lang)),
    }
    Ok(Produced {
        errors,
        text: out,
        written,
    })
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
    let fix = match (quiet, lang) {
        (false, Lang::Sv) => "rätta felen ovan",
        (false, Lang::En) => "correct the errors above",
        (true, Lang::Sv) => "rätta felen (kör utan -q för att se dem)",
        (true, Lang::En) => "correct the errors (run without -q to see them)",
    };
    let leave_out = match (with_area, unattributed.is_empty(), lang) {
        (_, true, Lang::Sv) => "utan de tjänsteområden som har fel".to_string(),
        (_, true, Lang::En) => "without the areas that have errors".to_string(),
        (true, false, Lang::Sv) => format!(
            "utan de tjänsteområden som har fel och utan {}, som inte kan knytas till något tjänsteområde",
            unattributed.join(", ")
        ),
        (true, false, Lang::En) => format!(
            "without the areas that have errors and without {}, which cannot be attributed to any area",
            unattributed.join(", ")
        ),
        (false, false, Lang::Sv) => format!(
            "utan {}, som inte kan knytas till något tjänsteområde",
            unattributed.join(", ")
        ),
        (false, false, Lang::En) => format!(
            "without {}, which cannot be attributed to any area",
            unattributed.join(", ")
        ),
    };
    match lang {
        Lang::Sv => format!(
            "Ingen arbetsbok skrevs: {fix}, eller kör med --partial för att sammanställa {leave_out}.\n"
        ),
        Lang::En => format!(
            "No workbook was written: {fix}, or run with --partial to consolidate {leave_out}.\n"
        ),
    }
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

/// The files in input order, and the workbook their included rows stream into.
struct Stream<'c> {
    config: Option<&'c Config>,
    /// The input folder as seen from the output folder, for the source links.
    base: String,
    files: Vec<Loaded>,
    output: Option<Output>,
    /// Budget year and plan years of the first area written (without a
    /// configuration, the provisional expectation for the others).
    years: Option<(i32, Vec<i32>)>,
    areas: HashSet<String>,
    /// A write failure while streaming; the workbook is then rebuilt at the end.
    error: Option<String>,
    /// With `--previous`: per file streamed, its initiatives' figures, taken
    /// before its rows are dropped.
    snapshots: Option<BTreeMap<String, crate::changes::AreaSnapshot>>,
}

impl<'c> Stream<'c> {
    fn new(config: Option<&'c Config>, base: &str) -> Self {
        let years = config.and_then(|c| Some((c.budget_year?, c.years.clone()?)));
        Stream {
            config,
            base: base.to_string(),
            files: Vec::new(),
            output: None,
            years,
            areas: HashSet::new(),
            error: None,
            snapshots: None,
        }
    }

    fn accept(&mut self, mut loaded: Loaded) {
        // An empty Datum or Ansvarig is the lead's to fill in before sending (`check`
        // says so); both are optional, so the consolidation does not repeat it.
        loaded
            .findings
            .retain(|f| !matches!(f.kind, crate::finding::Kind::EmptyMetadata { .. }));
        if let Some(area) = self.provisional_area(&loaded) {
            self.write(&area, &mut loaded);
        }
        self.files.push(loaded);
    }

    /// The area name under which a file will most likely be included, if it will.
    fn provisional_area(&mut self, f: &Loaded) -> Option<String> {
        let plan = f.plan.as_ref()?;
        if f.has_errors() || self.error.is_some() {
            return None;
        }
        let config_area = self.config.map(|c| c.area_for(&plan.meta.area));
        let area = match config_area {
            Some(Some(a)) => a.name.clone(),
            Some(None) => return None,
            None => plan.meta.area.clone(),
        };
        let years = (plan.meta.budget_year, plan.plan.years.clone());
        if self.years.get_or_insert_with(|| years.clone()) != &years
            || self.areas.contains(&normalize(&area))
        {
            return None;
        }
        let frame = self
            .config
            .and_then(|c| c.area_for(&area))
            .and_then(|a| a.frame);
        if frame.is_some_and(|frame| plan.budget.sum_amount > frame) {
            return None;
        }
        Some(area)
    }

    fn write(&mut self, area: &str, loaded: &mut Loaded) {
        let Some(plan) = loaded.plan.as_mut() else {
            return;
        };
        let years = self
            .years
            .as_ref()
            .map(|(_, y)| y.clone())
            .unwrap_or_default();
        let output = match &mut self.output {
            Some(o) => o,
            None => match Output::new(&years, &self.base) {
                Ok(o) => self.output.insert(o),
                Err(e) => {
                    self.error = Some(e.to_string());
                    return;
                }
            },
        };
        match output.push_area(area, &loaded.file, plan) {
            Ok(()) => {
                self.areas.insert(normalize(area));
                if let Some(snapshots) = &mut self.snapshots {
                    snapshots.insert(
                        loaded.file.clone(),
                        crate::changes::area_snapshot(area, plan),
                    );
                }
                // The rows are in the workbook now; the file keeps its sums.
                plan.budget.rows = Vec::new();
                plan.plan.rows = Vec::new();
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }
}

/// Builds the `Initiativ` sheet again from the included files, reading them anew
/// (their rows were dropped once streamed). Same calls, same bytes.
fn rebuild(files: &[Loaded], years: &[i32], base: &str) -> Result<Output, String> {
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
    let not_ours = |sv: &str, en: &str| Error::NotConsolidated {
        path: path.to_path_buf(),
        sv: sv.to_string(),
        en: en.to_string(),
    };
    let bytes = std::fs::read(path).map_err(|e| {
        not_ours(
            &format!("filen kan inte läsas: {e}"),
            &format!("the file cannot be read: {e}"),
        )
    })?;
    let sheets = crate::grid::read_written_workbook(&bytes).map_err(|_| {
        not_ours(
            "filen kan inte läsas som en xlsx-arbetsbok",
            "the file cannot be read as an xlsx workbook",
        )
    })?;
    let cells = sheets
        .into_iter()
        .find(|(name, _)| name == crate::labels::OUT_INITIATIVES)
        .map(|(_, cells)| cells)
        .ok_or_else(|| not_ours("bladet Initiativ saknas", "it has no sheet Initiativ"))?;
    if crate::changes::snapshot_from_initiatives(&cells, None).is_none() {
        return Err(not_ours(
            "bladet Initiativ har inte sammanställningens kolumner",
            "its sheet Initiativ does not have the consolidation's columns",
        ));
    }
    Ok(cells)
}

/// The `--partial` banner: which areas are missing from the workbook, and why.
fn banner(files: &[Loaded], global: &[Finding]) -> Vec<String> {
    let mut lines = vec!["OBS! Ofullständig sammanställning – följande saknas:".to_string()];
    for f in files.iter().filter(|f| f.status == Status::Errors) {
        let codes = f.error_codes();
        let errors = f
            .findings
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .count();
        let who = match &f.area {
            Some(area) => format!("{area} ({})", f.file),
            None => format!("{} (kan inte knytas till något tjänsteområde)", f.file),
        };
        lines.push(format!("• {who}: {errors} fel – {}", codes.join(", ")));
    }
    for g in global.iter().filter(|g| g.severity == Severity::Error) {
        lines.push(format!("• {}", g.message(Lang::Sv)));
    }
    lines.push("Se bladet Kontroller.".into());
    lines
}
