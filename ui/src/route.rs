//! The app's screens as addresses; which page each shows is `app::switch`'s.

use yew_router::prelude::*;

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
