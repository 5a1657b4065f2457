//! The portal over HTTP, on SQLite and on PostgreSQL, with mail caught by a real SMTP
//! server: what a clinic and its mail client would see.

mod helpers;

mod activation;
mod bad_input;
mod facility_sync;
mod flow;
mod login;
mod password_reset;
mod rate_limit;
mod registration;
mod updates;
