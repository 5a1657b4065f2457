//! Several portal processes on one PostgreSQL database: a retried registration makes one
//! account and one mail whichever process answers; failed logins count together; every
//! queued mail is sent exactly once. Their logs record security events by hashed account
//! and network, and never an address, a password or a token.

use madoguchi_testkit::portal::registrations_for;
use madoguchi_testkit::smtp::MailCatcher;

use crate::helpers::{judo_form, token_of};
use crate::process::PortalProcess;

pub async fn fresh_postgres_database() -> String {
    let admin = std::env::var("MADOGUCHI_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        panic!("MADOGUCHI_TEST_POSTGRES_URL is not set: scripts/test.sh starts PostgreSQL; this test never skips")
    });
    let name = format!("t_{}", madoguchi_portal::secrets::new_id().expect("random"));
    madoguchi_portal::db::create_database(&admin, &name)
        .await
        .expect("create a database");
    let (base, _) = admin.rsplit_once('/').expect("URL with a database name");
    format!("{base}/{name}")
}

#[tokio::test(flavor = "multi_thread")]
async fn two_processes_on_one_database_act_as_one_portal() {
    let url = fresh_postgres_database().await;
    let mail = MailCatcher::start();
    let env = |url: &str| {
        vec![
            ("MADOGUCHI_PORTAL_DATABASE_URL", url.to_owned()),
            (
                "MADOGUCHI_PORTAL_MAIL__SMTP_URL",
                format!("smtp://127.0.0.1:{}", mail.port),
            ),
        ]
    };
    let a = PortalProcess::start(&env(&url));
    let b = PortalProcess::start(&env(&url));
    let db = madoguchi_portal::db::connect(&url).await.expect("db");
    let csv = "kind,number,name,prefecture,status\njudo,契012345678,基金接骨院,東京都,active\n";
    madoguchi_portal::import::import(&db, csv.as_bytes())
        .await
        .expect("master");
    let client = madoguchi_testkit::http::client();

    // Each process holds the master in memory: an import by another process shows within
    // the refresh (1 s by default), on both.
    for base in [&a.base, &b.base] {
        let url = format!("{base}/api/v1/facilities/judo/契012345678");
        let mut status = 0;
        for _ in 0..50 {
            status = client
                .get(&url)
                .send()
                .await
                .expect("lookup")
                .status()
                .as_u16();
            if status == 200 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(status, 200, "{base} never saw the import");
    }

    // The same Idempotency-Key to both at once: one registration, one mail.
    let form = judo_form("twice@example.jp");
    let send = |base: String| {
        let (client, form) = (client.clone(), form.clone());
        async move {
            client
                .post(format!("{base}/api/v1/registrations"))
                .header("Idempotency-Key", "retry-1")
                .json(&form)
                .send()
                .await
                .expect("sent")
        }
    };
    let (ra, rb) = tokio::join!(send(a.base.clone()), send(b.base.clone()));
    let (sa, sb) = (ra.status().as_u16(), rb.status().as_u16());
    assert!(sa == 202 || sb == 202, "{sa} {sb}");
    assert!(
        [202, 409].contains(&sa) && [202, 409].contains(&sb),
        "{sa} {sb}"
    );
    if sa == 202 && sb == 202 {
        assert_eq!(
            ra.text().await.expect("a"),
            rb.text().await.expect("b"),
            "the same answer"
        );
    }
    assert_eq!(registrations_for(&db, "twice@example.jp").await, 1);
    let link = mail.wait_for("twice@example.jp", 1).await[0].link("http");

    // Activated through one process, then failed logins spread over both count together.
    let r = client
        .post(b.url("/activate"))
        .form(&[("token", token_of(&link))])
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 200);
    let login = |base: String, password: &'static str| {
        let client = client.clone();
        async move {
            client
                .post(format!("{base}/api/v1/sessions"))
                .json(&serde_json::json!({ "email": "twice@example.jp", "password": password }))
                .send()
                .await
                .expect("sent")
                .status()
                .as_u16()
        }
    };
    for i in 0..5 {
        let base = if i % 2 == 0 { &a.base } else { &b.base };
        assert_eq!(login(base.clone(), "Guess12345").await, 401);
    }
    assert_eq!(
        login(a.base.clone(), "Sekkotsu2024").await,
        401,
        "five failures over two processes lock this network out"
    );
    assert_eq!(login(b.base.clone(), "Sekkotsu2024").await, 401);

    // Ten registrations over both: ten mails, none twice.
    for i in 0..10 {
        let base = if i % 2 == 0 { &a.base } else { &b.base };
        let r = client
            .post(format!("{base}/api/v1/registrations"))
            .json(&judo_form(&format!("m{i}@example.jp")))
            .send()
            .await
            .expect("sent");
        assert_eq!(r.status(), 202);
    }
    for i in 0..10 {
        mail.wait_for(&format!("m{i}@example.jp"), 1).await;
    }
    mail.assert_no_more("m9@example.jp", 1).await;
    for i in 0..10 {
        let to = format!("m{i}@example.jp");
        let n = mail.all().iter().filter(|m| m.to == to).count();
        assert_eq!(n, 1, "mail to {to}");
    }

    // The logs: security events by hash and network, no address, password or token.
    a.wait_for_log("login_failed").await;
    let logs = format!("{}{}", a.log(), b.log());
    assert!(logs.contains("network=\"127.0.0.1\""), "{logs}");
    assert!(logs.contains("network_locked"), "{logs}");
    for secret in [
        "twice@example.jp",
        "Guess12345",
        "Sekkotsu2024",
        token_of(&link).as_str(),
    ] {
        assert!(!logs.contains(secret), "{secret} in the log");
    }
}
