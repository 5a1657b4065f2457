use yew::prelude::*;
use yew_router::prelude::*;

use crate::pages::{not_found::NotFound, register::Register, top::Top};

#[derive(Clone, Routable, PartialEq, Debug)]
pub enum Route {
    #[at("/")]
    Top,
    #[at("/register")]
    Register,
    #[not_found]
    #[at("/404")]
    NotFound,
}

pub fn switch(route: Route) -> Html {
    match route {
        Route::Top => html! { <Top /> },
        Route::Register => html! { <Register /> },
        Route::NotFound => html! { <NotFound /> },
    }
}
