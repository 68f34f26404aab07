//! Rounds with the area leads: the forecast workbook of `follow-up template`
//! generated from the sample, filled by openpyxl, recalculated and saved by
//! LibreOffice, and read back to exactly the figures written; `follow-up check`
//! with every check's exact message in both languages and its JSON report; the
//! command line's rule for `follow-up` with and without a subcommand.

use crate::harness::{BIN, read_sheet};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("input")
}

fn exec(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let out = Command::new(BIN).args(args).output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// `follow-up template` on the sample into `dir/prognos`.
fn templates(dir: &Path) -> PathBuf {
    let out = dir.join("prognos");
    let (code, text) = exec(&[
        os("follow-up"),
        os("template"),
        sample().as_os_str(),
        os("--out"),
        out.as_os_str(),
    ]);
    assert_eq!(code, 0, "{text}");
    out
}

/// Fills `from` with openpyxl: cell → value (a number, or text when quoted in
/// `texts`), then LibreOffice opens it, recalculates and saves it as xlsx in
/// `dir/resaved`. Returns the saved file.
fn fill_and_resave(dir: &Path, from: &Path, cells: &[(&str, &str)]) -> PathBuf {
    let script = r#"
import openpyxl, sys, json, datetime
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Prognos"]
for cell, value in json.loads(sys.argv[3]):
    if value.startswith("date:"):
        y, m, d = value[5:].split("-")
        ws[cell] = datetime.date(int(y), int(m), int(d))
    elif value.startswith("text:"):
        ws[cell] = value[5:] or None
    else:
        ws[cell] = float(value) if "." in value else int(value)
wb.save(sys.argv[2])
"#;
    let filled_dir = dir.join("filled");
    std::fs::create_dir_all(&filled_dir).expect("dir");
    let filled = filled_dir.join(from.file_name().expect("name"));
    let json = serde_json::to_string(cells).expect("json");
    let status = Command::new("python3")
        .args(["-c", script])
        .arg(from)
        .arg(&filled)
        .arg(json)
        .status()
        .expect("python3 with openpyxl");
    assert!(status.success(), "openpyxl fill failed");
    crate::libreoffice::recalculate_and_save(&filled, dir)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

/// (name, budget, actual) of the data rows of a forecast workbook (Excel rows 12…).
fn rows(path: &Path) -> Vec<(String, Decimal, Decimal)> {
    let cells = read_sheet(path, "Prognos");
    assert_eq!(cells[&(10, 0)], "Initiativ");
    assert_eq!(cells[&(10, 6)], "Prognos helår");
    (11..)
        .map_while(|r| {
            let name = cells.get(&(r, 0))?.clone();
            (name != "Summa").then(|| (name, d(&cells[&(r, 2)]), d(&cells[&(r, 4)])))
        })
        .collect()
}

fn follow_up_json(dir: &Path, forecasts: &Path) -> serde_json::Value {
    let json = dir.join("r.json");
    let (code, text) = exec(&[
        os("follow-up"),
        sample().as_os_str(),
        os("--forecasts"),
        forecasts.as_os_str(),
        os("--out"),
        dir.join("out").as_os_str(),
        os("--json"),
        json.as_os_str(),
    ]);
    assert!(code == 0, "{text}");
    serde_json::from_str(&std::fs::read_to_string(json).expect("json")).expect("parse")
}

#[test]
fn a_blank_forecast_workbook_reads_back_with_no_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = templates(dir.path());
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("dir")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Ekonomi-prognos-2023-04.xlsx",
            "HR-prognos-2023-04.xlsx",
            "IT-tjänster-prognos-2023-04.xlsx",
            "Kommunikation-prognos-2023-04.xlsx",
            "Ledning och styrning-prognos-2023-04.xlsx"
        ]
    );
    for name in &names {
        let (code, text) = exec(&[
            os("follow-up"),
            os("check"),
            out.join(name).as_os_str(),
            os("--plan"),
            sample().as_os_str(),
            os("--period"),
            os("2023-04"),
        ]);
        assert_eq!(code, 0, "{text}");
        assert!(
            text.contains("Kontrollerade 1 prognosfil · 0 fel, 0 varningar, 0 info"),
            "{text}"
        );
    }
    // Prefilled with the previous forecasts: the follow-up on them gives the same
    // totals as on the forecasts they were made from.
    let r = follow_up_json(dir.path(), &out);
    assert_eq!(r["totals"]["forecast"], "71510");
    assert_eq!(r["totals"]["budget"], "91510");
    let codes: Vec<&str> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().expect("code"))
        .collect();
    assert!(!codes.contains(&"no-forecast"), "{codes:?}");
    assert!(
        r["findings"]
            .as_array()
            .expect("f")
            .iter()
            .all(|f| f["severity"] != "error"),
        "{codes:?}"
    );
}

#[test]
fn forecast_workbook_filled_by_openpyxl_and_saved_by_libreoffice_reads_back_exactly() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = templates(dir.path());
    let hr = out.join("HR-prognos-2023-04.xlsx");
    let given = rows(&hr);
    assert_eq!(given.len(), 2);
    let resaved = fill_and_resave(
        dir.path(),
        &hr,
        &[
            ("B6", "text:1.1"),
            ("B7", "text:Karin Sverke Westerberg"),
            ("B8", "date:2023-05-04"),
            ("G12", "1234.5"),
            ("I12", "text:Upphandlingen försenad; resten 2024."),
            ("G13", "7001"),
            ("I13", "text:"),
        ],
    );
    // LibreOffice recalculated the deviation column and the Summa row.
    let cells = read_sheet(&resaved, "Prognos");
    assert_eq!(d(&cells[&(11, 7)]), given[0].1 - d("1234.5"));
    assert_eq!(d(&cells[&(12, 7)]), given[1].1 - d("7001"));
    assert_eq!(d(&cells[&(13, 6)]), d("8235.5"));
    let only = dir.path().join("only");
    std::fs::create_dir_all(&only).expect("dir");
    std::fs::copy(&resaved, only.join("HR-prognos-2023-04.xlsx")).expect("copy");
    let r = follow_up_json(dir.path(), &only);
    let hr_rows: Vec<&serde_json::Value> = r["initiatives"]
        .as_array()
        .expect("initiatives")
        .iter()
        .filter(|i| i["area"] == "HR")
        .collect();
    assert_eq!(hr_rows.len(), 2);
    assert_eq!(hr_rows[0]["initiative"], given[0].0.as_str());
    assert_eq!(hr_rows[0]["forecast"], "1234.5");
    assert_eq!(
        hr_rows[0]["comment"],
        "Upphandlingen försenad; resten 2024."
    );
    assert_eq!(hr_rows[1]["forecast"], "7001");
    let (code, text) = exec(&[
        os("follow-up"),
        os("check"),
        only.join("HR-prognos-2023-04.xlsx").as_os_str(),
        os("--period"),
        os("2023-04"),
    ]);
    // Only the second row lacks its comment (7 001 against its budget).
    let deviates = (given[1].1 - d("7001")).abs() > given[1].1 / d("10");
    assert_eq!(code, 0, "{text}");
    assert_eq!(text.contains("missing-comment"), deviates, "{text}");
}

/// The IT workbook with one problem per row, checked against the plan.
fn problems(dir: &Path) -> (PathBuf, Vec<(String, Decimal, Decimal)>) {
    let out = templates(dir);
    let it = out.join("IT-tjänster-prognos-2023-04.xlsx");
    let given = rows(&it);
    // Row 12: below the actual (with a comment); 13: negative; 14: a number as
    // text; 15: far below the budget without a comment; 16: renamed.
    let below = (given[0].2 - d("100")).to_string();
    let far = (given[3].1 / d("2")).max(given[3].2).to_string();
    let renamed = format!("text:{} X", given[4].0.replace('-', ""));
    let budget14 = format!("text:{}", given[2].1);
    let cells: Vec<(&str, &str)> = vec![
        ("G12", below.as_str()),
        ("I12", "text:Mycket är redan gjort."),
        ("G13", "-5"),
        ("G14", budget14.as_str()),
        ("G15", far.as_str()),
        ("A16", renamed.as_str()),
        ("B5", "text:2023-03"),
    ];
    let resaved = fill_and_resave(dir, &it, &cells);
    (resaved, given)
}

#[test]
fn follow_up_check_names_every_problem_in_swedish_and_english() {
    let dir = tempfile::tempdir().expect("tmp");
    let (file, given) = problems(dir.path());
    let check = |lang: &str| {
        exec(&[
            os("--lang"),
            os(lang),
            os("follow-up"),
            os("check"),
            file.as_os_str(),
            os("--plan"),
            sample().as_os_str(),
            os("--period"),
            os("2023-04"),
        ])
    };
    let strip =
        |(code, text): (i32, String)| (code, text.replace(&format!("{} › ", file.display()), ""));
    let (code, sv) = strip(check("sv"));
    assert_eq!(code, 1, "{sv}");
    let a = |x: Decimal| budget_consolidator::lang::amount(x, budget_consolidator::lang::Lang::Sv);
    let e = |x: Decimal| budget_consolidator::lang::amount(x, budget_consolidator::lang::Lang::En);
    let below = given[0].2 - d("100");
    let far = (given[3].1 / d("2")).max(given[3].2);
    for line in [
        "fel      period-mismatch         Prognos › B5: Prognosfilen gäller perioden ”2023-03” men uppföljningen gäller ”2023-04”. Hämta mallen för rätt månad (budget-consolidator follow-up template --period 2023-04).".to_string(),
        format!("fel      negative-amount         Prognos › G13: Prognos helår är negativt ({}); utvecklingsbelopp ska vara 0 eller mer.", a(d("-5"))),
        format!("varning  forecast-below-actual   Prognos › G12: ”{}”: prognosen är lägre än redan bokfört utfall – prognosen för helåret är {} tkr men utfallet hittills är {} tkr. Kontrollera prognosen; den kan inte bli lägre än det som redan är bokfört.", given[0].0, a(below), a(given[0].2)),
        format!("varning  number-as-text          Prognos › G14: Prognos helår är skrivet som text (”{}”) och lästes som {}. Skriv talet som ett tal.", given[2].1, a(given[2].1)),
        format!("varning  missing-comment         Prognos › G15: ”{}”: prognosen {} tkr avviker mer än 10 % från budgeten {} tkr men har ingen kommentar. Skriv en kommentar i kolumnen Kommentar.", given[3].0, a(far), a(given[3].1)),
        format!("fel      unknown-initiative      Prognos › G16: IT-tjänster har inget initiativ ”{} X” i planen. Menade du ”{}”?", given[4].0.replace('-', ""), given[4].0),
        "Kontrollerade 1 prognosfil · 3 fel, 3 varningar, 0 info".to_string(),
        "Rätta felen innan du skickar filen.".to_string(),
    ] {
        assert!(sv.contains(&line), "missing line\n{line}\nin\n{sv}");
    }
    let (code, en) = strip(check("en"));
    assert_eq!(code, 1, "{en}");
    for line in [
        "error    period-mismatch         Prognos › B5: The forecast file is for the period “2023-03” but the follow-up is for “2023-04”. Get the template for the right month (budget-consolidator follow-up template --period 2023-04).".to_string(),
        format!("warning  forecast-below-actual   Prognos › G12: “{}”: the forecast is below the actual already booked – the full-year forecast is {} tkr but the actual to date is {} tkr. Check the forecast; it cannot end up below what is already booked.", given[0].0, e(below), e(given[0].2)),
        format!("warning  missing-comment         Prognos › G15: “{}”: the forecast of {} tkr deviates more than 10 % from the budget of {} tkr but has no comment. Write a comment in the Kommentar column.", given[3].0, e(far), e(given[3].1)),
        "Checked 1 forecast file · 3 errors, 3 warnings, 0 info".to_string(),
    ] {
        assert!(en.contains(&line), "missing line\n{line}\nin\n{en}");
    }
    // The annotated copy marks the cells.
    let fb = dir.path().join("fb");
    let (code, text) = exec(&[
        os("follow-up"),
        os("check"),
        file.as_os_str(),
        os("--period"),
        os("2023-04"),
        os("--feedback"),
        fb.as_os_str(),
    ]);
    assert_eq!(code, 1, "{text}");
    let copy = fb.join("IT-tjänster-prognos-2023-04-kontroll.xlsx");
    assert!(text.contains("Skrev kontrollkopia"), "{text}");
    let checks = read_sheet(&copy, "Kontroller");
    let codes: Vec<&str> = (4..)
        .map_while(|r| checks.get(&(r, 1)).map(String::as_str))
        .collect();
    assert!(codes.contains(&"negative-amount"), "{codes:?}");
    assert!(codes.contains(&"period-mismatch"), "{codes:?}");
    let copied = read_sheet(&copy, "Prognos");
    assert_eq!(copied[&(12, 6)], "-5");
}

/// The top-level keys of a JSON report, and those of its first finding.
fn report_shape(report: &serde_json::Value) -> (Vec<String>, Vec<String>) {
    let keys = |v: &serde_json::Value| v.as_object().map(|o| o.keys().cloned().collect());
    (
        keys(report).unwrap_or_default(),
        keys(&report["findings"][0]).unwrap_or_default(),
    )
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("json written")).expect("json")
}

#[test]
fn follow_up_check_writes_the_json_report_as_check_does() {
    let dir = tempfile::tempdir().expect("tmp");
    let it = templates(dir.path()).join("IT-tjänster-prognos-2023-04.xlsx");
    let json = dir.path().join("prognos.json");
    let (code, text) = exec(&[
        os("follow-up"),
        os("check"),
        it.as_os_str(),
        os("--period"),
        os("2023-03"),
        os("--json"),
        json.as_os_str(),
    ]);
    assert_eq!(code, 1, "{text}");
    let report = read_json(&json);
    assert_eq!(report["status"], "errors");
    assert_eq!(report["budget_year"], 2023);
    assert_eq!(report["areas"], serde_json::json!([]));
    assert_eq!(report["totals"]["total"], "0");
    let findings = report["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["severity"], "error");
    assert_eq!(findings[0]["code"], "period-mismatch");
    assert_eq!(findings[0]["file"], it.display().to_string());
    assert_eq!(findings[0]["sheet"], "Prognos");
    assert_eq!(findings[0]["cell"], "B5");
    assert!(
        findings[0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Prognosfilen gäller perioden ”2023-04”")),
        "{findings:?}"
    );
    // The same shape as the report of `check`.
    let broken = dir.path().join("HR.xlsx");
    std::fs::write(&broken, b"not a workbook").expect("write");
    let check_json = dir.path().join("check.json");
    let (code, text) = exec(&[
        os("check"),
        broken.as_os_str(),
        os("--json"),
        check_json.as_os_str(),
    ]);
    assert_eq!(code, 1, "{text}");
    assert_eq!(report_shape(&report), report_shape(&read_json(&check_json)));
    // Not over an input.
    let (code, text) = exec(&[
        os("follow-up"),
        os("check"),
        it.as_os_str(),
        os("--json"),
        it.as_os_str(),
    ]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("JSON-rapporten"), "{text}");
}

#[test]
fn follow_up_keeps_working_without_a_subcommand_and_a_folder_named_template_is_usable() {
    let dir = tempfile::tempdir().expect("tmp");
    let plan = dir.path().join("template");
    copy_dir(&sample(), &plan);
    let out = dir.path().join("out");
    // `./template` is the folder; `template` alone would be the subcommand.
    let o = Command::new(BIN)
        .current_dir(dir.path())
        .args(["follow-up", "./template", "--out"])
        .arg(&out)
        .output()
        .expect("run");
    let (code, text) = (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    );
    assert_eq!(code, 0, "{text}");
    assert!(out.join("uppfoljning-2023-04.xlsx").is_file(), "{text}");
    // The subcommand, with the folder named template as its DIR.
    let o = Command::new(BIN)
        .current_dir(dir.path())
        .args(["follow-up", "template", "template", "--out", "forms"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(dir.path().join("forms/HR-prognos-2023-04.xlsx").is_file());
    // Arguments of the follow-up itself and a subcommand do not mix.
    let o = Command::new(BIN)
        .current_dir(dir.path())
        .args(["follow-up", "./template", "check", "x.xlsx"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "{o:?}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for e in std::fs::read_dir(from).expect("read") {
        let e = e.expect("entry");
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy");
        }
    }
}

#[test]
fn the_sample_forecasts_are_the_template_filled_in() {
    // What `follow-up template` writes from the sample equals, in every given
    // cell (metadata the lead does not fill, initiatives, codes, budget, budget to
    // date, actual), the committed forecast workbooks; only the input cells differ.
    let dir = tempfile::tempdir().expect("tmp");
    let out = templates(dir.path());
    for entry in std::fs::read_dir(sample().join("prognos")).expect("prognos") {
        let committed = entry.expect("entry").path();
        let generated = out.join(committed.file_name().expect("name"));
        let (a, b) = (
            read_sheet(&committed, "Prognos"),
            read_sheet(&generated, "Prognos"),
        );
        let given = |m: &std::collections::BTreeMap<(u32, u32), String>| {
            m.iter()
                .filter(|((r, c), _)| (*r >= 10 && *c <= 4) || (*r < 10 && ![5, 6, 7].contains(r)))
                .map(|(k, v)| (*k, v.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(given(&a), given(&b), "{}", committed.display());
        // The lead filled the forecast of every row.
        let filled = rows(&committed).len();
        assert!(filled > 0);
        assert!((11..11 + filled as u32).all(|r| a.contains_key(&(r, 6))));
    }
}
