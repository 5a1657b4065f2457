//! No lock-out by strangers: failed logins lock out only the network they come from; the
//! owner, elsewhere, is slowed down at most, can always ask for a reset, and a completed
//! reset lifts every lock. Only a long run of failures locks the account itself, and then
//! its owner is mailed.

use crate::helpers::{client_from, spawn_app_with, Backend};
use crate::on_both_backends;

const OWNER: &str = "owner@example.jp";

async fn a_stranger_cannot_lock_the_owner_out(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        // The production budgets: the sequence that used to lock the owner out.
        s.rate_limit.logins_per_hour = 30;
        s.rate_limit.resets_per_hour = 5;
        s.lockout.slowdown_step_ms = 50;
    })
    .await;
    app.registered_account(OWNER).await;
    let stranger = client_from("127.0.0.1");
    let owner = client_from("127.0.0.2");

    for _ in 0..10 {
        let r = app.login_with(&stranger, OWNER, "Guess12345").await;
        assert_eq!(r.status(), 401);
    }
    assert_eq!(
        app.login_with(&stranger, OWNER, "Sekkotsu2024")
            .await
            .status(),
        401,
        "the stranger's network is locked out, even with the right password"
    );

    let r = app.login_with(&owner, OWNER, "Sekkotsu2024").await;
    assert_eq!(r.status(), 200, "the owner logs in from another network");
    assert_eq!(
        app.ask_reset_with(&owner, OWNER).await.status(),
        202,
        "the owner asks for a reset"
    );
    assert_eq!(
        app.ask_reset_with(&stranger, OWNER).await.status(),
        202,
        "failed logins never block a reset request"
    );
    // Activation, completion, then the owner's reset mail.
    app.complete_reset(OWNER, 3, "Sekkotsu2025").await;
    assert_eq!(
        app.login_with(&stranger, OWNER, "Sekkotsu2025")
            .await
            .status(),
        200,
        "a completed reset lifts the network's lock"
    );
}

async fn a_long_run_of_failures_locks_the_account_and_mails_its_owner(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.lockout.hard_lock_failures = 12;
        s.lockout.slowdown_step_ms = 0;
    })
    .await;
    app.registered_account(OWNER).await;
    // From three networks, five failures each at most before each is locked out.
    for ip in ["127.0.0.3", "127.0.0.4", "127.0.0.5"] {
        let c = client_from(ip);
        for _ in 0..4 {
            assert_eq!(app.login_with(&c, OWNER, "Guess12345").await.status(), 401);
        }
    }
    let owner = client_from("127.0.0.6");
    assert_eq!(
        app.login_with(&owner, OWNER, "Sekkotsu2024").await.status(),
        401,
        "after the run of failures the account is locked for everyone"
    );
    let mails = app.mail.wait_for(OWNER, 3).await;
    assert!(
        mails[2].subject.contains("アカウントがロックされました"),
        "{}",
        mails[2].subject
    );
    assert!(mails[2].body.contains("パスワードを再設定"));
    assert_eq!(app.ask_reset_with(&owner, OWNER).await.status(), 202);
    app.complete_reset(OWNER, 4, "Sekkotsu2025").await;
    assert_eq!(
        app.login_with(&owner, OWNER, "Sekkotsu2025").await.status(),
        200,
        "a completed reset lifts the lock"
    );
}

on_both_backends!(
    a_stranger_cannot_lock_the_owner_out,
    a_long_run_of_failures_locks_the_account_and_mails_its_owner,
);
