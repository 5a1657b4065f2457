//! メールアドレス登録確認メール送信画面 (manual p.10). The backend's outbox watches the
//! receipt; when the link was used in the browser it says so, and the screen moves to 完了.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use madoguchi_domain::contact::PORTAL_SENDER;
use madoguchi_domain::contract::{cmd, AppEvent, ReceiptArgs};
use yew::platform::time::sleep;
use yew::prelude::*;

use crate::components::message::Message;
use yew_router::prelude::*;

use crate::events::use_app_event;
use crate::route::Route;
use crate::state::registration::use_registration;
use crate::tauri::call;

/// What an event means for the receipt this screen waits on.
#[derive(Debug, PartialEq, Eq)]
pub enum Watch {
    Activated,
    Expired,
    /// The line under the spinner: `None` for the plain 「待っています」.
    Status(Option<String>),
}

pub fn on_event(receipt: Option<&str>, event: &AppEvent) -> Option<Watch> {
    match event {
        AppEvent::RegistrationActivated { receipt: r } if Some(r.as_str()) == receipt => {
            Some(Watch::Activated)
        }
        AppEvent::RegistrationExpired { receipt: r } if Some(r.as_str()) == receipt => {
            Some(Watch::Expired)
        }
        AppEvent::Reachability { reachable, .. } => Some(Watch::Status((!reachable).then(|| {
            "ポータルに接続できません。接続が戻ると、自動で完了を確認します。".to_owned()
        }))),
        _ => None,
    }
}

#[function_component(Sent)]
pub fn sent() -> Html {
    let reg = use_registration();
    let navigator = use_navigator();
    let status = use_state(|| None::<String>);
    let expired = use_state(|| false);
    let receipt = reg.accepted.as_ref().map(|a| a.receipt.clone());
    // Seconds until 「メールを再送する」 may be pressed, as the portal last said; a local
    // countdown, nothing is asked meanwhile.
    let cooldown = use_state(|| 0u64);
    let resend_note = use_state(|| None::<String>);
    let resending = use_state(|| false);
    {
        let cooldown = cooldown.clone();
        use_effect_with(*cooldown, move |left| {
            let alive = Rc::new(Cell::new(true));
            let left = *left;
            if left > 0 {
                let alive = alive.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    sleep(Duration::from_secs(1)).await;
                    if alive.get() {
                        cooldown.set(left - 1);
                    }
                });
            }
            move || alive.set(false)
        });
    }
    let on_resend = {
        let (cooldown, resend_note, resending) =
            (cooldown.clone(), resend_note.clone(), resending.clone());
        let receipt = receipt.clone();
        Callback::from(move |_| {
            let Some(receipt) = receipt.clone() else {
                return;
            };
            let (cooldown, resend_note, resending) =
                (cooldown.clone(), resend_note.clone(), resending.clone());
            resending.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::ResendActivation>(&ReceiptArgs { receipt }).await {
                    Ok(a) => {
                        resend_note.set(Some(a.message));
                        cooldown.set(a.cooldown_secs);
                    }
                    Err(e) => resend_note.set(Some(e.message().to_owned())),
                }
                resending.set(false);
            });
        })
    };
    {
        let (status, expired) = (status.clone(), expired.clone());
        let receipt = receipt.clone();
        use_app_event(Callback::from(move |event| {
            match on_event(receipt.as_deref(), &event) {
                Some(Watch::Activated) => {
                    if let Some(n) = &navigator {
                        n.push(&Route::Complete);
                    }
                }
                Some(Watch::Expired) => expired.set(true),
                Some(Watch::Status(s)) => status.set(s),
                None => {}
            }
        }));
    }
    let Some(accepted) = reg.accepted.clone() else {
        return html! { <Redirect<Route> to={Route::Register} /> };
    };
    html! {
        <>
            <h2>{ "メールアドレス登録確認メール送信" }</h2>
            <p class="message" id="sent-message">{ "ご登録いただいたメールアドレス宛に、ユーザー登録の有効化リンクを添付したメールをお送りしております。ご確認をお願いいたします。" }</p>
            <p>{ "送信先：" }<strong id="sent-to">{ accepted.email.clone() }</strong></p>
            <p id="sent-from">{ "送信元：" }<strong>{ PORTAL_SENDER }</strong>{ "（メールの振り分けや受信拒否の設定をされている場合は、このアドレスからのメールを受信できるようにしてください）" }</p>
            <p>{ "メール本文の「ユーザー登録完了は以下からお願いいたします。」の下にあるURLを開き、「ユーザー登録完了はこちら」を押してください。完了すると、この画面は自動的に切り替わります（URLの有効期限は24時間です）。" }</p>
            if *expired {
                // True both for a new address whose link ran out and for one that already had
                // an account (its mail said so, and had no link): the app cannot tell which.
                <p class="banner" role="alert" id="sent-expired">{ "メールの送信から24時間が経過しました。ユーザー登録を完了していない場合は、お手数ですが、最初からユーザー登録を行ってください。「既にアカウントが登録されています」という内容のメールが届いた場合は、そのアカウントでログインしてください。" }</p>
            } else {
                <p class="lookup-status" aria-live="polite" id="waiting"><span class="spinner" aria-hidden="true"></span>{ status.as_ref().cloned().unwrap_or_else(|| "ユーザー登録の完了を待っています…".into()) }</p>
            }
            <h3>{ "メールアドレス登録確認メールが届かない場合" }</h3>
            <p>{ "以下の点が考えられますのでご確認ください。" }</p>
            <ul>
                <li>{ "メールアドレスの入力に誤りがある。" }</li>
                <li>{ "メール受信拒否の設定をしている。" }</li>
                <li>{ "「迷惑メール」などのフォルダに入っている。" }</li>
            </ul>
            if !*expired {
                <section class="resend" aria-label="メールの再送">
                    <p>{ "確認後も届かない場合は、メールを再送できます。再送すると、以前のメールのURLは使えなくなります。" }</p>
                    <p class="actions">
                        <button type="button" id="resend" onclick={on_resend} disabled={*cooldown > 0 || *resending}>{ "メールを再送する" }</button>
                        if *cooldown > 0 {
                            <span id="resend-wait">{ format!("あと{}秒で再送できます", *cooldown) }</span>
                        }
                    </p>
                    if let Some(note) = &*resend_note {
                        <Message id="resend-message" text={note.clone()} />
                    }
                </section>
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_receipts_news_moves_the_screen() {
        let mine = Some("r1");
        let activated = |r: &str| AppEvent::RegistrationActivated { receipt: r.into() };
        assert_eq!(on_event(mine, &activated("r1")), Some(Watch::Activated));
        assert_eq!(on_event(mine, &activated("r2")), None);
        assert_eq!(
            on_event(
                mine,
                &AppEvent::RegistrationExpired {
                    receipt: "r1".into()
                }
            ),
            Some(Watch::Expired)
        );
        let offline = on_event(
            mine,
            &AppEvent::Reachability {
                reachable: false,
                queued: 0,
            },
        );
        assert!(
            matches!(offline, Some(Watch::Status(Some(ref s))) if s.contains("接続できません"))
        );
        assert_eq!(
            on_event(
                mine,
                &AppEvent::Reachability {
                    reachable: true,
                    queued: 0
                }
            ),
            Some(Watch::Status(None))
        );
    }
}
