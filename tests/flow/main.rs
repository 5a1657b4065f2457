//! The registration flow as a clinic walks it: the real app under Xvfb over WebDriver,
//! against the real portal (in-process, fresh SQLite) and a real SMTP catcher.

mod contract;
mod drafts;
mod errors;
mod first_use;
mod keyring;
mod manual;
mod offline;
mod recovery;
mod registration;
mod rollout;
mod screens;
mod support;
