//! Shared steps of the flow tests.

use madoguchi_e2e::app::AppSession;
use madoguchi_testkit::portal::{self, Backend, RunningPortal};
use madoguchi_testkit::smtp::Mail;

pub const PASSWORD: &str = "Sekkotsu2024";

/// A portal and the app pointed at it.
pub async fn portal_and_app() -> (RunningPortal, AppSession) {
    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    let app = AppSession::launch_with(&[("MADOGUCHI_PORTAL_URL", portal.base.clone())])
        .await
        .expect("the app starts under WebDriver");
    (portal, app)
}

pub struct Facility {
    pub kind: &'static str,
    pub prefix: Option<&'static str>,
    /// As a clinic types it: full-width digits, hyphens.
    pub typed: &'static str,
    pub display: &'static str,
    pub name: &'static str,
}

pub const JUDO: Facility = Facility {
    kind: "judo",
    prefix: Some("契"),
    typed: "０１２３４５６－７－８",
    display: "契0123456-7-8",
    name: "基金接骨院",
};
pub const AHAKI: Facility = Facility {
    kind: "ahaki",
    prefix: None,
    typed: "01234567-8-9",
    display: "01234567-8-9",
    name: "基金鍼灸院",
};
pub const KENSHIN: Facility = Facility {
    kind: "kenshin",
    prefix: None,
    typed: "０１１０１１３７１９",
    display: "0110113719",
    name: "札幌中央健診センター",
};
pub const JOSAN: Facility = Facility {
    kind: "josan",
    prefix: None,
    typed: "1312345678",
    display: "1312345678",
    name: "みなと助産院",
};

/// From the top page to the form: 姓, 名 and the kind (`judo`, `ahaki`, …) chosen.
pub async fn start_form(app: &AppSession, kind: &str) {
    app.click("a.entry.primary")
        .await
        .expect("新規ユーザー登録はこちら");
    app.wait_for_text("main h2", "ユーザー登録")
        .await
        .expect("the form");
    app.type_into("#family_name", "基金").await.expect("姓");
    app.type_into("#given_name", "太郎").await.expect("名");
    app.click(&format!("#facility_kind-{kind}"))
        .await
        .expect("所属機関選択");
}

/// The fields after the number: phone, address, passwords, the terms.
pub async fn finish_form(app: &AppSession, email: &str) {
    app.type_into("#phone", "0312345678").await.expect("phone");
    app.type_into("#email", email).await.expect("email");
    app.type_into("#password", PASSWORD).await.expect("pw");
    app.type_into("#password_confirmation", PASSWORD)
        .await
        .expect("pw2");
    app.click("#terms").await.expect("terms");
}

/// From the top page to a filled-in registration form whose facility has been looked up.
pub async fn fill_form(app: &AppSession, f: &Facility, email: &str) {
    start_form(app, f.kind).await;
    if let Some(prefix) = f.prefix {
        app.click(&format!("#judo_prefix option[value='{prefix}']"))
            .await
            .expect("① 協/契");
    }
    app.type_into("#registration_number", f.typed)
        .await
        .expect("number");
    app.wait_for_value("#facility_name", f.name)
        .await
        .expect("施術所名 fills in by itself");
    assert_eq!(
        app.value_of("#facility_display")
            .await
            .expect("登録記号番号"),
        f.display
    );
    app.type_into("#phone", "０１２０－１２３－４５６７")
        .await
        .expect("電話番号");
    app.wait_for_text("#phone-normalized", "01201234567")
        .await
        .expect("the normalised phone is shown");
    app.type_into("#email", email)
        .await
        .expect("メールアドレス");
    app.type_into("#password", PASSWORD)
        .await
        .expect("パスワード");
    app.type_into("#password_confirmation", PASSWORD)
        .await
        .expect("確認用");
    app.click("#terms").await.expect("利用規約に同意");
}

/// A filled-in form sent (登録, OK), its link used in the browser, and 完了 shown.
pub async fn register_and_activate(
    portal: &RunningPortal,
    app: &AppSession,
    f: &Facility,
    email: &str,
) {
    fill_form(app, f, email).await;
    app.click("#register-submit").await.expect("登録");
    app.click("#confirm-ok").await.expect("OK");
    let mails = portal.mail.wait_for(email, 1).await;
    activate_in_browser(&mails[0], &portal.base).await;
    app.wait_for_text("#complete-message", "ユーザー登録が完了いたしました。")
        .await
        .expect("完了");
}

/// Whether nothing on the page matches `css` right now.
pub async fn absent(app: &AppSession, css: &str) -> bool {
    app.client
        .find(fantoccini::Locator::Css(css))
        .await
        .is_err()
}

/// What a user does in the browser with the activation mail: open the link, press the
/// button (manual steps 6–7).
pub async fn activate_in_browser(mail: &Mail, base: &str) {
    let link = mail.link(&format!("{base}/activate?token="));
    let client = madoguchi_testkit::http::client();
    let page = client
        .get(&link)
        .send()
        .await
        .expect("open link")
        .text()
        .await
        .expect("page");
    assert!(page.contains("ユーザー登録完了はこちら"));
    let token = link.split("token=").nth(1).unwrap_or_default();
    let done = client
        .post(format!("{base}/activate"))
        .form(&[("token", token)])
        .send()
        .await
        .expect("press the button")
        .text()
        .await
        .expect("page");
    assert!(done.contains("ユーザー登録が完了いたしました。"), "{done}");
}

/// Every file the app wrote, as text, for "no password on disk" checks.
pub fn files_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p) {
                out.push((p, bytes));
            }
        }
    }
    out
}
