//! パスワード: 8–100 characters, at least one upper-case letter, one lower-case letter and
//! one digit (manual); printable ASCII without spaces [A]. Never normalised, never shown,
//! never logged: `Debug` prints a placeholder and the bytes are wiped on drop.

use std::sync::OnceLock;

use zeroize::Zeroizing;

use crate::error::{Field, FieldError};

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 100;

/// The manual's own rule text (p.5), used for every length and class error.
const RULE_TEXT: &str =
    "パスワード：大文字/小文字/数字をそれぞれ1文字以上、かつ8文字以上100文字以内で入力してください。";

/// Common passwords that pass the rules above in some spelling (ASVS 6.2.4): the public
/// 10,000-entry list, filtered by scripts/make-common-passwords.sh, lower case, sorted.
const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");

fn common_list() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| COMMON_PASSWORDS.lines().collect())
}

/// Case-insensitive: "Password1" is as guessable as "password1".
fn is_common(raw: &str) -> bool {
    let lower = Zeroizing::new(raw.to_ascii_lowercase());
    common_list().binary_search(&lower.as_str()).is_ok()
}

pub struct Password(Zeroizing<String>);

impl Password {
    /// Parses the password alone; see [`Password::parse_confirmed`] for the form.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        if raw.is_empty() {
            return Err(FieldError::new(
                Field::Password,
                "password.required",
                "パスワード：必須項目です。入力してください。",
            ));
        }
        // Printable ASCII only: an IME left on would otherwise slip in full-width letters
        // the user cannot see are different.
        if !raw.chars().all(|c| c.is_ascii_graphic()) {
            return Err(FieldError::new(
                Field::Password,
                "password.invalid_char",
                "パスワード：半角英数字・記号のみ使用できます（空白・全角文字は使用できません）。",
            ));
        }
        let len = raw.chars().count();
        if len < PASSWORD_MIN_CHARS {
            return Err(FieldError::new(
                Field::Password,
                "password.too_short",
                RULE_TEXT,
            ));
        }
        if len > PASSWORD_MAX_CHARS {
            return Err(FieldError::new(
                Field::Password,
                "password.too_long",
                RULE_TEXT,
            ));
        }
        if !raw.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(FieldError::new(
                Field::Password,
                "password.missing_upper",
                RULE_TEXT,
            ));
        }
        if !raw.chars().any(|c| c.is_ascii_lowercase()) {
            return Err(FieldError::new(
                Field::Password,
                "password.missing_lower",
                RULE_TEXT,
            ));
        }
        if !raw.chars().any(|c| c.is_ascii_digit()) {
            return Err(FieldError::new(
                Field::Password,
                "password.missing_digit",
                RULE_TEXT,
            ));
        }
        if is_common(raw) {
            return Err(FieldError::new(
                Field::Password,
                "password.common",
                "パスワード：よく使われていて推測されやすいパスワードです。別のパスワードを入力してください。",
            ));
        }
        Ok(Password(Zeroizing::new(raw.to_owned())))
    }

    /// The form's pair: the password, and パスワード（確認用） which must equal it.
    /// Returns every error of both fields.
    pub fn parse_confirmed(raw: &str, confirmation: &str) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let password = Password::parse(raw).map_err(|e| errors.push(e)).ok();
        if confirmation.is_empty() {
            errors.push(FieldError::new(
                Field::PasswordConfirmation,
                "password_confirmation.required",
                "パスワード（確認用）：必須項目です。入力してください。",
            ));
        } else if confirmation != raw {
            errors.push(FieldError::new(
                Field::PasswordConfirmation,
                "password_confirmation.mismatch",
                "パスワード（確認用）：パスワードと一致しません。同じパスワードを入力してください。",
            ));
        }
        match password {
            Some(p) if errors.is_empty() => Ok(p),
            _ => Err(errors),
        }
    }

    /// The secret itself, for hashing or for the keyring only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(********)")
    }
}

impl Clone for Password {
    fn clone(&self) -> Self {
        Password(self.0.clone())
    }
}

impl PartialEq for Password {
    fn eq(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

impl Eq for Password {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_list_is_sorted_and_passes_the_length_rule() {
        let list = common_list();
        assert!(list.len() > 300, "{}", list.len());
        assert!(
            list.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        assert!(list.iter().all(|p| p.len() >= PASSWORD_MIN_CHARS));
    }

    #[test]
    fn a_common_password_is_refused_in_any_case() {
        for p in ["Password1", "PASSword1", "Trustno1", "Abcd1234"] {
            let e = Password::parse(p).expect_err(p);
            assert_eq!(e.code, "password.common", "{p}");
            assert!(e.message.contains("推測されやすい"));
        }
        assert!(Password::parse("Sekkotsu2024").is_ok());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let p = Password::parse("Secret123").expect("valid");
        assert!(!format!("{p:?}").contains("Secret123"));
    }
}
