//! Retention: what is no longer needed is purged, so that a backup holds little.

use madoguchi_portal::config::Settings;
use madoguchi_portal::db::purge;
use sqlx::Row;

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

async fn a_mail_that_cannot_be_delivered_is_given_up(backend: Backend) {
    // Nothing listens on port 9 (discard) here: every attempt fails at once.
    let app = crate::helpers::spawn_app_with(backend, |s| {
        s.mail.smtp_url = Some("smtp://127.0.0.1:9".into());
        s.retention.mail_max_attempts = 1;
    })
    .await;
    app.register(&judo_form("lost@example.jp")).await;
    let start = std::time::Instant::now();
    loop {
        let given_up: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM outbox WHERE gave_up_at IS NOT NULL AND last_error IS NOT NULL",
        )
        .fetch_one(&app.db)
        .await
        .expect("count")
        .try_get("n")
        .expect("n");
        if given_up == 1 {
            break;
        }
        assert!(
            start.elapsed().as_secs() < 15,
            "the mail was never given up"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // A given-up mail is not due any more, whenever the worker looks.
    let due = madoguchi_portal::db::outbox::claim_due(
        &app.db,
        madoguchi_portal::db::now() + 86_400,
        10,
        60,
    )
    .await
    .expect("due");
    assert!(due.is_empty());
}

on_both_backends!(
    the_purge_removes_what_is_no_longer_needed,
    a_mail_that_cannot_be_delivered_is_given_up,
);
