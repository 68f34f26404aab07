//! One file end to end: bytes → grid → layout → parse → cross-sheet checks.
//! This is the unit `rayon` maps over, and `check` reuses it as is.
//!
//! It never panics outward: a panic inside the reader becomes an `internal-error`
//! finding for this file only, and the other files go on. The panic hook
//! ([`install_panic_hook`]) keeps such a caught panic quiet; any other panic is
//! reported as Rust reports it.
//!
//! Memory: a file is read whole, so the bytes of the files being read at once are
//! admitted through one budget ([`FILE_BYTES_AT_ONCE`]): with many threads and big
//! files, the threads wait for room instead of each holding its own file.
//!
//! Only regular files are opened: a FIFO, socket or device (even behind a link)
//! is an `unreadable-file` finding, and the open itself never waits.

use crate::finding::{Finding, Kind, TooLarge, Unreadable};
use crate::grid::{self, ReadError};
pub use crate::loaded::{Loaded, Status};
use crate::model::AreaPlan;
use crate::parse::{self, Sink};
use crate::validate;
use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::{Condvar, Mutex};

/// Reads and checks one workbook. `file` is the name findings carry.
/// With `keep_grids`, the sheets read are kept for the feedback copy.
pub fn load(path: &Path, file: &str, keep_grids: bool) -> Loaded {
    let outer = GUARDED.replace(true);
    let result = catch_unwind(AssertUnwindSafe(|| load_unguarded(path, file, keep_grids)));
    GUARDED.set(outer);
    match result {
        Ok(loaded) => loaded,
        Err(panic) => {
            let mut detail = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            if let Some(at) = PANICKED_AT.take() {
                detail.push_str(&format!(" at {at}"));
            }
            let mut loaded = Loaded::new(file, path);
            loaded
                .findings
                .push(Finding::new(Kind::InternalError { detail }).in_file(file));
            loaded
        }
    }
}

fn load_unguarded(path: &Path, file: &str, keep_grids: bool) -> Loaded {
    failpoint(file);
    let mut loaded = Loaded::new(file, path);
    let fail =
        |loaded: &mut Loaded, kind: Kind| loaded.findings.push(Finding::new(kind).in_file(file));
    let unreadable = |loaded: &mut Loaded, e: std::io::Error| {
        fail(
            loaded,
            Kind::UnreadableFile(crate::finding::Unreadable::Io(e.to_string())),
        );
    };
    let not_regular = |loaded: &mut Loaded, meta: &std::fs::Metadata| {
        fail(
            loaded,
            Kind::UnreadableFile(Unreadable::NotRegularFile(crate::discover::special(
                &meta.file_type(),
            ))),
        );
    };
    // A FIFO given to `check` (or put in place after the folder was listed) is
    // reported without being opened: opening one waits for a writer.
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            not_regular(&mut loaded, &meta);
            return loaded;
        }
        Ok(_) => {}
        Err(e) => {
            unreadable(&mut loaded, e);
            return loaded;
        }
    }
    let mut handle = match open_without_waiting(path) {
        Ok(handle) => handle,
        Err(e) => {
            unreadable(&mut loaded, e);
            return loaded;
        }
    };
    // The size from the open file, not the path: one lookup per file.
    let size = match handle.metadata() {
        Ok(meta) if !meta.is_file() => {
            not_regular(&mut loaded, &meta);
            return loaded;
        }
        Ok(meta) => meta.len(),
        Err(e) => {
            unreadable(&mut loaded, e);
            return loaded;
        }
    };
    if size > grid::MAX_PART_BYTES {
        fail(&mut loaded, Kind::TooLarge(TooLarge::File { bytes: size }));
        return loaded;
    }
    // Held until this file's bytes are dropped, also when the reader panics.
    let _admitted = FILES_BEING_READ.admit(size);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // At most one byte more than the limit, should the file grow while read.
    if let Err(e) = std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut handle, grid::MAX_PART_BYTES + 1),
        &mut bytes,
    ) {
        unreadable(&mut loaded, e);
        return loaded;
    }
    if bytes.len() as u64 > grid::MAX_PART_BYTES {
        fail(
            &mut loaded,
            Kind::TooLarge(TooLarge::File {
                bytes: bytes.len() as u64,
            }),
        );
        return loaded;
    }
    load_bytes(&bytes, file, path, keep_grids)
}

/// The per-file pipeline on bytes already read: grid → locate → parse → validate.
/// It does not catch panics: [`load`] does that, and the fuzz target calls this
/// directly so that a panic is found.
pub fn load_bytes(bytes: &[u8], file: &str, path: &Path, keep_grids: bool) -> Loaded {
    let mut loaded = Loaded::new(file, path);
    let fail =
        |loaded: &mut Loaded, kind: Kind| loaded.findings.push(Finding::new(kind).in_file(file));
    loaded.sha256 = Some(crate::provenance::sha256_of_bytes(bytes));
    let book = match grid::read_book(bytes) {
        Ok(book) => book,
        Err(ReadError::Unreadable(why)) => {
            fail(&mut loaded, Kind::UnreadableFile(why));
            return loaded;
        }
        Err(ReadError::TooLarge(what)) => {
            fail(&mut loaded, Kind::TooLarge(what));
            return loaded;
        }
    };
    let mut sink = Sink::new(file);
    let parsed = parse::parse(&book, &mut sink);
    validate::area::check(&parsed, &mut sink);
    loaded.findings = sink.findings;
    if let Some(grid) = &book.versions {
        let field = parsed.meta.as_ref().map(|m| m.version.as_str());
        let (entries, findings) = crate::versions::read(grid, field, file);
        loaded.versions = entries;
        loaded.findings.extend(findings);
    }
    loaded.rows_read = parsed.rows_read;
    loaded.area_cell = parsed.area_cell;
    loaded.budget_year_cell = parsed.budget_year_cell;
    // The area as written, also when a table or another field cannot be read: the
    // file is then this area's, with errors, not a file of no area (and the area
    // is not missing from the run as well).
    loaded.area = parsed.area;
    if let (Some(meta), Some(budget), Some(plan)) = (parsed.meta, parsed.budget, parsed.plan) {
        loaded.plan = Some(AreaPlan { meta, budget, plan });
    }
    if keep_grids {
        loaded.book = Some(Box::new(book));
    }
    loaded
}

/// Opens a file for reading without waiting: should the path have become a FIFO
/// since it was looked at, the open returns at once (and the type check after it
/// refuses the file) instead of waiting for a writer.
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(nix::fcntl::OFlag::O_NONBLOCK.bits());
    }
    options.open(path)
}

/// At most this many bytes of input files are held at once, over all threads: the
/// size guard's, so that any one file the guard lets through fits alone. A file
/// is admitted when its size fits beside those being read (one larger than the
/// budget, when no other is being read).
pub const FILE_BYTES_AT_ONCE: u64 = grid::MAX_PART_BYTES;

static FILES_BEING_READ: ByteBudget = ByteBudget::new(FILE_BYTES_AT_ONCE);

/// A counting semaphore over bytes.
#[derive(Debug)]
struct ByteBudget {
    capacity: u64,
    used: Mutex<u64>,
    freed: Condvar,
}

/// Room taken in a [`ByteBudget`], given back when dropped.
#[derive(Debug)]
struct Admitted<'a> {
    budget: &'a ByteBudget,
    bytes: u64,
}

impl ByteBudget {
    const fn new(capacity: u64) -> Self {
        ByteBudget {
            capacity,
            used: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// Waits until `bytes` fit beside what is held, and takes them.
    fn admit(&self, bytes: u64) -> Admitted<'_> {
        let bytes = bytes.min(self.capacity);
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used + bytes > self.capacity {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += bytes;
        Admitted {
            budget: self,
            bytes,
        }
    }
}

impl Drop for Admitted<'_> {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|e| e.into_inner());
        *used -= self.bytes;
        drop(used);
        self.budget.freed.notify_all();
    }
}

thread_local! {
    /// This thread is inside [`load`], whose panics become findings.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// Where the last caught panic happened, for the finding's detail.
    static PANICKED_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs a panic hook that keeps the panics [`load`] turns into findings off
/// stderr (no `panicked at …`, no backtrace: the finding says it), and leaves every
/// other panic, a real bug, to the hook that was there before.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.get() {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                PANICKED_AT.set(at);
            } else {
                previous(info);
            }
        }));
    });
}

/// Test-only failpoint (debug builds): `BUDGET_CONSOLIDATOR_FAILPOINT=panic:<file>`
/// panics while loading that file, to prove a panic stays inside one file.
#[cfg(debug_assertions)]
fn failpoint(file: &str) {
    if std::env::var("BUDGET_CONSOLIDATOR_FAILPOINT")
        .is_ok_and(|spec| spec.strip_prefix("panic:") == Some(file))
    {
        panic!("failpoint for {file}");
    }
}

#[cfg(not(debug_assertions))]
fn failpoint(_file: &str) {}

/// Test-only failpoint (debug builds): `BUDGET_CONSOLIDATOR_FAILPOINT=panic-after-load`
/// panics after a file is loaded, outside the guard: a bug that must be reported.
#[cfg(debug_assertions)]
pub fn failpoint_after_load() {
    if std::env::var("BUDGET_CONSOLIDATOR_FAILPOINT").is_ok_and(|v| v == "panic-after-load") {
        panic!("failpoint after load");
    }
}

#[cfg(not(debug_assertions))]
pub fn failpoint_after_load() {}
