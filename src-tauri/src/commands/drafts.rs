//! 下書き: saved as typed, listed, reopened, duplicated, deleted; and sending one, which
//! goes through the outbox so that a lost connection only queues it.

use madoguchi_domain::contract::{
    cmd, DraftId, ImportDraftsArgs, Reply, SaveDraftArgs, SendDraftArgs,
};
use madoguchi_domain::ipc::CommandError;
use tauri::State;

use crate::failure::Failure;
use crate::state::AppState;
use crate::store::{drafts, facility_cache};
use crate::workflow::{self, submission, OsKeyring};

#[tauri::command]
pub async fn save_draft(
    state: State<'_, AppState>,
    args: SaveDraftArgs,
) -> Result<Reply<cmd::SaveDraft>, CommandError> {
    let emit = state.events.emitter();
    Ok(workflow::drafts::save(&state.store().await?, &emit, args).await?)
}

#[tauri::command]
pub async fn list_drafts(
    state: State<'_, AppState>,
) -> Result<Reply<cmd::ListDrafts>, CommandError> {
    Ok(drafts::list(&state.store().await?).await?)
}

#[tauri::command]
pub async fn get_draft(
    state: State<'_, AppState>,
    args: DraftId,
) -> Result<Reply<cmd::GetDraft>, CommandError> {
    Ok(drafts::get(&state.store().await?, &args.id)
        .await?
        .ok_or(Failure::NoDraft)?)
}

#[tauri::command]
pub async fn duplicate_draft(
    state: State<'_, AppState>,
    args: DraftId,
) -> Result<Reply<cmd::DuplicateDraft>, CommandError> {
    let new_id = uuid::Uuid::new_v4().to_string();
    let emit = state.events.emitter();
    workflow::drafts::duplicate(&state.store().await?, &emit, &args.id, &new_id).await?;
    Ok(new_id)
}

#[tauri::command]
pub async fn delete_draft(
    state: State<'_, AppState>,
    args: DraftId,
) -> Result<Reply<cmd::DeleteDraft>, CommandError> {
    Ok(workflow::drafts::delete(&state.store().await?, &OsKeyring, &args.id).await?)
}

/// Sends a draft (see [`submission::send`]); the outbox takes over if the portal is away.
#[tauri::command]
pub async fn send_draft(
    state: State<'_, AppState>,
    args: SendDraftArgs,
) -> Result<Reply<cmd::SendDraft>, CommandError> {
    let key = uuid::Uuid::new_v4().to_string();
    let emit = state.events.emitter();
    let outcome = submission::send(
        &state.store().await?,
        state.client()?.as_ref(),
        &OsKeyring,
        &emit,
        args,
        &key,
    )
    .await;
    state.wake_outbox();
    Ok(outcome?)
}

#[tauri::command]
pub async fn cache_info(state: State<'_, AppState>) -> Result<Reply<cmd::CacheInfo>, CommandError> {
    Ok(facility_cache::info(&state.store().await?).await?)
}

/// Drafts from a CSV file the user picked (its bytes: the UI reads the file it was given).
#[tauri::command]
pub async fn import_drafts(
    state: State<'_, AppState>,
    args: ImportDraftsArgs,
) -> Result<Reply<cmd::ImportDrafts>, CommandError> {
    Ok(
        crate::draft_import::import(&state.store().await?, &args.bytes)
            .await?
            .map_err(Failure::Import)?,
    )
}
