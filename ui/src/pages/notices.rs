//! お知らせ: what the portal announces, fetched when the screen opens.

use madoguchi_domain::api::Notice;
use yew::prelude::*;

use crate::components::banner::Banner;
use crate::tauri::call;
use madoguchi_domain::contract::{cmd, NoArgs};

#[function_component(Notices)]
pub fn notices() -> Html {
    let list = use_state(|| None::<Vec<Notice>>);
    let error = use_state(|| None::<String>);
    {
        let (list, error) = (list.clone(), error.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::Notices>(&NoArgs {}).await {
                    Ok(l) => list.set(Some(l)),
                    Err(e) => error.set(Some(format!(
                        "お知らせを取得できませんでした。{}",
                        e.message()
                    ))),
                }
            });
        });
    }
    html! {
        <>
            <h2>{ "お知らせ" }</h2>
            <Banner message={(*error).clone()} />
            { match &*list {
                None if error.is_none() => html! { <p aria-live="polite"><span class="spinner" aria-hidden="true"></span>{ "取得しています…" }</p> },
                None => html! {},
                Some(l) if l.is_empty() => html! { <p id="no-notices">{ "現在、お知らせはありません。" }</p> },
                Some(l) => html! {
                    <ul class="notices" id="notices">
                        { for l.iter().map(|n| html! {
                            <li><p class="notice-date">{ n.date.clone() }</p><h3>{ n.title.clone() }</h3><p>{ n.body.clone() }</p></li>
                        }) }
                    </ul>
                },
            } }
        </>
    }
}
