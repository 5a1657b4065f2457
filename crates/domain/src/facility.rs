//! The four kinds of facility (所属機関) that register on the portal.

use serde::{Deserialize, Serialize};

use crate::error::{Field, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FacilityKind {
    /// 施術所（柔道整復）
    Judo,
    /// 施術所（あん摩マッサージ指圧・はり・きゅう）
    Ahaki,
    /// 健診実施機関等
    Kenshin,
    /// 助産所
    Josan,
}

impl FacilityKind {
    /// In the order of the portal's 所属機関選択.
    pub const ALL: [FacilityKind; 4] = [
        FacilityKind::Judo,
        FacilityKind::Ahaki,
        FacilityKind::Kenshin,
        FacilityKind::Josan,
    ];

    /// Stable key used in forms, URLs, CSV files and databases.
    pub const fn key(self) -> &'static str {
        match self {
            FacilityKind::Judo => "judo",
            FacilityKind::Ahaki => "ahaki",
            FacilityKind::Kenshin => "kenshin",
            FacilityKind::Josan => "josan",
        }
    }

    /// The label of the portal's 所属機関選択 (manual p.4).
    pub const fn label(self) -> &'static str {
        match self {
            FacilityKind::Judo => "施術所（柔道整復）",
            FacilityKind::Ahaki => "施術所（あん摩マッサージ指圧・はり・きゅう）",
            FacilityKind::Kenshin => "健診実施機関等",
            FacilityKind::Josan => "助産所",
        }
    }

    pub fn from_key(key: &str) -> Option<FacilityKind> {
        FacilityKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// A kind as a person writes it in a spreadsheet: the key, the portal's label, or its
    /// short name (柔道整復, あはき, 健診実施機関等, 助産所).
    pub fn from_name(name: &str) -> Option<FacilityKind> {
        let name = crate::normalize::nfkc(name.trim());
        FacilityKind::ALL.into_iter().find(|k| {
            let short = match k {
                FacilityKind::Judo => "柔道整復",
                FacilityKind::Ahaki => "あはき",
                FacilityKind::Kenshin => "健診実施機関等",
                FacilityKind::Josan => "助産所",
            };
            name == k.key() || name == crate::normalize::nfkc(k.label()) || name == short
        })
    }

    /// Parses the 所属機関選択 value; nothing chosen is an error on that field.
    pub fn parse(raw: &str) -> Result<FacilityKind, FieldError> {
        match raw.trim() {
            "" => Err(FieldError::new(
                Field::FacilityKind,
                "facility_kind.required",
                "所属機関選択：所属機関を選択してください。",
            )),
            key => FacilityKind::from_key(key).ok_or(FieldError::new(
                Field::FacilityKind,
                "facility_kind.unknown",
                "所属機関選択：一覧にある所属機関を選択してください。",
            )),
        }
    }
}

/// What a kind's number and name are called. 健診実施機関等 and 助産所 are not 施術所 and have
/// no 登録記号番号 (domain-notes: 健診機関番号 / 機関名, 機関コード / 助産所名).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindTerms {
    /// The number as the kind's documents call it: 登録記号番号, 健診機関番号, 機関コード.
    pub number: &'static str,
    /// The facility's name as the form shows it: 施術所名, 機関名, 助産所名.
    pub name: &'static str,
    /// The number field's label on the form (the manual's ② 入力項目 / 入力項目).
    pub number_field: &'static str,
    /// A number the master does not know. 受領委任 and its month of waiting concern
    /// 施術所 only.
    pub not_found: &'static str,
}

impl FacilityKind {
    pub const fn terms(self) -> KindTerms {
        const SEJUTSU_NOT_FOUND: &str = "入力された登録記号番号の施術所が見つかりません。番号をご確認ください。なお、新たに受領委任の取扱いを開始する施術所につきましては、手続の都合上、ユーザー登録が行えるまで1か月程度お時間を要する場合がございます。";
        match self {
            FacilityKind::Judo => KindTerms {
                number: "登録記号番号",
                name: "施術所名",
                number_field: "② 入力項目",
                not_found: SEJUTSU_NOT_FOUND,
            },
            FacilityKind::Ahaki => KindTerms {
                number: "登録記号番号",
                name: "施術所名",
                number_field: "入力項目",
                not_found: SEJUTSU_NOT_FOUND,
            },
            FacilityKind::Kenshin => KindTerms {
                number: "健診機関番号",
                name: "機関名",
                number_field: "健診機関番号",
                not_found:
                    "入力された健診機関番号の健診実施機関等が見つかりません。番号をご確認ください。",
            },
            FacilityKind::Josan => KindTerms {
                number: "機関コード",
                name: "助産所名",
                number_field: "機関コード",
                not_found: "入力された機関コードの助産所が見つかりません。番号をご確認ください。",
            },
        }
    }
}

impl std::fmt::Display for FacilityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sejutsu_words_mention_juryo_inin_or_the_month() {
        for kind in FacilityKind::ALL {
            let t = kind.terms();
            let sejutsu = matches!(kind, FacilityKind::Judo | FacilityKind::Ahaki);
            assert_eq!(t.not_found.contains("受領委任"), sejutsu, "{kind:?}");
            assert_eq!(t.not_found.contains("1か月程度"), sejutsu, "{kind:?}");
            assert_eq!(t.number == "登録記号番号", sejutsu, "{kind:?}");
            assert_eq!(t.name.contains("施術所"), sejutsu, "{kind:?}");
        }
    }
}
