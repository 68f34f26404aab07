//! The unit a header may carry after its label: `Belopp tkr`, `Utveckling 2023 (tkr)`,
//! `Nyutveckling, tkr`, `Utveckling inom befintlig tjänst (kr)`. The template's
//! amounts are in tkr; a header naming kronor or millions says the column's amounts
//! are 1 000 times off. [`split_unit`] separates the label from its unit, so that
//! the header matchers in `locate` compare the label alone and can say which unit
//! was written.

/// The scale a header's unit names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// tkr, tusen kronor, kkr: the template's own unit.
    Thousands,
    /// kr, kronor, SEK.
    Kronor,
    /// mnkr, mkr, miljoner kronor.
    Millions,
}

/// Unit words as [`super::normalize`] writes them (lower case, single spaces).
const UNITS: [(&str, Unit); 20] = [
    ("tkr", Unit::Thousands),
    ("t kr", Unit::Thousands),
    ("tusen kr", Unit::Thousands),
    ("tusen kronor", Unit::Thousands),
    ("tusentals kronor", Unit::Thousands),
    ("kkr", Unit::Thousands),
    ("ksek", Unit::Thousands),
    ("tsek", Unit::Thousands),
    ("kr", Unit::Kronor),
    ("kronor", Unit::Kronor),
    ("sek", Unit::Kronor),
    ("mnkr", Unit::Millions),
    ("mkr", Unit::Millions),
    ("mn kr", Unit::Millions),
    ("milj kr", Unit::Millions),
    ("milj. kr", Unit::Millions),
    ("miljoner kr", Unit::Millions),
    ("miljoner kronor", Unit::Millions),
    ("msek", Unit::Millions),
    ("mdkr", Unit::Millions),
];

/// The unit `text` names (`tkr`, `i tkr`, `Tkr.`), if it is one; `text` normalized.
fn unit_of(text: &str) -> Option<Unit> {
    let text = text.trim();
    let text = text.strip_prefix("i ").unwrap_or(text).trim();
    let text = text.strip_suffix('.').unwrap_or(text).trim_end();
    UNITS
        .iter()
        .find(|(word, _)| *word == text)
        .map(|(_, u)| *u)
}

/// Splits a trailing unit off a normalized header key: `utveckling 2023 (tkr)`,
/// `belopp, kr`, `belopp tkr` and `belopp i tkr` give their label (`utveckling 2023`,
/// `belopp`) and the unit. A key without a unit, or that is only one, is returned
/// whole with `None`.
pub fn split_unit(key: &str) -> (&str, Option<Unit>) {
    let key = key.trim_end();
    let base_of = |base: &str| base.trim_end().trim_end_matches(',').trim_end().len();
    // `(tkr)` or `[tkr]` at the end.
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(inner_end) = key.strip_suffix(close)
            && let Some((base, inner)) = inner_end.rsplit_once(open)
            && let Some(unit) = unit_of(inner)
            && base_of(base) > 0
        {
            return (&key[..base_of(base)], Some(unit));
        }
    }
    // `, tkr` at the end.
    if let Some((base, tail)) = key.rsplit_once(',')
        && let Some(unit) = unit_of(tail)
        && base_of(base) > 0
    {
        return (&key[..base_of(base)], Some(unit));
    }
    // ` tkr`, ` i tkr`, ` tusen kronor` at the end: the longest unit that ends the
    // key (`mn kr`, not `kr`).
    let bare = UNITS
        .iter()
        .filter_map(|(word, unit)| {
            let base = key.strip_suffix(word)?;
            let base = base
                .strip_suffix(" i ")
                .or_else(|| base.strip_suffix(' '))?;
            (base_of(base) > 0).then_some((word.len(), base_of(base), *unit))
        })
        .max_by_key(|(len, ..)| *len);
    match bare {
        Some((_, base, unit)) => (&key[..base], Some(unit)),
        None => (key, None),
    }
}

/// A unit other than tkr named by a word of `text` (normalized), wherever it stands:
/// for a header matched by its beginning (`utveckling inom befintlig (kr) tjänst`).
pub fn unit_word_in(text: &str) -> Option<Unit> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter_map(unit_of)
        .find(|u| *u != Unit::Thousands)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::normalize;

    fn split(text: &str) -> (String, Option<Unit>) {
        let key = normalize(text);
        let (base, unit) = split_unit(&key);
        (base.to_string(), unit)
    }

    #[test]
    fn a_trailing_unit_is_split_off_in_every_usual_spelling() {
        let thousands = [
            "Utveckling 2023 (tkr)",
            "Utveckling 2023 (Tkr)",
            "Utveckling 2023, tkr",
            "Utveckling 2023 tkr",
            "Utveckling 2023 (tusen kronor)",
            "Utveckling 2023 (kkr)",
            "Utveckling 2023 [tkr]",
            "Utveckling 2023 (i tkr)",
            "Utveckling 2023 i tkr",
            "Utveckling 2023 (tkr.)",
            "Utveckling 2023 ( TKR ):",
        ];
        for text in thousands {
            assert_eq!(
                split(text),
                ("utveckling 2023".to_string(), Some(Unit::Thousands)),
                "{text:?}"
            );
        }
        assert_eq!(
            split("Belopp tkr"),
            ("belopp".into(), Some(Unit::Thousands))
        );
        assert_eq!(split("Belopp (kr)"), ("belopp".into(), Some(Unit::Kronor)));
        assert_eq!(
            split("Belopp, kronor"),
            ("belopp".into(), Some(Unit::Kronor))
        );
        assert_eq!(split("Belopp SEK"), ("belopp".into(), Some(Unit::Kronor)));
        assert_eq!(
            split("Belopp mn kr"),
            ("belopp".into(), Some(Unit::Millions))
        );
        assert_eq!(
            split("Belopp tusen kr"),
            ("belopp".into(), Some(Unit::Thousands))
        );
        assert_eq!(
            split("Belopp (mnkr)"),
            ("belopp".into(), Some(Unit::Millions))
        );
        assert_eq!(
            split("Belopp (miljoner kronor)"),
            ("belopp".into(), Some(Unit::Millions))
        );
    }

    #[test]
    fn a_label_without_a_unit_is_kept_whole() {
        for text in [
            "Utveckling inom befintlig tjänst/tjänsteerbjudande",
            "Utveckling inom befintlig tjänst (tjänsteerbjudande)",
            "Nyutveckling",
            "tkr",
            "(tkr)",
            "Summa",
            "Vidmakthållande 2024",
        ] {
            assert_eq!(split(text), (normalize(text), None), "{text:?}");
        }
    }

    #[test]
    fn a_unit_word_anywhere_is_found_when_it_is_not_tkr() {
        assert_eq!(
            unit_word_in("utveckling inom befintlig (kr) tjänst"),
            Some(Unit::Kronor)
        );
        assert_eq!(unit_word_in("utveckling inom befintlig tjänst tkr"), None);
        assert_eq!(unit_word_in("utveckling inom befintlig tjänst"), None);
    }
}
