//! One module per subcommand; the exit status is decided here, in one place.

pub mod check;
pub mod consolidate;
pub mod diff;
pub mod follow_up;
pub mod follow_up_check;
pub mod follow_up_template;
pub mod template;
pub mod verify;

use crate::error::Error;
use crate::finding::Finding;
use crate::load::Loaded;
use crate::settings::{Settings, Task};

/// Exit statuses, as the README's "Exit status" lists them: 0 no error findings,
/// 1 at least one error finding, 2 usage or I/O failure (the run could not start
/// or could not write).
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_FATAL: i32 = 2;

/// What a command found: did any finding have severity error?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub errors: bool,
}

pub fn run(settings: &Settings) -> i32 {
    let result = match &settings.task {
        Task::Consolidate(s) => consolidate::run(s, settings.lang, settings.quiet),
        Task::Check(s) => check::run(s, settings.lang, settings.quiet),
        Task::Template(s) => template::run(s, settings.lang),
        Task::FollowUp(s) => follow_up::run(s, settings.lang, settings.quiet),
        Task::FollowUpTemplate(s) => follow_up_template::run(s, settings.lang, settings.quiet),
        Task::FollowUpCheck(s) => follow_up_check::run(s, settings.lang, settings.quiet),
        Task::Verify(s) => verify::run(s, settings.lang, settings.quiet),
        Task::Diff(s) => diff::run(s, settings.lang),
    };
    exit_status(&result, settings.lang)
}

pub fn exit_status(result: &Result<Outcome, Error>, lang: crate::lang::Lang) -> i32 {
    match result {
        Ok(Outcome { errors: false }) => EXIT_OK,
        Ok(Outcome { errors: true }) => EXIT_FINDINGS,
        Err(e) => {
            eprintln!("{}", e.message(lang));
            EXIT_FATAL
        }
    }
}

fn progress_bar(files: usize, quiet: bool) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressStyle};
    use std::io::IsTerminal;
    if quiet || files <= 8 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style =
        ProgressStyle::with_template("{bar:40.cyan/blue} {pos}/{len} filer · {elapsed_precise}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(files as u64).with_style(style)
}

/// Loads every file in parallel, one rayon task per file, and hands each result to
/// `each` (on the worker that loaded it). Files are handed out in input order as
/// workers come free (`par_bridge`), not in contiguous halves, so results arrive
/// nearly in order and a consumer that needs them in order buffers only a few. A
/// progress bar (files read / total, elapsed) shows on a terminal for more than a
/// handful of files, unless `quiet`.
pub fn for_each_loaded(
    inputs: &[(std::path::PathBuf, String)],
    keep_grids: bool,
    quiet: bool,
    each: impl Fn(usize, Loaded) + Sync + Send,
) {
    use rayon::prelude::*;
    let bar = progress_bar(inputs.len(), quiet);
    inputs
        .iter()
        .enumerate()
        .par_bridge()
        .for_each(|(i, (path, name))| {
            let loaded = crate::load::load(path, name, keep_grids);
            crate::load::failpoint_after_load();
            bar.inc(1);
            each(i, loaded);
        });
    bar.finish_and_clear();
}

/// Loads every file in parallel and returns them in input order.
/// An empty Datum or Ansvarig is the lead's to fill in before sending (`check`
/// says so); both fields are optional, so the coordinator's commands
/// (`consolidate`, `follow-up`) do not repeat it. Nor a template's Datum after
/// today's date (`future-date`, `check`'s too): it depends on the day the file is
/// read, which a consolidation does not record, so `verify` could not repeat it.
pub(crate) fn drop_lead_reminders(loaded: &mut Loaded) {
    use crate::finding::Kind;
    (loaded.findings)
        .retain(|f| !matches!(f.kind, Kind::EmptyMetadata { .. } | Kind::FutureDate { .. }));
    // The file is kept to the end of the run: without its room for the dropped ones.
    loaded.findings.shrink_to_fit();
}

pub fn load_all(
    inputs: &[(std::path::PathBuf, String)],
    keep_grids: bool,
    quiet: bool,
) -> Vec<Loaded> {
    use indicatif::ParallelProgressIterator;
    use rayon::prelude::*;
    let bar = progress_bar(inputs.len(), quiet);
    let loaded = inputs
        .par_iter()
        .progress_with(bar.clone())
        .map(|(path, name)| crate::load::load(path, name, keep_grids))
        .collect();
    bar.finish_and_clear();
    loaded
}

/// Writes the annotated feedback copies; an unwritable folder is fatal.
pub fn write_feedback(
    dir: &std::path::Path,
    files: &[Loaded],
    findings: &[Finding],
    lang: crate::lang::Lang,
    keep_folders: bool,
) -> Result<Vec<std::path::PathBuf>, Error> {
    crate::write::feedback::write_all(dir, files, findings, lang, keep_folders).map_err(
        |(path, reason)| Error::Output {
            path,
            reason: reason.into(),
        },
    )
}

/// The JSON report of `consolidate`, `check` or `follow-up check`, written to `path`.
pub fn write_json(
    path: &std::path::Path,
    report: &crate::report::json::Report,
) -> Result<(), Error> {
    write_json_text(path, crate::report::json::to_string(report))
}

/// A JSON report's text, written atomically to `path`, or to standard output when
/// `path` is `-` (as `--json -` asks, for a pipe into another program).
pub fn write_json_text(path: &std::path::Path, json: String) -> Result<(), Error> {
    let failed = |e: std::io::Error| Error::Json {
        path: path.to_path_buf(),
        reason: e.into(),
    };
    if json_to_stdout(Some(path)) {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all((json + "\n").as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(failed);
    }
    crate::write::save_atomically((json + "\n").as_bytes(), path).map_err(failed)
}

/// True when the JSON report goes to standard output (`--json -`).
pub fn json_to_stdout(json: Option<&std::path::Path>) -> bool {
    json.is_some_and(|p| p.as_os_str() == "-")
}

/// Prints a command's terminal text: on standard output, or on standard error when
/// the JSON report has standard output, so that the two never mix.
pub fn print_text(text: &str, json: Option<&std::path::Path>) {
    if json_to_stdout(json) {
        eprint!("{text}");
    } else {
        print!("{text}");
    }
}

/// Appends one line per feedback copy written.
/// The last line of `check` and `follow-up check`: what to do before sending. When
/// every error says the file is of another kind (`wrong-kind-of-file`), there is
/// nothing to correct in it: the line says to use the command its message names.
pub fn send_verdict(
    findings: &[Finding],
    unfilled: bool,
    one: bool,
    lang: crate::lang::Lang,
) -> &'static str {
    use crate::finding::{Kind, Severity};
    let errors: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    let any = !errors.is_empty();
    if any
        && errors
            .iter()
            .all(|f| matches!(f.kind, Kind::WrongKindOfFile { .. }))
    {
        let files: std::collections::BTreeSet<_> = errors.iter().map(|f| &f.file).collect();
        return crate::labels::terminal::wrong_kind_verdict(files.len() == 1, lang);
    }
    crate::labels::terminal::send_verdict(any, unfilled, one, lang)
}

pub fn list_feedback(out: &mut String, written: &[std::path::PathBuf], lang: crate::lang::Lang) {
    for path in written {
        out.push_str(&format!(
            "{} {}\n",
            crate::labels::terminal::wrote_feedback(lang),
            path.display()
        ));
    }
}

/// All findings of a run in report order: per file in input order (errors first
/// within a file), then those about the whole run.
pub fn ordered_findings(files: &[Loaded], skipped: &[Finding], global: &[Finding]) -> Vec<Finding> {
    let mut per_file: Vec<(&str, Vec<Finding>)> = files
        .iter()
        .map(|f| {
            let mut list = f.findings.clone();
            list.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            (f.file.as_str(), list)
        })
        .collect();
    for s in skipped {
        per_file.push((s.file.as_deref().unwrap_or(""), vec![s.clone()]));
    }
    per_file.sort_by(|a, b| a.0.cmp(b.0));
    let mut out: Vec<Finding> = per_file.into_iter().flat_map(|(_, list)| list).collect();
    out.extend(global.iter().cloned());
    out
}

/// A workbook `consolidate` wrote, read back sheet by sheet: what `verify` checks,
/// and the earlier consolidation `consolidate --previous` compares with.
type Sheets = Vec<(String, Vec<crate::grid::WrittenCell>)>;

/// The error for a file that is no consolidation of ours, with why in both languages.
fn not_ours(path: &std::path::Path, (sv, en): (&str, &str)) -> Error {
    Error::NotConsolidated {
        path: path.to_path_buf(),
        sv: sv.to_string(),
        en: en.to_string(),
    }
}

/// A workbook written by `consolidate`, read back sheet by sheet.
fn read_back(path: &std::path::Path) -> Result<Sheets, Error> {
    let bytes = std::fs::read(path).map_err(|e| {
        let (sv, en) = crate::labels::audit::unreadable(&e);
        not_ours(path, (&sv, &en))
    })?;
    crate::grid::read_written_workbook(&bytes)
        .map_err(|_| not_ours(path, crate::labels::audit::NOT_XLSX))
}
