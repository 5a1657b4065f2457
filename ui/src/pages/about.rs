//! このアプリについて: the version, and diagnostics for the help desk, copied with one
//! button. The backend writes them and leaves out everything personal.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::components::message::Message;

use crate::components::banner::Banner;
use crate::tauri::call;
use madoguchi_domain::contract::{cmd, NoArgs};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["navigator", "clipboard"], js_name = writeText, catch)]
    async fn write_text(text: &str) -> Result<JsValue, JsValue>;
}

#[function_component(About)]
pub fn about() -> Html {
    let text = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let status = use_state(|| None::<String>);
    {
        let (text, error) = (text.clone(), error.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::Diagnostics>(&NoArgs {}).await {
                    Ok(t) => text.set(Some(t)),
                    Err(e) => error.set(Some(e.message().to_owned())),
                }
            });
        });
    }
    let copy = {
        let (text, status) = (text.clone(), status.clone());
        Callback::from(move |_| {
            let Some(t) = (*text).clone() else { return };
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                status.set(Some(match write_text(&t).await {
                    Ok(_) => {
                        "診断情報をコピーしました。お問い合わせの際に貼り付けてお伝えください。"
                            .into()
                    }
                    Err(_) => "コピーできませんでした。下の欄を選択してコピーしてください。".into(),
                }));
            });
        })
    };
    html! {
        <>
            <h2>{ "このアプリについて" }</h2>
            <p>{ "窓口 Madoguchi は、施術所等向け総合ポータルサイトのユーザー登録を行うためのアプリです。" }</p>
            <Banner message={(*error).clone()} />
            <label for="diagnostics">{ "診断情報（氏名・メールアドレス・番号などの個人情報は含みません）" }</label>
            <textarea id="diagnostics" readonly=true rows="10" value={(*text).clone().unwrap_or_default()} />
            <p class="actions">
                <button type="button" class="primary" id="copy-diagnostics" onclick={copy} disabled={text.is_none()}>{ "診断情報をコピー" }</button>
            </p>
            if let Some(s) = &*status {
                <Message id="copy-status" text={s.clone()} />
            }
        </>
    }
}
