//! Paths as the run will use them, and the refusals that keep an output off
//! its inputs.

use crate::error::Error;
use std::path::{Path, PathBuf};

/// Where `path` will be once its missing folders are created: the nearest
/// ancestor that exists, with its links and `..` resolved, then the rest of the
/// path with `..` applied to it as written (`nosuch/../input/ny` is `input/ny`, as
/// creating it makes it). Comparing resolved paths catches an output that would
/// land in the input through a folder that does not exist yet or through a link.
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut base = absolute.as_path();
    let resolved = loop {
        if let Ok(found) = base.canonicalize() {
            break found;
        }
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                base = parent;
            }
            // `..` last, or the root: let the lexical rest below handle it.
            (Some(parent), None) => {
                rest.push("..".into());
                base = parent;
            }
            (None, _) => break base.to_path_buf(),
        }
    };
    let mut out = resolved;
    for part in rest.into_iter().rev() {
        if part == ".." {
            out.pop();
        } else if part != "." {
            out.push(part);
        }
    }
    out
}

/// An output folder inside the input folder would be read as input next time
/// (and a file written there could overwrite one).
pub fn refuse_output_in_input(input: &Path, out: &Path, flag: &'static str) -> Result<(), Error> {
    if resolve(out).starts_with(resolve(input)) {
        return Err(Error::OutputInInput {
            path: out.to_path_buf(),
            flag,
        });
    }
    Ok(())
}

/// The JSON report may not land on an input (a file given to `check`, or anything
/// inside an input folder) nor on a workbook: a name with a workbook's extension
/// is the consolidated workbook's, a feedback copy's or a template's.
pub(super) fn refuse_json_over_input(json: &Path, inputs: &[PathBuf]) -> Result<(), Error> {
    // `-` is standard output, no file.
    if json.as_os_str() == "-" {
        return Ok(());
    }
    let path = json.to_path_buf();
    let target = resolve(json);
    if inputs
        .iter()
        .any(|input| target.starts_with(resolve(input)))
    {
        return Err(Error::JsonOverInput { path });
    }
    if crate::discover::is_workbook(json) {
        return Err(Error::JsonOverWorkbook { path });
    }
    Ok(())
}
