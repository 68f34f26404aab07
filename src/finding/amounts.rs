//! Messages of the codes about amount cells: what stands in them, the row's and
//! column's sums, formulas without a value, and the cells a root cause breaks.

use super::*;

/// The message of a kind of this family; `None` for a kind of another.
pub(super) fn message(kind: &Kind, lang: Lang) -> Option<String> {
    let (a, q, sv) = words(lang);
    Some(match kind {
        Kind::InvalidAmount { column, found } => match (found, sv) {
            (NotAmount::OutOfRange(t), true) => format!(
                "{column}: talet {t} är för stort för att vara ett belopp (högst {} tkr). Kontrollera talet och skriv beloppet i tkr.",
                a(&crate::amount::MAX_AMOUNT)
            ),
            (NotAmount::OutOfRange(t), false) => format!(
                "{column}: the number {t} is too large to be an amount (at most {} tkr). Check the number and write the amount in tkr.",
                a(&crate::amount::MAX_AMOUNT)
            ),
            (NotAmount::Implausible(v), true) => format!(
                "{column}: {} tkr är mer än någon budget (högst {} tkr). Kontrollera beloppet; det är troligen inte skrivet i tkr.",
                a(v),
                a(&crate::amount::MAX_AMOUNT)
            ),
            (NotAmount::Implausible(v), false) => format!(
                "{column}: {} tkr is more than any budget (at most {} tkr). Check the amount; it is probably not written in tkr.",
                a(v),
                a(&crate::amount::MAX_AMOUNT)
            ),
            (NotAmount::SumTooLarge(sum), true) => format!(
                "{column}: summan blir {} tkr med den här cellen, mer än någon budget ({} tkr). Kontrollera beloppen; de är troligen inte skrivna i tkr.",
                a(sum),
                a(&crate::amount::MAX_AMOUNT)
            ),
            (NotAmount::SumTooLarge(sum), false) => format!(
                "{column}: the sum comes to {} tkr with this cell, more than any budget ({} tkr). Check the amounts; they are probably not written in tkr.",
                a(sum),
                a(&crate::amount::MAX_AMOUNT)
            ),
            _ => format!(
                "{column}: {} {}",
                amount_problem(found, lang),
                amount_advice(found, sv)
            ),
        },
        Kind::NegativeAmount { column, value } => {
            if sv {
                format!(
                    "{column} är negativt ({}); utvecklingsbelopp ska vara 0 eller mer.",
                    a(value)
                )
            } else {
                format!(
                    "{column} is negative ({}); development amounts must be 0 or more.",
                    a(value)
                )
            }
        }
        Kind::NumberAsText {
            column,
            text,
            value,
        } => {
            if sv {
                format!(
                    "{column} är skrivet som text ({}) och lästes som {}. Skriv talet som ett tal.",
                    q(text),
                    a(value)
                )
            } else {
                format!(
                    "{column} is written as text ({}) and was read as {}. Enter it as a number.",
                    q(text),
                    a(value)
                )
            }
        }
        Kind::TextBreaksFormula {
            column,
            text,
            shows,
            ..
        } => {
            let spaced = text.chars().any(|c| c.is_whitespace());
            let fix = match (spaced, sv) {
                (true, true) => "skriv talet utan mellanslag eller som tal",
                (true, false) => "write the number without spaces or as a number",
                (false, true) => "skriv det som tal",
                (false, false) => "enter it as a number",
            };
            let what = if sv { "är text" } else { "is text" };
            let mut out = format!("{column}: {} {what} — {fix}.", q(text));
            out.push_str(&consequences(shows, lang));
            out
        }
        Kind::InvalidBreaksFormula {
            column,
            found,
            shows,
        } => {
            let mut out = super::message(
                &Kind::InvalidAmount {
                    column: column.clone(),
                    found: found.clone(),
                },
                lang,
            );
            out.push_str(&consequences(shows, lang));
            out
        }
        Kind::RowSumMismatch {
            stated,
            new,
            existing,
        } => {
            let sum = new.saturating_add(*existing);
            let fix = match sv {
                true => "Rätta Belopp eller delbeloppen så att Belopp är deras summa.",
                false => "Correct Belopp or its parts so that Belopp is their sum.",
            };
            format!(
                "Belopp {} ≠ {} {} + {} {} = {}. {fix}",
                a(stated),
                crate::labels::COL_NEW,
                a(new),
                crate::labels::COL_EXISTING_SHORT,
                a(existing),
                a(&sum)
            )
        }
        Kind::TotalMismatch {
            column,
            stated,
            computed,
        } => {
            if sv {
                format!(
                    "Summa {column} {} ≠ summan av raderna {}. Rätta raderna eller Summa-raden (låt den vara en SUMMA-formel över kolumnen).",
                    a(stated),
                    a(computed)
                )
            } else {
                format!(
                    "Total {column} {} ≠ sum of the rows {}. Correct the rows or the Summa row (make it a SUM formula over the column).",
                    a(stated),
                    a(computed)
                )
            }
        }
        Kind::UncategorizedAmount { amount: value } => {
            if sv {
                format!(
                    "Belopp {} är inte fördelat: både Nyutveckling och Utveckling inom befintlig tjänst är 0. För beloppet till en av kategorierna.",
                    a(value)
                )
            } else {
                format!(
                    "Amount {} is not categorised: both Nyutveckling and Utveckling inom befintlig tjänst are 0. Put the amount in one of the categories.",
                    a(value)
                )
            }
        }
        Kind::FormulaWithoutValue { column, recomputed } => match (recomputed, sv) {
            (Some(v), true) => format!(
                "{column}: formeln har inget beräknat värde (filen sparades av ett program som inte räknar); värdet {} räknades om från tabellen.",
                a(v)
            ),
            (Some(v), false) => format!(
                "{column}: the formula has no calculated value (the file was saved by a program that does not calculate); the value {} was recomputed from the table.",
                a(v)
            ),
            (None, true) => format!(
                "{column}: formeln har inget beräknat värde. Öppna filen i Excel eller LibreOffice, spara den och skicka den igen."
            ),
            (None, false) => format!(
                "{column}: the formula has no calculated value. Open the file in Excel or LibreOffice, save it and send it again."
            ),
        },
        _ => return None,
    })
}

/// ` Därför: D11 visar #VÄRDEFEL!, …` for a root cause's consequences ("" for none).
fn consequences(shows: &[Consequence], lang: Lang) -> String {
    let a = |d: &Decimal| amount(*d, lang);
    let sv = lang == Lang::Sv;
    let parts: Vec<String> = shows
        .iter()
        .map(|c| {
            let place = match &c.sheet {
                Some(sheet) => format!("{sheet} › {}", c.cell),
                None => c.cell.to_string(),
            };
            match (&c.shows, sv) {
                (Shows::Error(e), true) => format!("{place} visar {}", excel_error(e, lang)),
                (Shows::Error(e), false) => format!("{place} shows {}", excel_error(e, lang)),
                (Shows::Value { shown, right }, true) => {
                    format!("{place} visar {} i stället för {}", a(shown), a(right))
                }
                (Shows::Value { shown, right }, false) => {
                    format!("{place} shows {} instead of {}", a(shown), a(right))
                }
            }
        })
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    format!(
        " {} {}.",
        lang.pick("Därför:", "As a result:"),
        parts.join(", ")
    )
}

/// What is wrong with an amount cell that holds no usable number, in the same words
/// for a template and a ledger export (kronor or tkr alike: no unit, no advice). A
/// template's message adds [`amount_advice`] and says its own limit for a number too
/// large.
pub(super) fn amount_problem(reason: &NotAmount, lang: Lang) -> String {
    let q = |t: &str| quoted(t, lang);
    match (reason, lang == Lang::Sv) {
        (NotAmount::Text(t), true) => format!("texten {} är inget belopp.", q(t)),
        (NotAmount::Text(t), false) => format!("the text {} is not an amount.", q(t)),
        (NotAmount::Ambiguous(t), true) => format!(
            "{} är tvetydigt – 3,9 för en svensk men 3 900 i engelsk skrivning.",
            q(t)
        ),
        (NotAmount::Ambiguous(t), false) => format!(
            "{} is ambiguous – 3.9 in Swedish writing but 3,900 in English.",
            q(t)
        ),
        (NotAmount::Date(t), true) => format!("cellen innehåller ett datum ({t}), inget belopp."),
        (NotAmount::Date(t), false) => format!("the cell holds a date ({t}), not an amount."),
        (NotAmount::Bool(b), true) => format!(
            "cellen innehåller sanningsvärdet {}, inget belopp.",
            if *b { "SANT" } else { "FALSKT" }
        ),
        (NotAmount::Bool(b), false) => format!(
            "the cell holds the logical value {}, not an amount.",
            if *b { "TRUE" } else { "FALSE" }
        ),
        (NotAmount::ErrorValue(e), true) => {
            format!("cellen innehåller felvärdet {}.", excel_error(e, lang))
        }
        (NotAmount::ErrorValue(e), false) => {
            format!("the cell holds the error value {}.", excel_error(e, lang))
        }
        (
            NotAmount::OutOfRange(_) | NotAmount::Implausible(_) | NotAmount::SumTooLarge(_),
            true,
        ) => match found_number(reason, lang) {
            Some(n) => format!("beloppet {n} är för stort för att läsas."),
            None => "beloppet är för stort för att läsas.".to_string(),
        },
        (
            NotAmount::OutOfRange(_) | NotAmount::Implausible(_) | NotAmount::SumTooLarge(_),
            false,
        ) => match found_number(reason, lang) {
            Some(n) => format!("the amount {n} is too large to be read."),
            None => "the amount is too large to be read.".to_string(),
        },
    }
}

/// The number a too-large amount was written as, when there is one to show.
fn found_number(reason: &NotAmount, lang: Lang) -> Option<String> {
    match reason {
        NotAmount::OutOfRange(t) if !t.trim().is_empty() => Some(t.clone()),
        NotAmount::Implausible(v) | NotAmount::SumTooLarge(v) => Some(amount(*v, lang)),
        _ => None,
    }
}

/// What an area lead does about a template's amount cell that holds no number.
/// (A number too large has a message of its own, with its advice in it.)
fn amount_advice(reason: &NotAmount, sv: bool) -> &'static str {
    match (reason, sv) {
        (NotAmount::Text(_), true) => "Skriv ett tal i tkr.",
        (NotAmount::Text(_), false) => "Write a number in tkr.",
        (NotAmount::Ambiguous(_), true) => "Skriv talet utan tvetydighet, t.ex. 3900 eller 3,90.",
        (NotAmount::Ambiguous(_), false) => "Write the number unambiguously, e.g. 3900 or 3.90.",
        (NotAmount::Date(_), true) => "Skriv beloppet och formatera cellen som tal.",
        (NotAmount::Date(_), false) => "Write the amount and format the cell as a number.",
        (NotAmount::Bool(_), true) => "Skriv beloppet i tkr.",
        (NotAmount::Bool(_), false) => "Write the amount in tkr.",
        (NotAmount::ErrorValue(_), true) => "Rätta formeln.",
        (NotAmount::ErrorValue(_), false) => "Correct the formula.",
        (NotAmount::OutOfRange(_) | NotAmount::Implausible(_) | NotAmount::SumTooLarge(_), _) => "",
    }
}
