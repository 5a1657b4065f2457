//! Madoguchi's desktop backend: Tauri commands over the portal client, the settings file
//! and the OS keyring. The UI reaches all of it through `invoke` only.

mod commands;
mod credentials;
mod error;
mod logging;
mod portal_client;
mod settings;
mod state;

use tauri::Manager;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("the window system or webview failed: {0}")]
    Tauri(#[from] tauri::Error),
}

/// Builds and runs the app until its last window closes.
pub fn run() -> Result<(), StartError> {
    logging::init();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "starting");
    tauri::Builder::default()
        .setup(|app| {
            let dir = app.path().app_config_dir()?;
            app.manage(state::AppState::new(settings::SettingsStore::new(&dir)));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info::app_info,
            commands::lookup::lookup_facility,
            commands::notices::notices,
            commands::registration::submit_registration,
            commands::registration::registration_state,
            commands::session::login,
            commands::session::login_saved,
            commands::session::keep_login,
            commands::session::saved_login,
            commands::session::current_account,
            commands::session::logout,
            commands::settings::get_settings,
            commands::settings::set_portal_url,
            commands::settings::check_connection,
        ])
        .run(tauri::generate_context!())?;
    Ok(())
}
