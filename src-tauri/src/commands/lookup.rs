use madoguchi_domain::api::FacilityLookup;
use madoguchi_domain::contract::{cmd, LookupArgs, Reply};
use madoguchi_domain::ipc::CommandError;
use madoguchi_domain::{FacilityKind, RegistrationNumber};
use tauri::State;

use crate::failure::Failure;
use crate::portal_client::ClientError;
use crate::state::AppState;

/// The facility behind a complete number, for the form's 自動入力 fields: from the local
/// cache of the master when it holds the number (offline too), else from the portal.
#[tauri::command]
pub async fn lookup_facility(
    state: State<'_, AppState>,
    args: LookupArgs,
) -> Result<Reply<cmd::LookupFacility>, CommandError> {
    let LookupArgs {
        kind,
        prefix,
        number,
    } = args;
    let kind = FacilityKind::parse(&kind).map_err(|e| Failure::InvalidNumber(vec![e]))?;
    let number =
        RegistrationNumber::parse(kind, &prefix, &number).map_err(Failure::InvalidNumber)?;
    let canonical = number.canonical();
    // The store first: the cache's reader is there once it has opened.
    let pool = state.store().await;
    if let (Ok(pool), Some(cache)) = (pool, state.facilities()) {
        // At the first start, the cache may not be seeded yet: this look-up seeds it now,
        // or waits for the seeding under way.
        state.seeding.ensure(&pool).await;
        match cache.find(kind, &canonical) {
            Ok(Some(f)) if f.active => {
                return Ok(FacilityLookup {
                    kind,
                    number: canonical,
                    display: number.display(),
                    name: f.name,
                })
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "facility cache unreadable"),
        }
    }
    match state.client()?.lookup(kind.key(), &canonical).await {
        Ok(found) => Ok(found),
        // Neither the cache nor the portal can say: the user goes on regardless.
        Err(ClientError::Unreachable(_) | ClientError::Timeout) => Err(Failure::OfflineMiss.into()),
        Err(e) => Err(e.into()),
    }
}
