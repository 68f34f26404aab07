//! Messages of the monthly follow-up's codes: actuals mapped to initiatives,
//! project codes, periodisation, forecasts and gaps.

use super::*;

/// The message of a kind of this family; `None` for a kind of another.
pub(super) fn message(kind: &Kind, lang: Lang) -> Option<String> {
    let (a, q, sv) = words(lang);
    // Amounts from the ledger, in tkr: shown to the nearest ten kronor.
    let l = |v: &Decimal| crate::lang::ledger_tkr(*v, lang);
    // A ledger amount beside the figure it is compared with: to the nearest ten
    // kronor unless that would show the two alike (then exact).
    let beside = |actual: &Decimal, other: &Decimal| match l(actual) == a(other) {
        true => a(actual),
        false => l(actual),
    };
    Some(match kind {
        Kind::UnmappedActual {
            project,
            amount: value,
            months,
            previous_year,
        } => {
            let (left_out_sv, left_out_en) = match previous_year {
                false => (
                    "räknas inte i uppföljningen",
                    "are left out of the follow-up",
                ),
                true => (
                    "räknas inte i kolumnen Utfall ack föregående år",
                    "are left out of the column Utfall ack föregående år (the previous year)",
                ),
            };
            match (project, sv) {
                (Some(p), true) => format!(
                    "Utfall {} tkr på projekt {} ({months}) hör till inget initiativ och inget tjänsteområde och {left_out_sv}. Skriv koden i kolumnen Projekt i rätt tjänsteområdes mall, eller lägg till den som [[project]] i budget.toml.",
                    l(value),
                    q(p)
                ),
                (Some(p), false) => format!(
                    "Actuals of {} tkr on project {} ({months}) belong to no initiative and no area and {left_out_en}. Write the code in the Projekt column of the right area's template, or add it as a [[project]] in budget.toml.",
                    l(value),
                    q(p)
                ),
                (None, true) if *previous_year => format!(
                    "Utfall {} tkr utan projekt på kostnadskonton ({months}) hör till inget initiativ och {left_out_sv}.",
                    l(value)
                ),
                (None, false) if *previous_year => format!(
                    "Actuals of {} tkr without a project on cost accounts ({months}) belong to no initiative and {left_out_en}.",
                    l(value)
                ),
                (None, true) => format!(
                    "Utfall {} tkr utan projekt på kostnadskonton ({months}) hör till inget initiativ och {left_out_sv}. Be ekonomi boka om kostnaden på rätt projekt.",
                    l(value)
                ),
                (None, false) => format!(
                    "Actuals of {} tkr without a project on cost accounts ({months}) belong to no initiative and {left_out_en}. Ask finance to rebook the cost on the right project.",
                    l(value)
                ),
            }
        }
        Kind::MissingProjectCode {
            area,
            initiative,
            budget,
        } => {
            if sv {
                format!(
                    "{area}: initiativet {} har budget {} tkr men ingen projektkod, så dess utfall räknas som 0. Skriv projektkoden i kolumnen Projekt eller som [[project]] i budget.toml.",
                    q(initiative),
                    a(budget)
                )
            } else {
                format!(
                    "{area}: initiative {} has a budget of {} tkr but no project code, so its actual counts as 0. Write the project code in the Projekt column or as a [[project]] in budget.toml.",
                    q(initiative),
                    a(budget)
                )
            }
        }
        Kind::DuplicateProjectCode {
            code,
            first,
            second,
        } => {
            if sv {
                format!(
                    "Projektkoden {} är angiven för två olika mål: {first} och {second}. En kod får höra till ett initiativ (eller ett tjänsteområde); ta bort den felaktiga.",
                    q(code)
                )
            } else {
                format!(
                    "Project code {} is given for two different targets: {first} and {second}. A code may belong to one initiative (or one area); remove the wrong one.",
                    q(code)
                )
            }
        }
        Kind::UnknownInitiative {
            area,
            initiative,
            closest,
        } => {
            // Quoted, as a name may hold a comma: `”A, B” eller ”C”`.
            let quoted: Vec<String> = closest.iter().map(|c| q(c)).collect();
            let near = if closest.is_empty() {
                String::new()
            } else if sv {
                format!(" Menade du {}?", list_or(&quoted, lang))
            } else {
                format!(" Did you mean {}?", list_or(&quoted, lang))
            };
            match (area, sv) {
                (Some(ar), true) => {
                    format!("{ar} har inget initiativ {} i planen.{near}", q(initiative))
                }
                (Some(ar), false) => format!(
                    "{ar} has no initiative {} in the plan.{near}",
                    q(initiative)
                ),
                (None, true) => format!(
                    "Planen har inget initiativ eller projekt {}.{near}",
                    q(initiative)
                ),
                (None, false) => format!(
                    "The plan has no initiative or project {}.{near}",
                    q(initiative)
                ),
            }
        }
        Kind::BudgetMismatch {
            area,
            initiative,
            ledger,
            decided,
        } => {
            if sv {
                format!(
                    "{area} › {}: ekonomisystemets periodiserade budget för året är {} tkr men beslutad budget är {} tkr. Budget helår visas som beslutat; rätta budgeten i ekonomisystemet.",
                    q(initiative),
                    beside(ledger, decided),
                    a(decided)
                )
            } else {
                format!(
                    "{area} › {}: the ledger's periodised budget for the year is {} tkr but the decided budget is {} tkr. The decided full-year budget is shown; correct the budget in the ledger.",
                    q(initiative),
                    beside(ledger, decided),
                    a(decided)
                )
            }
        }
        Kind::EvenPeriodisation { areas } => {
            let quoted: Vec<String> = areas.iter().map(|n| q(n)).collect();
            let areas = &quoted;
            if sv {
                format!(
                    "Budget ack för {} är jämnt fördelad, en tolftedel per månad: ingen periodiserad budget finns i ekonomisystemet och ingen periodiseringsnyckel i budget.toml.",
                    list_and(areas, lang)
                )
            } else {
                format!(
                    "Budget to date for {} is spread evenly, a twelfth per month: the ledger has no periodised budget and budget.toml has no periodisation key.",
                    list_and(areas, lang)
                )
            }
        }
        Kind::NoForecast { area, initiatives } => {
            // Quoted: an initiative's name may itself hold an `och`.
            let quoted: Vec<String> = initiatives.iter().map(|i| q(i)).collect();
            let names = list_and(&quoted, lang);
            if sv {
                format!("{area}: ingen prognos för {names}; budgeten används som prognos.")
            } else {
                format!("{area}: no forecast for {names}; the budget is used as forecast.")
            }
        }
        Kind::DuplicateForecast {
            area,
            initiative,
            counted,
        } => {
            if sv {
                format!(
                    "Initiativet {} i {area} har redan en prognos i {counted}; prognosen på den här raden räknas inte, så att initiativet inte räknas två gånger.",
                    q(initiative)
                )
            } else {
                format!(
                    "Initiative {} of {area} already has a forecast in {counted}; the forecast on this row is not counted, so that the initiative is not counted twice.",
                    q(initiative)
                )
            }
        }
        Kind::MissingComment {
            initiative,
            forecast,
            budget,
            threshold,
        } => {
            if sv {
                format!(
                    "{}: prognosen {} tkr avviker mer än {} % från budgeten {} tkr men har ingen kommentar. Skriv en kommentar i kolumnen Kommentar.",
                    q(initiative),
                    a(forecast),
                    a(threshold),
                    a(budget)
                )
            } else {
                format!(
                    "{}: the forecast of {} tkr deviates more than {} % from the budget of {} tkr but has no comment. Write a comment in the Kommentar column.",
                    q(initiative),
                    a(forecast),
                    a(threshold),
                    a(budget)
                )
            }
        }
        Kind::ForecastSheetLeftOut {
            read,
            left_out,
            rows,
        } => {
            let names: Vec<String> = left_out.iter().map(|n| q(n)).collect();
            let (one, rows) = (left_out.len() == 1, *rows as usize);
            let rows_sv = crate::labels::count(rows, "rad", "rader");
            let rows_en = crate::labels::count(rows, "row", "rows");
            match (sv, one) {
                (true, true) => format!(
                    "Bladet {} lästes. Bladet {} har också en prognostabell ({rows_sv}) och lästes inte. Ta bort det, eller flytta dess prognoser till {} om det är det som gäller.",
                    q(read),
                    names[0],
                    q(read)
                ),
                (true, false) => format!(
                    "Bladet {} lästes. Bladen {} har också prognostabeller ({rows_sv}) och lästes inte. Ta bort dem, eller flytta deras prognoser till {} om det är något av dem som gäller.",
                    q(read),
                    list_and(&names, lang),
                    q(read)
                ),
                (false, true) => format!(
                    "The sheet {} was read. The sheet {} holds a forecast table too ({rows_en}) and was not read. Delete it, or move its forecasts to {} if it is the one that counts.",
                    q(read),
                    names[0],
                    q(read)
                ),
                (false, false) => format!(
                    "The sheet {} was read. The sheets {} hold forecast tables too ({rows_en}) and were not read. Delete them, or move their forecasts to {} if one of them is the one that counts.",
                    q(read),
                    list_and(&names, lang),
                    q(read)
                ),
            }
        }
        Kind::ForecastBelowActual {
            initiative,
            forecast,
            actual,
        } => {
            if sv {
                format!(
                    "{}: prognosen är lägre än redan bokfört utfall – prognosen för helåret är {} tkr men utfallet hittills är {} tkr. Kontrollera prognosen; den kan inte bli lägre än det som redan är bokfört.",
                    q(initiative),
                    a(forecast),
                    beside(actual, forecast)
                )
            } else {
                format!(
                    "{}: the forecast is below the actual already booked – the full-year forecast is {} tkr but the actual to date is {} tkr. Check the forecast; it cannot end up below what is already booked.",
                    q(initiative),
                    a(forecast),
                    beside(actual, forecast)
                )
            }
        }
        Kind::ForecastYear {
            header,
            found,
            expected,
        } => {
            if sv {
                format!(
                    "Prognoskolumnen {} gäller {found}, men uppföljningen gäller {expected}; filens prognoser räknas inte. Fyll i prognosen för {expected} (rubriken Prognos helår {expected}) eller lägg rätt års prognosfil i prognosmappen.",
                    q(header)
                )
            } else {
                format!(
                    "The forecast column {} is for {found}, but the follow-up is for {expected}; the file's forecasts are not counted. Fill in the forecast for {expected} (headed Prognos helår {expected}) or put the right year's forecast file in the forecast folder.",
                    q(header)
                )
            }
        }
        Kind::PeriodMismatch { found, expected } => {
            if sv {
                format!(
                    "Prognosfilen gäller perioden {} men uppföljningen gäller {}. Hämta mallen för rätt månad (budget-consolidator follow-up template --period {}).",
                    q(found),
                    q(expected),
                    expected
                )
            } else {
                format!(
                    "The forecast file is for the period {} but the follow-up is for {}. Get the template for the right month (budget-consolidator follow-up template --period {}).",
                    q(found),
                    q(expected),
                    expected
                )
            }
        }
        Kind::StaleForecast {
            area,
            found,
            period,
        } => {
            if sv {
                format!(
                    "Prognosen för {area} gäller {found}, men uppföljningen gäller {period}. Den används eftersom den är tjänsteområdets senaste prognos, men den räknas inte som inlämnad för {period}. Be {area} skicka prognosen för {period}."
                )
            } else {
                format!(
                    "The forecast for {area} is for {found}, but the follow-up is for {period}. It is used because it is the area's latest forecast, but it does not count as submitted for {period}. Ask {area} to send the forecast for {period}."
                )
            }
        }
        Kind::LaterForecast {
            area,
            found: later,
            period,
        } => {
            if sv {
                format!(
                    "Prognosen för {area} gäller {later}, en senare månad än uppföljningens {period}. Den används, men den är bedömningen för {later}, inte för {period}. Lägg prognosen för {period} i prognosmappen, eller följ upp {later} med --period {later}."
                )
            } else {
                format!(
                    "The forecast for {area} is for {later}, a later month than the follow-up's {period}. It is used, but it is the view for {later}, not for {period}. Put the forecast for {period} in the forecast folder, or follow up {later} with --period {later}."
                )
            }
        }
        Kind::FutureDate { date, today } => {
            if sv {
                format!(
                    "Datum {date} ligger efter dagens datum {today} och är troligen felskrivet. Rätta Datum i filen; inlämningen bedöms efter datumet som det står."
                )
            } else {
                format!(
                    "Datum {date} is after today's date {today} and is most likely a typo. Correct Datum in the file; the submission is judged by the date as written."
                )
            }
        }
        Kind::ActualExceedsBudget {
            area,
            initiative,
            actual,
            budget,
        } => {
            if sv {
                format!(
                    "{area} › {}: utfallet hittills {} tkr överskrider hela årets budget {} tkr.",
                    q(initiative),
                    beside(actual, budget),
                    a(budget)
                )
            } else {
                format!(
                    "{area} › {}: the actual to date of {} tkr exceeds the full-year budget of {} tkr.",
                    q(initiative),
                    beside(actual, budget),
                    a(budget)
                )
            }
        }
        Kind::PeriodGap { months } => {
            if sv {
                format!(
                    "Inga kostnader alls finns för {} i någon utfallsfil. Saknas en export från ekonomisystemet?",
                    list_and(months, lang)
                )
            } else {
                format!(
                    "No costs at all are found for {} in any actuals file. Is an export from the ledger missing?",
                    list_and(months, lang)
                )
            }
        }
        Kind::OverlappingActuals {
            first,
            second,
            months,
            left_out,
            shared_rows,
            same_amounts,
        } => overlap_message(
            [first, second, left_out],
            &list(months),
            (*shared_rows, *same_amounts),
            sv,
        ),
        Kind::ActualsInParts {
            first,
            second,
            months,
        } => {
            if sv {
                format!(
                    "{first} och {second} har båda utfall för {}, men ingen kombination av konto och projekt finns i båda filerna de månaderna. De lästes som delar av samma bokföring (t.ex. en export per ansvar) och båda räknas. Är de i stället samma bokföring två gånger, t.ex. ur två ekonomisystem med olika kontonummer, ta bort den ena exporten.",
                    list(months)
                )
            } else {
                format!(
                    "{first} and {second} both hold actuals for {}, but no combination of account and project is in both files in those months. They were read as parts of one ledger (e.g. one export per cost centre) and both are counted. If they are instead the same bookings twice, e.g. from two ledger systems with different account numbers, remove one of the exports.",
                    list(months)
                )
            }
        }
        _ => return None,
    })
}

/// `overlapping-actuals`: what the two files share, which is not counted, and how to
/// tell an older export beside a newer one from exports per cost centre.
fn overlap_message(
    [first, second, left_out]: [&String; 3],
    months: &str,
    (rows, same): (usize, usize),
    sv: bool,
) -> String {
    let same_sv = match same {
        s if s == rows && rows == 1 => "med samma belopp".to_string(),
        s if s == rows => "alla med samma belopp".to_string(),
        0 if rows == 1 => "med olika belopp".to_string(),
        0 => "ingen med samma belopp".to_string(),
        s => format!("{s} med samma belopp"),
    };
    let same_en = match same {
        s if s == rows && rows == 1 => "with the same amount".to_string(),
        s if s == rows => "all with the same amount".to_string(),
        0 if rows == 1 => "with different amounts".to_string(),
        0 => "none with the same amount".to_string(),
        s => format!("{s} with the same amount"),
    };
    let (rows_sv, rows_en) = match rows {
        1 => (
            "1 kombination av månad, konto och projekt finns".to_string(),
            "1 combination of month, account and project is".to_string(),
        ),
        n => (
            format!(
                "{} kombinationer av månad, konto och projekt finns",
                crate::lang::count(n as u64, Lang::Sv)
            ),
            format!(
                "{} combinations of month, account and project are",
                crate::lang::count(n as u64, Lang::En)
            ),
        ),
    };
    if sv {
        format!(
            "{first} och {second} har båda utfall för {months}, och {rows_sv} i båda filerna ({same_sv}), som då skulle räknas två gånger; {left_out} räknas därför inte. Är den ena en äldre export av samma bokföring, ta bort den, eller dela upp exporterna så att varje månad finns i en fil. Är filerna i stället exporter för olika ansvar (kostnadsställen) som bokför på samma konton och projekt, kan det inte avgöras ur filerna: exportera alla ansvar i en fil och ta bort delfilerna."
        )
    } else {
        format!(
            "{first} and {second} both hold actuals for {months}, and {rows_en} in both files ({same_en}), which would then be counted twice; {left_out} is therefore not counted. If one is an older export of the same bookings, remove it, or split the exports so that each month is in one file. If the files are instead exports for different cost centres booking on the same accounts and projects, the files cannot tell: export all cost centres in one file and remove the partial ones."
        )
    }
}
