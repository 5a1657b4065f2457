//! Logs go to stderr and, once the app knows its folders, to daily files in the OS's log
//! folder (`~/.local/share/jp.madoguchi.desktop/logs`, `%LOCALAPPDATA%\jp.madoguchi.desktop\logs`,
//! `~/Library/Logs/jp.madoguchi.desktop`), keeping the last 14 days. Filtered by `RUST_LOG`
//! (default: info for Madoguchi, warn else). Nothing personal is logged: no password,
//! token, name or address. The `log` records of Tauri, its plugins and reqwest come along
//! (tracing-log).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use tracing_appender::non_blocking::{NonBlocking, WorkerGuard};
use tracing_subscriber::fmt::format::{DefaultFields, Format};
use tracing_subscriber::prelude::*;
use tracing_subscriber::{fmt, reload, EnvFilter, Registry};

type FileLayer = Option<fmt::Layer<Registry, DefaultFields, Format, NonBlocking>>;

static FILE: OnceLock<reload::Handle<FileLayer, Registry>> = OnceLock::new();
// Dropping it flushes the file writer's queue: [`finish`] does, as the process ends (a
// static is never dropped, and the last lines, such as why the app did not start, would
// be lost).
static GUARD: Mutex<Option<WorkerGuard>> = Mutex::new(None);

const KEEP_DAYS: usize = 14;

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("warn,madoguchi_app=info"));
    let (file, handle) = reload::Layer::new(None);
    let installed = tracing_subscriber::registry()
        .with(file)
        .with(fmt::layer().with_writer(std::io::stderr))
        .with(filter)
        .try_init();
    // A second init (tests) is harmless: keep the first subscriber.
    if installed.is_ok() {
        let _ = FILE.set(handle);
    }
}

/// The OS's log folder for the app: what Tauri's `app_log_dir` gives, computed without a
/// running app so that the Windows checks run the very code the app does.
pub fn default_dir() -> Option<PathBuf> {
    if cfg!(target_os = "macos") {
        dirs::home_dir().map(|d| d.join("Library/Logs").join(crate::APP_ID))
    } else {
        dirs::data_local_dir().map(|d| d.join(crate::APP_ID).join("logs"))
    }
}

/// Starts writing to rotating files in `dir`.
pub fn to_folder(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("madoguchi")
        .filename_suffix("log")
        .max_log_files(KEEP_DAYS)
        .build(dir)
        .map_err(|e| e.to_string())?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    if let Ok(mut slot) = GUARD.lock() {
        *slot = Some(guard);
    }
    let layer = fmt::layer().with_ansi(false).with_writer(writer);
    match FILE.get() {
        Some(handle) => handle.reload(Some(layer)).map_err(|e| e.to_string()),
        None => Ok(()),
    }
}

/// Writes out what is queued for the log file; call as the process ends.
pub fn finish() {
    if let Ok(mut slot) = GUARD.lock() {
        slot.take();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn log_records_of_tauri_and_its_plugins_reach_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        super::init();
        super::to_folder(dir.path()).expect("log folder");
        log::warn!(target: "tauri_plugin_updater", "an update check failed: {}", 42);
        super::finish();
        let text: String = std::fs::read_dir(dir.path())
            .expect("files")
            .flatten()
            .map(|f| std::fs::read_to_string(f.path()).unwrap_or_default())
            .collect();
        assert!(text.contains("an update check failed: 42"), "{text:?}");
    }
}
