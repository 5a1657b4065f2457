//! The portal over HTTP, on SQLite and on PostgreSQL, with mail caught by a real SMTP
//! server: what a clinic and its mail client would see.

mod helpers;
mod process;

mod activation;
mod at_rest;
mod bad_input;
mod facility_sync;
mod flow;
mod headers;
mod hostile_input;
mod lockout;
mod login;
mod openapi_contract;
mod password_reset;
mod processes;
mod proxy;
mod rate_limit;
mod registration;
mod resend;
mod retention;
mod updates;
