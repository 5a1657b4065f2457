//! ユーザー登録完了画面 (manual p.12), and the offer to keep the login in the OS keyring.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::banner::Banner;
use crate::route::Route;
use crate::state::registration::{use_registration, Action};
use crate::tauri::call;
use madoguchi_domain::contract::{cmd, KeepLoginArgs};

#[function_component(Complete)]
pub fn complete() -> Html {
    let reg = use_registration();
    let navigator = use_navigator();
    let error = use_state(|| None::<String>);
    let Some(accepted) = reg.accepted.clone() else {
        return html! { <Redirect<Route> to={Route::Login} /> };
    };
    let finish = |keep: bool| {
        let reg = reg.clone();
        let navigator = navigator.clone();
        let error = error.clone();
        let email = accepted.email.clone();
        Callback::from(move |_| {
            let reg = reg.clone();
            let navigator = navigator.clone();
            let error = error.clone();
            let args = KeepLoginArgs {
                email: email.clone(),
                password: reg.form.password.clone(),
            };
            wasm_bindgen_futures::spawn_local(async move {
                if keep {
                    if let Err(e) = call::<cmd::KeepLogin>(&args).await {
                        error.set(Some(e.message().to_owned()));
                        return;
                    }
                }
                // The password leaves the app's memory here.
                reg.dispatch(Action::Reset);
                if let Some(n) = &navigator {
                    n.push(&Route::Login);
                }
            });
        })
    };
    html! {
        <>
            <p class="message" id="complete-message">{ "ユーザー登録が完了いたしました。" }</p>
            <p>{ "ログインにつきましては、画面右上の「ログイン」ボタンをクリックください。" }</p>
            <p>{ format!("ユーザー名：{}", accepted.email) }</p>
            <Banner message={(*error).clone()} />
            <section class="keep">
                <h3>{ "ログイン情報の保存" }</h3>
                <p>{ "このパソコンのOSの資格情報ストア（キーリング）にメールアドレスとパスワードを保存すると、次回から入力せずにログインできます。共用のパソコンでは保存しないでください。" }</p>
                <p class="actions">
                    <button type="button" class="primary" id="keep-login" onclick={finish(true)}>{ "保存してログイン画面へ" }</button>
                    <button type="button" id="skip-keep" onclick={finish(false)}>{ "保存せずにログイン画面へ" }</button>
                </p>
            </section>
        </>
    }
}
