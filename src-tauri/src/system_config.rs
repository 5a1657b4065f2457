//! The preset IT staff lay down for every user of a PC, read at start: the portal address
//! and a proxy. A user's own Settings override the portal address.
//!
//! Where: `/etc/madoguchi/config.toml` (Linux), `%ProgramData%\Madoguchi\config.toml`
//! (Windows), `/Library/Application Support/Madoguchi/config.toml` (macOS), or the file
//! `MADOGUCHI_SYSTEM_CONFIG` names.
//!
//! ```toml
//! portal_url = "https://portal.example.jp/"
//! proxy = "http://proxy.clinic.local:8080"   # optional; else the system's proxy settings
//! ```

use std::path::PathBuf;

use serde::Deserialize;

use madoguchi_domain::PortalAddress;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SystemConfig {
    pub portal_url: Option<String>,
    pub proxy: Option<String>,
}

pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MADOGUCHI_SYSTEM_CONFIG") {
        return Some(p.into());
    }
    if cfg!(target_os = "windows") {
        std::env::var_os("ProgramData")
            .map(|d| PathBuf::from(d).join("Madoguchi").join("config.toml"))
    } else if cfg!(target_os = "macos") {
        Some(PathBuf::from(
            "/Library/Application Support/Madoguchi/config.toml",
        ))
    } else {
        Some(PathBuf::from("/etc/madoguchi/config.toml"))
    }
}

/// Parses the file's text: the portal address by the same rule as 設定 (https, or http on
/// this PC); the proxy, any http(s) URL (a clinic's proxy is often plain http).
pub fn parse(text: &str) -> Result<SystemConfig, String> {
    let config: SystemConfig = toml::from_str(text).map_err(|e| e.to_string())?;
    if let Some(v) = &config.portal_url {
        PortalAddress::parse(v).map_err(|e| format!("portal_url: {v:?}: {e}"))?;
    }
    if let Some(v) = &config.proxy {
        let ok = url::Url::parse(v)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        if !ok {
            return Err(format!("proxy: {v:?} is not an http(s) URL"));
        }
    }
    Ok(config)
}

/// The preset, or nothing when there is no file. A broken file is logged and ignored, so
/// a typo by IT staff never stops the app: Settings can still set the address.
pub fn load() -> SystemConfig {
    let Some(path) = path() else {
        return SystemConfig::default();
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => match parse(&text) {
            Ok(c) => {
                tracing::info!(path = %path.display(), "system configuration read");
                c
            }
            Err(e) => {
                tracing::error!(path = %path.display(), error = %e, "system configuration ignored");
                SystemConfig::default()
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => SystemConfig::default(),
        Err(e) => {
            tracing::error!(path = %path.display(), error = %e, "system configuration unreadable");
            SystemConfig::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preset_is_read_and_a_bad_one_refused() {
        let c =
            parse("portal_url = \"https://portal.example.jp/\"\nproxy = \"http://proxy:8080\"\n")
                .expect("parsed");
        assert_eq!(c.portal_url.as_deref(), Some("https://portal.example.jp/"));
        assert_eq!(c.proxy.as_deref(), Some("http://proxy:8080"));
        assert_eq!(parse("").expect("empty"), SystemConfig::default());
        assert!(parse("portal_url = \"portal\"").is_err());
        assert!(
            parse("portal_url = \"http://portal.example.jp/\"").is_err(),
            "plain http only on this PC"
        );
        assert!(
            parse("portl_url = \"https://x\"").is_err(),
            "a misspelt key is named"
        );
    }
}
