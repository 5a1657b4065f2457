//! The portal's mails, in the manual's words (ユーザー登録手順書 pp.6–8).

use madoguchi_domain::contact::{CALL_CENTER_PHONE, MAIL_CENTER_NAME, MAIL_OPERATORS, PORTAL_NAME};

pub struct Mail {
    pub subject: String,
    pub body: String,
}

fn footer(base_url: &str) -> String {
    format!(
        "■ {PORTAL_NAME}\n{base_url}\n\n\
         ※本メールは送信専用です。本メールへの返信にはご回答できません。\n\
         ※本メールにお心当たりのない場合やご不明な点がある場合は以下よりお問い合わせください。\n\n\
         {}\n{}\n{}\n\n\
         オンライン資格確認に関するお問い合わせ先\n\
         {MAIL_CENTER_NAME} : {CALL_CENTER_PHONE} (通話無料)\n\
         月曜日～金曜日 8：00～18：00 土曜日 8：00～16：00 (いずれも祝日を除く)\n",
        MAIL_OPERATORS[0], MAIL_OPERATORS[1], MAIL_OPERATORS[2]
    )
}

/// メールアドレス登録確認メール (manual step 5–6).
pub fn activation(
    family_name: &str,
    given_name: &str,
    url: &str,
    lifetime_hours: i64,
    base_url: &str,
) -> Mail {
    Mail {
        subject: format!("【{PORTAL_NAME}】メールアドレス登録確認"),
        body: format!(
            "{family_name} {given_name} 様\n\n\
             {PORTAL_NAME}へのユーザー登録のお申し込みを受け付けました。\n\n\
             ユーザー登録完了は以下からお願いいたします。\n\
             {url}\n\n\
             ※このURLの有効期限は、本メールの送信から{lifetime_hours}時間です。\
             経過した場合は、お手数ですが最初からユーザー登録を行ってください。\n\
             ※URLが途中で改行されている場合は、URL全文をコピーいただき、ブラウザの検索窓へ貼り付けてアクセスください。\n\n\
             {}",
            footer(base_url)
        ),
    }
}

/// Sent instead of an activation mail when the address already has an account, so that
/// the registration answer never tells a stranger which addresses are registered.
pub fn already_registered(base_url: &str) -> Mail {
    Mail {
        subject: format!("【{PORTAL_NAME}】ユーザー登録のお申し込みについて"),
        body: format!(
            "{PORTAL_NAME}へのユーザー登録のお申し込みを受け付けましたが、\
             このメールアドレスは既にユーザー登録が完了しています。\n\n\
             ・ログインは、ユーザー名（このメールアドレス）と設定いただいたパスワードで行ってください。\n\
             ・パスワードをお忘れの場合は、ログイン画面からパスワードの再設定を行ってください。\n\
             ・お申し込みにお心当たりのない場合は、このメールを破棄してください。アカウントは変更されていません。\n\n\
             {}",
            footer(base_url)
        ),
    }
}

/// ユーザー登録完了メール (manual step 8).
pub fn completion(email: &str, base_url: &str) -> Mail {
    Mail {
        subject: format!("【{PORTAL_NAME}】ユーザー登録完了のお知らせ"),
        body: format!(
            "{PORTAL_NAME}へのユーザー登録について、\n手続きが完了しましたので通知いたします。\n\n\
             =====\n\n\
             ・ユーザー名 : {email}\n\n\
             ・パスワード : 設定いただいたパスワード\n\n\
             =====\n\n\
             {}",
            footer(base_url)
        ),
    }
}

pub fn password_reset(url: &str, lifetime_hours: i64, base_url: &str) -> Mail {
    Mail {
        subject: format!("【{PORTAL_NAME}】パスワード再設定のご案内"),
        body: format!(
            "パスワード再設定のお申し込みを受け付けました。\n\n\
             以下のURLから新しいパスワードを設定してください。\n\
             {url}\n\n\
             ※このURLの有効期限は{lifetime_hours}時間で、一度だけ使用できます。\n\
             ※お申し込みにお心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。\n\n\
             {}",
            footer(base_url)
        ),
    }
}

/// Sent when failed logins in a row locked the account for everyone.
pub fn account_locked(base_url: &str, hours: i64) -> Mail {
    Mail {
        subject: format!("【{PORTAL_NAME}】アカウントがロックされました"),
        body: format!(
            "ログインの失敗が続いたため、このメールアドレスのアカウントを一時的にロックしました。\n\n\
             ・ロックは{hours}時間後に解除されます。\n\
             ・すぐにログインする場合は、ログイン画面の「パスワードをお忘れの方はこちら」からパスワードを再設定してください。再設定が完了するとロックは解除されます。\n\
             ・ご自身の操作でない場合、第三者がログインを試みた可能性があります。パスワードの再設定をお勧めします。\n\n\
             {}",
            footer(base_url)
        ),
    }
}

/// Sent after a completed password reset.
pub fn password_changed(base_url: &str) -> Mail {
    Mail {
        subject: format!("【{PORTAL_NAME}】パスワード変更のお知らせ"),
        body: format!(
            "パスワードが変更されました。\n\n\
             ・ログイン中だった端末はすべてログアウトされました。新しいパスワードでログインしてください。\n\
             ・お心当たりのない場合は、すぐにログイン画面からパスワードを再設定し、下記のお問い合わせ先へご連絡ください。\n\n\
             {}",
            footer(base_url)
        ),
    }
}
