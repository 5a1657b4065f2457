//! Login, the signed-in account, logout, and the login kept in the OS keyring.

use madoguchi_domain::api::{Account, LoginRequest};
use madoguchi_domain::contract::{cmd, EmailArgs, KeepLoginArgs, LoginArgs, LogoutArgs, Reply};
use madoguchi_domain::ipc::CommandError;
use madoguchi_domain::normalize::email_field;
use madoguchi_domain::EmailAddress;
use tauri::State;

use crate::credentials::nonblocking as credentials;
use crate::error::{client_error, credential_error, settings_error};
use crate::state::AppState;

async fn sign_in(state: &AppState, email: &str, password: &str) -> Result<Account, CommandError> {
    let client = state.client()?;
    let session = client
        .login(&LoginRequest {
            email: email.to_owned(),
            password: password.to_owned(),
        })
        .await
        .map_err(client_error)?;
    let account = client
        .current_account(&session.session_token)
        .await
        .map_err(client_error)?;
    state.set_session(Some(session.session_token))?;
    Ok(account)
}

/// Keeps `email`'s password in the keyring and remembers which address it is.
async fn keep_login_inner(
    state: &AppState,
    email: &str,
    password: &str,
) -> Result<(), CommandError> {
    credentials::keep(email, password)
        .await
        .map_err(credential_error)?;
    let mut s = state.settings.load().map_err(settings_error)?;
    s.saved_login = Some(email.to_owned());
    state.settings.save(&s).map_err(settings_error)
}

#[tauri::command]
pub async fn login(
    state: State<'_, AppState>,
    args: LoginArgs,
) -> Result<Reply<cmd::Login>, CommandError> {
    let email = email_field(&args.email);
    let account = sign_in(&state, &email, &args.password).await?;
    if args.keep {
        keep_login_inner(&state, &email, &args.password).await?;
    }
    Ok(account)
}

/// Logs in with the login kept in the keyring; the password never goes to the UI.
#[tauri::command]
pub async fn login_saved(
    state: State<'_, AppState>,
) -> Result<Reply<cmd::LoginSaved>, CommandError> {
    let email = state
        .settings
        .load()
        .map_err(settings_error)?
        .saved_login
        .ok_or_else(|| CommandError::Banner {
            message: "保存されたログイン情報がありません。".into(),
        })?;
    let password = credentials::password(&email)
        .await
        .map_err(credential_error)?
        .ok_or_else(|| CommandError::Banner {
            message: "保存されたパスワードが見つかりません。メールアドレスとパスワードを入力してログインしてください。".into(),
        })?;
    sign_in(&state, &email, &password).await
}

/// 「パスワードをお忘れの方はこちら」: the portal mails a reset link; the new password is set
/// on the portal's page that the link opens, like activation.
#[tauri::command]
pub async fn request_password_reset(
    state: State<'_, AppState>,
    args: EmailArgs,
) -> Result<Reply<cmd::RequestPasswordReset>, CommandError> {
    let email = EmailAddress::parse(&args.email).map_err(|e| CommandError::Fields {
        message: e.message.to_string(),
        errors: vec![e],
    })?;
    let accepted = state
        .client()?
        .request_password_reset(email.as_str())
        .await
        .map_err(client_error)?;
    Ok(accepted.message)
}

/// After 完了: keep the new account's login, if the user asks to.
#[tauri::command]
pub async fn keep_login(
    state: State<'_, AppState>,
    args: KeepLoginArgs,
) -> Result<Reply<cmd::KeepLogin>, CommandError> {
    keep_login_inner(&state, &email_field(&args.email), &args.password).await
}

#[tauri::command]
pub async fn saved_login(
    state: State<'_, AppState>,
) -> Result<Reply<cmd::SavedLogin>, CommandError> {
    Ok(state.settings.load().map_err(settings_error)?.saved_login)
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
        Err(crate::portal_client::ClientError::Unauthorized(_)) => {
            state.set_session(None)?;
            Ok(None)
        }
        Err(e) => Err(client_error(e)),
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
        let mut s = state.settings.load().map_err(settings_error)?;
        if let Some(email) = s.saved_login.take() {
            credentials::forget(&email)
                .await
                .map_err(credential_error)?;
            state.settings.save(&s).map_err(settings_error)?;
        }
    }
    Ok(())
}
