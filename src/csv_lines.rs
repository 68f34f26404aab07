//! The lines of a text the csv crate reads, as a text editor numbers them. The csv
//! crate's own line count is taken before the blank lines it skips and, after a
//! CR LF, before the LF, so it names the wrong line after a blank line and on CR LF
//! files (what Excel on Windows writes). Both CSV readers — the ledger's and the
//! forecasts' — name their rows by [`Lines::line_of`].

use std::io::Read;

/// The input of the csv reader, which keeps where its line breaks are, so that a
/// record is named by the line its data starts on. The csv crate's own line count
/// is taken before the blank lines it skips and, after a CR LF, before the LF, so
/// it names the wrong line after a blank line and on CR LF files. A line break is
/// a `\n`, a CR LF or a `\r` alone (an old Mac export), as the csv crate ends a
/// record at each.
pub(crate) struct Lines<R> {
    inner: R,
    /// Bytes passed on.
    offset: u64,
    /// Offsets of the line breaks passed on and not yet behind a record.
    ahead: std::collections::VecDeque<u64>,
    /// Line breaks behind the records read so far.
    behind: u64,
    /// A `\r` that was the last byte passed on: a line break unless the next read
    /// starts with the `\n` of a CR LF.
    cr_at_end: Option<u64>,
}

/// The line breaks of `bytes` by their offsets: each `\n`, and each `\r` that no
/// `\n` follows (an old Mac export's line end; CR LF is one break, at its `\n`). A
/// `\r` at the very end is the caller's to decide.
pub(crate) fn line_breaks(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1).is_some_and(|b| *b != b'\n'))
}

impl<R: Read> Lines<R> {
    pub(crate) fn new(inner: R) -> Self {
        Lines {
            inner,
            offset: 0,
            ahead: Default::default(),
            behind: 0,
            cr_at_end: None,
        }
    }

    /// The line on which the record that ends at byte `end` (after its terminator)
    /// starts; `fields` is its fields' content, whose line breaks (in quoted fields)
    /// it spans.
    pub(crate) fn line_of(&mut self, end: u64, fields: &[u8]) -> u64 {
        let mut ends_with_break = false;
        while let Some(&at) = self.ahead.front().filter(|&&at| at < end) {
            self.ahead.pop_front();
            self.behind += 1;
            ends_with_break = at + 1 == end;
        }
        let last = self.behind + u64::from(!ends_with_break);
        let inside = line_breaks(fields).count() as u64 + u64::from(fields.last() == Some(&b'\r'));
        last.saturating_sub(inside).max(1)
    }

    /// Every line break passed on.
    pub(crate) fn lines_seen(&self) -> u64 {
        self.behind + self.ahead.len() as u64
    }
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let from = self.offset;
        let bytes = &buf[..n];
        if let Some(at) = self.cr_at_end.take()
            && bytes.first() != Some(&b'\n')
        {
            self.ahead.push_back(at);
        }
        self.ahead
            .extend(line_breaks(bytes).map(|i| from + i as u64));
        if bytes.last() == Some(&b'\r') {
            self.cr_at_end = Some(from + n as u64 - 1);
        }
        self.offset += n as u64;
        Ok(n)
    }
}
