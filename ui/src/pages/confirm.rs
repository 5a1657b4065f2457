//! 入力内容確認 (manual p.9): every value as it will be registered, the password masked;
//! 戻る and OK.

use madoguchi_domain::api::RegistrationAccepted;
use madoguchi_domain::ipc::{CommandError, DraftFields, SendOutcome};
use madoguchi_domain::Registration;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::banner::Banner;
use crate::route::Route;
use crate::state::registration::{new_key, use_registration, Action, Lookup};
use crate::tauri::call;
use madoguchi_domain::contract::{cmd, SendDraftArgs};

#[function_component(Confirm)]
pub fn confirm() -> Html {
    let reg = use_registration();
    let navigator = use_navigator();
    let sending = use_state(|| false);
    let Ok(registration) = Registration::parse(&reg.form) else {
        // Only a valid form gets here; anything else goes back to the form.
        return html! { <Redirect<Route> to={Route::Register} /> };
    };
    let (display, name) = match &reg.lookup {
        Lookup::Found(f) => (f.display.clone(), f.name.clone()),
        _ => (
            registration.number.display(),
            "（確認できませんでした。登録時にポータルで確認されます）".to_owned(),
        ),
    };
    let kind = registration.number.kind();
    let rows: Vec<(&str, String)> = vec![
        ("姓", registration.family_name.as_str().to_owned()),
        ("名", registration.given_name.as_str().to_owned()),
        ("所属機関", kind.label().to_owned()),
        (kind.terms().number, display),
        (kind.terms().name, name),
        ("電話番号", registration.phone.as_str().to_owned()),
        ("メールアドレス", registration.email.as_str().to_owned()),
        (
            "パスワード",
            "•".repeat(registration.password.expose().chars().count()),
        ),
    ];
    let on_back = {
        let navigator = navigator.clone();
        Callback::from(move |_| {
            if let Some(n) = &navigator {
                n.push(&Route::Register);
            }
        })
    };
    let on_ok = {
        let reg = reg.clone();
        let sending = sending.clone();
        Callback::from(move |_| {
            if *sending {
                return;
            }
            sending.set(true);
            let reg = reg.clone();
            let sending = sending.clone();
            let navigator = navigator.clone();
            let args = SendDraftArgs {
                id: if reg.draft_id.is_empty() {
                    new_key()
                } else {
                    reg.draft_id.clone()
                },
                fields: DraftFields::from_form(&reg.form),
                password: reg.form.password.clone(),
                password_confirmation: reg.form.password_confirmation.clone(),
            };
            wasm_bindgen_futures::spawn_local(async move {
                let result = call::<cmd::SendDraft>(&args).await;
                sending.set(false);
                match result {
                    Ok(SendOutcome::Sent { receipt, email }) => {
                        reg.dispatch(Action::Accepted(RegistrationAccepted { receipt, email }));
                        if let Some(n) = &navigator {
                            n.push(&Route::Sent);
                        }
                    }
                    Ok(SendOutcome::Queued { message }) => {
                        reg.dispatch(Action::Queued(message));
                        if let Some(n) = &navigator {
                            n.push(&Route::Drafts);
                        }
                    }
                    Err(e @ CommandError::Fields { .. }) => {
                        reg.dispatch(Action::Rejected(e));
                        if let Some(n) = &navigator {
                            n.push(&Route::Register);
                        }
                    }
                    Err(e) => reg.dispatch(Action::Rejected(e)),
                }
            });
        })
    };
    html! {
        <>
            <h2>{ "入力内容確認" }</h2>
            <p>{ "入力された内容でよろしければ、「OK」ボタンを押してください。" }</p>
            <Banner message={reg.banner.clone()} />
            <table class="confirm" id="confirm-table">
                <tbody>
                    { for rows.into_iter().map(|(k, v)| html! { <tr><th scope="row">{ k }</th><td>{ v }</td></tr> }) }
                </tbody>
            </table>
            <p class="actions">
                <button type="button" id="confirm-back" onclick={on_back} disabled={*sending}>{ "戻る" }</button>
                <button type="button" class="primary" id="confirm-ok" onclick={on_ok} disabled={*sending} aria-busy={sending.to_string()}>
                    { if *sending { "送信中…" } else { "OK" } }
                </button>
            </p>
        </>
    }
}
