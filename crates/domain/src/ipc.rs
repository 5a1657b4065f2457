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

/// A form as a draft keeps it: everything but the passwords, which by this type can never
/// reach the local database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftFields {
    pub family_name: String,
    pub given_name: String,
    pub facility_kind: String,
    pub judo_prefix: String,
    pub registration_number: String,
    pub phone: String,
    pub email: String,
    pub terms_accepted: bool,
}

impl DraftFields {
    pub fn from_form(form: &crate::RegistrationForm) -> DraftFields {
        DraftFields {
            family_name: form.family_name.clone(),
            given_name: form.given_name.clone(),
            facility_kind: form.facility_kind.clone(),
            judo_prefix: form.judo_prefix.clone(),
            registration_number: form.registration_number.clone(),
            phone: form.phone.clone(),
            email: form.email.clone(),
            terms_accepted: form.terms_accepted,
        }
    }

    /// The form with the passwords the user types at sending.
    pub fn with_password(&self, password: &str) -> crate::RegistrationForm {
        crate::RegistrationForm {
            family_name: self.family_name.clone(),
            given_name: self.given_name.clone(),
            facility_kind: self.facility_kind.clone(),
            judo_prefix: self.judo_prefix.clone(),
            registration_number: self.registration_number.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            password: password.to_owned(),
            password_confirmation: password.to_owned(),
            terms_accepted: self.terms_accepted,
        }
    }

    /// The rule set on everything a draft holds; the passwords and the terms are asked at
    /// sending and are not judged here.
    pub fn errors(&self) -> Vec<FieldError> {
        crate::registration::RegistrationDetails::parse(
            &self.family_name,
            &self.given_name,
            &self.facility_kind,
            &self.judo_prefix,
            &self.registration_number,
            &self.phone,
            &self.email,
        )
        .err()
        .unwrap_or_default()
    }

    /// `kind:canonical number` once the number is complete: a draft per facility.
    pub fn facility_key(&self) -> Option<String> {
        let n = self.with_password("").normalized();
        let kind = crate::FacilityKind::from_key(&n.facility_kind)?;
        let number =
            crate::RegistrationNumber::parse(kind, &n.judo_prefix, &n.registration_number).ok()?;
        Some(format!("{}:{}", kind.key(), number.canonical()))
    }
}

pub use crate::draft_lifecycle::DraftState;

/// A draft as the 下書き screen and the form show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub fields: DraftFields,
    pub state: DraftState,
    /// 施術所名 from the cache or the portal, when known.
    pub facility_name: Option<String>,
    /// Unix seconds.
    pub updated_at: i64,
    /// The portal's field errors of a 差戻し.
    pub errors: Vec<FieldError>,
    /// Why the last attempt to send failed, and when the next one is due (unix seconds).
    pub last_error: Option<String>,
    pub next_attempt_at: Option<i64>,
    pub attempts: i64,
    /// The address the activation mail went to, once sent.
    pub sent_to: Option<String>,
}

/// `save_draft`'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSaved {
    pub updated_at: i64,
    /// Another draft already holds this facility: this one is kept without claiming it.
    pub duplicate_of: Option<String>,
    /// Where the draft stands after the save (a queued or sent one is not changed).
    pub state: DraftState,
}

/// `send_draft`'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SendOutcome {
    /// The portal accepted it: the activation mail is on its way.
    Sent { receipt: String, email: String },
    /// The portal could not be reached: queued, sent by itself later.
    Queued { message: String },
}

/// The offline facility cache, for the screens that show its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheInfo {
    pub facilities: i64,
    /// Unix seconds of the last snapshot import or sync; 0 when empty.
    pub updated_at: i64,
    /// "snapshot" (shipped with the app) or "portal" (synced).
    pub source: String,
}

/// `import_drafts`' answer: what was imported, and every row left out with its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftImport {
    pub imported: usize,
    pub rejected: Vec<RejectedRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRow {
    /// 1-based line of the file (the header is line 1).
    pub line: u64,
    pub reason: String,
}

/// A newer release the portal offers (`check_update`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateOffer {
    pub version: String,
    /// The running version.
    pub current: String,
    /// What changed, as the release notes say.
    pub notes: String,
}

/// 接続確認 gives up after this long, and says so beforehand.
pub const CONNECTION_CHECK_SECS: u64 = 10;
