//! The AI-literacy evidence pack: one folder an auditor can take away, showing what was
//! required, who was trained and what changed, as of a date.
//!
//! Every file comes from a writer that already exists (the leadership PDF, the table exports,
//! the compliance and coverage CSVs, the action list), so its columns are those of the
//! matching command. The folder is written atomically ([`export::write_dir_atomic`]) and
//! ends with `MANIFEST.sha256`, which `sha256sum -c MANIFEST.sha256` verifies in the folder.

use std::io::Write;
use std::path::Path;

use chrono::{Months, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::compliance::{self, ComplianceDim, ComplianceQuery};
use crate::domain::format_date;
use crate::error::{Error, Result};
use crate::export::{self, CsvOut, Delimiter, ExportTable, ReportCsv};
use crate::leadership::{self, LeadershipQuery};
use crate::report::{self, Dimension, Filters, ReportQuery};

/// The files of the pack, in the manifest's order, with what each holds (README.txt).
pub const FILES: [(&str, &str); 11] = [
    ("report.pdf", "The leadership report as of the date: coverage, the divide, compliance, targets, trend and definitions."),
    ("programs.csv", "The training catalog (every program), as `upskill export programs` writes it."),
    ("requirements.csv", "The training requirements, as `upskill export requirements` writes them."),
    ("exemptions.csv", "The exemptions from requirements, as `upskill export exemptions` writes them."),
    ("compliance-by-department.csv", "Obligations by status and the compliance percentage per department, as `upskill report compliance --by department --format csv`; small groups suppressed."),
    ("compliance-by-role.csv", "The same per role (`--by role`)."),
    ("coverage-by-generation.csv", "Coverage by generation, as `upskill report coverage --by generation --format csv`; small groups suppressed."),
    ("register.csv", "PERSONAL DATA: one row per person and obligation with its status, as `upskill compliance list --format csv` (names, roles, departments; no birth years). Handle under your data-protection rules."),
    ("changes.csv", "PERSONAL DATA: the audit trail of changes to the record in the 12 months up to the as-of date, as `upskill audit --format csv` (who changed what, with each record before and after, names and birth years included). `upskill audit verify` checks the chain in the database."),
    ("README.txt", "This file."),
    ("MANIFEST.sha256", "The SHA-256 of every other file; check with `sha256sum -c MANIFEST.sha256` in this folder."),
];

pub const MANIFEST_FILE: &str = "MANIFEST.sha256";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvidenceQuery {
    /// YYYY-MM-DD; None = today.
    pub as_of: Option<String>,
    /// k for the reports in the pack.
    pub min_group: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvidenceSummary {
    pub path: String,
    pub as_of: String,
    pub files: Vec<String>,
}

/// Writes the evidence pack to `dest`, which must be absent or an empty folder.
pub fn write_evidence(
    conn: &Connection,
    query: &EvidenceQuery,
    today: NaiveDate,
    dest: &Path,
) -> Result<EvidenceSummary> {
    let as_of = crate::pack::resolve_as_of(query.as_of.as_deref(), today)?;
    refuse_non_empty(dest)?;
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let k = query.min_group;
    export::write_dir_atomic(dest, |dir| write_files(conn, as_of, k, today, dir))?;
    Ok(EvidenceSummary {
        path: dest.display().to_string(),
        as_of: format_date(as_of),
        files: FILES.iter().map(|(name, _)| name.to_string()).collect(),
    })
}

fn refuse_non_empty(dest: &Path) -> Result<()> {
    if !dest.exists() {
        return Ok(());
    }
    let empty = dest.is_dir()
        && std::fs::read_dir(dest)
            .map_err(|e| Error::io(dest, e))?
            .next()
            .is_none();
    if empty {
        Ok(())
    } else {
        Err(Error::invalid(
            "output",
            format!(
                "{} already exists and is not an empty folder; the evidence pack is written \
                 to a new or empty folder only",
                dest.display()
            ),
        ))
    }
}

fn write_csv(
    path: &Path,
    fill: impl FnOnce(&mut CsvOut<&mut std::io::BufWriter<&std::fs::File>>) -> Result<()>,
) -> Result<()> {
    export::write_atomic(path, |file| {
        let mut csv = CsvOut::new(file, Delimiter::Comma)?;
        fill(&mut csv)?;
        csv.finish()?;
        Ok(())
    })
}

fn write_files(
    conn: &Connection,
    as_of: NaiveDate,
    k: u32,
    today: NaiveDate,
    dir: &Path,
) -> Result<()> {
    let day = format_date(as_of);
    let filters = Filters {
        as_of: Some(day.clone()),
        ..Filters::default()
    };
    let pdf = leadership::write_pdf(
        conn,
        &LeadershipQuery {
            filters: filters.clone(),
            min_group: k,
            title: Some("AI literacy evidence: training coverage".into()),
            beside_organisation: false,
        },
        today,
        &dir.join("report.pdf"),
    )?;
    let _ = pdf;
    for (table, name) in [
        (ExportTable::Programs, "programs.csv"),
        (ExportTable::Requirements, "requirements.csv"),
        (ExportTable::Exemptions, "exemptions.csv"),
    ] {
        export::export_table(conn, table, &dir.join(name), Delimiter::Comma)?;
    }
    let q = ComplianceQuery::new(as_of);
    let mut compliance_notes = Vec::new();
    for (dim, name) in [
        (ComplianceDim::Department, "compliance-by-department.csv"),
        (ComplianceDim::Role, "compliance-by-role.csv"),
    ] {
        let r = compliance::report(conn, &q, &[dim], k)?;
        write_csv(&dir.join(name), |csv| {
            compliance::write_report_csv(csv, &r, false)
        })?;
        compliance_notes = r.notes.lines;
    }
    let coverage = report::coverage(
        conn,
        &ReportQuery {
            dims: vec![Dimension::Generation],
            filters,
            min_group: k,
        },
        today,
    )?;
    // As `upskill report coverage --format csv` writes it (no screen-only total row).
    export::export_with(
        &dir.join("coverage-by-generation.csv"),
        Delimiter::Comma,
        |out| export::write_report(out, ReportCsv::Coverage(&coverage), false),
    )?;
    let register = compliance::action_list(conn, &q, &[])?;
    write_csv(&dir.join("register.csv"), |csv| register.write_csv(csv))?;
    let from = as_of.checked_sub_months(Months::new(12)).unwrap_or(as_of);
    write_changes(conn, from, as_of, &dir.join("changes.csv"))?;
    let readme = readme(
        &day,
        k,
        &export::content_sha256(conn)?,
        &audit::verify(conn)?,
        &coverage.notes.lines,
        &compliance_notes,
    );
    export::write_atomic(&dir.join("README.txt"), |out| {
        out.write_all(readme.as_bytes())
            .map_err(|e| Error::io("README.txt", e))
    })?;
    let mut manifest = String::new();
    for (name, _) in FILES.iter().filter(|(name, _)| *name != MANIFEST_FILE) {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        use sha2::Digest;
        manifest.push_str(&format!(
            "{}  {name}\n",
            export::hex(&sha2::Sha256::digest(&bytes))
        ));
    }
    export::write_atomic(&dir.join(MANIFEST_FILE), |out| {
        out.write_all(manifest.as_bytes())
            .map_err(|e| Error::io(MANIFEST_FILE, e))
    })
}

/// changes.csv: the audit trail's entries of the whole days `from` to `to`, oldest first, in
/// the columns of `upskill audit --format csv` ([`audit::CSV_COLUMNS`]).
fn write_changes(conn: &Connection, from: NaiveDate, to: NaiveDate, dest: &Path) -> Result<()> {
    let entries = audit::between(conn, from, to)?;
    export::write_atomic(dest, |out| audit::write_csv(&entries, out))
}

fn readme(
    as_of: &str,
    k: u32,
    content_sha256: &str,
    trail: &audit::Verification,
    coverage: &[String],
    compliance: &[String],
) -> String {
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line("AI-literacy evidence pack (Upskill)");
    line("");
    line(&format!("As of:            {as_of}"));
    line(&format!(
        "k (small groups): {k} - a group of fewer than {k} people shows its headcount only"
    ));
    line(&format!("Upskill version:  {}", env!("CARGO_PKG_VERSION")));
    line(&format!("Record SHA-256:   {content_sha256}"));
    line("  (SHA-256 of the six record tables exactly as `upskill export TABLE FILE` writes");
    line("  them - employees, programs, completions, requirements, exemptions, targets -");
    line("  concatenated in that order; the same record gives the same hash)");
    line(&format!("Audit trail head: {}", trail.head));
    line(&format!(
        "  ({} entries when the pack was made; {}. Keep this line apart from the database:",
        trail.entries,
        if trail.is_intact() {
            "the chain was intact"
        } else {
            "the chain was BROKEN - run `upskill audit verify`"
        }
    ));
    line("  while the trail is only added to, its entry of that hash stays in `upskill audit`,");
    line("  and `upskill audit verify` prints the newest head on stderr; a trail rewritten");
    line("  with recomputed hashes no longer holds this one)");
    line("");
    line("PERSONAL DATA: register.csv names people (one row per person and obligation).");
    line("Store and share it under your data-protection rules. No file holds a birth year.");
    line("");
    line("Files");
    for (name, what) in FILES {
        line(&format!("  {name:<30} {what}"));
    }
    line("");
    line("Definitions: coverage");
    for l in coverage {
        line(&format!("  {l}"));
    }
    line("");
    line("Definitions: required training");
    for l in compliance {
        line(&format!("  {l}"));
    }
    line("");
    line("Check the files: sha256sum -c MANIFEST.sha256");
    out
}
