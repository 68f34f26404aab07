//! Atomic replacement of an output file: written to a locked temporary file in the
//! target folder (made by `tempfile`), flushed to disk, then renamed over the target,
//! so that a reader sees either the old file or the whole new one. Leftovers of a
//! killed run are removed; another run's file, still being written, is left alone.

use std::path::Path;

/// Writes the bytes atomically: a temporary file beside the target, then a rename.
pub fn save_atomically(bytes: &[u8], dest: &Path) -> std::io::Result<()> {
    save_atomically_with(dest, |tmp| {
        std::fs::write(tmp, bytes).map_err(|e| e.to_string())
    })
    .map_err(std::io::Error::other)
}

/// Atomic save: `write` fills a temporary file in the destination's folder
/// (`.<name>.<random>.tmp`, made by `tempfile`), which is flushed to disk and then
/// renamed over `dest`, so `dest` is always either the old file or the whole new
/// one. A read-only destination is refused. While it is written, this process
/// holds a lock on the temporary file; a temporary file of the same name pattern
/// that no process holds is a killed run's leftover and is removed first. Another
/// run's, still being written, is left alone.
pub fn save_atomically_with(
    dest: &Path,
    write: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<(), String> {
    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    if std::fs::metadata(dest).is_ok_and(|m| m.permissions().readonly()) {
        return Err("the file is read-only".into());
    }
    let file_name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{file_name}.");
    remove_leftovers(dir, &prefix);
    let tmp = held_temporary(dir, &prefix).map_err(|e| e.to_string())?;
    // On any failure the temporary file is removed when `tmp` is dropped.
    write(tmp.path())?;
    tmp.as_file().sync_all().map_err(|e| e.to_string())?;
    failpoint_before_rename();
    tmp.persist(dest).map_err(|e| e.error.to_string())?;
    // The rename itself reaches the disk with the folder (best effort: not every
    // system can sync a folder).
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// A new temporary file `<prefix><random>.tmp` in `dir`, locked by this process
/// until it is renamed or dropped. Should another run's cleanup have removed it
/// between its creation and the lock, a new one is made.
fn held_temporary(dir: &Path, prefix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(".tmp");
    // As `File::create` makes files (the umask applies), not tempfile's owner-only
    // 0600: the workbook is for others to read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    loop {
        let tmp = builder.tempfile_in(dir)?;
        match tmp.as_file().try_lock() {
            Ok(()) if still_in_place(&tmp) => return Ok(tmp),
            // Another run's cleanup has it (and is removing it): make another.
            Ok(()) | Err(std::fs::TryLockError::WouldBlock) => {}
            // A file system without locks: written unlocked, and no cleanup
            // removes it either (see `remove_leftovers`).
            Err(std::fs::TryLockError::Error(_)) => return Ok(tmp),
        }
    }
}

#[cfg(unix)]
fn still_in_place(tmp: &tempfile::NamedTempFile) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(tmp.path()), tmp.as_file().metadata()) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_in_place(_tmp: &tempfile::NamedTempFile) -> bool {
    true
}

/// Removes `<prefix>*.tmp` files that no process holds (left by a killed run), and
/// `<prefix>*.raw` files whose `.tmp` twin is gone or not held. The lock is held
/// while the file is removed, so a run that is just creating its file sees it gone
/// and makes another.
fn remove_leftovers(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(prefix) {
            continue;
        }
        let path = entry.path();
        let twin = if name.ends_with(".tmp") {
            path.clone()
        } else if name.ends_with(".raw") {
            path.with_extension("tmp")
        } else {
            continue;
        };
        // Only a lock taken proves no one holds it; where the file system has no
        // locks, nothing is removed.
        match std::fs::File::open(&twin) {
            Ok(f) => {
                if f.try_lock().is_ok() {
                    let _ = std::fs::remove_file(&path);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let _ = std::fs::remove_file(&path);
            }
            Err(_) => {}
        }
    }
}

/// Test-only failpoint (debug builds): `BUDGET_CONSOLIDATOR_FAILPOINT=pause-before-rename`
/// waits before the rename, so a test can kill the process with the temporary
/// file written and the old output still in place.
#[cfg(debug_assertions)]
fn failpoint_before_rename() {
    if std::env::var("BUDGET_CONSOLIDATOR_FAILPOINT").is_ok_and(|v| v == "pause-before-rename") {
        std::thread::sleep(std::time::Duration::from_secs(30));
    }
}

#[cfg(not(debug_assertions))]
fn failpoint_before_rename() {}
