//! Messages of the codes about the run's areas against the configuration and each
//! other: names, duplicates and versions, years, frames.

use super::*;

/// The message of a kind of this family; `None` for a kind of another.
pub(super) fn message(kind: &Kind, lang: Lang) -> Option<String> {
    let (a, q, sv) = words(lang);
    Some(match kind {
        Kind::UnknownArea {
            area,
            known,
            closest: Some(closest),
        } => {
            if sv {
                format!(
                    "Tjänsteområdet {} finns inte i konfigurationen (kända: {}). Menade du {closest}? Rätta namnet eller lägg till det som alias i budget.toml.",
                    q(area),
                    list(known)
                )
            } else {
                format!(
                    "Service area {} is not in the configuration (known: {}). Did you mean {closest}? Correct the name or add it as an alias in budget.toml.",
                    q(area),
                    list(known)
                )
            }
        }
        Kind::UnknownArea {
            area,
            known,
            closest: None,
        } => {
            if sv {
                format!(
                    "Tjänsteområdet {} finns inte i konfigurationen (kända: {}). Rätta namnet eller lägg till det som alias i budget.toml.",
                    q(area),
                    list(known)
                )
            } else {
                format!(
                    "Service area {} is not in the configuration (known: {}). Correct the name or add it as an alias in budget.toml.",
                    q(area),
                    list(known)
                )
            }
        }
        Kind::SimilarArea {
            area,
            other,
            other_file,
        } => {
            if sv {
                format!(
                    "Tjänsteområdet {} och {} i {other_file} är troligen samma tjänsteområde två gånger — lägg ett av namnen som alias i budget.toml (eller rätta namnet i filen).",
                    q(area),
                    q(other)
                )
            } else {
                format!(
                    "Service areas {} and {} in {other_file} are most likely the same area twice — add one of the names as an alias in budget.toml (or correct the name in the file).",
                    q(area),
                    q(other)
                )
            }
        }
        Kind::MissingArea {
            area,
            named_after: None,
        } => {
            if sv {
                format!(
                    "Ingen fil för tjänsteområdet {} hittades i mappen.",
                    q(area)
                )
            } else {
                format!(
                    "No file for service area {} was found in the folder.",
                    q(area)
                )
            }
        }
        Kind::MissingArea {
            area,
            named_after: Some((file, written)),
        } => match (written, sv) {
            (Some(written), true) => format!(
                "Ingen fil anger tjänsteområdet {}: {file} anger tjänsteområdet {}. Rätta namnet i filen eller lägg till det som alias för {} i budget.toml.",
                q(area),
                q(written),
                q(area)
            ),
            (Some(written), false) => format!(
                "No file names service area {}: {file} names the area {}. Correct the name in the file or add it as an alias of {} in budget.toml.",
                q(area),
                q(written),
                q(area)
            ),
            (None, true) => format!(
                "Ingen fil anger tjänsteområdet {}: i {file} kunde inget tjänsteområde läsas.",
                q(area)
            ),
            (None, false) => format!(
                "No file names service area {}: no service area could be read in {file}.",
                q(area)
            ),
        },
        Kind::DuplicateArea {
            area,
            files,
            not_a_number: Some(version),
            ..
        } => {
            if sv {
                format!(
                    "Tjänsteområdet {} finns i flera filer: {}; versionen {} är inget versionsnummer, så --latest-version kan inte välja. Skriv versionen som ett tal (t.ex. 2.1) eller ta bort den inaktuella filen.",
                    q(area),
                    list(files),
                    q(version)
                )
            } else {
                format!(
                    "Service area {} appears in several files: {}; the version {} is no version number, so --latest-version cannot choose. Write the version as a number (e.g. 2.1) or remove the outdated file.",
                    q(area),
                    list(files),
                    q(version)
                )
            }
        }
        Kind::DuplicateArea {
            area,
            files,
            same_version: Some(version),
            ..
        } => {
            let both = files.len() == 2;
            if sv {
                let who = if both {
                    "båda har"
                } else {
                    "de nyaste har alla"
                };
                let one = if both { "den ena" } else { "de inaktuella" };
                format!(
                    "Tjänsteområdet {} finns i flera filer: {}; {who} version {version} — ta bort {one} eller höj versionen.",
                    q(area),
                    list(files)
                )
            } else {
                let who = if both {
                    "both have"
                } else {
                    "the newest all have"
                };
                let one = if both {
                    "one of them"
                } else {
                    "the outdated ones"
                };
                format!(
                    "Service area {} appears in several files: {}; {who} version {version} — remove {one} or raise the version.",
                    q(area),
                    list(files)
                )
            }
        }
        Kind::DuplicateArea {
            area,
            files,
            same_version: None,
            not_a_number: None,
        } => {
            if sv {
                format!(
                    "Tjänsteområdet {} finns i flera filer: {}. Ta bort de inaktuella filerna eller kör med --latest-version.",
                    q(area),
                    list(files)
                )
            } else {
                format!(
                    "Service area {} appears in several files: {}. Remove the outdated files or run with --latest-version.",
                    q(area),
                    list(files)
                )
            }
        }
        Kind::SupersededVersion {
            area,
            version,
            kept_file,
            kept_version,
        } => {
            if sv {
                format!(
                    "Version {version} av {area} ersätts av version {kept_version} i {kept_file} och tas inte med."
                )
            } else {
                format!(
                    "Version {version} of {area} is superseded by version {kept_version} in {kept_file} and is left out."
                )
            }
        }
        Kind::YearMismatch {
            kind,
            found,
            expected,
            source,
        } => {
            let from = match (source, sv) {
                (YearSource::Config, true) => "konfigurationens",
                (YearSource::Config, false) => "the configuration's",
                (YearSource::Majority, true) => "de flesta tjänsteområdenas",
                (YearSource::Majority, false) => "most areas'",
                (YearSource::OwnPlan, true) => "filens egna planår",
                (YearSource::OwnPlan, false) => "the file's own plan years",
            };
            match (kind, sv) {
                (YearKind::BudgetYear, true) => {
                    format!("Budgetår {found} skiljer sig från {from} budgetår {expected}.")
                }
                (YearKind::BudgetYear, false) => {
                    format!("Budget year {found} differs from {from} budget year {expected}.")
                }
                (YearKind::PlanYears, true) => {
                    format!("Planåren {found} skiljer sig från {from} planår {expected}.")
                }
                (YearKind::PlanYears, false) => {
                    format!("Plan years {found} differ from {from} plan years {expected}.")
                }
                (YearKind::BudgetYearNotPlanned, true) => {
                    format!("Budgetår {found} finns inte bland {from} {expected}.")
                }
                (YearKind::BudgetYearNotPlanned, false) => {
                    format!("Budget year {found} is not among {from} {expected}.")
                }
            }
        }
        Kind::FrameExceeded { area, total, frame } => {
            let over = total.saturating_sub(*frame);
            match (area, sv) {
                (Some(ar), true) => format!(
                    "{ar}: Summa {} överskrider ramen {} med {}.",
                    a(total),
                    a(frame),
                    a(&over)
                ),
                (Some(ar), false) => format!(
                    "{ar}: total {} exceeds the frame {} by {}.",
                    a(total),
                    a(frame),
                    a(&over)
                ),
                (None, true) => format!(
                    "Totalen {} överskrider totalramen {} med {}.",
                    a(total),
                    a(frame),
                    a(&over)
                ),
                (None, false) => format!(
                    "The total {} exceeds the total frame {} by {}.",
                    a(total),
                    a(frame),
                    a(&over)
                ),
            }
        }
        Kind::FrameDeviation {
            area: None,
            total,
            frame,
            left_out,
        } if !left_out.is_empty() => {
            let under = frame.saturating_sub(*total);
            // Quoted: an area's name may itself hold an `och` (Ledning och styrning).
            let quoted: Vec<String> = left_out.iter().map(|n| q(n)).collect();
            let names = list_and(&quoted, lang);
            let one = left_out.len() == 1;
            if sv {
                let fix = if one { "Rätta det" } else { "Rätta dem" };
                format!(
                    "Totalen {} understiger totalramen {} med {}, eftersom {names} inte är med (fel). {fix} och kör igen.",
                    a(total),
                    a(frame),
                    a(&under)
                )
            } else {
                let (verb, fix) = if one {
                    ("is", "Correct it")
                } else {
                    ("are", "Correct them")
                };
                format!(
                    "The total {} is below the total frame {} by {}, because {names} {verb} left out (errors). {fix} and run again.",
                    a(total),
                    a(frame),
                    a(&under)
                )
            }
        }
        Kind::FrameDeviation {
            area, total, frame, ..
        } => {
            let under = frame.saturating_sub(*total);
            match (area, sv) {
                (Some(ar), true) => format!(
                    "{ar}: Summa {} understiger ramen {} med {}.",
                    a(total),
                    a(frame),
                    a(&under)
                ),
                (Some(ar), false) => format!(
                    "{ar}: total {} is below the frame {} by {}.",
                    a(total),
                    a(frame),
                    a(&under)
                ),
                (None, true) => format!(
                    "Totalen {} understiger totalramen {} med {}.",
                    a(total),
                    a(frame),
                    a(&under)
                ),
                (None, false) => format!(
                    "The total {} is below the total frame {} by {}.",
                    a(total),
                    a(frame),
                    a(&under)
                ),
            }
        }
        _ => return None,
    })
}
