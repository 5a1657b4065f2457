use madoguchi_domain::api::{RegistrationAccepted, RegistrationState};
use madoguchi_domain::ipc::CommandError;
use madoguchi_domain::{Registration, RegistrationForm};
use tauri::State;

use crate::error::client_error;
use crate::state::AppState;

/// Sends a registration. The rule set judges it here again before anything leaves the PC;
/// the UI keeps `idempotency_key` for the same form, so a retry never makes two accounts.
#[tauri::command]
pub async fn submit_registration(
    state: State<'_, AppState>,
    form: RegistrationForm,
    idempotency_key: String,
) -> Result<RegistrationAccepted, CommandError> {
    Registration::parse(&form).map_err(|errors| CommandError::Fields {
        message: "入力内容に誤りがあります。赤く表示された項目をご確認ください。".into(),
        errors,
    })?;
    let accepted = state
        .client()?
        .register(&form.normalized(), &idempotency_key)
        .await
        .map_err(client_error)?;
    tracing::info!("registration accepted by the portal");
    Ok(accepted)
}

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
