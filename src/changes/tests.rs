use super::*;

/// An area's change lines in Swedish.
fn messages(area: &AreaChanges) -> Vec<String> {
    area.changes.iter().map(|c| c.message(Lang::Sv)).collect()
}

fn item(name: &str, code: Option<&str>, figures: &[(Column, i64)]) -> Item {
    Item {
        name: name.into(),
        codes: code.map(str::to_string).into_iter().collect(),
        figures: figures
            .iter()
            .map(|(c, v)| (*c, Decimal::from(*v)))
            .collect(),
    }
}

fn area(version: &str, items: Vec<Item>) -> Snapshot {
    Snapshot {
        areas: vec![AreaSnapshot {
            area: "IT-tjänster".into(),
            version: version.into(),
            budget_year: Some(2023),
            items,
        }],
    }
}

fn budget(name: &str, new: i64, existing: i64, dev: i64) -> Item {
    item(
        name,
        None,
        &[
            (Column::New, new),
            (Column::Existing, existing),
            (Column::Amount, new + existing),
            (Column::Development(2023), dev),
            (Column::Development(2024), 100),
        ],
    )
}

#[test]
fn a_changed_column_is_named_once_with_the_plans_words() {
    let old = area("1.0", vec![budget("Införande av IoT", 4800, 0, 4800)]);
    let new = area("2.0", vec![budget("Införande av IoT", 6300, 0, 6300)]);
    let changes = compare(&old, &new);
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].heading(Lang::Sv),
        "IT-tjänster: version 1.0 → 2.0"
    );
    let lines = messages(&changes[0]);
    assert_eq!(
        lines,
        ["Införande av IoT: 4 800 → 6 300 tkr (Nyutveckling)"]
    );
}

#[test]
fn the_same_version_with_other_content_asks_for_the_version_to_be_raised() {
    let old = area("2.0", vec![budget("A", 100, 0, 100)]);
    let new = area("2.0", vec![budget("A", 200, 0, 200)]);
    let changes = compare(&old, &new);
    assert_eq!(
        changes[0].heading(Lang::Sv),
        "IT-tjänster: version 2.0 i båda, fast innehållet har ändrats (höj versionen)"
    );
    assert_eq!(
        changes[0].heading(Lang::En),
        "IT-tjänster: version 2.0 in both, although the content changed (raise the version)"
    );
}

#[test]
fn the_budget_years_development_is_named_when_it_moves_on_its_own() {
    let old = area("1.0", vec![budget("A", 100, 0, 100)]);
    let new = area("2.0", vec![budget("A", 100, 0, 250)]);
    let lines: Vec<String> = compare(&old, &new)[0]
        .changes
        .iter()
        .map(|c| c.message(Lang::En))
        .collect();
    assert_eq!(lines, ["A: 100 → 250 tkr (Utveckling 2023)"]);
}

#[test]
fn renames_by_code_are_joined_by_name_only_offered() {
    let old = area(
        "1.0",
        vec![
            item("Gammalt namn", Some("P1"), &[(Column::Amount, 5)]),
            item("Mina sidor företag", None, &[(Column::Amount, 7)]),
        ],
    );
    let new = area(
        "2.0",
        vec![
            item("Nytt namn", Some("P1"), &[(Column::Amount, 6)]),
            item("Mina sidor för företag", None, &[(Column::Amount, 7)]),
        ],
    );
    let changes = &compare(&old, &new)[0].changes;
    assert_eq!(
        changes[0],
        Change::Renamed {
            old: "Gammalt namn".into(),
            new: "Nytt namn".into(),
            code: "P1".into()
        }
    );
    assert!(matches!(
        &changes[1],
        Change::Amount {
            column: Column::Amount,
            ..
        }
    ));
    assert!(matches!(&changes[2], Change::Removed { name, .. } if name == "Mina sidor företag"));
    assert!(matches!(&changes[3], Change::Added { name, .. } if name == "Mina sidor för företag"));
    assert!(matches!(
        &changes[4],
        Change::LikelyRename { similarity, .. } if *similarity >= 50 && *similarity < 100
    ));
    assert_eq!(changes.len(), 5);
}

#[test]
fn unlike_names_are_not_offered_and_unchanged_areas_are_left_out() {
    let old = area("2.0", vec![item("Alfa", None, &[(Column::Amount, 5)])]);
    let same = compare(&old, &old.clone());
    assert!(same.is_empty());
    let new = area(
        "2.0",
        vec![item("Helt annat", None, &[(Column::Amount, 5)])],
    );
    let changes = &compare(&old, &new)[0].changes;
    assert_eq!(changes.len(), 2, "{changes:?}");
}

/// An earlier workbook read back: areas by their rows, figures by header,
/// project codes from a `Projekt` column, which then match a renamed initiative.
#[test]
fn an_earlier_initiativ_sheet_reads_back_and_codes_match_renames() {
    use crate::grid::{Value, WrittenCell};
    let text = |row: u32, col: u32, t: &str| WrittenCell {
        at: crate::location::CellRef::new(row, col),
        value: Value::Text(t.into()),
        formula: None,
    };
    let num = |row: u32, col: u32, v: i64| WrittenCell {
        at: crate::location::CellRef::new(row, col),
        value: Value::Number(Decimal::from(v)),
        formula: None,
    };
    let header = [
        "Tjänsteområde",
        "Version",
        "Initiativ",
        "Nyutveckling",
        "Utveckling inom befintlig tjänst",
        "Belopp tkr",
        "Utveckling 2023",
        "Vidmakthållande 2023",
        "Projekt",
    ];
    let mut cells: Vec<WrittenCell> = (0u32..).zip(header).map(|(c, h)| text(0, c, h)).collect();
    cells.extend([
        text(1, 0, "IT-tjänster"),
        text(1, 1, "1.0"),
        text(1, 2, "Gammalt namn"),
        num(1, 3, 4800),
        num(1, 5, 4800),
        num(1, 6, 4800),
        num(1, 7, 300),
        text(1, 8, "p-17; P-18"),
    ]);
    let old = snapshot_from_initiatives(&cells, Some(2023)).expect("our sheet");
    assert_eq!(old.areas.len(), 1);
    let read = &old.areas[0].items[0];
    assert_eq!(read.codes, ["p-17", "P-18"]);
    assert_eq!(read.figure(Column::Maintenance(2023)), Decimal::from(300));
    let new = area(
        "2.0",
        vec![item(
            "Nytt namn",
            Some("P-17"),
            &[
                (Column::New, 6300),
                (Column::Amount, 6300),
                (Column::Development(2023), 6300),
                (Column::Maintenance(2023), 300),
            ],
        )],
    );
    let lines = messages(&compare(&old, &new)[0]);
    assert_eq!(
        lines,
        [
            "Namnändring (projekt P-17): Gammalt namn → Nytt namn",
            "Nytt namn: 4 800 → 6 300 tkr (Nyutveckling)"
        ]
    );
    assert!(
        snapshot_from_initiatives(&cells[1..], None).is_none(),
        "no header row"
    );
}
