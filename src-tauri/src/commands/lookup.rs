use madoguchi_domain::api::FacilityLookup;
use madoguchi_domain::ipc::CommandError;
use madoguchi_domain::{FacilityKind, RegistrationNumber};
use tauri::State;

use crate::error::client_error;
use crate::state::AppState;

/// The facility behind a complete number, for the form's 自動入力 fields.
#[tauri::command]
pub async fn lookup_facility(
    state: State<'_, AppState>,
    kind: String,
    prefix: String,
    number: String,
) -> Result<FacilityLookup, CommandError> {
    let fields = |errors| CommandError::Fields {
        message: "番号をご確認ください。".into(),
        errors,
    };
    let kind = FacilityKind::parse(&kind).map_err(|e| fields(vec![e]))?;
    let number = RegistrationNumber::parse(kind, &prefix, &number).map_err(fields)?;
    state
        .client()?
        .lookup(kind.key(), &number.canonical())
        .await
        .map_err(client_error)
}
