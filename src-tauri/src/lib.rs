//! Madoguchi's desktop backend: Tauri commands, and (as it grows) the local store, the
//! portal client and the keyring. The UI reaches all of it through `invoke` only.

mod commands;
mod logging;

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
        .invoke_handler(tauri::generate_handler![commands::app_info::app_info])
        .run(tauri::generate_context!())?;
    Ok(())
}
