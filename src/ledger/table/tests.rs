//! The table reader's field forms (`fields`): amounts and periods.

use super::fields::plain_amount;
use super::*;

/// The plain forms as SIE's amount reader reads them, the reading
/// [`plain_amount`]'s short path must equal.
fn by_sie_reader(b: &[u8]) -> Option<Decimal> {
    let body = b.strip_prefix(b"-").unwrap_or(b);
    let plain = match body.iter().position(|c| matches!(c, b'.' | b',')) {
        None => !body.is_empty() && body.iter().all(u8::is_ascii_digit),
        Some(at) => {
            !body[..at].is_empty()
                && (1..=2).contains(&(body.len() - at - 1))
                && body[..at]
                    .iter()
                    .chain(&body[at + 1..])
                    .all(u8::is_ascii_digit)
        }
    };
    let canonical: Vec<u8> = b
        .iter()
        .map(|c| if *c == b',' { b'.' } else { *c })
        .collect();
    plain
        .then(|| super::super::sie::parse_amount(&canonical))
        .flatten()
}

#[test]
fn plain_amounts_read_as_sie_reads_them() {
    let mut texts: Vec<String> = [
        "0",
        "-0",
        "-0,00",
        "0,0",
        "1",
        "-1",
        "12,5",
        "12.50",
        "1,234",
        "1,2,3",
        ",5",
        "5,",
        "-",
        "",
        "+5",
        "1 000",
        "1e3",
        "--1",
        "-,5",
        "999999999999999",
        "9999999999999999",
        "123456789012,34",
        "1234567890123,45",
        "12345678901234,5",
        "00012,30",
        "5.00",
    ]
    .map(String::from)
    .to_vec();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let len = (x % 20) as usize;
        let text: String = (0..len)
            .map(|i| b"0123456789,.-9"[((x >> (i * 3 % 60)) % 14) as usize] as char)
            .collect();
        texts.push(text);
    }
    for t in &texts {
        let (fast, sie) = (plain_amount(t.as_bytes()), by_sie_reader(t.as_bytes()));
        assert_eq!(
            fast.map(|d| format!("{d:?}")),
            sie.map(|d| format!("{d:?}")),
            "{t:?}"
        );
    }
}

#[test]
fn amounts_as_ledger_exports_write_them() {
    let d = |t: &str| Decimal::from_str_exact(t).expect("decimal");
    for (text, value) in [
        ("1 234,50-", "-1234.50"),
        ("1234.50-", "-1234.50"),
        ("(1 234,50)", "-1234.50"),
        ("( 500 )", "-500"),
        ("\u{a0}12,5-\u{a0}", "-12.5"),
        ("2,000.50-", "-2000.50"),
        // Points between groups before a decimal comma (SAP, continental).
        ("1.234,50", "1234.50"),
        ("-1.234.567,00", "-1234567.00"),
        ("1.234,50-", "-1234.50"),
        ("12.345,6 kr", "12345.6"),
        // The accounting format's zero, and a negative with its unit.
        ("-", "0"),
        ("(1 234,50) kr", "-1234.50"),
        ("1 234,50- kr", "-1234.50"),
    ] {
        assert_eq!(parse_amount_text(text), Ok(d(value)), "{text:?}");
    }
    for (text, why) in [
        ("3,900-", NotAmount::Ambiguous("3,900-".into())),
        ("(3,900)", NotAmount::Ambiguous("(3,900)".into())),
        ("--5", NotAmount::Text("--5".into())),
        ("-5-", NotAmount::Text("-5-".into())),
        ("(-5)", NotAmount::Text("(-5)".into())),
        ("((5))", NotAmount::Text("((5))".into())),
        ("(5", NotAmount::Text("(5".into())),
        ("()", NotAmount::Text("()".into())),
        ("abc-", NotAmount::Text("abc-".into())),
        ("- -", NotAmount::Text("- -".into())),
        ("--", NotAmount::Text("--".into())),
        ("kr-", NotAmount::Text("kr-".into())),
        ("1.234", NotAmount::Ambiguous("1.234".into())),
        ("1.23,50", NotAmount::Text("1.23,50".into())),
        ("1.234.5,0", NotAmount::Text("1.234.5,0".into())),
        ("1.234,", NotAmount::Text("1.234,".into())),
    ] {
        assert_eq!(parse_amount_text(text), Err(why), "{text:?}");
    }
}

/// The months a period column holds, in every spelling exports write (and the
/// ones that are not a month, which stay a finding).
#[test]
fn periods_in_every_spelling() {
    let apr = Some((2023, 4));
    for text in [
        "202304",
        "2023-04",
        "2023/04",
        "2023-04-15",
        "20230415",
        "01.04.2023",
        "15.04.23",
        "2023-4",
        "2023.04",
        "2023.4",
        "2023 04",
        "04/2023",
        "4/2023",
        "4-2023",
        "04.2023",
        "004/2023",
        "202304.0",
        "202304.00",
        "20230415.0",
        "apr-23",
        "april 2023",
        " 2023-04 ",
    ] {
        assert_eq!(fields::parse_period(text), apr, "{text}");
    }
    for text in [
        "", "2023", "202313", "2023-13", "13/2023", "2023.0", "202304.5", "1/4/2023", "4", "abc",
        "0/2023", "104/2023", "20.04.1", "2023--04",
    ] {
        assert_eq!(fields::parse_period(text), None, "{text}");
    }
}
