//! CSVファイルから下書きを作成: for chains preparing many facilities. The file is read here
//! and its bytes handed to the backend, which judges every row with crates/domain.

use madoguchi_domain::ipc::DraftImport;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::message::Message;

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
    // The file being read and judged: a busy line until the backend answers.
    let busy = use_state(|| None::<String>);
    let chosen = use_state(|| None::<String>);
    let onchange = {
        let (report, busy, chosen) = (report.clone(), busy.clone(), chosen.clone());
        let on_done = props.on_done.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let name = file.name();
            chosen.set(Some(name.clone()));
            busy.set(Some(name));
            report.set(None);
            let (report, busy, on_done) = (report.clone(), busy.clone(), on_done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = match JsFuture::from(file.array_buffer()).await {
                    Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
                    Err(_) => {
                        busy.set(None);
                        report.set(Some(Err("ファイルを読み込めませんでした。".into())));
                        return;
                    }
                };
                let result = call::<cmd::ImportDrafts>(&ImportDraftsArgs { bytes }).await;
                busy.set(None);
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
            // WebKit's own button says "Choose File" in English: a Japanese one stands in.
            <div class="file-picker">
                <span class="file-control">
                    <input type="file" id="draft-import" accept=".csv,text/csv"
                        onchange={onchange} disabled={busy.is_some()} aria-describedby="draft-import-chosen" />
                    <label for="draft-import" class="file-button" id="draft-import-button">{ "ファイルを選択" }</label>
                </span>
                <span id="draft-import-chosen">{ chosen.as_deref().unwrap_or("ファイルが選択されていません") }</span>
            </div>
            if let Some(name) = &*busy {
                <div class="lookup-status" id="draft-import-busy" aria-busy="true">
                    <span class="spinner" aria-hidden="true"></span>
                    <Message id="draft-import-busy-text" class="inline" text={format!("「{name}」を取り込んでいます…")} />
                </div>
            }
            { match &*report {
                None => html! {},
                Some(Err(m)) => html! { <Message class="lookup-status warn" id="draft-import-report" text={m.clone()} /> },
                Some(Ok(r)) => html! {
                    <div id="draft-import-report">
                        <Message id="draft-import-count" text={format!("{}件を下書きにしました。", r.imported)} />
                        if !r.rejected.is_empty() {
                            <p class="lookup-status warn">{ format!("{}行は取り込めませんでした。内容を直して、もう一度お試しください。", r.rejected.len()) }</p>
                            <ul class="import-errors">
                                { for r.rejected.iter().map(|row| html! { <li>{ format!("{}行目：{}", row.line, row.reason) }</li> }) }
                            </ul>
                        }
                    </div>
                },
            } }
        </section>
    }
}
