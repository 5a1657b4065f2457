//! Madoguchi's desktop backend: Tauri commands over the portal client, the local store
//! (drafts, facility cache, outbox), the settings file and the OS keyring. The UI reaches
//! all of it through `invoke` only.

mod commands;
pub mod credentials;
pub mod draft_import;
pub mod events;
pub mod failure;
pub mod logging;
mod navigation;
pub mod portal_client;
mod settings;
mod state;
pub mod store;
pub mod system_config;
mod test_env;
pub mod webkit_env;
pub mod workflow;

use std::sync::Arc;
use std::time::Duration;

use tauri::path::BaseDirectory;
use tauri::{AppHandle, Manager};

/// The app's identifier (tauri.conf.json's `identifier`): the name of its folders and of its
/// keyring service.
pub const APP_ID: &str = "jp.madoguchi.desktop";

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    // The user reads these in a message box; the technical cause goes to the log only.
    #[error(
        "窓口 Madoguchi を起動できませんでした。ログフォルダーの記録を IT 担当者にお伝えください。"
    )]
    Tauri(#[from] tauri::Error),
    #[error("この PC には Microsoft Edge WebView2 ランタイムがないため、窓口 Madoguchi の画面を表示できません。IT 担当者に WebView2 ランタイム（Evergreen スタンドアロン インストーラー）のインストールを依頼してください。")]
    NoWebView(String),
}

/// Builds and runs the app until its last window closes.
pub fn run() -> Result<(), StartError> {
    // First, while the process has one thread.
    webkit_env::choose();
    logging::init();
    match logging::default_dir() {
        Some(logs) => {
            if let Err(e) = logging::to_folder(&logs) {
                tracing::warn!(error = %e, "logs stay on stderr");
            }
        }
        None => tracing::warn!("no log folder"),
    }
    // The arguments are the updater's relaunch flags or a second launch's; nothing personal.
    let args: Vec<String> = std::env::args().skip(1).collect();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), ?args, "starting");
    #[cfg(target_os = "linux")]
    for (name, value) in webkit_env::chosen() {
        tracing::info!(name, ?value, "WebKit setting");
    }
    require_webview()?;
    let preset = system_config::load();
    tauri::Builder::default()
        // Must come first: a second launch hands over to the running one and exits.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance_id())
                .callback(|app, _argv, _cwd| bring_to_front(app))
                .build(),
        )
        // Holds the local database's pool (and closes it at exit); no `sql:` permission is
        // granted to the window, so only the backend reaches the database. The pool is
        // opened by the app after the window (see `open_store`), not preloaded by the plugin.
        .plugin(tauri_plugin_sql::Builder::new().build())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .plugin(navigation::guard())
        .manage(commands::updates::PendingUpdate::default())
        .setup(move |app| {
            let dir = app.path().app_config_dir()?;
            app.manage(state::AppState::new(
                settings::SettingsStore::new(&dir, preset.clone()),
                workflow::seeding::Seeding::new(snapshot_path(app.handle())),
            ));
            // The window is already on its way; the database opens beside it (on a fresh
            // profile: a new file, its migrations and their syncs to disk). Commands that
            // need it wait for it (`AppState::store`).
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                let pool = open_store(&handle, &dir).await;
                let state = handle.state::<state::AppState>();
                if let Some(pool) = &pool {
                    match store::facility_reader::FacilityReader::open(&dir.join(store::DB_FILE)) {
                        Ok(reader) => state.set_facilities(reader),
                        // The portal still answers look-ups; only the offline ones are lost.
                        Err(e) => tracing::warn!(error = %e, "the facility cache cannot be read"),
                    }
                    start_background(handle.clone(), pool.clone());
                }
                state.set_store(pool);
            });
            Ok(())
        })
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!())?
        .run(|_, event| {
            if let tauri::RunEvent::Exit = event {
                tracing::info!("exiting");
                logging::finish();
            }
        });
    Ok(())
}

/// The webview runtime the window needs: WebKitGTK (a package dependency) or WebView2, which
/// a Windows PC may lack; then the app says so instead of failing inside Tauri.
fn require_webview() -> Result<(), StartError> {
    match tauri::webview_version() {
        Ok(version) => {
            tracing::info!(%version, "webview runtime");
            Ok(())
        }
        Err(e) => {
            tracing::error!(error = %e, "no webview runtime");
            Err(StartError::NoWebView(e.to_string()))
        }
    }
}

/// Tells the user why the app did not start: a message box on Windows, whose release
/// build has no console; stderr elsewhere.
pub fn report_start_failure(e: &StartError) {
    tracing::error!(error = ?e, "could not start");
    logging::finish();
    #[cfg(windows)]
    {
        let _ = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("窓口 Madoguchi")
            .set_description(e.to_string())
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    eprintln!("{e}");
}

/// One instance per user profile: the D-Bus name (Linux) carries a digest of the folder the
/// profile's data lives in, so two users, or two test sessions with their own folders, do
/// not stop each other, while a second launch by the same user does hand over.
fn instance_id() -> String {
    use std::hash::{Hash, Hasher};
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .or_else(|| std::env::var_os("HOME"))
        .unwrap_or_default();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    base.hash(&mut h);
    format!("jp.madoguchi.desktop.p{:016x}", h.finish())
}

fn bring_to_front(app: &AppHandle) {
    tracing::info!("a second launch: bringing the window to the front");
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

/// Opens (creating and migrating) the local database in the app's config folder and hands
/// the pool to tauri-plugin-sql, under the address the plugin would have used.
async fn open_store(app: &AppHandle, dir: &std::path::Path) -> Option<sqlx::SqlitePool> {
    if let Err(e) = std::fs::create_dir_all(dir) {
        tracing::error!(error = %e, "the app's folder cannot be made; drafts are unavailable");
        return None;
    }
    let pool = match store::open(&dir.join(store::DB_FILE)).await {
        Ok(pool) => pool,
        Err(e) => {
            tracing::error!(error = %e, "the local database did not open; drafts are unavailable");
            return None;
        }
    };
    if let Some(instances) = app.try_state::<tauri_plugin_sql::DbInstances>() {
        instances.0.write().await.insert(
            store::DB_URL.to_owned(),
            tauri_plugin_sql::DbPool::Sqlite(pool.clone()),
        );
    }
    Some(pool)
}

/// The shipped snapshot, or (debug builds) the one `MADOGUCHI_FACILITY_SNAPSHOT` names.
fn snapshot_path(app: &AppHandle) -> Option<std::path::PathBuf> {
    if let Some(p) = test_env::var("MADOGUCHI_FACILITY_SNAPSHOT") {
        return Some(p.into());
    }
    app.path()
        .resolve("facility-snapshot.csv", BaseDirectory::Resource)
        .ok()
}

const SYNC_EVERY: Duration = Duration::from_secs(600);

fn start_background(app: AppHandle, pool: sqlx::SqlitePool) {
    let clients: workflow::outbox::PortalSource<portal_client::PortalClient> = {
        let app = app.clone();
        Arc::new(move || app.state::<state::AppState>().client().ok())
    };
    let wake = app.state::<state::AppState>().outbox_wake();
    let emit = app.state::<state::AppState>().events.emitter();
    tauri::async_runtime::spawn(workflow::outbox::run(
        pool.clone(),
        clients.clone(),
        workflow::OsKeyring,
        wake,
        emit.clone(),
    ));
    let seeding = app.state::<state::AppState>().seeding.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(workflow::seeding::SEED_AFTER).await;
        seeding.ensure(&pool).await;
        loop {
            if let Some(client) = clients() {
                match workflow::sync::sync(&pool, client.as_ref(), &emit).await {
                    Ok(n) => tracing::info!(changed = n, "facility cache synced"),
                    Err(e) => tracing::info!(error = %e, "facility cache not synced (offline?)"),
                }
            }
            tokio::time::sleep(SYNC_EVERY).await;
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_identifier_is_the_one_tauri_conf_json_gives() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json");
        assert_eq!(conf["identifier"], super::APP_ID);
    }
}
