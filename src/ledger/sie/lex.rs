//! The line tokenizer of the SIE reader: a record's fields and object-list braces
//! as byte slices of the line (no copies), and the field parsers (amount, period,
//! date, integer) that read them.

use super::*;

/// A token of a record: a field's raw content (quotes removed, `\"` kept as written),
/// or a brace of an object list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok<'a> {
    Word { raw: &'a [u8], quoted: bool },
    Open,
    Close,
}

pub(super) struct Tokens<'a> {
    pub(super) s: &'a [u8],
    pub(super) i: usize,
}

impl<'a> Tokens<'a> {
    pub(super) fn new(s: &'a [u8]) -> Self {
        Tokens { s, i: 0 }
    }
}

/// Byte classes of the tokenizer, one table look-up per byte instead of a chain of
/// comparisons: blanks between fields, and the bytes that end an unquoted field.
const BLANK: u8 = 1;
const ENDS_WORD: u8 = 2;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = BLANK | ENDS_WORD;
    t[b'\t' as usize] = BLANK | ENDS_WORD;
    t[b'\r' as usize] = BLANK | ENDS_WORD;
    t[b'{' as usize] = ENDS_WORD;
    t[b'}' as usize] = ENDS_WORD;
    t[b'"' as usize] = ENDS_WORD;
    t
};

impl<'a> Iterator for Tokens<'a> {
    type Item = Tok<'a>;

    #[inline]
    fn next(&mut self) -> Option<Tok<'a>> {
        let s = self.s;
        let mut i = self.i;
        while i < s.len() && CLASS[s[i] as usize] & BLANK != 0 {
            i += 1;
        }
        let c = *s.get(i)?;
        match c {
            b'{' => {
                self.i = i + 1;
                Some(Tok::Open)
            }
            b'}' => {
                self.i = i + 1;
                Some(Tok::Close)
            }
            b'"' => {
                let from = i + 1;
                // The closing quote: the first `"` not written as `\"` (a backslash
                // right before a quote makes it part of the field, whatever precedes it).
                let mut j = from;
                let end = loop {
                    match memchr::memchr(b'"', &s[j..]) {
                        Some(k) if j + k > from && s[j + k - 1] == b'\\' => j += k + 1,
                        Some(k) => break j + k,
                        None => break s.len(),
                    }
                };
                self.i = (end + 1).min(s.len());
                Some(Tok::Word {
                    raw: &s[from..end],
                    quoted: true,
                })
            }
            _ => {
                let from = i;
                let mut j = from;
                while j < s.len() && CLASS[s[j] as usize] & ENDS_WORD == 0 {
                    j += 1;
                }
                self.i = j;
                Some(Tok::Word {
                    raw: &s[from..j],
                    quoted: false,
                })
            }
        }
    }
}

/// A field's content with `\"` read as `"`, fed to `out` in pieces (no allocation).
pub(super) fn unescaped(raw: &[u8], mut out: impl FnMut(&[u8])) {
    let mut from = 0;
    let mut i = 0;
    while i + 1 < raw.len() {
        if raw[i] == b'\\' && raw[i + 1] == b'"' {
            out(&raw[from..i]);
            from = i + 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    out(&raw[from..]);
}

pub(super) fn trim(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = s {
        s = rest;
    }
    s
}

/// An SIE amount: `-`? digits (`.` digits)?. Anything else (`12,50`, `1 250.00`) is
/// not one.
pub(crate) fn parse_amount(raw: &[u8]) -> Option<Decimal> {
    let (units, scale) = parse_units(raw)?;
    let mantissa = units / 10i128.pow(MAX_DECIMALS - u32::from(scale));
    // At most 19 digits: always within range.
    Decimal::try_from_i128_with_scale(mantissa, u32::from(scale)).ok()
}

/// An SIE amount as an exact integer of 1/10 000 kr (the finest the reader accepts)
/// and the number of decimals written: the per-row form of [`parse_amount`], summed
/// as integers and made a `Decimal` once per key.
pub(super) fn parse_units(raw: &[u8]) -> Option<(i128, u8)> {
    let (negative, body) = match raw {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, raw),
    };
    let (int, frac) = match memchr::memchr(b'.', body) {
        Some(dot) => (&body[..dot], &body[dot + 1..]),
        None => (body, &body[body.len()..]),
    };
    let has_dot = int.len() < body.len();
    if int.is_empty()
        || int.len() > MAX_INT_DIGITS
        || (has_dot && frac.is_empty())
        || frac.len() > MAX_DECIMALS as usize
    {
        return None;
    }
    let mut mantissa: i128 = 0;
    for d in int.iter().chain(frac) {
        let digit = d.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        mantissa = mantissa * 10 + i128::from(digit);
    }
    let scale = frac.len() as u8;
    mantissa *= 10i128.pow(MAX_DECIMALS - u32::from(scale));
    Some((if negative { -mantissa } else { mantissa }, scale))
}

pub(super) fn digits<const N: usize>(raw: &[u8]) -> Option<[u32; N]> {
    if raw.len() != N {
        return None;
    }
    let mut out = [0u32; N];
    for (slot, b) in out.iter_mut().zip(raw) {
        if !b.is_ascii_digit() {
            return None;
        }
        *slot = u32::from(b - b'0');
    }
    Some(out)
}

/// `ÅÅÅÅMM` → (year, month).
pub(crate) fn parse_period(raw: &[u8]) -> Option<(i32, u8)> {
    let d = digits::<6>(raw)?;
    let year = (d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]) as i32;
    let month = (d[4] * 10 + d[5]) as u8;
    ((1..=12).contains(&month) && year >= 1000).then_some((year, month))
}

/// `ÅÅÅÅMMDD` → (year, month), when the month has that day (`20230431` is no date).
pub(crate) fn parse_date(raw: &[u8]) -> Option<(i32, u8)> {
    let (year, month, day) = date_fields(raw)?;
    crate::calendar::is_date(year, month, day).then_some((year, month))
}

/// `ÅÅÅÅMMDD` as its year, month (01–12) and day, whether or not the month has the
/// day: what a finding about a date that does not exist (`20230431`) names.
pub(crate) fn date_fields(raw: &[u8]) -> Option<(i32, u8, u32)> {
    let d = digits::<8>(raw)?;
    let (year, month) = parse_period(&raw[..6])?;
    Some((year, month, d[6] * 10 + d[7]))
}

pub(super) fn parse_int(raw: &[u8]) -> Option<i64> {
    let (negative, body) = match raw {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, raw),
    };
    if body.is_empty() || body.len() > 9 || !body.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = body
        .iter()
        .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'));
    Some(if negative { -v } else { v })
}

pub(super) fn is_data_label(label: &[u8]) -> bool {
    [&b"#TRANS"[..], b"#RTRANS", b"#PSALDO", b"#PBUDGET"]
        .iter()
        .any(|l| label.eq_ignore_ascii_case(l))
}

/// A record's fields after the label, with its raw text for findings.
pub(super) fn word<'a>(tok: Option<Tok<'a>>) -> Option<&'a [u8]> {
    match tok {
        Some(Tok::Word { raw, .. }) => Some(trim(raw)),
        _ => None,
    }
}

/// FNV-1a over the tokens of a record: the same row written twice has the same
/// fingerprint.
pub(super) fn fingerprint(toks: Tokens<'_>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for tok in toks {
        let bytes: &[u8] = match tok {
            Tok::Word { raw, .. } => raw,
            Tok::Open => b"{",
            Tok::Close => b"}",
        };
        for b in bytes.iter().chain(b"\x00") {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer as first written, byte by byte: the table-driven one must cut
    /// every line exactly as it does.
    fn reference(s: &[u8]) -> Vec<Tok<'_>> {
        let mut out = Vec::new();
        let mut i = 0;
        loop {
            while i < s.len() && matches!(s[i], b' ' | b'\t' | b'\r') {
                i += 1;
            }
            let Some(&c) = s.get(i) else { return out };
            match c {
                b'{' => {
                    i += 1;
                    out.push(Tok::Open);
                }
                b'}' => {
                    i += 1;
                    out.push(Tok::Close);
                }
                b'"' => {
                    let from = i + 1;
                    let mut j = from;
                    while j < s.len() {
                        match s[j] {
                            b'\\' if s.get(j + 1) == Some(&b'"') => j += 2,
                            b'"' => break,
                            _ => j += 1,
                        }
                    }
                    out.push(Tok::Word {
                        raw: &s[from..j.min(s.len())],
                        quoted: true,
                    });
                    i = (j + 1).min(s.len());
                }
                _ => {
                    let from = i;
                    let mut j = from;
                    while j < s.len() && !matches!(s[j], b' ' | b'\t' | b'\r' | b'{' | b'}' | b'"')
                    {
                        j += 1;
                    }
                    out.push(Tok::Word {
                        raw: &s[from..j],
                        quoted: false,
                    });
                    i = j;
                }
            }
        }
    }

    #[test]
    fn tokens_cut_every_line_as_the_byte_by_byte_reading_does() {
        let alphabet = b" \t\r{}\"\\a1#\xc3";
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in 0..24 {
            for _ in 0..4000 {
                let line: Vec<u8> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        alphabet[(seed % alphabet.len() as u64) as usize]
                    })
                    .collect();
                let got: Vec<Tok<'_>> = Tokens::new(&line).collect();
                assert_eq!(
                    got,
                    reference(&line),
                    "line {:?}",
                    String::from_utf8_lossy(&line)
                );
            }
        }
        for line in [
            &b"#TRANS 4010 {1 \"100\" 6 \"P\\\"1\"} 12.50 20230115 \"a \\\\\" b\""[..],
            b"#VER \"\" \"\" 20230101 \"\\\"\"",
            b"\"unclosed \\\"",
        ] {
            let got: Vec<Tok<'_>> = Tokens::new(line).collect();
            assert_eq!(got, reference(line));
        }
    }
}
