//! The app as IT staff install it: the binary the .deb put in /usr/bin, preset by the
//! system-wide file in /etc, against a portal it was never told about otherwise.
//! scripts/test-deb.sh installs the package, runs this with MADOGUCHI_APP_BIN, removes it.
//! Not part of plain `cargo test` (it needs the package installed).

use madoguchi_e2e::app::{app_binary, AppSession};
use madoguchi_testkit::portal::{self, Backend};

const PRESET: &str = "/etc/madoguchi/config.toml";

/// Removes the preset however the test ends.
struct PresetFile;

impl Drop for PresetFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(PRESET);
        let _ = std::fs::remove_dir("/etc/madoguchi");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_installed_app_works_against_the_preset_portal() {
    assert!(
        app_binary().starts_with("/usr"),
        "MADOGUCHI_APP_BIN must name the installed binary (scripts/test-deb.sh sets it)"
    );
    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    std::fs::create_dir_all("/etc/madoguchi").expect("/etc/madoguchi (run as root)");
    let _preset = PresetFile;
    std::fs::write(PRESET, format!("portal_url = \"{}\"\n", portal.base)).expect("preset");

    let app = AppSession::launch()
        .await
        .expect("the installed app starts");
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
        .trim_start_matches("施術所データ: ")
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
