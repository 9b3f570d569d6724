//! Property tests of the import: no bytes make it panic, and any table of values a CSV
//! writer can produce (any delimiter, quoting, line ending, encoding) comes back as written.

use proptest::prelude::*;
use upskill_core::db::Db;
use upskill_core::import::{self, ImportKind, ImportOptions, ImportOutcome};
use upskill_testkit::today;

fn run(bytes: &[u8], kind: ImportKind, options: ImportOptions) -> (Db, import::ImportReport) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.csv");
    std::fs::write(&path, bytes).unwrap();
    let mut db = Db::open_in_memory().unwrap();
    let report = import::import_file(
        &mut db,
        kind,
        &path,
        &options,
        today(),
        &mut |_| {},
        &import::Cancel::default(),
    )
    .expect("content problems are reported, not errors");
    (db, report)
}

/// What the import keeps of a cell: the export's formula-protecting `'` removed, line breaks
/// and tabs turned into one space, then trimmed.
fn kept(text: &str) -> String {
    let text = upskill_core::export::unneutralise(text);
    let mut out = String::new();
    let mut in_break = false;
    for c in text.chars() {
        if matches!(c, '\r' | '\n' | '\t') {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
        } else {
            out.push(c);
            in_break = false;
        }
    }
    out.trim().to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(
        header in prop::sample::select(vec![
            "", "employee_id,full_name,role,department\n", "program_id;title;skill_area;format\r\n",
            "employee_id\tprogram_id\tcompleted_on\n",
        ]),
        body in prop::collection::vec(any::<u8>(), 0..2000),
        kind in prop::sample::select(ImportKind::ALL.to_vec()),
        skip_invalid in any::<bool>(),
    ) {
        let mut bytes = header.as_bytes().to_vec();
        bytes.extend_from_slice(&body);
        let (_, report) = run(&bytes, kind, ImportOptions { skip_invalid, ..Default::default() });
        if report.outcome != ImportOutcome::Rejected {
            prop_assert_eq!(report.inserted + report.updated + report.unchanged + report.rejected, report.rows);
        }
    }

    #[test]
    fn random_csv_text_never_panics(
        cells in prop::collection::vec(prop::collection::vec("[a-zA-Z0-9 ,;\t\"\r\n.:/-]{0,12}", 0..8), 0..30),
        kind in prop::sample::select(ImportKind::ALL.to_vec()),
    ) {
        let mut text = kind.columns().join(",");
        text.push('\n');
        for row in &cells {
            text.push_str(&row.join(","));
            text.push('\n');
        }
        let options = ImportOptions { skip_invalid: true, ..Default::default() };
        let (_, report) = run(text.as_bytes(), kind, options);
        if report.outcome != ImportOutcome::Rejected {
            prop_assert_eq!(report.inserted + report.updated + report.unchanged + report.rejected, report.rows);
        }
    }

    #[test]
    fn whatever_a_csv_writer_writes_is_read_back(
        names in prop::collection::vec("[a-zA-Z äöüßÆ€,;\"'\t\r\n]{1,20}", 1..25),
        delimiter in prop::sample::select(vec![b',', b';', b'\t']),
        always_quote in any::<bool>(),
        crlf in any::<bool>(),
        encoding in 0..4u8,
    ) {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .quote_style(if always_quote { csv::QuoteStyle::Always } else { csv::QuoteStyle::Necessary })
            .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
            .from_writer(Vec::new());
        writer.write_record(["Employee ID", "Full Name", "role", "department"]).unwrap();
        let mut expected = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let id = format!("E{i}");
            writer.write_record([id.as_str(), name, "Engineer", "Data"]).unwrap();
            if !kept(name).is_empty() {
                expected.push(format!("{id}|{}", kept(name)));
            }
        }
        let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        let bytes: Vec<u8> = match encoding {
            0 => text.clone().into_bytes(),
            1 => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            2 => std::iter::once(0xFEFFu16).chain(text.encode_utf16()).flat_map(u16::to_le_bytes).collect(),
            _ => std::iter::once(0xFEFFu16).chain(text.encode_utf16()).flat_map(u16::to_be_bytes).collect(),
        };
        let options = ImportOptions { skip_invalid: true, ..Default::default() };
        let (db, report) = run(&bytes, ImportKind::Employees, options);
        prop_assert_eq!(report.rows, names.len() as u64);
        prop_assert_eq!(report.inserted, expected.len() as u64, "{:?}", report.problems);
        let mut stmt = db.conn().prepare("SELECT employee_id || '|' || full_name FROM employees").unwrap();
        let mut got: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
        got.sort();
        expected.sort();
        prop_assert_eq!(got, expected);
    }
}
