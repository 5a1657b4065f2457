//! ログイン: e-mail and password, or the login kept in the OS keyring.

use madoguchi_domain::api::Account;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::banner::Banner;
use crate::route::Route;
use crate::tauri::{invoke, NoArgs};

#[derive(serde::Serialize)]
struct LoginArgs {
    email: String,
    password: String,
    keep: bool,
}

#[function_component(Login)]
pub fn login() -> Html {
    let navigator = use_navigator();
    let email = use_state(String::new);
    let password = use_state(String::new);
    let keep = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let saved = use_state(|| None::<String>);
    {
        let saved = saved.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(s) = invoke::<_, Option<String>>("saved_login", &NoArgs {}).await {
                    saved.set(s);
                }
            });
        });
    }
    let done = {
        let navigator = navigator.clone();
        let busy = busy.clone();
        let error = error.clone();
        move |result: Result<Account, madoguchi_domain::ipc::CommandError>| {
            busy.set(false);
            match result {
                Ok(_) => {
                    if let Some(n) = &navigator {
                        n.push(&Route::Account);
                    }
                }
                Err(e) => error.set(Some(e.message().to_owned())),
            }
        }
    };
    let on_submit = {
        let (email, password, keep, busy, done) = (
            email.clone(),
            password.clone(),
            keep.clone(),
            busy.clone(),
            done.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            busy.set(true);
            let args = LoginArgs {
                email: (*email).clone(),
                password: (*password).clone(),
                keep: *keep,
            };
            let done = done.clone();
            wasm_bindgen_futures::spawn_local(async move {
                done(invoke::<_, Account>("login", &args).await)
            });
        })
    };
    let on_saved = {
        let busy = busy.clone();
        Callback::from(move |_| {
            busy.set(true);
            let done = done.clone();
            wasm_bindgen_futures::spawn_local(async move {
                done(invoke::<_, Account>("login_saved", &NoArgs {}).await)
            });
        })
    };
    let set = |s: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            s.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_keep = {
        let keep = keep.clone();
        Callback::from(move |e: Event| {
            keep.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    html! {
        <>
            <h2>{ "ログイン" }</h2>
            <Banner message={(*error).clone()} />
            if let Some(s) = &*saved {
                <section class="saved-login">
                    <h3>{ "保存済みのアカウント" }</h3>
                    <p><button type="button" class="primary" id="login-saved" onclick={on_saved} disabled={*busy}>{ format!("{s} でログイン") }</button></p>
                </section>
            }
            <form onsubmit={on_submit} aria-label="ログイン">
                <div class="form-row">
                    <label for="login-email">{ "ユーザー名（メールアドレス）" }</label>
                    <input type="text" id="login-email" autocomplete="username" value={(*email).clone()} oninput={set(email.clone())} />
                </div>
                <div class="form-row">
                    <label for="login-password">{ "パスワード" }</label>
                    <input type="password" id="login-password" autocomplete="current-password" value={(*password).clone()} oninput={set(password.clone())} />
                </div>
                <label class="choice" for="login-keep">
                    <input type="checkbox" id="login-keep" checked={*keep} onchange={on_keep} />
                    { "ログイン情報をこのパソコン（OSの資格情報ストア）に保存する" }
                </label>
                <p class="actions"><button type="submit" class="primary" id="login-submit" disabled={*busy}>{ if *busy { "ログイン中…" } else { "ログイン" } }</button></p>
            </form>
        </>
    }
}
