//! The portal's own HTML pages, opened from links in mail: activation and password reset.
//! They reproduce the portal's header and footer (manual p.7).

use madoguchi_domain::contact::{
    CALL_CENTER_HOURS, CALL_CENTER_NAME, CALL_CENTER_PHONE, CONTACT_EMAIL, COPYRIGHT, OPERATORS,
    PORTAL_NAME,
};
use madoguchi_domain::documents::{PortalLink, PRIVACY_POLICY, TERMS_OF_USE};
use madoguchi_domain::FieldError;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub const STYLE: &str = "body{margin:0;font-family:'Noto Sans CJK JP','Yu Gothic',Meiryo,sans-serif;color:#1a1a1a;line-height:1.7}\
header{display:flex;justify-content:space-between;align-items:center;background:#1f3a68;color:#fff;padding:.6rem 1.2rem}\
header h1{font-size:1.2rem;margin:0}header ul{display:flex;gap:1.2rem;list-style:none;margin:0;padding:0}header a{color:#fff}footer ul.links{list-style:none;margin:0;padding:0}\
main{max-width:880px;margin:0 auto;padding:1.5rem 1.2rem}\
.message{font-size:1.3rem;font-weight:bold}.error{color:#b00020}\
button{font:inherit;background:#0b63c5;color:#fff;border:0;border-radius:4px;padding:.6rem 2rem;cursor:pointer}\
label{display:block;font-weight:bold;margin-top:1rem}input{font:inherit;padding:.4rem;width:100%;max-width:28rem}\
footer{background:#fff4c2;padding:1rem 1.2rem;margin-top:2rem;font-size:.9rem}footer p{margin:.2rem 0}\
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.4rem .8rem;text-align:left}th{background:#f2f5fa}\
.warning{color:#b00020;font-weight:bold}";

/// A whole page with the portal's header and footer around `main` (already HTML).
pub fn layout(title: &str, main: &str) -> String {
    let links: String = PortalLink::ALL
        .iter()
        .map(|l| format!("<li>○<a href=\"{}\">{}</a></li>", l.path(), l.label()))
        .collect();
    format!(
        "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>{title} | {PORTAL_NAME}</title><style>{STYLE}</style></head><body>\
         <header><h1>{PORTAL_NAME}</h1><nav aria-label=\"サイト内メニュー\"><ul><li>お知らせ</li><li>よくある質問</li>\
         <li><a href=\"/login\" id=\"header-login\">ログイン</a></li></ul></nav></header>\
         <main>{main}</main>\
         <footer><p><strong>お問い合わせ先</strong></p>\
         <p>○{CALL_CENTER_NAME} {CALL_CENTER_PHONE} (通話無料)</p><p>{CALL_CENTER_HOURS}</p>\
         <p>メールアドレス : {CONTACT_EMAIL}</p>\
         <p>【各種リンク】</p><ul class=\"links\">{links}</ul>\
         <p>{}</p><p>{}</p><p>{COPYRIGHT}</p></footer></body></html>",
        OPERATORS[0],
        OPERATORS[1],
        title = escape(title),
    )
}

/// The portal's own documents, the binding texts the app's summaries point to.
pub fn document(link: PortalLink) -> String {
    let items = |list: &[&str]| -> String {
        list.iter()
            .map(|i| format!("<li>{}</li>", escape(i)))
            .collect()
    };
    let body = match link {
        PortalLink::TermsOfUse => format!("<ol>{}</ol>", items(&TERMS_OF_USE)),
        PortalLink::PrivacyPolicy => format!("<ul>{}</ul>", items(&PRIVACY_POLICY)),
        PortalLink::RelatedSites => {
            "<ul><li>社会保険診療報酬支払基金</li><li>国民健康保険中央会</li>\
             <li>厚生労働省 オンライン資格確認について</li></ul>"
                .to_owned()
        }
        PortalLink::VendorContact => "<p>システムベンダ・事業者の方からのお問い合わせは、\
             「医療機関等ONS」でお受けしております。</p>"
            .to_owned(),
    };
    layout(
        link.label(),
        &format!(
            "<h2 id=\"document-title\">{}</h2>{body}",
            escape(link.label())
        ),
    )
}

/// ログイン from the header of 完了 (manual step 7): the address and password registered.
pub fn login_form(email: &str, error: Option<&str>) -> String {
    let error = error
        .map(|e| {
            format!(
                "<p class=\"error\" role=\"alert\" id=\"login-error\">{}</p>",
                escape(e)
            )
        })
        .unwrap_or_default();
    layout(
        "ログイン",
        &format!(
            "<h2>ログイン</h2>{error}<form method=\"post\" action=\"/login\">\
             <label for=\"email\">ユーザー名（メールアドレス）</label>\
             <input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"username\" value=\"{}\">\
             <label for=\"password\">パスワード</label>\
             <input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\">\
             <p><button type=\"submit\">ログイン</button></p></form>",
            escape(email)
        ),
    )
}

pub fn login_done(email: &str) -> String {
    layout(
        "ログイン",
        &format!(
            "<p class=\"message\" id=\"result\">ログインしました。</p><p>ユーザー名：{}</p>",
            escape(email)
        ),
    )
}

/// What the activation page shows of the registration the button would complete.
pub struct PendingSummary {
    pub kind: &'static str,
    pub number: String,
    pub facility_name: String,
    pub registrant: String,
    pub applied_at: String,
}

/// Unix seconds as Japanese users read them, in Japan time: 2026年11月27日 12:03.
pub fn japan_time(unix: i64) -> String {
    let jst = time::UtcOffset::from_hms(9, 0, 0).unwrap_or(time::UtcOffset::UTC);
    match time::OffsetDateTime::from_unix_timestamp(unix) {
        Ok(t) => {
            let t = t.to_offset(jst);
            format!(
                "{}年{}月{}日 {:02}:{:02}",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute()
            )
        }
        Err(_) => String::new(),
    }
}

/// Manual step 6–7: the link opens this page; only the button (a POST) uses the token, so
/// a mail scanner that opens the link burns nothing. Anyone may register anyone's address,
/// so the page shows what would be registered, and how to refuse.
pub fn activation_confirm(token: &str, p: &PendingSummary) -> String {
    layout(
        "ユーザー登録",
        &format!(
            "<p>以下の内容でユーザー登録のお申し込みを受け付けています。</p>\
             <table id=\"summary\"><tbody>\
             <tr><th>所属機関</th><td>{}</td></tr>\
             <tr><th>番号</th><td>{}</td></tr>\
             <tr><th>名称</th><td>{}</td></tr>\
             <tr><th>登録者氏名</th><td>{}</td></tr>\
             <tr><th>お申し込み日時</th><td>{}</td></tr>\
             </tbody></table>\
             <p>内容に間違いがなければ、下のボタンを押してユーザー登録を完了してください。</p>\
             <p class=\"warning\">お心当たりのない場合は、ボタンを押さずにこのメールを破棄してください。</p>\
             <form method=\"post\" action=\"/activate\">\
             <input type=\"hidden\" name=\"token\" value=\"{}\">\
             <button type=\"submit\">ユーザー登録完了はこちら</button></form>",
            escape(p.kind),
            escape(&p.number),
            escape(&p.facility_name),
            escape(&p.registrant),
            escape(&p.applied_at),
            escape(token)
        ),
    )
}

/// Manual step 7.
pub fn activation_done() -> String {
    layout(
        "ユーザー登録完了",
        "<p class=\"message\" id=\"result\">ユーザー登録が完了いたしました。</p>\
         <p>ログインにつきましては、画面右上の「ログイン」ボタンをクリックください。</p>",
    )
}

/// Manual step 6: 「不正な操作が行われました。」 and its three explanations.
pub fn invalid_operation() -> String {
    layout(
        "エラー",
        "<p class=\"message error\" id=\"result\">不正な操作が行われました。</p>\
         <p>以下の点が考えられますのでご確認ください。</p><ul>\
         <li>改行等によりURLが一部欠損している可能性があります。<br>\
         URL全文をコピーいただき、ブラウザの検索窓へ貼り付けてアクセスください。</li>\
         <li>ユーザー登録完了後、再度URLを押下した可能性があります。<br>\
         ユーザー登録完了後に施術所等向け総合ポータルサイトにアクセスする場合は、ブラウザから「施術所等向け総合ポータルサイト」と検索ください。</li>\
         <li>メールが送信されてから24時間を経過している可能性があります。<br>\
         メールの受信から24時間を経過した場合は、再度最初からユーザー登録を行ってください。</li></ul>",
    )
}

pub fn reset_form(token: &str, errors: &[FieldError]) -> String {
    let errors: String = errors
        .iter()
        .map(|e| {
            format!(
                "<p class=\"error\" role=\"alert\">{}</p>",
                escape(&e.message)
            )
        })
        .collect();
    layout(
        "パスワード再設定",
        &format!(
            "<p>新しいパスワードを入力してください。</p>{errors}\
             <form method=\"post\" action=\"/reset-password\">\
             <input type=\"hidden\" name=\"token\" value=\"{}\">\
             <label for=\"password\">パスワード（大小英文字・数字をそれぞれ1文字以上ご入力ください。パスワードの長さは8文字以上100文字以下です）</label>\
             <input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"new-password\">\
             <label for=\"password_confirmation\">パスワード（確認用）</label>\
             <input type=\"password\" id=\"password_confirmation\" name=\"password_confirmation\" autocomplete=\"new-password\">\
             <p><button type=\"submit\">パスワードを再設定する</button></p></form>",
            escape(token)
        ),
    )
}

pub fn reset_done() -> String {
    layout(
        "パスワード再設定完了",
        "<p class=\"message\" id=\"result\">パスワードを再設定しました。</p><p>新しいパスワードでログインしてください。</p>",
    )
}

pub fn reset_invalid() -> String {
    layout(
        "エラー",
        "<p class=\"message error\" id=\"result\">不正な操作が行われました。</p>\
         <p>URLが一部欠損しているか、既に使用済みか、有効期限（24時間）が切れている可能性があります。\
         お手数ですが、もう一度パスワードの再設定をお申し込みください。</p>",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> PendingSummary {
        PendingSummary {
            kind: "助産所",
            number: "<b>1</b>".into(),
            facility_name: "みどり助産院".into(),
            registrant: "基金 花子".into(),
            applied_at: japan_time(0),
        }
    }

    #[test]
    fn tokens_and_details_are_escaped_into_the_form() {
        let page = activation_confirm("\"><script>", &summary());
        assert!(!page.contains("<script>"));
        assert!(!page.contains("<b>1</b>"));
        assert!(page.contains("ユーザー登録完了はこちら"));
        assert!(
            page.contains("お心当たりのない場合は、ボタンを押さずにこのメールを破棄してください。")
        );
    }

    #[test]
    fn times_are_shown_in_japan_time() {
        assert_eq!(japan_time(0), "1970年1月1日 09:00");
        assert_eq!(japan_time(1_795_741_380), "2026年11月27日 10:03");
    }
}
