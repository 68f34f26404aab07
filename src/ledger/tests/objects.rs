//! SIE's `#PSALDO` and `#PBUDGET` rows with object lists: every spelling of the
//! list, the type-3 double count, the two meanings of `{}`, and a group of many
//! projects on one account and month.

use super::*;
use crate::finding::ObjectReading;

#[test]
fn sie_object_lists_in_every_spelling() {
    let text = format!(
        "{HEAD}#DIM 6 \"Projekt\"\n#OBJEKT 6 \"P2301\" \"Signering\"\n#OKÄNT etikett som ignoreras\n\n\
         #PSALDO 0 202301 4010 {{6 \"P2301\"}} 100.00\n\
         #PSALDO 0 202302 4010 {{\"1\" \"100\" \"6\" \"P2302\"}} 200.50\n\
         #PSALDO\t0\t202303\t4010\t{{6\tSÄLJ}}\t300\t5\n\
         #PSALDO 0 202304 4010 {{1 10 6 Bilen 2 KAZ747}} -40.25\n\
         #PSALDO 0 202305 4010 {{6 \"P \\\"23\\\"\"}} 7\r\n"
    );
    let a = read_text("utfall.se", &text);
    // Project rows with no {} row: read as the parts they are, and said once.
    assert_eq!(codes(&a), ["mixed-object-rows"]);
    assert_eq!(a.form, Some(Form::Sie { sie_type: 3 }));
    assert_eq!(a.rows_read, 5);
    assert_eq!(actual(&a, 2023, 1, "4010", Some("P2301")), d("100.00"));
    assert_eq!(actual(&a, 2023, 2, "4010", Some("P2302")), d("200.50"));
    assert_eq!(actual(&a, 2023, 3, "4010", Some("SÄLJ")), d("300"));
    assert_eq!(actual(&a, 2023, 4, "4010", Some("Bilen")), d("-40.25"));
    assert_eq!(actual(&a, 2023, 5, "4010", Some("P \"23\"")), d("7"));
}

#[test]
fn sie_type_3_counts_a_project_once() {
    // The standard's form: {} is the total; the project has its single row and a
    // combined row (a part of it); dimension 1 rows are parts of the total too.
    let text = format!(
        "{HEAD}#PSALDO 0 202304 4010 {{}} 1000\n\
         #PSALDO 0 202304 4010 {{6 \"P1\"}} 300\n\
         #PSALDO 0 202304 4010 {{1 \"100\" 6 \"P1\"}} 120\n\
         #PSALDO 0 202304 4010 {{1 \"100\"}} 600\n\
         #PSALDO 0 202304 4010 {{1 \"200\"}} 400\n\
         #PSALDO 0 202304 4010 {{1 \"100\" 6 \"P2\"}} 50\n\
         #PSALDO 0 202304 4010 {{1 \"200\" 6 \"P2\"}} 25\n"
    );
    let a = read_text("typ3.se", &text);
    assert_eq!(actual(&a, 2023, 4, "4010", Some("P1")), d("300"));
    assert_eq!(actual(&a, 2023, 4, "4010", Some("P2")), d("75"));
    assert_eq!(actual(&a, 2023, 4, "4010", None), d("625"));
    let total: Decimal = a.entries.values().map(|e| e.actual).sum();
    assert_eq!(total, d("1000"), "the account's total, counted once");
    assert_eq!(codes(&a), ["mixed-object-rows"]);
    let f = &a.findings[0];
    assert_eq!(f.severity, Severity::Info);
    assert!(matches!(
        f.kind,
        Kind::MixedObjectRows {
            reading: ObjectReading::SingleRowUsed,
            month: 4,
            ..
        }
    ));
}

#[test]
fn sie_standard_type_3_without_combined_rows_has_no_note() {
    let text = format!(
        "{HEAD}#PSALDO 0 202304 4010 {{}} 1000\n\
         #PSALDO 0 202304 4010 {{6 \"P1\"}} 300\n\
         #PSALDO 0 202304 4010 {{1 \"100\"}} 1000\n"
    );
    let a = read_text("typ3.se", &text);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(actual(&a, 2023, 4, "4010", Some("P1")), d("300"));
    assert_eq!(actual(&a, 2023, 4, "4010", None), d("700"));
}

#[test]
fn sie_empty_list_as_the_unobjected_part_when_objects_exceed_it() {
    // One row per exact combination (Avendo): {} is what has no object at all.
    let text = format!(
        "{HEAD}#PSALDO 0 202304 4010 {{}} 50\n\
         #PSALDO 0 202304 4010 {{6 \"P1\"}} 300\n\
         #PSALDO 0 202304 4010 {{1 \"100\" 6 \"P1\"}} 20\n\
         #PSALDO 0 202304 4010 {{1 \"100\"}} 7\n\
         #PSALDO 0 202305 5010 {{}} 3972.50\n\
         #PSALDO 0 202305 5010 {{7 \"4\"}} 223290.00\n\
         #PSALDO 0 202306 6010 {{1 \"Nord\"}} 25150.00\n\
         #PSALDO 0 202306 6010 {{1 \"Syd\"}} 37978.00\n"
    );
    let a = read_text("avendo.se", &text);
    assert_eq!(actual(&a, 2023, 4, "4010", Some("P1")), d("320"));
    assert_eq!(actual(&a, 2023, 4, "4010", None), d("57"));
    assert_eq!(actual(&a, 2023, 5, "5010", None), d("227262.50"));
    assert_eq!(actual(&a, 2023, 6, "6010", None), d("63128.00"));
    assert_eq!(codes(&a), ["mixed-object-rows"]);
    assert_eq!(a.findings[0].line, Some(6), "the first such place");
    assert!(matches!(
        &a.findings[0].kind,
        Kind::MixedObjectRows { account, reading: ObjectReading::EmptyAsUnobjected, .. } if account == "4010"
    ));
}

#[test]
fn sie_pbudget_with_and_without_object_list() {
    let text = format!(
        "{HEAD}#PBUDGET 0 202301 4010 -100000\n\
         #PBUDGET 0 202301 4010 {{6 \"P1\"}} 2500\n\
         #PBUDGET 0 202301 4010 {{}} 2500\n\
         #PSALDO 0 202301 4010 {{6 \"P1\"}} 2000\n"
    );
    let a = read_text("bl.se", &text);
    assert!(
        a.findings.iter().all(|f| f.severity == Severity::Info),
        "{:#?}",
        a.findings
    );
    let p1 = &a.entries[&key(2023, 1, "4010", Some("P1"))];
    assert_eq!((p1.actual, p1.budget), (d("2000"), Some(d("2500"))));
    let none = &a.entries[&key(2023, 1, "4010", None)];
    assert_eq!(none.budget, Some(d("-100000")));
    assert_eq!(a.rows_read, 4);
}

#[test]
fn sie_group_with_many_projects_on_one_account_and_month() {
    // Past the length a group searches, its projects are indexed: each project's
    // single row is its amount, its combined rows parts of it, the rest of `{}`
    // "utan projekt", whatever order the rows come in.
    let mut text = format!("{HEAD}#PSALDO 0 202304 4010 {{}} 100000\n");
    for p in (0..60).rev() {
        text.push_str(&format!(
            "#PSALDO 0 202304 4010 {{6 \"P{p}\"}} {}\n",
            100 + p
        ));
    }
    for p in 0..60 {
        text.push_str(&format!(
            "#PSALDO 0 202304 4010 {{1 \"100\" 6 \"P{p}\"}} 40\n"
        ));
        text.push_str(&format!("#PSALDO 0 202304 4010 {{{} \"X\"}} 1\n", p + 10));
    }
    let a = read_text("många.se", &text);
    for p in [0, 17, 59] {
        let code = format!("P{p}");
        assert_eq!(
            actual(&a, 2023, 4, "4010", Some(&code)),
            Decimal::from(100 + p)
        );
    }
    let projects: Decimal = (0..60).map(|p| Decimal::from(100 + p)).sum();
    assert_eq!(actual(&a, 2023, 4, "4010", None), d("100000") - projects);
    assert_eq!(codes(&a), ["mixed-object-rows"]);
    assert_eq!(a.rows_read, 1 + 60 * 3);
}
