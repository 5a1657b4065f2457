//! The app's OS-facing code as it runs on the platform under test, without a window: the
//! keyring, the IT preset and the log folder. `madoguchi-soak keyring|preset|logs` run these
//! under Wine; each returns the lines it proved, or what went wrong.

use madoguchi_app::credentials::{self, CredentialError, Vault};
use madoguchi_app::{logging, system_config};

#[derive(Debug, thiserror::Error)]
pub enum CheckFailure {
    #[error("keyring: {0}")]
    Keyring(#[from] CredentialError),
    #[error("{0}")]
    Wrong(String),
}

fn expect_eq<T: PartialEq + std::fmt::Debug>(
    what: &str,
    got: T,
    want: T,
) -> Result<(), CheckFailure> {
    if got == want {
        Ok(())
    } else {
        Err(CheckFailure::Wrong(format!(
            "{what}: got {got:?}, want {want:?}"
        )))
    }
}

/// Windows' Credential Manager keeps at most this many bytes of secret (UTF-16).
pub const WINDOWS_SECRET_LIMIT: usize = 2560;

/// Keep, read and forget a login and an outbox password through the app's credentials
/// module; on Windows, a secret at the 2,560-byte limit is kept and one over it refused
/// with the app's Japanese message, and nothing of it stored.
pub fn keyring() -> Result<Vec<String>, CheckFailure> {
    let mut proved = Vec::new();
    let email = format!("os-check-{}@example.jp", std::process::id());
    // The longest password the rule set accepts (it is far below Windows' limit), and
    // Japanese text, which Windows stores as UTF-16.
    let longest = "Aa1!".repeat(madoguchi_domain::password::PASSWORD_MAX_CHARS / 4);
    madoguchi_domain::Password::parse(&longest)
        .map_err(|e| CheckFailure::Wrong(format!("the longest password: {}", e.message)))?;
    for password in [longest.as_str(), "基金太郎のパスワード2024"] {
        credentials::put(Vault::Logins, &email, password)?;
        expect_eq(
            "kept password",
            credentials::get(Vault::Logins, &email)?.as_deref(),
            Some(password),
        )?;
        credentials::remove(Vault::Logins, &email)?;
        expect_eq(
            "forgotten password",
            credentials::get(Vault::Logins, &email)?,
            None,
        )?;
    }
    credentials::remove(Vault::Logins, &email)?;
    proved.push("login: kept, read back, forgotten (the longest password the rules allow, and Japanese text)".into());

    let draft = format!("os-check-draft-{}", std::process::id());
    credentials::put(Vault::Outbox, &draft, "Soak2024pass")?;
    expect_eq(
        "outbox password",
        credentials::get(Vault::Outbox, &draft)?.as_deref(),
        Some("Soak2024pass"),
    )?;
    credentials::remove(Vault::Outbox, &draft)?;
    expect_eq(
        "released outbox password",
        credentials::get(Vault::Outbox, &draft)?,
        None,
    )?;
    proved.push("outbox: held, read back, released".into());

    if cfg!(windows) {
        let at_limit = "a".repeat(WINDOWS_SECRET_LIMIT / 2);
        credentials::put(Vault::Logins, &email, &at_limit)?;
        expect_eq(
            "secret at the limit",
            credentials::get(Vault::Logins, &email)?.as_deref(),
            Some(at_limit.as_str()),
        )?;
        credentials::remove(Vault::Logins, &email)?;
        let over = "a".repeat(WINDOWS_SECRET_LIMIT / 2 + 1);
        match credentials::put(Vault::Logins, &email, &over) {
            Err(e @ CredentialError::TooLong { limit: 2560 }) => {
                let message = madoguchi_app::failure::keyring_sentence(&e);
                if !message.contains("資格情報ストア") {
                    return Err(CheckFailure::Wrong(format!(
                        "not the app's wording: {message}"
                    )));
                }
                proved.push(format!("over the limit: refused with 「{message}」"));
            }
            other => {
                return Err(CheckFailure::Wrong(format!(
                    "a secret over the limit: {other:?}"
                )))
            }
        }
        expect_eq(
            "after the refusal",
            credentials::get(Vault::Logins, &email)?,
            None,
        )?;
        proved.push(format!(
            "{} bytes kept, {} refused, nothing stored",
            WINDOWS_SECRET_LIMIT,
            WINDOWS_SECRET_LIMIT + 2
        ));
    }
    Ok(proved)
}

/// Where the app looks for the IT preset, and what it reads there.
pub fn preset() -> Result<Vec<String>, CheckFailure> {
    let path = system_config::path().ok_or_else(|| CheckFailure::Wrong("no preset path".into()))?;
    let config = system_config::load();
    Ok(vec![
        format!("path={}", path.display()),
        format!("portal_url={}", config.portal_url.unwrap_or_default()),
        format!("proxy={}", config.proxy.unwrap_or_default()),
    ])
}

/// Writes a line to the app's log folder through the app's logging and reads it back.
pub fn logs() -> Result<Vec<String>, CheckFailure> {
    let dir = logging::default_dir().ok_or_else(|| CheckFailure::Wrong("no log folder".into()))?;
    logging::init();
    logging::to_folder(&dir).map_err(CheckFailure::Wrong)?;
    let marker = format!("os-check {}", std::process::id());
    tracing::info!(target: "madoguchi_app", "{marker}");
    // What the app does as it ends: the queued lines reach the file.
    logging::finish();
    let entries = std::fs::read_dir(&dir).map_err(|e| CheckFailure::Wrong(e.to_string()))?;
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        if text.contains(&marker) {
            return Ok(vec![format!("log={}", entry.path().display())]);
        }
    }
    Err(CheckFailure::Wrong(format!(
        "no log line in {}",
        dir.display()
    )))
}
