//! 姓 and 名: required, trimmed, full-width allowed, at most 50 characters each.

use serde::Serialize;

use crate::error::{Field, FieldError};
use crate::normalize::name_field;

/// Upper bound per name part [A]: the manual gives none; 50 fits every real name.
pub const NAME_MAX_CHARS: usize = 50;

struct NameRules {
    required: FieldError,
    too_long: FieldError,
    control: FieldError,
}

fn parse_name(raw: &str, rules: NameRules) -> Result<String, FieldError> {
    let value = name_field(raw);
    if value.is_empty() {
        return Err(rules.required);
    }
    if value.chars().count() > NAME_MAX_CHARS {
        return Err(rules.too_long);
    }
    if value.chars().any(char::is_control) {
        return Err(rules.control);
    }
    Ok(value)
}

/// 姓: can only exist valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FamilyName(String);

impl FamilyName {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        parse_name(
            raw,
            NameRules {
                required: FieldError::new(
                    Field::FamilyName,
                    "family_name.required",
                    "姓：必須項目です。入力してください。",
                ),
                too_long: FieldError::new(
                    Field::FamilyName,
                    "family_name.too_long",
                    "姓：50文字以内で入力してください。",
                ),
                control: FieldError::new(
                    Field::FamilyName,
                    "family_name.invalid_char",
                    "姓：改行やタブなどの制御文字は使用できません。",
                ),
            },
        )
        .map(FamilyName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// 名: can only exist valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct GivenName(String);

impl GivenName {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        parse_name(
            raw,
            NameRules {
                required: FieldError::new(
                    Field::GivenName,
                    "given_name.required",
                    "名：必須項目です。入力してください。",
                ),
                too_long: FieldError::new(
                    Field::GivenName,
                    "given_name.too_long",
                    "名：50文字以内で入力してください。",
                ),
                control: FieldError::new(
                    Field::GivenName,
                    "given_name.invalid_char",
                    "名：改行やタブなどの制御文字は使用できません。",
                ),
            },
        )
        .map(GivenName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
