//! Sheet `Ändringar` (`consolidate --previous`): what changed since an earlier
//! consolidation, one row per change — area and versions, initiative, what
//! changed, before and after — and the same sentence the terminal and `diff` use.

use super::{Styles, Widths};
use crate::changes::{AreaChanges, Change};
use crate::labels;
use crate::lang::Lang;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// One row of the sheet.
#[derive(Default)]
struct Line {
    name: String,
    kind: &'static str,
    column: String,
    old: Option<rust_decimal::Decimal>,
    new: Option<rust_decimal::Decimal>,
    message: String,
}

pub(super) fn write(
    ws: &mut Worksheet,
    areas: &[AreaChanges],
    lang: Lang,
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(labels::OUT_CHANGES)?;
    let headers = labels::CHANGES_HEADERS;
    let mut widths = Widths::new(&[14, 12, 30, 12, 12, 10, 10, 60]);
    for (col, h) in (0u16..).zip(headers) {
        let format = if (5..=6).contains(&col) {
            &s.header_amount
        } else {
            &s.header
        };
        ws.write_string_with_format(0, col, h, format)?;
    }
    let mut row = 0;
    for a in areas {
        let versions = versions(a);
        for line in lines(a, lang) {
            row += 1;
            let fixed = [a.area.as_str(), versions.as_str()];
            write_line(ws, row, fixed, line, s, &mut widths)?;
        }
    }
    if row == 0 {
        row = 1;
        ws.write_string(row, 0, labels::CHANGES_NONE)?;
    }
    ws.autofilter(0, 0, row, 7)?;
    ws.set_freeze_panes(1, 0)?;
    super::page_setup(ws, 0)?;
    widths.apply(ws, 120)?;
    Ok(())
}

/// `1.0 → 1.1`, with `–` for a side without a version.
fn versions(a: &AreaChanges) -> String {
    match (&a.old_version, &a.new_version) {
        (Some(o), Some(n)) => format!("{o} → {n}"),
        (None, Some(n)) => format!("– → {n}"),
        (Some(o), None) => format!("{o} → –"),
        (None, None) => String::new(),
    }
}

/// An area's rows: one per change, or one saying there is a new version.
fn lines(a: &AreaChanges, lang: Lang) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    if a.changes.is_empty() {
        lines.push(Line {
            kind: labels::CHANGE_NEW_VERSION,
            message: a.heading(lang),
            ..Line::default()
        });
    }
    for c in &a.changes {
        let message = c.message(lang);
        lines.push(match c {
            Change::Amount {
                name,
                column,
                old,
                new,
            } => Line {
                name: name.clone(),
                kind: labels::CHANGE_AMOUNT,
                column: column.label(),
                old: Some(*old),
                new: Some(*new),
                message,
            },
            Change::Added { name, amount } => Line {
                name: name.clone(),
                kind: labels::CHANGE_ADDED,
                new: Some(*amount),
                message,
                ..Line::default()
            },
            Change::Removed { name, amount } => Line {
                name: name.clone(),
                kind: labels::CHANGE_REMOVED,
                old: Some(*amount),
                message,
                ..Line::default()
            },
            Change::Renamed { new, .. } => Line {
                name: new.clone(),
                kind: labels::CHANGE_RENAMED,
                message,
                ..Line::default()
            },
            Change::LikelyRename { new, .. } => Line {
                name: new.clone(),
                kind: labels::CHANGE_LIKELY_RENAMED,
                message,
                ..Line::default()
            },
        });
    }
    lines
}

/// One row: the area and its versions (`fixed`), then the change.
fn write_line(
    ws: &mut Worksheet,
    row: u32,
    fixed: [&str; 2],
    line: Line,
    s: &Styles,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    let Line {
        name,
        kind,
        column,
        old,
        new,
        message,
    } = line;
    for (col, text) in [
        (0u16, fixed[0]),
        (1, fixed[1]),
        (2, name.as_str()),
        (3, kind),
        (4, column.as_str()),
        (7, message.as_str()),
    ] {
        ws.write_string(row, col, text)?;
        widths.see(col, text);
    }
    for (col, v) in [(5u16, old), (6, new)] {
        if let Some(v) = v {
            ws.write_with_format(row, col, v.normalize(), &s.amount)?;
            widths.see_amount(col, v);
        }
    }
    Ok(())
}
