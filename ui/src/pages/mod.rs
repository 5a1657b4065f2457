pub mod not_found;
pub mod register;
pub mod top;
