//! Whatever arrives, the answer is a 4xx problem document: never a 5xx, never a panic.

use crate::helpers::{judo_form, spawn_app, Backend};
use crate::on_both_backends;

async fn send_raw(
    app: &crate::helpers::TestApp,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (u16, String, String) {
    let r = app
        .client
        .post(app.url(path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("sent");
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, ct, r.text().await.unwrap_or_default())
}

async fn malformed_requests_get_4xx_problem_documents(backend: Backend) {
    let app = spawn_app(backend).await;
    let json = "application/json";
    let valid = serde_json::to_vec(&judo_form("x@example.jp")).expect("json");
    let cases: Vec<(&str, &str, Vec<u8>, u16)> = vec![
        ("/api/v1/registrations", json, b"{not json".to_vec(), 400),
        (
            "/api/v1/registrations",
            json,
            br#"{"email": 5}"#.to_vec(),
            400,
        ),
        (
            "/api/v1/registrations",
            json,
            br#"{"terms_accepted": "yes"}"#.to_vec(),
            400,
        ),
        // An empty array is an empty form to serde: judged, every field error at once.
        ("/api/v1/registrations", json, b"[]".to_vec(), 422),
        ("/api/v1/registrations", json, vec![0xff, 0xfe, 0x00], 400),
        ("/api/v1/registrations", "text/plain", valid.clone(), 415),
        (
            "/api/v1/registrations",
            json,
            format!(r#"{{"family_name":"{}"}}"#, "x".repeat(20_000)).into_bytes(),
            413,
        ),
        ("/api/v1/sessions", json, b"{}".to_vec(), 400),
        (
            "/api/v1/sessions",
            json,
            br#"{"email":"a","password":null}"#.to_vec(),
            400,
        ),
        ("/api/v1/password-resets", json, b"\"\"".to_vec(), 400),
    ];
    for (path, ct, body, expected) in cases {
        let (status, content_type, text) = send_raw(&app, path, ct, body).await;
        assert_eq!(status, expected, "{path}: {text}");
        assert_eq!(content_type, "application/problem+json", "{path}: {text}");
    }
}

async fn odd_unicode_and_long_fields_are_judged_not_crashed_on(backend: Backend) {
    let app = spawn_app(backend).await;
    let odd = [
        "\u{202E}基金\u{202C}".to_owned(),
        "\u{0}".to_owned(),
        "🏥🩺".repeat(30),
        "a\u{301}\u{301}\u{301}".to_owned(),
        "ｷｷﾝ\u{FF9E}".to_owned(),
        "\u{FEFF}0120123456".to_owned(),
        "x".repeat(5_000),
        "\u{10FFFF}\u{E000}".to_owned(),
    ];
    for text in odd {
        let mut form = judo_form("odd@example.jp");
        form.family_name = text.clone();
        form.phone = text.clone();
        form.email = text.clone();
        form.registration_number = text.clone();
        let r = app.post_registration(&form).await;
        let status = r.status().as_u16();
        assert!((400..500).contains(&status), "{text:?} gave {status}");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
    }
    // Random bytes, deterministic: never a 5xx.
    let mut rng = fastrand::Rng::with_seed(7);
    for i in 0..200 {
        let len = rng.usize(0..600);
        let body: Vec<u8> = (0..len).map(|_| rng.u8(..)).collect();
        let path = [
            "/api/v1/registrations",
            "/api/v1/sessions",
            "/api/v1/password-resets",
        ][i % 3];
        let (status, _, text) = send_raw(&app, path, "application/json", body).await;
        assert!((400..500).contains(&status), "{path} gave {status}: {text}");
    }
    for path in [
        "/api/v1/facilities/judo/%FF%FE",
        "/api/v1/facilities/%00/1",
        "/api/v1/registrations/%E2%80%AE",
        "/activate?token=%00",
    ] {
        let r = app.client.get(app.url(path)).send().await.expect("sent");
        assert!(r.status().is_client_error(), "{path} gave {}", r.status());
    }
}

on_both_backends!(
    malformed_requests_get_4xx_problem_documents,
    odd_unicode_and_long_fields_are_judged_not_crashed_on
);
