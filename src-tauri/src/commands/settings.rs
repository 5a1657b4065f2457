use madoguchi_domain::contract::{cmd, PortalUrlArgs, Reply};
use madoguchi_domain::ipc::{CommandError, SettingsView, CONNECTION_CHECK_SECS};
use tauri::State;

use crate::failure::Failure;
use crate::portal_client::PortalClient;
use crate::settings::parse_portal_url;
use crate::state::AppState;

fn view(state: &AppState) -> Result<SettingsView, CommandError> {
    let (portal_url, source) = state.settings.portal_url();
    Ok(SettingsView {
        portal_url,
        source: source.into(),
        saved_login: state.settings.load()?.saved_login,
    })
}

#[tauri::command]
pub async fn get_settings(
    state: State<'_, AppState>,
) -> Result<Reply<cmd::GetSettings>, CommandError> {
    view(&state)
}

/// Saves the user's portal address; `None` returns to the preset or default.
#[tauri::command]
pub async fn set_portal_url(
    state: State<'_, AppState>,
    args: PortalUrlArgs,
) -> Result<Reply<cmd::SetPortalUrl>, CommandError> {
    let url = match args.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(u) => Some(parse_portal_url(u)?.to_string()),
        None => None,
    };
    let mut s = state.settings.load()?;
    s.portal_url = url;
    state.settings.save(&s)?;
    view(&state)
}

/// Asks the portal at `url` (or the one in force) whether it answers.
#[tauri::command]
pub async fn check_connection(
    state: State<'_, AppState>,
    args: PortalUrlArgs,
) -> Result<Reply<cmd::CheckConnection>, CommandError> {
    let client = match args.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(u) => std::sync::Arc::new(PortalClient::with_proxy(
            parse_portal_url(u)?,
            state.settings.proxy(),
        )?),
        None => state.client()?,
    };
    let limit = std::time::Duration::from_secs(CONNECTION_CHECK_SECS);
    match tokio::time::timeout(limit, client.health()).await {
        Ok(answer) => answer?,
        Err(_) => return Err(Failure::CheckTimedOut(CONNECTION_CHECK_SECS).into()),
    }
    Ok("ポータルに接続できました。".into())
}
