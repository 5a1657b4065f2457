//! The portal's fixed wording that the app and the portal's own pages both show.

/// The portal's name, in every header.
pub const PORTAL_NAME: &str = "施術所等向け総合ポータルサイト";

/// お問い合わせ先 (manual p.7).
pub const CALL_CENTER_NAME: &str = "オンライン資格確認等コールセンター";
pub const CALL_CENTER_PHONE: &str = "0800-080-4583";
pub const CALL_CENTER_HOURS: &str =
    "月曜日～金曜日（祝日を除く）8：00～18：00 土曜日（祝日を除く）8：00～16：00";
pub const CONTACT_EMAIL: &str = "contact@iryohokenjyoho-portalsite.jp";

/// The footer's operators and copyright.
pub const OPERATORS: [&str; 2] = [
    "社会保険診療報酬支払基金（情報化企画部・情報化支援部）",
    "国民健康保険中央会（番号制度対策本部）",
];
pub const COPYRIGHT: &str =
    "Copyright © Health Insurance Claims Review & Reimbursement services. All Rights Reserved.";

/// The sender of the portal's mail (manual p.6, メールアドレス登録確認メール送信画面).
pub const PORTAL_SENDER: &str = "from@mail.iryohokenjyoho-portalsite.jp";

/// The footer of the portal's mail, word for word as the manual shows the completion mail
/// (p.8): the operators without brackets, the fund's line, and the センター's own name.
pub const MAIL_OPERATORS: [&str; 3] = [
    "社会保険診療報酬支払基金 情報化企画部・情報化支援部",
    "国民健康保険中央会 番号制度対策本部",
    "オンライン資格確認・医療情報化支援基金関係",
];
pub const MAIL_CENTER_NAME: &str = "オンライン資格確認等センター";
