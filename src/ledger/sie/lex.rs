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

impl<'a> Iterator for Tokens<'a> {
    type Item = Tok<'a>;

    fn next(&mut self) -> Option<Tok<'a>> {
        let s = self.s;
        while self.i < s.len() && matches!(s[self.i], b' ' | b'\t' | b'\r') {
            self.i += 1;
        }
        let c = *s.get(self.i)?;
        match c {
            b'{' => {
                self.i += 1;
                Some(Tok::Open)
            }
            b'}' => {
                self.i += 1;
                Some(Tok::Close)
            }
            b'"' => {
                let from = self.i + 1;
                let mut j = from;
                while j < s.len() {
                    match s[j] {
                        b'\\' if s.get(j + 1) == Some(&b'"') => j += 2,
                        b'"' => break,
                        _ => j += 1,
                    }
                }
                let raw = &s[from..j.min(s.len())];
                self.i = (j + 1).min(s.len());
                Some(Tok::Word { raw, quoted: true })
            }
            _ => {
                let from = self.i;
                let mut j = from;
                while j < s.len() && !matches!(s[j], b' ' | b'\t' | b'\r' | b'{' | b'}' | b'"') {
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

/// `ÅÅÅÅMMDD` → (year, month).
pub(super) fn parse_date(raw: &[u8]) -> Option<(i32, u8)> {
    let d = digits::<8>(raw)?;
    let (year, month) = parse_period(&raw[..6])?;
    let day = d[6] * 10 + d[7];
    (1..=31).contains(&day).then_some((year, month))
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
