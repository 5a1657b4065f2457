//! 下書き: saved as typed, listed, reopened, duplicated, deleted; and sending one, which
//! goes through the outbox so that a lost connection only queues it.

use madoguchi_domain::contract::AppEvent;
use madoguchi_domain::contract::{
    cmd, DraftId, ImportDraftsArgs, Reply, SaveDraftArgs, SendDraftArgs,
};
use madoguchi_domain::ipc::{CommandError, DraftState, SendOutcome};
use madoguchi_domain::Registration;
use tauri::State;

use crate::error::{credential_error, store_error};
use crate::outbox::{self, Attempt};
use crate::state::AppState;
use crate::store::{drafts, facility_cache};

fn invalid(errors: Vec<madoguchi_domain::FieldError>) -> CommandError {
    CommandError::Fields {
        message: "入力内容に誤りがあります。赤く表示された項目をご確認ください。".into(),
        errors,
    }
}

#[tauri::command]
pub async fn save_draft(
    state: State<'_, AppState>,
    args: SaveDraftArgs,
) -> Result<Reply<cmd::SaveDraft>, CommandError> {
    let saved = drafts::save(
        state.store()?,
        &args.id,
        &args.fields,
        args.facility_name.as_deref(),
    )
    .await
    .map_err(store_error)?;
    state.events.emit(AppEvent::DraftChanged {
        id: args.id,
        state: saved.state,
    });
    Ok(saved)
}

#[tauri::command]
pub async fn list_drafts(
    state: State<'_, AppState>,
) -> Result<Reply<cmd::ListDrafts>, CommandError> {
    drafts::list(state.store()?).await.map_err(store_error)
}

#[tauri::command]
pub async fn get_draft(
    state: State<'_, AppState>,
    args: DraftId,
) -> Result<Reply<cmd::GetDraft>, CommandError> {
    drafts::get(state.store()?, &args.id)
        .await
        .map_err(store_error)?
        .ok_or_else(|| CommandError::NotFound {
            message: "この下書きは見つかりません（削除された可能性があります）。".into(),
        })
}

#[tauri::command]
pub async fn duplicate_draft(
    state: State<'_, AppState>,
    args: DraftId,
) -> Result<Reply<cmd::DuplicateDraft>, CommandError> {
    let DraftId { id } = args;
    let new_id = uuid::Uuid::new_v4().to_string();
    drafts::duplicate(state.store()?, &id, &new_id)
        .await
        .map_err(store_error)?;
    state.events.emit(AppEvent::DraftChanged {
        id: new_id.clone(),
        state: DraftState::Draft,
    });
    Ok(new_id)
}

#[tauri::command]
pub async fn delete_draft(
    state: State<'_, AppState>,
    args: DraftId,
) -> Result<Reply<cmd::DeleteDraft>, CommandError> {
    let DraftId { id } = args;
    if drafts::delete(state.store()?, &id)
        .await
        .map_err(store_error)?
    {
        // A returned draft may still hold a password from its last queueing.
        let _ = crate::credentials::nonblocking::release_from_outbox(&id).await;
        Ok(())
    } else {
        Err(CommandError::Banner {
            message: "送信待ちの下書きは削除できません。送信が終わってから削除してください。"
                .into(),
        })
    }
}

/// Sends a draft: saved, its password handed to the keyring, queued with a fixed
/// idempotency key, then one attempt at once. Unreachable: it stays queued and the outbox
/// sends it when the portal answers.
#[tauri::command]
pub async fn send_draft(
    state: State<'_, AppState>,
    args: SendDraftArgs,
) -> Result<Reply<cmd::SendDraft>, CommandError> {
    let SendDraftArgs {
        id,
        fields,
        password,
        password_confirmation,
    } = args;
    let mut form = fields.with_password(&password);
    form.password_confirmation = password_confirmation;
    Registration::parse(&form).map_err(invalid)?;
    let pool = state.store()?;
    drafts::save(pool, &id, &fields, None)
        .await
        .map_err(store_error)?;
    crate::credentials::nonblocking::hold_for_outbox(&id, &password)
        .await
        .map_err(credential_error)?;
    let key = uuid::Uuid::new_v4().to_string();
    if !drafts::queue(pool, &id, &key).await.map_err(store_error)? {
        return Err(CommandError::Banner {
            message: "この下書きは既に送信待ちか送信済みです。下書き一覧で状態をご確認ください。"
                .into(),
        });
    }
    let due = drafts::due(pool, i64::MAX)
        .await
        .map_err(store_error)?
        .into_iter()
        .find(|d| d.id == id);
    let Some(due) = due else {
        return Err(CommandError::Banner {
            message: "送信待ちの下書きが見つかりません。".into(),
        });
    };
    let client = state.client()?;
    let outcome = outbox::attempt(pool, &client, &due)
        .await
        .map_err(store_error)?;
    state.wake_outbox();
    state.events.emit(outcome.event(&id));
    match outcome {
        Attempt::Sent { receipt, email } => Ok(SendOutcome::Sent { receipt, email }),
        Attempt::Returned(errors) if !errors.is_empty() => Err(invalid(errors)),
        Attempt::Returned(_) => {
            let message = drafts::get(pool, &id)
                .await
                .map_err(store_error)?
                .and_then(|d| d.last_error)
                .unwrap_or_else(|| "ポータルが受け付けませんでした。".into());
            Err(CommandError::Banner { message })
        }
        Attempt::Retry { message, .. } => Ok(SendOutcome::Queued {
            message: format!("{message}（送信待ちにしました。アプリを閉じても失われません。）"),
        }),
    }
}

#[tauri::command]
pub async fn cache_info(state: State<'_, AppState>) -> Result<Reply<cmd::CacheInfo>, CommandError> {
    facility_cache::info(state.store()?)
        .await
        .map_err(store_error)
}

/// Drafts from a CSV file the user picked (its bytes: the UI reads the file it was given).
#[tauri::command]
pub async fn import_drafts(
    state: State<'_, AppState>,
    args: ImportDraftsArgs,
) -> Result<Reply<cmd::ImportDrafts>, CommandError> {
    crate::draft_import::import(state.store()?, &args.bytes)
        .await
        .map_err(store_error)?
        .map_err(|message| CommandError::Banner { message })
}
