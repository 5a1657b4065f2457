//! ログイン: e-mail and password, or the login kept in the OS keyring.

use madoguchi_domain::api::Account;
use madoguchi_domain::ipc::CommandError;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::message::Message;
use yew_router::prelude::*;

use crate::components::banner::Banner;
use crate::route::Route;
use crate::tauri::call;
use madoguchi_domain::contract::{cmd, EmailArgs, LoginArgs, NoArgs};

const KEPT_LOGIN_REFUSED: &str = "保存されたパスワードではログインできませんでした。パスワードが変更された可能性があります。新しいパスワードを入力してログインすると、保存されたログイン情報を更新します。";

/// 「パスワードをお忘れの方はこちら」: the address, then the portal mails the link; the new
/// password is set on the portal's page that the link opens.
#[function_component(ForgotPassword)]
fn forgot_password() -> Html {
    let open = use_state(|| false);
    let email = use_state(String::new);
    let note = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let on_open = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let on_submit = {
        let (email, note, busy) = (email.clone(), note.clone(), busy.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let args = EmailArgs {
                email: (*email).clone(),
            };
            let (note, busy) = (note.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let text = match call::<cmd::RequestPasswordReset>(&args).await {
                    Ok(message) => format!(
                        "{message} メール内のURLを開き、新しいパスワードを設定してください（URLの有効期限は24時間です）。"
                    ),
                    Err(e) => e.message().to_owned(),
                };
                note.set(Some(text));
                busy.set(false);
            });
        })
    };
    let on_email = {
        let email = email.clone();
        Callback::from(move |e: InputEvent| {
            email.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <section class="forgot">
            <p><button type="button" class="link" id="forgot-open" aria-expanded={open.to_string()} onclick={on_open}>{ "パスワードをお忘れの方はこちら" }</button></p>
            if *open {
                <form onsubmit={on_submit} aria-label="パスワードの再設定">
                    <p>{ "ご登録のメールアドレスを入力してください。パスワード再設定用のURLをお送りします。" }</p>
                    <div class="form-row">
                        <label for="forgot-email">{ "メールアドレス" }</label>
                        <input type="text" id="forgot-email" autocomplete="username" value={(*email).clone()} oninput={on_email} />
                    </div>
                    <p class="actions"><button type="submit" id="forgot-submit" disabled={*busy}>{ if *busy { "送信中…" } else { "再設定用のメールを送る" } }</button></p>
                    if let Some(n) = &*note {
                        <Message id="forgot-message" text={n.clone()} />
                    }
                </form>
            }
        </section>
    }
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
                if let Ok(s) = call::<cmd::SavedLogin>(&NoArgs {}).await {
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
            wasm_bindgen_futures::spawn_local(async move { done(call::<cmd::Login>(&args).await) });
        })
    };
    // A kept login the portal refuses (its password was changed): offer to update it.
    let on_saved = {
        let (busy, error, email, keep, saved) = (
            busy.clone(),
            error.clone(),
            email.clone(),
            keep.clone(),
            saved.clone(),
        );
        Callback::from(move |_| {
            busy.set(true);
            let (done, busy, error, email, keep, saved) = (
                done.clone(),
                busy.clone(),
                error.clone(),
                email.clone(),
                keep.clone(),
                saved.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::LoginSaved>(&NoArgs {}).await {
                    Err(CommandError::Unauthorized { .. }) => {
                        error.set(Some(KEPT_LOGIN_REFUSED.into()));
                        if let Some(address) = (*saved).clone() {
                            email.set(address);
                        }
                        keep.set(true);
                        busy.set(false);
                    }
                    other => done(other),
                }
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
            <ForgotPassword />
        </>
    }
}
