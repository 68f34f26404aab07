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
use crate::report::{self, Counts};
use crate::settings::{Config, ConsolidateSettings};
use crate::validate;
use crate::write::{self, Output};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn run(s: &ConsolidateSettings, lang: Lang, quiet: bool) -> Result<Outcome, Error> {
    refuse_output_in_input(&s.input, &s.out_dir)?;
    if let Some(dir) = &s.feedback {
        refuse_output_in_input(&s.input, dir)?;
    }
    let found = discover(&s.input, &s.skip)?;
    let inputs: Vec<(PathBuf, String)> = found
        .workbooks
        .iter()
        .map(|i| (i.path.clone(), i.name.clone()))
        .collect();
    let stream = Stream::new(s.config.as_ref());
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
        ..
    } = stream;

    let run = validate::run::check(&mut files, s.config.as_ref(), s.latest_version);
    let cons = consolidate(&files, run.budget_year, &run.years, s.config.as_ref());
    let findings = super::ordered_findings(&files, &found.skipped, &run.findings);
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
        };
        let dest = write::output_path(&s.out_dir, cons.budget_year);
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
            _ => rebuild(&files, &run.years).map_err(fail)?,
        };
        output
            .finish(&contents, &dest, rayon::current_num_threads())
            .map_err(fail)?;
        written = Some(dest);
    }
    if let Some(path) = &s.json {
        let json = report::json::to_string(&report::json::report(&cons, &findings, status, lang));
        std::fs::write(path, json + "\n").map_err(|e| Error::Json {
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
    super::list_feedback(&mut out, &feedback, lang);
    if let Some(line) = crate::rounds::summary_line(&round.submissions, lang) {
        out.push_str(&line);
    }
    match &written {
        Some(path) => out.push_str(&format!("{} {}\n", lang.pick("Skrev", "Wrote"), path.display())),
        None => out.push_str(lang.pick(
            "Ingen arbetsbok skrevs: rätta felen ovan, eller kör med --partial för att sammanställa utan de tjänsteområden som har fel.\n",
            "No workbook was written: correct the errors above, or run with --partial to consolidate without the areas that have errors.\n",
        )),
    }
    print!("{out}");
    Ok(Outcome { errors })
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
    files: Vec<Loaded>,
    output: Option<Output>,
    /// Budget year and plan years of the first area written (without a
    /// configuration, the provisional expectation for the others).
    years: Option<(i32, Vec<i32>)>,
    areas: HashSet<String>,
    /// A write failure while streaming; the workbook is then rebuilt at the end.
    error: Option<String>,
}

impl<'c> Stream<'c> {
    fn new(config: Option<&'c Config>) -> Self {
        let years = config.and_then(|c| Some((c.budget_year?, c.years.clone()?)));
        Stream {
            config,
            files: Vec::new(),
            output: None,
            years,
            areas: HashSet::new(),
            error: None,
        }
    }

    fn accept(&mut self, mut loaded: Loaded) {
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
            None => match Output::new(&years) {
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
fn rebuild(files: &[Loaded], years: &[i32]) -> Result<Output, String> {
    let mut output = Output::new(years).map_err(|e| e.to_string())?;
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
        let area = f
            .area
            .clone()
            .unwrap_or_else(|| "okänt tjänsteområde".into());
        lines.push(format!(
            "• {area} ({}): {errors} fel – {}",
            f.file,
            codes.join(", ")
        ));
    }
    for g in global.iter().filter(|g| g.severity == Severity::Error) {
        lines.push(format!("• {}", g.message(Lang::Sv)));
    }
    lines.push("Se bladet Kontroller.".into());
    lines
}

/// An output folder inside the input folder would be read as input next time.
pub(super) fn refuse_output_in_input(input: &Path, out_dir: &Path) -> Result<(), Error> {
    let absolute = |p: &Path| -> PathBuf {
        p.canonicalize()
            .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
    };
    let (input, out) = (absolute(input), absolute(out_dir));
    if out.starts_with(&input) {
        return Err(Error::OutputInInput {
            path: out_dir.to_path_buf(),
        });
    }
    Ok(())
}
