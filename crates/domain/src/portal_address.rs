//! ポータルのアドレス (設定 or the IT preset): an https URL, or plain http only when its host
//! is this PC (the local portal of the run script and the tests). Passwords travel to this
//! address, so anything else is refused, never quietly downgraded.

use std::fmt;
use std::net::IpAddr;

use url::{Host, Url};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortalAddressError {
    NotUrl,
    NotHttps,
}

impl fmt::Display for PortalAddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PortalAddressError::NotUrl => {
                "ポータルのアドレス：https:// で始まるURLを入力してください。"
            }
            PortalAddressError::NotHttps => {
                "ポータルのアドレス：暗号化されていない http:// は、このパソコン上のポータル（127.0.0.1、localhost）にだけ使えます。https:// で始まるURLを入力してください。"
            }
        })
    }
}

impl std::error::Error for PortalAddressError {}

/// A portal address that passed [`PortalAddress::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalAddress(Url);

impl PortalAddress {
    pub fn parse(raw: &str) -> Result<PortalAddress, PortalAddressError> {
        let url = Url::parse(raw.trim()).map_err(|_| PortalAddressError::NotUrl)?;
        let host = url.host().ok_or(PortalAddressError::NotUrl)?;
        match url.scheme() {
            "https" => Ok(PortalAddress(url)),
            "http" if is_loopback(&host) => Ok(PortalAddress(url)),
            "http" => Err(PortalAddressError::NotHttps),
            _ => Err(PortalAddressError::NotUrl),
        }
    }

    pub fn url(&self) -> &Url {
        &self.0
    }

    pub fn into_url(self) -> Url {
        self.0
    }
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_and_http_only_on_this_pc() {
        for ok in [
            "https://portal.example.jp/",
            " https://portal.example.jp:8443/base/ ",
            "http://127.0.0.1:8080",
            "http://127.0.0.2/",
            "http://localhost:8080/",
            "http://[::1]:8080/",
        ] {
            assert!(PortalAddress::parse(ok).is_ok(), "{ok}");
        }
        for (bad, why) in [
            ("http://portal.example.jp/", PortalAddressError::NotHttps),
            ("http://192.168.1.10:8080/", PortalAddressError::NotHttps),
            ("http://localhost.example.jp/", PortalAddressError::NotHttps),
            ("ftp://portal.example.jp/", PortalAddressError::NotUrl),
            ("ポータル", PortalAddressError::NotUrl),
            ("https://", PortalAddressError::NotUrl),
        ] {
            assert_eq!(PortalAddress::parse(bad), Err(why), "{bad}");
        }
    }

    #[test]
    fn the_messages_name_the_field_in_japanese() {
        for e in [PortalAddressError::NotUrl, PortalAddressError::NotHttps] {
            assert!(e.to_string().starts_with("ポータルのアドレス："));
        }
    }
}
