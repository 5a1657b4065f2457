//! CSVファイルから下書きを作成: for chains preparing many facilities. The file is read here
//! and its bytes handed to the backend, which judges every row with crates/domain.

use madoguchi_domain::ipc::DraftImport;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::tauri::call;
use madoguchi_domain::contract::{cmd, ImportDraftsArgs};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Called after an import, so the list shows the new drafts.
    pub on_done: Callback<()>,
}

#[function_component(DraftImportForm)]
pub fn draft_import_form(props: &Props) -> Html {
    let report = use_state(|| None::<Result<DraftImport, String>>);
    let onchange = {
        let report = report.clone();
        let on_done = props.on_done.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let (report, on_done) = (report.clone(), on_done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = match JsFuture::from(file.array_buffer()).await {
                    Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
                    Err(_) => {
                        report.set(Some(Err("ファイルを読み込めませんでした。".into())));
                        return;
                    }
                };
                let result = call::<cmd::ImportDrafts>(&ImportDraftsArgs { bytes }).await;
                report.set(Some(result.map_err(|e| e.message().to_owned())));
                on_done.emit(());
            });
        })
    };
    html! {
        <section class="draft-import" aria-labelledby="draft-import-title">
            <h3 id="draft-import-title">{ "CSVファイルから下書きを作成" }</h3>
            <p class="note">
                { "複数の施術所等をまとめて準備するときに使います。1行目を見出し「姓,名,所属機関,協契,登録記号番号,電話番号,メールアドレス」とし、2行目から1行に1施術所等を記入してください（所属機関は 柔道整復・あはき・健診実施機関等・助産所、協契は柔道整復のみ）。パスワードは送信時に入力します。" }
            </p>
            <label for="draft-import">{ "CSVファイルを選択" }</label>
            <input type="file" id="draft-import" accept=".csv,text/csv" onchange={onchange} />
            { match &*report {
                None => html! {},
                Some(Err(m)) => html! { <p class="lookup-status warn" id="draft-import-report" role="alert">{ m.clone() }</p> },
                Some(Ok(r)) => html! {
                    <div id="draft-import-report" role="status">
                        <p>{ format!("{}件を下書きにしました。", r.imported) }</p>
                        if !r.rejected.is_empty() {
                            <p class="lookup-status warn">{ format!("{}行は取り込めませんでした。内容を直して、もう一度お試しください。", r.rejected.len()) }</p>
                            <ul class="import-errors">
                                { for r.rejected.iter().map(|row| html! { <li>{ format!("{}行目: {}", row.line, row.reason) }</li> }) }
                            </ul>
                        }
                    </div>
                },
            } }
        </section>
    }
}
