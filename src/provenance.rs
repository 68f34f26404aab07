//! Stage: shared by `write` (the `Körning` block of `Källor`) and `cmd::verify`.
//! What a consolidated workbook records about the run that made it, so that the
//! run can be repeated a month later: the program's version, the input folder
//! (relative to the workbook's folder, so the pair of folders can move together),
//! the options, the language, and the configuration's text and SHA-256.
//!
//! Plain data and text; no I/O, no spreadsheet library. The block's labels are in
//! [`crate::labels`].

use crate::labels;
use crate::lang::Lang;
use std::path::{Component, Path, PathBuf};

/// The recipe of one consolidation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRecord {
    /// `budget-consolidator 0.1.0`.
    pub program: String,
    /// The input folder relative to the workbook's folder, `/`-separated (`../input`).
    pub input: String,
    pub partial: bool,
    pub latest_version: bool,
    pub lang: Lang,
    /// The configuration's text, when the run had one.
    pub config: Option<String>,
    /// SHA-256 of `config` as recorded (lower-case hex).
    pub config_sha256: Option<String>,
    /// `--today YYYY-MM-DD`: the reference date of `Inlämningar`, recorded only when
    /// the configuration has `[rounds]` (only then does the sheet depend on it), so
    /// that `verify` repeats the run as of that day.
    pub today: Option<String>,
}

impl RunRecord {
    /// The record of a run made now, by this program.
    pub fn new(
        input: String,
        partial: bool,
        latest_version: bool,
        lang: Lang,
        config: Option<String>,
    ) -> Self {
        let config_sha256 = config.as_deref().map(sha256_hex);
        RunRecord {
            program: this_program(),
            input,
            partial,
            latest_version,
            lang,
            config,
            config_sha256,
            today: None,
        }
    }

    /// The record with the reference date of `Inlämningar` (see [`RunRecord::today`]).
    pub fn with_today(mut self, today: Option<String>) -> Self {
        self.today = today;
        self
    }

    /// The options as typed on the command line, e.g. `--partial --latest-version`.
    pub fn options(&self) -> String {
        let mut options = Vec::new();
        if self.partial {
            options.push("--partial");
        }
        if self.latest_version {
            options.push("--latest-version");
        }
        options.push(match self.lang {
            Lang::Sv => "--lang sv",
            Lang::En => "--lang en",
        });
        let mut text = options.join(" ");
        if let Some(today) = &self.today {
            text.push_str(" --today ");
            text.push_str(today);
        }
        text
    }

    /// The block's rows below its title: label, value.
    pub fn rows(&self) -> Vec<(&'static str, String)> {
        vec![
            (labels::RUN_PROGRAM, self.program.clone()),
            (labels::RUN_INPUT, self.input.clone()),
            (labels::RUN_OPTIONS, self.options()),
            (
                labels::RUN_CONFIG_SHA256,
                self.config_sha256.clone().unwrap_or_default(),
            ),
            (labels::RUN_CONFIG, self.config.clone().unwrap_or_default()),
        ]
    }

    /// Reads the block back from its rows (label, value), as [`RunRecord::rows`]
    /// wrote them. `None` when a row is missing or an option is not one we write.
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<Self> {
        let mut found: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
        for (label, value) in rows {
            found.insert(label.trim(), value);
        }
        let program = found.get(labels::RUN_PROGRAM)?.to_string();
        let input = found.get(labels::RUN_INPUT)?.to_string();
        let options = found.get(labels::RUN_OPTIONS)?;
        let (mut partial, mut latest_version, mut lang) = (false, false, None);
        let mut today = None;
        let mut words = options.split_whitespace();
        while let Some(word) = words.next() {
            match word {
                "--partial" => partial = true,
                "--latest-version" => latest_version = true,
                "--today" => today = Some(words.next()?.to_string()),
                "--lang" => {
                    lang = match words.next()? {
                        "sv" => Some(Lang::Sv),
                        "en" => Some(Lang::En),
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
        let text = |label: &str| {
            found
                .get(label)
                .map(|v| v.to_string())
                .filter(|v| !v.is_empty())
        };
        Some(RunRecord {
            program,
            input,
            partial,
            latest_version,
            lang: lang?,
            config: text(labels::RUN_CONFIG),
            config_sha256: text(labels::RUN_CONFIG_SHA256),
            today,
        })
    }
}

/// `budget-consolidator 0.1.0`: this program and its version.
pub fn this_program() -> String {
    format!("budget-consolidator {}", env!("CARGO_PKG_VERSION"))
}

pub fn sha256_hex(text: &str) -> String {
    sha256_of_bytes(text.as_bytes())
}

/// The SHA-256 of `bytes` as lower-case hex: how every file's hash is recorded.
pub fn sha256_of_bytes(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

/// The SHA-256 of the file at `path`, read in 1 MiB blocks (a ledger export is not
/// held in memory); empty when it cannot be read.
pub fn sha256_of_file(path: &std::path::Path) -> String {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return String::new();
    };
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match file.read(&mut buf) {
            Ok(0) => return hex(&hasher.finalize()),
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return String::new(),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// `to` as seen from the folder `from`, `/`-separated (`../input`); both made
/// absolute first, with `.` and `..` resolved by their names (not through links,
/// since the output folder may not exist yet). The std library has no such
/// function, and the rule is short enough to keep here.
pub fn relative_path(from: &Path, to: &Path) -> String {
    let (from, to) = (lexical_absolute(from), lexical_absolute(to));
    let (a, b): (Vec<Component<'_>>, Vec<Component<'_>>) =
        (from.components().collect(), to.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        // Another drive (Windows): only the absolute path leads there.
        return to.to_string_lossy().replace('\\', "/");
    }
    let mut parts: Vec<String> = vec!["..".to_string(); a.len() - common];
    parts.extend(
        b[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// `output/../input` → `input`: `.` dropped and `..` taken off the name before
/// it, by the names only (for showing a path; a leading `..` stays).
pub fn tidy(path: &Path) -> PathBuf {
    let mut out: Vec<Component<'_>> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.is_empty() {
        PathBuf::from(".")
    } else {
        out.iter().collect()
    }
}

/// The absolute form of a path, `.` dropped and `..` taken off the part before it.
/// The real path (through symbolic links) when the path exists.
fn lexical_absolute(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    // A parent that exists may itself be reached through a link.
    match (out.parent(), out.file_name()) {
        (Some(parent), Some(name)) => match parent.canonicalize() {
            Ok(real) => real.join(name),
            Err(_) => out,
        },
        _ => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_reads_back_what_it_writes() {
        let record = RunRecord::new(
            "../input".into(),
            true,
            true,
            Lang::En,
            Some("budget_year = 2023\n".into()),
        );
        let rows = record.rows();
        let back = RunRecord::from_rows(rows.iter().map(|(l, v)| (*l, v.as_str())));
        assert_eq!(back, Some(record.clone()));
        assert_eq!(record.options(), "--partial --latest-version --lang en");
        assert_eq!(
            record.config_sha256.as_deref(),
            Some(sha256_hex("budget_year = 2023\n").as_str())
        );
        let dated = record.clone().with_today(Some("2022-10-20".into()));
        assert_eq!(
            dated.options(),
            "--partial --latest-version --lang en --today 2022-10-20"
        );
        let rows = dated.rows();
        let back = RunRecord::from_rows(rows.iter().map(|(l, v)| (*l, v.as_str())));
        assert_eq!(back, Some(dated));
        let none = RunRecord::new("in".into(), false, false, Lang::Sv, None);
        let rows = none.rows();
        let back = RunRecord::from_rows(rows.iter().map(|(l, v)| (*l, v.as_str())));
        assert_eq!(back, Some(none));
    }

    #[test]
    fn an_unknown_option_is_not_ours() {
        let rows = [
            (labels::RUN_PROGRAM, "budget-consolidator 0.1.0"),
            (labels::RUN_INPUT, "../input"),
            (labels::RUN_OPTIONS, "--lang sv --fast"),
        ];
        assert_eq!(RunRecord::from_rows(rows), None);
    }

    #[test]
    fn relative_paths_climb_and_descend() {
        let base = std::env::temp_dir().join("bc-relative-test");
        assert_eq!(
            relative_path(&base.join("output"), &base.join("input")),
            "../input"
        );
        assert_eq!(relative_path(&base, &base.join("a/b")), "a/b");
        assert_eq!(relative_path(&base.join("x/y"), &base), "../..");
        assert_eq!(relative_path(&base, &base.join("./c/../d")), "d");
        assert_eq!(relative_path(&base, &base), ".");
    }

    #[test]
    fn tidy_paths_resolve_dots_by_name() {
        assert_eq!(tidy(Path::new("output/../input")), PathBuf::from("input"));
        assert_eq!(tidy(Path::new("./a/./b/../c")), PathBuf::from("a/c"));
        assert_eq!(tidy(Path::new("../x")), PathBuf::from("../x"));
        assert_eq!(tidy(Path::new("a/..")), PathBuf::from("."));
    }
}
