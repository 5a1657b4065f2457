//! `import-facilities FILE.csv`: the facility master, validated by crates/domain.
//!
//! CSV format (UTF-8, header row required):
//! `kind,number,name,prefecture,status` where kind is judo | ahaki | kenshin | josan,
//! number is canonical (柔道整復 `契012345678` or `協…`; others 10 digits; hyphens and
//! full-width digits are accepted and normalised), status is active | closed.

use std::io::Read;

use madoguchi_domain::{FacilityKind, RegistrationNumber};
use serde::Deserialize;

use crate::db::facilities::{self, FacilityRow};
use crate::db::{self, Db};

#[derive(Debug, Deserialize)]
struct CsvRow {
    kind: String,
    number: String,
    name: String,
    prefecture: String,
    status: String,
}

#[derive(Debug, Default)]
pub struct ImportReport {
    pub read: usize,
    pub written: u64,
    /// (line number, reason) of every row left out.
    pub rejected: Vec<(u64, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file cannot be read as CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

fn check(row: CsvRow) -> Result<FacilityRow, String> {
    let kind = FacilityKind::from_key(row.kind.trim())
        .ok_or_else(|| format!("unknown kind {:?}", row.kind))?;
    let number = RegistrationNumber::from_canonical(kind, row.number.trim()).map_err(|errors| {
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    })?;
    let name = row.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err("name must have 1 to 200 characters".into());
    }
    let status = row.status.trim();
    if !matches!(status, "active" | "closed") {
        return Err(format!("status must be active or closed, not {status:?}"));
    }
    Ok(FacilityRow {
        kind: kind.key().to_owned(),
        number: number.canonical(),
        name: name.to_owned(),
        prefecture: row.prefecture.trim().to_owned(),
        status: status.to_owned(),
    })
}

/// Reads every row, keeps the good ones, reports the bad ones with their line numbers.
pub async fn import(db: &Db, input: impl Read) -> Result<ImportReport, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::Fields)
        .from_reader(input);
    let mut report = ImportReport::default();
    let mut rows = Vec::new();
    for record in reader.deserialize::<CsvRow>() {
        report.read += 1;
        match record {
            Ok(row) => {
                // The header is line 1, so data row n sits on line n + 1 (no quoted newlines).
                let line = u64::try_from(report.read)
                    .unwrap_or(u64::MAX)
                    .saturating_add(1);
                match check(row) {
                    Ok(r) => rows.push(r),
                    Err(reason) => report.rejected.push((line, reason)),
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                report.rejected.push((line, e.to_string()));
            }
        }
    }
    report.written = facilities::upsert(db, &rows, db::now()).await?;
    Ok(report)
}
