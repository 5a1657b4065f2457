//! One walk through the whole flow per facility kind.

use madoguchi_domain::contact::PORTAL_SENDER;

use crate::support::{
    activate_in_browser, files_under, fill_form, portal_and_app, Facility, AHAKI, JOSAN, JUDO,
    KENSHIN, PASSWORD,
};

async fn walk(f: Facility, shots: bool) {
    let (portal, app) = portal_and_app().await;
    let email = format!("{}.kikin@example.jp", f.kind);
    // Typed in capitals: the app lowers it, as the portal allows only lower case.
    fill_form(&app, &f, &email.to_uppercase()).await;
    app.wait_for_text("#email-normalized", &email)
        .await
        .expect("the lowered address is shown");
    if shots {
        app.screenshot("register-form").await.expect("screenshot");
    }
    app.click("#register-submit").await.expect("登録");

    let table = app
        .wait_for_text("#confirm-table", f.name)
        .await
        .expect("入力内容確認");
    for shown in ["基金", "太郎", f.display, "01201234567", email.as_str()] {
        assert!(table.contains(shown), "確認 lacks {shown}: {table}");
    }
    assert!(!table.contains(PASSWORD), "the password is masked");
    if shots {
        app.screenshot("confirm").await.expect("screenshot");
    }
    app.click("#confirm-ok").await.expect("OK");

    app.wait_for_text("#sent-to", &email)
        .await
        .expect("メール送信");
    let message = app
        .wait_for_text("#sent-message", "有効化リンク")
        .await
        .expect("the manual's text");
    assert!(message.contains("ご確認をお願いいたします。"));
    // The sender to let through a mail filter, as the manual names it (p.6), and as the
    // mail that arrives carries it.
    let sender = app.text_of("#sent-from").await.expect("送信元");
    assert!(sender.contains(PORTAL_SENDER), "{sender}");
    if shots {
        app.screenshot("sent").await.expect("screenshot");
    }
    let mails = portal.mail.wait_for(&email, 1).await;
    assert!(
        mails[0].raw.contains(&format!("<{PORTAL_SENDER}>")),
        "the mail comes from the sender the screen names"
    );
    activate_in_browser(&mails[0], &portal.base).await;

    // The app notices by itself that the link was used.
    app.wait_for_text("#complete-message", "ユーザー登録が完了いたしました。")
        .await
        .expect("完了");
    if shots {
        app.screenshot("complete").await.expect("screenshot");
    }
    // 完了 points to 「画面右上の「ログイン」ボタン」: it is the header's right-most item.
    let page = app.text_of("main").await.expect("完了");
    assert!(page.contains("画面右上の「ログイン」ボタン"), "{page}");
    let last = app
        .text_of(".header-items li:last-child")
        .await
        .expect("header");
    assert_eq!(last, "ログイン");
    app.click("#skip-keep").await.expect("保存せずに");

    app.wait_for_text("main h2", "ログイン")
        .await
        .expect("ログイン");
    app.type_into("#login-email", &email).await.expect("email");
    app.type_into("#login-password", PASSWORD)
        .await
        .expect("password");
    if shots {
        app.screenshot("login").await.expect("screenshot");
    }
    app.click("#login-submit").await.expect("ログイン");
    app.wait_for_text("#account-facility", f.name)
        .await
        .expect("signed in");
    assert_eq!(
        app.text_of("#account-email").await.expect("ユーザー名"),
        email
    );
    if shots {
        app.screenshot("account").await.expect("screenshot");
    }
    // Nothing the app wrote holds the password.
    for (path, bytes) in files_under(app.config_home()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(PASSWORD),
            "the password is in {}",
            path.display()
        );
    }
    app.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread")]
async fn judo_registers_end_to_end() {
    walk(JUDO, true).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ahaki_registers_end_to_end() {
    walk(AHAKI, false).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn kenshin_registers_end_to_end() {
    walk(KENSHIN, false).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn josan_registers_end_to_end() {
    walk(JOSAN, false).await;
}
