//! Stage: shared by the renderers. The language of messages and terminal text
//! (`--lang sv|en`), and how an amount is written in each: `13 000,5` in Swedish,
//! `13,000.5` in English. Codes, JSON keys and workbook labels never change with it.

use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    /// Picks the Swedish or the English text.
    pub fn pick<'a>(self, sv: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

/// An amount as a reader expects it: thousands grouped, no trailing zeros.
pub fn amount(value: Decimal, lang: Lang) -> String {
    grouped(value.normalize(), lang)
}

/// `value` as it is (every digit of its scale), thousands grouped.
fn grouped(value: Decimal, lang: Lang) -> String {
    let (group, point) = match lang {
        Lang::Sv => (' ', ','),
        Lang::En => (',', '.'),
    };
    let text = value.to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(ch);
    }
    match frac_part {
        Some(frac) => format!("{sign}{grouped}{point}{frac}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A count as a sentence writes it: `10 040` (`10,040`).
pub fn count(n: u64, lang: Lang) -> String {
    amount(Decimal::from(n), lang)
}

/// An amount as a ledger export writes it (in its unit, mostly kronor): like
/// [`amount`], but a fraction always with two digits at least (`194 550,40`, not
/// `194 550,4`; `1 500` stays `1 500`).
pub fn ledger_amount(value: Decimal, lang: Lang) -> String {
    let mut shown = value.normalize();
    if shown.scale() == 1 {
        shown.rescale(2);
    }
    grouped(shown, lang)
}

/// A ledger's amount in tkr as a message shows it: to the nearest ten kronor
/// (`165,94` for 165 940,05 kr; the report and the JSON keep it exact), unless
/// that shows a non-zero amount as 0.
pub fn ledger_tkr(value: Decimal, lang: Lang) -> String {
    let shown =
        value.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    match shown.is_zero() && !value.is_zero() {
        true => amount(value, lang),
        false => amount(shown, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ledger_amounts_show_ore_with_two_digits() {
        assert_eq!(ledger_amount(d("194550.4"), Lang::Sv), "194 550,40");
        assert_eq!(ledger_amount(d("-1500.50"), Lang::En), "-1,500.50");
        assert_eq!(ledger_amount(d("1500.00"), Lang::Sv), "1 500");
        assert_eq!(ledger_amount(d("0.125"), Lang::Sv), "0,125");
        assert_eq!(amount(d("194550.40"), Lang::Sv), "194 550,4");
        assert_eq!(count(10040, Lang::Sv), "10 040");
        assert_eq!(count(1000, Lang::En), "1,000");
    }

    #[test]
    fn ledger_amounts_are_shown_to_ten_kronor() {
        assert_eq!(ledger_tkr(d("165.94005"), Lang::Sv), "165,94");
        assert_eq!(ledger_tkr(d("-1234.5650"), Lang::En), "-1,234.57");
        assert_eq!(ledger_tkr(d("57.34"), Lang::Sv), "57,34");
        assert_eq!(ledger_tkr(d("0.00405"), Lang::Sv), "0,00405");
        assert_eq!(ledger_tkr(d("0"), Lang::Sv), "0");
    }
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn amounts_are_grouped_per_language() {
        assert_eq!(amount(d("13000"), Lang::Sv), "13 000");
        assert_eq!(amount(d("91510.00"), Lang::Sv), "91 510");
        assert_eq!(amount(d("2000.5"), Lang::Sv), "2 000,5");
        assert_eq!(amount(d("-1234567.25"), Lang::En), "-1,234,567.25");
        assert_eq!(amount(d("800"), Lang::En), "800");
        assert_eq!(amount(d("0"), Lang::Sv), "0");
    }
}
