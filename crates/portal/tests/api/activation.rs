//! The activation link: single use, 24 h (shortened here by configuration), and the
//! manual's 「不正な操作が行われました。」 page for anything else.

use std::time::Duration;

use crate::helpers::{judo_form, spawn_app, spawn_app_with, token_of, Backend};
use crate::on_both_backends;

const EXPLANATIONS: [&str; 3] = [
    "改行等によりURLが一部欠損している可能性があります。",
    "ユーザー登録完了後、再度URLを押下した可能性があります。",
    "メールが送信されてから24時間を経過している可能性があります。",
];

fn assert_invalid_page(status: u16, page: &str) {
    assert_eq!(status, 400);
    assert!(page.contains("不正な操作が行われました。"), "{page}");
    for e in EXPLANATIONS {
        assert!(page.contains(e), "missing explanation {e}");
    }
}

async fn a_used_link_shows_the_invalid_operation_page(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register(&judo_form("reuse@example.jp")).await;
    let link = app.mail.wait_for("reuse@example.jp", 1).await[0].link("http");
    let token = token_of(&link);
    let (status, _) = app.press("/activate", &[("token", &token)]).await;
    assert_eq!(status, 200);
    let (status, page) = app.press("/activate", &[("token", &token)]).await;
    assert_invalid_page(status, &page);
    let (status, page) = app.open(&link).await;
    assert_invalid_page(status, &page);
    // Exactly one completion mail.
    app.mail.assert_no_more("reuse@example.jp", 2).await;
}

async fn a_truncated_or_unknown_link_shows_the_invalid_operation_page(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register(&judo_form("cut@example.jp")).await;
    let link = app.mail.wait_for("cut@example.jp", 1).await[0].link("http");
    let token = token_of(&link);
    let truncated = &link[..link.len() - 5];
    let (status, page) = app.open(truncated).await;
    assert_invalid_page(status, &page);
    let (status, page) = app.press("/activate", &[("token", &token[..30])]).await;
    assert_invalid_page(status, &page);
    let (status, page) = app.open(&app.url("/activate")).await;
    assert_invalid_page(status, &page);
    let unknown = "A".repeat(43);
    let (status, page) = app.press("/activate", &[("token", &unknown)]).await;
    assert_invalid_page(status, &page);
    // The real token still works after all that.
    let (status, _) = app.press("/activate", &[("token", &token)]).await;
    assert_eq!(status, 200);
}

async fn an_expired_link_shows_the_invalid_operation_page(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.activation_lifetime_secs = 1).await;
    let accepted = app.register(&judo_form("late@example.jp")).await;
    let link = app.mail.wait_for("late@example.jp", 1).await[0].link("http");
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let (status, page) = app.open(&link).await;
    assert_invalid_page(status, &page);
    let (status, page) = app.press("/activate", &[("token", &token_of(&link))]).await;
    assert_invalid_page(status, &page);
    assert_eq!(app.state_of(&accepted.receipt).await, "expired");
    // As the manual says: after 24 h, register again from the start.
    let again = app.register(&judo_form("late@example.jp")).await;
    assert_eq!(app.state_of(&again.receipt).await, "pending");
}

/// A registration of an address that already has an account (a decoy) reads like a real
/// one to the end: pending, then expired when a real link, mailed now, would expire; not
/// later, which would tell whose addresses have accounts.
async fn a_decoy_receipt_expires_when_a_real_one_would(backend: Backend) {
    // Long enough that a loaded machine reads the decoy before its lifetime is out.
    let app = spawn_app_with(backend, |s| s.activation_lifetime_secs = 4).await;
    app.registered_account("taken@example.jp").await;
    let decoy = app.register(&judo_form("taken@example.jp")).await;
    assert_eq!(app.state_of(&decoy.receipt).await, "pending");
    let real = app.register(&judo_form("fresh@example.jp")).await;
    app.mail.wait_for("fresh@example.jp", 1).await;
    // Past the real link's lifetime, which started after the decoy's.
    tokio::time::sleep(Duration::from_millis(4300)).await;
    assert_eq!(app.state_of(&real.receipt).await, "expired");
    assert_eq!(app.state_of(&decoy.receipt).await, "expired");
}

async fn opening_the_link_burns_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register(&judo_form("scanner@example.jp")).await;
    let link = app.mail.wait_for("scanner@example.jp", 1).await[0].link("http");
    for _ in 0..3 {
        // What a mail scanner does.
        let (status, page) = app.open(&link).await;
        assert_eq!(status, 200);
        assert!(page.contains("ユーザー登録完了はこちら"));
    }
    let (status, page) = app.press("/activate", &[("token", &token_of(&link))]).await;
    assert_eq!(status, 200);
    assert!(page.contains("ユーザー登録が完了いたしました。"));
}

async fn the_link_shows_what_would_be_registered_and_how_to_refuse(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register(&judo_form("owner@example.jp")).await;
    let link = app.mail.wait_for("owner@example.jp", 1).await[0].link("http");
    let (status, page) = app.open(&link).await;
    assert_eq!(status, 200);
    for shown in [
        "施術所（柔道整復）",
        "契0123456-7-8",
        "基金 太郎",
        "基金接骨院",
        "お心当たりのない場合は、ボタンを押さずにこのメールを破棄してください。",
        "年",
    ] {
        assert!(page.contains(shown), "{shown} missing from:\n{page}");
    }
}

async fn activating_one_registration_voids_the_others_of_the_address(backend: Backend) {
    let app = spawn_app(backend).await;
    // A stranger registered the address first; then its owner did.
    let mut stranger = judo_form("owner@example.jp");
    stranger.family_name = "他人".into();
    app.register(&stranger).await;
    app.register(&judo_form("owner@example.jp")).await;
    let mails = app.mail.wait_for("owner@example.jp", 2).await;
    let (mut owners, mut strangers) = (String::new(), String::new());
    for m in &mails {
        let link = m.link("http");
        let (status, page) = app.open(&link).await;
        assert_eq!(status, 200);
        if page.contains("他人 太郎") {
            strangers = link;
        } else {
            owners = link;
        }
    }
    let (status, _) = app
        .press("/activate", &[("token", &token_of(&owners))])
        .await;
    assert_eq!(status, 200);
    let (status, page) = app.open(&strangers).await;
    assert_invalid_page(status, &page);
    let (status, page) = app
        .press("/activate", &[("token", &token_of(&strangers))])
        .await;
    assert_invalid_page(status, &page);
}

on_both_backends!(
    the_link_shows_what_would_be_registered_and_how_to_refuse,
    activating_one_registration_voids_the_others_of_the_address,
    a_used_link_shows_the_invalid_operation_page,
    a_truncated_or_unknown_link_shows_the_invalid_operation_page,
    an_expired_link_shows_the_invalid_operation_page,
    a_decoy_receipt_expires_when_a_real_one_would,
    opening_the_link_burns_nothing,
);
