//! However the app or the network fails, nothing typed is lost and one submission never
//! makes two accounts: the app's store and outbox (crates/soak, the app's own code) killed
//! with SIGKILL hundreds of times, and a network that loses the portal's answers. The crash
//! loops are the ones tests/windows runs under Wine with TerminateProcess.

use std::path::PathBuf;

use madoguchi_app::portal_client::PortalClient;
use madoguchi_app::store::{self, drafts};
use madoguchi_app::workflow::outbox::{self, Attempt};
use madoguchi_app::workflow::OsKeyring;
use madoguchi_domain::ipc::{DraftFields, DraftState};
use madoguchi_testkit::flaky_proxy::FlakyProxy;
use madoguchi_testkit::portal::{self, registrations_for, Backend};

const KILLS: usize = 200;

/// The soak binary, built beside this test (`cargo build` of the workspace builds it).
fn soak_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>/deps");
    let soak = dir.join(format!("madoguchi-soak{}", std::env::consts::EXE_SUFFIX));
    assert!(
        soak.exists(),
        "{} is missing: build it with `cargo build -p madoguchi-soak`",
        soak.display()
    );
    soak
}

/// A complete あはき form, as a draft holds it.
fn ahaki_form(number: &str, email: &str) -> DraftFields {
    DraftFields {
        family_name: "基金".into(),
        given_name: "太郎".into(),
        facility_kind: "ahaki".into(),
        judo_prefix: String::new(),
        registration_number: number.into(),
        phone: "0312345678".into(),
        email: email.into(),
        terms_accepted: true,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn drafts_survive_kill_9_during_saves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report =
        madoguchi_soak::crash::saves(&soak_binary(), &dir.path().join("madoguchi.db"), KILLS)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "{} kills during {} acknowledged draft saves: none lost or torn",
        report.rounds, report.saves
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn sending_killed_at_any_moment_never_makes_two_accounts() {
    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("madoguchi.db");
    let report = madoguchi_soak::crash::sends(&soak_binary(), &db, &portal.base, KILLS)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for email in &report.emails {
        assert_eq!(
            registrations_for(&portal.db, email).await,
            1,
            "{email}: one submission, one registration"
        );
    }
    println!(
        "{} kills, {} of them with a request in flight: {KILLS} submissions, {KILLS} registrations",
        report.kills, report.mid_request
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn answers_lost_on_the_way_back_end_in_exactly_one_account() {
    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    let upstream = portal
        .base
        .trim_start_matches("http://")
        .parse()
        .expect("portal address");
    let proxy = FlakyProxy::start(upstream, 3).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let pool = store::open(&dir.path().join("madoguchi.db"))
        .await
        .expect("store");
    let email = "flaky@example.jp";
    let fields = ahaki_form("0123456789", email);
    drafts::save(&pool, "flaky", &fields, None)
        .await
        .expect("save");
    madoguchi_app::credentials::put(
        madoguchi_app::credentials::Vault::Outbox,
        "flaky",
        "Flaky2024pass",
    )
    .expect("keyring");
    drafts::queue(&pool, "flaky", "flaky-key")
        .await
        .expect("queue");
    let client = PortalClient::new(url::Url::parse(&proxy.base).expect("url")).expect("client");

    let mut attempts = Vec::new();
    for _ in 0..10 {
        let due = drafts::due(&pool, i64::MAX).await.expect("due");
        let Some(d) = due.first() else { break };
        let a = outbox::attempt(&pool, &client, &OsKeyring, d)
            .await
            .expect("attempt");
        let sent = matches!(a, Attempt::Sent { .. });
        attempts.push(a);
        if sent {
            break;
        }
    }
    assert_eq!(proxy.dropped.load(std::sync::atomic::Ordering::SeqCst), 3);
    assert_eq!(
        attempts.len(),
        4,
        "three lost answers, then the first answer again: {attempts:?}"
    );
    assert!(matches!(attempts.last(), Some(Attempt::Sent { .. })));
    assert_eq!(registrations_for(&portal.db, email).await, 1);
    // One activation mail, however often the request went out.
    portal.mail.wait_for(email, 1).await;
    portal.mail.assert_no_more(email, 1).await;
    // The password left the keyring once the portal accepted it.
    assert_eq!(
        madoguchi_app::credentials::get(madoguchi_app::credentials::Vault::Outbox, "flaky")
            .expect("keyring"),
        None
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_submission_comes_back_with_its_field_errors() {
    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let pool = store::open(&dir.path().join("madoguchi.db"))
        .await
        .expect("store");
    // A well-formed number the master does not hold: only the portal can refuse it.
    let fields = ahaki_form("9999999999", "returned@example.jp");
    drafts::save(&pool, "returned", &fields, None)
        .await
        .expect("save");
    madoguchi_app::credentials::put(
        madoguchi_app::credentials::Vault::Outbox,
        "returned",
        "Return2024pass",
    )
    .expect("keyring");
    drafts::queue(&pool, "returned", "returned-key")
        .await
        .expect("queue");
    let client = PortalClient::new(url::Url::parse(&portal.base).expect("url")).expect("client");
    let due = drafts::due(&pool, i64::MAX).await.expect("due");
    let attempt = outbox::attempt(&pool, &client, &OsKeyring, &due[0])
        .await
        .expect("attempt");
    assert!(
        matches!(attempt, Attempt::Returned(ref e) if !e.is_empty()),
        "{attempt:?}"
    );
    let d = drafts::get(&pool, "returned")
        .await
        .expect("get")
        .expect("kept");
    assert_eq!(d.state, DraftState::Returned);
    assert_eq!(
        d.errors[0].field,
        madoguchi_domain::Field::RegistrationNumber,
        "差戻し on the number's field: {:?}",
        d.errors
    );
    assert!(d.fields == fields, "what was typed is kept");
    assert_eq!(
        madoguchi_app::credentials::get(madoguchi_app::credentials::Vault::Outbox, "returned")
            .expect("keyring"),
        None,
        "the password is asked again at resending"
    );
    assert_eq!(
        registrations_for(&portal.db, "returned@example.jp").await,
        0
    );
}
