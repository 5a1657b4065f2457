//! Password reset by mailed link: 24 h, single use, the same answer for any address.

use crate::helpers::{spawn_app, token_of, Backend};
use crate::on_both_backends;

async fn a_mailed_link_resets_the_password_once(backend: Backend) {
    let app = spawn_app(backend).await;
    app.registered_account("forgot@example.jp").await;
    let session = app.login("forgot@example.jp", "Sekkotsu2024").await;
    let session: serde_json::Value = session.json().await.expect("json");

    let ask = |email: &'static str| {
        let client = app.client.clone();
        let url = app.url("/api/v1/password-resets");
        async move {
            client
                .post(url)
                .json(&serde_json::json!({ "email": email }))
                .send()
                .await
                .expect("sent")
        }
    };
    let known = ask("forgot@example.jp").await;
    assert_eq!(known.status(), 202);
    let known = known.text().await.expect("body");
    let unknown = ask("nobody@example.jp").await;
    assert_eq!(unknown.status(), 202);
    assert_eq!(
        unknown.text().await.expect("body"),
        known,
        "no hint whether the address exists"
    );

    let mails = app.mail.wait_for("forgot@example.jp", 3).await;
    let link = mails[2].link(&format!("{}/reset-password?token=", app.base));
    let (status, page) = app.open(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("パスワード（確認用）"));
    let token = token_of(&link);

    // The rule set of crates/domain judges the new password.
    let (status, page) = app
        .press(
            "/reset-password",
            &[
                ("token", &token),
                ("password", "weak"),
                ("password_confirmation", "weak"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        page.contains("大文字/小文字/数字をそれぞれ1文字以上"),
        "{page}"
    );

    let fields = [
        ("token", token.as_str()),
        ("password", "NewPass2025"),
        ("password_confirmation", "NewPass2025"),
    ];
    let (status, page) = app.press("/reset-password", &fields).await;
    assert_eq!(status, 200);
    assert!(page.contains("パスワードを再設定しました。"));
    let (status, page) = app.press("/reset-password", &fields).await;
    assert_eq!(status, 400, "single use");
    assert!(page.contains("不正な操作が行われました。"));

    assert_eq!(
        app.login("forgot@example.jp", "Sekkotsu2024")
            .await
            .status(),
        401
    );
    assert_eq!(
        app.login("forgot@example.jp", "NewPass2025").await.status(),
        200
    );
    assert_eq!(
        app.session_status(&session).await,
        401,
        "a reset ends the sessions opened with the old password"
    );
    app.mail.assert_no_more("nobody@example.jp", 0).await;
}

async fn a_completed_reset_revokes_the_other_links_and_tells_the_owner(backend: Backend) {
    let app = spawn_app(backend).await;
    app.registered_account("owner@example.jp").await;
    let session = app.login("owner@example.jp", "Sekkotsu2024").await;
    let session: serde_json::Value = session.json().await.expect("json");
    for _ in 0..2 {
        assert_eq!(
            app.ask_reset_with(&app.client, "owner@example.jp")
                .await
                .status(),
            202
        );
    }
    let mails = app.mail.wait_for("owner@example.jp", 4).await;
    let first = mails[2].link(&format!("{}/reset-password?token=", app.base));
    app.complete_reset("owner@example.jp", 4, "Kaisei2026x")
        .await;
    let (status, page) = app.open(&first).await;
    assert_eq!(status, 400, "the other link no longer works");
    assert!(page.contains("不正な操作が行われました。"));
    let changed = app.mail.wait_for("owner@example.jp", 5).await;
    assert!(
        changed[4].subject.contains("パスワード変更のお知らせ"),
        "{}",
        changed[4].subject
    );
    assert!(changed[4].body.contains("パスワードが変更されました。"));
    assert_eq!(
        app.session_status(&session).await,
        401,
        "every session ended"
    );
}

on_both_backends!(
    a_mailed_link_resets_the_password_once,
    a_completed_reset_revokes_the_other_links_and_tells_the_owner,
);
