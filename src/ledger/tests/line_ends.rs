//! Line ends: `\n`, CR LF and a `\r` alone (old Mac exports) are each one line end,
//! in SIE and CSV alike, mixed in one file too, at any block boundary, on one
//! thread and on two; the rows are read and named by the line an editor shows.

use super::*;

/// An SIE type 4 file with a bad row on line 8, in LF line ends.
const SIE: &str = "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20230101 20231231\n\
                   #VER A 1 20230415 \"Faktura\"\n{\n#TRANS 4010 {6 \"P1\"} 100.50\n\
                   #TRANS 4010 {} 12,50\n#TRANS 5010 {} -20.00 20230502\n}\n";

/// A reader that hands out `step` bytes at a time, so that every block boundary
/// falls everywhere, between the `\r` and `\n` of a CR LF too.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(out.len()).min(self.bytes.len());
        out[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

fn sie_of(text: &str) -> Actuals {
    checked(sie::read(
        text.as_bytes(),
        "huvudbok.se",
        &ReadOptions::default(),
    ))
}

#[test]
fn an_sie_file_with_cr_only_line_ends_is_read_as_its_lf_twin() {
    let lf = sie_of(SIE);
    assert_eq!(lf.form, Some(Form::Sie { sie_type: 4 }));
    assert_eq!(actual(&lf, 2023, 4, "4010", Some("P1")), d("100.50"));
    assert_eq!(actual(&lf, 2023, 5, "5010", None), d("-20.00"));
    assert_eq!(lf.findings.len(), 1);
    assert_eq!(lf.findings[0].line, Some(8));
    for text in [SIE.replace('\n', "\r"), SIE.replace('\n', "\r\n")] {
        assert_eq!(sie_of(&text), lf, "{text:?}");
    }
    // Mixed: a file put together from a Mac export and a Windows one. CR LF stays one
    // line end, a `\r` alone and a `\n` alone are one each, a blank line counts.
    let mixed = SIE
        .replacen('\n', "\r", 2)
        .replacen('\n', "\r\n", 2)
        .replacen("{\n", "{\r\r", 1);
    let m = sie_of(&mixed);
    assert_eq!(actual(&m, 2023, 4, "4010", Some("P1")), d("100.50"));
    assert_eq!(actual(&m, 2023, 5, "5010", None), d("-20.00"));
    assert_eq!(m.entries.len(), 2);
    assert_eq!(m.findings[0].line, Some(9), "one blank line more");
}

#[test]
fn sie_line_ends_across_every_block_boundary_read_alike() {
    let cr = SIE.replace('\n', "\r");
    let crlf = SIE.replace('\n', "\r\n");
    let mixed = SIE.replacen('\n', "\r\n", 3).replacen('\n', "\r", 3);
    for text in [&cr, &crlf, &mixed] {
        let whole = sie_of(text);
        for step in [1, 2, 3, 7] {
            let input = Trickle {
                bytes: text.as_bytes(),
                step,
            };
            let read = sie::read(input, "huvudbok.se", &ReadOptions::default());
            assert_eq!(read, whole, "step {step}: {text:?}");
        }
    }
}

#[test]
fn a_cr_only_sie_file_reads_alike_on_two_threads() {
    let mut text = String::from("#FLAGGA 0\r#SIETYP 4\r");
    for v in 0..400u32 {
        let month = 1 + v % 12;
        text.push_str(&format!(
            "#VER A {v} 2023{month:02}10\r{{\r#TRANS 4010 {{6 \"P{}\"}} {v}.25\r",
            v % 7
        ));
        if v % 50 == 3 {
            text.push_str("#TRANS 4010 {} x\r");
        }
        text.push_str("}\r");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mac.se");
    std::fs::write(&path, &text).expect("write");
    let one = sie::read(text.as_bytes(), "mac.se", &ReadOptions::default());
    let two = sie::read_split(&path, "mac.se", &ReadOptions::default());
    assert_eq!(one.rows_read, 408);
    assert_eq!(one.findings.len(), 8);
    assert_eq!(one.findings[0].line, Some(18));
    assert_eq!(two, one);
}

#[test]
fn csv_rows_with_cr_only_line_ends_are_named_by_their_lines() {
    let lf = "Rapport\nPeriod;Konto;Projekt;Belopp\n202301;4010;P1;100\n202313;4010;P1;100\n\n\
              202302;4010;\"P\n1\";abc\n202302;4010;P1;x\n";
    let lines = |text: &str| -> Vec<Option<u64>> {
        let a = checked(table::read_csv(
            text.as_bytes(),
            "u.csv",
            &ReadOptions::default(),
        ));
        assert_eq!(actual(&a, 2023, 1, "4010", Some("P1")), d("100"));
        a.findings.iter().map(|f| f.line).collect()
    };
    assert_eq!(lines(lf), [Some(4), Some(6), Some(8)]);
    assert_eq!(lines(&lf.replace('\n', "\r")), [Some(4), Some(6), Some(8)]);
    assert_eq!(
        lines(&lf.replace('\n', "\r\n")),
        [Some(4), Some(6), Some(8)]
    );
    let mixed = lf.replacen('\n', "\r", 2).replacen('\n', "\r\n", 2);
    assert_eq!(lines(&mixed), [Some(4), Some(6), Some(8)]);
}

#[test]
fn a_csv_title_ending_in_a_lone_cr_is_counted_alike_on_two_threads() {
    // Found by fuzzing: the two-thread read counted the lines above the header by
    // their `\n` only, so with a title ending in a `\r` alone it named every row a
    // line too early.
    let text = "Rapport\r;\nPeriod;Konto;Projekt;Belopp;Budget\n404602;43-02;4010;V\u{e4}lf\u{e4}rd;1234.0\n\
                52;02302;4010;;3,900;\n202301;4010;P1;1;\n202301;4010;P1;2;\n";
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("u.csv");
    std::fs::write(&path, text).expect("write");
    let opts = ReadOptions::default();
    let one = checked(table::read_csv(text.as_bytes(), "u.csv", &opts));
    let lines: Vec<Option<u64>> = one.findings.iter().map(|f| f.line).collect();
    assert_eq!(lines, [Some(4), Some(5)]);
    assert_eq!(table::read_csv_split(&path, "u.csv", &opts), one);
}
