//! The two-thread reads (SIE and CSV) against the one-thread read of the same bytes.

use super::*;
use crate::finding::TotalMatch;

/// A file read on two threads (`sie::read_split`, cut at a `#VER` line) gives
/// exactly what the one-thread read gives: sums, rows, first lines, the `#RTRANS`
/// pairs, `#PSALDO` groups in both halves, names and invalid rows past the named ones.
#[test]
fn sie_read_on_two_threads_equals_one_thread() {
    let mut text =
        String::from("#FLAGGA 0\n#SIETYP 4\n#DIM 6 \"Projekt\"\n#PSALDO 0 202301 4010 {} 100.00\n");
    for v in 0..3000u32 {
        let month = 1 + v % 12;
        text.push_str(&format!("#VER A {v} 2023{month:02}15 \"Faktura ö\"\n{{\n"));
        text.push_str(&format!(
            "   #TRANS {} {{1 \"10\" 6 \"P{}\"}} {}.{} 2023{month:02}15 \"Inköp\"\n",
            4000 + v % 7 * 10,
            v % 13,
            v * 3,
            v % 100
        ));
        if v % 5 == 0 {
            text.push_str(&format!(
                "   #RTRANS 5010 {{6 \"R{v}\"}} -{v}.5\n   #TRANS 5010 {{6 \"R{v}\"}} -{v}.5\n"
            ));
        }
        if v % 9 == 0 {
            text.push_str("   #TRANS 6010 {} 12,50\n");
        }
        text.push_str("}\n");
        if v % 1000 == 7 {
            text.push_str(&format!(
                "#PSALDO 0 2023{month:02} 4010 {{1 \"10\"}} {v}.25\n#PBUDGET 0 2023{month:02} 4010 {{6 \"P1\"}} {v}\n"
            ));
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("stor.se");
    std::fs::write(&path, &text).expect("write");
    let one = sie::read(text.as_bytes(), "stor.se", &ReadOptions::default());
    let two = sie::read_split(&path, "stor.se", &ReadOptions::default());
    assert!(one.entries.len() > 100, "{}", one.entries.len());
    assert!(one.rows_read > 3000);
    assert!(one.findings.len() > 200, "more invalid rows than are named");
    assert!(one.entries.values().filter(|e| e.budget.is_some()).count() >= 2);
    assert_eq!(two, one);
    assert_eq!(
        two.rows_read,
        two.rows_in_entries() + two.rows_in_findings()
    );
}

/// A large CSV file: a BOM, a title above the header, CRLF line ends, a budget
/// column, blank lines, more invalid rows than are named (in both halves), and
/// Windows-1252 only in the second half, so that the halves disagree on the
/// characters until joined.
fn large_csv() -> Vec<u8> {
    let mut text =
        b"\xEF\xBB\xBFHuvudbok 2023\r\n\r\nPeriod;Konto;Projekt;Belopp;Budget\r\n".to_vec();
    for v in 0..6000u32 {
        let month = 1 + v % 12;
        let project = match v {
            4500.. if v % 7 == 0 => b"Sk\xF6rd".to_vec(),
            _ => format!("P{}", v % 13).into_bytes(),
        };
        let amount = match v % 25 {
            0 => "3,900".to_string(),
            _ => format!("{},{:02}", v * 3, v % 100),
        };
        text.extend_from_slice(format!("2023{month:02};{};", 4000 + v % 7 * 10).as_bytes());
        text.extend_from_slice(&project);
        text.extend_from_slice(format!(";{amount};{}\r\n", v % 3).as_bytes());
        if v % 1000 == 3 {
            text.extend_from_slice(b";;;;\r\n202313;4010;P1;1,00;\r\n");
        }
        // The header again, and a footer, on every "page", in both halves.
        if v % 1000 == 500 {
            text.extend_from_slice(b"Period;Konto;Projekt;Belopp;Budget\r\n");
            text.extend_from_slice(format!("Sida {};;;;\r\n", v / 1000).as_bytes());
        }
    }
    text
}

/// `text` as the file `stor.csv`, read on one thread and on two.
fn csv_read_both_ways(text: &[u8]) -> (Actuals, Actuals) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("stor.csv");
    std::fs::write(&path, text).expect("write");
    let one = table::read_csv(text, "stor.csv", &ReadOptions::default());
    let two = table::read_csv_split(&path, "stor.csv", &ReadOptions::default());
    (one, two)
}

#[test]
fn csv_read_on_two_threads_equals_one_thread() {
    let (one, two) = csv_read_both_ways(&large_csv());
    assert!(one.entries.len() > 100, "{}", one.entries.len());
    assert!(one.findings.len() > 200, "more invalid rows than are named");
    assert!(
        one.entries
            .keys()
            .any(|k| k.project.as_deref() == Some("Sk\u{f6}rd")),
        "the Windows-1252 name is decoded as such"
    );
    let repeated = one
        .findings
        .iter()
        .find(|f| f.code().as_str() == "repeated-header-row")
        .expect("the repeated headers");
    assert_eq!(repeated.kind, Kind::ActualsRepeatedHeader { rows: 6 });
    let footers = (one.findings.iter())
        .find(|f| f.code().as_str() == "text-row")
        .expect("the footers");
    assert_eq!(
        footers.kind,
        Kind::ActualsTextRow {
            text: "Sida 0".to_string(),
            rows: 6
        }
    );
    assert_eq!(two, one);
    assert_eq!(
        two.rows_read,
        two.rows_in_entries() + two.rows_in_findings()
    );
}

#[test]
fn csv_with_lf_line_ends_read_on_two_threads_equals_one_thread() {
    let lf: Vec<u8> = large_csv().into_iter().filter(|b| *b != b'\r').collect();
    let (one, two) = csv_read_both_ways(&lf);
    assert_eq!(two, one);
}

/// A quoted field may hold a line break: such a file is read on one thread. Here
/// the field holds many and stands in the middle, where the file is cut.
#[test]
fn csv_with_line_breaks_in_a_quoted_field_at_the_cut_reads_alike_on_two_threads() {
    let text = large_csv();
    let half = text.len() / 2;
    let cut = half
        + text[half..]
            .iter()
            .position(|b| *b == b'\n')
            .expect("a line")
        + 1;
    let mut quoted = text[..cut].to_vec();
    quoted.extend_from_slice(b"202301;4010;\"P");
    for _ in 0..2000 {
        quoted.extend_from_slice(b"\r\n202302;4010;P1;1,00;");
    }
    quoted.extend_from_slice(b"\";5,00;\r\n");
    quoted.extend_from_slice(&text[cut..]);
    let (one, two) = csv_read_both_ways(&quoted);
    assert_eq!(
        one.entries
            .keys()
            .filter(|k| k.project.as_deref().is_some_and(|p| p.len() > 1000))
            .count(),
        1,
        "the quoted field is one project"
    );
    assert_eq!(two, one);
}

#[test]
fn a_file_refused_as_not_sie_is_refused_alike_on_two_threads() {
    // Found by fuzzing: the first line is no record, and the second half has a
    // `#SIETYP`, which the one-thread read never gets to.
    let mut text = String::from("L#GFGA 0\n");
    for i in 0..200 {
        text.push_str(&format!("#KONTO {} \"Konto\"\n", 4000 + i));
    }
    text.push_str("#VER A 1 20230101\n{\n#TRANS 4010 {} 1\n}\n#SIETYP 4\n");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fel.se");
    std::fs::write(&path, &text).expect("write");
    let one = sie::read(text.as_bytes(), "fel.se", &ReadOptions::default());
    assert!(one.is_unreadable());
    assert_eq!(
        sie::read_split(&path, "fel.se", &ReadOptions::default()),
        one
    );
}

#[test]
fn the_last_sietyp_gives_the_type_on_two_threads_too() {
    // Found by fuzzing: a second `#SIETYP` past the cut that is no number.
    let mut text = String::from("#FLAGGA 0\n#SIETYP 4\n");
    for v in 0..200 {
        text.push_str(&format!(
            "#VER A {v} 20230115\n{{\n#TRANS 4010 {{}} 1.00\n}}\n"
        ));
    }
    text.push_str("#SIETYP X\n");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("typ.se");
    std::fs::write(&path, &text).expect("write");
    let one = sie::read(text.as_bytes(), "typ.se", &ReadOptions::default());
    assert_eq!(one.form, Some(Form::Sie { sie_type: 0 }));
    assert_eq!(
        sie::read_split(&path, "typ.se", &ReadOptions::default()),
        one
    );
}

/// A small deterministic generator for the random files below.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }

    fn pick<'a>(&mut self, from: &[&'a [u8]]) -> &'a [u8] {
        from[(self.next() % from.len() as u64) as usize]
    }
}

/// The fields of the random files: every spelling the readers meet.
const PERIODS: &[&[u8]] = &[
    b"202301",
    b"2023-02",
    b"2023-03-15",
    b"2023/04",
    b" 202305 ",
    b"202313",
    b"",
    b"2023",
    b"2023-1",
    b"x",
    b"Summa",
    b"Totalt:",
];
const ACCOUNTS: &[&[u8]] = &[
    b"4010",
    b" 4010",
    b"4010 ",
    b"5410",
    b"",
    b"Summa",
    b"4\xA0",
    b"5410 Summa",
    b"5410 Konsultarvoden",
    b"5410.0",
    b"abc",
    b"54x",
    b"Delsumma",
];
const PROJECTS: &[&[u8]] = &[
    b"P1",
    b"p1",
    b" P1",
    b"",
    b"\xC3\x96-proj",
    b"\xD6-proj",
    b"\xC3",
    b"\x96x",
    b"ett-mycket-langt-projektnamn-som-inte-ryms",
];
const AMOUNTS: &[&[u8]] = &[
    b"100",
    b"100,50",
    b"-0",
    b"-0,00",
    b"0,00",
    b"0",
    b"1 000,00",
    b"3,900",
    b"12.5",
    b"abc",
    b"",
    b" ",
    b"99999999999999999999999",
    b"+5",
    b"0,001",
    b"-12,75",
    b" 7 ",
    b"79228162514264337593543950335",
    b"-79228162514264337593543950335",
    b"1e3",
    b"1 234,50-",
    b"(500,00)",
    b"0,00-",
];

/// A random file's columns in a random order, with a column the reader does not
/// use, now and then `Budget`, and in some files `Debet` and `Kredit` instead of
/// `Belopp`.
fn random_columns(rng: &mut Rng) -> Vec<&'static [u8]> {
    let budget = rng.one_in(3);
    let mut names: Vec<&[u8]> = vec![b"Period", b"Konto", b"Projekt", b"Belopp", b"Ansvar"];
    if budget {
        names.push(b"Budget");
    }
    if rng.one_in(5) {
        names.retain(|n| *n != b"Belopp");
        names.extend([b"Debet".as_slice(), b"Kredit"]);
    }
    for i in (1..names.len()).rev() {
        names.swap(i, (rng.next() % (i as u64 + 1)) as usize);
    }
    names
}

/// The random file of `round`: a delimiter, line ends, columns, now and then a BOM
/// and a title, a header, and 50 to 449 random rows.
fn random_csv(rng: &mut Rng, round: u32) -> Vec<u8> {
    let delimiter = *rng.pick(&[b";", b",", b"\t"]).first().expect("one byte");
    let crlf = rng.one_in(2);
    let end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let names = random_columns(rng);
    let mut text = Vec::new();
    if rng.one_in(4) {
        text.extend_from_slice(b"\xEF\xBB\xBF");
    }
    if rng.one_in(3) {
        text.extend_from_slice(b"Huvudbok \xE5r 2023");
        text.extend_from_slice(end);
    }
    text.extend_from_slice(&names.join(&delimiter));
    text.extend_from_slice(end);
    let rows = 50 + rng.next() % 400;
    for _ in 0..rows {
        random_row(rng, &names, (delimiter, end), round, &mut text);
    }
    text
}

/// One random row of the columns `names` onto `text`: now and then after a blank
/// line, a blank field, a quote (some rounds) or a lone CR (others); with fewer
/// fields than the header, or one past it; without its line end.
fn random_row(
    rng: &mut Rng,
    names: &[&[u8]],
    (delimiter, end): (u8, &[u8]),
    round: u32,
    text: &mut Vec<u8>,
) {
    let special = rng.next() % 40;
    match special {
        0 => text.extend_from_slice(end),
        1 => text.extend_from_slice(&[delimiter, b' ', delimiter]),
        2 if round.is_multiple_of(10) => text.extend_from_slice(b"\"citat\""),
        3 if round % 10 == 1 => text.push(b'\r'),
        _ => {}
    }
    let fields: Vec<&[u8]> = names
        .iter()
        .map(|name| match *name {
            b"Period" => rng.pick(PERIODS),
            b"Konto" => rng.pick(ACCOUNTS),
            b"Projekt" => rng.pick(PROJECTS),
            b"Belopp" => rng.pick(AMOUNTS),
            b"Budget" | b"Debet" | b"Kredit" => rng.pick(AMOUNTS),
            _ => rng.pick(&[b"100", b"", b"\xE5"]),
        })
        .collect();
    let take = if rng.one_in(30) {
        (rng.next() % fields.len() as u64) as usize
    } else {
        fields.len()
    };
    text.extend_from_slice(&fields[..take].join(&delimiter));
    // Now and then a field past the header's: empty, blank or filled.
    if take == fields.len() && rng.one_in(25) {
        text.push(delimiter);
        text.extend_from_slice(rng.pick(&[b"".as_slice(), b" ", b"50"]));
    }
    if !rng.one_in(50) || special > 3 {
        text.extend_from_slice(end);
    }
}

/// The random file `text` of `round`, written at `path` and read in kronor and in
/// tkr on two threads (the plain reader) and on one (the `csv` crate): the total
/// rows found. Where the reads differ, a panic shows them near the first difference.
fn total_rows_read_alike(path: &std::path::Path, text: &[u8], round: u32) -> usize {
    std::fs::write(path, text).expect("write");
    let mut total_rows = 0;
    for unit in [Unit::Kronor, Unit::Tkr] {
        let opts = ReadOptions {
            table_unit: unit,
            ..ReadOptions::default()
        };
        let one = table::read_csv(text, "slump.csv", &opts);
        let two = table::read_csv_split(path, "slump.csv", &opts);
        total_rows += (one.findings.iter())
            .filter(|f| matches!(f.kind, Kind::ActualsTotalRow { .. }))
            .count();
        if two != one {
            reads_differ(round, &format!("{two:?}"), &format!("{one:?}"), text);
        }
    }
    total_rows
}

/// The two reads of the random file `text` of `round`, where they first differ.
fn reads_differ(round: u32, two: &str, one: &str, text: &[u8]) -> ! {
    let at = two
        .bytes()
        .zip(one.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(two.len().min(one.len()));
    let near = |s: &str| {
        s.get(at.saturating_sub(300)..)
            .unwrap_or("")
            .chars()
            .take(500)
            .collect::<String>()
    };
    panic!(
        "round {round}, two threads:\n{}\none thread:\n{}\nfile:\n{}",
        near(two),
        near(one),
        String::from_utf8_lossy(text)
    );
}

/// Random files of every spelling the readers meet, each read on two threads (the
/// plain reader) and on one (the `csv` crate), compared in full. (Compared as values:
/// where a key's running sum passes through zero, the number of decimals `Decimal`
/// keeps depends on the order of the rows, `3` or `3.00`; the reports write amounts
/// normalized, so that is never seen.)
#[test]
fn csv_plain_reading_equals_the_csv_crate_on_random_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("slump.csv");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut total_rows = 0;
    for round in 0..300 {
        let text = random_csv(&mut rng, round);
        total_rows += total_rows_read_alike(&path, &text, round);
    }
    assert!(
        total_rows > 100,
        "total rows among the random rows: {total_rows}"
    );
}

/// The total rows of a read, by line, with the sum of the rows above that each
/// one's amount equals.
fn total_matches(a: &Actuals) -> Vec<(u64, TotalMatch)> {
    a.findings
        .iter()
        .filter_map(|f| match &f.kind {
            Kind::ActualsTotalRow {
                amount,
                since_previous,
                since_start,
                ..
            } => Some((
                f.line.unwrap_or(0),
                TotalMatch::of(*amount, *since_previous, *since_start),
            )),
            _ => None,
        })
        .collect()
}

/// `text` as the file `totaler.csv`, read on one thread and on two, which agree and
/// account for every row: the one-thread read.
fn totals_read_both_ways(text: &str) -> Actuals {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("totaler.csv");
    std::fs::write(&path, text).expect("write");
    let one = table::read_csv(text.as_bytes(), "totaler.csv", &ReadOptions::default());
    let two = table::read_csv_split(&path, "totaler.csv", &ReadOptions::default());
    assert_eq!(two, one);
    assert_eq!(
        two.rows_read,
        two.rows_in_entries() + two.rows_in_findings()
    );
    one
}

/// Data row `v` of the total-row files, onto `text`; its amount is [`row_amount`].
fn total_file_row(text: &mut String, v: u32) {
    text.push_str(&format!(
        "2023{:02};{};P{};{v},25\n",
        1 + v % 12,
        4000 + v % 7,
        v % 5
    ));
}

fn row_amount(v: u32) -> Decimal {
    Decimal::from(v) + Decimal::new(25, 2)
}

/// Total rows past the cut compare with the rows above them on both sides of it:
/// the second part's first total row reaches back to the first part's last one (or
/// to the start), and every grand total counts the first part's rows.
#[test]
fn csv_total_rows_read_on_two_threads_equal_one_thread() {
    // Subtotals of ten rows in the first part; then 4 000 rows with no total, across
    // the cut; then a subtotal over them, a grand total and one that is neither.
    let mut text = String::from("Period;Konto;Projekt;Belopp\n");
    let (mut group, mut all) = (Decimal::ZERO, Decimal::ZERO);
    for v in 0..5000u32 {
        total_file_row(&mut text, v);
        group += row_amount(v);
        all += row_amount(v);
        if v < 1000 && v % 10 == 9 {
            text.push_str(&format!("Delsumma;;;{group}\n"));
            group = Decimal::ZERO;
        }
    }
    text.push_str(&format!(
        ";Summa konto;;{group}\n;;Totalt;{all}\n;;Total;{}\n",
        all + Decimal::ONE
    ));
    let one = totals_read_both_ways(&text);
    let found = total_matches(&one);
    assert_eq!(found.len(), 103);
    // The first has no total row above it: it is the sum of all rows above it.
    assert_eq!(found[0].1, TotalMatch::GrandTotal);
    assert!(
        found[1..101]
            .iter()
            .all(|(_, m)| *m == TotalMatch::Subtotal),
        "{found:?}"
    );
    assert_eq!(found[101].1, TotalMatch::GrandTotal);
    assert_eq!(found[102].1, TotalMatch::Neither);
    assert!(
        found[100].0 > one.rows_read / 2,
        "the subtotal is past the cut"
    );
}

/// With no total row before the cut: the first one after it counts from the start.
#[test]
fn csv_total_row_past_the_cut_with_none_before_it_counts_from_the_start() {
    let mut text = String::from("Period;Konto;Projekt;Belopp\n");
    for v in 0..3000u32 {
        total_file_row(&mut text, v);
    }
    let sum: Decimal = (0..3000u32).map(row_amount).sum();
    text.push_str(&format!("Summa;;;{sum}\n"));
    assert_eq!(
        total_matches(&totals_read_both_ways(&text))[0].1,
        TotalMatch::GrandTotal
    );
}

/// More total rows than are named, on both sides of the cut: the first 200 are
/// named; past them a subtotal that holds is counted, a grand total too (which only
/// the whole file's sums tell), and one that is neither is named, wherever it
/// stands.
#[test]
fn csv_total_rows_past_the_named_ones_are_told_alike_on_two_threads() {
    let mut text = String::from("Period;Konto;Projekt;Belopp\n");
    let (mut group, mut all) = (Decimal::ZERO, Decimal::ZERO);
    for v in 0..3000u32 {
        total_file_row(&mut text, v);
        group += row_amount(v);
        all += row_amount(v);
        if v % 5 == 4 {
            // Rows 1 249 and 2 749 lie on either side of the cut, both past the
            // 200 named total rows.
            let stated = match v {
                1249 | 2749 => group + Decimal::ONE,
                _ => group,
            };
            text.push_str(&format!("Delsumma;;;{stated}\n"));
            group = Decimal::ZERO;
        }
        if v == 2499 {
            text.push_str(&format!("Totalt hittills;;;{all}\n"));
        }
    }
    let one = totals_read_both_ways(&text);
    let found = total_matches(&one);
    assert_eq!(found.len(), 202, "{found:?}");
    assert_eq!(found[0].1, TotalMatch::GrandTotal, "no total row above it");
    assert!(
        found[1..200]
            .iter()
            .all(|(_, m)| *m == TotalMatch::Subtotal)
    );
    assert_eq!(found[200].1, TotalMatch::Neither);
    assert_eq!(found[201].1, TotalMatch::Neither);
    assert!(found[200].0 < one.rows_read / 2 && found[201].0 > one.rows_read / 2);
    assert!(
        one.findings.iter().any(|f| matches!(
            f.kind,
            Kind::MoreActualsTotalRows {
                rows: 399,
                unchecked: 0
            }
        )),
        "398 subtotals and the grand total past the named: {:#?}",
        one.findings.last()
    );
}

/// Found by fuzzing: a named row's text was decoded with what the reading knew of the
/// characters so far, so a row past the cut, read before the part saw the first byte
/// that is no UTF-8, came out as UTF-8 there and as CP437 on one thread. Now every
/// named row is decoded at the end, as the file's names are: here as CP437, since the
/// file has a `\x94` (ö) near its start, and so also the bad row before that byte.
#[test]
fn named_rows_are_decoded_as_the_whole_file_on_two_threads_too() {
    let bad = b"#VER A 0 20230115 \"x\"\n{\n#TRANS 4010 {} 1.00 2023011\xEF\xBB\xBF5\n}\n";
    let mut text = b"#FLAGGA 0\n#SIETYP 4\n".to_vec();
    text.extend_from_slice(bad);
    text.extend_from_slice(b"#KONTO 4010 \"F\x94rbrukning\"\n");
    for v in 0..400u32 {
        text.extend_from_slice(
            format!("#VER A {v} 20230115 \"x\"\n{{\n#TRANS 4010 {{}} {v}.00\n}}\n").as_bytes(),
        );
    }
    text.extend_from_slice(bad);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tecken.se");
    std::fs::write(&path, &text).expect("write");
    let one = sie::read(&text[..], "tecken.se", &ReadOptions::default());
    let found: Vec<&str> = (one.findings.iter())
        .filter_map(|f| match &f.kind {
            Kind::InvalidActualsRow { found, .. } => Some(found.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(found, ["2023011∩╗┐5", "2023011∩╗┐5"], "{:?}", one.findings);
    assert_eq!(
        sie::read_split(&path, "tecken.se", &ReadOptions::default()),
        one
    );
}

/// A file of more distinct keys and names than `max_keys` is refused, read on one
/// thread or on two, and the same file under a roomier limit is read: a file of
/// endless distinct keys stops before it fills the machine's memory.
#[test]
fn more_keys_than_a_ledger_has_refuse_the_file_however_it_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = large_csv();
    let csv_path = dir.path().join("stor.csv");
    std::fs::write(&csv_path, &csv).expect("write");
    let mut sie = String::from("#FLAGGA 0\n#SIETYP 4\n#DIM 6 \"Projekt\"\n");
    for v in 0..3000u32 {
        let month = 1 + v % 12;
        sie.push_str(&format!(
            "#VER A {v} 2023{month:02}15 \"\"\n{{\n   #TRANS 4010 {{6 \"P{v}\"}} 1.00\n}}\n"
        ));
    }
    let sie_path = dir.path().join("stor.se");
    std::fs::write(&sie_path, &sie).expect("write");
    let reads = |opts: &ReadOptions| {
        [
            table::read_csv(&csv[..], "stor.csv", opts),
            table::read_csv_split(&csv_path, "stor.csv", opts),
            sie::read(sie.as_bytes(), "stor.se", opts),
            sie::read_split(&sie_path, "stor.se", opts),
        ]
    };
    // About 1 100 keys in the CSV, 3 000 in the SIE file.
    let tight = ReadOptions {
        max_keys: 500,
        ..ReadOptions::default()
    };
    for a in reads(&tight) {
        let kinds: Vec<&Kind> = a.findings.iter().map(|f| &f.kind).collect();
        let refused = Kind::UnreadableActuals(UnreadableActuals::TooManyKeys { limit: 500 });
        assert_eq!(kinds, [&refused], "{}", a.file);
        assert!(a.entries.is_empty(), "{}", a.file);
    }
    let roomy = ReadOptions {
        max_keys: 10_000,
        ..ReadOptions::default()
    };
    for a in reads(&roomy) {
        assert!(a.entries.len() > 1_000, "{}: {}", a.file, a.entries.len());
        let too_many = |f: &Finding| matches!(f.kind, Kind::UnreadableActuals(_));
        assert!(!a.findings.iter().any(too_many), "{}", a.file);
    }
}
