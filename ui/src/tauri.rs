//! The one door to the backend: Tauri's `invoke`. The UI never touches the network, the
//! keyring or a file itself.

use madoguchi_domain::ipc::CommandError;
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // Present when tauri.conf.json sets app.withGlobalTauri.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

fn internal(what: &str) -> CommandError {
    CommandError::Banner {
        message: format!("アプリ内部の通信に失敗しました（{what}）。アプリを再起動してください。"),
    }
}

/// Calls a backend command; its error arrives already worded for the user.
pub async fn invoke<A: Serialize, R: DeserializeOwned>(
    cmd: &str,
    args: &A,
) -> Result<R, CommandError> {
    // Maps as plain objects: Tauri reads command arguments by name.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = args.serialize(&serializer).map_err(|_| internal(cmd))?;
    match tauri_invoke(cmd, args).await {
        Ok(value) => serde_wasm_bindgen::from_value(value).map_err(|_| internal(cmd)),
        Err(e) => Err(
            serde_wasm_bindgen::from_value::<CommandError>(e.clone()).unwrap_or_else(|_| {
                CommandError::Banner {
                    message: e
                        .as_string()
                        .unwrap_or_else(|| "アプリ本体と通信できませんでした。".into()),
                }
            }),
        ),
    }
}

#[derive(Serialize)]
pub struct NoArgs {}
