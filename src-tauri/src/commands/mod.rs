//! One module per group of Tauri commands. Each validates with crates/domain before it
//! sends anything, and answers errors as `CommandError`.

pub mod about;
pub mod app_info;
pub mod drafts;
pub mod lookup;
pub mod notices;
pub mod registration;
pub mod session;
pub mod settings;
pub mod updates;
