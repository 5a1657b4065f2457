//! The one door to the backend: Tauri's `invoke`, typed by the contract in
//! `madoguchi_domain::contract`. No command name is written anywhere else in the UI. The UI
//! never touches the network, the keyring or a file itself.

use madoguchi_domain::contract::{cmd, AppEvent, Command, ARGS_KEY};
use madoguchi_domain::ipc::CommandError;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // Present when tauri.conf.json sets app.withGlobalTauri.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    /// Tauri's `Channel`: the backend pushes [`AppEvent`]s through it.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"])]
    type Channel;
    #[wasm_bindgen(constructor, js_namespace = ["window", "__TAURI__", "core"])]
    fn new() -> Channel;
    #[wasm_bindgen(method, setter)]
    fn set_onmessage(this: &Channel, handler: &js_sys::Function);
}

fn internal(what: &str) -> CommandError {
    CommandError::Banner {
        message: format!("アプリ内部の通信に失敗しました（{what}）。アプリを再起動してください。"),
    }
}

/// `{ "args": args }` and, for `subscribe`, the channel: Tauri reads arguments by name.
fn payload(args: &impl Serialize, channel: Option<&Channel>) -> Result<JsValue, ()> {
    // Maps as plain objects, as the backend's serde expects them.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let object = js_sys::Object::new();
    let args = args.serialize(&serializer).map_err(|_| ())?;
    js_sys::Reflect::set(&object, &ARGS_KEY.into(), &args).map_err(|_| ())?;
    if let Some(channel) = channel {
        js_sys::Reflect::set(&object, &"channel".into(), channel).map_err(|_| ())?;
    }
    Ok(object.into())
}

async fn invoke_raw(name: &str, payload: JsValue) -> Result<JsValue, CommandError> {
    tauri_invoke(name, payload).await.map_err(|e| {
        // The backend's own errors are typed and worded; anything else is Tauri refusing
        // the call (in English), which goes to the console, not to the screen.
        serde_wasm_bindgen::from_value::<CommandError>(e.clone()).unwrap_or_else(|_| {
            web_sys::console::error_2(&name.into(), &e);
            internal(name)
        })
    })
}

/// Calls backend command `C`; its error arrives already worded for the user.
pub async fn call<C: Command>(args: &C::Args) -> Result<C::Reply, CommandError> {
    let payload = payload(args, None).map_err(|()| internal(C::NAME))?;
    let value = invoke_raw(C::NAME, payload).await?;
    serde_wasm_bindgen::from_value(value).map_err(|_| internal(C::NAME))
}

/// Hands the backend a channel; `on_event` gets every [`AppEvent`] from then on, for the
/// life of the page.
pub async fn subscribe(on_event: impl Fn(AppEvent) + 'static) -> Result<(), CommandError> {
    let channel = Channel::new();
    let handler = Closure::<dyn Fn(JsValue)>::new(move |value: JsValue| {
        // An event this build does not know (a newer backend) is skipped.
        if let Ok(event) = serde_wasm_bindgen::from_value::<AppEvent>(value) {
            on_event(event);
        }
    });
    channel.set_onmessage(handler.as_ref().unchecked_ref());
    // The page lives as long as the window; so does the handler.
    handler.forget();
    let name = <cmd::Subscribe as Command>::NAME;
    let payload = payload(&madoguchi_domain::contract::NoArgs {}, Some(&channel))
        .map_err(|()| internal(name))?;
    invoke_raw(name, payload).await.map(|_| ())
}
