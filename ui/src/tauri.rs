//! The one door to the backend: Tauri's `invoke`. The UI never touches the network or a
//! database itself.

use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // Present when tauri.conf.json sets app.withGlobalTauri.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// Why a backend call failed, already in words for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct InvokeError(pub String);

pub async fn invoke<A: Serialize, R: DeserializeOwned>(
    cmd: &str,
    args: &A,
) -> Result<R, InvokeError> {
    let args = serde_wasm_bindgen::to_value(args)
        .map_err(|e| InvokeError(format!("内部エラー（引数）: {e}")))?;
    let value = tauri_invoke(cmd, args).await.map_err(|e| {
        InvokeError(
            e.as_string()
                .unwrap_or_else(|| "アプリ本体と通信できませんでした。".to_owned()),
        )
    })?;
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| InvokeError(format!("内部エラー（応答）: {e}")))
}

/// `app_info`: what the backend says about itself.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct AppInfo {
    pub name: String,
    pub version: String,
}

#[derive(Serialize)]
pub struct NoArgs {}
