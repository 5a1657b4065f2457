use madoguchi_domain::api::RegistrationState;
use madoguchi_domain::ipc::CommandError;
use tauri::State;

use crate::error::client_error;
use crate::state::AppState;

/// Whether the activation link has been used yet.
#[tauri::command]
pub async fn registration_state(
    state: State<'_, AppState>,
    receipt: String,
) -> Result<RegistrationState, CommandError> {
    Ok(state
        .client()?
        .registration_state(&receipt)
        .await
        .map_err(client_error)?
        .state)
}
