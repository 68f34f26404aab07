//! The calendar: which days a month has. One rule for every reader of a date — the
//! ledger's periods and transaction dates (`2023-04-28`, `20230428`, `28.04.2023`),
//! the forecast workbooks' `Datum`, `--today` and the rounds' deadlines — so that a
//! date that does not exist (`2023-04-31`, `2023-02-29`) is refused everywhere alike,
//! never read as its month.

/// The number of days of `month` (1–12) in `year` (the Gregorian calendar); 31 for
/// a month outside 1–12, which callers check first.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Whether `year-month-day` is a day of the calendar: a month 1–12 and a day from 1
/// to the month's last.
pub fn is_date(year: i32, month: u8, day: u32) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= u32::from(days_in_month(year, month))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_has_its_own_days_and_february_the_leap_years_day() {
        assert!(is_date(2023, 4, 30));
        assert!(!is_date(2023, 4, 31));
        assert!(!is_date(2023, 4, 32));
        assert!(!is_date(2023, 4, 0));
        assert!(is_date(2023, 1, 31));
        assert!(!is_date(2023, 2, 29));
        assert!(is_date(2024, 2, 29));
        assert!(!is_date(2100, 2, 29));
        assert!(is_date(2000, 2, 29));
        assert!(!is_date(2023, 13, 1));
        assert!(!is_date(2023, 0, 1));
        assert_eq!(days_in_month(2023, 12), 31);
    }
}
