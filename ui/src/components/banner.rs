use yew::prelude::*;

use crate::components::message::Message;

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub message: Option<String>,
}

/// A message about the whole screen (the portal cannot be reached, too many tries…).
#[function_component(Banner)]
pub fn banner(props: &BannerProps) -> Html {
    match &props.message {
        Some(m) => html! { <Message class="banner" id="banner" text={m.clone()} /> },
        None => html! {},
    }
}
