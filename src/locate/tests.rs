//! The header matchers on small grids: each form of header, and what is named when
//! one cannot be used.

use super::*;
use rust_decimal::Decimal;

fn grid(cells: &[(u32, u32, Value)]) -> Grid {
    Grid::from_cells(
        "t",
        cells
            .iter()
            .map(|(r, c, v)| Cell {
                at: CellRef::new(*r, *c),
                value: v.clone(),
                formula: false,
            })
            .collect(),
    )
}
fn t(s: &str) -> Value {
    Value::Text(s.into())
}
fn n(y: i64) -> Value {
    Value::Number(Decimal::from(y))
}

#[test]
fn budget_header_found_by_text_in_any_order() {
    let g = grid(&[
        (0, 0, t("Fördelning av budget 2023")),
        (5, 1, t("Belopp")),
        (5, 2, t(" nyutveckling ")),
        (5, 4, t("Initiativ")),
        (5, 6, t("Utveckling inom befintlig\ntjänst")),
    ]);
    assert_eq!(
        budget_header(&g),
        Ok(BudgetLayout {
            header_row: 5,
            text: 4,
            new: 2,
            existing: 6,
            amount: 1,
            project: None,
            wrong_units: Vec::new(),
        })
    );
}

#[test]
fn budget_header_names_what_is_missing() {
    let g = grid(&[
        (2, 0, t("Text")),
        (2, 1, t("Nyutveckling")),
        (2, 2, t("Belopp tkr")),
    ]);
    assert_eq!(
        budget_header(&g),
        Err(HeaderError::Missing(vec![labels::COL_EXISTING.to_string()]))
    );
}

#[test]
fn a_unit_after_a_header_is_no_part_of_it_and_kronor_is_named() {
    let g = grid(&[
        (3, 0, t("Text")),
        (3, 1, t("Nyutveckling (tkr)")),
        (
            3,
            2,
            t("Utveckling inom befintlig tjänst/tjänsteerbjudande (kr)"),
        ),
        (3, 3, t("Belopp, tkr")),
    ]);
    let layout = budget_header(&g).expect("header");
    assert_eq!((layout.new, layout.existing, layout.amount), (1, 2, 3));
    assert_eq!(
        layout.wrong_units,
        [WrongUnit {
            cell: CellRef::new(3, 2),
            header: "Utveckling inom befintlig tjänst/tjänsteerbjudande (kr)".into(),
            unit: Unit::Kronor,
        }]
    );
    // Two rows: a group label's unit is named once, at the label.
    let g = grid(&[
        (2, 1, t("Utveckling (mnkr)")),
        (2, 3, t("Vidmakthållande, tkr")),
        (3, 1, n(2023)),
        (3, 2, t("2024 (tkr)")),
        (3, 3, n(2023)),
        (3, 4, t("2024 kr")),
    ]);
    let layout = plan_header(&g).expect("header");
    assert_eq!(layout.years, [2023, 2024]);
    let named: Vec<_> = layout
        .wrong_units
        .iter()
        .map(|w| (w.cell, w.unit))
        .collect();
    assert_eq!(
        named,
        [
            (CellRef::new(2, 1), Unit::Millions),
            (CellRef::new(3, 4), Unit::Kronor)
        ]
    );
}

#[test]
fn metadata_value_is_next_non_empty_cell() {
    let g = grid(&[
        (1, 0, t("Tjänsteområde:")),
        (1, 3, t("HR")),
        (2, 0, t("Version")),
    ]);
    let f = meta_field(&g, labels::META_AREA, None).expect("label");
    assert_eq!(f.value.map(|c| c.at), Some(CellRef::new(1, 3)));
    assert_eq!(
        meta_field(&g, labels::META_VERSION, None).and_then(|f| f.value),
        None
    );
    assert!(meta_field(&g, labels::META_AREA, Some(1)).is_none());
}

#[test]
fn metadata_label_and_value_in_one_cell() {
    // `Tjänsteområde: HR` in one cell: the value is the text after the colon,
    // at the label's cell; a title that only begins with the label is none.
    let g = grid(&[
        (0, 0, t("Tjänsteområde HR:s plan")),
        (1, 0, t("Tjänsteområde:  HR ")),
        (2, 0, t("Budgetår: 2023")),
        (2, 1, t("fel")),
    ]);
    let f = meta_field(&g, labels::META_AREA, None).expect("label");
    assert_eq!(f.label_cell, CellRef::new(1, 0));
    let value = f.value.expect("value");
    assert_eq!((value.at, &value.value), (CellRef::new(1, 0), &t("HR")));
    let year = meta_field(&g, labels::META_BUDGET_YEAR, None).expect("label");
    assert_eq!(year.value.map(|c| c.value.clone()), Some(t("2023")));
}

#[test]
fn plan_header_two_rows_as_in_the_seed() {
    // Row 2: merged group labels; row 3: years; no initiative label.
    let g = grid(&[
        (0, 0, t("Tjänsteområde ekonomis utvecklingsinitiativ, tkr")),
        (2, 1, t("Utvecklingsinitiativ")),
        (2, 4, t("Påverkan vidmakthålla")),
        (3, 1, n(2023)),
        (3, 2, n(2024)),
        (3, 3, n(2025)),
        (3, 4, n(2023)),
        (3, 5, t("2024")),
        (3, 6, n(2025)),
    ]);
    let layout = plan_header(&g).expect("header");
    assert_eq!(layout.header_row, 3);
    assert_eq!(layout.initiative, 0);
    assert_eq!(layout.years, vec![2023, 2024, 2025]);
    assert_eq!(layout.development, vec![1, 2, 3]);
    assert_eq!(layout.maintenance, vec![4, 5, 6]);
    assert_eq!(layout.impact, None);
}

#[test]
fn a_group_label_centred_over_its_years_names_all_of_them() {
    // The labels typed by hand over the middle of their years (no merged cell),
    // as in the seed's form otherwise; also over the last year, and with the years
    // in a row of their own further right.
    for (development, maintenance) in [(2, 5), (3, 6), (1, 6), (3, 4)] {
        let g = grid(&[
            (2, development, t("Utveckling")),
            (2, maintenance, t("Vidmakthållande")),
            (3, 0, t("Initiativ")),
            (3, 1, n(2023)),
            (3, 2, n(2024)),
            (3, 3, n(2025)),
            (3, 4, n(2023)),
            (3, 5, n(2024)),
            (3, 6, n(2025)),
        ]);
        let layout = plan_header(&g).expect("header");
        let at = (development, maintenance);
        assert_eq!(layout.development, vec![1, 2, 3], "{at:?}");
        assert_eq!(layout.maintenance, vec![4, 5, 6], "{at:?}");
    }
    // Without a break in the years, one run with both labels over it: each year
    // goes under the nearest label at or left of it, as before.
    let g = grid(&[
        (2, 1, t("Utveckling")),
        (2, 3, t("Vidmakthållande")),
        (3, 0, t("Initiativ")),
        (3, 1, n(2023)),
        (3, 2, n(2024)),
        (3, 3, n(2025)),
        (3, 4, n(2026)),
    ]);
    let layout = plan_header(&g);
    assert!(
        matches!(layout, Err(HeaderError::Missing(ref m)) if m.iter().any(|h| h.contains("2023"))),
        "{layout:?}"
    );
}

#[test]
fn a_row_of_dates_formatted_as_years_is_the_year_row() {
    // A two-row header whose years are dates (1 January, shown as `yyyy`), as a
    // sheet copied from a dated report has them.
    let d = |iso: &str| Value::Date(iso.into());
    let g = grid(&[
        (2, 1, t("Utveckling")),
        (2, 3, t("Vidmakthållande")),
        (3, 0, t("Initiativ")),
        (3, 1, d("2023-01-01")),
        (3, 2, d("2024-01-01T00:00:00")),
        (3, 3, d("2023-01-01")),
        (3, 4, d("2024-12-31")),
    ]);
    let layout = plan_header(&g).expect("header");
    assert_eq!(layout.years, vec![2023, 2024]);
    assert_eq!(layout.development, vec![1, 2]);
    assert_eq!(layout.maintenance, vec![3, 4]);
}

#[test]
fn plan_header_one_row_with_impact() {
    let g = grid(&[
        (4, 0, t("Initiativ")),
        (4, 1, t("Utveckling 2024")),
        (4, 2, t("Vidmakthållande 2024")),
        (4, 3, t("Utveckling 2023")),
        (4, 4, t("Vidmakthållande 2023")),
        (4, 5, t("Påverkan")),
    ]);
    let layout = plan_header(&g).expect("header");
    assert_eq!(layout.years, vec![2023, 2024]);
    assert_eq!(layout.development, vec![3, 1]);
    assert_eq!(layout.maintenance, vec![4, 2]);
    assert_eq!(layout.impact, Some(5));
}

#[test]
fn plan_header_reports_a_missing_year_column() {
    let g = grid(&[
        (0, 0, t("Initiativ")),
        (0, 1, t("Utveckling 2023")),
        (0, 2, t("Utveckling 2024")),
        (0, 3, t("Vidmakthållande 2023")),
    ]);
    assert_eq!(
        plan_header(&g),
        Err(HeaderError::Missing(vec![
            "Vidmakthållande 2024".to_string()
        ]))
    );
}

#[test]
fn plan_header_names_only_the_group_that_is_missing() {
    // The maintenance columns are there; the development ones are misspelled.
    let g = grid(&[
        (0, 0, t("Utvecklingsinitiativ 2023–2024, tkr")),
        (2, 0, t("Initiativ")),
        (2, 1, t("Utv. 2023")),
        (2, 2, t("Utv. 2024")),
        (2, 3, t("Vidmakthållande 2024")),
        (2, 4, t("Vidmakthållande 2023 (tkr)")),
    ]);
    assert_eq!(
        plan_header(&g),
        Err(HeaderError::Missing(vec![
            "Utveckling 2023".to_string(),
            "Utveckling 2024".to_string()
        ]))
    );
    // Neither group: both are named.
    let g = grid(&[(2, 0, t("Initiativ")), (2, 1, t("År 2023"))]);
    assert_eq!(
        plan_header(&g),
        Err(HeaderError::Missing(vec![
            "Utveckling ÅÅÅÅ".to_string(),
            "Vidmakthållande ÅÅÅÅ".to_string()
        ]))
    );
}

#[test]
fn a_header_in_two_columns_is_ambiguous_not_the_first() {
    let g = grid(&[
        (2, 0, t("Initiativ")),
        (2, 1, t("Utveckling 2024")),
        (2, 2, t("Vidmakthållande 2024")),
        (2, 4, t("Utveckling 2024 ")),
    ]);
    assert_eq!(
        plan_header(&g),
        Err(HeaderError::Ambiguous {
            header: "Utveckling 2024".into(),
            cells: vec![CellRef::new(2, 1), CellRef::new(2, 4)],
        })
    );
    let g = grid(&[
        (8, 0, t("Text")),
        (8, 1, t("Nyutveckling")),
        (8, 2, t("Utveckling inom befintlig tjänst")),
        (8, 3, t("Belopp tkr")),
        (8, 5, t("Belopp")),
    ]);
    assert_eq!(
        budget_header(&g),
        Err(HeaderError::Ambiguous {
            header: "Belopp tkr".into(),
            cells: vec![CellRef::new(8, 3), CellRef::new(8, 5)],
        })
    );
}
