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

impl std::fmt::Display for FacilityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}
