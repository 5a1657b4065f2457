//! The central portal API server of Madoguchi (施術所等向け総合ポータルサイト): facility
//! lookup, registration, activation, login and password reset, on SQLite or PostgreSQL.

pub mod audit;
pub mod client;
pub mod config;
pub mod db;
pub mod demo;
pub mod facility_index;
pub mod hashing;
pub mod headers;
pub mod import;
pub mod mail;
pub mod pages;
pub mod problem;
pub mod rate_limit;
pub mod releases;
pub mod routes;
pub mod secrets;
pub mod snapshot;
pub mod startup;

pub use config::Settings;
pub use startup::Application;
