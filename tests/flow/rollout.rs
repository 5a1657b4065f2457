//! What IT staff roll out: a preset portal address read from the system-wide file, one
//! instance at a time, logs in the OS's log folder, diagnostics with nothing personal.

use std::time::{Duration, Instant};

use madoguchi_e2e::app::{app_binary, AppSession};
use madoguchi_testkit::portal::{self, Backend};

use crate::support::files_under;

#[tokio::test(flavor = "multi_thread")]
async fn the_preset_portal_is_used_until_the_user_chooses_another() {
    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    madoguchi_portal::db::notices::publish(
        &portal.db,
        "p",
        "事前設定のポータル",
        "本文",
        1_800_000_000,
    )
    .await
    .expect("publish");
    let dir = tempfile::tempdir().expect("tempdir");
    let preset = dir.path().join("config.toml");
    std::fs::write(&preset, format!("portal_url = \"{}\"\n", portal.base)).expect("preset");
    // No MADOGUCHI_PORTAL_URL: the address comes from the file alone.
    let app = AppSession::launch_with(&[("MADOGUCHI_SYSTEM_CONFIG", preset.display().to_string())])
        .await
        .expect("app");
    app.click("a[href='#/notices']").await.expect("お知らせ");
    app.wait_for_text("#notices", "事前設定のポータル")
        .await
        .expect("the preset portal answers");
    app.click("a[href='#/settings']").await.expect("設定");
    app.wait_for_text("#portal-url-hint", "管理者による事前設定")
        .await
        .expect("the source is named");
    assert_eq!(
        app.value_of("#portal-url").await.expect("address"),
        portal.base
    );
    app.screenshot("settings-preset").await.expect("screenshot");
    app.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_hands_over_to_the_first_and_logs_are_kept() {
    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    let app = AppSession::launch_with(&[("MADOGUCHI_PORTAL_URL", portal.base.clone())])
        .await
        .expect("app");
    app.wait_for_text("main", "新規ユーザー登録はこちら")
        .await
        .expect("top page");
    let home = app.config_home().to_path_buf();
    let mut second = std::process::Command::new(app_binary())
        .env("XDG_CONFIG_HOME", &home)
        .env("XDG_DATA_HOME", &home)
        .env("MADOGUCHI_PORTAL_URL", &portal.base)
        .spawn()
        .expect("second launch");
    let started = Instant::now();
    let status = loop {
        if let Some(s) = second.try_wait().expect("wait") {
            break s;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = second.kill();
            panic!("the second instance kept running");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "{status}");
    // The first one still answers, and was told.
    app.wait_for_text("main", "新規ユーザー登録はこちら")
        .await
        .expect("still running");
    let logs = home.join("jp.madoguchi.desktop").join("logs");
    let mut text = String::new();
    for _ in 0..50 {
        text = files_under(&logs)
            .into_iter()
            .map(|(_, b)| String::from_utf8_lossy(&b).into_owned())
            .collect();
        if text.contains("a second launch") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        text.contains("starting"),
        "the log folder holds the log: {text}"
    );
    assert!(text.contains("a second launch"), "{text}");
    app.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread")]
async fn diagnostics_tell_the_help_desk_nothing_personal() {
    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    let app = AppSession::launch_with(&[("MADOGUCHI_PORTAL_URL", portal.base.clone())])
        .await
        .expect("app");
    app.click("a.entry.primary")
        .await
        .expect("新規ユーザー登録");
    app.type_into("#family_name", "診断").await.expect("姓");
    app.type_into("#email", "private@example.jp")
        .await
        .expect("email");
    app.wait_for_text("#draft-status", "下書きを保存しました")
        .await
        .expect("a draft");
    app.click("a[href='#/about']")
        .await
        .expect("このアプリについて");
    let text = app
        .wait_for_value("#diagnostics", "Madoguchi")
        .await
        .expect("diagnostics");
    assert!(text.contains(env!("CARGO_PKG_VERSION")), "{text}");
    assert!(text.contains("下書き：下書き 1件"), "{text}");
    assert!(text.contains(&portal.base), "{text}");
    for personal in ["診断", "private@example.jp"] {
        assert!(!text.contains(personal), "{personal} in {text}");
    }
    app.click("#copy-diagnostics").await.expect("コピー");
    app.wait_for_text("#copy-status", "コピー")
        .await
        .expect("told what happened");
    app.screenshot("about").await.expect("screenshot");
    app.close().await.expect("closes");
}
