use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{footer::Footer, header::Header, update::UpdatePanel};
use crate::route::{switch, Route};
use crate::state::registration::RegistrationProvider;

/// The whole window: the portal's header, the current screen, the portal's footer.
#[function_component(App)]
pub fn app() -> Html {
    // A hash router: the window loads from a custom protocol, where a reload of a
    // history-API path would find no file.
    html! {
        <HashRouter>
            <RegistrationProvider>
                <Header />
                <main id="main">
                    <UpdatePanel at_start={true} />
                    <Switch<Route> render={switch} />
                </main>
                <Footer />
            </RegistrationProvider>
        </HashRouter>
    }
}
