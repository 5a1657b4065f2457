//! Who is asking: the client's network, as rate limits and the login throttle key it.
//!
//! Behind a reverse proxy every clinic would share the proxy's address, so for peers in
//! `trusted_proxies` the `Forwarded` (RFC 7239) or `X-Forwarded-For` header is read, from
//! the right, and the first hop that is not itself a trusted proxy is the client. From any
//! other peer those headers are ignored: they are whatever the client chose to write.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName};
use axum::middleware::Next;
use axum::response::Response;
use forwarded_header_value::ForwardedHeaderValue;
use ipnet::IpNet;

use crate::config::Settings;
use crate::problem::ApiError;

/// A client network: an IPv4 address, or an IPv6 /64 (one household or office gets a
/// whole /64, so keying single IPv6 addresses would let one client be millions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientNet(IpAddr);

impl ClientNet {
    pub fn of(ip: IpAddr) -> ClientNet {
        match ip {
            IpAddr::V4(v4) => ClientNet(IpAddr::V4(v4)),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientNet(IpAddr::V4(v4)),
                None => {
                    let bits = u128::from(v6) & !((1u128 << 64) - 1);
                    ClientNet(IpAddr::V6(bits.into()))
                }
            },
        }
    }

    /// A fixed-size key: 16 bytes for either family.
    pub fn key_bytes(&self) -> [u8; 16] {
        match self.0 {
            IpAddr::V4(v4) => v4.to_ipv6_mapped().octets(),
            IpAddr::V6(v6) => v6.octets(),
        }
    }
}

impl fmt::Display for ClientNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            IpAddr::V4(v4) => write!(f, "{v4}"),
            IpAddr::V6(v6) => write!(f, "{v6}/64"),
        }
    }
}

static X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

fn trusted(proxies: &[IpNet], ip: IpAddr) -> bool {
    proxies.iter().any(|net| net.contains(&ip))
}

/// The hops a proxy recorded, nearest last; `None` when there is no header or it is
/// malformed (then only the peer is known).
fn recorded_hops(headers: &HeaderMap) -> Option<Vec<IpAddr>> {
    let joined = |name: &HeaderName| {
        let values: Vec<&str> = headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        (!values.is_empty()).then(|| values.join(","))
    };
    let parsed = if let Some(v) = joined(&axum::http::header::FORWARDED) {
        ForwardedHeaderValue::from_forwarded(&v).ok()?
    } else {
        ForwardedHeaderValue::from_x_forwarded_for(&joined(&X_FORWARDED_FOR)?).ok()?
    };
    parsed.iter().map(|s| s.forwarded_for_ip()).collect()
}

/// The client's address given the TCP peer, the request's headers and the trusted proxies.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, proxies: &[IpNet]) -> IpAddr {
    if !trusted(proxies, peer) {
        return peer;
    }
    let Some(hops) = recorded_hops(headers) else {
        return peer;
    };
    // Right to left: skip our own proxies; the first other hop is who connected to them.
    hops.iter()
        .rev()
        .copied()
        .find(|ip| !trusted(proxies, *ip))
        .or_else(|| hops.first().copied())
        .unwrap_or(peer)
}

/// Computes the client network once per request and leaves it in the extensions.
pub async fn identify(
    State(settings): State<Arc<Settings>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut request: Request,
    next: Next,
) -> Response {
    let ip = client_ip(peer.ip(), request.headers(), &settings.trusted_proxies);
    request.extensions_mut().insert(ClientNet::of(ip));
    next.run(request).await
}

impl<S: Send + Sync> FromRequestParts<S> for ClientNet {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<ClientNet>()
            .copied()
            .ok_or_else(|| ApiError::Internal("the client middleware did not run".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    fn headers(name: &'static str, value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_str(value).expect("header"));
        h
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|s| s.parse().expect("cidr")).collect()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_writes() {
        let h = headers("x-forwarded-for", "203.0.113.9");
        assert_eq!(client_ip(ip("198.51.100.1"), &h, &[]), ip("198.51.100.1"));
        let proxies = nets(&["10.0.0.0/8"]);
        assert_eq!(
            client_ip(ip("198.51.100.1"), &h, &proxies),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client() {
        let proxies = nets(&["10.0.0.0/8"]);
        // The client forged the first entry; our proxies appended the real one and themselves.
        let h = headers("x-forwarded-for", "1.2.3.4, 203.0.113.9, 10.0.0.7");
        assert_eq!(client_ip(ip("10.0.0.1"), &h, &proxies), ip("203.0.113.9"));
        let h = headers(
            "forwarded",
            "for=1.2.3.4, for=\"[2001:db8::1]\";proto=https",
        );
        assert_eq!(client_ip(ip("10.0.0.1"), &h, &proxies), ip("2001:db8::1"));
    }

    #[test]
    fn a_malformed_header_leaves_the_peer() {
        let proxies = nets(&["10.0.0.0/8"]);
        let h = headers("x-forwarded-for", "not an address");
        assert_eq!(client_ip(ip("10.0.0.1"), &h, &proxies), ip("10.0.0.1"));
    }

    #[test]
    fn ipv6_clients_are_keyed_per_64() {
        let a = ClientNet::of(ip("2001:db8:1:2:aaaa::1"));
        let b = ClientNet::of(ip("2001:db8:1:2:bbbb::2"));
        let c = ClientNet::of(ip("2001:db8:1:3::1"));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.to_string(), "2001:db8:1:2::/64");
        assert_eq!(
            ClientNet::of(ip("::ffff:192.0.2.1")),
            ClientNet::of(ip("192.0.2.1"))
        );
    }
}
