//! Settings: built-in defaults, then a TOML file, then `MADOGUCHI_PORTAL_*` variables
//! (nested keys with `__`), then `DATABASE_URL`. README lists every key.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    /// Address the HTTP server binds; port 0 picks a free one.
    pub bind: SocketAddr,
    /// `sqlite://FILE?mode=rwc` (default) or `postgres://…`.
    pub database_url: String,
    /// Base of the links in mail (the activation and reset pages); empty: the bound address.
    pub public_base_url: String,
    pub mail: MailSettings,
    pub activation_lifetime_secs: i64,
    pub reset_lifetime_secs: i64,
    pub session_lifetime_secs: i64,
    pub lockout: LockoutSettings,
    pub rate_limit: RateLimitSettings,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MailSettings {
    /// `smtp://host:port`, `smtps://…` or `smtp://…?tls=required`; unset: write files.
    pub smtp_url: Option<String>,
    /// Where .eml files go when no SMTP server is configured.
    pub folder: PathBuf,
    pub from: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LockoutSettings {
    pub max_failures: i64,
    pub lock_secs: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RateLimitSettings {
    /// Public POSTs per client address per minute (sustained).
    pub per_address_per_minute: u32,
    /// Extra requests a client address may send at once.
    pub per_address_burst: u32,
    /// Registrations, logins and resets per e-mail address per hour.
    pub per_email_per_hour: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: "sqlite://madoguchi-portal.db?mode=rwc".into(),
            public_base_url: "http://127.0.0.1:8080".into(),
            mail: MailSettings {
                smtp_url: None,
                folder: PathBuf::from("mail"),
                from: "施術所等向け総合ポータルサイト <from@madoguchi.invalid>".into(),
            },
            activation_lifetime_secs: 24 * 60 * 60,
            reset_lifetime_secs: 24 * 60 * 60,
            session_lifetime_secs: 12 * 60 * 60,
            lockout: LockoutSettings {
                max_failures: 5,
                lock_secs: 15 * 60,
            },
            rate_limit: RateLimitSettings {
                per_address_per_minute: 60,
                per_address_burst: 20,
                per_email_per_hour: 10,
            },
            max_body_bytes: 16 * 1024,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(#[from] Box<figment::Error>);

impl Settings {
    /// Defaults < `file` (if given) < `MADOGUCHI_PORTAL_*` < `DATABASE_URL`.
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(file) = file {
            figment = figment.merge(Toml::file_exact(file));
        }
        figment = figment
            .merge(Env::prefixed("MADOGUCHI_PORTAL_").split("__"))
            .merge(Env::raw().only(&["DATABASE_URL"]));
        figment.extract().map_err(|e| ConfigError(Box::new(e)))
    }
}
