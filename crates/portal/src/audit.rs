//! Security events in the log (target `security`): login success and failure, locks,
//! resets, refusals. They name an account only by a hash of its address, and the client
//! by its network; never an address, a password or a token.

use sha2::{Digest, Sha256};

use crate::client::ClientNet;

/// The account as the log and the login throttle know it: SHA-256 of the address, hex.
pub fn account_key(email: &str) -> String {
    hex::encode(Sha256::digest(email.as_bytes()))
}

/// The first 16 hex digits of [`account_key`]: enough to follow one account in the log.
fn short(email: &str) -> String {
    let mut k = account_key(email);
    k.truncate(16);
    k
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    LoginSucceeded,
    LoginFailed,
    NetworkLocked,
    AccountLocked,
    /// A lock was lifted: by a completed reset, or by the owner's login once it ran out.
    Unlocked,
    ResetRequested,
    PasswordReset,
    RateLimited,
}

impl Event {
    pub fn name(self) -> &'static str {
        match self {
            Event::LoginSucceeded => "login_succeeded",
            Event::LoginFailed => "login_failed",
            Event::NetworkLocked => "network_locked",
            Event::AccountLocked => "account_locked",
            Event::Unlocked => "unlocked",
            Event::ResetRequested => "reset_requested",
            Event::PasswordReset => "password_reset",
            Event::RateLimited => "rate_limited",
        }
    }
}

pub fn record(event: Event, email: Option<&str>, net: Option<ClientNet>) {
    let account = email.map(short).unwrap_or_default();
    let network = net.map(|n| n.to_string()).unwrap_or_default();
    match event {
        Event::LoginSucceeded | Event::Unlocked | Event::ResetRequested | Event::PasswordReset => {
            tracing::info!(target: "security", event = event.name(), account, network)
        }
        _ => tracing::warn!(target: "security", event = event.name(), account, network),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_key_has_a_fixed_size_and_hides_the_address() {
        let k = account_key("owner@example.jp");
        assert_eq!(k.len(), 64);
        assert!(!k.contains("owner"));
        assert_eq!(short("owner@example.jp").len(), 16);
    }
}
