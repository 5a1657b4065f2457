//! 登録記号番号 and its counterparts, one shape per facility kind.
//!
//! | kind | typed | shown |
//! |---|---|---|
//! | 柔道整復 | ① 協/契 + ② 9 digits | `契0123456-7-8` |
//! | あはき | 10 digits | `01234567-8-9` |
//! | 健診実施機関等 | 健診機関番号, 10 digits (check digit: warning only) | `0110113719` |
//! | 助産所 | 機関コード, 10 digits [A] | `0123456789` |
//!
//! No check digit is documented for 受領委任 numbers, so only their shape is checked.

use serde::{Deserialize, Serialize};

use crate::error::{Field, FieldError};
use crate::facility::FacilityKind;
use crate::normalize::digits_field;

/// 柔道整復 ① 入力項目: 協 (協定, member of an association) or 契 (個人契約).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum JudoPrefix {
    #[serde(rename = "協")]
    Kyo,
    #[serde(rename = "契")]
    Kei,
}

impl JudoPrefix {
    pub const ALL: [JudoPrefix; 2] = [JudoPrefix::Kyo, JudoPrefix::Kei];

    pub const fn as_str(self) -> &'static str {
        match self {
            JudoPrefix::Kyo => "協",
            JudoPrefix::Kei => "契",
        }
    }

    /// The select's value; "" is the default 「－なし－」 and is invalid.
    pub fn parse(raw: &str) -> Result<JudoPrefix, FieldError> {
        match raw.trim() {
            "協" => Ok(JudoPrefix::Kyo),
            "契" => Ok(JudoPrefix::Kei),
            "" | "－なし－" => Err(FieldError::new(
                Field::JudoPrefix,
                "judo_prefix.required",
                "① 入力項目：受領委任承諾通知書の登録記号番号の欄の記載にそって、「協」または「契」を選択してください。",
            )),
            _ => Err(FieldError::new(
                Field::JudoPrefix,
                "judo_prefix.unknown",
                "① 入力項目：「協」または「契」のいずれかを選択してください。",
            )),
        }
    }
}

/// How many digits each kind's number has.
pub const fn digit_count(kind: FacilityKind) -> usize {
    match kind {
        FacilityKind::Judo => 9,
        FacilityKind::Ahaki | FacilityKind::Kenshin | FacilityKind::Josan => 10,
    }
}

/// The per-kind wording of the number field's errors (manual pp.5–6 where it has them).
struct NumberMessages {
    required: &'static str,
    shape: &'static str,
}

const fn messages(kind: FacilityKind) -> NumberMessages {
    match kind {
        FacilityKind::Judo => NumberMessages {
            required: "② 入力項目：必須項目です。受領委任承諾通知書の登録記号番号の数字部分9桁をご入力ください。",
            shape: "② 入力項目：受領委任承諾通知書の登録記号番号の欄の記載にそって、数字部分9桁をご入力ください（半角数字・ハイフン無し）。",
        },
        FacilityKind::Ahaki => NumberMessages {
            required: "入力項目：必須項目です。受領委任承諾通知書の登録記号番号10桁をご入力ください。",
            shape: "入力項目：受領委任承諾通知書をご確認の上、登録記号番号10桁（半角数字・ハイフン無し）をご入力ください。",
        },
        FacilityKind::Kenshin => NumberMessages {
            required: "健診機関番号：必須項目です。10桁の健診機関番号をご入力ください。",
            shape: "健診機関番号：10桁の半角数字（ハイフン無し）でご入力ください。",
        },
        FacilityKind::Josan => NumberMessages {
            required: "機関コード：必須項目です。10桁の機関コードをご入力ください。",
            shape: "機関コード：10桁の半角数字（ハイフン無し）でご入力ください。",
        },
    }
}

/// A facility's number, valid for its kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RegistrationNumber {
    kind: FacilityKind,
    prefix: Option<JudoPrefix>,
    digits: String,
}

impl RegistrationNumber {
    /// Parses the number field(s) of `kind`. `prefix_raw` is only read for 柔道整復.
    /// Returns every error of ① and ② at once.
    pub fn parse(
        kind: FacilityKind,
        prefix_raw: &str,
        digits_raw: &str,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let prefix = match kind {
            FacilityKind::Judo => JudoPrefix::parse(prefix_raw)
                .map_err(|e| errors.push(e))
                .ok(),
            _ => None,
        };
        let digits = digits_field(digits_raw);
        let text = messages(kind);
        if digits.is_empty() {
            errors.push(FieldError::new(
                Field::RegistrationNumber,
                "registration_number.required",
                text.required,
            ));
        } else if !digits.bytes().all(|b| b.is_ascii_digit()) {
            errors.push(FieldError::new(
                Field::RegistrationNumber,
                "registration_number.not_digits",
                text.shape,
            ));
        } else if digits.len() != digit_count(kind) {
            errors.push(FieldError::new(
                Field::RegistrationNumber,
                "registration_number.length",
                text.shape,
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(RegistrationNumber {
            kind,
            prefix,
            digits,
        })
    }

    /// Parses the canonical form written by [`RegistrationNumber::canonical`]
    /// (`契012345678`, or the bare digits), as stored in databases and CSV files.
    pub fn from_canonical(kind: FacilityKind, canonical: &str) -> Result<Self, Vec<FieldError>> {
        match kind {
            FacilityKind::Judo => {
                let mut chars = canonical.chars();
                let prefix: String = chars.next().map(String::from).unwrap_or_default();
                RegistrationNumber::parse(kind, &prefix, chars.as_str())
            }
            _ => RegistrationNumber::parse(kind, "", canonical),
        }
    }

    pub fn kind(&self) -> FacilityKind {
        self.kind
    }

    pub fn prefix(&self) -> Option<JudoPrefix> {
        self.prefix
    }

    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// One string that identifies the number within its kind: `契012345678` or digits.
    pub fn canonical(&self) -> String {
        match self.prefix {
            Some(p) => format!("{}{}", p.as_str(), self.digits),
            None => self.digits.clone(),
        }
    }

    /// The number as one integer, distinct for every kind, prefix and digits: a key for
    /// in-memory indexes, hashed and compared without touching a string.
    pub fn key(&self) -> u64 {
        // At most 10 digits (< 2^34), checked by `parse`; a leading zero is kept apart by
        // the kind, whose digit count is fixed.
        let digits = self
            .digits
            .bytes()
            .fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
        let kind = match self.kind {
            FacilityKind::Judo => 0u64,
            FacilityKind::Ahaki => 1,
            FacilityKind::Kenshin => 2,
            FacilityKind::Josan => 3,
        };
        let prefix = match self.prefix {
            None => 0u64,
            Some(JudoPrefix::Kyo) => 1,
            Some(JudoPrefix::Kei) => 2,
        };
        kind << 40 | prefix << 36 | digits
    }

    /// As printed on 受領委任承諾通知書: `契0123456-7-8`, `01234567-8-9`.
    pub fn display(&self) -> String {
        let d = &self.digits;
        match (self.kind, self.prefix) {
            (FacilityKind::Judo, Some(p)) => {
                format!("{}{}-{}-{}", p.as_str(), &d[..7], &d[7..8], &d[8..])
            }
            (FacilityKind::Ahaki, _) => format!("{}-{}-{}", &d[..8], &d[8..9], &d[9..]),
            _ => d.clone(),
        }
    }

    /// Doubts that never block: a 健診機関番号 whose check digit does not match
    /// (public documents use placeholders such as 1234567890 that fail it).
    pub fn warnings(&self) -> Vec<FieldError> {
        if self.kind == FacilityKind::Kenshin && !kenshin_check_digit_ok(&self.digits) {
            vec![FieldError::new(
                Field::RegistrationNumber,
                "registration_number.check_digit",
                "健診機関番号：末尾の検証番号が計算と一致しません。番号に誤りがないかご確認ください（このまま登録することもできます）。",
            )]
        } else {
            Vec::new()
        }
    }
}

/// 医療機関コード-style check digit: from the right-most digit of the 9-digit body multiply
/// by 2, 1, 2, 1…, add the digits of each product; check = (10 − sum mod 10) mod 10.
pub fn kenshin_check_digit_ok(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    if bytes.len() != 10 || !bytes.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = bytes[..9]
        .iter()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let product = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            product / 10 + product % 10
        })
        .sum();
    u32::from(bytes[9] - b'0') == (10 - sum % 10) % 10
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tell_every_kind_prefix_and_number_apart() {
        let n = |kind, canonical| {
            RegistrationNumber::from_canonical(kind, canonical)
                .expect("valid")
                .key()
        };
        let keys = [
            n(FacilityKind::Judo, "協012345678"),
            n(FacilityKind::Judo, "契012345678"),
            n(FacilityKind::Judo, "契112345678"),
            n(FacilityKind::Ahaki, "0012345678"),
            n(FacilityKind::Kenshin, "0012345678"),
            n(FacilityKind::Josan, "0012345678"),
            n(FacilityKind::Josan, "9999999999"),
        ];
        let distinct: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(distinct.len(), keys.len(), "{keys:?}");
        assert_eq!(keys[1], n(FacilityKind::Judo, "契012345678"));
    }

    #[test]
    fn check_digit_accepts_the_public_examples_and_rejects_the_placeholder() {
        for ok in ["0110113719", "5521111111", "6631111116"] {
            assert!(kenshin_check_digit_ok(ok), "{ok}");
        }
        assert!(!kenshin_check_digit_ok("1234567890"));
    }
}
