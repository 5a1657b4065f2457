//! Login, the signed-in account, logout, and the login kept in the OS keyring: adapters
//! over [`crate::workflow::session`].

use madoguchi_domain::contract::{cmd, EmailArgs, KeepLoginArgs, LoginArgs, LogoutArgs, Reply};
use madoguchi_domain::ipc::CommandError;
use madoguchi_domain::normalize::email_field;
use madoguchi_domain::EmailAddress;
use tauri::State;

use crate::failure::Failure;
use crate::portal_client::ClientError;
use crate::state::AppState;
use crate::workflow::{session, OsKeyring};

#[tauri::command]
pub async fn login(
    state: State<'_, AppState>,
    args: LoginArgs,
) -> Result<Reply<cmd::Login>, CommandError> {
    let email = email_field(&args.email);
    let signed_in = session::sign_in(state.client()?.as_ref(), &email, &args.password).await?;
    state.set_session(Some(signed_in.token))?;
    if args.keep {
        session::keep_login(&OsKeyring, &state.settings, &email, &args.password).await?;
    }
    Ok(signed_in.account)
}

/// Logs in with the login kept in the keyring; the password never goes to the UI.
#[tauri::command]
pub async fn login_saved(
    state: State<'_, AppState>,
) -> Result<Reply<cmd::LoginSaved>, CommandError> {
    let (email, password) = session::kept_login(&OsKeyring, &state.settings).await?;
    let signed_in = session::sign_in(state.client()?.as_ref(), &email, &password).await?;
    state.set_session(Some(signed_in.token))?;
    Ok(signed_in.account)
}

/// 「パスワードをお忘れの方はこちら」: the portal mails a reset link; the new password is set
/// on the portal's page that the link opens, like activation.
#[tauri::command]
pub async fn request_password_reset(
    state: State<'_, AppState>,
    args: EmailArgs,
) -> Result<Reply<cmd::RequestPasswordReset>, CommandError> {
    let email = EmailAddress::parse(&args.email).map_err(|e| Failure::Invalid(vec![e]))?;
    let accepted = state
        .client()?
        .request_password_reset(email.as_str())
        .await?;
    Ok(accepted.message)
}

/// After 完了: keep the new account's login, if the user asks to.
#[tauri::command]
pub async fn keep_login(
    state: State<'_, AppState>,
    args: KeepLoginArgs,
) -> Result<Reply<cmd::KeepLogin>, CommandError> {
    let email = email_field(&args.email);
    Ok(session::keep_login(&OsKeyring, &state.settings, &email, &args.password).await?)
}

#[tauri::command]
pub async fn saved_login(
    state: State<'_, AppState>,
) -> Result<Reply<cmd::SavedLogin>, CommandError> {
    Ok(state.settings.load()?.saved_login)
}

#[tauri::command]
pub async fn current_account(
    state: State<'_, AppState>,
) -> Result<Reply<cmd::CurrentAccount>, CommandError> {
    let Some(token) = state.session()? else {
        return Ok(None);
    };
    match state.client()?.current_account(&token).await {
        Ok(a) => Ok(Some(a)),
        Err(ClientError::Unauthorized(_)) => {
            state.set_session(None)?;
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// Ends the session; with `forget`, also removes the kept login from the keyring.
#[tauri::command]
pub async fn logout(
    state: State<'_, AppState>,
    args: LogoutArgs,
) -> Result<Reply<cmd::Logout>, CommandError> {
    if let Some(token) = state.session()? {
        // Even if the portal cannot be reached, the app forgets the session.
        if let Err(e) = state.client()?.logout(&token).await {
            tracing::warn!(error = %e, "logout not confirmed by the portal");
        }
        state.set_session(None)?;
    }
    if args.forget {
        session::forget_login(&OsKeyring, &state.settings).await?;
    }
    Ok(())
}
