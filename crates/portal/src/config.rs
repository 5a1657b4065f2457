//! Settings: built-in defaults, then a TOML file, then `MADOGUCHI_PORTAL_*` variables
//! (nested keys with `__`), then `DATABASE_URL`. README lists every key.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use madoguchi_domain::contact::{PORTAL_NAME, PORTAL_SENDER};
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
    /// Reverse proxies (CIDRs) whose `Forwarded` / `X-Forwarded-For` is believed; from any
    /// other peer those headers are ignored. Empty: the peer is the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    pub retention: RetentionSettings,
    /// Resending the activation mail of a pending registration.
    pub resend: ResendSettings,
    /// Lookups answer from the master held in memory; it checks the database for changes
    /// (another process's import) at most this often.
    pub lookup_refresh_ms: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MailSettings {
    /// `smtp://host:port`, `smtps://…` or `smtp://…?tls=required`; unset: write files.
    pub smtp_url: Option<String>,
    /// Where .eml files go when no SMTP server is configured.
    pub folder: PathBuf,
    pub from: String,
}

/// Failed logins. Counted per account *and* client network, so that a stranger's failures
/// lock out only the stranger's network; the rest of the world is slowed down, and only
/// `hard_lock_failures` in a row (NIST 800-63B allows at most 100) lock the account itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LockoutSettings {
    /// Failures in a row from one network that lock that network out of the account.
    pub max_failures: i64,
    /// How long such a lock lasts.
    pub lock_secs: i64,
    /// Failures in a row from anywhere after which each further attempt waits a little.
    pub slowdown_after: i64,
    /// The wait added per failure beyond `slowdown_after`, and its ceiling.
    pub slowdown_step_ms: u64,
    pub slowdown_max_ms: u64,
    /// Failures in a row from anywhere that lock the account for everyone (the owner is
    /// mailed; a completed password reset lifts it).
    pub hard_lock_failures: i64,
    pub hard_lock_secs: i64,
}

/// Budgets per flow: one flow never spends another's. Keyed per e-mail address *and*
/// client network, so a stranger cannot spend the owner's budget.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RateLimitSettings {
    /// Public POSTs per client network per minute (sustained).
    pub per_address_per_minute: u32,
    /// Extra requests a client network may send at once.
    pub per_address_burst: u32,
    /// Registrations per address and network per hour.
    pub registrations_per_hour: u32,
    /// Login attempts per address and network per hour.
    pub logins_per_hour: u32,
    /// Password reset requests per address and network per hour.
    pub resets_per_hour: u32,
    /// Reset mails one address receives per day, whoever asks (the answer stays the same).
    pub reset_mails_per_day: u32,
    /// Keys one limiter may hold; past it, idle keys are dropped, then new ones refused.
    pub max_keys: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RetentionSettings {
    /// How often the purge runs.
    pub purge_every_secs: u64,
    /// Expired pending registrations (with their password hashes) are kept this long after
    /// expiry, so that the app can still read 期限切れ, then deleted.
    pub expired_registration_secs: i64,
    /// Idempotency keys are answered again for this long.
    pub idempotency_secs: i64,
    /// Delivery attempts before a queued mail is given up (and logged).
    pub mail_max_attempts: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResendSettings {
    /// Seconds between two mails of one registration.
    pub cooldown_secs: i64,
    /// Resends of one registration per day.
    pub per_day: i64,
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
                from: format!("{PORTAL_NAME} <{PORTAL_SENDER}>"),
            },
            activation_lifetime_secs: 24 * 60 * 60,
            reset_lifetime_secs: 24 * 60 * 60,
            session_lifetime_secs: 12 * 60 * 60,
            lockout: LockoutSettings {
                max_failures: 5,
                lock_secs: 15 * 60,
                slowdown_after: 5,
                slowdown_step_ms: 200,
                slowdown_max_ms: 2_000,
                hard_lock_failures: 100,
                hard_lock_secs: 24 * 60 * 60,
            },
            rate_limit: RateLimitSettings {
                per_address_per_minute: 60,
                per_address_burst: 20,
                registrations_per_hour: 10,
                logins_per_hour: 30,
                resets_per_hour: 5,
                reset_mails_per_day: 10,
                max_keys: 100_000,
            },
            max_body_bytes: 16 * 1024,
            trusted_proxies: Vec::new(),
            retention: RetentionSettings {
                purge_every_secs: 600,
                expired_registration_secs: 7 * 24 * 60 * 60,
                idempotency_secs: 24 * 60 * 60,
                mail_max_attempts: 12,
            },
            resend: ResendSettings {
                cooldown_secs: 60,
                per_day: 5,
            },
            lookup_refresh_ms: 1_000,
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
