//! Terminal text: the consolidated figures after the one-line summary, as the
//! `Sammanställning` sheet shows them (area, version, Nyutveckling, Befintlig,
//! Summa, and Ram/Avvikelse when frames are configured, then the `Summa` row),
//! aligned in columns, amounts grouped as the language writes them. The areas
//! left out (errors) are named below the table, so a run with errors says which
//! areas are complete.

use crate::consolidate::{AreaSummary, Consolidation};
use crate::labels::report as text;
use crate::lang::{Lang, amount};
use crate::load::{Loaded, Status};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// The figures of the run, ending in a newline; empty when no file was read.
pub fn render(cons: &Consolidation<'_>, files: &[Loaded], lang: Lang) -> String {
    let mut out = String::new();
    let left_out = left_out(files, lang);
    let included: Vec<_> = cons.included().collect();
    if included.is_empty() && left_out.is_empty() {
        return out;
    }
    if included.is_empty() {
        let _ = writeln!(out, "{}", text::none_complete(lang));
    } else {
        let _ = writeln!(out, "{}", text::table_title(cons.budget_year, lang));
        let frames = cons.has_frames;
        let mut header: Vec<String> = text::table_header(lang).map(String::from).to_vec();
        if frames {
            header.extend(text::frame_header(lang).map(String::from));
        }
        let mut rows = vec![header];
        rows.extend(included.iter().map(|a| area_row(a, frames, lang)));
        rows.push(total_row(cons, &included, lang));
        write_aligned(&mut out, &rows);
        let t = &cons.totals;
        if let (Some(frame), true) = (t.frame, frames) {
            let money = |v: Decimal| amount(v, lang);
            let deviation = money(frame.saturating_sub(t.total));
            let _ = writeln!(
                out,
                "{}",
                text::total_frame(&money(frame), &deviation, lang)
            );
        }
    }
    if !left_out.is_empty() {
        let _ = writeln!(out, "{}", text::left_out(&left_out.join(", "), lang));
    }
    out
}

/// One area's row: its figures, and its frame and deviation when frames are
/// configured (blank when it has none).
fn area_row(a: &AreaSummary<'_>, frames: bool, lang: Lang) -> Vec<String> {
    let money = |v: Decimal| amount(v, lang);
    let mut row = vec![
        a.area.clone(),
        a.version.clone(),
        money(a.figures.new),
        money(a.figures.existing),
        money(a.figures.total),
    ];
    if frames {
        match a.figures.frame {
            Some(f) => {
                row.push(money(f));
                row.push(money(f.saturating_sub(a.figures.total)));
            }
            None => row.extend([String::new(), String::new()]),
        }
    }
    row
}

/// The `Summa` row; with frames, the sums of the areas' frames and deviations.
fn total_row(cons: &Consolidation<'_>, included: &[&AreaSummary<'_>], lang: Lang) -> Vec<String> {
    let money = |v: Decimal| amount(v, lang);
    let t = &cons.totals;
    let mut total = vec![
        text::total(lang).to_string(),
        String::new(),
        money(t.new),
        money(t.existing),
        money(t.total),
    ];
    if cons.has_frames {
        let frame_sum = crate::amount::total(included.iter().filter_map(|a| a.figures.frame));
        let deviation = crate::amount::total(
            included
                .iter()
                .filter_map(|a| a.figures.frame.map(|f| f.saturating_sub(a.figures.total))),
        );
        total.push(money(frame_sum));
        total.push(money(deviation));
    }
    total
}

/// The rows in columns as wide as their widest cell: area and version to the
/// left, amounts to the right.
fn write_aligned(out: &mut String, rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        widths.resize(widths.len().max(row.len()), 0);
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for cells in rows {
        let mut text = String::new();
        for (col, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if col > 0 {
                text.push_str("  ");
            }
            let pad = w - cell.chars().count();
            if col < 2 {
                text.push_str(cell);
                text.extend(std::iter::repeat_n(' ', pad));
            } else {
                text.extend(std::iter::repeat_n(' ', pad));
                text.push_str(cell);
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    }
}

/// The files left out for their errors: `Ekonomi (Ekonomi.xlsx)`, or the file
/// alone when it names no area.
pub fn left_out(files: &[Loaded], lang: Lang) -> Vec<String> {
    files
        .iter()
        .filter(|f| f.status == Status::Errors)
        .map(|f| match &f.area {
            Some(area) => format!("{area} ({})", f.file),
            None => format!("{} ({})", f.file, text::no_area(lang)),
        })
        .collect()
}
