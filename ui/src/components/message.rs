//! A message that appears on a screen: shown where it belongs, and spoken once through the
//! window's live region (crate::announce), so no screen reader hears it twice.

use yew::prelude::*;

use crate::announce::use_announce;

#[derive(Properties, PartialEq)]
pub struct MessageProps {
    pub id: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    pub text: AttrValue,
}

#[function_component(Message)]
pub fn message(p: &MessageProps) -> Html {
    use_announce(Some(p.text.to_string()));
    html! { <p class={p.class.clone()} id={p.id.clone()}>{ p.text.clone() }</p> }
}
