//! Resending the activation mail: a fresh link that replaces the old one, a cooldown and a
//! daily cap, and the same answer whatever the registration's state.

use std::time::Duration;

use crate::helpers::{judo_form, spawn_app_with, token_of, Backend, TestApp};
use crate::on_both_backends;

async fn resend(app: &TestApp, receipt: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/registrations/{receipt}/resend")))
        .send()
        .await
        .expect("sent")
}

async fn a_resent_mail_has_a_fresh_link_that_replaces_the_old(backend: Backend) {
    // Long enough that a loaded machine still asks within it (1 s was not, in CI).
    const COOLDOWN: u64 = 4;
    let app = spawn_app_with(backend, |s| s.resend.cooldown_secs = COOLDOWN as i64).await;
    let accepted = app.register(&judo_form("again@example.jp")).await;
    let first = app.mail.wait_for("again@example.jp", 1).await[0].link("http");

    let r = resend(&app, &accepted.receipt).await;
    assert_eq!(r.status(), 429, "within the cooldown");
    let wait: u64 = r
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("retry-after in seconds");
    assert!((1..=COOLDOWN).contains(&wait), "retry-after {wait}");
    tokio::time::sleep(Duration::from_millis(wait * 1000 + 100)).await;
    let r = resend(&app, &accepted.receipt).await;
    assert_eq!(r.status(), 202);
    let body: serde_json::Value = r.json().await.expect("json");
    assert_eq!(body["cooldown_secs"], COOLDOWN);

    let second = app.mail.wait_for("again@example.jp", 2).await[1].link("http");
    assert_ne!(first, second);
    let (status, page) = app.open(&first).await;
    assert_eq!(status, 400, "the old link no longer works");
    assert!(page.contains("不正な操作が行われました。"));
    let (status, _) = app
        .press("/activate", &[("token", &token_of(&second))])
        .await;
    assert_eq!(status, 200, "the new one does");
}

async fn every_state_gets_the_same_answer_and_the_day_has_a_cap(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.resend.cooldown_secs = 0;
        s.resend.per_day = 2;
    })
    .await;
    app.registered_account("taken@example.jp").await;
    let decoy = app.register(&judo_form("taken@example.jp")).await;
    let pending = app.register(&judo_form("pending@example.jp")).await;
    let unknown = "A".repeat(43);

    assert_eq!(resend(&app, "short").await.status(), 404, "not a receipt");
    let mut bodies = Vec::new();
    for receipt in [&decoy.receipt, &pending.receipt, &unknown] {
        let r = resend(&app, receipt).await;
        assert_eq!(r.status(), 202, "{receipt}");
        bodies.push(r.text().await.expect("body"));
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{bodies:?}");
    assert_eq!(resend(&app, &pending.receipt).await.status(), 202);
    let capped = resend(&app, &pending.receipt).await;
    assert_eq!(capped.status(), 429, "two resends a day");
    // The registration's mail and its two resends; nothing for the capped request.
    app.mail.assert_no_more("pending@example.jp", 3).await;
}

on_both_backends!(
    a_resent_mail_has_a_fresh_link_that_replaces_the_old,
    every_state_gets_the_same_answer_and_the_day_has_a_cap,
);
