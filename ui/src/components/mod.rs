pub mod banner;
pub mod field;
pub mod footer;
pub mod header;
