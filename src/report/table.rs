//! Terminal text: the consolidated figures after the one-line summary, as the
//! `Sammanställning` sheet shows them (area, version, Nyutveckling, Befintlig,
//! Summa, and Ram/Avvikelse when frames are configured, then the `Summa` row),
//! aligned in columns, amounts grouped as the language writes them. The areas
//! left out (errors) are named below the table, so a run with errors says which
//! areas are complete.

use crate::consolidate::Consolidation;
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
    let title = match (cons.budget_year, lang) {
        (Some(y), Lang::Sv) => format!("Sammanställning budgetår {y}, belopp i tkr"),
        (Some(y), Lang::En) => format!("Consolidation, budget year {y}, amounts in tkr"),
        (None, Lang::Sv) => "Sammanställning, belopp i tkr".to_string(),
        (None, Lang::En) => "Consolidation, amounts in tkr".to_string(),
    };
    if included.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            lang.pick(
                "Inget tjänsteområde är komplett (utan fel).",
                "No service area is complete (free of errors)."
            )
        );
    } else {
        let _ = writeln!(out, "{title}");
        let frames = cons.has_frames;
        let mut header: Vec<String> = [
            lang.pick("Tjänsteområde", "Service area"),
            "Version",
            lang.pick("Nyutveckling", "New development"),
            lang.pick("Befintlig", "Existing"),
            lang.pick("Summa", "Total"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        if frames {
            header.push(lang.pick("Ram", "Frame").into());
            header.push(lang.pick("Avvikelse", "Deviation").into());
        }
        let money = |v: Decimal| amount(v, lang);
        let mut rows: Vec<Vec<String>> = Vec::new();
        for a in &included {
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
            rows.push(row);
        }
        let t = &cons.totals;
        let mut total = vec![
            lang.pick("Summa", "Total").to_string(),
            String::new(),
            money(t.new),
            money(t.existing),
            money(t.total),
        ];
        if frames {
            let frame_sum = crate::amount::total(included.iter().filter_map(|a| a.figures.frame));
            let deviation = crate::amount::total(
                included
                    .iter()
                    .filter_map(|a| a.figures.frame.map(|f| f.saturating_sub(a.figures.total))),
            );
            total.push(money(frame_sum));
            total.push(money(deviation));
        }
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for row in rows.iter().chain(std::iter::once(&total)) {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |out: &mut String, cells: &[String]| {
            let mut text = String::new();
            for (col, (cell, w)) in cells.iter().zip(&widths).enumerate() {
                if col > 0 {
                    text.push_str("  ");
                }
                let pad = w - cell.chars().count();
                // Area and version to the left, amounts to the right.
                if col < 2 {
                    text.push_str(cell);
                    text.extend(std::iter::repeat_n(' ', pad));
                } else {
                    text.extend(std::iter::repeat_n(' ', pad));
                    text.push_str(cell);
                }
            }
            let _ = writeln!(out, "{}", text.trim_end());
        };
        line(&mut out, &header);
        for row in &rows {
            line(&mut out, row);
        }
        line(&mut out, &total);
        if let (Some(frame), true) = (t.frame, frames) {
            let _ = writeln!(
                out,
                "{} {} · {} {} ({})",
                lang.pick("Totalram", "Total frame"),
                money(frame),
                lang.pick("avvikelse", "deviation"),
                money(frame.saturating_sub(t.total)),
                lang.pick("positiv = under ramen", "positive = under the frame"),
            );
        }
    }
    if !left_out.is_empty() {
        let _ = writeln!(
            out,
            "{} {}",
            lang.pick("Inte med (har fel):", "Left out (errors):"),
            left_out.join(", ")
        );
    }
    out
}

/// The files left out for their errors: `Ekonomi (Ekonomi.xlsx)`, or the file
/// alone when it names no area.
pub fn left_out(files: &[Loaded], lang: Lang) -> Vec<String> {
    files
        .iter()
        .filter(|f| f.status == Status::Errors)
        .map(|f| match &f.area {
            Some(area) => format!("{area} ({})", f.file),
            None => format!(
                "{} ({})",
                f.file,
                lang.pick("inget tjänsteområde", "no service area")
            ),
        })
        .collect()
}
