//! The record semantics of `#VER`, `#TRANS`/`#RTRANS` and `#PSALDO`/`#PBUDGET`: a
//! tokenized line checked field by field, invalid rows named, valid ones summed.

use super::*;

impl State<'_> {
    /// Reads an object list whose `{` was just taken; `toks` is left after its `}`.
    pub(super) fn objects<'a>(
        &self,
        toks: &mut Tokens<'a>,
    ) -> Result<Objects<'a>, ObjectsError<'a>> {
        let mut project = None;
        let mut pairs = 0usize;
        let mut single_dim = None;
        let from = toks.i;
        loop {
            let dim = match toks.next() {
                Some(Tok::Close) => break,
                Some(Tok::Word { raw, .. }) => raw,
                None | Some(Tok::Open) => return Err(ObjectsError::Unclosed),
            };
            let object = match toks.next() {
                Some(Tok::Word { raw, .. }) => raw,
                Some(Tok::Close) => return Err(ObjectsError::Odd(&toks.s[from..toks.i])),
                None | Some(Tok::Open) => return Err(ObjectsError::Unclosed),
            };
            let Some(dim) = parse_int(trim(dim)) else {
                return Err(ObjectsError::Odd(&toks.s[from..toks.i]));
            };
            pairs += 1;
            single_dim = if pairs == 1 { Some(dim) } else { None };
            let object = trim(object);
            if dim == i64::from(self.opts.project_dimension)
                && project.is_none()
                && !object.is_empty()
            {
                project = Some(object);
            }
        }
        Ok(Objects {
            project,
            pairs,
            single_dim,
        })
    }

    /// After the account: the optional object list and the amount's text, as `#TRANS`,
    /// `#PSALDO` and `#PBUDGET` write them; a missing amount is named.
    #[inline]
    fn objects_and_amount<'a>(
        &mut self,
        toks: &mut Tokens<'a>,
        line: &'a [u8],
    ) -> Option<(Objects<'a>, &'a [u8])> {
        let (objects, next) = self.optional_objects(toks, line).ok()?;
        let Some(raw_amount) = word(next) else {
            self.invalid(line, ActualsExpected::SieAmount);
            return None;
        };
        Some((objects, raw_amount))
    }

    /// The optional object list of a record: `Ok(None)` when the next field is no `{`
    /// (BL writes `#PBUDGET` without one). Returns the next word after the list.
    pub(super) fn optional_objects<'a>(
        &mut self,
        toks: &mut Tokens<'a>,
        line: &'a [u8],
    ) -> Result<(Objects<'a>, Option<Tok<'a>>), ()> {
        let empty = Objects {
            project: None,
            pairs: 0,
            single_dim: None,
        };
        match toks.next() {
            Some(Tok::Open) => match self.objects(toks) {
                Ok(o) => Ok((o, toks.next())),
                Err(ObjectsError::Unclosed) => {
                    let at = memchr::memchr(b'{', line).unwrap_or(0);
                    self.invalid(&line[at..], ActualsExpected::ClosedObjectList);
                    Err(())
                }
                Err(ObjectsError::Odd(inner)) => {
                    let mut found = Vec::with_capacity(inner.len() + 2);
                    found.push(b'{');
                    found.extend_from_slice(trim(inner));
                    self.invalid(&found, ActualsExpected::ObjectPairs);
                    Err(())
                }
            },
            other => Ok((empty, other)),
        }
    }

    pub(super) fn project_id(&mut self, objects: &Objects<'_>) -> u32 {
        match objects.project {
            Some(code) if !code.contains(&b'\\') => self.projects.id(code),
            Some(code) => {
                let mut plain = Vec::with_capacity(code.len());
                unescaped(code, |p| plain.extend_from_slice(p));
                self.projects.id(&plain)
            }
            None => NO_PROJECT,
        }
    }

    /// An account as written, when it is one (else the row is named).
    pub(super) fn account_text<'a>(&mut self, raw: Option<&'a [u8]>) -> Option<&'a [u8]> {
        match raw {
            Some(a)
                if !a.is_empty() && a.len() <= 20 && a.iter().all(u8::is_ascii_alphanumeric) =>
            {
                Some(a)
            }
            other => {
                self.invalid(other.unwrap_or(b""), ActualsExpected::Account);
                None
            }
        }
    }

    pub(super) fn account(&mut self, raw: Option<&[u8]>) -> Option<u32> {
        match raw {
            Some(a)
                if !a.is_empty() && a.len() <= 20 && a.iter().all(u8::is_ascii_alphanumeric) =>
            {
                Some(self.accounts.id(a))
            }
            other => {
                self.invalid(other.unwrap_or(b""), ActualsExpected::Account);
                None
            }
        }
    }

    pub(super) fn ver(&mut self, mut toks: Tokens<'_>) {
        let _series = toks.next();
        let _number = toks.next();
        let date = word(toks.next()).unwrap_or(b"");
        self.ver_date = parse_date(date);
        // A date that is no date is kept (the voucher's only allocation, and only
        // then): its rows without a date of their own name it.
        self.bad_ver_date = match self.ver_date {
            None if !date.is_empty() => Some((self.line_no, date[..date.len().min(60)].to_vec())),
            _ => None,
        };
    }

    pub(super) fn trans(
        &mut self,
        toks: Tokens<'_>,
        kind: Trans,
        pending: Option<(u64, TransKey)>,
    ) {
        let line = toks.s;
        // Only an #RTRANS, or the row after one, needs its fingerprint.
        let print = if kind == Trans::Added || pending.is_some() {
            fingerprint(Tokens {
                s: toks.s,
                i: toks.i,
            })
        } else {
            0
        };
        let mut toks = toks;
        let Some(account) = self.account_text(word(toks.next())) else {
            return;
        };
        let Some((objects, raw_amount)) = self.objects_and_amount(&mut toks, line) else {
            return;
        };
        let Some((units, scale)) = parse_units(raw_amount) else {
            self.invalid(raw_amount, ActualsExpected::SieAmount);
            return;
        };
        let month = match word(toks.next()) {
            Some(date) if !date.is_empty() => match parse_date(date) {
                Some(m) => Some(m),
                None => {
                    let expected = match date_fields(date) {
                        Some((year, month, _)) => ActualsExpected::NoSuchDay { year, month },
                        None => ActualsExpected::Date,
                    };
                    self.invalid(date, expected);
                    return;
                }
            },
            _ => self.ver_date,
        };
        let Some((year, month)) = month else {
            match self.bad_ver_date.take() {
                Some((line, date)) => {
                    let no_such_day = date_fields(&date).map(|(y, m, _)| (y, m));
                    self.invalid(&date, ActualsExpected::VoucherDate { line, no_such_day });
                    self.bad_ver_date = Some((line, date));
                }
                None => self.invalid(b"", ActualsExpected::Date),
            }
            return;
        };
        let account = self.accounts.id(account);
        let project = self.project_id(&objects);
        let key = TransKey {
            period: (year as u32) << 4 | u32::from(month),
            account,
            project,
        };
        self.trans_seen = true;
        self.trans_rows += 1;
        let line_no = self.line_no;
        let acc = self
            .trans
            .entry(key)
            .or_insert_with(|| TransAcc::new(line_no));
        if kind == Trans::Normal && pending.is_some_and(|(p, k)| p == print && k == key) {
            // The `#TRANS` that repeats the `#RTRANS` before it: one row, counted once.
            acc.fold(line_no);
            return;
        }
        if !acc.add(units, scale, line_no) {
            self.trans_rows -= 1;
            self.invalid(raw_amount, ActualsExpected::SieAmount);
            return;
        }
        if kind == Trans::Added {
            self.rtrans = Some((print, key));
        }
    }

    pub(super) fn saldo(&mut self, mut toks: Tokens<'_>, budget: bool) {
        let line = toks.s;
        let year_index = word(toks.next());
        if year_index.and_then(parse_int).is_none() {
            self.invalid(year_index.unwrap_or(b""), ActualsExpected::YearIndex);
            return;
        }
        let raw_period = word(toks.next()).unwrap_or(b"");
        let Some((year, month)) = parse_period(raw_period) else {
            self.invalid(raw_period, ActualsExpected::Period);
            return;
        };
        let Some(account) = self.account(word(toks.next())) else {
            return;
        };
        let Some((objects, raw_amount)) = self.objects_and_amount(&mut toks, line) else {
            return;
        };
        let Some(amount) = parse_amount(raw_amount) else {
            self.invalid(raw_amount, ActualsExpected::SieAmount);
            return;
        };
        let project = self.project_id(&objects);
        let key = GroupKey {
            year,
            month,
            account,
        };
        let line_no = self.line_no;
        let groups = if budget {
            &mut self.pbudget
        } else {
            &mut self.psaldo
        };
        let group = groups.entry(key).or_default();
        let added = if objects.pairs == 0 {
            group
                .empty
                .get_or_insert_with(|| Acc::new(line_no))
                .add(amount, line_no)
        } else if project != NO_PROJECT {
            let list = if objects.pairs == 1 {
                &mut group.single
            } else {
                &mut group.combined
            };
            slot(list, project, line_no).add(amount, line_no)
        } else {
            if let Some(dim) = objects.single_dim {
                let s = group.other_by_dim.get_or_insert_with(dim, || Decimal::ZERO);
                *s = s.checked_add(amount).unwrap_or(*s);
            }
            group
                .other
                .get_or_insert_with(|| Acc::new(line_no))
                .add(amount, line_no)
        };
        if !added {
            self.invalid(raw_amount, ActualsExpected::SieAmount);
            return;
        }
        if budget {
            self.pbudget_rows += 1;
        } else {
            self.psaldo_rows += 1;
            self.psaldo_has_project |= project != NO_PROJECT;
        }
    }
}
