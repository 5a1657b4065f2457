//! The desktop app's own interface between its UI (wasm) and its backend (Tauri commands):
//! argument and answer types, and the error every command can give, already worded for
//! the user. Shared so that neither side carries a copy.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// What a command failure means for the screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CommandError {
    /// The portal (or the backend's own check) found field errors: show them on the fields.
    Fields {
        message: String,
        errors: Vec<FieldError>,
    },
    /// Not found (a facility number, a receipt): show the message by the field.
    NotFound { message: String },
    /// Login refused or session over.
    Unauthorized { message: String },
    /// Anything else: a banner; what the user typed stays.
    Banner { message: String },
}

impl CommandError {
    pub fn message(&self) -> &str {
        match self {
            CommandError::Fields { message, .. }
            | CommandError::NotFound { message }
            | CommandError::Unauthorized { message }
            | CommandError::Banner { message } => message,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppInfo {
    pub name: String,
    pub version: String,
}

/// Settings as the Settings screen shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    pub portal_url: String,
    /// "environment", "user" or "default".
    pub source: String,
    pub saved_login: Option<String>,
}
