use madoguchi_domain::contact::PORTAL_NAME;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

#[function_component(Header)]
pub fn header() -> Html {
    // The portal's header items; they become links as their screens are built.
    html! {
        <header class="site-header">
            <h1><Link<Route> to={Route::Top}>{ PORTAL_NAME }</Link<Route>></h1>
            <ul class="header-items" aria-label="サイト内メニュー">
                <li>{ "お知らせ" }</li>
                <li>{ "よくある質問" }</li>
                <li>{ "ログイン" }</li>
            </ul>
        </header>
    }
}
