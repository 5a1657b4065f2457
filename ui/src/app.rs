use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{
    footer::Footer, header::Header, status_line::StatusLine, update::UpdatePanel,
};
use crate::pages::about::About;
use crate::pages::draft_summary::DraftSummary;
use crate::pages::drafts::Drafts;
use crate::pages::notices::Notices;
use crate::pages::{
    account::Account, complete::Complete, confirm::Confirm, info, login::Login,
    not_found::NotFound, register::Register, sent::Sent, settings::Settings, top::Top,
};
use crate::route::Route;
use crate::state::registration::RegistrationProvider;

/// The whole window: the portal's header, the current screen, the portal's footer.
#[function_component(App)]
pub fn app() -> Html {
    use_effect_with((), |()| {
        wasm_bindgen_futures::spawn_local(async {
            if let Err(e) = crate::tauri::subscribe(crate::events::dispatch).await {
                web_sys::console::error_1(&e.message().into());
            }
        });
    });
    // A hash router: the window loads from a custom protocol, where a reload of a
    // history-API path would find no file.
    html! {
        <HashRouter>
            <RegistrationProvider>
                <Header />
                <StatusLine />
                <main id="main">
                    <UpdatePanel at_start={true} />
                    <Switch<Route> render={switch} />
                </main>
                <Footer />
            </RegistrationProvider>
        </HashRouter>
    }
}

/// The page each address shows.
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
