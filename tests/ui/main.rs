//! The real app under Xvfb, driven over WebDriver: what a user sees on the top page, and
//! the first step of registration.

mod top_page;
