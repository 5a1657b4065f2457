//! The portal's own pages as a clinic sees them in its browser: headless Chromium over
//! WebDriver, against the real portal and SMTP catcher. With the strict CSP these pages
//! send, a policy that forbids the wrong thing breaks them only in a browser: each test
//! checks the style arrived and the form works. Screenshots go to target/screenshots/.

use madoguchi_e2e::browser::BrowserSession;
use madoguchi_testkit::portal::{self, Backend};

/// The portal's header colour (#1f3a68): present only if the CSP let the page's style in.
const HEADER_BACKGROUND: &str = "rgb(31, 58, 104)";

fn judo_form(email: &str) -> serde_json::Value {
    serde_json::json!({
        "family_name": "基金", "given_name": "太郎", "facility_kind": "judo",
        "judo_prefix": "契", "registration_number": "012345678", "phone": "0120123456",
        "email": email, "password": "Sekkotsu2024", "password_confirmation": "Sekkotsu2024",
        "terms_accepted": true,
    })
}

/// Registers `email` over the API and returns the link of its activation mail.
async fn register(portal: &portal::RunningPortal, http: &reqwest::Client, email: &str) -> String {
    let r = http
        .post(format!("{}/api/v1/registrations", portal.base))
        .json(&judo_form(email))
        .send()
        .await
        .expect("register");
    assert_eq!(r.status(), 202);
    portal.mail.wait_for(email, 1).await[0].link("http")
}

/// Types `password` twice on the reset page and presses its button.
async fn submit_password(browser: &BrowserSession, password: &str) {
    for field in ["#password", "#password_confirmation"] {
        browser.type_into(field, password).await.expect("type");
    }
    browser
        .click("form button[type=submit]")
        .await
        .expect("再設定する");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_activation_page_shows_the_registration_and_completes_it() {
    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    let email = "browser@example.jp";
    let link = register(&portal, &madoguchi_testkit::http::client(), email).await;

    let browser = BrowserSession::launch().await.expect("Chromium starts");
    browser.open(&link).await.expect("open the mail's link");
    let summary = browser.text_of("#summary").await.expect("the summary");
    for shown in [
        "施術所（柔道整復）",
        "契0123456-7-8",
        "基金接骨院",
        "基金 太郎",
    ] {
        assert!(summary.contains(shown), "{shown} not in {summary}");
    }
    let warning = browser.text_of(".warning").await.expect("the warning");
    assert_eq!(
        warning,
        "お心当たりのない場合は、ボタンを押さずにこのメールを破棄してください。"
    );
    assert_eq!(
        browser
            .style_of("header", "background-color")
            .await
            .expect("style"),
        HEADER_BACKGROUND,
        "the page's style is allowed by its CSP"
    );
    browser
        .screenshot("portal-activation")
        .await
        .expect("screenshot");
    browser
        .click("form button[type=submit]")
        .await
        .expect("ユーザー登録完了はこちら");
    let result = browser.text_of("#result").await.expect("the result page");
    assert_eq!(result, "ユーザー登録が完了いたしました。");
    browser
        .screenshot("portal-activation-done")
        .await
        .expect("screenshot");
    portal.mail.wait_for(email, 2).await;

    // 「画面右上の「ログイン」ボタンをクリックください」: it is there, last, and it works.
    let last = browser
        .text_of("header nav li:last-child")
        .await
        .expect("header");
    assert_eq!(last, "ログイン");
    browser.click("#header-login").await.expect("ログイン");
    browser
        .type_into("#email", email)
        .await
        .expect("ユーザー名");
    browser
        .type_into("#password", "Wrong-pass1")
        .await
        .expect("password");
    browser
        .click("form button[type=submit]")
        .await
        .expect("ログイン");
    let refused = browser.text_of("#login-error").await.expect("refused");
    assert!(refused.contains("正しくありません"), "{refused}");
    browser
        .type_into("#password", "Sekkotsu2024")
        .await
        .expect("password");
    browser
        .click("form button[type=submit]")
        .await
        .expect("ログイン");
    assert_eq!(
        browser.text_of("#result").await.expect("signed in"),
        "ログインしました。"
    );
    browser
        .screenshot("portal-login")
        .await
        .expect("screenshot");

    // The footer's 【各種リンク】 (manual p.7): four links, each to the portal's document.
    for link in madoguchi_domain::documents::PortalLink::ALL {
        browser
            .click(&format!("footer a[href='{}']", link.path()))
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", link.label()));
        assert_eq!(
            browser.text_of("#document-title").await.expect("title"),
            link.label()
        );
    }
    browser.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_reset_page_refuses_a_weak_password_and_sets_a_good_one() {
    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    let email = "reset@example.jp";
    let http = madoguchi_testkit::http::client();
    let link = register(&portal, &http, email).await;
    let token = link.split("token=").nth(1).unwrap_or_default().to_owned();
    let r = http
        .post(format!("{}/activate", portal.base))
        .form(&[("token", token)])
        .send()
        .await
        .expect("activate");
    assert_eq!(r.status(), 200);
    let r = http
        .post(format!("{}/api/v1/password-resets", portal.base))
        .json(&serde_json::json!({ "email": email }))
        .send()
        .await
        .expect("ask");
    assert_eq!(r.status(), 202);
    let link = portal.mail.wait_for(email, 3).await[2].link("http");

    let browser = BrowserSession::launch().await.expect("Chromium starts");
    browser.open(&link).await.expect("open the mail's link");
    assert_eq!(
        browser
            .style_of("header", "background-color")
            .await
            .expect("style"),
        HEADER_BACKGROUND
    );
    submit_password(&browser, "Password1").await;
    let error = browser.text_of("p.error").await.expect("refused");
    assert!(error.contains("推測されやすい"), "{error}");
    browser
        .screenshot("portal-reset-refused")
        .await
        .expect("screenshot");
    submit_password(&browser, "Kaisei2026x").await;
    let result = browser.text_of("#result").await.expect("the result page");
    assert_eq!(result, "パスワードを再設定しました。");
    browser
        .screenshot("portal-reset-done")
        .await
        .expect("screenshot");
    let changed = portal.mail.wait_for(email, 4).await;
    assert!(changed[3].body.contains("パスワードが変更されました。"));
    browser.close().await.expect("closes");
}
