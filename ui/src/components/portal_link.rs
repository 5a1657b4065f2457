//! A link to one of the portal's documents. It opens in the system browser (the backend's
//! `open_link`): the window itself never leaves the app.

use madoguchi_domain::contract::{cmd, OpenLinkArgs};
use madoguchi_domain::documents::PortalLink;
use yew::prelude::*;

use crate::announce::announce;
use crate::components::message::Message;
use crate::tauri::call;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub link: PortalLink,
    pub id: AttrValue,
    /// The words of the link; the document's own name when absent.
    #[prop_or_default]
    pub text: Option<AttrValue>,
}

#[function_component(PortalLinkAnchor)]
pub fn portal_link(p: &Props) -> Html {
    let error = use_state(|| None::<String>);
    let link = p.link;
    let onclick = {
        let error = error.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let error = error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::OpenLink>(&OpenLinkArgs { link }).await {
                    Ok(()) => {
                        error.set(None);
                        announce(&format!("ブラウザで「{}」を開きました。", link.label()));
                    }
                    Err(e) => error.set(Some(e.message().to_owned())),
                }
            });
        })
    };
    let text = p.text.clone().unwrap_or(AttrValue::Static(link.label()));
    html! {
        <>
            <a href={link.path()} id={p.id.clone()} class="portal-link" onclick={onclick}>
                { text }<span class="visually-hidden">{ "（ブラウザで開きます）" }</span>
            </a>
            if let Some(m) = &*error {
                <Message class="field-error" id={format!("{}-error", p.id)} text={m.clone()} />
            }
        </>
    }
}
