//! Login: one answer for every failure, lockout after repeated failures.

use std::time::Duration;

use crate::helpers::{judo_form, spawn_app, spawn_app_with, Backend};
use crate::on_both_backends;

async fn every_login_failure_gets_the_same_answer(backend: Backend) {
    let app = spawn_app(backend).await;
    app.registered_account("known@example.jp").await;
    app.register(&judo_form("pending@example.jp")).await;
    let wrong = app.login("known@example.jp", "Wrong12345").await;
    assert_eq!(wrong.status(), 401);
    let wrong = wrong.text().await.expect("body");
    let unknown = app.login("nobody@example.jp", "Sekkotsu2024").await;
    assert_eq!(unknown.status(), 401);
    let pending = app.login("pending@example.jp", "Sekkotsu2024").await;
    assert_eq!(
        pending.status(),
        401,
        "a registration whose link was not used cannot log in"
    );
    assert_eq!(unknown.text().await.expect("body"), wrong);
    assert_eq!(pending.text().await.expect("body"), wrong);
}

async fn five_failures_lock_the_account_for_a_while(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.lockout.lock_secs = 2).await;
    app.registered_account("locked@example.jp").await;
    for _ in 0..5 {
        assert_eq!(
            app.login("locked@example.jp", "Wrong12345").await.status(),
            401
        );
    }
    let r = app.login("locked@example.jp", "Sekkotsu2024").await;
    assert_eq!(
        r.status(),
        401,
        "locked: even the right password is refused"
    );
    tokio::time::sleep(Duration::from_millis(2200)).await;
    assert_eq!(
        app.login("locked@example.jp", "Sekkotsu2024")
            .await
            .status(),
        200,
        "the lock runs out"
    );
    // A success starts the count afresh: four failures do not lock.
    for _ in 0..4 {
        app.login("locked@example.jp", "Wrong12345").await;
    }
    assert_eq!(
        app.login("locked@example.jp", "Sekkotsu2024")
            .await
            .status(),
        200
    );
}

on_both_backends!(
    every_login_failure_gets_the_same_answer,
    five_failures_lock_the_account_for_a_while
);
