//! Screen readers hear every new message: one polite live region (#announcer) that exists
//! from the start, as live regions must, and a hook that speaks a message when it appears.

use yew::prelude::*;

/// Says `text` through #announcer. Emptied first and refilled a moment later, so the same
/// sentence twice in a row is announced twice. (A timer, not requestAnimationFrame: WebKit
/// runs no frame for a window it does not paint.)
pub fn announce(text: &str) {
    let Some(region) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("announcer"))
    else {
        return;
    };
    region.set_text_content(Some(""));
    let text = text.to_owned();
    gloo_timers::callback::Timeout::new(50, move || {
        region.set_text_content(Some(&text));
    })
    .forget();
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
