use yew::prelude::*;
use yew_router::prelude::*;

use crate::pages::about::About;
use crate::pages::draft_summary::DraftSummary;
use crate::pages::drafts::Drafts;
use crate::pages::notices::Notices;
use crate::pages::{
    account::Account, complete::Complete, confirm::Confirm, info, login::Login,
    not_found::NotFound, register::Register, sent::Sent, settings::Settings, top::Top,
};

#[derive(Clone, Routable, PartialEq, Debug)]
pub enum Route {
    #[at("/")]
    Top,
    #[at("/register")]
    Register,
    #[at("/register/confirm")]
    Confirm,
    #[at("/register/sent")]
    Sent,
    #[at("/register/complete")]
    Complete,
    #[at("/login")]
    Login,
    #[at("/account")]
    Account,
    #[at("/settings")]
    Settings,
    #[at("/terms")]
    Terms,
    #[at("/privacy")]
    Privacy,
    #[at("/manual")]
    Manual,
    #[at("/faq")]
    Faq,
    #[at("/notices")]
    Notices,
    #[at("/drafts")]
    Drafts,
    #[at("/about")]
    About,
    #[at("/drafts/:id/summary")]
    DraftSummary { id: String },
    #[not_found]
    #[at("/404")]
    NotFound,
}

pub fn switch(route: Route) -> Html {
    match route {
        Route::Top => html! { <Top /> },
        Route::Register => html! { <Register /> },
        Route::Confirm => html! { <Confirm /> },
        Route::Sent => html! { <Sent /> },
        Route::Complete => html! { <Complete /> },
        Route::Login => html! { <Login /> },
        Route::Account => html! { <Account /> },
        Route::Settings => html! { <Settings /> },
        Route::Terms => html! { <info::Terms /> },
        Route::Privacy => html! { <info::Privacy /> },
        Route::Manual => html! { <info::Manual /> },
        Route::Faq => html! { <info::Faq /> },
        Route::Notices => html! { <Notices /> },
        Route::Drafts => html! { <Drafts /> },
        Route::About => html! { <About /> },
        Route::DraftSummary { id } => html! { <DraftSummary id={id} /> },
        Route::NotFound => html! { <NotFound /> },
    }
}
