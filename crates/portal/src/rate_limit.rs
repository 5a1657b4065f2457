//! Rate limits on public POSTs: per client address and per e-mail address, with governor's
//! keyed GCRA limiters. A refusal is 429 problem+json with Retry-After.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::RateLimitSettings;
use crate::problem::ApiError;

pub struct Limits {
    by_address: DefaultKeyedRateLimiter<IpAddr>,
    by_email: DefaultKeyedRateLimiter<String>,
    clock: DefaultClock,
}

fn nonzero(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)
}

impl Limits {
    pub fn new(s: &RateLimitSettings) -> Limits {
        let per_address = Quota::per_minute(nonzero(s.per_address_per_minute))
            .allow_burst(nonzero(s.per_address_burst.max(1)));
        let per_email = Quota::per_hour(nonzero(s.per_email_per_hour));
        Limits {
            by_address: RateLimiter::keyed(per_address),
            by_email: RateLimiter::keyed(per_email),
            clock: DefaultClock::default(),
        }
    }

    fn refused(&self, not_until: governor::NotUntil<<DefaultClock as Clock>::Instant>) -> ApiError {
        let wait: Duration = not_until.wait_time_from(self.clock.now());
        ApiError::TooManyRequests {
            retry_after_secs: wait.as_secs().max(1),
        }
    }

    pub fn check_address(&self, ip: IpAddr) -> Result<(), ApiError> {
        self.by_address.check_key(&ip).map_err(|n| self.refused(n))
    }

    pub fn check_email(&self, email: &str) -> Result<(), ApiError> {
        self.by_email
            .check_key(&email.to_owned())
            .map_err(|n| self.refused(n))
    }

    /// Forgets idle keys; called now and then so memory stays bounded.
    pub fn shrink(&self) {
        self.by_address.retain_recent();
        self.by_email.retain_recent();
    }
}
