//! Rate limits: per client address on every public POST, per e-mail address.

use crate::helpers::{judo_form, spawn_app_with, Backend};
use crate::on_both_backends;

async fn too_many_posts_from_one_address_get_429_with_retry_after(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.rate_limit.per_address_per_minute = 3;
        s.rate_limit.per_address_burst = 3;
    })
    .await;
    let mut statuses = Vec::new();
    for i in 0..5 {
        let r = app.login(&format!("a{i}@example.jp"), "Whatever12").await;
        statuses.push(r.status().as_u16());
        if r.status() == 429 {
            let retry: u64 = r.headers()["retry-after"]
                .to_str()
                .expect("ascii")
                .parse()
                .expect("seconds");
            assert!((1..=60).contains(&retry), "Retry-After {retry}");
            assert_eq!(r.headers()["content-type"], "application/problem+json");
        }
    }
    assert_eq!(statuses, [401, 401, 401, 429, 429]);
    // Reads are not limited.
    assert_eq!(
        app.client
            .get(app.url("/health"))
            .send()
            .await
            .expect("sent")
            .status(),
        200
    );
    // Every public POST is: registration and the activation page too.
    assert_eq!(
        app.post_registration(&judo_form("x@example.jp"))
            .await
            .status(),
        429
    );
    assert_eq!(app.press("/activate", &[("token", "x")]).await.0, 429);
}

async fn too_many_attempts_for_one_address_get_429(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.rate_limit.logins_per_hour = 3).await;
    for _ in 0..3 {
        assert_eq!(
            app.login("target@example.jp", "Guess12345").await.status(),
            401
        );
    }
    assert_eq!(
        app.login("TARGET@example.jp", "Guess12345").await.status(),
        429,
        "counted per normalised address"
    );
    assert_eq!(
        app.login("other@example.jp", "Guess12345").await.status(),
        401,
        "other addresses are not affected"
    );
}

on_both_backends!(
    too_many_posts_from_one_address_get_429_with_retry_after,
    too_many_attempts_for_one_address_get_429,
);
