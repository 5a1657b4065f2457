//! Knobs only the tests turn (a faster outbox probe, another facility snapshot). A release
//! build ignores them: nothing in a clinic PC's environment changes how the app behaves.
//! What a release build still reads is README's list ("Environment").

/// The variable's value in a debug build; always `None` in a release build.
pub fn var(name: &str) -> Option<String> {
    if cfg!(debug_assertions) {
        std::env::var(name).ok()
    } else {
        None
    }
}
