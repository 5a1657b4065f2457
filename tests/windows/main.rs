//! The Windows build, checked on this Linux machine under Wine (scripts/test-windows.sh
//! cross-builds it, makes a private prefix and runs this): the portal serving on loopback, the
//! store and outbox killed with TerminateProcess, the keyring through Credential Manager, the
//! preset in %ProgramData% and the logs in %LOCALAPPDATA%, and the NSIS installer. What Wine
//! cannot run (the WebView2 window) is named in README; nothing here skips.

mod wine;

use std::path::{Path, PathBuf};
use std::time::Duration;

use madoguchi_domain::RegistrationForm;
use madoguchi_e2e::process::free_port;
use madoguchi_testkit::portal::registrations_for;
use madoguchi_testkit::smtp::MailCatcher;

/// ≥ 100, as the Linux loops' 200 would take twice as long under Wine.
const WINDOWS_KILLS: usize = 100;

/// A fresh folder on the prefix's C: drive.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = wine::drive_c()
        .join("madoguchi-check")
        .join(format!("{name}-{}", fastrand::u64(..)));
    std::fs::create_dir_all(&dir).expect("a folder on C:");
    dir
}

/// `madoguchi-portal.exe serve` under Wine on a loopback port, with the demo master and mail
/// to a catcher on the Linux side.
struct WindowsPortal {
    base: String,
    dir: PathBuf,
    mail: MailCatcher,
    process: Option<wine::Background>,
}

impl WindowsPortal {
    fn env(&self) -> Vec<(&'static str, String)> {
        let n = "100000".to_owned();
        vec![
            (
                "MADOGUCHI_PORTAL_DATABASE_URL",
                "sqlite://portal.db?mode=rwc".into(),
            ),
            ("MADOGUCHI_PORTAL_PUBLIC_BASE_URL", self.base.clone()),
            (
                "MADOGUCHI_PORTAL_BIND",
                self.base.trim_start_matches("http://").into(),
            ),
            (
                "MADOGUCHI_PORTAL_MAIL__SMTP_URL",
                format!("smtp://127.0.0.1:{}", self.mail.port),
            ),
            (
                "MADOGUCHI_PORTAL_RATE_LIMIT__PER_ADDRESS_PER_MINUTE",
                n.clone(),
            ),
            ("MADOGUCHI_PORTAL_RATE_LIMIT__PER_ADDRESS_BURST", n.clone()),
            (
                "MADOGUCHI_PORTAL_RATE_LIMIT__REGISTRATIONS_PER_HOUR",
                n.clone(),
            ),
            ("MADOGUCHI_PORTAL_RATE_LIMIT__LOGINS_PER_HOUR", n),
            ("RUST_LOG", "warn".into()),
        ]
    }

    async fn start() -> WindowsPortal {
        let port = free_port().expect("a free port");
        let mut portal = WindowsPortal {
            base: format!("http://127.0.0.1:{port}"),
            dir: fresh_dir("portal"),
            mail: MailCatcher::start(),
            process: None,
        };
        portal.cli(&[
            "demo-facilities",
            "--out",
            "facilities.csv",
            "--count",
            "500",
        ]);
        portal.cli(&["import-facilities", "facilities.csv"]);
        let exe = wine::exe("madoguchi-portal.exe");
        let env = portal.env();
        let child = wine::command(&exe, &["serve"])
            .current_dir(&portal.dir)
            .envs(env.iter().map(|(k, v)| (*k, v)))
            .spawn()
            .expect("wine madoguchi-portal.exe serve");
        portal.process = Some(wine::Background(child));
        let client = madoguchi_testkit::http::client();
        for _ in 0..300 {
            if let Ok(r) = client.get(format!("{}/health", portal.base)).send().await {
                if r.status().is_success() {
                    return portal;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "madoguchi-portal.exe did not answer on {} in 30 s",
            portal.base
        );
    }

    /// `madoguchi-portal.exe ARGS…` in the portal's folder, with its settings; must succeed.
    fn cli(&self, args: &[&str]) {
        let out = wine::command(&wine::exe("madoguchi-portal.exe"), args)
            .current_dir(&self.dir)
            .envs(self.env().iter().map(|(k, v)| (*k, v)))
            .output()
            .expect("wine madoguchi-portal.exe");
        assert!(
            out.status.success(),
            "madoguchi-portal.exe {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        madoguchi_testkit::http::client()
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// GET `path`: a 200 with JSON.
    async fn get_json(&self, path: &str) -> serde_json::Value {
        self.get(path)
            .await
            .error_for_status()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
            .json()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// Stops the server, so its database can be read from the Linux side.
    fn stop(&mut self) {
        self.process = None;
        wine::wait_all();
    }

    async fn registrations_for(&self, email: &str) -> i64 {
        let url = format!(
            "sqlite://{}?mode=ro",
            self.dir
                .join("portal.db")
                .display()
                .to_string()
                .replace('\\', "/")
        );
        let db = madoguchi_portal::db::connect(&url)
            .await
            .expect("the portal's database");
        registrations_for(&db, email).await
    }
}

fn ahaki_form(email: &str) -> RegistrationForm {
    RegistrationForm {
        family_name: "基金".into(),
        given_name: "太郎".into(),
        facility_kind: "ahaki".into(),
        judo_prefix: String::new(),
        registration_number: "0123456789".into(),
        phone: "0312345678".into(),
        email: email.into(),
        password: "Shinkyu2024x".into(),
        password_confirmation: "Shinkyu2024x".into(),
        terms_accepted: true,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_windows_portal_answers_lookups_and_registrations_from_linux() {
    let mut portal = WindowsPortal::start().await;
    let client = madoguchi_testkit::http::client();
    let lookup = portal.get_json("/api/v1/facilities/ahaki/0123456789").await;
    assert_eq!(lookup["name"], "基金鍼灸院", "{lookup}");
    let unknown = portal.get("/api/v1/facilities/ahaki/9999999999").await;
    assert_eq!(unknown.status(), 404);

    let email = "windows-portal@example.jp";
    let r = client
        .post(format!("{}/api/v1/registrations", portal.base))
        .header("Idempotency-Key", "windows-1")
        .json(&ahaki_form(email))
        .send()
        .await
        .expect("registration");
    assert_eq!(r.status(), 202, "{}", r.text().await.unwrap_or_default());
    let mail = portal.mail.wait_for(email, 1).await;
    assert!(
        mail[0].link("http").starts_with(&portal.base),
        "the activation link points at the portal: {}",
        mail[0].body
    );
    portal.stop();
    assert_eq!(portal.registrations_for(email).await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn drafts_and_submissions_survive_terminate_process() {
    let mut portal = WindowsPortal::start().await;
    let soak = wine::exe("madoguchi-soak.exe");
    let dir = fresh_dir("soak");
    let rounds = WINDOWS_KILLS.to_string();

    let saves_db = wine::windows_path(&dir.join("saves.db"));
    let out = wine::run(&soak, &["crash-saves", &saves_db, &rounds], &[]);
    let lines = wine::stdout_lines(&out);
    assert!(
        lines.iter().any(|l| l.contains("none lost or torn")),
        "{lines:?}"
    );
    println!("Windows: {}", lines.join("\n"));

    let sends_db = wine::windows_path(&dir.join("sends.db"));
    let out = wine::run(
        &soak,
        &["crash-sends", &sends_db, &portal.base, &rounds],
        &[],
    );
    let lines = wine::stdout_lines(&out);
    println!("Windows: {}", lines[0]);
    let emails: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("email "))
        .collect();
    assert_eq!(emails.len(), WINDOWS_KILLS, "{lines:?}");
    portal.stop();
    for email in emails {
        assert_eq!(
            portal.registrations_for(email).await,
            1,
            "{email}: one submission, one registration"
        );
    }
}

#[test]
fn the_keyring_is_windows_credential_manager() {
    let out = wine::run(&wine::exe("madoguchi-soak.exe"), &["keyring"], &[]);
    let lines = wine::stdout_lines(&out);
    println!("Windows keyring: {lines:?}");
    assert!(lines
        .iter()
        .any(|l| l.starts_with("login: kept, read back, forgotten")));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("outbox: held, read back, released")));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("2560 bytes kept, 2562 refused")),
        "Windows' 2,560-byte limit: {lines:?}"
    );
    assert!(
        !wine::credential_left("os-check-"),
        "a credential was left behind in the Credential Manager"
    );
}

/// Removes the preset however the test ends.
struct Preset(PathBuf);

impl Drop for Preset {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn the_preset_is_read_from_programdata_and_logs_go_to_localappdata() {
    let folder = wine::drive_c().join("ProgramData/Madoguchi");
    std::fs::create_dir_all(&folder).expect("%ProgramData%\\Madoguchi");
    let preset = Preset(folder.join("config.toml"));
    let soak = wine::exe("madoguchi-soak.exe");

    std::fs::write(
        &preset.0,
        "portal_url = \"https://portal.example.jp/\"\nproxy = \"http://proxy.clinic.local:8080\"\n",
    )
    .expect("preset");
    let lines = wine::stdout_lines(&wine::run(&soak, &["preset"], &[]));
    assert_eq!(
        lines,
        [
            "path=C:\\ProgramData\\Madoguchi\\config.toml",
            "portal_url=https://portal.example.jp/",
            "proxy=http://proxy.clinic.local:8080",
        ]
    );
    // A broken preset is ignored (and logged), never fatal.
    std::fs::write(&preset.0, "portal_url = \"portal\"\n").expect("preset");
    let lines = wine::stdout_lines(&wine::run(&soak, &["preset"], &[]));
    assert_eq!(lines[1..], ["portal_url=", "proxy="]);
    drop(preset);

    let lines = wine::stdout_lines(&wine::run(&soak, &["logs"], &[]));
    let log = lines[0].strip_prefix("log=").expect("the log file");
    let user = std::fs::read_dir(wine::drive_c().join("users"))
        .expect("users")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n != "Public")
        .expect("the prefix's user");
    let folder = format!("C:\\users\\{user}\\AppData\\Local\\jp.madoguchi.desktop\\logs\\");
    assert!(log.starts_with(&folder), "{log} is not in {folder}");
    let file = wine::drive_c().join(log.trim_start_matches("C:\\").replace('\\', "/"));
    let text = std::fs::read_to_string(&file).expect("the log file, read from Linux");
    assert!(text.contains("os-check"), "{text}");
}

fn install_dir() -> PathBuf {
    wine::drive_c().join("Program Files/Madoguchi")
}

fn shortcut() -> PathBuf {
    wine::drive_c().join("ProgramData/Microsoft/Windows/Start Menu/Programs/窓口 Madoguchi.lnk")
}

const UNINSTALL_KEY: &str = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\Madoguchi";

fn snapshot() -> PathBuf {
    madoguchi_e2e::process::workspace_root().join("src-tauri/resources/facility-snapshot.csv")
}

/// The newest log file the installed app wrote, if any.
fn app_log_text() -> String {
    let Ok(users) = std::fs::read_dir(wine::drive_c().join("users")) else {
        return String::new();
    };
    let mut text = String::new();
    for user in users.flatten() {
        let logs = user.path().join("AppData/Local/jp.madoguchi.desktop/logs");
        for f in std::fs::read_dir(logs).into_iter().flatten().flatten() {
            text.push_str(&std::fs::read_to_string(f.path()).unwrap_or_default());
        }
    }
    text
}

#[test]
fn the_installer_installs_updates_and_uninstalls_silently() {
    let setup = wine::installer();
    let size = std::fs::metadata(&setup).expect("installer").len();
    assert!(
        size <= 10 * 1024 * 1024,
        "the installer is {size} bytes, over 10 MB"
    );

    wine::run(&setup, &["/S"], &[]);
    wine::wait_all();
    let dir = install_dir();
    // WebView2Loader.dll: the GNU build loads it from beside the exe.
    for f in [
        "madoguchi.exe",
        "WebView2Loader.dll",
        "facility-snapshot.csv",
        "uninstall.exe",
    ] {
        assert!(dir.join(f).exists(), "{f} is not installed");
    }
    assert_eq!(
        std::fs::read(dir.join("facility-snapshot.csv")).expect("installed snapshot"),
        std::fs::read(snapshot()).expect("built snapshot"),
        "the snapshot inside is the one built"
    );
    assert!(shortcut().exists(), "no Start-menu entry");
    assert_eq!(
        wine::reg_query(UNINSTALL_KEY, "InstallLocation").as_deref(),
        Some(r"C:\Program Files\Madoguchi")
    );
    assert_eq!(
        wine::reg_query(UNINSTALL_KEY, "DisplayVersion").as_deref(),
        Some(env!("CARGO_PKG_VERSION"))
    );

    // What tauri-plugin-updater runs: quiet or passive, /UPDATE, /R and /ARGS. The app is
    // started again with the arguments; it logs them, then stops for want of WebView2.
    std::fs::remove_file(shortcut()).expect("the user removes the shortcut");
    let marker = format!("--from-updater-{}", fastrand::u32(..));
    wine::run(&setup, &["/S", "/UPDATE", "/R", "/ARGS", &marker], &[]);
    wine::wait_all();
    assert!(dir.join("madoguchi.exe").exists());
    assert!(
        !shortcut().exists(),
        "an update does not bring back a removed shortcut"
    );
    let log = app_log_text();
    let started = log
        .find(&marker)
        .unwrap_or_else(|| panic!("/R did not start the app with /ARGS {marker}: {log}"));
    assert!(
        log[started..].contains("no webview runtime"),
        "without WebView2 the app says so and stops: {log}"
    );
    // Passive: a progress window only (on Xvfb here), nothing asked.
    wine::run(&setup, &["/P", "/UPDATE"], &wine::with_display());
    wine::wait_all();
    assert!(dir.join("madoguchi.exe").exists(), "passive update");

    let uninstaller = wine::windows_path(&dir.join("uninstall.exe"));
    wine::run(Path::new(&uninstaller), &["/S"], &[]);
    wine::wait_all();
    // The uninstaller hands over to a copy of itself: give that copy time to finish.
    for _ in 0..300 {
        if !dir.exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(!dir.exists(), "{} is left behind", dir.display());
    assert!(!shortcut().exists());
    assert_eq!(wine::reg_query(UNINSTALL_KEY, "InstallLocation"), None);
}

/// Checks `bytes` against a `tauri signer` signature with a `tauri signer` public key, as
/// tauri-plugin-updater does before it runs an installer.
fn signature_holds(bytes: &[u8], signature_b64: &str, pubkey_b64: &str) -> bool {
    use base64::Engine;
    let text = |b64: &str| {
        let raw = base64::engine::general_purpose::STANDARD
            .decode(b64.trim())
            .expect("base64");
        String::from_utf8(raw).expect("minisign text")
    };
    let key = minisign_verify::PublicKey::decode(&text(pubkey_b64)).expect("public key");
    let signature = minisign_verify::Signature::decode(&text(signature_b64)).expect("signature");
    key.verify(bytes, &signature, true).is_ok()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_windows_release_is_offered_verified_and_installed_with_the_updaters_flags() {
    let keys = PathBuf::from(std::env::var("MADOGUCHI_UPDATE_DIR").unwrap_or_else(|_| {
        panic!("MADOGUCHI_UPDATE_DIR is not set: scripts/test-windows.sh signs the release")
    }));
    let pubkey = std::fs::read_to_string(keys.join("good.key.pub")).expect("the trusted key");
    let built = keys.join("windows/Madoguchi_0.1.1_x64-setup.exe");
    let installer = std::fs::read(&built).expect("the signed installer");
    let mut portal = WindowsPortal::start().await;

    // The release owner's step, with the Windows portal: the file and its .sig beside it.
    let file = portal.dir.join("Madoguchi_0.1.1_x64-setup.exe");
    std::fs::copy(&built, &file).expect("copy");
    std::fs::copy(
        built.with_extension("exe.sig"),
        file.with_extension("exe.sig"),
    )
    .expect("sig");
    portal.cli(&[
        "publish-release",
        "--version",
        "0.1.1",
        "--target",
        "windows",
        "--arch",
        "x86_64",
        "--bundle",
        "nsis",
        "--file",
        "Madoguchi_0.1.1_x64-setup.exe",
        "--notes",
        "Windows 版の更新",
    ]);

    // What the installed 0.1.0 asks (tauri-plugin-updater's {{target}}/{{arch}}/{{bundle_type}}).
    let client = madoguchi_testkit::http::client();
    let offer = portal
        .get_json("/api/v1/updates/windows/x86_64/nsis/0.1.0")
        .await;
    assert_eq!(offer["version"], "0.1.1", "{offer}");
    let up_to_date = portal
        .get("/api/v1/updates/windows/x86_64/nsis/0.1.1")
        .await;
    assert_eq!(up_to_date.status(), 204);
    let url = offer["url"].as_str().expect("url");
    let downloaded = client
        .get(url)
        .send()
        .await
        .expect("download")
        .bytes()
        .await
        .expect("bytes");
    assert_eq!(
        downloaded.as_ref(),
        installer.as_slice(),
        "the installer, byte for byte"
    );
    let signature = offer["signature"].as_str().expect("signature");
    assert!(
        signature_holds(&downloaded, signature, &pubkey),
        "the trusted key's signature holds"
    );
    let stranger =
        std::fs::read_to_string(keys.join("windows/stranger.sig")).expect("stranger.sig");
    assert!(
        !signature_holds(&downloaded, &stranger, &pubkey),
        "a stranger's signature is refused"
    );
    let mut tampered = downloaded.to_vec();
    let middle = tampered.len() / 2;
    tampered[middle] ^= 1;
    assert!(
        !signature_holds(&tampered, signature, &pubkey),
        "a changed byte is refused"
    );
    portal.stop();

    // The updater then runs the download with its flags (quiet mode, restart).
    let setup = fresh_dir("update").join("Madoguchi_0.1.1_x64-setup.exe");
    std::fs::write(&setup, &downloaded).expect("the download");
    let marker = format!("--after-update-{}", fastrand::u32(..));
    wine::run(&setup, &["/S", "/UPDATE", "/R", "/ARGS", &marker], &[]);
    wine::wait_all();
    assert!(install_dir().join("madoguchi.exe").exists());
    assert!(
        app_log_text().contains(&marker),
        "the app was started again with its arguments"
    );
    let uninstaller = wine::windows_path(&install_dir().join("uninstall.exe"));
    wine::run(Path::new(&uninstaller), &["/S"], &[]);
    wine::wait_all();
}
