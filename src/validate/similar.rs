//! When two area names are most likely one area: the same after folding
//! diacritics and case, dropping a leading `Tjänsteområde` and a trailing
//! `tjänster` word, and ignoring punctuation (`IT-tjänster`, `IT-tjanster` and
//! `Tjänsteområde IT` are one); or within a small edit distance relative to
//! their length (`Ekonmi` is `Ekonomi`), so that short names (`HR`, `IT`) and
//! names that only share a beginning (`Ekonomi`, `Ekonomistyrning`) stay apart.
//! Names whose digits differ (`Område 01`, `Område 02`) are different areas.
//! The edit distance is `strsim`'s Levenshtein over the folded names.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The name as compared: folded, without the generic words.
pub fn key(name: &str) -> String {
    let folded: String = name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    if words.len() > 1 && matches!(words[0], "tjansteomrade" | "tjansteomradet") {
        words.remove(0);
    }
    if words.len() > 1 && matches!(words[words.len() - 1], "tjanster" | "tjanst") {
        words.pop();
    }
    words.join(" ")
}

/// The digits of a name, in order: names with different digits are different.
pub fn digits(name: &str) -> String {
    name.chars().filter(char::is_ascii_digit).collect()
}

/// How many edits a name of `len` characters may be away and still be the same.
fn allowed(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The edit distance between the folded names, when they are most likely one
/// area (0 when they fold to the same name).
pub fn distance(a: &str, b: &str) -> Option<usize> {
    if digits(a) != digits(b) {
        return None;
    }
    keyed_distance(&key(a), &key(b))
}

/// [`distance`] over names already folded by [`key`] (and of equal digits).
pub fn keyed_distance(ka: &str, kb: &str) -> Option<usize> {
    let (la, lb) = (ka.chars().count(), kb.chars().count());
    if la.abs_diff(lb) > allowed(la.min(lb)) {
        return None;
    }
    let d = strsim::levenshtein(ka, kb);
    (d <= allowed(la.min(lb))).then_some(d)
}

/// The candidate closest to `name`, if any is similar enough.
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .filter_map(|c| distance(name, c).map(|d| (d, c)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_area_are_similar() {
        for (a, b) in [
            ("IT-tjänster", "IT-tjanster"),
            ("IT-tjänster", "Tjänsteområde IT"),
            ("IT-tjanster", "Tjänsteområde IT"),
            ("Ekonomi", "Ekonmi"),
            ("Ledning och styrning", "Ledning och  styrning"),
            ("Kommunikation", "kommunikation "),
        ] {
            assert!(distance(a, b).is_some(), "{a} ~ {b}");
        }
    }

    #[test]
    fn different_areas_stay_apart() {
        for (a, b) in [
            ("HR", "IT"),
            ("Ekonomi", "Ekonomistyrning"),
            ("HR", "IT-tjänster"),
            ("Kommunikation", "Ledning och styrning"),
            ("Tjänsteområde", "IT"),
            ("Område 01", "Område 02"),
            ("Stadsdel 1", "Stadsdel 10"),
        ] {
            assert_eq!(distance(a, b), None, "{a} ≁ {b}");
        }
    }

    #[test]
    fn the_closest_configured_name_is_suggested() {
        let known = ["HR", "IT-tjänster", "Ekonomi"];
        assert_eq!(
            closest("IT-tjanster", known.iter().copied()),
            Some("IT-tjänster")
        );
        assert_eq!(closest("Inköp", known.iter().copied()), None);
    }
}
