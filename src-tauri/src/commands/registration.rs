use madoguchi_domain::api::ResendAccepted;
use madoguchi_domain::contract::{cmd, ReceiptArgs, Reply};
use madoguchi_domain::ipc::CommandError;
use tauri::State;

use crate::portal_client::ClientError;
use crate::state::AppState;

/// 「メールを再送する」: a fresh activation link replaces the old one. Too soon after the
/// last mail, the answer says how long to wait (the screen counts it down).
#[tauri::command]
pub async fn resend_activation(
    state: State<'_, AppState>,
    args: ReceiptArgs,
) -> Result<Reply<cmd::ResendActivation>, CommandError> {
    match state.client()?.resend_activation(&args.receipt).await {
        Ok(accepted) => Ok(accepted),
        Err(ClientError::RateLimited(secs)) => Ok(ResendAccepted {
            message: format!(
                "メールはまだ再送できません。{secs}秒ほど待ってから、もう一度お試しください。"
            ),
            cooldown_secs: secs,
        }),
        Err(e) => Err(e.into()),
    }
}
