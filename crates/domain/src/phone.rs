//! 電話番号: 半角数字・ハイフン無し; after normalising, `^0\d{9,10}$`.

use serde::Serialize;

use crate::error::{Field, FieldError};
use crate::normalize::digits_field;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let value = digits_field(raw);
        if value.is_empty() {
            return Err(FieldError::new(
                Field::Phone,
                "phone.required",
                "電話番号：必須項目です。入力してください。",
            ));
        }
        if !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::new(
                Field::Phone,
                "phone.not_digits",
                "電話番号：半角数字をハイフン無しで入力してください。",
            ));
        }
        if !value.starts_with('0') {
            return Err(FieldError::new(
                Field::Phone,
                "phone.leading_zero",
                "電話番号：先頭の「0」から入力してください。",
            ));
        }
        // Fixed lines have 10 digits; mobile, 050 and 0800 numbers have 11.
        if !(10..=11).contains(&value.len()) {
            return Err(FieldError::new(
                Field::Phone,
                "phone.length",
                "電話番号：10桁または11桁の番号を入力してください。",
            ));
        }
        Ok(PhoneNumber(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
