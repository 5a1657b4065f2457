//! However the app or the network fails, nothing typed is lost and one submission never
//! makes two accounts: the app's store and outbox (tests/soak, the app's own code) killed
//! with SIGKILL hundreds of times, and a network that loses the portal's answers.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use madoguchi_app::outbox::{self, Attempt};
use madoguchi_app::portal_client::PortalClient;
use madoguchi_app::store::{self, drafts};
use madoguchi_domain::ipc::{DraftFields, DraftState};
use madoguchi_testkit::flaky_proxy::FlakyProxy;
use madoguchi_testkit::portal::{self, registrations_for, Backend};
use sqlx::Row;

const KILLS: usize = 200;

fn soak(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_madoguchi-soak"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("madoguchi-soak starts")
}

/// Kills `child` with SIGKILL after `ms` and returns the lines it printed.
fn kill_after(mut child: Child, ms: u64) -> Vec<String> {
    std::thread::sleep(Duration::from_millis(ms));
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let out = child.stdout.take().expect("stdout");
    BufReader::new(out).lines().map_while(Result::ok).collect()
}

/// Kills `child` with SIGKILL `ms` after it printed its `nth` line starting with `prefix`
/// (or once it exits by itself); returns every line it printed and whether it was killed.
fn kill_after_line(mut child: Child, prefix: &str, nth: usize, ms: u64) -> (Vec<String>, bool) {
    let out = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    let mut seen = 0;
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(30)) {
        let hit = line.starts_with(prefix);
        lines.push(line);
        if hit {
            seen += 1;
            if seen == nth {
                std::thread::sleep(Duration::from_millis(ms));
                break;
            }
        }
    }
    let killed = child.try_wait().ok().flatten().is_none();
    let _ = child.kill();
    let _ = child.wait();
    let _ = reader.join();
    lines.extend(rx.try_iter());
    (lines, killed)
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

async fn integrity_ok(pool: &sqlx::SqlitePool) {
    let r: String = sqlx::query("PRAGMA integrity_check")
        .fetch_one(pool)
        .await
        .expect("integrity_check")
        .try_get(0)
        .expect("text");
    assert_eq!(r, "ok");
}

/// The revision a saved row shows, checking that no field is from another revision.
fn revision_of(fields: &DraftFields) -> u64 {
    let i: u64 = fields
        .family_name
        .trim_start_matches("基金")
        .parse()
        .expect("a family name the soak wrote");
    assert_eq!(
        fields.phone,
        format!("0{:010}", i % 10_000_000_000),
        "torn row"
    );
    assert!(
        fields.email.ends_with(&format!(".{i}@example.jp")),
        "torn row"
    );
    i
}

#[tokio::test(flavor = "multi_thread")]
async fn drafts_survive_kill_9_during_saves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("madoguchi.db");
    let db_arg = db.display().to_string();
    let mut rng = fastrand::Rng::with_seed(7);
    let mut acknowledged: HashMap<u32, u64> = HashMap::new();
    let mut saves = 0;
    let mut next: u64 = 0;
    for _ in 0..KILLS {
        // Each run goes on from the highest revision any earlier run wrote.
        let start = next.to_string();
        let lines = kill_after(soak(&["save", &db_arg, &start]), rng.u64(5..60));
        for l in &lines {
            let mut parts = l.split(' ').skip(1);
            if let (Some(k), Some(i)) = (parts.next(), parts.next()) {
                let (k, i): (u32, u64) = (k.parse().expect("k"), i.parse().expect("i"));
                acknowledged.insert(k, i);
                saves += 1;
            }
        }
        let pool = store::open(&db)
            .await
            .expect("the store opens after a crash");
        integrity_ok(&pool).await;
        for d in drafts::list(&pool).await.expect("drafts readable") {
            let k: u32 = d.id.trim_start_matches("draft-").parse().expect("id");
            let i = revision_of(&d.fields);
            // A save that reported success is never lost.
            let acked = acknowledged.get(&k).copied().unwrap_or(0);
            assert!(i >= acked, "draft {k}: saved {acked}, found {i}");
            acknowledged.insert(k, i);
            next = next.max(i);
        }
        next = next.max(acknowledged.values().copied().max().unwrap_or(0));
        pool.close().await;
    }
    assert!(
        saves > KILLS,
        "the soak saved between kills ({saves} saves)"
    );
    println!("{KILLS} kills during {saves} acknowledged draft saves: none lost or torn");
}

async fn wait_done(mut child: Child) -> Vec<String> {
    for _ in 0..600 {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "madoguchi-soak send failed");
            let out = child.stdout.take().expect("stdout");
            return BufReader::new(out).lines().map_while(Result::ok).collect();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    panic!("madoguchi-soak send did not finish in 60 s");
}

#[tokio::test(flavor = "multi_thread")]
async fn sending_killed_at_any_moment_never_makes_two_accounts() {
    // Each run queues one more submission, so every run has one to send when it is killed.
    const SUBMISSIONS: usize = KILLS;
    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("madoguchi.db");
    let db_arg = db.display().to_string();
    let mut rng = fastrand::Rng::with_seed(11);
    let (mut kills, mut mid_request) = (0, 0);
    for run in 1..=KILLS {
        let n = run.to_string();
        let args = ["send", db_arg.as_str(), portal.base.as_str(), n.as_str()];
        // Killed 0–25 ms after its first or second request went out: before, during or
        // just after the portal's answer.
        let (lines, killed) =
            kill_after_line(soak(&args), "sending", rng.usize(1..=2), rng.u64(0..25));
        if killed {
            kills += 1;
            if lines.last().is_some_and(|l| l.starts_with("sending")) {
                mid_request += 1;
            }
        }
        let pool = store::open(&db)
            .await
            .expect("the store opens after a crash");
        integrity_ok(&pool).await;
        pool.close().await;
    }
    let n = SUBMISSIONS.to_string();
    let args = ["send", db_arg.as_str(), portal.base.as_str(), n.as_str()];
    let last = wait_done(soak(&args)).await;
    assert_eq!(last.last().map(String::as_str), Some("all sent"));

    let pool = store::open(&db).await.expect("store");
    for d in drafts::list(&pool).await.expect("drafts") {
        assert_eq!(d.state, DraftState::Sent, "{}", d.id);
    }
    for k in 0..SUBMISSIONS {
        let email = format!("send{k}@example.jp");
        assert_eq!(
            registrations_for(&portal.db, &email).await,
            1,
            "{email}: one submission, one registration"
        );
    }
    assert!(kills >= KILLS * 9 / 10, "the runs were killed ({kills})");
    assert!(
        mid_request > 0,
        "some kills landed while a request was in flight"
    );
    println!("{kills} kills, {mid_request} of them with a request in flight: {SUBMISSIONS} submissions, {SUBMISSIONS} registrations");
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
    madoguchi_app::credentials::hold_for_outbox("flaky", "Flaky2024pass").expect("keyring");
    drafts::queue(&pool, "flaky", "flaky-key")
        .await
        .expect("queue");
    let client = PortalClient::new(url::Url::parse(&proxy.base).expect("url")).expect("client");

    let mut attempts = Vec::new();
    for _ in 0..10 {
        let due = drafts::due(&pool, i64::MAX).await.expect("due");
        let Some(d) = due.first() else { break };
        let a = outbox::attempt(&pool, &client, d).await.expect("attempt");
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
        madoguchi_app::credentials::outbox_password("flaky").expect("keyring"),
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
    madoguchi_app::credentials::hold_for_outbox("returned", "Return2024pass").expect("keyring");
    drafts::queue(&pool, "returned", "returned-key")
        .await
        .expect("queue");
    let client = PortalClient::new(url::Url::parse(&portal.base).expect("url")).expect("client");
    let due = drafts::due(&pool, i64::MAX).await.expect("due");
    let attempt = outbox::attempt(&pool, &client, &due[0])
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
        madoguchi_app::credentials::outbox_password("returned").expect("keyring"),
        None,
        "the password is asked again at resending"
    );
    assert_eq!(
        registrations_for(&portal.db, "returned@example.jp").await,
        0
    );
}
