//! Recovery from the app: resending the activation mail from メール送信, a forgotten
//! password from ログイン (the new one is set on the portal's page, as activation is),
//! and a kept login that the portal refuses after that offered to be updated.

use madoguchi_testkit::portal;
use madoguchi_testkit::portal::Backend;

use crate::support::{
    activate_in_browser, fill_form, register_and_activate, AHAKI, JUDO, PASSWORD,
};

const SERVICE: &str = "jp.madoguchi.desktop";

#[tokio::test(flavor = "multi_thread")]
async fn the_activation_mail_is_resent_from_the_sent_screen() {
    let portal = portal::start(Backend::Sqlite, |s| s.resend.cooldown_secs = 5).await;
    let app = madoguchi_e2e::app::AppSession::launch_with(&[(
        "MADOGUCHI_PORTAL_URL",
        portal.base.clone(),
    )])
    .await
    .expect("the app starts");
    let email = "resend@example.jp";
    fill_form(&app, &JUDO, email).await;
    app.click("#register-submit").await.expect("登録");
    app.click("#confirm-ok").await.expect("OK");
    let first = portal.mail.wait_for(email, 1).await[0].clone();

    // Too soon: the portal's cooldown is shown and counted down.
    app.click("#resend").await.expect("メールを再送する");
    app.wait_for_text("#resend-message", "まだ再送できません")
        .await
        .expect("told to wait");
    app.wait_for_text("#resend-wait", "秒で再送できます")
        .await
        .expect("the countdown");
    app.screenshot("resend-cooldown").await.expect("screenshot");
    app.wait_gone("#resend-wait")
        .await
        .expect("the countdown ends");
    app.click("#resend").await.expect("メールを再送する");
    app.wait_for_text("#resend-message", "再送しました")
        .await
        .expect("resent");
    let second = portal.mail.wait_for(email, 2).await[1].clone();

    let old = madoguchi_testkit::http::client()
        .get(first.link("http"))
        .send()
        .await
        .expect("open");
    assert_eq!(old.status(), 400, "the first link no longer works");
    activate_in_browser(&second, &portal.base).await;
    app.wait_for_text("#complete-message", "ユーザー登録が完了いたしました。")
        .await
        .expect("完了 after the resent link");
    app.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forgotten_password_is_reset_and_the_kept_login_updated() {
    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    let app = madoguchi_e2e::app::AppSession::launch_with(&[(
        "MADOGUCHI_PORTAL_URL",
        portal.base.clone(),
    )])
    .await
    .expect("the app starts");
    let email = "forgot@example.jp";
    fill_form(&app, &JUDO, email).await;
    app.click("#register-submit").await.expect("登録");
    app.click("#confirm-ok").await.expect("OK");
    activate_in_browser(&portal.mail.wait_for(email, 1).await[0], &portal.base).await;
    app.wait_for_text("#complete-message", "ユーザー登録が完了いたしました。")
        .await
        .expect("完了");
    app.click("#keep-login").await.expect("keep the login");
    app.wait_for_text("main h2", "ログイン")
        .await
        .expect("login screen");

    // 「パスワードをお忘れの方はこちら」: the address, then the mail.
    app.click("#forgot-open").await.expect("open");
    app.type_into("#forgot-email", email)
        .await
        .expect("address");
    app.click("#forgot-submit").await.expect("send");
    app.wait_for_text("#forgot-message", "メール内のURLを開き")
        .await
        .expect("told to open the mail");
    app.screenshot("forgot-password").await.expect("screenshot");
    let mails = portal.mail.wait_for(email, 3).await;
    let link = mails[2].link(&format!("{}/reset-password?token=", portal.base));
    let token = link.split("token=").nth(1).unwrap_or_default().to_owned();
    let new_password = "Kaisei2026x";
    let page = madoguchi_testkit::http::client()
        .post(format!("{}/reset-password", portal.base))
        .form(&[
            ("token", token.as_str()),
            ("password", new_password),
            ("password_confirmation", new_password),
        ])
        .send()
        .await
        .expect("set the new password")
        .text()
        .await
        .expect("page");
    assert!(page.contains("パスワードを再設定しました。"), "{page}");

    // The kept login now fails: the app offers to update it.
    app.click("#login-saved").await.expect("use the kept login");
    app.wait_for_text(
        ".banner",
        "保存されたパスワードではログインできませんでした",
    )
    .await
    .expect("the offer");
    assert_eq!(app.value_of("#login-email").await.expect("email"), email);
    app.type_into("#login-password", new_password)
        .await
        .expect("new password");
    app.click("#login-submit").await.expect("ログイン");
    app.wait_for_text("#account-facility", "基金接骨院")
        .await
        .expect("signed in");
    let entry = keyring::Entry::new(SERVICE, email).expect("entry");
    assert_eq!(
        entry.get_password().expect("kept"),
        new_password,
        "the kept login was updated"
    );
    assert_ne!(new_password, PASSWORD);
    app.close().await.expect("closes");
}

/// An address that already has an account gets, on a second registration, a mail saying so
/// instead of a link; when its 24 hours pass, the メール送信 screen must not tell that user a
/// link "became invalid" (there was none).
#[tokio::test(flavor = "multi_thread")]
async fn a_second_registration_of_an_address_is_never_told_its_link_expired() {
    let portal = portal::start(Backend::Sqlite, |s| s.activation_lifetime_secs = 4).await;
    let app = madoguchi_e2e::app::AppSession::launch_with(&[(
        "MADOGUCHI_PORTAL_URL",
        portal.base.clone(),
    )])
    .await
    .expect("app");
    let email = "twice.kikin@example.jp";
    register_and_activate(&portal, &app, &JUDO, email).await;
    app.click("#skip-keep").await.expect("保存せずに");
    app.click("a[href='#/']").await.expect("トップ");

    // The same address again, for another facility.
    fill_form(&app, &AHAKI, email).await;
    app.click("#register-submit").await.expect("登録");
    app.click("#confirm-ok").await.expect("OK");
    app.wait_for_text("#sent-to", email)
        .await
        .expect("メール送信");
    let told = app
        .wait_for_text("#sent-expired", "24時間が経過しました")
        .await
        .expect("the lifetime passes");
    assert!(!told.contains("無効になりました"), "{told}");
    assert!(told.contains("そのアカウントでログイン"), "{told}");
    app.close().await.expect("closes");
}
