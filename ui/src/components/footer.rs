use madoguchi_domain::contact::{
    CALL_CENTER_HOURS, CALL_CENTER_NAME, CALL_CENTER_PHONE, CONTACT_EMAIL, COPYRIGHT, OPERATORS,
};
use yew::prelude::*;
use yew_router::prelude::*;

use madoguchi_domain::ipc::AppInfo;

use crate::components::portal_link::PortalLinkAnchor;
use crate::route::Route;
use crate::tauri::call;
use madoguchi_domain::contract::{cmd, NoArgs};
use madoguchi_domain::documents::PortalLink;

/// The portal's yellow footer: お問い合わせ先, operators, copyright, and this app's version
/// as the backend reports it (a help desk asks for it first).
#[function_component(Footer)]
pub fn footer() -> Html {
    let info = use_state(|| None::<Result<AppInfo, String>>);
    {
        let info = info.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let answer = call::<cmd::AppInfo>(&NoArgs {})
                    .await
                    .map_err(|e| e.message().to_owned());
                info.set(Some(answer));
            });
        });
    }
    let meta = match &*info {
        None => html! { <span>{ "アプリ情報を取得中…" }</span> },
        Some(Ok(i)) => {
            html! { <span id="app-version">{ format!("{} {}", i.name, i.version) }</span> }
        }
        Some(Err(e)) => html! { <span role="alert">{ e.clone() }</span> },
    };
    html! {
        <footer class="site-footer" id="contact">
            <h2>{ "お問い合わせ先" }</h2>
            <p>{ format!("○{CALL_CENTER_NAME} {CALL_CENTER_PHONE} (通話無料)") }</p>
            <p>{ CALL_CENTER_HOURS }</p>
            <p>{ format!("メールアドレス : {CONTACT_EMAIL}") }</p>
            <h3 class="links-title">{ "【各種リンク】" }</h3>
            <ul class="portal-links" id="portal-links">
                { for PortalLink::ALL.iter().map(|l| html! { <li>{ "○" }<PortalLinkAnchor link={*l} id={format!("footer-link-{}", l.key())} /></li> }) }
            </ul>
            <div class="operators">
                { for OPERATORS.iter().map(|o| html! { <p>{ *o }</p> }) }
            </div>
            <p>{ COPYRIGHT }</p>
            <p class="meta">{ meta }{ "　" }<Link<Route> to={Route::About}>{ "このアプリについて" }</Link<Route>></p>
        </footer>
    }
}
