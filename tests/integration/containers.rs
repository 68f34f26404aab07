//! What the containers hold: zip packages that deviate from the usual layout but
//! that the reader opens (backslashes, a workbook at the package root, a compound
//! file's short last sector), zips that name one part twice, and files that are
//! something else (Word, PowerPoint, an obfuscated `.xls`, an Excel 4.0 macro
//! sheet). Every input is built here from a template written in code.

use crate::harness::{Run, Sheet, Template, f, findings, make_error_values};
use std::io::{Read, Write};
use std::path::Path;

/// The entries of a zip, in order.
fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("entry");
            let name = entry.name().expect("name").to_string();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("read");
            (name, data)
        })
        .collect()
}

/// Writes `entries` as a deflated zip. Names are written as given, backslashes too.
fn zip_bytes(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(data).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

fn text(data: &[u8]) -> String {
    String::from_utf8(data.to_vec()).expect("utf-8")
}

/// A clean template's zip entries, and its JSON totals as `check` reads them.
fn clean() -> (Run, Vec<(String, Vec<u8>)>) {
    let run = Run::new().add("HR.xlsx", &Template::new("HR"));
    let parts = entries(&run.input().join("HR.xlsx"));
    (run, parts)
}

/// `check` on one file: exit status and findings.
fn check(run: &Run, file: &str) -> (i32, serde_json::Value) {
    let out = run.exec(&["check", file, "--json", "r.json"]);
    assert_ne!(out.status, 2, "{}", out.stderr);
    let report = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("r.json")).expect("json"),
    )
    .expect("parse");
    (out.status, report)
}

fn assert_reads_like_the_template(run: &Run, file: &str) {
    let (status, report) = check(run, file);
    assert!(findings(&report).is_empty(), "{:#?}", findings(&report));
    assert_eq!(status, 0);
    assert_eq!(report["areas"][0]["total"], "13000");
}

/// The one finding of `check` on `file`, which must be `unreadable-file`.
fn unreadable(run: &Run, file: &str) -> crate::harness::Found {
    let (status, report) = check(run, file);
    assert_eq!(status, 1);
    let found = findings(&report);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, "unreadable-file");
    found.into_iter().next().expect("one")
}

#[test]
fn zip_entries_with_backslashes_are_read_as_the_reader_reads_them() {
    // Some zip tools on Windows write `xl\worksheets\sheet1.xml`; calamine reads
    // `\` as `/`.
    let (run, parts) = clean();
    let renamed: Vec<_> = parts
        .into_iter()
        .map(|(name, data)| (name.replace('/', "\\"), data))
        .collect();
    assert!(renamed.iter().any(|(n, _)| n == "xl\\workbook.xml"));
    std::fs::write(run.input().join("HR.xlsx"), zip_bytes(&renamed)).expect("write");
    assert_reads_like_the_template(&run, "input/HR.xlsx");
}

#[test]
fn a_workbook_part_at_the_package_root_is_read() {
    // The package relationships say where the workbook part is; `xl/` is only the
    // usual folder. Everything under `xl/` moved to the root.
    let (run, parts) = clean();
    let moved: Vec<_> = parts
        .into_iter()
        .map(|(name, data)| match name.as_str() {
            "_rels/.rels" => (
                name,
                text(&data)
                    .replace("xl/workbook.xml", "workbook.xml")
                    .into_bytes(),
            ),
            "[Content_Types].xml" => (name, text(&data).replace("/xl/", "/").into_bytes()),
            _ => (name.strip_prefix("xl/").unwrap_or(&name).to_string(), data),
        })
        .collect();
    assert!(moved.iter().any(|(n, _)| n == "workbook.xml"));
    assert!(moved.iter().all(|(n, _)| !n.starts_with("xl/")));
    std::fs::write(run.input().join("HR.xlsx"), zip_bytes(&moved)).expect("write");
    assert_reads_like_the_template(&run, "input/HR.xlsx");
}

#[test]
fn a_zip_naming_one_part_twice_is_unreadable() {
    let (run, parts) = clean();
    let sheet = parts
        .iter()
        .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .expect("sheet1")
        .clone();
    let other = text(&sheet.1)
        .replace("<v>800</v>", "<v>900</v>")
        .into_bytes();
    // The same name exactly: written under a placeholder of the same length, then
    // renamed in the local header and the central directory.
    let mut twice = parts.clone();
    twice.push(("xl/worksheets/sheet1.xmX".into(), other.clone()));
    let bytes = zip_bytes(&twice);
    let (from, to) = (b"xl/worksheets/sheet1.xmX", b"xl/worksheets/sheet1.xml");
    let mut patched = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(from) {
            patched.extend_from_slice(to);
            i += from.len();
        } else {
            patched.push(bytes[i]);
            i += 1;
        }
    }
    std::fs::write(run.input().join("Dubbel.xlsx"), &patched).expect("write");
    // The same part by the reader's lookup: once with `/`, once with `\`.
    let mut slashes = parts;
    slashes.push(("xl\\worksheets\\sheet1.xml".into(), other));
    std::fs::write(run.input().join("Snedstreck.xlsx"), zip_bytes(&slashes)).expect("write");
    for file in ["input/Dubbel.xlsx", "input/Snedstreck.xlsx"] {
        let f = unreadable(&run, file);
        assert!(f.message.contains("två gånger"), "{file}: {}", f.message);
        assert!(f.message.contains("sheet1.xml"), "{file}: {}", f.message);
    }
}

#[test]
fn word_and_powerpoint_files_renamed_xlsx_say_what_they_are() {
    let package = |main: &str, content_type: &str| -> Vec<u8> {
        zip_bytes(&[
            (
                "[Content_Types].xml".into(),
                format!(r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/{main}" ContentType="{content_type}"/></Types>"#).into_bytes(),
            ),
            (
                "_rels/.rels".into(),
                format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{main}"/></Relationships>"#).into_bytes(),
            ),
            (main.into(), b"<?xml version=\"1.0\"?><document/>".to_vec()),
        ])
    };
    let run = Run::new()
        .add_bytes(
            "Budget.xlsx",
            &package(
                "word/document.xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            ),
        )
        .add_bytes(
            "Bilder.xlsx",
            &package(
                "ppt/presentation.xml",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
            ),
        );
    let f = unreadable(&run, "input/Budget.xlsx");
    assert!(f.message.contains("Word-dokument"), "{}", f.message);
    let f = unreadable(&run, "input/Bilder.xlsx");
    assert!(
        f.message.contains("PowerPoint-presentation"),
        "{}",
        f.message
    );
}

#[test]
fn old_word_and_powerpoint_files_renamed_xls_say_what_they_are() {
    // A `.doc` or `.ppt` is a compound file, as an `.xls` is; its main stream is
    // `WordDocument` or `PowerPoint Document` instead of `Workbook`. Made from a
    // LibreOffice `.xls` by renaming that directory entry (this machine's
    // LibreOffice has no Writer or Impress to write one).
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lo-sheet.xls");
    let xls = std::fs::read(fixture).expect("fixture");
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let workbook = [utf16("Workbook"), vec![0, 0]].concat();
    let entry = xls
        .windows(workbook.len())
        .position(|w| w == workbook.as_slice())
        .expect("the Workbook entry");
    let mut run = Run::new();
    for (file, stream) in [
        ("Budget.xls", "WordDocument"),
        ("Bilder.xls", "PowerPoint Document"),
    ] {
        let mut bytes = xls.clone();
        let mut name = utf16(stream);
        name.resize(64, 0);
        bytes[entry..entry + 64].copy_from_slice(&name);
        let len = u16::try_from((stream.len() + 1) * 2).expect("len");
        bytes[entry + 64..entry + 66].copy_from_slice(&len.to_le_bytes());
        run = run.add_bytes(file, &bytes);
    }
    let f = unreadable(&run, "input/Budget.xls");
    assert!(f.message.contains("Word-dokument"), "{}", f.message);
    let f = unreadable(&run, "input/Bilder.xls");
    assert!(
        f.message.contains("PowerPoint-presentation"),
        "{}",
        f.message
    );
}

#[test]
fn a_compound_file_without_an_extension_is_an_xls_only_with_a_workbook_stream() {
    // The same container holds an `.xls`, a Word `.doc` and an Outlook `.msg`: only
    // the one with a `Workbook` stream is told to be renamed `.xls`.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lo-sheet.xls");
    let xls = std::fs::read(fixture).expect("fixture");
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let workbook = [utf16("Workbook"), vec![0, 0]].concat();
    let entry = xls
        .windows(workbook.len())
        .position(|w| w == workbook.as_slice())
        .expect("the Workbook entry");
    let mut doc = xls.clone();
    let mut name = utf16("WordDocument");
    name.resize(64, 0);
    doc[entry..entry + 64].copy_from_slice(&name);
    doc[entry + 64..entry + 66].copy_from_slice(&26u16.to_le_bytes());
    let run = Run::new()
        .add("HR.xlsx", &Template::new("HR"))
        .add_bytes("Brev", &doc)
        .add_bytes("IT", &xls);
    let out = run.consolidate(&[]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let messages: Vec<(String, String)> = findings(&run.report())
        .into_iter()
        .filter(|f| f.code == "not-a-workbook")
        .map(|f| (f.file.unwrap_or_default(), f.message))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "Brev".to_string(),
                "Filnamnet har ingen ändelse, så filen läses inte som en arbetsbok; den hoppas över.".to_string()
            ),
            (
                "IT".to_string(),
                "Filnamnet har ingen ändelse, men filen ser ut som en Excel-arbetsbok: byt namn på den till ”IT.xls”. Filen hoppas över.".to_string()
            ),
        ]
    );
}

#[test]
fn an_excel_4_macro_sheet_is_named_with_what_to_do() {
    // Excel 4.0 macros live in their own sheet type (`xl/macrosheets/`), which the
    // reader cannot open at all.
    let (run, parts) = clean();
    let mut parts: Vec<_> = parts
        .into_iter()
        .map(|(name, data)| match name.as_str() {
            "xl/workbook.xml" => (name, text(&data).replace("</sheets>", r#"<sheet name="Makro1" sheetId="9" r:id="rId99"/></sheets>"#).into_bytes()),
            "xl/_rels/workbook.xml.rels" => (name, text(&data).replace("</Relationships>", r#"<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/></Relationships>"#).into_bytes()),
            "[Content_Types].xml" => (name, text(&data).replace("</Types>", r#"<Override PartName="/xl/macrosheets/sheet1.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/></Types>"#).into_bytes()),
            _ => (name, data),
        })
        .collect();
    parts.push((
        "xl/macrosheets/sheet1.xml".into(),
        br#"<?xml version="1.0"?><xm:macrosheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData><row r="1"><c r="A1" t="str"><f>HALT()</f><v></v></c></row></sheetData></xm:macrosheet>"#.to_vec(),
    ));
    std::fs::write(run.input().join("HR.xlsm"), zip_bytes(&parts)).expect("write");
    let f = unreadable(&run, "input/HR.xlsm");
    assert!(f.message.contains("Excel 4.0-makroblad"), "{}", f.message);
    assert!(f.message.contains("Ta bort makrobladet"), "{}", f.message);
}

#[test]
fn an_xor_obfuscated_xls_says_it_is_password_protected() {
    // Old Excel's "password to open" with XOR obfuscation: a FILEPASS record of
    // type 0 in the workbook globals. Here the globals' CODEPAGE record (2 bytes of
    // data) of a LibreOffice `.xls` becomes that FILEPASS record, in place.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lo-sheet.xls");
    let mut bytes = std::fs::read(fixture).expect("fixture");
    let bof = bytes
        .windows(6)
        .position(|w| w == [0x09, 0x08, 0x10, 0x00, 0x00, 0x06])
        .expect("globals BOF");
    let mut at = bof;
    loop {
        let typ = u16::from_le_bytes([bytes[at], bytes[at + 1]]);
        let len = usize::from(u16::from_le_bytes([bytes[at + 2], bytes[at + 3]]));
        if typ == 0x0042 {
            assert_eq!(len, 2, "CODEPAGE");
            bytes[at..at + 6].copy_from_slice(&[0x2F, 0x00, 0x02, 0x00, 0x00, 0x00]);
            break;
        }
        assert_ne!(typ, 0x000A, "no CODEPAGE before the globals' EOF");
        at += 4 + len;
    }
    let run = Run::new().add_bytes("IT.xls", &bytes);
    let f = unreadable(&run, "input/IT.xls");
    assert!(f.message.contains("lösenordsskyddad"), "{}", f.message);
}

#[test]
fn a_compound_file_with_a_short_last_sector_is_read() {
    // The file ends inside its last sector, in unused directory entries: the
    // reader reads it, so it is not damaged.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lo-sheet.xls");
    let bytes = std::fs::read(fixture).expect("fixture");
    let run = Run::new().add_bytes("IT.xls", &bytes[..bytes.len() - 200]);
    let (status, report) = check(&run, "input/IT.xls");
    assert!(findings(&report).is_empty(), "{:#?}", findings(&report));
    assert_eq!(status, 0);
    assert_eq!(report["areas"][0]["area"], "IT-tjänster");
}

#[test]
fn damaged_files_keep_the_readers_english_words_out_of_the_swedish_message() {
    let run = Run::new().add_bytes("Trasig.xlsx", b"PK\x03\x04 truncated download");
    let (status, report) = check(&run, "input/Trasig.xlsx");
    assert_eq!(status, 1);
    let finding = &report["findings"][0];
    let message = finding["message"].as_str().expect("message");
    assert!(message.contains("skadad"), "{message}");
    assert!(
        !message.contains("zip") && !message.contains("EOCD"),
        "{message}"
    );
    let detail = finding["detail"].as_str().expect("detail");
    assert!(detail.starts_with("zip: "), "{detail}");
}

#[test]
fn cached_errors_are_found_with_single_quotes_and_prefixed_tags() {
    // Excel writes `<c r="C11" t="e">`; other writers use `t='e'` or a prefix
    // (`<x:c>`). calamine skips an unknown error literal such as #SPILL! whatever
    // the spelling, so the cell must be found exactly in the XML.
    let run = Run::new().add(
        "HR.xlsx",
        &Template::new("HR").set(Sheet::Budget, "C11", f("=SEQUENCE(2)", "#SPILL!")),
    );
    let path = run.input().join("HR.xlsx");
    make_error_values(&path, "#SPILL!");
    crate::harness::rewrite_parts(&path, |name, xml| {
        (name == "xl/worksheets/sheet1.xml").then(|| {
            let start = xml.find("<c r=\"C11\"").expect("C11");
            let end = start + xml[start..].find("</c>").expect("end") + 4;
            let cell = r#"<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r='C11' t='e'><x:f>_xlfn.SEQUENCE(2)</x:f><x:v>#SPILL!</x:v></x:c>"#;
            format!("{}{cell}{}", &xml[..start], &xml[end..])
        })
    });
    let (status, report) = check(&run, "input/HR.xlsx");
    assert_eq!(status, 1);
    let found: Vec<_> = findings(&report)
        .into_iter()
        .filter(|f| f.code == "invalid-amount")
        .collect();
    assert_eq!(found.len(), 1, "{:#?}", findings(&report));
    assert_eq!(found[0].cell.as_deref(), Some("C11"));
    assert!(found[0].message.contains("#SPILL!"), "{}", found[0].message);
}
