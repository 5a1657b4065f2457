//! Keeping the login in the OS keyring: a real Secret Service (gnome-keyring under
//! dbus-run-session, started by scripts/test.sh). Keep, offer, forget.

use crate::support::{files_under, portal_and_app, register_and_activate, JUDO, PASSWORD};

const SERVICE: &str = "jp.madoguchi.desktop";

#[tokio::test(flavor = "multi_thread")]
async fn a_kept_login_is_offered_used_and_forgotten() {
    let (portal, app) = portal_and_app().await;
    let email = "keep@example.jp";
    register_and_activate(&portal, &app, &JUDO, email).await;
    app.click("#keep-login")
        .await
        .expect("保存してログイン画面へ");

    // The login screen comes once the keyring has answered (the call runs off the window's
    // thread), and offers the kept login.
    let offer = app
        .wait_for_text("#login-saved", email)
        .await
        .expect("offered");
    // Kept in the real keyring, nowhere else.
    let entry = keyring::Entry::new(SERVICE, email).expect("entry");
    assert_eq!(
        entry.get_password().expect("the keyring holds it"),
        PASSWORD
    );
    for (path, bytes) in files_under(app.config_home()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(PASSWORD),
            "password in {}",
            path.display()
        );
    }

    // Offered on the login screen, and it logs in without typing.
    assert!(offer.contains("でログイン"));
    app.screenshot("login-saved").await.expect("screenshot");
    app.click("#login-saved").await.expect("use it");
    app.wait_for_text("#account-facility", "基金接骨院")
        .await
        .expect("signed in");

    app.click("#logout-forget")
        .await
        .expect("ログアウトして削除");
    app.wait_for_text(".lead", "令和6年4月から")
        .await
        .expect("back at the top");
    assert!(
        matches!(entry.get_password(), Err(keyring::Error::NoEntry)),
        "forgotten"
    );
    app.click("a[href='#/login']").await.expect("ログイン");
    app.wait_for_text("main h2", "ログイン")
        .await
        .expect("login screen");
    assert!(
        app.client
            .find(fantoccini::Locator::Css("#login-saved"))
            .await
            .is_err(),
        "no longer offered"
    );
    app.close().await.expect("closes");
}
