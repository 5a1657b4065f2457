//! Real parts for tests: an SMTP server on loopback that keeps what it receives, and the
//! portal server started in-process on a random port with a fresh database.

pub mod flaky_proxy;
pub mod http;
pub mod portal;
pub mod smtp;
