//! 設定: the portal's address (an installer may preset it), with a connection check.

use madoguchi_domain::ipc::{SettingsView, CONNECTION_CHECK_SECS};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::message::Message;

use crate::components::banner::Banner;
use crate::components::update::UpdatePanel;
use crate::tauri::call;
use madoguchi_domain::contract::{cmd, NoArgs, PortalUrlArgs};

fn source_label(source: &str) -> &'static str {
    match source {
        "environment" => "起動時の環境変数 MADOGUCHI_PORTAL_URL",
        "user" => "この画面で保存した設定",
        "system" => "管理者による事前設定（システムの設定ファイル）",
        _ => "既定値",
    }
}

#[function_component(Settings)]
pub fn settings() -> Html {
    let view = use_state(|| None::<SettingsView>);
    let url = use_state(String::new);
    let message = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    // 接続確認 under way: the button says so, and how long it may take.
    let checking = use_state(|| false);
    let load = {
        let (view, url) = (view.clone(), url.clone());
        move |v: SettingsView| {
            url.set(v.portal_url.clone());
            view.set(Some(v));
        }
    };
    {
        let (load, error) = (load.clone(), error.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::GetSettings>(&NoArgs {}).await {
                    Ok(v) => load(v),
                    Err(e) => error.set(Some(e.message().to_owned())),
                }
            });
        });
    }
    // 接続確認 (check), or 保存 / 既定に戻す (reset).
    let act = |check: bool, reset: bool| {
        let (url, message, error, load, checking) = (
            url.clone(),
            message.clone(),
            error.clone(),
            load.clone(),
            checking.clone(),
        );
        Callback::from(move |_| {
            let args = PortalUrlArgs {
                url: if reset { None } else { Some((*url).clone()) },
            };
            let (message, error, load, checking) = (
                message.clone(),
                error.clone(),
                load.clone(),
                checking.clone(),
            );
            message.set(None);
            error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                if check {
                    checking.set(true);
                    let answer = call::<cmd::CheckConnection>(&args).await;
                    checking.set(false);
                    match answer {
                        Ok(m) => message.set(Some(m)),
                        Err(e) => error.set(Some(e.message().to_owned())),
                    }
                } else {
                    match call::<cmd::SetPortalUrl>(&args).await {
                        Ok(v) => {
                            load(v);
                            message.set(Some("保存しました。".into()));
                        }
                        Err(e) => error.set(Some(e.message().to_owned())),
                    }
                }
            });
        })
    };
    let on_input = {
        let url = url.clone();
        Callback::from(move |e: InputEvent| {
            url.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <>
            <h2>{ "設定" }</h2>
            <Banner message={(*error).clone()} />
            if let Some(m) = &*message { <Message class="ok" id="settings-message" text={m.clone()} /> }
            <div class="form-row">
                <label for="portal-url">{ "ポータルのアドレス" }</label>
                <input type="url" id="portal-url" value={(*url).clone()} oninput={on_input} aria-describedby="portal-url-hint" />
                <p class="hint" id="portal-url-hint">{ format!("現在の設定元：{}", view.as_ref().map(|v| source_label(&v.source)).unwrap_or("…")) }</p>
            </div>
            <p class="actions">
                <button type="button" id="check-connection" onclick={act(true, false)} disabled={*checking} aria-busy={checking.to_string()}>
                    if *checking {
                        <span class="spinner" aria-hidden="true"></span>{ "接続を確認しています…" }
                    } else {
                        { "接続確認" }
                    }
                </button>
                <button type="button" class="primary" id="save-settings" onclick={act(false, false)}>{ "保存" }</button>
                <button type="button" id="reset-settings" onclick={act(false, true)}>{ "既定に戻す" }</button>
            </p>
            if *checking {
                <Message id="check-progress" class="hint" text={format!("ポータルの応答を待っています（最大{CONNECTION_CHECK_SECS}秒）。")} />
            }
            <UpdatePanel />
        </>
    }
}
