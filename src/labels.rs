//! Stage: shared by the reader (`locate`, `parse`) and the writers (`write/`).
//! Every Swedish label the tool reads or writes lives here, with the forgiving
//! matching rule of the contract, so the reader and the template cannot drift apart.

use unicode_normalization::UnicodeNormalization;

pub const SHEET_BUDGET: &str = "Budgetfördelning";
pub const SHEET_PLAN: &str = "Utvecklingsinitiativ";

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

/// The contract's forgiving match key: NFC, trimmed, inner whitespace and line
/// breaks collapsed to one space, lower case, a trailing `:` ignored.
pub fn normalize(text: &str) -> String {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    // ASCII needs neither composition nor Unicode case mapping.
    if text.is_ascii() {
        let mut out = String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        }
        return strip_colon(out);
    }
    // Most other text is already NFC: skip the composition pass for it.
    let nfc: std::borrow::Cow<'_, str> = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    };
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    strip_colon(out)
}

/// A trailing `:` (and the space before it) is not part of a label.
fn strip_colon(mut out: String) -> String {
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

/// True when `text` matches `label` under the forgiving rule.
pub fn matches(text: &str, label: &str) -> bool {
    normalize(text) == normalize(label)
}

/// The canonical spelling of a `Påverkan` value (`Liten`, `Mellan`, `Stor`), if it is one.
pub fn impact(text: &str) -> Option<&'static str> {
    IMPACT_VALUES.into_iter().find(|v| matches(text, v))
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
    fn precomputed_keys_equal_their_labels_normalized() {
        assert_eq!(key::TEXT, normalize(COL_TEXT));
        assert_eq!(key::INITIATIVE, normalize(COL_INITIATIVE));
        assert_eq!(key::NEW, normalize(COL_NEW));
        assert_eq!(key::EXISTING_PREFIX, normalize(COL_EXISTING_PREFIX));
        assert_eq!(key::AMOUNT, normalize(COL_AMOUNT));
        assert_eq!(key::AMOUNT_SHORT, normalize(COL_AMOUNT_SHORT));
        assert_eq!(key::TOTAL_ROW, normalize(TOTAL_ROW));
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
    }
}
