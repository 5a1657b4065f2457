//! Updates: asked of the portal the app is set to, offered to the user, installed only on
//! their click, and only when the package's signature matches the public key built in.

use std::time::Duration;

use madoguchi_domain::contract::{cmd, AppEvent, Reply};
use madoguchi_domain::ipc::{CommandError, UpdateOffer};
use tauri::{AppHandle, State, Url};
use tauri_plugin_updater::{Error as UpdateError, Update, UpdaterExt};
use tokio::sync::Mutex;

use crate::state::AppState;

/// The update found by the last check, waiting for the user's click.
#[derive(Default)]
pub struct PendingUpdate(Mutex<Option<Update>>);

fn banner(message: &str) -> CommandError {
    CommandError::Banner {
        message: message.into(),
    }
}

fn update_error(e: UpdateError) -> CommandError {
    tracing::warn!(error = %e, "update failed");
    banner(match e {
        UpdateError::Minisign(_)
        | UpdateError::Base64(_)
        | UpdateError::SignatureUtf8(_)
        | UpdateError::MissingSignedVersion => {
            "更新ファイルの署名を確認できませんでした。安全のため、この更新は行いません。お問い合わせ先にお知らせください。"
        }
        UpdateError::Reqwest(_) | UpdateError::Network(_) | UpdateError::ReleaseNotFound => {
            "更新を確認できませんでした。インターネット接続と、設定画面のポータルのアドレスをご確認ください。"
        }
        UpdateError::AuthenticationFailed
        | UpdateError::DebInstallFailed
        | UpdateError::PackageInstallFailed => {
            "更新をインストールできませんでした。このパソコンの管理者の権限が必要です。IT担当者にご相談ください。"
        }
        _ => "更新に失敗しました。時間をおいて、もう一度お試しください。",
    })
}

/// `{portal}/api/v1/updates/{{target}}/{{arch}}/{{bundle_type}}/{{current_version}}`; the
/// updater fills in the placeholders.
fn endpoint(portal: &str) -> Result<Url, CommandError> {
    Url::parse(&format!(
        "{}/api/v1/updates/{{{{target}}}}/{{{{arch}}}}/{{{{bundle_type}}}}/{{{{current_version}}}}",
        portal.trim_end_matches('/')
    ))
    .map_err(|_| banner("設定画面のポータルのアドレスをご確認ください。"))
}

/// Asks the portal for a newer release. Nothing is downloaded yet.
#[tauri::command]
pub async fn check_update(
    app: AppHandle,
    state: State<'_, AppState>,
    pending: State<'_, PendingUpdate>,
) -> Result<Reply<cmd::CheckUpdate>, CommandError> {
    // A build run from cargo, not installed from a package, has nothing to update.
    if tauri::utils::platform::bundle_type().is_none() {
        return Err(banner(
            "このアプリはインストーラーから入れたものではないため、ここからは更新できません。",
        ));
    }
    let (portal, _) = state.settings.portal_url();
    let mut builder = app
        .updater_builder()
        .endpoints(vec![endpoint(&portal)?])
        .map_err(update_error)?
        .timeout(Duration::from_secs(30));
    if let Some(proxy) = state.settings.proxy().and_then(|p| Url::parse(p).ok()) {
        builder = builder.proxy(proxy);
    }
    let found = builder
        .build()
        .map_err(update_error)?
        .check()
        .await
        .map_err(update_error)?;
    let offer = found.as_ref().map(|u| UpdateOffer {
        version: u.version.clone(),
        current: u.current_version.clone(),
        notes: u.body.clone().unwrap_or_default(),
    });
    if let Some(o) = &offer {
        tracing::info!(version = %o.version, current = %o.current, "update offered");
    }
    *pending.0.lock().await = found;
    Ok(offer)
}

/// Downloads the offered release, checks its signature, installs it (the OS asks for an
/// administrator where it must). Answers the installed version.
#[tauri::command]
pub async fn install_update(
    state: State<'_, AppState>,
    pending: State<'_, PendingUpdate>,
) -> Result<Reply<cmd::InstallUpdate>, CommandError> {
    let update = pending
        .0
        .lock()
        .await
        .clone()
        .ok_or_else(|| banner("先に「更新を確認」を押してください。"))?;
    // The signature is checked here, before anything is written.
    let emit = state.events.emitter();
    let mut received = 0_u64;
    let bytes = update
        .download(
            move |chunk, total| {
                received += chunk as u64;
                emit(AppEvent::UpdateProgress { received, total });
            },
            || {},
        )
        .await
        .map_err(update_error)?;
    let version = update.version.clone();
    // dpkg/rpm or the installer runs synchronously; keep it off the async workers.
    tauri::async_runtime::spawn_blocking(move || update.install(bytes))
        .await
        .map_err(|_| banner("更新に失敗しました。時間をおいて、もう一度お試しください。"))?
        .map_err(update_error)?;
    tracing::info!(%version, "update installed");
    *pending.0.lock().await = None;
    Ok(version)
}

/// Starts the app again, on the version just installed.
#[tauri::command]
pub fn restart_app(app: AppHandle) -> Reply<cmd::RestartApp> {
    app.restart()
}

#[cfg(test)]
mod tests {
    use super::endpoint;

    #[test]
    fn the_endpoint_keeps_the_updaters_placeholders_under_the_portal() {
        let url = endpoint("https://portal.example.jp/")
            .expect("url")
            .to_string();
        assert!(
            url.starts_with("https://portal.example.jp/api/v1/updates/"),
            "{url}"
        );
        for p in ["target", "arch", "bundle_type", "current_version"] {
            assert!(
                url.contains(&format!("%7B%7B{p}%7D%7D")) || url.contains(&format!("{{{{{p}}}}}")),
                "{p} in {url}"
            );
        }
    }
}
