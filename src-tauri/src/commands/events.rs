use madoguchi_domain::contract::AppEvent;
use madoguchi_domain::ipc::CommandError;
use tauri::ipc::Channel;
use tauri::State;

use crate::state::AppState;

/// The window's channel for [`AppEvent`]s; what changes from now on arrives there.
#[tauri::command]
pub fn subscribe(
    state: State<'_, AppState>,
    channel: Channel<AppEvent>,
) -> Result<(), CommandError> {
    state.events.subscribe(channel);
    Ok(())
}
