//! Messages of the codes about getting at a file at all: `unreadable-file`,
//! `not-a-workbook` (also a folder loop), `too-large`, `internal-error`, `text-too-long`,
//! `wrong-kind-of-file`.

use super::*;
use std::fmt::Write as _;

/// The message of a kind of this family; `None` for a kind of another.
pub(super) fn message(kind: &Kind, lang: Lang) -> Option<String> {
    let q = |t: &str| quoted(t, lang);
    let sv = lang == Lang::Sv;
    Some(match kind {
        Kind::UnreadableFile(why) => match why {
            Unreadable::Empty => lang.pick("Filen är tom (0 byte) och kan inte läsas.", "The file is empty (0 bytes) and cannot be read.").into(),
            Unreadable::Encrypted => lang.pick(
                "Filen är lösenordsskyddad (krypterad) och kan inte läsas. Spara en kopia utan lösenord och skicka den.",
                "The file is password-protected (encrypted) and cannot be read. Save a copy without a password and send that.",
            ).into(),
            // The reader's own (English) words are in the report's `detail`.
            Unreadable::Corrupt(_) => lang.pick(
                "Filen är skadad eller ofullständig och kan inte läsas som arbetsbok. Be avsändaren skicka den igen, gärna efter att ha öppnat och sparat den i Excel.",
                "The file is damaged or incomplete and cannot be read as a workbook. Ask the sender to send it again, preferably after opening and saving it in Excel.",
            ).into(),
            Unreadable::NotSpreadsheet => lang.pick(
                "Filen har en arbetsboks ändelse men är ingen arbetsbok (den ser ut att vara text eller ett annat format). Spara den som Excel-arbetsbok (.xlsx).",
                "The file has a workbook extension but is not a workbook (it looks like text or another format). Save it as an Excel workbook (.xlsx).",
            ).into(),
            Unreadable::Io(_) => lang.pick(
                "Filen kunde inte läsas från disken. Kontrollera att du har behörighet till den och att den inte är låst av ett annat program.",
                "The file could not be read from disk. Check that you have permission to read it and that no other program locks it.",
            ).into(),
            Unreadable::DuplicatePart(part) if part.is_empty() => lang.pick(
                "Filen innehåller samma del två gånger, och vilken av dem som gäller är inte bestämt. Öppna filen i Excel, spara den som en ny .xlsx och skicka den igen.",
                "The file holds the same part twice, and which of them counts is not defined. Open the file in Excel, save it as a new .xlsx and send that.",
            ).into(),
            Unreadable::DuplicatePart(part) => if sv {
                format!("Filen innehåller delen {} två gånger, och vilken av dem som gäller är inte bestämt. Öppna filen i Excel, spara den som en ny .xlsx och skicka den igen.", q(part))
            } else {
                format!("The file holds the part {} twice, and which of them counts is not defined. Open the file in Excel, save it as a new .xlsx and send that.", q(part))
            },
            Unreadable::WordDocument => lang.pick(
                "Filen är ett Word-dokument, ingen Excel-arbetsbok, fast namnet slutar på en arbetsboks ändelse. Skicka budgetmallen (Excel-filen) i stället.",
                "The file is a Word document, not an Excel workbook, although its name ends in a workbook extension. Send the budget template (the Excel file) instead.",
            ).into(),
            Unreadable::PowerPointDocument => lang.pick(
                "Filen är en PowerPoint-presentation, ingen Excel-arbetsbok, fast namnet slutar på en arbetsboks ändelse. Skicka budgetmallen (Excel-filen) i stället.",
                "The file is a PowerPoint presentation, not an Excel workbook, although its name ends in a workbook extension. Send the budget template (the Excel file) instead.",
            ).into(),
            Unreadable::MacroSheet(_) => lang.pick(
                "Arbetsboken innehåller ett Excel 4.0-makroblad, som inte kan läsas. Ta bort makrobladet (eller kopiera bladen Budgetfördelning och Utvecklingsinitiativ till en ny arbetsbok), spara som .xlsx och skicka filen igen.",
                "The workbook holds an Excel 4.0 macro sheet, which cannot be read. Delete the macro sheet (or copy the sheets Budgetfördelning and Utvecklingsinitiativ into a new workbook), save as .xlsx and send the file again.",
            ).into(),
            Unreadable::NotRegularFile(what) => {
                let (sv_what, en_what) = match what {
                    Special::Fifo => ("en namngiven pipe (FIFO)", "a named pipe (FIFO)"),
                    Special::Socket => ("en socket", "a socket"),
                    Special::Device => ("en enhetsfil", "a device file"),
                    Special::BrokenLink => ("en länk till en fil som inte finns", "a link to a file that does not exist"),
                    Special::Other => ("en särskild fil", "a special file"),
                };
                if sv {
                    format!("Det här är inte en vanlig fil utan {sv_what}, så den öppnades inte. Lägg arbetsboken i mappen som en vanlig fil (spara eller kopiera den dit), eller ta bort posten.")
                } else {
                    format!("This is not a regular file but {en_what}, so it was not opened. Put the workbook in the folder as an ordinary file (save or copy it there), or remove the entry.")
                }
            }
        },
        Kind::NotAWorkbook { extension, rename_to: Some(to), .. } if extension.is_empty() => if sv {
            format!("Filnamnet har ingen ändelse, men filen ser ut som en Excel-arbetsbok: byt namn på den till {}. Filen hoppas över.", q(to))
        } else {
            format!("The file name has no extension, but the file looks like an Excel workbook: rename it to {}. The file is skipped.", q(to))
        },
        Kind::NotAWorkbook { extension, .. } if extension.is_empty() => if sv {
            "Filnamnet har ingen ändelse, så filen läses inte som en arbetsbok; den hoppas över.".to_string()
        } else {
            "The file name has no extension, so it is not read as a workbook; the file is skipped.".to_string()
        },
        // The follow-up's inputs in the plan's folder, or given to `check`: said
        // what they are and where they are read.
        Kind::NotAWorkbook { extension, document: false, .. } if matches!(extension.to_ascii_lowercase().as_str(), ".se" | ".si" | ".sie") => if sv {
            format!("En SIE-fil från ekonomisystemet, ingen budgetmall (ändelsen {}); utfallet läses av månadsuppföljningen från utfallsmappen (--actuals). Filen hoppas över.", q(extension))
        } else {
            format!("An SIE file from the ledger, not a budget template (extension {}); the actuals are read by the follow-up from the actuals folder (--actuals). The file is skipped.", q(extension))
        },
        Kind::NotAWorkbook { extension, document: false, .. } if extension.eq_ignore_ascii_case(".csv") => if sv {
            format!("En CSV-fil, ingen budgetmall (ändelsen {}): budgetmallar läses som arbetsböcker (.xlsx, .xls, .ods), medan utfall och prognoser i CSV läses av månadsuppföljningen (--actuals, --forecasts). Filen hoppas över.", q(extension))
        } else {
            format!("A CSV file, not a budget template (extension {}): budget templates are read as workbooks (.xlsx, .xls, .ods), while actuals and forecasts in CSV are read by the follow-up (--actuals, --forecasts). The file is skipped.", q(extension))
        },
        // A spreadsheet saved in a form that is not read: said how to save it.
        Kind::NotAWorkbook { extension, document: false, .. } if saved_as(extension).is_some() => {
            let (sv_what, en_what) = saved_as(extension).unwrap_or_default();
            if sv {
                format!("{sv_what} (ändelsen {}), som inte läses: spara den som Excel-arbetsbok (.xlsx) och lägg den i mappen. Filen hoppas över.", q(extension))
            } else {
                format!("{en_what} (extension {}), which is not read: save it as an Excel workbook (.xlsx) and put that in the folder. The file is skipped.", q(extension))
            }
        }
        Kind::NotAWorkbook { extension, document: false, .. } => if sv {
            format!("Inte en arbetsbok (ändelsen {} läses inte); filen hoppas över.", q(extension))
        } else {
            format!("Not a workbook (extension {} is not read); the file is skipped.", q(extension))
        },
        Kind::NotAWorkbook { extension, document: true, .. } => if sv {
            format!("Ett dokument, inte en arbetsbok (ändelsen {} läses inte); filen hoppas över.", q(extension))
        } else {
            format!("A document, not a workbook (extension {} is not read); the file is skipped.", q(extension))
        },
        Kind::WrongKindOfFile { found, wanted } => wrong_kind(*found, *wanted, lang),
        Kind::FolderLoop { link, target } => {
            let (sv_target, en_target) = if target.is_empty() {
                ("indatamappen själv".to_string(), "the input folder itself".to_string())
            } else {
                (format!("mappen {}", q(target)), format!("the folder {}", q(target)))
            };
            if sv {
                format!("Länken {} leder tillbaka till {sv_target}, som redan läses; den följs inte, så inget läses två gånger. Ta bort länken om den inte behövs.", q(link))
            } else {
                format!("The link {} leads back to {en_target}, which is already being read; it is not followed, so nothing is read twice. Remove the link if it is not needed.", q(link))
            }
        }
        Kind::TooLarge(what) => {
            let detail = too_large_detail(what, lang);
            if sv {
                format!("För stor för att vara en budgetmall: {detail}. Den lästes inte.")
            } else {
                format!("Too large to be a budget template: {detail}. It was not read.")
            }
        }
        Kind::InternalError { detail } => {
            let mut out = String::new();
            if sv {
                // The (English) panic text is in the report's `detail`.
                let _ = write!(out, "Internt fel när filen lästes. Filen hoppades över; rapportera felet till utvecklarna.");
            } else {
                let _ = write!(out, "Internal error while reading the file ({detail}). The file was skipped; please report it to the developers.");
            }
            out
        }
        Kind::TextTooLong { length, limit } => {
            let n = |count: usize| amount(Decimal::from(count), lang);
            if sv {
                format!("Texten i cellen är {} tecken lång, mer än de {} som en cell i Excel rymmer. Den lästes och skrivs förkortad till {} tecken. Korta texten (lägg långa beskrivningar i ett eget dokument).", n(*length), n(*limit), n(*limit))
            } else {
                format!("The text in the cell is {} characters long, more than the {} an Excel cell holds. It was read and is written shortened to {} characters. Shorten the text (put long descriptions in a document of their own).", n(*length), n(*limit), n(*limit))
            }
        }
        _ => return None,
    })
}

/// A spreadsheet saved in a form that is not read, by its extension: what it is,
/// in Swedish and English (an Excel or LibreOffice template, a Numbers file, a flat
/// OpenDocument spreadsheet).
fn saved_as(extension: &str) -> Option<(&'static str, &'static str)> {
    Some(match extension.to_ascii_lowercase().as_str() {
        ".xltx" | ".xltm" | ".xlt" => ("En Excel-mall", "An Excel template"),
        ".ots" => ("En LibreOffice-mall", "A LibreOffice template"),
        ".numbers" => ("En Numbers-fil", "A Numbers file"),
        ".fods" => (
            "Ett platt OpenDocument-kalkylark",
            "A flat OpenDocument spreadsheet",
        ),
        _ => return None,
    })
}

/// `wrong-kind-of-file` (and `unreadable-actuals` for a plan or forecast workbook
/// given as a ledger export): what the file is, what it is not, and where a file of
/// its kind is read.
pub(super) fn wrong_kind(found: FileKind, wanted: FileKind, lang: Lang) -> String {
    let q = |t: &str| quoted(t, lang);
    let sv = lang == Lang::Sv;
    let what = match (found, sv) {
        (FileKind::Plan, true) => format!(
            "en budgetmall (den har bladen {} och {})",
            q(crate::labels::SHEET_BUDGET),
            q(crate::labels::SHEET_PLAN)
        ),
        (FileKind::Plan, false) => format!(
            "a budget template (it has the sheets {} and {})",
            q(crate::labels::SHEET_BUDGET),
            q(crate::labels::SHEET_PLAN)
        ),
        (FileKind::Forecast, true) => format!(
            "en prognosarbetsbok (den har bladet {})",
            q(crate::labels::forecast::SHEET)
        ),
        (FileKind::Forecast, false) => format!(
            "a forecast workbook (it has the sheet {})",
            q(crate::labels::forecast::SHEET)
        ),
        (FileKind::Ledger, true) => "en SIE-fil från ekonomisystemet".to_string(),
        (FileKind::Ledger, false) => "an SIE file from the ledger".to_string(),
    };
    let not = match (wanted, sv) {
        (FileKind::Plan, true) => "ingen budgetmall",
        (FileKind::Plan, false) => "not a budget template",
        (FileKind::Forecast, true) => "ingen prognosarbetsbok",
        (FileKind::Forecast, false) => "not a forecast workbook",
        (FileKind::Ledger, true) => "ingen export av utfallet från ekonomisystemet",
        (FileKind::Ledger, false) => "not an export of the actuals from the ledger",
    };
    let belongs = match (found, sv) {
        (FileKind::Plan, true) => {
            "Budgetmallar kontrolleras med budget-consolidator check och läses från planens mapp."
        }
        (FileKind::Plan, false) => {
            "Budget templates are checked with budget-consolidator check and read from the plan's folder."
        }
        (FileKind::Forecast, true) => {
            "Prognosarbetsböcker kontrolleras med budget-consolidator follow-up check och läses av månadsuppföljningen från prognosmappen (--forecasts)."
        }
        (FileKind::Forecast, false) => {
            "Forecast workbooks are checked with budget-consolidator follow-up check and read by the follow-up from the forecast folder (--forecasts)."
        }
        (FileKind::Ledger, true) => {
            "Utfallet läses av månadsuppföljningen från utfallsmappen (--actuals)."
        }
        (FileKind::Ledger, false) => {
            "The actuals are read by the follow-up from the actuals folder (--actuals)."
        }
    };
    if sv {
        format!("Filen är {what}, {not}. {belongs}")
    } else {
        format!("The file is {what}, {not}. {belongs}")
    }
}

/// What made a workbook too large to read, as a clause of a message (the plan's
/// `too-large` and a ledger workbook's `unreadable-actuals`).
pub(super) fn too_large_detail(what: &TooLarge, lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    // Counts grouped as amounts are (96 000 000 / 96,000,000).
    let n = |count: u64| amount(Decimal::from(count), lang);
    match (what, sv) {
        (TooLarge::File { bytes }, true) => format!("filen är {} MiB", bytes / (1 << 20)),
        (TooLarge::File { bytes }, false) => format!("the file is {} MiB", bytes / (1 << 20)),
        (TooLarge::ZipPart { part, bytes }, true) => {
            format!("delen {part} anger {} MiB okomprimerat", bytes / (1 << 20))
        }
        (TooLarge::ZipPart { part, bytes }, false) => format!(
            "part {part} declares {} MiB uncompressed",
            bytes / (1 << 20)
        ),
        (TooLarge::SharedStrings { declared }, true) => format!(
            "den anger {} delade texter, fler än delen kan rymma",
            n(*declared)
        ),
        (TooLarge::SharedStrings { declared }, false) => format!(
            "it declares {} shared strings, more than its part can hold",
            n(*declared)
        ),
        (TooLarge::Cells { limit }, true) => {
            format!("bladet har fler än {} ifyllda celler", n(*limit as u64))
        }
        (TooLarge::Cells { limit }, false) => {
            format!("the sheet has more than {} filled cells", n(*limit as u64))
        }
        (TooLarge::Span { cells, limit }, true) => format!(
            "bladen spänner tillsammans över {} celler, fler än {} (en .xls- eller .ods-fil läses som hela rektanglar)",
            n(*cells),
            n(*limit as u64)
        ),
        (TooLarge::Span { cells, limit }, false) => format!(
            "its sheets together span {} cells, more than {} (an .xls or .ods file is read as whole rectangles)",
            n(*cells),
            n(*limit as u64)
        ),
    }
}
