//! トップページ (manual p.1): the portal's entries.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

/// An entry of the top page that has no screen in this app (yet): shown as the portal
/// shows it, without pretending to lead anywhere.
fn static_entry(title: &str, note: Option<&str>) -> Html {
    html! {
        <li>
            <div class="entry pending">
                <strong>{ title.to_owned() }</strong>
                if let Some(n) = note { <small>{ n.to_owned() }</small> }
            </div>
        </li>
    }
}

/// The help desk is in the footer of every screen: bring it into view. A `#contact` href
/// would be read by the hash router as a route.
fn scroll_to_contact() {
    let footer = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("contact"));
    if let Some(footer) = footer {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_behavior(web_sys::ScrollBehavior::Smooth);
        footer.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

#[function_component(Top)]
pub fn top() -> Html {
    html! {
        <>
            <p class="lead">
                { "令和6年4月から、施術所・健診実施機関等においてオンライン資格確認（資格確認限定型：資格情報のみを取得できる簡素な仕組み）をご利用いただけます。" }
            </p>
            <ul class="entries">
                <li>
                    <Link<Route> to={Route::Register} classes="entry primary">
                        <strong>{ "新規ユーザー登録はこちら" }</strong>
                        <small>{ "初めてご利用になられる方はこちらから" }</small>
                    </Link<Route>>
                </li>
                <li>
                    <Link<Route> to={Route::Login} classes="entry">
                        <strong>{ "ログインはこちら" }</strong>
                        <small>{ "すでにアカウントをお持ちの方はこちらから" }</small>
                    </Link<Route>>
                </li>
                { static_entry("オンライン資格確認とは？", None) }
                { static_entry("導入準備", None) }
                { static_entry("各種申請", Some("-公開準備中-")) }
                <li><Link<Route> to={Route::Manual} classes="entry"><strong>{ "手順書・マニュアル" }</strong></Link<Route>></li>
                <li><Link<Route> to={Route::Notices} classes="entry"><strong>{ "お知らせ" }</strong></Link<Route>></li>
                <li><Link<Route> to={Route::Faq} classes="entry"><strong>{ "よくある質問" }</strong></Link<Route>></li>
                <li>
                    <button type="button" class="entry" onclick={|_| scroll_to_contact()}>
                        <strong>{ "お問い合わせ先" }</strong>
                    </button>
                </li>
            </ul>
        </>
    }
}
