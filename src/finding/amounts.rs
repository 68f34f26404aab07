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
        (NotAmount::Scientific { text, step }, true) => format!(
            "{} är skrivet i grundpotensform, som Excel visar ett tal i en för smal kolumn eller med formatet Vetenskaplig. Dess sista siffra står för {} kr, så beloppet kan vara avrundat och läses inte. Formatera kolumnen som tal med två decimaler och exportera igen.",
            q(text),
            amount(*step, lang)
        ),
        (NotAmount::Scientific { text, step }, false) => format!(
            "{} is written in scientific notation, as Excel shows a number in a narrow column or formatted Scientific. Its last digit stands for {} kr, so the amount may be rounded and is not read. Format the column as a number with two decimals and export again.",
            q(text),
            amount(*step, lang)
        ),
        (NotAmount::Ambiguous(t), sv) => match (ambiguous_readings(t), sv) {
            (Some(r), true) if r.comma => format!(
                "{} är tvetydigt – {} för en svensk men {} i engelsk skrivning.",
                q(t),
                amount(r.decimal, lang),
                amount(r.whole, lang)
            ),
            (Some(r), true) => format!(
                "{} är tvetydigt – {} med punkt som tusentalsavgränsare men {} i engelsk skrivning.",
                q(t),
                amount(r.whole, lang),
                amount(r.decimal, lang)
            ),
            (Some(r), false) if r.comma => format!(
                "{} is ambiguous – {} in Swedish writing but {} in English.",
                q(t),
                amount(r.decimal, lang),
                amount(r.whole, lang)
            ),
            (Some(r), false) => format!(
                "{} is ambiguous – {} with the dot as a thousands separator but {} in English writing.",
                q(t),
                amount(r.whole, lang),
                amount(r.decimal, lang)
            ),
            (None, true) => format!("{} är tvetydigt.", q(t)),
            (None, false) => format!("{} is ambiguous.", q(t)),
        },
        (NotAmount::Uncalculated, true) => {
            "cellen har en formel vars värde inte finns sparat i filen (den sparades av ett program som inte räknar formler).".to_string()
        }
        (NotAmount::Uncalculated, false) => {
            "the cell holds a formula whose value the file does not hold (it was saved by a program that does not calculate formulas).".to_string()
        }
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
fn amount_advice(reason: &NotAmount, sv: bool) -> String {
    if let NotAmount::Ambiguous(t) = reason {
        // The two readings written so that each has one: `3900` or `3,90` (at
        // least two decimals, and four rather than an ambiguous three).
        let (whole, mut decimal) = match ambiguous_readings(t) {
            Some(r) => (r.whole, r.decimal.normalize()),
            None => (Decimal::from(3900), Decimal::new(39, 1)),
        };
        decimal.rescale(match decimal.scale() {
            0..=1 => 2,
            3 => 4,
            s => s,
        });
        return match sv {
            true => format!(
                "Skriv talet utan tvetydighet, t.ex. {whole} eller {}.",
                decimal.to_string().replace('.', ",")
            ),
            false => format!("Write the number unambiguously, e.g. {whole} or {decimal}."),
        };
    }
    let text = match (reason, sv) {
        (NotAmount::Text(_), true) => "Skriv ett tal i tkr.",
        (NotAmount::Text(_), false) => "Write a number in tkr.",
        (NotAmount::Scientific { .. }, true) => "Formatera kolumnen som tal med två decimaler.",
        (NotAmount::Scientific { .. }, false) => "Format the column as a number with two decimals.",
        (NotAmount::Ambiguous(_), _) => "",
        (NotAmount::Date(_), true) => "Skriv beloppet och formatera cellen som tal.",
        (NotAmount::Date(_), false) => "Write the amount and format the cell as a number.",
        (NotAmount::Bool(_), true) => "Skriv beloppet i tkr.",
        (NotAmount::Bool(_), false) => "Write the amount in tkr.",
        (NotAmount::Uncalculated, true) => {
            "Öppna filen i Excel eller LibreOffice och spara den, så sparas formelns värde."
        }
        (NotAmount::Uncalculated, false) => {
            "Open the file in Excel or LibreOffice and save it, so that the formula's value is saved."
        }
        (NotAmount::ErrorValue(_), true) => "Rätta formeln.",
        (NotAmount::ErrorValue(_), false) => "Correct the formula.",
        (NotAmount::OutOfRange(_) | NotAmount::Implausible(_) | NotAmount::SumTooLarge(_), _) => "",
    };
    text.to_string()
}

/// The two readings of an ambiguous amount (`4,200`, `-1.500`): its one separator
/// as a decimal point, and as a thousands separator.
struct Readings {
    decimal: Decimal,
    whole: Decimal,
    /// The separator is a comma (a Swede reads the decimal, an English reader the
    /// whole number); else a dot (the other way round).
    comma: bool,
}

fn ambiguous_readings(text: &str) -> Option<Readings> {
    let t = text.trim();
    let (negative, body) = match t.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (int, frac) = body.split_once([',', '.'])?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.len() != 3 || !digits(frac) {
        return None;
    }
    let sign = if negative { "-" } else { "" };
    let decimal = format!("{sign}{int}.{frac}").parse::<Decimal>().ok()?;
    let whole = format!("{sign}{int}{frac}").parse::<Decimal>().ok()?;
    Some(Readings {
        decimal,
        whole,
        comma: body.contains(','),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> [String; 2] {
        let reason = NotAmount::Ambiguous(text.to_string());
        [Lang::Sv, Lang::En].map(|lang| {
            let sv = lang == Lang::Sv;
            format!(
                "{} {}",
                amount_problem(&reason, lang),
                amount_advice(&reason, sv)
            )
        })
    }

    #[test]
    fn an_ambiguous_amount_is_explained_with_its_own_two_readings() {
        assert_eq!(
            both("4,200"),
            [
                "”4,200” är tvetydigt – 4,2 för en svensk men 4 200 i engelsk skrivning. Skriv talet utan tvetydighet, t.ex. 4200 eller 4,20.",
                "“4,200” is ambiguous – 4.2 in Swedish writing but 4,200 in English. Write the number unambiguously, e.g. 4200 or 4.20.",
            ]
        );
        assert_eq!(
            both("4.200"),
            [
                "”4.200” är tvetydigt – 4 200 med punkt som tusentalsavgränsare men 4,2 i engelsk skrivning. Skriv talet utan tvetydighet, t.ex. 4200 eller 4,20.",
                "“4.200” is ambiguous – 4,200 with the dot as a thousands separator but 4.2 in English writing. Write the number unambiguously, e.g. 4200 or 4.20.",
            ]
        );
        // A decimal reading of three decimals is written with four in the advice.
        let [sv, en] = both("-1,234");
        assert!(
            sv.contains("-1,234 för en svensk men -1 234 i engelsk")
                && sv.ends_with("-1234 eller -1,2340."),
            "{sv}"
        );
        assert!(en.ends_with("e.g. -1234 or -1.2340."), "{en}");
        let [sv, _] = both("12.500");
        assert!(
            sv.contains("12 500 med punkt") && sv.contains("men 12,5 i engelsk"),
            "{sv}"
        );
    }
}
