//! The app as IT staff install it: the binary the .deb put in /usr/bin, preset by the
//! system-wide file in /etc, against a portal it was never told about otherwise.
//! scripts/test-deb.sh installs the package, runs this with MADOGUCHI_APP_BIN, removes it.
//! Not part of plain `cargo test` (it needs the package installed).

use std::path::{Path, PathBuf};
use std::process::Command;

use madoguchi_e2e::app::{app_binary, AppSession};
use madoguchi_e2e::process::workspace_root;
use madoguchi_testkit::portal::{self, Backend, RunningPortal};

const PRESET: &str = "/etc/madoguchi/config.toml";

/// Removes the preset however the test ends.
struct PresetFile;

impl Drop for PresetFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(PRESET);
        let _ = std::fs::remove_dir("/etc/madoguchi");
    }
}

/// Lays down the preset naming `portal`, then starts the installed app.
async fn launch_preset_to(portal: &RunningPortal) -> (PresetFile, AppSession) {
    assert!(
        app_binary().starts_with("/usr"),
        "MADOGUCHI_APP_BIN must name the installed binary (scripts/test-deb.sh sets it)"
    );
    std::fs::create_dir_all("/etc/madoguchi").expect("/etc/madoguchi (run as root)");
    let preset = PresetFile;
    std::fs::write(PRESET, format!("portal_url = \"{}\"\n", portal.base)).expect("preset");
    let app = AppSession::launch()
        .await
        .expect("the installed app starts");
    (preset, app)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_installed_app_works_against_the_preset_portal() {
    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    let (_preset, app) = launch_preset_to(&portal).await;
    app.wait_for_text("main", "新規ユーザー登録はこちら")
        .await
        .expect("top page");
    app.click("a.entry.primary")
        .await
        .expect("新規ユーザー登録");
    app.click("#facility_kind-ahaki").await.expect("あはき");
    app.type_into("#registration_number", "0123456789")
        .await
        .expect("number");
    app.wait_for_value("#facility_name", "基金鍼灸院")
        .await
        .expect("looked up");
    app.click("a[href='#/drafts']").await.expect("下書き");
    // Seeded from the snapshot inside the package (40,000 demo facilities), then synced.
    let cache = app.wait_for_text("#cache-info", "件").await.expect("cache");
    let n: u64 = cache
        .trim_start_matches("施術所データ：")
        .split('件')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(n >= 40_000, "the shipped snapshot was imported: {cache}");
    app.click("a[href='#/settings']").await.expect("設定");
    app.wait_for_text("#portal-url-hint", "管理者による事前設定")
        .await
        .expect("the preset is in force");
    app.screenshot("installed-settings")
        .await
        .expect("screenshot");
    app.close().await.expect("closes");
}

/// The version dpkg has installed now.
fn installed_version() -> String {
    let out = Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", "madoguchi"])
        .output()
        .expect("dpkg-query");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// What the release owner does: `madoguchi-portal publish-release` with the package and a
/// signature file, on the portal's database.
fn publish(portal: &RunningPortal, package: &Path, signature: &Path) {
    let status = Command::new(workspace_root().join("target/debug/madoguchi-portal"))
        .args(["publish-release", "--version", "0.1.1", "--bundle", "deb"])
        .args(["--notes", "施術所名の検索が速くなりました。"])
        .arg("--file")
        .arg(package)
        .arg("--signature")
        .arg(signature)
        .env(
            "MADOGUCHI_PORTAL_DATABASE_URL",
            &portal.settings.database_url,
        )
        .status()
        .expect("madoguchi-portal publish-release");
    assert!(status.success(), "publish-release: {status}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_update_is_installed_on_click_and_a_badly_signed_one_refused() {
    let dir = PathBuf::from(
        std::env::var_os("MADOGUCHI_UPDATE_DIR")
            .expect("MADOGUCHI_UPDATE_DIR names the signed packages (scripts/test-deb.sh)"),
    );
    let package = dir.join("Madoguchi_0.1.1_amd64.deb");
    let good = dir.join("Madoguchi_0.1.1_amd64.deb.sig");
    let stranger = dir.join("stranger.sig");
    assert_eq!(installed_version(), "0.1.0");

    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    // First the release arrives signed by a key the app does not know.
    publish(&portal, &package, &stranger);
    let (_preset, app) = launch_preset_to(&portal).await;
    // Offered at start, by itself; nothing happens before the click.
    let offer = app
        .wait_for_text("#update-offer", "新しいバージョン 0.1.1")
        .await
        .expect("the update is offered at start");
    assert!(offer.contains("お使いのバージョン 0.1.0"), "{offer}");
    assert!(
        offer.contains("施術所名の検索が速くなりました。"),
        "{offer}"
    );
    assert_eq!(installed_version(), "0.1.0", "not before the click");
    app.screenshot("update-offer").await.expect("screenshot");
    app.click("#update-install").await.expect("更新する");
    app.wait_for_text("#update-error", "署名を確認できませんでした")
        .await
        .expect("a bad signature is refused");
    assert_eq!(installed_version(), "0.1.0", "nothing was installed");
    app.screenshot("update-refused").await.expect("screenshot");
    // The start-up message can be closed: it must not follow the user to every page.
    app.click("#update-dismiss").await.expect("閉じる");
    app.wait_gone("#update-error")
        .await
        .expect("the message is closed");

    // The owner publishes it again with the right signature; the user asks in 設定.
    publish(&portal, &package, &good);
    app.click("a[href='#/settings']").await.expect("設定");
    app.click("#check-update").await.expect("更新を確認");
    app.wait_for_text("#settings-update-offer", "0.1.1")
        .await
        .expect("offered again");
    app.click("#settings-update-install")
        .await
        .expect("更新する");
    // Download, signature, dpkg: allow for a slow machine, and show an error if one comes.
    let started = std::time::Instant::now();
    loop {
        if let Ok(text) = app.text_of_now("#settings-update-installed").await {
            assert!(text.contains("バージョン 0.1.1 に更新しました"), "{text}");
            break;
        }
        if let Ok(error) = app.text_of_now("#settings-update-error").await {
            panic!("the update failed: {error}");
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(120),
            "no answer within 120 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert_eq!(installed_version(), "0.1.1");
    app.screenshot("update-installed")
        .await
        .expect("screenshot");
    app.close().await.expect("closes");
}
