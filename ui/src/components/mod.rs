pub mod banner;
pub mod draft_import;
pub mod field;
pub mod footer;
pub mod header;
pub mod update;
