//! Messages of the codes about reading a ledger export (SIE or table):
//! `unreadable-actuals`, `invalid-actuals-row`, `mixed-object-rows`,
//! `actuals-total-row`, `actuals-sheet-left-out`.

use super::*;
use crate::lang::count;

/// The message of a kind of this family; `None` for a kind of another.
pub(super) fn message(kind: &Kind, lang: Lang) -> Option<String> {
    let sv = lang == Lang::Sv;
    Some(match kind {
        Kind::UnreadableActuals(why) => actuals_unreadable_message(why, lang),
        Kind::InvalidActualsRow {
            column,
            found,
            expected,
        } => actuals_row_message(column.as_deref(), found, expected, lang),
        Kind::MixedObjectRows {
            account,
            year,
            month,
            reading,
        } => match (reading, sv) {
            (ObjectReading::SingleRowUsed, true) => format!(
                "Objektraderna följer inte SIE-standardens form: för konto {account} {year}-{month:02} finns både en rad för projektet ensamt och rader där projektet står med andra objekt. Raden för projektet ensamt användes (de övriga är delar av den). Gäller hela filen; första stället nämns."
            ),
            (ObjectReading::SingleRowUsed, false) => format!(
                "The object rows do not follow the SIE standard's form: for account {account} {year}-{month:02} there is both a row for the project alone and rows where the project stands with other objects. The row for the project alone was used (the others are parts of it). Applies to the whole file; the first place is named."
            ),
            (ObjectReading::EmptyAsUnobjected, true) => format!(
                "Objektraderna följer inte SIE-standardens form: för konto {account} {year}-{month:02} är objektraderna större än raden {{}} (eller raden {{}} saknas). Raden {{}} lästes därför som det som bokförts utan objekt, och kontots kostnad som {{}} plus objektraderna. Gäller varje sådant konto och månad i filen; första stället nämns."
            ),
            (ObjectReading::EmptyAsUnobjected, false) => format!(
                "The object rows do not follow the SIE standard's form: for account {account} {year}-{month:02} the object rows exceed the {{}} row (or there is no {{}} row). So {{}} was read as what was booked without objects, and the account's cost as {{}} plus the object rows. Applies to every such account and month of the file; the first place is named."
            ),
        },
        Kind::ActualsTotalRow {
            label,
            amount,
            since_previous,
            since_start,
        } => total_row_message(label, *amount, *since_previous, *since_start, lang),
        Kind::MoreActualsTotalRows { rows: 1, unchecked: 0 } => lang.pick(
            "Ytterligare 1 summarad räknades inte in i utfallet; den är summan av raderna ovanför den. Bara de första summaraderna, och de som inte stämmer, anges var för sig.",
            "1 more total row was not counted in the actuals; it is the sum of the rows above it. Only the first total rows, and those that do not match, are named one by one.",
        ).to_string(),
        Kind::MoreActualsTotalRows { rows, unchecked: 0 } => match (sv, count(*rows, lang)) {
            (true, rows) => format!(
                "Ytterligare {rows} summarader räknades inte in i utfallet; var och en är summan av raderna ovanför den. Bara de första summaraderna, och de som inte stämmer, anges var för sig."
            ),
            (false, rows) => format!(
                "{rows} more total rows were not counted in the actuals; each is the sum of the rows above it. Only the first total rows, and those that do not match, are named one by one."
            ),
        },
        Kind::MoreActualsTotalRows { rows, unchecked } => match (sv, count(*rows, lang), count(*unchecked, lang)) {
            (true, rows, unchecked) => format!(
                "Ytterligare {rows} summarader räknades inte in i utfallet. {unchecked} av dem jämfördes inte med raderna ovanför: filen har fler än 10 000 summarader som inte är summan av raderna närmast ovanför, så den är troligen ingen vanlig export. Kontrollera exporten."
            ),
            (false, rows, unchecked) => format!(
                "{rows} more total rows were not counted in the actuals. {unchecked} of them were not compared with the rows above: the file has more than 10,000 total rows that are not the sum of the rows just above them, so it is most likely no ordinary export. Check the export."
            ),
        },
        Kind::RowTotalMismatch {
            column,
            total,
            months,
            rows,
        } => {
            let (_, q, _) = words(lang);
            let a = |v: &Decimal| crate::lang::ledger_amount(*v, lang);
            let (total, months, column) = (a(total), a(months), q(column));
            match (rows, sv) {
                (1, true) => format!(
                    "Raden har {total} i kolumnen {column}, men dess månader summerar till {months}. En månad kan saknas i rapporten (en dold eller bortfiltrerad kolumn). Månadscellerna räknades, kolumnen {column} lästes inte."
                ),
                (1, false) => format!(
                    "The row has {total} in the column {column}, but its months add up to {months}. A month may be missing from the report (a hidden or filtered-out column). The month cells were counted; the column {column} was not read."
                ),
                (n, true) => format!(
                    "{} rader har ett annat belopp i kolumnen {column} än deras månader summerar till; den första har {total} men månaderna {months}. En månad kan saknas i rapporten (en dold eller bortfiltrerad kolumn). Månadscellerna räknades, kolumnen {column} lästes inte.",
                    count(*n, lang)
                ),
                (n, false) => format!(
                    "{} rows have another amount in the column {column} than their months add up to; the first has {total} but its months {months}. A month may be missing from the report (a hidden or filtered-out column). The month cells were counted; the column {column} was not read.",
                    count(*n, lang)
                ),
            }
        }
        Kind::ActualsRepeatedHeader { rows } => match (rows, sv) {
            (1, true) => "Raden upprepar tabellhuvudet (två exporter lagda i en fil?) och lästes inte som data; raderna under den lästes som vanligt.".to_string(),
            (1, false) => "The row repeats the table's header (two exports joined in one file?) and was not read as data; the rows below it were read as usual.".to_string(),
            (n, true) => format!(
                "{} rader upprepar tabellhuvudet (ett sidhuvud per sida, eller exporter lagda i en fil) och lästes inte som data; den första nämns. Raderna mellan dem lästes som vanligt.",
                count(*n, lang)
            ),
            (n, false) => format!(
                "{} rows repeat the table's header (a header on every page, or exports joined in one file) and were not read as data; the first is named. The rows between them were read as usual.",
                count(*n, lang)
            ),
        },
        Kind::ActualsTextRow { text, rows } => {
            let q = |t: &str| quoted(t, lang);
            match (rows, sv) {
                (1, true) => format!(
                    "Raden {} har text men inget konto och inget belopp (en rubrik eller sidfot) och lästes inte som data.",
                    q(text)
                ),
                (1, false) => format!(
                    "The row {} has text but no account and no amount (a heading or a page footer) and was not read as data.",
                    q(text)
                ),
                (n, true) => format!(
                    "{} rader har text men inget konto och inget belopp (rubriker eller sidfötter) och lästes inte som data; den första, {}, nämns.",
                    count(*n, lang),
                    q(text)
                ),
                (n, false) => format!(
                    "{} rows have text but no account and no amount (headings or page footers) and were not read as data; the first, {}, is named.",
                    count(*n, lang),
                    q(text)
                ),
            }
        }
        Kind::ActualsSheetLeftOut { sheet, rows, why } => {
            sheet_left_out_message(sheet, *rows, why, lang)
        }
        _ => return None,
    })
}

fn sheet_left_out_message(sheet: &str, rows: u64, why: &SheetLeftOut, lang: Lang) -> String {
    let q = |t: &str| quoted(t, lang);
    let list = |names: &[String]| {
        let names: Vec<String> = names.iter().map(|n| q(n)).collect();
        list_and(&names, lang)
    };
    let rows_sv = if rows == 1 {
        "1 rad".to_string()
    } else {
        format!("{} rader", count(rows, Lang::Sv))
    };
    let rows_en = if rows == 1 {
        "1 row".to_string()
    } else {
        format!("{} rows", count(rows, Lang::En))
    };
    match (why, lang == Lang::Sv) {
        (SheetLeftOut::Hidden { read }, true) => format!(
            "Bladet {} är dolt och lästes inte ({rows_sv} under rubrikraden räknades inte); utfallet lästes från {}. Om bladets rader ska räknas: ta fram bladet (högerklicka på en bladflik och välj Ta fram) och läs in filen igen; annars ta bort det.",
            q(sheet),
            list(read)
        ),
        (SheetLeftOut::Hidden { read }, false) => format!(
            "The sheet {} is hidden and was not read ({rows_en} below the header were not counted); the actuals were read from {}. If its rows count: unhide the sheet (right-click a sheet tab and choose Unhide) and read the file again; otherwise delete it.",
            q(sheet),
            list(read)
        ),
        (SheetLeftOut::SameMonths { other, months }, true) => format!(
            "Bladen {} och {} har utfall för samma månad ({}); båda räknade skulle ge dubbelt utfall. Bladet {} lästes inte ({rows_sv}). Ta bort det blad som är en kopia, eller lägg varje månad på ett blad.",
            q(other),
            q(sheet),
            months.join(", "),
            q(sheet)
        ),
        (SheetLeftOut::SameMonths { other, months }, false) => format!(
            "The sheets {} and {} hold actuals for the same month ({}); counting both would count it twice. The sheet {} was not read ({rows_en}). Delete the sheet that is a copy, or put each month on one sheet.",
            q(other),
            q(sheet),
            months.join(", "),
            q(sheet)
        ),
    }
}

fn actuals_unreadable_message(why: &UnreadableActuals, lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    let q = |t: &str| quoted(t, lang);
    match (why, sv) {
        (UnreadableActuals::Io(e), true) => format!("Utfallsfilen kunde inte läsas: {e}."),
        (UnreadableActuals::Io(e), false) => format!("The actuals file could not be read: {e}."),
        (UnreadableActuals::NotAFile, true) => "Utfallet är ingen vanlig fil (en mapp, en enhet eller ett rör) och lästes inte. Ange en exportfil.".into(),
        (UnreadableActuals::NotAFile, false) => "The actuals path is no regular file (a folder, a device or a pipe) and was not read. Name an export file.".into(),
        (UnreadableActuals::Empty, true) => "Utfallsfilen är tom (0 byte). Gör om exporten ur ekonomisystemet.".into(),
        (UnreadableActuals::Empty, false) => "The actuals file is empty (0 bytes). Export it from the ledger again.".into(),
        (UnreadableActuals::TooLarge { bytes }, true) => format!("Utfallsfilen är {} MiB, för stor för att läsas. Exportera ett kortare urval (t.ex. bara kostnadskontona eller ett år).", bytes / (1 << 20)),
        (UnreadableActuals::TooLarge { bytes }, false) => format!("The actuals file is {} MiB, too large to read. Export a smaller selection (e.g. only the cost accounts or one year).", bytes / (1 << 20)),
        (UnreadableActuals::Html, true) => "Filen är en webbsida (HTML) utan någon tabell med utfallets kolumner (Period, Konto, Belopp) – troligen ett felmeddelande eller en inloggningssida som sparats vid nedladdningen. Hämta exporten igen.".into(),
        (UnreadableActuals::Html, false) => "The file is a web page (HTML) with no table of the actuals' columns (Period, Konto, Belopp) – probably an error or login page saved by the download. Fetch the export again.".into(),
        (UnreadableActuals::NotLedger { extension }, true) => format!("Filen är varken en SIE-fil eller en tabell (ändelsen {}); den lästes inte. Exportera utfallet som SIE (.se) eller som tabell (.csv, .xlsx).", q(extension)),
        (UnreadableActuals::NotLedger { extension }, false) => format!("The file is neither an SIE file nor a table (extension {}); it was not read. Export the actuals as SIE (.se) or as a table (.csv, .xlsx).", q(extension)),
        (UnreadableActuals::ChecksumMissing, true) => "SIE-filen börjar med #KSUMMA men den avslutande raden #KSUMMA med kontrollsumman saknas: filen är avkortad. Gör om exporten och skicka hela filen.".into(),
        (UnreadableActuals::ChecksumMissing, false) => "The SIE file opens with #KSUMMA but the closing #KSUMMA line with the checksum is missing: the file is truncated. Export it again and send the whole file.".into(),
        (UnreadableActuals::ChecksumMismatch { stated, computed }, true) => format!("SIE-filens kontrollsumma stämmer inte: filen anger {stated}, innehållet ger {computed}. Filen har ändrats eller skadats efter exporten; gör om exporten."),
        (UnreadableActuals::ChecksumMismatch { stated, computed }, false) => format!("The SIE file's checksum does not match: the file states {stated}, its content gives {computed}. The file was edited or damaged after the export; export it again."),
        (UnreadableActuals::NoPeriodRows { sie_type }, true) => format!("SIE-filen (typ {sie_type}) har inga rader per period (#PSALDO, #PBUDGET eller #TRANS), bara årssaldon, så den ger inget utfall per månad. Exportera SIE typ 2, 3 eller 4 (periodsaldon eller transaktioner)."),
        (UnreadableActuals::NoPeriodRows { sie_type }, false) => format!("The SIE file (type {sie_type}) has no rows per period (#PSALDO, #PBUDGET or #TRANS), only year balances, so it gives no actuals per month. Export SIE type 2, 3 or 4 (period balances or transactions)."),
        (UnreadableActuals::UnitMismatch { header, named, tkr }, _) => unit_mismatch(header, *named, *tkr, lang),
        (UnreadableActuals::OtherInput { found }, _) => super::reading::wrong_kind(*found, FileKind::Ledger, lang),
        (UnreadableActuals::TooManyKeys { limit }, true) => format!("Utfallsfilen har fler än {} olika kombinationer av månad, konto och projekt – mer än en huvudbok har – och lästes inte. Kontrollera att kolumnerna Konto och Projekt innehåller konton och projektkoder (inte verifikationsnummer eller texter), eller exportera ett mindre urval.", crate::lang::amount(Decimal::from(*limit as u64), Lang::Sv)),
        (UnreadableActuals::TooManyKeys { limit }, false) => format!("The actuals file has more than {} distinct combinations of month, account and project – more than a ledger has – and was not read. Check that the Konto and Projekt columns hold accounts and project codes (not voucher numbers or texts), or export a smaller selection.", crate::lang::amount(Decimal::from(*limit as u64), Lang::En)),
        (UnreadableActuals::MonthColumns { months, without_year: true }, true) => format!("Rapporten har en kolumn per månad ({months} månadskolumner), men rubrikerna anger bara månaden och det finns ingen kolumn År, så det går inte att avgöra vilket år utfallet gäller. Skriv året i månadsrubrikerna (2023-01 eller jan 2023) eller lägg till en kolumn År, och läs in filen igen."),
        (UnreadableActuals::MonthColumns { months, without_year: true }, false) => format!("The report has a column per month ({months} month columns), but the headings name only the month and there is no column År, so the year of the actuals cannot be told. Write the year in the month headings (2023-01 or jan 2023) or add a column År, and read the file again."),
        (UnreadableActuals::MonthColumns { months, without_year: false }, true) => format!("Rapporten har en kolumn per månad ({months} månadskolumner), men den kan inte läsas så. En rapport med en kolumn per månad ska ha kolumnerna Konto och Projekt, högst {} månadskolumner med året i varje rubrik (2023-01 eller jan 2023) eller en kolumn År, och ingen kolumn Period, Belopp eller Budget (en budget per månad står i egna kolumner: Budget jan 2023). Exportera rapporten så, eller med kolumnerna Period, Konto, Projekt och Belopp (en rad per månad), och läs in den igen.", crate::ledger::table::MONTH_COLUMNS),
        (UnreadableActuals::MonthColumns { months, without_year: false }, false) => format!("The report has a column per month ({months} month columns), but cannot be read as one. A report with a column per month has the columns Konto and Projekt, at most {} month columns with the year in each heading (2023-01 or jan 2023) or a column År, and no column Period, Belopp or Budget (a budget by month stands in columns of its own: Budget jan 2023). Export the report so, or with the columns Period, Konto, Projekt and Belopp (one row per month), and read it again.", crate::ledger::table::MONTH_COLUMNS),
        (UnreadableActuals::MissingColumns { missing }, true) => format!("Tabellhuvudet hittades inte: ingen rad har alla rubriker som behövs (saknas: {}). Exportera rapporten med kolumnerna Period, Konto, Projekt och Belopp.", list(missing)),
        (UnreadableActuals::MissingColumns { missing }, false) => format!("The table header was not found: no row holds every heading needed (missing: {}). Export the report with the columns Period, Konto, Projekt and Belopp.", list(missing)),
        (UnreadableActuals::AmbiguousColumns { role, columns }, true) => format!("Kolumnerna {} läses båda som {role}; det går inte att avgöra vilken som ska räknas, så filen lästes inte. Ta bort eller byt namn på den kolumn som inte ska räknas och läs in filen igen.", ambiguous_columns(columns, lang)),
        (UnreadableActuals::AmbiguousColumns { role, columns }, false) => format!("The columns {} are both read as {role}; which one counts cannot be told, so the file was not read. Delete or rename the column that does not count and read the file again.", ambiguous_columns(columns, lang)),
        // An .xls or .ods is held to the smaller span: .xlsx is a way out there.
        (UnreadableActuals::WorkbookTooLarge(what @ TooLarge::Span { .. }), true) => format!("Utfallsfilen är för stor för att läsas som arbetsbok: {}. Spara exporten som .xlsx (som läses cell för cell) eller CSV (som läses rad för rad), eller exportera ett kortare urval, och läs in den igen.", super::reading::too_large_detail(what, lang)),
        (UnreadableActuals::WorkbookTooLarge(what @ TooLarge::Span { .. }), false) => format!("The actuals file is too large to read as a workbook: {}. Save the export as .xlsx (read cell by cell) or CSV (read row by row), or export a smaller selection, and read it again.", super::reading::too_large_detail(what, lang)),
        (UnreadableActuals::WorkbookTooLarge(what), true) => format!("Utfallsfilen är för stor för att läsas som arbetsbok: {}. Spara exporten som CSV, som läses rad för rad utan gräns för antalet rader, eller exportera ett kortare urval, och läs in den igen.", super::reading::too_large_detail(what, lang)),
        (UnreadableActuals::WorkbookTooLarge(what), false) => format!("The actuals file is too large to read as a workbook: {}. Save the export as CSV, which is read row by row with no bound on its rows, or export a smaller selection, and read it again.", super::reading::too_large_detail(what, lang)),
        (UnreadableActuals::Workbook(inner), _) => super::message(&Kind::UnreadableFile(inner.clone()), lang),
        (UnreadableActuals::Internal(detail), true) => format!("Internt fel när utfallsfilen lästes ({detail}). Filen hoppades över; rapportera felet till utvecklarna."),
        (UnreadableActuals::Internal(detail), false) => format!("Internal error while reading the actuals file ({detail}). The file was skipped; please report it to the developers."),
    }
}

/// `unreadable-actuals` for a money column whose header names another unit than
/// the actuals are read in: what it says, what is read, and the two ways out.
fn unit_mismatch(header: &str, named: crate::labels::Unit, tkr: bool, lang: Lang) -> String {
    use crate::labels::Unit;
    let q = |t: &str| quoted(t, lang);
    let sv = lang == Lang::Sv;
    let (said_sv, said_en) = match named {
        Unit::Thousands => ("tkr", "tkr"),
        Unit::Kronor => ("kronor", "kronor"),
        Unit::Millions => ("miljoner kronor", "millions of kronor"),
    };
    let (read, other) = match tkr {
        true => ("tkr", "kronor"),
        false => ("kronor", "tkr"),
    };
    let fix_sv = match named {
        Unit::Millions => format!("Exportera beloppen i {read}"),
        _ => format!(
            "Sätt actuals_unit = \"{other}\" under [follow_up] i budget.toml, eller exportera beloppen i {read}"
        ),
    };
    let fix_en = match named {
        Unit::Millions => format!("Export the amounts in {read}"),
        _ => format!(
            "Set actuals_unit = \"{other}\" under [follow_up] in budget.toml, or export the amounts in {read}"
        ),
    };
    if sv {
        format!(
            "Kolumnen {} anger beloppen i {said_sv}, men utfallet läses i {read} (actuals_unit i budget.toml): varje belopp skulle bli 1 000 gånger fel, så filen lästes inte. {fix_sv}, och läs in filen igen.",
            q(header)
        )
    } else {
        format!(
            "The column {} gives the amounts in {said_en}, but the actuals are read in {read} (actuals_unit in budget.toml): every amount would be 1,000 times off, so the file was not read. {fix_en}, and read the file again.",
            q(header)
        )
    }
}

/// `D (”Belopp”) och E (”Utfall”)`: columns by their letters and header texts.
fn ambiguous_columns(columns: &[(String, String)], lang: Lang) -> String {
    let named: Vec<String> = (columns.iter())
        .map(|(letters, text)| format!("{letters} ({})", quoted(text, lang)))
        .collect();
    super::list_and(&named, lang)
}

/// What a ledger row's officer can do: the export is the ledger's, not theirs.
fn row_not_counted(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => {
            "Raden räknades inte; rätta raden i exporten, eller exportera om ur ekonomisystemet."
        }
        Lang::En => {
            "The row was not counted; correct the row in the export, or export again from the ledger."
        }
    }
}

fn actuals_row_message(
    column: Option<&str>,
    found: &str,
    expected: &ActualsExpected,
    lang: Lang,
) -> String {
    let sv = lang == Lang::Sv;
    let q = |t: &str| quoted(t, lang);
    let what = match (expected, sv) {
        (ActualsExpected::TableAmount(reason), _) => {
            let column = column.unwrap_or("Belopp");
            return format!(
                "{column}: {} {}",
                super::amounts::amount_problem(reason, lang),
                row_not_counted(lang)
            );
        }
        (ActualsExpected::SieAmount, true) => {
            "ett belopp med punkt före decimalerna och minus för kredit, t.ex. -1250.50"
        }
        (ActualsExpected::SieAmount, false) => {
            "an amount with a point before the decimals and minus for credit, e.g. -1250.50"
        }
        (ActualsExpected::Period, true) => "en period ÅÅÅÅMM med månad 01–12, t.ex. 202304",
        (ActualsExpected::Period, false) => "a period YYYYMM with month 01–12, e.g. 202304",
        (ActualsExpected::Date, true) => "ett datum ÅÅÅÅMMDD, t.ex. 20230415",
        (ActualsExpected::Date, false) => "a date YYYYMMDD, e.g. 20230415",
        (ActualsExpected::NoSuchDay { year, month }, _) => {
            let days = crate::calendar::days_in_month(*year, *month);
            let problem = match (column, sv) {
                (Some(c), true) => format!("{c}: {} är inget datum", q(found)),
                (Some(c), false) => format!("{c}: {} is no date", q(found)),
                (None, true) => format!("Datumet {} finns inte", q(found)),
                (None, false) => format!("The date {} does not exist", q(found)),
            };
            return match sv {
                true => format!(
                    "{problem}: {year}-{month:02} har {days} dagar. {}",
                    row_not_counted(lang)
                ),
                false => format!(
                    "{problem}: {year}-{month:02} has {days} days. {}",
                    row_not_counted(lang)
                ),
            };
        }
        (ActualsExpected::VoucherDate { line, no_such_day }, _) => {
            let why = match (no_such_day, sv) {
                (Some((y, m)), true) => format!(
                    "finns inte: {y}-{m:02} har {} dagar",
                    crate::calendar::days_in_month(*y, *m)
                ),
                (Some((y, m)), false) => format!(
                    "does not exist: {y}-{m:02} has {} days",
                    crate::calendar::days_in_month(*y, *m)
                ),
                (None, true) => "är inget datum ÅÅÅÅMMDD".to_string(),
                (None, false) => "is no date YYYYMMDD".to_string(),
            };
            return match sv {
                true => format!(
                    "#TRANS har inget eget datum, och verifikationens datum (#VER på rad {line}), {}, {why}. Raden hör därför inte till någon månad och räknades inte; rätta datumet på #VER-raden, eller exportera om ur ekonomisystemet.",
                    q(found)
                ),
                false => format!(
                    "#TRANS has no date of its own, and its voucher's date (#VER on line {line}), {}, {why}. So the row belongs to no month and was not counted; correct the date on the #VER line, or export again from the ledger.",
                    q(found)
                ),
            };
        }
        (ActualsExpected::Account, true) => "ett kontonummer",
        (ActualsExpected::Account, false) => "an account number",
        (ActualsExpected::YearIndex, true) => {
            "ett årsnummer (0 för innevarande år, -1 för föregående)"
        }
        (ActualsExpected::YearIndex, false) => {
            "a year number (0 for the current year, -1 for the previous)"
        }
        (ActualsExpected::ClosedObjectList, true) => "en objektlista som stängs med } på samma rad",
        (ActualsExpected::ClosedObjectList, false) => {
            "an object list closed with } on the same line"
        }
        (ActualsExpected::ObjectPairs, true) => {
            "en objektlista med par av dimension och objekt, t.ex. {6 \"P2301\"}"
        }
        (ActualsExpected::ObjectPairs, false) => {
            "an object list of pairs of dimension and object, e.g. {6 \"P2301\"}"
        }
        (ActualsExpected::ShortLine { limit }, true) => {
            return format!(
                "Raden är längre än {} KiB och kan inte vara en post i en export ({}). {}",
                limit / 1024,
                q(found),
                row_not_counted(lang)
            );
        }
        (ActualsExpected::ShortLine { limit }, false) => {
            return format!(
                "The line is longer than {} KiB and cannot be a record of an export ({}). {}",
                limit / 1024,
                q(found),
                row_not_counted(lang)
            );
        }
        (ActualsExpected::Fields { header }, true) => {
            return format!(
                "Raden har fler fält än rubrikraden ({header}): {} står efter dem. I en kommaavgränsad fil är det troligen ett decimalkomma; exportera med semikolon som avgränsare eller med citattecken runt beloppen. {}",
                q(found),
                row_not_counted(lang)
            );
        }
        (ActualsExpected::Fields { header }, false) => {
            return format!(
                "The row has more fields than the header ({header}): {} stands after them. In a comma-delimited file that is most likely a decimal comma; export with semicolons as delimiter or with quotes around the amounts. {}",
                q(found),
                row_not_counted(lang)
            );
        }
        (ActualsExpected::MoreRows { rows }, true) => {
            let rows = count(*rows, lang);
            return format!(
                "Ytterligare {rows} rader med fel av samma slag räknades inte; bara de första anges var för sig. Rätta raderna i exporten, eller exportera om ur ekonomisystemet, och läs in den igen."
            );
        }
        (ActualsExpected::MoreRows { rows }, false) => {
            let rows = count(*rows, lang);
            return format!(
                "{rows} more rows with errors of this kind were not counted; only the first are named one by one. Correct the rows in the export, or export again from the ledger, and read it again."
            );
        }
    };
    // An empty month or account beside an amount: the mark of a pivot table that
    // writes a group's label on its first row only.
    let pivot = matches!(expected, ActualsExpected::Period | ActualsExpected::Account);
    let problem = match (column, found.trim().is_empty(), sv) {
        (Some(c), true, true) if pivot => format!(
            "{c} saknas. Kommer exporten från en pivottabell som bara skriver värdet på gruppens första rad, välj Upprepa alla objektetiketter (Pivottabell › Design › Rapportlayout) och exportera igen."
        ),
        (Some(c), true, false) if pivot => format!(
            "{c} is missing. If the export comes from a pivot table that writes a value on its group's first row only, choose Repeat All Item Labels (PivotTable › Design › Report Layout) and export again."
        ),
        (Some(c), true, true) => format!("{c} saknas."),
        (Some(c), true, false) => format!("{c} is missing."),
        (None, true, true) => format!("Det saknas {what}."),
        (None, true, false) => format!("There is no {what}."),
        (Some(c), false, true) => format!("{c}: {} står där det ska stå {what}.", q(found)),
        (Some(c), false, false) => {
            format!("{c}: {} stands where there should be {what}.", q(found))
        }
        (None, false, true) => format!("{} står där det ska stå {what}.", q(found)),
        (None, false, false) => format!("{} stands where there should be {what}.", q(found)),
    };
    format!("{problem} {}", row_not_counted(lang))
}

/// A total row: not counted, and which sum of the rows above it its amount is.
fn total_row_message(
    label: &str,
    amount: Option<Decimal>,
    since_previous: Option<Decimal>,
    since_start: Decimal,
    lang: Lang,
) -> String {
    let (_, q, sv) = words(lang);
    let a = |v: &Decimal| crate::lang::ledger_amount(*v, lang);
    let row = match sv {
        true => format!(
            "Raden {} är en summarad och räknades inte in i utfallet",
            q(label)
        ),
        false => format!(
            "The row {} is a total row and was not counted in the actuals",
            q(label)
        ),
    };
    let amount_text = amount.map(|v| a(&v)).unwrap_or_default();
    let sums = match (TotalMatch::of(amount, since_previous, since_start), sv) {
        (TotalMatch::Subtotal, true) => format!(
            ": beloppet {amount_text} är summan av raderna sedan föregående summarad (delsumma)."
        ),
        (TotalMatch::Subtotal, false) => format!(
            ": its amount {amount_text} is the sum of the rows since the previous total row (a subtotal)."
        ),
        // With no total row above, a subtotal and a grand total are one sum.
        (TotalMatch::GrandTotal, true) => format!(
            ": beloppet {amount_text} är summan av alla rader ovanför den{}.",
            if since_previous.is_some() {
                " (totalsumma)"
            } else {
                ""
            }
        ),
        (TotalMatch::GrandTotal, false) => format!(
            ": its amount {amount_text} is the sum of all rows above it{}.",
            if since_previous.is_some() {
                " (a grand total)"
            } else {
                ""
            }
        ),
        (TotalMatch::NoAmount, true) => format!(
            ", men den har inget belopp (cellen är tom, eller en formel vars värde inte sparats i filen), så den kunde inte jämföras med raderna ovanför den ({}). Raderna ovanför räknades som de står.",
            a(&since_start)
        ),
        (TotalMatch::NoAmount, false) => format!(
            ", but it has no amount (the cell is empty, or a formula whose value the file does not hold), so it could not be compared with the rows above it ({}). The rows above were counted as they stand.",
            a(&since_start)
        ),
        (TotalMatch::Neither, _) => {
            let start = a(&since_start);
            let check = lang.pick(
                "Kontrollera att exporten är hel; raderna ovanför räknades som de står.",
                "Check that the export is complete; the rows above were counted as they stand.",
            );
            let compared = match (since_previous, sv) {
                (Some(p), true) => format!(
                    "stämmer varken med summan av raderna sedan föregående summarad ({}) eller med summan av alla rader ovanför den ({start})",
                    a(&p)
                ),
                (Some(p), false) => format!(
                    "matches neither the sum of the rows since the previous total row ({}) nor the sum of all rows above it ({start})",
                    a(&p)
                ),
                (None, true) => {
                    format!("stämmer inte med summan av raderna ovanför den ({start})")
                }
                (None, false) => format!("does not match the sum of the rows above it ({start})"),
            };
            match sv {
                true => format!(", men beloppet {amount_text} {compared}. {check}"),
                false => format!(", but its amount {amount_text} {compared}. {check}"),
            }
        }
    };
    format!("{row}{sums}")
}
