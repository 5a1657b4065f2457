//! Offline preparation: with the portal down the form is filled in, the facility comes
//! from the local cache, the submission is queued; once the portal is back the outbox
//! delivers it by itself, the mail arrives and activation completes.

use madoguchi_e2e::app::AppSession;
use madoguchi_testkit::portal::{self, Backend};

use crate::support::{activate_in_browser, files_under, fill_form, AHAKI, PASSWORD};

#[tokio::test(flavor = "multi_thread")]
async fn a_form_prepared_offline_is_delivered_when_the_portal_answers() {
    let mut portal = portal::start(Backend::Sqlite, |_| {}).await;
    // The snapshot the app is seeded from, as the build exports it from the master.
    let dir = tempfile::tempdir().expect("tempdir");
    let snapshot = dir.path().join("facility-snapshot.csv");
    let file = std::fs::File::create(&snapshot).expect("snapshot file");
    madoguchi_portal::snapshot::export(&portal.db, std::io::BufWriter::new(file))
        .await
        .expect("snapshot exported");
    portal.stop().await;

    let app = AppSession::launch_with(&[
        ("MADOGUCHI_PORTAL_URL", portal.base.clone()),
        (
            "MADOGUCHI_FACILITY_SNAPSHOT",
            snapshot.display().to_string(),
        ),
        ("MADOGUCHI_OUTBOX_PROBE_SECS", "1".to_owned()),
    ])
    .await
    .expect("app");
    let email = "offline.kikin@example.jp";
    // fill_form waits for the facility name: offline, it can only come from the cache.
    fill_form(&app, &AHAKI, email).await;
    app.wait_for_text("#draft-status", "下書きを保存しました")
        .await
        .expect("saved as typed");
    app.click("#register-submit").await.expect("登録");
    app.click("#confirm-ok").await.expect("OK");

    let banner = app
        .wait_for_text("#banner", "送信待ちにしました")
        .await
        .expect("queued, and told so");
    assert!(banner.contains("ポータルに接続できません"), "{banner}");
    let list = app
        .wait_for_text("#drafts", "送信待ち")
        .await
        .expect("the 下書き screen shows it queued");
    assert!(list.contains(AHAKI.name), "{list}");
    let cache = app.text_of("#cache-info").await.expect("cache date");
    assert!(cache.contains("施術所データ"), "{cache}");
    app.screenshot("drafts-queued").await.expect("screenshot");
    // Every screen's status line says so, pushed by the outbox, not asked for.
    let status = app
        .wait_for_text("#connection-status", "送信待ち 1件")
        .await
        .expect("the status line counts the queued draft");
    assert!(status.starts_with("オフライン"), "{status}");

    portal.restart().await;
    app.wait_for_text("#drafts", "送信済み（有効化待ち）")
        .await
        .expect("delivered by the outbox once the portal answers");
    let status = app
        .wait_for_text("#connection-status", "オンライン")
        .await
        .expect("online again");
    assert!(
        !status.contains("送信待ち"),
        "nothing waits any more: {status}"
    );
    let mails = portal.mail.wait_for(email, 1).await;
    activate_in_browser(&mails[0], &portal.base).await;
    app.wait_for_text("#drafts tr[data-state='complete']", "完了")
        .await
        .expect("完了 once the link was used");
    portal.mail.assert_no_more(email, 2).await;
    app.screenshot("drafts-complete").await.expect("screenshot");

    app.click(".draft-summary").await.expect("控え");
    let summary = app
        .wait_for_text("#summary-table", email)
        .await
        .expect("登録内容の控え");
    assert!(
        summary.contains("01234567-8-9") && summary.contains(AHAKI.name),
        "{summary}"
    );
    assert!(!summary.contains(PASSWORD));
    app.screenshot("draft-summary").await.expect("screenshot");

    for (path, bytes) in files_under(app.config_home()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(PASSWORD),
            "the password is in {}",
            path.display()
        );
    }
    app.close().await.expect("closes");
}
