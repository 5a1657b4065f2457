use madoguchi_domain::contact::PORTAL_NAME;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

#[function_component(Header)]
pub fn header() -> Html {
    html! {
        <header class="site-header">
            <h1><Link<Route> to={Route::Top}>{ PORTAL_NAME }</Link<Route>></h1>
            <nav aria-label="サイト内メニュー">
                <ul class="header-items">
                    <li><Link<Route> to={Route::Notices}>{ "お知らせ" }</Link<Route>></li>
                    <li><Link<Route> to={Route::Drafts}>{ "下書き" }</Link<Route>></li>
                    <li><Link<Route> to={Route::Faq}>{ "よくある質問" }</Link<Route>></li>
                    <li><Link<Route> to={Route::Settings}>{ "設定" }</Link<Route>></li>
                    // Right-most, as 完了 says: 「画面右上の「ログイン」ボタン」.
                    <li><Link<Route> to={Route::Login}>{ "ログイン" }</Link<Route>></li>
                </ul>
            </nav>
        </header>
    }
}
