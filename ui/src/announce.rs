//! Screen readers hear every new message: one polite live region (#announcer) that exists
//! from the start, as live regions must, and a hook that speaks a message when it appears.

use std::cell::Cell;

use yew::prelude::*;

thread_local! {
    /// How many announcements were asked for: only the latest may reach the region.
    static LATEST: Cell<u64> = const { Cell::new(0) };
}

/// Says `text` through #announcer. Emptied first and refilled a moment later, so the same
/// sentence twice in a row is announced twice. (A timer, not requestAnimationFrame: WebKit
/// runs no frame for a window it does not paint.)
///
/// The refill is dropped when another announcement was asked for meanwhile, or the user has
/// left the screen that asked: a late answer (a look-up, a save) must never talk over the
/// next screen's name.
pub fn announce(text: &str) {
    let Some(region) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("announcer"))
    else {
        return;
    };
    let turn = LATEST.with(|latest| {
        latest.set(latest.get() + 1);
        latest.get()
    });
    let screen = current_screen();
    region.set_text_content(Some(""));
    let text = text.to_owned();
    gloo_timers::callback::Timeout::new(50, move || {
        if is_current(turn, &screen, LATEST.with(Cell::get), &current_screen()) {
            region.set_text_content(Some(&text));
        }
    })
    .forget();
}

/// Whether an announcement asked for as `turn` on `screen` may still be spoken.
fn is_current(turn: u64, screen: &str, latest: u64, now_on: &str) -> bool {
    turn == latest && screen == now_on
}

/// The screen on show: the router keeps it in the address's hash.
fn current_screen() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Announces `message` each time it changes to something.
#[hook]
pub fn use_announce(message: Option<String>) {
    use_effect_with(message, |m| {
        if let Some(m) = m.as_deref().filter(|m| !m.is_empty()) {
            announce(m);
        }
    });
}

/// The live region itself, once per window.
#[function_component(Announcer)]
pub fn announcer() -> Html {
    html! { <div id="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></div> }
}

#[cfg(test)]
mod tests {
    use super::is_current;

    #[test]
    fn only_the_latest_announcement_of_the_screen_on_show_is_spoken() {
        assert!(is_current(3, "#/settings", 3, "#/settings"));
        // A later one was asked for: it speaks instead.
        assert!(!is_current(2, "#/register", 3, "#/register"));
        // The user left the screen that asked (a look-up answering after 設定 opened).
        assert!(!is_current(3, "#/register", 3, "#/settings"));
    }
}
