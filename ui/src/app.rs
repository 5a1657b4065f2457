use yew::prelude::*;
use yew_router::prelude::*;

use crate::announce::Announcer;
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
                <a class="skip-link" id="skip-link" href="#main" onclick={skip_to_main}>{ "本文へ移動" }</a>
                <Header />
                <StatusLine />
                <main id="main" tabindex="-1">
                    <UpdatePanel at_start={true} />
                    <Switch<Route> render={switch} />
                </main>
                <Footer />
                <Announcer />
                <FocusOnNavigation />
            </RegistrationProvider>
        </HashRouter>
    }
}

fn element(id_or_css: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(id_or_css).ok().flatten())
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
}

/// The skip link: the router owns the hash, so the link moves focus itself.
fn skip_to_main(e: MouseEvent) {
    e.prevent_default();
    if let Some(main) = element("#main") {
        let _ = main.focus();
    }
}

/// After a move to another screen, focus goes to its heading and its name is announced, as
/// a page load would do in a browser. Not on the first screen: focus starts at the top.
#[function_component(FocusOnNavigation)]
fn focus_on_navigation() -> Html {
    let location = use_location().map(|l| l.path().to_owned());
    let first = use_mut_ref(|| true);
    use_effect_with(location, move |_| {
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            return;
        }
        // Once the new screen is in the document.
        gloo_timers::callback::Timeout::new(0, || {
            if let Some(h) = element("main h2") {
                let _ = h.set_attribute("tabindex", "-1");
                let _ = h.focus();
                if let Some(text) = h.text_content() {
                    crate::announce::announce(&text);
                }
            }
        })
        .forget();
    });
    html! {}
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
