//! Stage: shared by the reader (`locate`, `parse`) and the writers (`write/`).
//! Every Swedish label the tool reads or writes lives here, with the forgiving
//! matching rule ([`normalize`]), so the reader and the template cannot drift apart.

use unicode_normalization::UnicodeNormalization;

pub const SHEET_BUDGET: &str = "Budgetfördelning";
pub const SHEET_PLAN: &str = "Utvecklingsinitiativ";
/// The optional version table: one row per version of the plan.
pub const SHEET_VERSIONS: &str = "Versioner";
pub const VERSIONS_DATE: &str = "Datum";
pub const VERSIONS_VERSION: &str = "Version";
pub const VERSIONS_DESCRIPTION: &str = "Beskrivning";
pub const VERSIONS_AUTHOR: &str = "Ändrat av";

pub const META_AREA: &str = "Tjänsteområde";
pub const META_VERSION: &str = "Version";
pub const META_BUDGET_YEAR: &str = "Budgetår";
pub const META_DATE: &str = "Datum";
pub const META_LEAD: &str = "Ansvarig";

pub const COL_TEXT: &str = "Text";
pub const COL_INITIATIVE: &str = "Initiativ";
pub const COL_NEW: &str = "Nyutveckling";
/// The full header of the existing-service column; any header starting with
/// [`COL_EXISTING_PREFIX`] is accepted.
pub const COL_EXISTING: &str = "Utveckling inom befintlig tjänst/tjänsteerbjudande";
pub const COL_EXISTING_PREFIX: &str = "Utveckling inom befintlig";
/// The short label used in the consolidated workbook, as in the seed's summary.
pub const COL_EXISTING_SHORT: &str = "Utveckling inom befintlig tjänst";
pub const COL_AMOUNT: &str = "Belopp tkr";
pub const COL_AMOUNT_SHORT: &str = "Belopp";
pub const TOTAL_ROW: &str = "Summa";
/// The words that name a total or subtotal row in a ledger report exported as a
/// table, Swedish and English, lower case. A field names a total when it is one of
/// them, starts with one and a space (`Summa konto 5410`, `S:a projekt`) or ends with
/// a space and one (Excel's subtotals `5410 Summa`, `Grand Total`); see
/// `ledger::table`.
pub const LEDGER_TOTAL_WORDS: [&str; 8] = [
    "summa",
    "delsumma",
    "totalsumma",
    "slutsumma",
    "totalt",
    "total",
    "subtotal",
    "s:a",
];
/// The optional project-code column of `Budgetfördelning` (the follow-up's link to
/// the ledger); [`PROJECT_ALIASES`] are also accepted.
pub const COL_PROJECT: &str = "Projekt";
pub const PROJECT_ALIASES: [&str; 2] = ["Projektnummer", "Projektkod"];

pub const PLAN_INITIATIVE: &str = "Utvecklingsinitiativ";
pub const PLAN_DEVELOPMENT: &str = "Utveckling";
pub const PLAN_MAINTENANCE: &str = "Vidmakthållande";
pub const PLAN_MAINTENANCE_GROUP: &str = "Påverkan vidmakthålla";
pub const PLAN_IMPACT: &str = "Påverkan";
pub const IMPACT_VALUES: [&str; 3] = ["Liten", "Mellan", "Stor"];

/// Sheets of the consolidated workbook.
pub const OUT_SUMMARY: &str = "Sammanställning";
pub const OUT_DEVELOPMENT: &str = "Utveckling per år";
pub const OUT_MAINTENANCE: &str = "Vidmakthållande";
pub const OUT_INITIATIVES: &str = "Initiativ";
pub const OUT_CHECKS: &str = "Kontroller";
pub const OUT_SOURCES: &str = "Källor";
pub const OUT_SUMMARY_TITLE: &str = "Ekonomisk sammanställning utvecklingskostnader";

/// The `Körning` block of `Källor`: what re-running a consolidation needs
/// ([`crate::provenance`]).
pub const RUN_TITLE: &str = "Körning";
pub const RUN_PROGRAM: &str = "Program";
pub const RUN_INPUT: &str = "Indatamapp (från arbetsbokens mapp)";
pub const RUN_OPTIONS: &str = "Flaggor";
pub const RUN_CONFIG_SHA256: &str = "Konfiguration SHA-256";
pub const RUN_CONFIG: &str = "Konfiguration";
/// The sheet `consolidate --previous` adds: what changed since an earlier run.
pub const OUT_CHANGES: &str = "Ändringar";
/// Column of `Källor`: each file's last row of its version table.
pub const OUT_LAST_VERSION: &str = "Senaste versionsrad";
/// Column `Källa` of `Initiativ`: the link to the initiative's cell in its file.
pub const OUT_SOURCE_LINK: &str = "Källa";

mod feedback;
mod follow_up;
mod template;
mod units;
mod workbook;
pub use feedback::*;
pub use follow_up::*;
pub use template::*;
pub use units::{Unit, split_unit, unit_word_in};
pub use workbook::*;

/// A header's label and the year written after it (`utveckling 2023` → (`utveckling`,
/// 2023), `prognos helår 2023`): the plan's year columns and a forecast column
/// named for its year. `None` when the last word is no plausible year.
pub fn split_year(key: &str) -> Option<(&str, i32)> {
    let (label, year) = key.trim_end().rsplit_once(' ')?;
    let year: i32 = year.parse().ok()?;
    (1900..=2200)
        .contains(&year)
        .then_some((label.trim_end(), year))
}

/// A noun's form for a count, in Swedish and English alike: `one` for 1, `many`
/// otherwise (`1 fil`, `0 filer`, `2 filer`).
pub(crate) fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `1 fil`, `2 filer`: the count with its noun in the right form.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

/// The configuration file beside the templates, found by `discover`.
pub const CONFIG_FILE: &str = "budget.toml";

// The text outside the consolidated workbook, by who shows it.
pub mod audit;
pub mod forecast;
pub mod report;
pub mod rounds;
pub mod terminal;

/// The forgiving match key (the README's "The template"): NFC, trimmed, inner
/// whitespace and line breaks collapsed to one space, lower case, a trailing `:`
/// ignored.
pub fn normalize(text: &str) -> String {
    let core = label_core(text);
    if is_plain(core) {
        let mut out = core.to_owned();
        out.make_ascii_lowercase();
        return out;
    }
    if !needs_no_composition(core) {
        return normalize_composed(text);
    }
    let mut out = String::with_capacity(core.len());
    let mut space = false;
    for c in core.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// True for the usual text whose normalized form is its ASCII lower case: words
/// separated by single spaces, and no other non-ASCII characters than the lower
/// case letters U+00DF–U+00FF (`å`, `ä`, `ö`, `é`…; all NFC, none changes case).
/// Conservative: other text takes the general path, which gives the same result.
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut previous = 0u8;
    for (i, &b) in bytes.iter().enumerate() {
        let ok = match b {
            b' ' => previous != b' ',
            0x80..=0xBF => true, // a continuation byte, checked with its lead byte
            0xC3 => {
                matches!(bytes.get(i + 1), Some(0x9F..=0xBF)) && bytes.get(i + 1) != Some(&0xB7)
            }
            _ => b.is_ascii() && !b.is_ascii_whitespace() && b != 0x0B,
        };
        if !ok {
            return false;
        }
        previous = b;
    }
    true
}

/// True when `text` is already NFC and has no context-dependent lower case (only
/// `Σ` has one: `ς` at the end of a word), so that it can be normalized one
/// character at a time.
fn needs_no_composition(text: &str) -> bool {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    // Below U+0300 (no byte from 0xCC up) every character is NFC on its own.
    text.bytes().all(|b| b < 0xCC)
        || (is_nfc_quick(text.chars()) == IsNormalized::Yes && !text.contains('Σ'))
}

/// The text a label key is made of: trimmed, then a trailing `:` and the space
/// before it dropped (the same as dropping it after collapsing the whitespace, as
/// neither a space nor `:` composes or changes case).
fn label_core(text: &str) -> &str {
    let text = text.trim();
    text.strip_suffix(':').map_or(text, str::trim_end)
}

/// True when `normalize(text) == key`, without building the normalized text
/// (`key` must already be normalized, as the constants in [`key`] are).
pub fn is_key(text: &str, key: &str) -> bool {
    match normalized_chars(text) {
        Some(chars) => chars.eq(key.chars()),
        None => normalize_composed(text) == key,
    }
}

/// The characters of [`normalize`]`(text)`, produced lazily, for the usual text
/// that is already NFC and has no context-dependent lower case (only `Σ` has one:
/// `ς` at the end of a word). `None` for other text, which takes the full path.
fn normalized_chars(text: &str) -> Option<impl Iterator<Item = char> + '_> {
    let text = label_core(text);
    if !needs_no_composition(text) {
        return None;
    }
    Some(text.split_whitespace().enumerate().flat_map(|(i, word)| {
        (i > 0)
            .then_some(' ')
            .into_iter()
            .chain(word.chars().flat_map(char::to_lowercase))
    }))
}

/// [`normalize`] for text that needs composing or context-dependent lower case.
fn normalize_composed(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    if out.ends_with(':') {
        out.pop();
        let trimmed_len = out.trim_end().len();
        out.truncate(trimmed_len);
    }
    out
}

/// The normalized forms of the labels the reader compares against on every cell,
/// computed once (a test checks each equals `normalize` of its label).
pub mod key {
    pub const TEXT: &str = "text";
    pub const INITIATIVE: &str = "initiativ";
    pub const NEW: &str = "nyutveckling";
    pub const EXISTING_PREFIX: &str = "utveckling inom befintlig";
    pub const AMOUNT: &str = "belopp tkr";
    pub const AMOUNT_SHORT: &str = "belopp";
    pub const TOTAL_ROW: &str = "summa";
    /// [`super::COL_PROJECT`] and [`super::PROJECT_ALIASES`], normalized.
    pub const PROJECT: [&str; 3] = ["projekt", "projektnummer", "projektkod"];
    pub const IMPACT: &str = "påverkan";
    /// [`super::IMPACT_VALUES`], normalized, in the same order.
    pub const IMPACT_VALUES: [&str; 3] = ["liten", "mellan", "stor"];
}

/// The key initiatives are matched by: [`normalize`] plus a leading numbering
/// such as `1.`, `2. ` or `1)` removed.
pub fn initiative_key(text: &str) -> String {
    let key = normalize(text);
    let digits = key.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let rest = &key[digits..];
        if let Some(stripped) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')')) {
            return stripped.trim_start().to_string();
        }
    }
    key
}

/// The project codes written in one `Projekt` cell: separated by `,` or `;`,
/// trimmed, empty parts dropped, as written (compare them with [`project_key`]).
pub fn project_codes(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from)
        .collect()
}

/// The key project codes are compared by: trimmed, case-insensitive.
pub fn project_key(code: &str) -> String {
    code.trim().to_lowercase()
}

/// True when `text` matches `label` under the forgiving rule.
pub fn matches(text: &str, label: &str) -> bool {
    is_key(text, &normalize(label))
}

/// True when `name` is what a spreadsheet program names a copy of the sheet
/// `label`: the label, under the forgiving rule, then Excel's ` (N)` ("Move or
/// Copy → Create a copy": `Budgetfördelning (2)`) or LibreOffice's `_N` (its
/// copy is the name, `_` and the first free number from 2: `Budgetfördelning_2`),
/// also a copy of a copy (`Budgetfördelning_2_2`).
pub fn is_sheet_copy(name: &str, label: &str) -> bool {
    let label = normalize(label);
    let mut key = normalize(name);
    let mut copied = false;
    loop {
        let base =
            if let Some((base, number)) = key.strip_suffix(')').and_then(|k| k.rsplit_once(" (")) {
                is_number(number).then_some(base)
            } else {
                key.rsplit_once('_')
                    .and_then(|(base, number)| is_number(number).then_some(base))
            };
        match base {
            Some(base) => {
                key = base.trim_end().to_string();
                copied = true;
            }
            None => return copied && key == label,
        }
    }
}

/// True when `name` is `label` (under the forgiving rule) followed by more words —
/// `Budgetfördelning 2023`, `Budgetfördelning gammal`, `Budgetfördelning - ny` — a
/// sheet kept beside the required one, not the same name and no copy's.
pub fn is_sheet_variant(name: &str, label: &str) -> bool {
    let (label, key) = (normalize(label), normalize(name));
    key.strip_prefix(&label).is_some_and(|rest| {
        rest.starts_with([' ', '_', '-', '(', '.']) && !is_sheet_copy(name, &label)
    })
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The canonical spelling of a `Påverkan` value (`Liten`, `Mellan`, `Stor`), if it is one.
pub fn impact(text: &str) -> Option<&'static str> {
    if let Some(exact) = IMPACT_VALUES.into_iter().find(|v| *v == text) {
        return Some(exact);
    }
    IMPACT_VALUES
        .into_iter()
        .zip(key::IMPACT_VALUES)
        .find(|(_, k)| is_key(text, k))
        .map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_is_forgiving() {
        // "ä" written as a + combining diaeresis, as a Mac does.
        assert_eq!(
            normalize("  Tja\u{308}nsteomra\u{30a}de: "),
            "tjänsteområde"
        );
        assert_eq!(
            normalize("Utveckling inom\nbefintlig   tjänst"),
            "utveckling inom befintlig tjänst"
        );
        assert_eq!(normalize("BELOPP TKR"), "belopp tkr");
        assert_eq!(normalize("Summa :"), "summa");
        assert_eq!(normalize("a\u{a0}b"), "a b");
    }

    #[test]
    fn a_sheet_copy_is_the_label_then_excels_or_libreoffices_number() {
        assert!(is_sheet_copy("Budgetfördelning (2)", SHEET_BUDGET));
        assert!(is_sheet_copy(" budgetfördelning  (12) ", SHEET_BUDGET));
        assert!(!is_sheet_copy("Budgetfördelning", SHEET_BUDGET));
        assert!(!is_sheet_copy("Budgetfördelning ()", SHEET_BUDGET));
        assert!(!is_sheet_copy("Budgetfördelning (gammal)", SHEET_BUDGET));
        assert!(!is_sheet_copy("Budgetfördelning 2023 (2)", SHEET_BUDGET));
        assert!(!is_sheet_copy("Utvecklingsinitiativ (2)", SHEET_BUDGET));
        // LibreOffice's copy: the name, `_` and a number.
        assert!(is_sheet_copy("Budgetfördelning_2", SHEET_BUDGET));
        assert!(is_sheet_copy("Utvecklingsinitiativ_3", SHEET_PLAN));
        assert!(is_sheet_copy("Budgetfördelning_2_2", SHEET_BUDGET));
        assert!(is_sheet_copy("Budgetfördelning (2) (3)", SHEET_BUDGET));
        assert!(!is_sheet_copy("Budgetfördelning_", SHEET_BUDGET));
        assert!(!is_sheet_copy("Budgetfördelning_gammal", SHEET_BUDGET));
        assert!(!is_sheet_copy("Budgetfördelning_2023_x", SHEET_BUDGET));
    }

    #[test]
    fn precomputed_keys_equal_their_labels_normalized() {
        assert_eq!(key::TEXT, normalize(COL_TEXT));
        assert_eq!(key::INITIATIVE, normalize(COL_INITIATIVE));
        assert_eq!(key::NEW, normalize(COL_NEW));
        assert_eq!(key::EXISTING_PREFIX, normalize(COL_EXISTING_PREFIX));
        assert_eq!(key::AMOUNT, normalize(COL_AMOUNT));
        assert_eq!(key::AMOUNT_SHORT, normalize(COL_AMOUNT_SHORT));
        assert_eq!(key::TOTAL_ROW, normalize(TOTAL_ROW));
        assert_eq!(key::PROJECT[0], normalize(COL_PROJECT));
        assert_eq!(key::PROJECT[1..], PROJECT_ALIASES.map(normalize));
        assert_eq!(key::IMPACT, normalize(PLAN_IMPACT));
        assert_eq!(key::IMPACT_VALUES, IMPACT_VALUES.map(normalize));
    }

    /// The lazy path gives exactly what composing, splitting and lower-casing the
    /// whole text gives, and the comparisons agree with it.
    #[test]
    fn lazy_normalization_equals_the_full_one() {
        let samples = [
            "",
            "   ",
            ":",
            " : ",
            "Summa :",
            "Summa:",
            "a::",
            "Tjänsteområde:",
            "  Tja\u{308}nsteomra\u{30a}de: ",
            "Utveckling inom\nbefintlig \t  tjänst",
            "ÅÄÖ ÉÜ",
            "İstanbul",
            "ΟΔΟΣ ΟΔΟΣ:",
            "a\u{a0}b\u{2009}c\u{3000}d",
            "\u{308}a",
            "ẞ straße",
            "Ǆ ǅ",
            "Vidmakthållande 2024",
            "Initiativ 01 i område 00001",
            "ÅR år Är",
            "a  b",
            "a\u{b}b\u{c}c\u{85}d",
            "x ÷ y × z",
            "ÿ Ÿ ß",
        ];
        for text in samples {
            let full = normalize_composed(text);
            assert_eq!(normalize(text), full, "{text:?}");
            assert!(is_key(text, &full), "{text:?}");
            if let Some(shorter) = full.char_indices().last().map(|(i, _)| &full[..i]) {
                assert!(!is_key(text, shorter), "{text:?}");
            }
            assert!(!is_key(text, &format!("{full}x")), "{text:?}");
        }
    }

    #[test]
    fn initiative_key_strips_numbering() {
        assert_eq!(
            initiative_key("1.Fortsatt arbete: Digitalisering inom område ekonomi"),
            "fortsatt arbete: digitalisering inom område ekonomi"
        );
        assert_eq!(
            initiative_key("2. Utveckla område ekonomi"),
            "utveckla område ekonomi"
        );
        assert_eq!(initiative_key("1) Digital signering"), "digital signering");
        assert_eq!(initiative_key("365 dagar"), "365 dagar");
        assert_eq!(initiative_key("O365"), "o365");
    }

    #[test]
    fn impact_values_match_forgivingly() {
        assert_eq!(impact(" liten "), Some("Liten"));
        assert_eq!(impact("STOR"), Some("Stor"));
        assert_eq!(impact("Medel"), None);
        assert_eq!(impact("Mellan"), Some("Mellan"));
        assert_eq!(impact("mellan:"), Some("Mellan"));
    }
}
