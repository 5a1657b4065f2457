//! Shared harness for the end-to-end tests: real processes, loopback ports, no mocks.

pub mod app;
pub mod browser;
pub mod process;
