//! One field of a ledger table's row, read: the month (`202304`, a date, `jan-23`),
//! the amount (the template's rules, and the forms ledger exports write), the
//! account number and project code as the follow-up classifies them, a CSV
//! field's characters, and the characters of a web page or an XML workbook.

use crate::amount;
use crate::finding::NotAmount;
use crate::ledger::sie;
use rust_decimal::Decimal;

/// What a period field holds, as [`read_period`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PeriodText {
    Month(i32, u8),
    /// A date of this month that the month has no day of (`2023-04-31`,
    /// `20230229`, `31.04.2023`): no month at all, named as a date that does not exist.
    NoSuchDay(i32, u8),
    No,
}

impl PeriodText {
    fn month(self) -> Option<(i32, u8)> {
        match self {
            PeriodText::Month(y, m) => Some((y, m)),
            _ => None,
        }
    }
}

impl From<Option<(i32, u8)>> for PeriodText {
    fn from(month: Option<(i32, u8)>) -> Self {
        month.map_or(PeriodText::No, |(y, m)| PeriodText::Month(y, m))
    }
}

/// A date's month, when the month has the day ([`crate::calendar`], the one rule
/// of every reader).
fn date_of(year: i32, month: u8, day: u32) -> PeriodText {
    match crate::calendar::is_date(year, month, day) {
        true => PeriodText::Month(year, month),
        false if (1..=12).contains(&month) => PeriodText::NoSuchDay(year, month),
        false => PeriodText::No,
    }
}

/// A period cell as text: `202304`, `2023-04`, `2023-04-01` (a date as text or
/// cell), `20230401` (a date as SIE and many exports write it), `01.04.2023`.
pub(super) fn parse_period(text: &str) -> Option<(i32, u8)> {
    read_period(text).month()
}

/// The month of a period field whose [`parse_period`] found none, when the field is
/// a date its month has no such day of: what its finding names.
pub(super) fn no_such_day(text: &str) -> Option<(i32, u8)> {
    match read_period(text) {
        PeriodText::NoSuchDay(y, m) => Some((y, m)),
        _ => None,
    }
}

/// [`parse_period`], telling a date that does not exist from no period. A period
/// written with Excel's text protection (`="202304"`, `'2023-04`) is read as it.
fn read_period(text: &str) -> PeriodText {
    let text = match text.trim_start().as_bytes().first() {
        Some(b'=' | b'\'') => unprotected(text.trim()),
        _ => text,
    };
    let t = text.trim().as_bytes();
    let numeric = match t.len() {
        6 => sie::parse_period(t).into(),
        8 if t.iter().all(u8::is_ascii_digit) => match sie::date_fields(t) {
            Some((y, m, d)) => date_of(y, m, d),
            None => PeriodText::No,
        },
        7.. if matches!(t[4], b'-' | b'/')
            && (t.len() == 7 || matches!(t[7], b'-' | b'/' | b'T' | b' ')) =>
        {
            iso_date(t)
        }
        _ => PeriodText::No,
    };
    // Digits first: most rows are numeric, and a name needs letters.
    match numeric {
        PeriodText::No if t.iter().any(u8::is_ascii_alphabetic) => named_month(text.trim()).into(),
        PeriodText::No => match dotted_date(text.trim()) {
            PeriodText::No => year_and_month(text.trim()),
            read => read,
        },
        read => read,
    }
}

/// `2023-04`, `2023/04`, a month with a time after it (`2023-04T…`, `2023-04 …`),
/// or a date `2023-04-28` (`2023/04/28`, a day of one or two digits, a time after
/// it allowed), whose day the month must have.
fn iso_date(t: &[u8]) -> PeriodText {
    let month = sie::parse_period(&[t[0], t[1], t[2], t[3], t[5], t[6]]);
    let Some((year, m)) = month else {
        return PeriodText::No;
    };
    if t.len() == 7 || matches!(t[7], b'T' | b' ') {
        return PeriodText::Month(year, m);
    }
    let day = &t[8..];
    let end = (day.iter())
        .position(|b| matches!(b, b'T' | b' '))
        .unwrap_or(day.len());
    match &day[..end] {
        [d] if d.is_ascii_digit() => date_of(year, m, u32::from(d - b'0')),
        [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
            date_of(year, m, u32::from(a - b'0') * 10 + u32::from(b - b'0'))
        }
        _ => PeriodText::No,
    }
}

/// A month and its year in another spelling than `2023-04`: `2023-4`, `2023.04`,
/// `2023 04`, `2023/4`, the month first (`04/2023`, `4-2023`, `04.2023`), SAP's
/// period of the fiscal year `004/2023`; and a period or date written as a float,
/// `202304.0`, as pandas writes a column with a gap in it. Only a year of four
/// digits and a month of one or two (or SAP's three, `001`–`012`): no day.
fn year_and_month(text: &str) -> PeriodText {
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if let Some((whole, zeros)) = text.split_once('.')
        && digits(whole)
        && matches!(whole.len(), 6 | 8)
        && !zeros.is_empty()
        && zeros.bytes().all(|b| b == b'0')
    {
        return read_period(whole);
    }
    let Some((a, b)) = text.split_once(['-', '.', '/', ' ']) else {
        return PeriodText::No;
    };
    if !digits(a) || !digits(b) {
        return PeriodText::No;
    }
    let (year, month) = match (a.len(), b.len()) {
        (4, 1 | 2) => (a, b),
        (1 | 2, 4) => (b, a),
        (3, 4) if a.starts_with('0') => (b, a),
        _ => return PeriodText::No,
    };
    let (Ok(year), Ok(month)) = (year.parse::<i32>(), month.parse::<u8>()) else {
        return PeriodText::No;
    };
    ((1..=12).contains(&month) && year >= 1000)
        .then_some((year, month))
        .into()
}

/// A date written day first with points, as German, Finnish and Norwegian settings
/// and SAP write it: `01.04.2023`, `1.4.2023`, `15.04.23` (a two-digit year in this
/// century), a time after it allowed. Points mean
/// day first everywhere (unlike `1/4/2023`, which is not read). The month must
/// have the day.
fn dotted_date(text: &str) -> PeriodText {
    dotted_fields(text).map_or(PeriodText::No, |(y, m, d)| date_of(y, m, d))
}

/// A dotted date's year, month (1–12) and day (1–31).
fn dotted_fields(text: &str) -> Option<(i32, u8, u32)> {
    let date = text.split(' ').next()?;
    let mut parts = date.split('.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let number = |p: &str, widths: std::ops::RangeInclusive<usize>| {
        (widths.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (day, month, year) = (
        number(day, 1..=2)?,
        number(month, 1..=2)?,
        number(year, 2..=4).filter(|_| year.len() != 3)?,
    );
    // A two-digit year (`15.04.23`) is in this century.
    let year = if year < 100 { 2000 + year } else { year };
    let valid = parts.next().is_none() && (1..=31).contains(&day) && (1..=12).contains(&month);
    (valid && year >= 1000).then_some((year as i32, month as u8, day))
}

/// A row's period: its period field as [`parse_period`] reads it, or, when the
/// table has a year column (`År`), a month written alone (`4`, `04`, `april`) in
/// the year that column gives.
pub(super) fn period_of(period: &str, year: Option<&str>) -> Option<(i32, u8)> {
    if let Some(p) = parse_period(period) {
        return Some(p);
    }
    let year = year_of(year?)?;
    let month = period.trim();
    let month = match month.len() {
        1 | 2 if month.bytes().all(|b| b.is_ascii_digit()) => month.parse().ok()?,
        _ => month_of_name(month)?,
    };
    (1..=12).contains(&month).then_some((year, month))
}

/// A year cell's year (`2023`): four digits, from 1000 on.
pub(super) fn year_of(text: &str) -> Option<i32> {
    let year = text.trim();
    let year: i32 = match year.len() {
        4 if year.bytes().all(|b| b.is_ascii_digit()) => year.parse().ok()?,
        _ => return None,
    };
    (year >= 1000).then_some(year)
}

/// A month written with its name and the year, as a report shows a date cell
/// formatted by month and saves it as text: `jan-23`, `jan-2023`, `januari 2023`,
/// `Mars 2023`, `2023 jan`, `okt. 23`, in Swedish or English; a two-digit year is
/// in this century.
pub(super) fn named_month(text: &str) -> Option<(i32, u8)> {
    let mut parts = text
        .split([' ', '-', '/', '\u{a0}'])
        .filter(|p| !p.is_empty());
    let (first, second) = (parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (month, year) = match month_of_name(first) {
        Some(m) => (m, second),
        None => (month_of_name(second)?, first),
    };
    let year: i32 = match year.len() {
        2 | 4 if year.bytes().all(|b| b.is_ascii_digit()) => year.parse().ok()?,
        _ => return None,
    };
    let year = if year < 100 { 2000 + year } else { year };
    (year >= 1000).then_some((year, month))
}

/// The month a name or its abbreviation (`jan`, `januari`, `okt.`, `Oct`) stands for.
pub(super) fn month_of_name(word: &str) -> Option<u8> {
    const NAMES: [&[&str]; 12] = [
        &["jan", "januari", "january"],
        &["feb", "februari", "february"],
        &["mar", "mars", "march"],
        &["apr", "april"],
        &["maj", "may"],
        &["jun", "juni", "june"],
        &["jul", "juli", "july"],
        &["aug", "augusti", "august"],
        &["sep", "sept", "september"],
        &["okt", "oktober", "oct", "october"],
        &["nov", "november"],
        &["dec", "december"],
    ];
    let word = word.trim_end_matches('.').to_lowercase();
    (1u8..)
        .zip(NAMES)
        .find(|(_, names)| names.contains(&word.as_str()))
        .map(|(m, _)| m)
}

/// The amount of a table cell written as text, by the template's rules: the plain
/// forms by [`plain_amount`], every other text by [`amount::parse_text`]. Besides
/// those, the forms a ledger report saved as text takes: a negative with the minus
/// after the number (SAP's `1 234,50-`) or in parentheses (`(1 234,50)`), the unit
/// written out before or after the number (`1 234,50 kr`, `kr 1 000,00`, `SEK 1 234,50`,
/// `1 000 kronor`, `1 234:-`, as a currency format shows it), with the sign outside
/// the unit too (`1 234,50 kr-`, `(1 234,50 kr)`), points between groups of three
/// digits (`1.234.567`, `1.234,50`), the accounting format's zero (a lone `-`),
/// Excel's text protection (`="6550"`, `'6550`) and scientific notation when its
/// digits reach the öre ([`scientific`]).
pub(super) fn parse_amount_text(text: &str) -> Result<Decimal, NotAmount> {
    if let Some(v) = plain_amount(text.as_bytes()) {
        return Ok(v);
    }
    let written = text.trim();
    let number = without_unit(unprotected(written));
    if number == "-" {
        return Ok(Decimal::ZERO);
    }
    // The sign may stand outside the unit (`1 234,50 kr-`, `(1 234,50 kr)`) or
    // inside it (`(1 234,50) kr`, `-1 234,50 kr`).
    let read = match negative_body(number) {
        None => ledger_number(number),
        Some(body) => ledger_number(without_unit(body)).map(|v| if v.is_zero() { v } else { -v }),
    };
    // A refusal names the text as written.
    read.map_err(|why| match why {
        NotAmount::Text(_) => NotAmount::Text(written.to_string()),
        NotAmount::Ambiguous(_) => NotAmount::Ambiguous(written.to_string()),
        NotAmount::Scientific { step, .. } => NotAmount::Scientific {
            text: written.to_string(),
            step,
        },
        other => other,
    })
}

/// A field without Excel's text protection: `="6550"` (what an export writes so
/// that Excel keeps a code as text) is `6550`, and so is `'6550` (the apostrophe
/// Excel shows before a number stored as text). Any other text as it is.
pub(super) fn unprotected(t: &str) -> &str {
    if let Some(inner) = t.strip_prefix("=\"").and_then(|r| r.strip_suffix('"'))
        && !inner.contains('"')
    {
        return inner.trim();
    }
    match t.strip_prefix('\'') {
        Some(rest) => rest.trim(),
        None => t,
    }
}

/// A number by the template's rules, or with points between groups of three digits,
/// as SAP's and continental exports write it: before a decimal comma (`1.234,50`,
/// `-1.234.567,00`), or two or more of them with no comma (`1.234.567`): unambiguous
/// so, while `1.234` alone stays ambiguous (the template's rule). Or a number in
/// scientific notation ([`scientific`]).
fn ledger_number(text: &str) -> Result<Decimal, NotAmount> {
    let read = amount::parse_text(text);
    if !matches!(read, Err(NotAmount::Text(_))) {
        return read;
    }
    let t = text.trim();
    let body = t.strip_prefix(['-', '\u{2212}']).unwrap_or(t);
    if let Some(sci) = scientific(body) {
        let negative = body.len() < t.len();
        return sci.map(|v| if negative { -v } else { v });
    }
    let (whole, decimals) = match body.split_once(',') {
        Some((whole, decimals)) => (whole, Some(decimals)),
        None => (body, None),
    };
    let mut groups = whole.split('.');
    let first = groups.next().unwrap_or("");
    let points = whole.matches('.').count();
    let grouped = (1..=3).contains(&first.len())
        && groups.all(|g| g.len() == 3)
        && whole.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && match decimals {
            Some(d) => points >= 1 && !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()),
            None => points >= 2,
        };
    match grouped {
        true => amount::parse_text(&t.replace('.', "")),
        false => read,
    }
}

/// A number in scientific notation, as Excel shows one in a column too narrow for
/// it or formatted Scientific, and writes it so to a CSV: `1,2345E+03`, `1.5E+3`,
/// `2E-2` (a decimal comma or point; `None` for any other text). Read exactly when
/// its last digit stands for an öre or less (`1,23456E+03` is 1 234,56 kr): then
/// the number shown is the amount. Else (`1,2345E+03`, a last digit of 0,1 kr;
/// `1,23457E+11`) what Excel showed may be rounded, and it is refused
/// ([`NotAmount::Scientific`]), not read as a figure no one booked.
fn scientific(body: &str) -> Option<Result<Decimal, NotAmount>> {
    let (mantissa, exponent) = body.split_once(['E', 'e'])?;
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let (int, frac) = mantissa.split_once([',', '.']).unwrap_or((mantissa, ""));
    let power = exponent.strip_prefix('+').unwrap_or(exponent);
    let power_digits = power.strip_prefix('-').unwrap_or(power);
    if !digits(int) || !(frac.is_empty() || digits(frac)) || !digits(power_digits) {
        return None;
    }
    let refused = || NotAmount::Text(body.to_string());
    let power: i64 = match power_digits.len() {
        1..=3 => power.parse().ok()?,
        _ => return Some(Err(refused())),
    };
    // The last digit written stands for 10^(power − decimals) kronor.
    let last = power - frac.len() as i64;
    if last > -2 {
        let step = Decimal::from_scientific(&format!("1e{last}")).ok();
        return Some(Err(match step {
            Some(step) => NotAmount::Scientific {
                text: body.to_string(),
                step,
            },
            None => refused(),
        }));
    }
    let value = Decimal::from_scientific(&format!("{int}.{}e{power}", frac_or_zero(frac)));
    Some(value.map(|v| v.normalize()).map_err(|_| refused()))
}

fn frac_or_zero(frac: &str) -> &str {
    if frac.is_empty() { "0" } else { frac }
}

/// The number of an amount written with its unit after it or before it: `1 234,50
/// kr`, `1 234 SEK`, `1 000 kronor`, `1 234:-`, `SEK 1 234`, `kr 1 000,00`, `-   kr`
/// (the accounting zero); any other text as it is.
pub(super) fn without_unit(t: &str) -> &str {
    for unit in ["kronor", "kr.", "kr", "sek", ":-"] {
        let Some(at) = t.len().checked_sub(unit.len()) else {
            continue;
        };
        if t.is_char_boundary(at) && t[at..].eq_ignore_ascii_case(unit) {
            let number = t[..at].trim_end();
            // `1234kr` and `1234 kr` alike, but not a word ending in the letters.
            if number.ends_with(|c: char| c.is_ascii_digit() || c == '-' || c == ')') {
                return number.trim_start();
            }
        }
    }
    for unit in ["kronor", "kr.", "kr", "sek"] {
        let Some(rest) = t.get(..unit.len()).filter(|u| u.eq_ignore_ascii_case(unit)) else {
            continue;
        };
        let number = t[rest.len()..].trim_start();
        // `kr 1 000`, `SEK-100`, but not a word that starts with the letters, nor
        // a lone sign (`kr-`).
        if number.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '\u{2212}' | '('))
            && number.bytes().any(|b| b.is_ascii_digit())
        {
            return number;
        }
    }
    t
}

/// The number of a negative amount written with a trailing minus or in
/// parentheses; `None` for any other text (a sign inside as well is no amount).
pub(super) fn negative_body(text: &str) -> Option<&str> {
    let t = text.trim();
    let body = match t.strip_suffix('-') {
        Some(body) => body,
        None => t.strip_prefix('(')?.strip_suffix(')')?,
    };
    let body = body.trim();
    let signed = body.starts_with(['-', '+', '\u{2212}', '(']) || body.ends_with(['-', ')']);
    (!body.is_empty() && !signed).then_some(body)
}

/// An amount in a plain form (`-1234.50`, `1234,50`, `1234`: no blanks, no grouping,
/// one or two decimals, where the template's rules and SIE's agree), read without
/// allocation; `None` for any other text.
pub(super) fn plain_amount(b: &[u8]) -> Option<Decimal> {
    let body = b.strip_prefix(b"-").unwrap_or(b);
    // Up to 15 characters (SIE's reader's most integer digits, and within a `u64`):
    // the common case, read here; the rest as SIE's reader reads them.
    if body.len() <= SHORT_AMOUNT {
        let (mantissa, scale) = plain_units(b)?;
        return Decimal::try_from_i128_with_scale(i128::from(mantissa), scale).ok();
    }
    let sep = body.iter().position(|c| matches!(c, b'.' | b','));
    let plain = match sep {
        None => body.iter().all(u8::is_ascii_digit),
        Some(at) => {
            let (int, frac) = (&body[..at], &body[at + 1..]);
            !int.is_empty()
                && (1..=2).contains(&frac.len())
                && int.iter().chain(frac).all(u8::is_ascii_digit)
        }
    };
    if !plain || b.len() > 32 {
        return None;
    }
    let mut canonical = [0u8; 32];
    canonical[..b.len()].copy_from_slice(b);
    if let Some(c) = canonical[..b.len()].iter_mut().find(|c| **c == b',') {
        *c = b'.';
    }
    sie::parse_amount(&canonical[..b.len()])
}

/// The longest plain amount (without its sign) [`plain_units`] reads.
const SHORT_AMOUNT: usize = 15;

/// A short plain amount (at most [`SHORT_AMOUNT`] characters after its sign) as its
/// mantissa and number of decimals, `-0` as zero, as SIE's reader gives them; `None`
/// for any other text.
pub(super) fn plain_units(b: &[u8]) -> Option<(i64, u32)> {
    let (negative, body) = match b {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, b),
    };
    if body.len() > SHORT_AMOUNT {
        return None;
    }
    let mut mantissa = 0i64;
    let mut scale = None;
    for (i, c) in body.iter().enumerate() {
        match c {
            b'0'..=b'9' => mantissa = mantissa * 10 + i64::from(c - b'0'),
            b'.' | b',' if scale.is_none() && i > 0 => scale = Some(body.len() - i - 1),
            _ => return None,
        }
    }
    let scale = match scale {
        None if !body.is_empty() => 0,
        Some(s @ 1..=2) => s as u32,
        _ => return None,
    };
    Some((if negative { -mantissa } else { mantissa }, scale))
}

/// Amounts whose sums never round nor overflow in any order: below 10¹⁵ kr with at
/// most four decimals, of which even 2³² rows sum to less than `Decimal`'s 2⁹⁶ at four
/// decimals.
pub(super) fn order_free(v: Decimal) -> bool {
    const LIMIT: [u128; 5] = [
        10u128.pow(15),
        10u128.pow(16),
        10u128.pow(17),
        10u128.pow(18),
        10u128.pow(19),
    ];
    LIMIT
        .get(v.scale() as usize)
        .is_some_and(|limit| v.mantissa().unsigned_abs() < *limit)
}

/// A field without the blanks around it (and the `\r` a CSV's CR LF leaves on a
/// line's last field).
///
/// A no-break space is one in either encoding: UTF-8's two bytes `C2 A0`, or
/// Windows-1252's `A0` where it cannot be the last byte of a UTF-8 character (at
/// the start, or after an ASCII byte), so that `Città` keeps its `à` (`C3 A0`).
pub(super) fn trim(mut s: &[u8]) -> &[u8] {
    loop {
        s = match s {
            [b' ' | b'\t' | b'\r' | 0xA0, rest @ ..] | [0xC2, 0xA0, rest @ ..] => rest,
            _ => break,
        };
    }
    loop {
        s = match s {
            [rest @ .., b' ' | b'\t' | b'\r'] | [rest @ .., 0xC2, 0xA0] => rest,
            [rest @ .., 0xA0] if rest.last().is_none_or(u8::is_ascii) => rest,
            _ => break,
        };
    }
    s
}

/// An account as the follow-up classifies it: the account number that leads
/// `6550 Konsultarvoden`, `6550 - Konsult` or `6550: Konsult` (reports written for
/// reading), and that a float-written `6550.0` (pandas) stands for; other text as
/// it stands.
pub(super) fn account_number(text: &str) -> String {
    let t = unprotected(text.trim());
    let digits = leading_digits(t);
    let named = t[digits..].starts_with([' ', '\t', '\u{a0}', '-', ':', '\u{2013}']);
    match digits > 0 && (float_written(t, digits) || named) {
        true => t[..digits].to_string(),
        false => t.to_string(),
    }
}

/// A project code as the follow-up maps it: the code as written, except that a
/// number code written as a float (`23101.0`, as pandas writes a column of
/// numbers it read as floats) is its digits.
pub(super) fn project_code(text: &str) -> String {
    let t = unprotected(text.trim());
    let digits = leading_digits(t);
    match digits > 0 && float_written(t, digits) {
        true => t[..digits].to_string(),
        false => t.to_string(),
    }
}

pub(super) fn leading_digits(t: &str) -> usize {
    t.bytes().take_while(u8::is_ascii_digit).count()
}

/// Whether the text after the first `digits` digits is a decimal separator and
/// zeros only (`.0`, `,00`): a whole number written as a float.
pub(super) fn float_written(t: &str, digits: usize) -> bool {
    let rest = &t[digits..];
    rest.len() > 1 && rest.starts_with(['.', ',']) && rest[1..].bytes().all(|b| b == b'0')
}

/// Whether a (trimmed) account field is an account number, as [`account_number`]
/// reads it: a row on anything else could be no cost or any cost, so it is named
/// (`invalid-actuals-row`), not left out of the costs unsaid.
pub(super) fn is_account_number(raw: &[u8]) -> bool {
    // Most accounts are plain digits: no decoding for them (this runs per row).
    if !raw.is_empty() && raw.iter().all(u8::is_ascii_digit) {
        return true;
    }
    let number = account_number(&decode(raw, true));
    !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
}

/// Text of a CSV field: UTF-8 when it is, else Windows-1252.
pub(super) fn decode(raw: &[u8], utf8: bool) -> String {
    if utf8 && let Ok(t) = std::str::from_utf8(raw) {
        return t.to_string();
    }
    if let Ok(t) = std::str::from_utf8(raw)
        && raw.is_ascii()
    {
        return t.to_string();
    }
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(raw)
        .0
        .into_owned()
}

/// A number as a program writes it beside what a cell shows (`1234.5`, `-0.25`,
/// `1.5E-3`): Excel's `x:num` and SpreadsheetML's `Number`, LibreOffice's `sdval`.
pub(super) fn written_number(v: &str) -> Option<Decimal> {
    if v.is_empty() {
        return None;
    }
    Decimal::from_str_exact(v)
        .ok()
        .or_else(|| Decimal::from_scientific(v).ok())
}

/// A web page's or an XML file's characters: by its byte order mark; else UTF-8
/// when the bytes are UTF-8 (whatever the file declares: exporters declare a charset they do not
/// write, and Windows-1252 text with å, ä or ö is almost never valid UTF-8); else
/// the charset it declares in its head (`charset=` or `encoding=`); else
/// Windows-1252.
pub(super) fn markup_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_with_bom_removal(bytes).0;
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return std::borrow::Cow::Borrowed(text);
    }
    let head = &bytes[..bytes.len().min(4096)];
    let declared = declared_charset(head).and_then(encoding_rs::Encoding::for_label);
    let encoding = declared
        .filter(|e| *e != encoding_rs::UTF_8)
        .unwrap_or(encoding_rs::WINDOWS_1252);
    encoding.decode_without_bom_handling(bytes).0
}

/// The label after `charset=` or `encoding=` in a file's head (`<meta
/// charset="utf-8">`, `content="text/html; charset=windows-1252"`, `<?xml
/// version="1.0" encoding="windows-1252"?>`).
fn declared_charset(head: &[u8]) -> Option<&[u8]> {
    let lower = head.to_ascii_lowercase();
    let at = [&b"charset="[..], b"encoding="]
        .iter()
        .filter_map(|w| memchr::memmem::find(&lower, w).map(|at| at + w.len()))
        .min()?;
    let rest = &head[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or(rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}
