//! One module per Tauri command.

pub mod app_info;
