//! The screens around the flow: 設定 (with its connection check), and the texts a clinic
//! reads before it registers.

use madoguchi_e2e::app::AppSession;

use crate::support::portal_and_app;

/// Types `address` as 設定's portal address and presses 保存.
async fn save_portal_address(app: &AppSession, address: &str) {
    app.element("#portal-url")
        .await
        .expect("field")
        .clear()
        .await
        .expect("clear");
    app.type_into("#portal-url", address).await.expect("type");
    // What 保存 will send is what the field shows (a refusal below is about this text).
    assert_eq!(app.value_of("#portal-url").await.expect("address"), address);
    app.click("#save-settings").await.expect("保存");
}

/// Waits for the banner's `text`; if it never comes, says what the screen showed instead.
async fn expect_banner(app: &AppSession, text: &str) {
    if let Err(e) = app.wait_for_text("#banner", text).await {
        let shown = app
            .text_of_now("main")
            .await
            .unwrap_or_else(|e| e.to_string());
        let field = app
            .value_of("#portal-url")
            .await
            .unwrap_or_else(|e| e.to_string());
        panic!("no banner {text:?} ({e}); the field holds {field:?}, the screen shows:\n{shown}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_checks_the_connection_and_the_texts_are_readable() {
    let (portal, app) = portal_and_app().await;
    app.click("a[href='#/settings']").await.expect("設定");
    assert_eq!(
        app.value_of("#portal-url").await.expect("address"),
        portal.base
    );
    app.wait_for_text("#portal-url-hint", "環境変数")
        .await
        .expect("where the address comes from");
    app.click("#check-connection").await.expect("接続確認");
    app.wait_for_text("#settings-message", "ポータルに接続できました。")
        .await
        .expect("connected");
    app.screenshot("settings").await.expect("screenshot");

    // A wrong address is refused with the rule, in Japanese.
    save_portal_address(&app, "portal.example.jp").await;
    expect_banner(&app, "https:// で始まるURLを入力してください").await;
    // Plain http to another computer would carry the password unencrypted.
    save_portal_address(&app, "http://portal.example.jp/").await;
    expect_banner(&app, "このパソコン上のポータル").await;

    for (link, heading, shot) in [
        ("a[href='#/faq']", "よくある質問", "faq"),
        ("a[href='#/manual']", "手順書・マニュアル", "manual"),
    ] {
        app.click("a[href='#/']").await.expect("トップ");
        app.click(link).await.expect(heading);
        app.wait_for_text("main h2", heading).await.expect(heading);
        app.screenshot(shot).await.expect("screenshot");
    }
    let faq_or_manual = app.text_of("main").await.expect("text");
    assert!(
        faq_or_manual.contains("24時間"),
        "the manual's steps mention the 24 h link"
    );

    app.click("a[href='#/']").await.expect("トップ");
    app.click("a.entry.primary")
        .await
        .expect("新規ユーザー登録はこちら");
    app.click("a[href='#/terms']").await.expect("利用規約");
    app.wait_for_text("main h2", "利用規約")
        .await
        .expect("terms");
    app.screenshot("terms").await.expect("screenshot");
    app.click("a[href='#/register']").await.expect("back");
    app.click("a[href='#/privacy']")
        .await
        .expect("プライバシーポリシー");
    app.wait_for_text("main h2", "プライバシーポリシー")
        .await
        .expect("privacy");

    // The window loads nothing but the app's own pages: a script sending it elsewhere (here
    // the portal itself) is refused, and the page stays.
    let before = app.client.current_url().await.expect("url");
    app.client
        .execute(
            &format!(
                "window.location.href = '{}/health'; return true;",
                portal.base
            ),
            vec![],
        )
        .await
        .expect("script");
    tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
    let after = app.client.current_url().await.expect("url");
    assert_eq!(after.scheme(), before.scheme(), "still the app: {after}");
    assert_eq!(
        after.host_str(),
        before.host_str(),
        "still the app: {after}"
    );
    app.wait_for_text("main h2", "プライバシーポリシー")
        .await
        .expect("the page stays");
    app.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread")]
async fn notices_from_the_portal_are_shown() {
    let (portal, app) = portal_and_app().await;
    madoguchi_portal::db::notices::publish(
        &portal.db,
        "m1",
        "メンテナンスのお知らせ",
        "12月1日 2:00～4:00 は停止します。",
        1_800_000_000,
    )
    .await
    .expect("publish");
    app.click("a[href='#/notices']").await.expect("お知らせ");
    let list = app
        .wait_for_text("#notices", "メンテナンスのお知らせ")
        .await
        .expect("shown");
    assert!(
        list.contains("2027-01-15") && list.contains("12月1日 2:00～4:00 は停止します。"),
        "{list}"
    );
    app.screenshot("notices").await.expect("screenshot");
    app.close().await.expect("closes");
}
