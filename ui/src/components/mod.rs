pub mod banner;
pub mod draft_import;
pub mod field;
pub mod footer;
pub mod header;
pub mod status_line;
pub mod update;
