//! Activation links minted with their registration and held in memory until the worker
//! mails them, so that the first mail needs no second write to arm a token. The database
//! holds only the token's hash, as it would after arming. A link not taken while fresh, lost
//! in a restart, or claimed by another process's worker is armed afresh when sent, as a
//! resend is: its row then gets a new token, and the unsent one dies unseen.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a minted link may wait for its mail. Its lifetime counts from registration, so
/// a mail sent later than this arms a new link whose 24 hours count from sending.
pub const FRESH: Duration = Duration::from_secs(10);

/// Links held at most: under a flood the rest are armed when sent, and memory stays bounded.
pub const CAPACITY: usize = 10_000;

/// What the activation mail needs of a registration.
pub struct Armed {
    pub token: String,
    pub family_name: String,
    pub given_name: String,
}

#[derive(Default)]
pub struct ArmedLinks {
    held: Mutex<HashMap<String, (Armed, Instant)>>,
}

impl ArmedLinks {
    /// Holds `armed` for the registration `id`; returns false (and holds nothing) when full.
    pub fn hold(&self, id: &str, armed: Armed) -> bool {
        self.hold_at(id, armed, Instant::now())
    }

    fn hold_at(&self, id: &str, armed: Armed, now: Instant) -> bool {
        // A poisoned lock only means a holder panicked mid-insert: the map is still usable.
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        if held.len() >= CAPACITY {
            held.retain(|_, (_, at)| now.saturating_duration_since(*at) < FRESH);
            if held.len() >= CAPACITY {
                return false;
            }
        }
        held.insert(id.to_owned(), (armed, now));
        true
    }

    /// The link minted for registration `id`, if it is still fresh; taken once.
    pub fn take(&self, id: &str) -> Option<Armed> {
        self.take_at(id, Instant::now())
    }

    fn take_at(&self, id: &str, now: Instant) -> Option<Armed> {
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        let (armed, at) = held.remove(id)?;
        (now.saturating_duration_since(at) < FRESH).then_some(armed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(token: &str) -> Armed {
        Armed {
            token: token.into(),
            family_name: "基金".into(),
            given_name: "太郎".into(),
        }
    }

    #[test]
    fn a_held_link_is_taken_once() {
        let links = ArmedLinks::default();
        assert!(links.hold("r1", link("t1")));
        assert_eq!(links.take("r1").map(|a| a.token), Some("t1".into()));
        assert!(links.take("r1").is_none());
        assert!(links.take("unknown").is_none());
    }

    #[test]
    fn a_link_past_its_freshness_is_not_mailed() {
        let links = ArmedLinks::default();
        let then = Instant::now();
        assert!(links.hold_at("r1", link("t1"), then));
        assert!(links.take_at("r1", then + FRESH).is_none());
    }

    #[test]
    fn a_full_store_makes_room_only_from_stale_links() {
        let links = ArmedLinks::default();
        let then = Instant::now();
        for i in 0..CAPACITY {
            assert!(links.hold_at(&format!("r{i}"), link("t"), then));
        }
        // Full of fresh links: the next one is refused (it will be armed when sent).
        assert!(!links.hold_at("late", link("t"), then + Duration::from_secs(1)));
        // Once they are stale, they make room.
        assert!(links.hold_at("later", link("t2"), then + FRESH));
        assert_eq!(
            links.take_at("later", then + FRESH).map(|a| a.token),
            Some("t2".into())
        );
    }
}
