//! Hostile input cannot pin the server's memory: an address the rules refuse is answered
//! before any limiter, database or hash work, and limiter keys have a fixed size.

use std::sync::Arc;

use crate::process::PortalProcess;

/// 16 KiB of U+FDFA, which NFKC turns into ~176 KiB: the old limiter key per request.
fn hostile_body() -> String {
    let email = "\u{FDFA}".repeat(5_000);
    serde_json::json!({ "email": email, "password": "Whatever12" }).to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn two_thousand_hostile_addresses_leave_memory_flat() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = Arc::new(PortalProcess::start(&[
        (
            "MADOGUCHI_PORTAL_DATABASE_URL",
            format!("sqlite://{}?mode=rwc", dir.path().join("p.db").display()),
        ),
        (
            "MADOGUCHI_PORTAL_MAIL__FOLDER",
            dir.path().join("mail").display().to_string(),
        ),
        // One client sends all of it: only the per-address limit would stop it otherwise.
        (
            "MADOGUCHI_PORTAL_RATE_LIMIT__PER_ADDRESS_PER_MINUTE",
            "1000000".into(),
        ),
        (
            "MADOGUCHI_PORTAL_RATE_LIMIT__PER_ADDRESS_BURST",
            "1000000".into(),
        ),
    ]));
    let client = madoguchi_testkit::http::client();
    let body = Arc::new(hostile_body());
    assert!(
        body.len() <= 16 * 1024,
        "within the body limit: {}",
        body.len()
    );
    let send = |n: usize| {
        let (client, body, portal) = (client.clone(), body.clone(), portal.clone());
        async move {
            let mut statuses = Vec::new();
            for i in 0..n {
                let path = if i % 2 == 0 {
                    "/api/v1/sessions"
                } else {
                    "/api/v1/password-resets"
                };
                let r = client
                    .post(portal.url(path))
                    .header("content-type", "application/json")
                    .body(body.to_string())
                    .send()
                    .await
                    .expect("sent");
                statuses.push(r.status().as_u16());
            }
            statuses
        }
    };
    // Warm up the allocator and the pools, then measure.
    send(50).await;
    let before = portal.rss_kib();
    let tasks: Vec<_> = (0..8).map(|_| tokio::spawn(send(250))).collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.extend(t.await.expect("task"));
    }
    let after = portal.rss_kib();
    assert_eq!(statuses.len(), 2_000);
    assert!(
        statuses.iter().all(|s| *s == 401 || *s == 202),
        "answered as for an unknown address: {:?}",
        statuses
            .iter()
            .filter(|s| **s != 401 && **s != 202)
            .take(5)
            .collect::<Vec<_>>()
    );
    let grown_mib = after.saturating_sub(before) as f64 / 1024.0;
    println!("RSS before {before} KiB, after {after} KiB: +{grown_mib:.1} MiB");
    assert!(grown_mib < 20.0, "RSS grew by {grown_mib:.1} MiB");
}
