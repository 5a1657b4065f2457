//! The line under the header on every screen: whether the portal answers, and how many
//! drafts wait in the outbox. It changes when the backend says so (AppEvent::Reachability),
//! never by asking.

use madoguchi_domain::contract::AppEvent;
use yew::prelude::*;

use crate::events::use_app_event;

/// What the line says: `None` before the backend has said anything.
pub fn status_text(known: Option<(bool, usize)>) -> String {
    match known {
        None => "ポータルへの接続を確認しています…".into(),
        Some((true, 0)) => "オンライン".into(),
        Some((true, n)) => format!("オンライン（送信待ち {n}件）"),
        Some((false, 0)) => "オフライン（ポータルに接続できません）".into(),
        Some((false, n)) => {
            format!("オフライン（送信待ち {n}件：接続が戻ると自動で送信します）")
        }
    }
}

#[function_component(StatusLine)]
pub fn status_line() -> Html {
    let known = use_state(|| None::<(bool, usize)>);
    {
        let known = known.clone();
        use_app_event(Callback::from(move |event| {
            if let AppEvent::Reachability { reachable, queued } = event {
                known.set(Some((reachable, queued)));
            }
        }));
    }
    let class = match *known {
        Some((false, _)) => "status-line offline",
        _ => "status-line",
    };
    html! {
        <p class={class} id="connection-status" role="status">{ status_text(*known) }</p>
    }
}

#[cfg(test)]
mod tests {
    use super::status_text;

    #[test]
    fn the_line_says_online_offline_and_what_waits() {
        assert_eq!(status_text(Some((true, 0))), "オンライン");
        assert_eq!(status_text(Some((true, 2))), "オンライン（送信待ち 2件）");
        assert!(status_text(Some((false, 1))).starts_with("オフライン（送信待ち 1件"));
        assert!(status_text(None).contains("確認しています"));
    }
}
