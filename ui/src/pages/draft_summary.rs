//! 登録内容の控え: what was registered, for the clinic's records, printed through the
//! system's print dialog. The password is never part of it.

use madoguchi_domain::ipc::Draft;
use madoguchi_domain::FacilityKind;
use yew::prelude::*;

use crate::components::banner::Banner;
use crate::format::{facility_number, japan_time};
use crate::tauri::call;
use madoguchi_domain::contract::{cmd, DraftId, NoArgs};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: AttrValue,
}

#[function_component(DraftSummary)]
pub fn draft_summary(props: &Props) -> Html {
    let draft = use_state(|| None::<Draft>);
    let error = use_state(|| None::<String>);
    {
        let (draft, error) = (draft.clone(), error.clone());
        use_effect_with(props.id.clone(), move |id| {
            let id = id.to_string();
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::GetDraft>(&DraftId { id }).await {
                    Ok(d) => draft.set(Some(d)),
                    Err(e) => error.set(Some(e.message().to_owned())),
                }
            });
        });
    }
    // Tauri's print call: WebView2 and WKWebView ignore the page's window.print().
    let print = {
        let error = error.clone();
        Callback::from(move |_| {
            let error = error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = call::<cmd::PrintPage>(&NoArgs {}).await {
                    error.set(Some(e.message().to_owned()));
                }
            });
        })
    };
    let Some(d) = &*draft else {
        return html! { <><h2>{ "登録内容の控え" }</h2><Banner message={(*error).clone()} /></> };
    };
    let kind = FacilityKind::from_key(&d.fields.facility_kind);
    let rows = vec![
        (
            "所属機関",
            kind.map(|k| k.label()).unwrap_or_default().to_owned(),
        ),
        (
            kind.map_or("登録記号番号等", |k| k.terms().number),
            facility_number(d),
        ),
        (
            kind.map_or("施術所等の名称", |k| k.terms().name),
            d.facility_name.clone().unwrap_or_default(),
        ),
        (
            "氏名",
            format!("{} {}", d.fields.family_name, d.fields.given_name),
        ),
        ("電話番号", d.fields.phone.clone()),
        (
            "メールアドレス（ユーザー名）",
            d.sent_to.clone().unwrap_or_else(|| d.fields.email.clone()),
        ),
        ("状態", d.state.label().to_owned()),
        ("最終更新", japan_time(d.updated_at)),
    ];
    html! {
        <>
            <h2>{ "登録内容の控え" }</h2>
            <Banner message={(*error).clone()} />
            <table class="confirm" id="summary-table">
                <tbody>
                    { for rows.into_iter().map(|(k, v)| html! { <tr><th scope="row">{ k }</th><td>{ v }</td></tr> }) }
                </tbody>
            </table>
            <p class="note">{ "パスワードは控えに記載していません。お手元で大切に管理してください。" }</p>
            <p class="actions no-print"><button type="button" class="primary" id="summary-print" onclick={print}>{ "印刷する" }</button></p>
        </>
    }
}
