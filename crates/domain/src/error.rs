//! Field errors: a stable machine code plus the Japanese message the user sees.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A field of the registration form. The serialised key is what the API and the UI use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    FamilyName,
    GivenName,
    FacilityKind,
    /// 柔道整復 ① 入力項目: 協 or 契.
    JudoPrefix,
    /// The digits of the registration number (② for 柔道整復, the only number otherwise).
    RegistrationNumber,
    Phone,
    Email,
    Password,
    PasswordConfirmation,
    Terms,
}

impl Field {
    /// Every field in the order the form shows them; used to focus the first error.
    pub const ALL: [Field; 10] = [
        Field::FamilyName,
        Field::GivenName,
        Field::FacilityKind,
        Field::JudoPrefix,
        Field::RegistrationNumber,
        Field::Phone,
        Field::Email,
        Field::Password,
        Field::PasswordConfirmation,
        Field::Terms,
    ];

    /// The key used in JSON and as the DOM id stem.
    pub const fn key(self) -> &'static str {
        match self {
            Field::FamilyName => "family_name",
            Field::GivenName => "given_name",
            Field::FacilityKind => "facility_kind",
            Field::JudoPrefix => "judo_prefix",
            Field::RegistrationNumber => "registration_number",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Password => "password",
            Field::PasswordConfirmation => "password_confirmation",
            Field::Terms => "terms",
        }
    }
}

/// One broken rule on one field. Also used for warnings (which never block).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: Field,
    /// Stable machine code such as `email.too_long`; never changes once released.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub code: Cow<'static, str>,
    /// The Japanese message shown to the user; it names the field and the rule.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub message: Cow<'static, str>,
}

impl FieldError {
    pub(crate) const fn new(field: Field, code: &'static str, message: &'static str) -> Self {
        FieldError {
            field,
            code: Cow::Borrowed(code),
            message: Cow::Borrowed(message),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for FieldError {}
