//! Messages of the codes about the template's layout: sheets, headers, the fields
//! above the table, the table's rows and the version table.

use super::*;

/// The message of a kind of this family; `None` for a kind of another.
pub(super) fn message(kind: &Kind, lang: Lang) -> Option<String> {
    let (a, q, sv) = words(lang);
    Some(match kind {
        Kind::MissingSheet { sheet, found } => match (near_sheet(sheet, found), sv) {
            (Some(near), true) => format!("Bladet {} saknas. Arbetsboken har bladen: {}. Byt namn på bladet {} till {}.", q(sheet), list(found), q(near), q(sheet)),
            (Some(near), false) => format!("Sheet {} is missing. The workbook has the sheets: {}. Rename the sheet {} to {}.", q(sheet), list(found), q(near), q(sheet)),
            (None, true) => format!("Bladet {} saknas. Arbetsboken har bladen: {}.", q(sheet), list(found)),
            (None, false) => format!("Sheet {} is missing. The workbook has the sheets: {}.", q(sheet), list(found)),
        },
        Kind::MissingHeader { sheet, missing } => if sv {
            format!("Tabellhuvudet hittades inte i {}: ingen rad har alla rubriker som behövs (saknas: {}).", q(sheet), list(missing))
        } else {
            format!("The table header was not found in {}: no row holds every heading needed (missing: {}).", q(sheet), list(missing))
        },
        Kind::MissingMetadata { label } => if sv {
            format!("Uppgiften {} saknas ovanför tabellen. Skriv etiketten och värdet i cellen till höger om den.", q(label))
        } else {
            format!("The field {} is missing above the table. Write the label and its value in the cell to its right.", q(label))
        },
        Kind::EmptyMetadata { label } => if sv {
            format!("{} är inte ifyllt. Fyll i cellen till höger om etiketten innan du skickar filen.", q(label))
        } else {
            format!("{} is not filled in. Fill in the cell to the right of the label before sending the file.", q(label))
        },
        Kind::InvalidMetadata { label, found } => {
            let hint = match (*label, sv) {
                (crate::labels::META_BUDGET_YEAR, true) => "skriv ett årtal, t.ex. 2023",
                (crate::labels::META_BUDGET_YEAR, false) => "write a year, e.g. 2023",
                (crate::labels::META_DATE, true) => "skriv ett datum, t.ex. 2023-03-01",
                (crate::labels::META_DATE, false) => "write a date, e.g. 2023-03-01",
                (crate::labels::forecast::META_PERIOD, true) => "skriv månaden som ÅÅÅÅ-MM, t.ex. 2023-04",
                (crate::labels::forecast::META_PERIOD, false) => "write the month as YYYY-MM, e.g. 2023-04",
                (_, true) => "skriv ett giltigt värde",
                (_, false) => "write a valid value",
            };
            if sv { format!("{} {} är ogiltigt; {hint}.", label, q(found)) } else { format!("{} {} is not valid; {hint}.", label, q(found)) }
        }
        Kind::AmbiguousSheet { sheet, used: Some(used), others, copies, similar } if others.is_empty() => {
            let copies = copies_note(sheet, copies, Some(used), lang) + &similar_note(sheet, similar, Some(used), lang);
            if sv { format!("Bladet {} lästes.{copies}", q(used)) } else { format!("The sheet {} was read.{copies}", q(used)) }
        }
        Kind::AmbiguousSheet { sheet, used: Some(used), others, copies, similar } => {
            let one = others.len() == 1;
            let others: Vec<String> = others.iter().map(|o| q(o)).collect();
            let copies = copies_note(sheet, copies, Some(used), lang) + &similar_note(sheet, similar, Some(used), lang);
            if sv {
                let hidden = if one { "det dolda bladet" } else { "de dolda bladen" };
                format!("Flera blad heter {} (namnen skiljer sig bara i mellanslag eller stora och små bokstäver): det synliga bladet {} lästes, {hidden} {} lästes inte. Ta bort det dolda om det är inaktuellt (högerklicka på en bladflik och välj Ta fram för att se det), så att bara ett blad med namnet finns kvar.{copies}", q(sheet), q(used), list(&others))
            } else {
                let hidden = if one { "the hidden sheet" } else { "the hidden sheets" };
                format!("Several sheets are named {} (the names differ only in spaces or case): the visible sheet {} was read, {hidden} {} not. Delete the hidden one if it is outdated (right-click a sheet tab and choose Unhide to see it), so that only one sheet of that name remains.{copies}", q(sheet), q(used), list(&others))
            }
        }
        Kind::AmbiguousSheet { sheet, used: None, others, copies, similar } => {
            let others: Vec<String> = others.iter().map(|o| q(o)).collect();
            let copies = copies_note(sheet, copies, None, lang) + &similar_note(sheet, similar, None, lang);
            if sv {
                format!("Flera synliga blad heter {} (namnen skiljer sig bara i mellanslag eller stora och små bokstäver): {}. Det går inte att avgöra vilket som gäller, så tjänsteområdet tas inte med. Ta bort eller byt namn på de blad som inte gäller.{copies}", q(sheet), list(&others))
            } else {
                format!("Several visible sheets are named {} (the names differ only in spaces or case): {}. Which one counts cannot be told, so the service area is left out. Delete or rename the sheets that do not count.{copies}", q(sheet), list(&others))
            }
        }
        Kind::AmbiguousColumn { header, cells } => {
            let cells: Vec<String> = cells.iter().map(CellRef::to_string).collect();
            let cells = super::list_and(&cells, lang);
            if sv {
                format!("Rubriken {} står i flera kolumner ({cells}); det går inte att avgöra vilken kolumn som gäller, så tabellen lästes inte. Ta bort eller byt namn på den kolumn som inte gäller.", q(header))
            } else {
                format!("The header {} stands in several columns ({cells}); which column counts cannot be told, so the table was not read. Delete or rename the column that does not count.", q(header))
            }
        }
        Kind::UnitNotTkr { header, unit } => {
            let thousand = a(&Decimal::from(1000));
            let millions = *unit == crate::labels::Unit::Millions;
            match (sv, millions) {
                (true, false) => format!("Rubriken {} anger beloppen i kronor, men mallens belopp är i tkr (tusen kronor): kolumnens belopp blir {thousand} gånger för stora. Räkna om beloppen till tkr (dela med {thousand}) och ta bort enheten ur rubriken, eller rätta rubriken om beloppen redan är i tkr.", q(header)),
                (true, true) => format!("Rubriken {} anger beloppen i miljoner kronor, men mallens belopp är i tkr (tusen kronor): kolumnens belopp blir {thousand} gånger för små. Räkna om beloppen till tkr (gånger {thousand}) och ta bort enheten ur rubriken, eller rätta rubriken om beloppen redan är i tkr.", q(header)),
                (false, false) => format!("The header {} gives the amounts in kronor, but the template's amounts are in tkr (thousands of kronor): the column's amounts would be {thousand} times too large. Convert the amounts to tkr (divide by {thousand}) and remove the unit from the header, or correct the header if the amounts are already in tkr.", q(header)),
                (false, true) => format!("The header {} gives the amounts in millions of kronor, but the template's amounts are in tkr (thousands of kronor): the column's amounts would be {thousand} times too small. Convert the amounts to tkr (multiply by {thousand}) and remove the unit from the header, or correct the header if the amounts are already in tkr.", q(header)),
            }
        }
        Kind::MissingTotalRow { sheet } => if sv {
            format!("Summa-raden saknas i {}: tabellen ska avslutas med en rad där initiativet heter Summa.", q(sheet))
        } else {
            format!("The total row is missing in {}: the table must end with a row whose initiative cell is Summa.", q(sheet))
        },
        Kind::RowsBelowTotal { rows, first, total_row } => {
            let named = match (first.is_empty(), sv) {
                (true, _) => String::new(),
                (false, true) if *rows == 1 => format!(" ({})", q(first)),
                (false, true) => format!(" (den första {})", q(first)),
                (false, false) if *rows == 1 => format!(" ({})", q(first)),
                (false, false) => format!(" (the first {})", q(first)),
            };
            match (sv, *rows == 1) {
                (true, true) => format!("Under Summa-raden (rad {total_row}) står en rad med belopp{named}; den räknas inte, för tabellen slutar vid Summa. Flytta in den ovanför Summa (infoga en rad i tabellen)."),
                (true, false) => format!("Under Summa-raden (rad {total_row}) står {rows} rader med belopp{named}; de räknas inte, för tabellen slutar vid Summa. Flytta in dem ovanför Summa (infoga rader i tabellen)."),
                (false, true) => format!("Below the Summa row (row {total_row}) stands a row with amounts{named}; it is not counted, as the table ends at Summa. Move it above Summa (insert a row in the table)."),
                (false, false) => format!("Below the Summa row (row {total_row}) stand {rows} rows with amounts{named}; they are not counted, as the table ends at Summa. Move them above Summa (insert rows in the table)."),
            }
        }
        Kind::HeadingRow { text } => if sv {
            format!("Raden {} har inga belopp och läses som en rubrik.", q(text))
        } else {
            format!("Row {} has no amounts and is read as a heading.", q(text))
        },
        Kind::MissingInitiativeName { amount: value } => if sv {
            format!("Raden har belopp ({}) men inget namn på initiativet. Skriv initiativets namn.", a(value))
        } else {
            format!("The row has amounts ({}) but no initiative name. Write the initiative's name.", a(value))
        },
        Kind::HeadingRowWithValue { text, column, value } => if sv {
            format!("Raden {} har {column} {} men inga belopp; den läses som en rubrik och dess {column} räknas inte. Fyll i beloppen om raden är ett initiativ.", q(text), q(value))
        } else {
            format!("Row {} has {column} {} but no amounts; it is read as a heading and its {column} is left out. Fill in the amounts if the row is an initiative.", q(text), q(value))
        },
        Kind::ValueWithoutInitiative { column, value } => if sv {
            format!("Raden har {column} {} men inget initiativ och inga belopp, så den läses inte. Skriv initiativets namn och belopp på raden, eller ta bort {column} om raden inte ska vara med.", q(value))
        } else {
            format!("The row has {column} {} but no initiative name and no amounts, so it is left out. Write the initiative's name and amounts on the row, or delete its {column} if the row does not belong.", q(value))
        },
        Kind::DuplicateInitiative { name, first_row } => if sv {
            format!("Initiativet {} står redan på rad {first_row}; varje initiativ ska stå en gång.", q(name))
        } else {
            format!("Initiative {} already appears on row {first_row}; each initiative must appear once.", q(name))
        },
        Kind::InvalidCategory { found } => if sv {
            format!("Påverkan {} är inte Liten, Mellan eller Stor.", q(found))
        } else {
            format!("Påverkan {} is not Liten, Mellan or Stor (small, medium, large).", q(found))
        },
        Kind::EmptyTemplate => lang.pick(
            "Mallen har inga initiativ: både Budgetfördelning och Utvecklingsinitiativ är tomma. Fyll i ett initiativ per rad innan du skickar filen.",
            "The template has no initiatives: both Budgetfördelning and Utvecklingsinitiativ are empty. Fill in one initiative per row before sending the file.",
        ).into(),
        Kind::VersionMismatch { table, field } => if sv {
            format!("Versionstabellens sista rad har version {}, men fältet Version på bladet Budgetfördelning säger {}. Lägg till en rad för version {} i tabellen, eller rätta fältet Version.", q(table), q(field), q(field))
        } else {
            format!("The version table's last row has version {}, but the Version field on sheet Budgetfördelning says {}. Add a row for version {} to the table, or correct the Version field.", q(table), q(field), q(field))
        },
        _ => return None,
    })
}

/// The sheets not read, quoted and listed, and the sheet their figures belong in:
/// the one read, else "the one that counts".
fn sheets_and_target(sheets: &[String], read: Option<&str>, lang: Lang) -> (String, String) {
    let (_, q, sv) = words(lang);
    let names: Vec<String> = sheets.iter().map(|c| q(c)).collect();
    let into = match (read, sv) {
        (Some(read), _) => q(read),
        (None, true) => "det blad som gäller".to_string(),
        (None, false) => "the sheet that counts".to_string(),
    };
    (list(&names), into)
}

/// What `ambiguous-sheet` says of the copies Excel made of `sheet` ("Move or Copy",
/// `Budgetfördelning (2)`), after a space: they were not read; delete them, or move
/// their figures into the sheet read (`read`; `None`: the one that counts). Empty
/// without copies.
fn copies_note(sheet: &str, copies: &[String], read: Option<&str>, lang: Lang) -> String {
    let (_, q, sv) = words(lang);
    if copies.is_empty() {
        return String::new();
    }
    let (names, into) = sheets_and_target(copies, read, lang);
    match (sv, copies.len() == 1) {
        (true, true) => format!(
            " Bladet {names} är en kopia av {} (Flytta eller kopiera → Skapa en kopia) och lästes inte. Ta bort kopian, eller flytta dess siffror till {into} om det är kopian som är ifylld.",
            q(sheet)
        ),
        (true, false) => format!(
            " Bladen {names} är kopior av {} (Flytta eller kopiera → Skapa en kopia) och lästes inte. Ta bort kopiorna, eller flytta deras siffror till {into} om det är en kopia som är ifylld.",
            q(sheet)
        ),
        (false, true) => format!(
            " The sheet {names} is a copy of {} (Move or Copy → Create a copy) and was not read. Delete the copy, or move its figures into {into} if the copy is the one filled in.",
            q(sheet)
        ),
        (false, false) => format!(
            " The sheets {names} are copies of {} (Move or Copy → Create a copy) and were not read. Delete the copies, or move their figures into {into} if a copy is the one filled in.",
            q(sheet)
        ),
    }
}

/// What `ambiguous-sheet` says of the sheets named as `sheet` and more
/// (`Budgetfördelning 2023`), after a space: they were not read; move the figures
/// into the sheet read if one of them holds the ones that count.
fn similar_note(sheet: &str, similar: &[String], read: Option<&str>, lang: Lang) -> String {
    let (_, q, sv) = words(lang);
    if similar.is_empty() {
        return String::new();
    }
    let (names, into) = sheets_and_target(similar, read, lang);
    match (sv, similar.len() == 1) {
        (true, true) => format!(
            " Bladet {names} har ett namn som börjar som {} och lästes inte: bara bladet med det namnet läses. Ta bort det, eller flytta dess siffror till {into} om det är där de gällande siffrorna står.",
            q(sheet)
        ),
        (true, false) => format!(
            " Bladen {names} har namn som börjar som {} och lästes inte: bara bladet med det namnet läses. Ta bort dem, eller flytta siffrorna till {into} om det är där de gällande siffrorna står.",
            q(sheet)
        ),
        (false, true) => format!(
            " The sheet {names} has a name that begins as {} and was not read: only the sheet of that name is. Delete it, or move its figures into {into} if it holds the figures that count.",
            q(sheet)
        ),
        (false, false) => format!(
            " The sheets {names} have names that begin as {} and were not read: only the sheet of that name is. Delete them, or move their figures into {into} if they hold the figures that count.",
            q(sheet)
        ),
    }
}

/// The workbook's sheet that is most likely the missing one renamed by mistake
/// (`Budget fördelning`, `Budgetfordelning`, `Budgetfördelning 2`): within two edits
/// of it once both are read forgivingly, else the only sheet named as it and more
/// (`Budgetfördelning 2023`); `None` when no sheet is that near.
fn near_sheet<'a>(sheet: &str, found: &'a [String]) -> Option<&'a str> {
    let want = crate::labels::normalize(sheet);
    let near = found
        .iter()
        .map(|f| (strsim::levenshtein(&want, &crate::labels::normalize(f)), f))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, f)| f.as_str());
    // Else the only sheet named as it and more (`Budgetfördelning 2023`).
    near.or_else(|| {
        let mut variants = found
            .iter()
            .filter(|f| crate::labels::is_sheet_variant(f, sheet));
        match (variants.next(), variants.next()) {
            (Some(only), None) => Some(only.as_str()),
            _ => None,
        }
    })
}
