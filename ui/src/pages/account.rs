//! The signed-in screen: who is logged in, and logout (optionally forgetting the kept login).

use madoguchi_domain::api::Account as AccountInfo;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::banner::Banner;
use crate::route::Route;
use crate::tauri::call;
use madoguchi_domain::contract::{cmd, LogoutArgs, NoArgs};

#[function_component(Account)]
pub fn account() -> Html {
    let navigator = use_navigator();
    let account = use_state(|| None::<Option<AccountInfo>>);
    let error = use_state(|| None::<String>);
    {
        let account = account.clone();
        let error = error.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::CurrentAccount>(&NoArgs {}).await {
                    Ok(a) => account.set(Some(a)),
                    Err(e) => error.set(Some(e.message().to_owned())),
                }
            });
        });
    }
    let logout = |forget: bool| {
        let navigator = navigator.clone();
        let error = error.clone();
        Callback::from(move |_| {
            let navigator = navigator.clone();
            let error = error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::Logout>(&LogoutArgs { forget }).await {
                    Ok(()) => {
                        if let Some(n) = &navigator {
                            n.push(&Route::Top);
                        }
                    }
                    Err(e) => error.set(Some(e.message().to_owned())),
                }
            });
        })
    };
    html! {
        <>
            <h2>{ "アカウント" }</h2>
            <Banner message={(*error).clone()} />
            { match &*account {
                None => html! { <p aria-live="polite">{ "確認しています…" }</p> },
                Some(None) => html! { <p>{ "ログインしていません。" }<Link<Route> to={Route::Login}>{ "ログインはこちら" }</Link<Route>></p> },
                Some(Some(a)) => html! {
                    <>
                        <p class="message" id="signed-in">{ "ログインしています。" }</p>
                        <table class="confirm" id="account-table"><tbody>
                            <tr><th scope="row">{ "ユーザー名" }</th><td id="account-email">{ a.email.clone() }</td></tr>
                            <tr><th scope="row">{ "氏名" }</th><td>{ format!("{} {}", a.family_name, a.given_name) }</td></tr>
                            <tr><th scope="row">{ "所属機関" }</th><td>{ a.facility_kind.label() }</td></tr>
                            <tr><th scope="row">{ a.facility_kind.terms().number }</th><td>{ a.facility_number.clone() }</td></tr>
                            <tr><th scope="row">{ a.facility_kind.terms().name }</th><td id="account-facility">{ a.facility_name.clone().unwrap_or_default() }</td></tr>
                        </tbody></table>
                        <p class="actions">
                            <button type="button" id="logout" onclick={logout(false)}>{ "ログアウト" }</button>
                            <button type="button" id="logout-forget" onclick={logout(true)}>{ "ログアウトして、保存したログイン情報を削除" }</button>
                        </p>
                    </>
                },
            } }
        </>
    }
}
