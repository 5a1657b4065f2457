use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

#[function_component(NotFound)]
pub fn not_found() -> Html {
    html! {
        <>
            <h2>{ "ページが見つかりません" }</h2>
            <Link<Route> to={Route::Top}>{ "トップページへ戻る" }</Link<Route>>
        </>
    }
}
