//! The `#KSUMMA` check: an opening `#KSUMMA` right after `#FLAGGA` makes the closing
//! `#KSUMMA crc` mandatory; the CRC-32 runs over every field of every record between.

use super::*;

#[derive(Debug)]
pub(super) enum Checksum {
    /// No opening `#KSUMMA`.
    Off,
    Open(crc32fast::Hasher),
    Closed,
}

impl State<'_> {
    pub(super) fn ksumma(&mut self, mut toks: Tokens<'_>) {
        let stated = match toks.next() {
            Some(Tok::Word { raw, .. }) if !raw.is_empty() => Some(raw),
            _ => None,
        };
        match (&mut self.checksum, stated) {
            (Checksum::Off, None) if self.records <= 1 => {
                self.checksum = Checksum::Open(crc32fast::Hasher::new())
            }
            (Checksum::Open(h), Some(stated)) => {
                let computed = h.clone().finalize();
                let matches = std::str::from_utf8(stated)
                    .ok()
                    .and_then(|t| t.parse::<i64>().ok())
                    .is_some_and(|v| v == i64::from(computed) || v == i64::from(computed as i32));
                self.checksum = Checksum::Closed;
                if !matches {
                    let stated = decode_lossy(&stated[..stated.len().min(20)], true);
                    self.checksum_failure =
                        Some(UnreadableActuals::ChecksumMismatch { stated, computed });
                    self.checksum_line = self.line_no;
                }
            }
            _ => {}
        }
        self.records += 1;
    }
}
