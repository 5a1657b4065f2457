//! Behind a reverse proxy: only a trusted proxy's `X-Forwarded-For` / `Forwarded` names the
//! client; every client behind it gets its own budget, and a forged header from anyone
//! else changes nothing.

use crate::helpers::{spawn_app_with, Backend};
use crate::on_both_backends;

async fn statuses(app: &crate::helpers::TestApp, header: (&str, &str), n: usize) -> Vec<u16> {
    let mut out = Vec::new();
    for i in 0..n {
        let r = app
            .client
            .post(app.url("/api/v1/password-resets"))
            .header(header.0, header.1)
            .json(&serde_json::json!({ "email": format!("p{i}@example.jp") }))
            .send()
            .await
            .expect("sent");
        out.push(r.status().as_u16());
    }
    out
}

async fn clients_behind_a_trusted_proxy_get_budgets_of_their_own(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.trusted_proxies = vec!["127.0.0.0/8".parse().expect("cidr")];
        s.rate_limit.per_address_per_minute = 1;
        s.rate_limit.per_address_burst = 2;
    })
    .await;
    let a = ("x-forwarded-for", "198.51.100.7, 127.0.0.1");
    let b = ("forwarded", "for=203.0.113.9");
    assert_eq!(statuses(&app, a, 3).await, [202, 202, 429]);
    assert_eq!(
        statuses(&app, b, 2).await,
        [202, 202],
        "the second client has a budget of its own"
    );
}

async fn a_forged_header_from_an_untrusted_peer_is_ignored(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        // Our proxy would be 127.0.0.2; the test client connects from 127.0.0.1.
        s.trusted_proxies = vec!["127.0.0.2/32".parse().expect("cidr")];
        s.rate_limit.per_address_per_minute = 1;
        s.rate_limit.per_address_burst = 2;
    })
    .await;
    assert_eq!(
        statuses(&app, ("x-forwarded-for", "198.51.100.1"), 2).await,
        [202, 202]
    );
    assert_eq!(
        statuses(&app, ("x-forwarded-for", "198.51.100.2"), 1).await,
        [429],
        "a new forged address does not buy a new budget"
    );
}

on_both_backends!(
    clients_behind_a_trusted_proxy_get_budgets_of_their_own,
    a_forged_header_from_an_untrusted_peer_is_ignored,
);
