//! `export-snapshot FILE`: the whole master as the file the desktop app ships and seeds its
//! offline cache from (format: [`madoguchi_domain::snapshot`]).

use std::io::Write;

use madoguchi_domain::api::FacilityCursor;
use madoguchi_domain::snapshot;

use crate::db::{facility_changes, Db};

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("writing the snapshot: {0}")]
    Io(#[from] std::io::Error),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

const PAGE: i64 = 10_000;

/// Writes every row; returns how many.
pub async fn export(db: &Db, mut out: impl Write) -> Result<u64, SnapshotError> {
    // Rows changed while exporting carry a newer version and arrive again by delta.
    let version = facility_changes::latest_version(db).await?;
    write!(out, "{}", snapshot::header(version))?;
    let mut cursor = FacilityCursor::default();
    let mut written = 0;
    loop {
        let page = facility_changes::after(db, &cursor, PAGE).await?;
        for r in &page {
            if r.version > version {
                continue;
            }
            writeln!(
                out,
                "{},{},{},{},{},{}",
                r.kind.key(),
                r.number,
                csv_field(&r.name),
                csv_field(&r.prefecture),
                snapshot::status(r.active),
                r.version
            )?;
            written += 1;
        }
        match page.last() {
            Some(last) if i64::try_from(page.len()).unwrap_or(0) == PAGE => {
                cursor = FacilityCursor {
                    version: last.version,
                    kind: last.kind.key().to_owned(),
                    number: last.number.clone(),
                }
            }
            _ => break,
        }
    }
    out.flush()?;
    Ok(written)
}

/// RFC 4180 quoting where a name needs it.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}
