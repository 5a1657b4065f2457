//! Security headers: pages that forbid scripts and framing, nothing sniffed or referred,
//! token pages and sessions never cached, HSTS once the portal is public over https.

use crate::helpers::{judo_form, spawn_app, spawn_app_with, Backend};
use crate::on_both_backends;

async fn pages_and_answers_carry_the_security_headers(backend: Backend) {
    let app = spawn_app(backend).await;
    app.register(&judo_form("h@example.jp")).await;
    let link = app.mail.wait_for("h@example.jp", 1).await[0].link("http");
    let page = app.client.get(&link).send().await.expect("sent");
    assert_eq!(page.status(), 200);
    let h = page.headers();
    let csp = h["content-security-policy"].to_str().expect("ascii");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("form-action 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert_eq!(h["cache-control"], "no-store", "a token page");
    assert!(!h.contains_key("strict-transport-security"), "plain http");

    let r = app.login("nobody@example.jp", "Whatever12").await;
    assert_eq!(r.headers()["cache-control"], "no-store", "a session answer");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let r = app
        .client
        .get(app.url("/health"))
        .send()
        .await
        .expect("sent");
    assert!(r.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .contains("frame-ancestors 'none'"));
}

async fn hsts_is_sent_when_the_public_address_is_https(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.public_base_url = "https://portal.example.jp".into();
    })
    .await;
    let r = app
        .client
        .get(app.url("/health"))
        .send()
        .await
        .expect("sent");
    assert_eq!(r.headers()["strict-transport-security"], "max-age=31536000");
}

on_both_backends!(
    pages_and_answers_carry_the_security_headers,
    hsts_is_sent_when_the_public_address_is_https,
);
