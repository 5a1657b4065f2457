//! The portal's documents and the footer's 【各種リンク】 (manual p.7). The portal serves each
//! at its path; the app opens them in the system browser, on the portal's own host only.

use serde::{Deserialize, Serialize};

/// A document the portal publishes. The app can open nothing else in the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PortalLink {
    PrivacyPolicy,
    TermsOfUse,
    RelatedSites,
    VendorContact,
}

impl PortalLink {
    /// In the order of the footer's 【各種リンク】.
    pub const ALL: [PortalLink; 4] = [
        PortalLink::PrivacyPolicy,
        PortalLink::TermsOfUse,
        PortalLink::RelatedSites,
        PortalLink::VendorContact,
    ];

    /// The footer's wording (manual p.7).
    pub const fn label(self) -> &'static str {
        match self {
            PortalLink::PrivacyPolicy => "プライバシーポリシー",
            PortalLink::TermsOfUse => "ポータルサイト利用規約",
            PortalLink::RelatedSites => "関連サイトへのリンク",
            PortalLink::VendorContact => {
                "システムベンダ・事業者向けお問い合わせ先 「医療機関等ONS」"
            }
        }
    }

    /// Where the portal serves it, under its base address.
    pub const fn path(self) -> &'static str {
        match self {
            PortalLink::PrivacyPolicy => "/privacy",
            PortalLink::TermsOfUse => "/terms",
            PortalLink::RelatedSites => "/links",
            PortalLink::VendorContact => "/ons",
        }
    }

    pub const fn key(self) -> &'static str {
        match self {
            PortalLink::PrivacyPolicy => "privacy",
            PortalLink::TermsOfUse => "terms",
            PortalLink::RelatedSites => "links",
            PortalLink::VendorContact => "ons",
        }
    }
}

/// 施術所等向け総合ポータルサイト利用規約: the portal's page is the binding text.
pub const TERMS_OF_USE: [&str; 6] = [
    "本サイトは、施術所、健診実施機関等及び助産所が、オンライン資格確認（資格確認限定型）等を利用するために提供されます。",
    "ユーザー登録は、1つの施術所等につき1アカウントとし、ユーザー名はメールアドレスとします。",
    "登録内容は正確に入力し、変更があった場合は速やかに届け出てください。",
    "パスワードは利用者の責任で管理し、第三者に知らせないでください。",
    "不正アクセスその他、本サイトの運営を妨げる行為を禁止します。",
    "本サイトは、保守等のため予告なく停止することがあります。",
];

/// プライバシーポリシー: the portal's page is the binding text.
pub const PRIVACY_POLICY: [&str; 3] = [
    "取得する情報：氏名、所属機関、登録記号番号等、電話番号、メールアドレス。",
    "利用目的：ユーザー登録、本人確認、オンライン資格確認等の利用に関する連絡。",
    "パスワードは復元できない形式で保存され、運営者も知ることはできません。",
];

/// What the app's summaries say of themselves, next to the link to the binding text.
pub const SUMMARY_NOTE: &str = "この画面は本アプリが表示する要約です。効力を持つのは、ポータルサイトに掲載されている正式な文書です。";
