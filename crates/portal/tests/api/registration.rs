//! Registration rules over HTTP: every field rule, the facility master, one account per
//! address, idempotent retries.

use madoguchi_domain::RegistrationForm;

use madoguchi_portal::import;

use crate::helpers::{judo_form, spawn_app, spawn_app_with, token_of, Backend};
use crate::on_both_backends;

async fn problem(r: reqwest::Response) -> serde_json::Value {
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    r.json().await.expect("problem json")
}

type Edit = fn(&mut RegistrationForm);

/// One case per rule of crates/domain, as the app would send it.
const RULES: [(&str, Edit); 30] = [
    ("family_name.required", |f| f.family_name = "　".into()),
    ("family_name.too_long", |f| f.family_name = "基".repeat(51)),
    ("family_name.invalid_char", |f| {
        f.family_name = "基\n金".into()
    }),
    ("given_name.required", |f| f.given_name = String::new()),
    ("given_name.too_long", |f| f.given_name = "郎".repeat(51)),
    ("given_name.invalid_char", |f| {
        f.given_name = "太\u{7}郎".into()
    }),
    ("facility_kind.required", |f| {
        f.facility_kind = String::new()
    }),
    ("facility_kind.unknown", |f| {
        f.facility_kind = "dentist".into()
    }),
    ("judo_prefix.required", |f| f.judo_prefix = String::new()),
    ("judo_prefix.unknown", |f| f.judo_prefix = "柔".into()),
    ("registration_number.required", |f| {
        f.registration_number = String::new()
    }),
    ("registration_number.not_digits", |f| {
        f.registration_number = "01234567a".into()
    }),
    ("registration_number.length", |f| {
        f.registration_number = "01234567".into()
    }),
    ("phone.required", |f| f.phone = String::new()),
    ("phone.not_digits", |f| f.phone = "03(1234)5678".into()),
    ("phone.leading_zero", |f| f.phone = "3123456789".into()),
    ("phone.length", |f| f.phone = "012345678".into()),
    ("email.required", |f| f.email = String::new()),
    ("email.too_long", |f| {
        f.email = format!("{}@example.jp", "a".repeat(30))
    }),
    ("email.invalid_char", |f| {
        f.email = "taro+1@example.jp".into()
    }),
    ("email.format", |f| f.email = "taro@example".into()),
    ("password.required", |f| {
        f.password = String::new();
        f.password_confirmation = String::new()
    }),
    ("password.invalid_char", |f| {
        f.password = "Pass wor1".into();
        f.password_confirmation = f.password.clone()
    }),
    ("password.too_short", |f| {
        f.password = "Passw0r".into();
        f.password_confirmation = f.password.clone()
    }),
    ("password.too_long", |f| {
        f.password = format!("Aa1{}", "x".repeat(98));
        f.password_confirmation = f.password.clone()
    }),
    ("password.missing_upper", |f| {
        f.password = "passw0rdx".into();
        f.password_confirmation = f.password.clone()
    }),
    ("password.missing_lower", |f| {
        f.password = "PASSW0RDX".into();
        f.password_confirmation = f.password.clone()
    }),
    ("password.missing_digit", |f| {
        f.password = "Passwordx".into();
        f.password_confirmation = f.password.clone()
    }),
    ("password_confirmation.mismatch", |f| {
        f.password_confirmation = "Different1".into()
    }),
    ("terms.not_accepted", |f| f.terms_accepted = false),
];

async fn every_field_rule_is_enforced_over_http(backend: Backend) {
    let app = spawn_app(backend).await;
    for (code, edit) in RULES {
        let mut form = judo_form("rules@example.jp");
        edit(&mut form);
        let r = app.post_registration(&form).await;
        assert_eq!(r.status(), 422, "{code}");
        let p = problem(r).await;
        let codes: Vec<&str> = p["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .filter_map(|e| e["code"].as_str())
            .collect();
        // An empty password leaves its confirmation empty too: that is its own error.
        let extra_ok =
            |c: &&str| code.starts_with("password.") && c.starts_with("password_confirmation.");
        assert_eq!(codes.first(), Some(&code), "{code}: {codes:?}");
        assert!(codes[1..].iter().all(extra_ok), "{code}: {codes:?}");
        let message = p["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(
            message.ends_with('。'),
            "{code}: a Japanese sentence: {message}"
        );
    }
    // A blank form: every error at once.
    let r = app.post_registration(&RegistrationForm::default()).await;
    let p = problem(r).await;
    assert_eq!(p["errors"].as_array().map(Vec::len), Some(8));
    app.mail.assert_no_more("rules@example.jp", 0).await;
}

async fn an_unknown_or_closed_facility_is_refused_with_the_manuals_explanation(backend: Backend) {
    let app = spawn_app(backend).await;
    for number in ["000000001", "999999999"] {
        let mut form = judo_form("unknown@example.jp");
        form.registration_number = number.into();
        let r = app.post_registration(&form).await;
        assert_eq!(r.status(), 422);
        let p = problem(r).await;
        assert_eq!(p["errors"][0]["code"], "registration_number.not_found");
        assert!(p["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("1か月程度お時間を要する場合がございます"));
    }
}

/// Lookups may trail the master by their refresh (an hour here); registrations never do. A
/// facility closed a moment ago is refused, and one added a moment ago is accepted, while
/// lookups still answer as before.
async fn registrations_follow_the_master_at_once_while_lookups_trail_it(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.lookup_refresh_ms = 3_600_000).await;
    let lookup = |path: &'static str| {
        let app = &app;
        async move {
            app.client
                .get(app.url(&format!("/api/v1/facilities/{path}")))
                .send()
                .await
                .expect("lookup")
                .status()
                .as_u16()
        }
    };
    assert_eq!(lookup("judo/%E5%A5%91012345678").await, 200);
    assert_eq!(lookup("judo/%E5%A5%91076543210").await, 404);
    // Straight on the database, as the import command of another process does.
    let csv = "kind,number,name,prefecture,status\n\
               judo,契012345678,基金接骨院,東京都,closed\n\
               judo,契076543210,みなと接骨院,東京都,active\n";
    import::import(&app.db, csv.as_bytes())
        .await
        .expect("import");
    assert_eq!(
        lookup("judo/%E5%A5%91012345678").await,
        200,
        "lookups trail"
    );
    assert_eq!(
        lookup("judo/%E5%A5%91076543210").await,
        404,
        "lookups trail"
    );

    let r = app.post_registration(&judo_form("closed@example.jp")).await;
    assert_eq!(r.status(), 422);
    let p = problem(r).await;
    assert_eq!(p["errors"][0]["code"], "registration_number.not_found");
    app.mail.assert_no_more("closed@example.jp", 0).await;

    let mut added = judo_form("added@example.jp");
    added.registration_number = "0765432-1-0".into();
    let accepted = app.register(&added).await;
    assert_eq!(app.state_of(&accepted.receipt).await, "pending");
    // Its first mail's link, minted with the registration, activates it.
    let mails = app.mail.wait_for("added@example.jp", 1).await;
    let token = token_of(&mails[0].link("http"));
    let (status, page) = app.press("/activate", &[("token", &token)]).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(app.state_of(&accepted.receipt).await, "active");
}

async fn an_address_with_an_account_gets_the_same_answer_and_its_owner_a_mail(backend: Backend) {
    let app = spawn_app(backend).await;
    app.registered_account("owner@example.jp").await;

    let mut stranger = judo_form("owner@example.jp");
    stranger.password = "Stranger99".into();
    stranger.password_confirmation = "Stranger99".into();
    let r = app.post_registration(&stranger).await;
    assert_eq!(r.status(), 202, "the same answer as for a new address");
    let v: serde_json::Value = r.json().await.expect("json");
    assert_eq!(v["email"], "owner@example.jp");
    assert_eq!(v["receipt"].as_str().map(str::len), Some(43));
    assert_eq!(
        app.state_of(v["receipt"].as_str().unwrap_or_default())
            .await,
        "pending"
    );

    let mails = app.mail.wait_for("owner@example.jp", 3).await;
    assert!(
        mails[2].body.contains("既にユーザー登録が完了しています"),
        "{}",
        mails[2].body
    );
    assert!(
        !mails[2].body.contains("/activate"),
        "no link that could take over the account"
    );
    assert_eq!(
        app.login("owner@example.jp", "Stranger99").await.status(),
        401
    );
    assert_eq!(
        app.login("owner@example.jp", "Sekkotsu2024").await.status(),
        200
    );
}

async fn a_retried_registration_returns_the_first_answer_and_sends_one_mail(backend: Backend) {
    let app = spawn_app(backend).await;
    let form = judo_form("retry@example.jp");
    let send = |key: &'static str, form: RegistrationForm| {
        let client = app.client.clone();
        let url = app.url("/api/v1/registrations");
        async move {
            client
                .post(url)
                .header("Idempotency-Key", key)
                .json(&form)
                .send()
                .await
                .expect("sent")
        }
    };
    let first = send("key-1", form.clone()).await;
    assert_eq!(first.status(), 202);
    let first = first.text().await.expect("body");
    let second = send("key-1", form.clone()).await;
    assert_eq!(second.status(), 202);
    assert_eq!(
        second.text().await.expect("body"),
        first,
        "the first answer, byte for byte"
    );

    // Eight concurrent retries of a new request: one registration, one mail.
    let form2 = judo_form("burst@example.jp");
    let answers = futures_join_all((0..8).map(|_| send("key-2", form2.clone()))).await;
    let mut bodies = Vec::new();
    for r in answers {
        assert_eq!(r.status(), 202);
        bodies.push(r.text().await.expect("body"));
    }
    bodies.dedup();
    assert_eq!(bodies.len(), 1, "every retry saw the same receipt");

    // The same key with another request is refused.
    let mut other = form.clone();
    other.phone = "0312345678".into();
    let r = send("key-1", other).await;
    assert_eq!(r.status(), 409);

    app.mail.assert_no_more("retry@example.jp", 1).await;
    app.mail.assert_no_more("burst@example.jp", 1).await;
    // And the one link works.
    let link = app.mail.wait_for("burst@example.jp", 1).await[0].link("http");
    let (status, _) = app.press("/activate", &[("token", &token_of(&link))]).await;
    assert_eq!(status, 200);
}

async fn futures_join_all<F: std::future::Future<Output = reqwest::Response> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<reqwest::Response> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.expect("task"));
    }
    out
}

async fn concurrent_registrations_all_succeed(backend: Backend) {
    // SQLite has one writer: a transaction that read before writing used to fail with
    // "database is locked" under load. Every registration must get its 202.
    let app = spawn_app(backend).await;
    let requests = (0..16).map(|i| {
        let client = app.client.clone();
        let url = app.url("/api/v1/registrations");
        let form = judo_form(&format!("many{i}@example.jp"));
        async move { client.post(url).json(&form).send().await.expect("sent") }
    });
    for r in futures_join_all(requests).await {
        assert_eq!(r.status(), 202, "{}", r.text().await.unwrap_or_default());
    }
    for i in 0..16 {
        app.mail.wait_for(&format!("many{i}@example.jp"), 1).await;
    }
}

on_both_backends!(
    concurrent_registrations_all_succeed,
    every_field_rule_is_enforced_over_http,
    an_unknown_or_closed_facility_is_refused_with_the_manuals_explanation,
    registrations_follow_the_master_at_once_while_lookups_trail_it,
    an_address_with_an_account_gets_the_same_answer_and_its_owner_a_mail,
    a_retried_registration_returns_the_first_answer_and_sends_one_mail,
);
