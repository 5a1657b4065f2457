//! The desktop app's code below the window, as plain processes: the store and outbox killed
//! at random moments (`crash`, running `child` in the killed process), and the OS-facing
//! parts (`os_checks`). Linux runs these from tests/resilience; Windows runs the same code
//! cross-built, under Wine (tests/windows).

pub mod child;
pub mod crash;
pub mod os_checks;
