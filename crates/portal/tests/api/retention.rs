//! Retention: what is no longer needed is purged, so that a backup holds little.

use madoguchi_portal::config::Settings;
use madoguchi_portal::db::purge;

use crate::helpers::{judo_form, spawn_app, Backend};
use crate::on_both_backends;

async fn the_purge_removes_what_is_no_longer_needed(backend: Backend) {
    let app = spawn_app(backend).await;
    app.registered_account("kept@example.jp").await;
    let login = app.login("kept@example.jp", "Sekkotsu2024").await;
    assert_eq!(login.status(), 200);
    app.register(&judo_form("expired@example.jp")).await;
    app.mail.wait_for("expired@example.jp", 1).await;
    let r = app
        .client
        .post(app.url("/api/v1/password-resets"))
        .json(&serde_json::json!({ "email": "kept@example.jp" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 202);
    app.mail.wait_for("kept@example.jp", 3).await;
    let count = |t: &'static str| {
        let db = app.db.clone();
        async move { purge::count(&db, t).await.expect("count") }
    };
    assert_eq!(count("registrations").await, 2);
    assert!(count("outbox").await >= 4);

    // Now: only the delivered mail goes; everything else is still in use.
    let r = Settings::default().retention;
    let now = madoguchi_portal::db::now();
    purge::run(&app.db, now, &r).await.expect("purge");
    assert_eq!(count("outbox").await, 0, "delivered mail is gone");
    assert_eq!(count("registrations").await, 2);
    assert_eq!(count("sessions").await, 1);
    assert_eq!(count("password_resets").await, 1);

    // Eight days on: the expired pending registration, the session, the unused reset
    // link and the idempotency keys are gone; the activated account's registration stays.
    let later = now + 8 * 24 * 3600;
    let purged = purge::run(&app.db, later, &r).await.expect("purge");
    assert_eq!(purged.registrations, 1, "{purged:?}");
    assert_eq!(count("registrations").await, 1);
    assert_eq!(count("sessions").await, 0);
    assert_eq!(count("password_resets").await, 0);
    assert_eq!(
        app.login("kept@example.jp", "Sekkotsu2024").await.status(),
        200,
        "the account itself is untouched"
    );
}

on_both_backends!(the_purge_removes_what_is_no_longer_needed);
