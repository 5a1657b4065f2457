//! Keeps the facility cache current: pages of changes since the cache's cursor, each page
//! applied with its cursor in one transaction, so an interrupted sync resumes where it was.

use madoguchi_domain::api::FacilityCursor;
use sqlx::sqlite::SqlitePool;

use crate::portal_client::{ClientError, PortalClient};
use crate::store::facility_cache;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Portal(#[from] ClientError),
}

const PAGE: u32 = 5_000;

/// Brings the cache up to the portal's master; returns how many rows changed.
pub async fn sync(pool: &SqlitePool, client: &PortalClient) -> Result<usize, SyncError> {
    let mut cursor = facility_cache::cursor(pool).await?.unwrap_or_default();
    let mut changed = 0;
    loop {
        let page = client.facility_changes(&cursor, PAGE).await?;
        if page.latest_version < cursor.version {
            // Our snapshot came from another master: start again from nothing.
            tracing::warn!(
                ours = cursor.version,
                portal = page.latest_version,
                "facility cache is ahead of the portal; syncing from the start"
            );
            facility_cache::reset(pool).await?;
            cursor = FacilityCursor::default();
            continue;
        }
        facility_cache::apply(pool, &page.facilities, &page.next).await?;
        changed += page.facilities.len();
        cursor = page.next;
        if !page.more {
            return Ok(changed);
        }
    }
}
