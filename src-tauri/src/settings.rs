//! Where the portal is. In order of precedence: `MADOGUCHI_PORTAL_URL` (set by the run
//! script and by tests), the user's Settings (a JSON file in the app's config folder), the
//! preset of IT staff (see `system_config`), the built-in default. No file holds a secret.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use url::Url;

pub const DEFAULT_PORTAL_URL: &str = "http://127.0.0.1:8080";
const FILE_NAME: &str = "settings.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserSettings {
    /// The user's own portal address; `None`: the preset or default.
    pub portal_url: Option<String>,
    /// The address whose login is kept in the OS keyring (the password is not here).
    pub saved_login: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("設定ファイルを読み書きできませんでした（{path}）：{source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("設定ファイルの形式が正しくありません（{path}）：{source}")]
    Format {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{0}")]
    BadUrl(#[from] madoguchi_domain::PortalAddressError),
}

/// Parses a portal address as typed in Settings.
pub fn parse_portal_url(raw: &str) -> Result<Url, SettingsError> {
    Ok(madoguchi_domain::PortalAddress::parse(raw)?.into_url())
}

pub struct SettingsStore {
    path: PathBuf,
    preset: crate::system_config::SystemConfig,
}

impl SettingsStore {
    pub fn new(config_dir: &Path, preset: crate::system_config::SystemConfig) -> SettingsStore {
        SettingsStore {
            path: config_dir.join(FILE_NAME),
            preset,
        }
    }

    /// The proxy IT staff preset, if any.
    pub fn proxy(&self) -> Option<&str> {
        self.preset.proxy.as_deref()
    }

    pub fn load(&self) -> Result<UserSettings, SettingsError> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|source| SettingsError::Format {
                path: self.path.clone(),
                source,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(UserSettings::default()),
            Err(source) => Err(SettingsError::Io {
                path: self.path.clone(),
                source,
            }),
        }
    }

    /// Writes atomically (temporary file, then rename): a crash never leaves half a file.
    pub fn save(&self, settings: &UserSettings) -> Result<(), SettingsError> {
        let io = |source| SettingsError::Io {
            path: self.path.clone(),
            source,
        };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let tmp = self.path.with_extension("json.tmp");
        let bytes =
            serde_json::to_vec_pretty(settings).map_err(|source| SettingsError::Format {
                path: self.path.clone(),
                source,
            })?;
        std::fs::write(&tmp, bytes).map_err(io)?;
        std::fs::rename(&tmp, &self.path).map_err(io)
    }

    /// The portal address in force, and where it came from.
    pub fn portal_url(&self) -> (String, &'static str) {
        self.portal_url_given(std::env::var("MADOGUCHI_PORTAL_URL").ok())
    }

    fn portal_url_given(&self, env: Option<String>) -> (String, &'static str) {
        if let Some(env) = env {
            if parse_portal_url(&env).is_ok() {
                return (env, "environment");
            }
        }
        match (
            self.load().ok().and_then(|s| s.portal_url),
            &self.preset.portal_url,
        ) {
            (Some(url), _) => (url, "user"),
            (None, Some(preset)) => (preset.clone(), "system"),
            (None, None) => (DEFAULT_PORTAL_URL.to_owned(), "default"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_a_missing_file_is_the_default() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SettingsStore::new(dir.path(), Default::default());
        assert_eq!(store.load().expect("default"), UserSettings::default());
        let s = UserSettings {
            portal_url: Some("https://portal.example.jp".into()),
            saved_login: Some("a@example.jp".into()),
        };
        store.save(&s).expect("saved");
        assert_eq!(store.load().expect("loaded"), s);
    }

    #[test]
    fn the_users_choice_wins_over_the_preset_which_wins_over_the_default() {
        let dir = tempfile::tempdir().expect("tempdir");
        let preset = crate::system_config::SystemConfig {
            portal_url: Some("https://preset.example.jp/".into()),
            proxy: None,
        };
        let store = SettingsStore::new(dir.path(), preset);
        assert_eq!(
            store.portal_url_given(None),
            ("https://preset.example.jp/".into(), "system")
        );
        let own = UserSettings {
            portal_url: Some("https://own.example.jp/".into()),
            saved_login: None,
        };
        store.save(&own).expect("saved");
        assert_eq!(
            store.portal_url_given(None),
            ("https://own.example.jp/".into(), "user")
        );
        assert_eq!(
            store.portal_url_given(Some("http://127.0.0.1:9/".into())),
            ("http://127.0.0.1:9/".into(), "environment")
        );
    }

    #[test]
    fn only_https_urls_or_this_pc_are_portal_addresses() {
        assert!(parse_portal_url("https://portal.example.jp/").is_ok());
        assert!(parse_portal_url(" http://127.0.0.1:8080 ").is_ok());
        assert!(parse_portal_url("http://portal.example.jp/").is_err());
        assert!(parse_portal_url("ftp://x").is_err());
        assert!(parse_portal_url("ポータル").is_err());
    }
}
