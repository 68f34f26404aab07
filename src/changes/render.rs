//! The change list as the terminal shows it, and its one-line summary.

use super::*;

/// The change lines of a comparison as the terminal shows them: per area its
/// heading and its changes, then a count.
pub fn render(areas: &[AreaChanges], lang: Lang) -> String {
    let mut out = String::new();
    let mut count = 0;
    for a in areas {
        out.push_str(&a.heading(lang));
        out.push('\n');
        for c in &a.changes {
            if !matches!(c, Change::LikelyRename { .. }) {
                count += 1;
            }
            out.push_str(&c.message(lang));
            out.push('\n');
        }
    }
    out.push_str(&match (count, lang) {
        (0, Lang::Sv) => "Inga ändringar".to_string(),
        (0, Lang::En) => "No changes".to_string(),
        (1, Lang::Sv) => "1 ändring".to_string(),
        (1, Lang::En) => "1 change".to_string(),
        (n, Lang::Sv) => format!("{n} ändringar"),
        (n, Lang::En) => format!("{n} changes"),
    });
    out.push('\n');
    out
}

/// What `consolidate --previous` prints: per area with changes its heading and
/// count, then the total and where the list is.
pub fn summary(areas: &[AreaChanges], previous: &std::path::Path, lang: Lang) -> String {
    let count = |a: &AreaChanges| {
        a.changes
            .iter()
            .filter(|c| !matches!(c, Change::LikelyRename { .. }))
            .count()
    };
    let words = |n: usize| match (n, lang) {
        (1, Lang::Sv) => "1 ändring".to_string(),
        (n, Lang::Sv) => format!("{n} ändringar"),
        (1, Lang::En) => "1 change".to_string(),
        (n, Lang::En) => format!("{n} changes"),
    };
    let total: usize = areas.iter().map(count).sum();
    let mut out = match lang {
        Lang::Sv => format!(
            "Ändringar sedan {}: {} (bladet {})\n",
            previous.display(),
            words(total),
            labels::OUT_CHANGES
        ),
        Lang::En => format!(
            "Changes since {}: {} (sheet {})\n",
            previous.display(),
            words(total),
            labels::OUT_CHANGES
        ),
    };
    for a in areas {
        out.push_str(&format!("  {} – {}\n", a.heading(lang), words(count(a))));
    }
    out
}
