//! メールアドレス: at most 40 characters of a–z 0–9 . - _ and exactly one @; the domain
//! has a dot. It is also the portal's ユーザー名.

use serde::Serialize;

use crate::error::{Field, FieldError};
use crate::normalize::email_field;

pub const EMAIL_MAX_CHARS: usize = 40;
/// Longest raw input worth normalising: 40 full-width characters and some white space fit.
/// Anything longer is refused before NFKC, which can grow a string eighteenfold (U+FDFA).
pub const EMAIL_RAW_MAX_BYTES: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

fn format_error() -> FieldError {
    FieldError::new(
        Field::Email,
        "email.format",
        "メールアドレス：「名前@ドメイン」の形式で入力してください（例：taro@example.jp）。",
    )
}

fn too_long() -> FieldError {
    FieldError::new(
        Field::Email,
        "email.too_long",
        "メールアドレス：40文字以内で入力してください。",
    )
}

fn is_dot_atoms(part: &str) -> bool {
    !part.is_empty() && part.split('.').all(|atom| !atom.is_empty())
}

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        if raw.len() > EMAIL_RAW_MAX_BYTES {
            return Err(too_long());
        }
        let value = email_field(raw);
        if value.is_empty() {
            return Err(FieldError::new(
                Field::Email,
                "email.required",
                "メールアドレス：必須項目です。入力してください。",
            ));
        }
        if value.chars().count() > EMAIL_MAX_CHARS {
            return Err(too_long());
        }
        let allowed = |c: char| matches!(c, 'a'..='z' | '0'..='9' | '.' | '-' | '_' | '@');
        if !value.chars().all(allowed) {
            return Err(FieldError::new(
                Field::Email,
                "email.invalid_char",
                "メールアドレス：英小文字、数字、ピリオド(.)、ハイフン(-)、アンダーバー(_)と@のみ使用できます。",
            ));
        }
        let mut parts = value.split('@');
        let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format_error());
        };
        if local.is_empty() || !is_dot_atoms(domain) || !domain.contains('.') {
            return Err(format_error());
        }
        Ok(EmailAddress(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
