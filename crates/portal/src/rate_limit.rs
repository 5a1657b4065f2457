//! Rate limits: per client network on every public POST, and a budget per flow keyed on
//! the e-mail address *and* the client network, so that no flow spends another's budget and
//! a stranger cannot spend the owner's. Keys are 16 bytes whatever the input (a hash), and
//! each limiter holds at most `max_keys` of them: memory has a ceiling under any flood. A
//! refusal is 429 problem+json with Retry-After. The limits live in this process's memory:
//! with several portal processes each keeps its own (README, "Several processes").

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use madoguchi_domain::EmailAddress;
use sha2::{Digest, Sha256};

use crate::client::ClientNet;
use crate::config::RateLimitSettings;
use crate::problem::ApiError;

type Key = [u8; 16];

/// The flows with a budget of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Registration,
    Login,
    Reset,
}

pub struct Limits {
    by_network: DefaultKeyedRateLimiter<Key>,
    registration: DefaultKeyedRateLimiter<Key>,
    login: DefaultKeyedRateLimiter<Key>,
    reset: DefaultKeyedRateLimiter<Key>,
    reset_mails: DefaultKeyedRateLimiter<Key>,
    max_keys: usize,
    clock: DefaultClock,
}

fn nonzero(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)
}

/// A per-hour budget that may be spent at once (the bucket starts full).
fn hourly(n: u32) -> Quota {
    Quota::with_period(Duration::from_secs(3600) / nonzero(n).get())
        .unwrap_or_else(|| Quota::per_hour(NonZeroU32::MIN))
        .allow_burst(nonzero(n))
}

fn key(parts: &[&[u8]]) -> Key {
    let mut h = Sha256::new();
    for p in parts {
        // Length-prefixed, so that no two different part lists hash alike.
        h.update((p.len() as u64).to_be_bytes());
        h.update(p);
    }
    let digest = h.finalize();
    let mut k = [0u8; 16];
    k.copy_from_slice(&digest[..16]);
    k
}

impl Limits {
    pub fn new(s: &RateLimitSettings) -> Limits {
        let per_network = Quota::per_minute(nonzero(s.per_address_per_minute))
            .allow_burst(nonzero(s.per_address_burst.max(1)));
        let per_day =
            Quota::with_period(Duration::from_secs(86_400) / nonzero(s.reset_mails_per_day).get())
                .unwrap_or_else(|| Quota::per_hour(NonZeroU32::MIN))
                .allow_burst(nonzero(s.reset_mails_per_day));
        Limits {
            by_network: RateLimiter::keyed(per_network),
            registration: RateLimiter::keyed(hourly(s.registrations_per_hour)),
            login: RateLimiter::keyed(hourly(s.logins_per_hour)),
            reset: RateLimiter::keyed(hourly(s.resets_per_hour)),
            reset_mails: RateLimiter::keyed(per_day),
            max_keys: s.max_keys.max(1),
            clock: DefaultClock::default(),
        }
    }

    fn refused(&self, not_until: governor::NotUntil<<DefaultClock as Clock>::Instant>) -> ApiError {
        let wait: Duration = not_until.wait_time_from(self.clock.now());
        ApiError::TooManyRequests {
            retry_after_secs: wait.as_secs().max(1),
        }
    }

    /// Checks `key` against `limiter`, keeping the limiter within its ceiling: when full,
    /// idle keys go first; if it is still full, new keys are refused for a minute.
    fn check(&self, limiter: &DefaultKeyedRateLimiter<Key>, key: &Key) -> Result<(), ApiError> {
        if limiter.len() >= self.max_keys {
            limiter.retain_recent();
            if limiter.len() >= self.max_keys {
                tracing::warn!(target: "security", event = "limiter_full", "rate limiter full: new clients refused");
                return Err(ApiError::TooManyRequests {
                    retry_after_secs: 60,
                });
            }
        }
        limiter.check_key(key).map_err(|n| self.refused(n))
    }

    pub fn check_network(&self, net: ClientNet) -> Result<(), ApiError> {
        self.check(&self.by_network, &net.key_bytes())
    }

    pub fn check_flow(
        &self,
        flow: Flow,
        email: &EmailAddress,
        net: ClientNet,
    ) -> Result<(), ApiError> {
        let limiter = match flow {
            Flow::Registration => &self.registration,
            Flow::Login => &self.login,
            Flow::Reset => &self.reset,
        };
        let k = key(&[&[flow as u8], email.as_str().as_bytes(), &net.key_bytes()]);
        self.check(limiter, &k)
    }

    /// Whether one more reset mail may go to `email` today. Over the cap the request is
    /// answered as usual and no mail is queued, so a flood cannot fill a mailbox.
    pub fn allow_reset_mail(&self, email: &EmailAddress) -> bool {
        self.check(
            &self.reset_mails,
            &key(&[b"reset-mail", email.as_str().as_bytes()]),
        )
        .is_ok()
    }

    /// Forgets idle keys; called now and then so memory shrinks after a burst.
    pub fn shrink(&self) {
        for l in [
            &self.by_network,
            &self.registration,
            &self.login,
            &self.reset,
            &self.reset_mails,
        ] {
            l.retain_recent();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn email(s: &str) -> EmailAddress {
        EmailAddress::parse(s).expect("valid")
    }

    fn net(s: &str) -> ClientNet {
        ClientNet::of(s.parse().expect("ip"))
    }

    #[test]
    fn flows_and_networks_have_budgets_of_their_own() {
        let mut s = Settings::default().rate_limit;
        s.logins_per_hour = 2;
        s.resets_per_hour = 2;
        let limits = Limits::new(&s);
        let (owner, a, b) = (
            email("owner@example.jp"),
            net("192.0.2.1"),
            net("192.0.2.2"),
        );
        assert!(limits.check_flow(Flow::Login, &owner, a).is_ok());
        assert!(limits.check_flow(Flow::Login, &owner, a).is_ok());
        assert!(limits.check_flow(Flow::Login, &owner, a).is_err());
        assert!(
            limits.check_flow(Flow::Login, &owner, b).is_ok(),
            "another network"
        );
        assert!(
            limits.check_flow(Flow::Reset, &owner, a).is_ok(),
            "another flow"
        );
    }

    #[test]
    fn a_full_limiter_refuses_new_keys_instead_of_growing() {
        let mut s = Settings::default().rate_limit;
        s.max_keys = 3;
        let limits = Limits::new(&s);
        for i in 0..3 {
            assert!(limits.check_network(net(&format!("192.0.2.{i}"))).is_ok());
        }
        assert!(limits.check_network(net("192.0.2.99")).is_err());
        assert!(limits.by_network.len() <= 3);
    }
}
