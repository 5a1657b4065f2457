//! Request and response bodies of the portal API, shared by the desktop app (client) and
//! the portal server, so that neither can drift from the other.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::facility::FacilityKind;

pub use crate::registration::RegistrationForm as RegistrationRequest;

/// Header a client sets so that a retried registration returns the first answer.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

/// `GET /api/v1/facilities/{kind}/{number}`: the facility behind a registration number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacilityLookup {
    pub kind: FacilityKind,
    /// Canonical number (`契012345678` or digits).
    pub number: String,
    /// As printed on the notice (`契0123456-7-8`); the form's 登録記号番号 (自動入力).
    pub display: String,
    /// The form's 施術所名 (自動入力).
    pub name: String,
}

/// `POST /api/v1/registrations` accepted: the activation mail is on its way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationAccepted {
    /// Unguessable; the app asks the registration's state with it.
    pub receipt: String,
    /// The address as normalised, where the activation mail was sent.
    pub email: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RegistrationState {
    /// Mail sent, link not yet used.
    Pending,
    /// Link used: the account can log in.
    Active,
    /// The link's 24 hours passed: register again from the start.
    Expired,
}

/// `GET /api/v1/registrations/{receipt}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationStatus {
    pub state: RegistrationState,
}

/// `POST /api/v1/sessions`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

impl std::fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginRequest")
            .field("email", &self.email)
            .field("password", &"********")
            .finish()
    }
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Opaque bearer token; the portal stores only its hash.
    pub session_token: String,
    pub email: String,
    /// RFC 3339.
    pub expires_at: String,
}

impl std::fmt::Debug for LoginResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginResponse")
            .field("session_token", &"********")
            .field("email", &self.email)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// RFC 9457 problem details (`application/problem+json`), with the field errors of a 422.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type", default = "about_blank")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// `GET /api/v1/sessions/current`: who is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    /// Also the ユーザー名.
    pub email: String,
    pub family_name: String,
    pub given_name: String,
    pub facility_kind: FacilityKind,
    /// As printed on the notice (`契0123456-7-8`).
    pub facility_number: String,
    pub facility_name: Option<String>,
}

/// `POST /api/v1/password-resets`: mail a reset link to this address (if it has an account).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    pub email: String,
}

/// The answer to a request whose outcome arrives by mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accepted {
    pub message: String,
}

/// `POST /api/v1/registrations/{receipt}/resend`: the same answer in every state, and how
/// long to wait before the next resend may be asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResendAccepted {
    pub message: String,
    pub cooldown_secs: u64,
}

/// `GET /api/v1/notices`: one お知らせ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    /// Publication day, `YYYY-MM-DD`.
    pub date: String,
    pub title: String,
    pub body: String,
}

/// The field error of a registration whose facility is not in the master.
/// The answer to a number that is not in the facility master (manual p.5–6), in the
/// kind's own words.
pub fn facility_not_found(kind: crate::FacilityKind) -> FieldError {
    let t = kind.terms();
    FieldError {
        field: crate::Field::RegistrationNumber,
        code: std::borrow::Cow::Borrowed("registration_number.not_found"),
        message: std::borrow::Cow::Owned(format!("{}：{}", t.number_field, t.not_found)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_round_trips_with_the_rfc_9457_member_names() {
        let p = Problem {
            kind: "about:blank".into(),
            title: "入力内容に誤りがあります".into(),
            status: 422,
            detail: None,
            errors: vec![],
        };
        let json = serde_json::to_value(&p).expect("serialises");
        assert_eq!(json["type"], "about:blank");
        assert_eq!(json["status"], 422);
        let back: Problem = serde_json::from_value(json).expect("parses");
        assert_eq!(back, p);
    }

    #[test]
    fn login_request_debug_hides_the_password() {
        let r = LoginRequest {
            email: "a@b.jp".into(),
            password: "Secret123".into(),
        };
        assert!(!format!("{r:?}").contains("Secret123"));
    }
}

/// A facility as the master holds it: what the app's offline cache keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacilityRecord {
    pub kind: FacilityKind,
    /// Canonical number (`契012345678` or digits).
    pub number: String,
    pub name: String,
    pub prefecture: String,
    /// A closed facility can no longer register; the cache keeps it to say so.
    pub active: bool,
    /// The master import that last changed the row.
    pub version: i64,
}

/// Where a delta sync stands: every row up to `(version, kind, number)` is applied. An
/// empty `kind` means all of `version` is applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacilityCursor {
    pub version: i64,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub number: String,
}

/// `GET /api/v1/facility-changes`: the rows changed after a cursor, oldest change first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacilityChanges {
    pub facilities: Vec<FacilityRecord>,
    /// The cursor to ask from next time.
    pub next: FacilityCursor,
    /// More changes wait after `next`.
    pub more: bool,
    /// The master's newest version now. Below the client's cursor, the client holds a
    /// snapshot of another master and must start again from version 0.
    pub latest_version: i64,
}

/// `GET /api/v1/updates/{target}/{arch}/{bundle}/{current_version}`: a newer release, in the
/// form Tauri's updater reads (its "dynamic server" answer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateManifest {
    pub version: String,
    pub notes: String,
    /// RFC 3339.
    pub pub_date: String,
    /// Where the signed artifact is downloaded from.
    pub url: String,
    /// The contents of the artifact's `.sig` file (minisign, base64).
    pub signature: String,
}
