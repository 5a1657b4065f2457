use madoguchi_domain::contract::{cmd, Reply};
use madoguchi_domain::ipc::CommandError;
use tauri::State;

use crate::state::AppState;

/// お知らせ from the portal (online only).
#[tauri::command]
pub async fn notices(state: State<'_, AppState>) -> Result<Reply<cmd::Notices>, CommandError> {
    state.client()?.notices().await.map_err(CommandError::from)
}
