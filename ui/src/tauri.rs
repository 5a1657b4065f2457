//! The one door to the backend: Tauri's `invoke`, typed by the contract in
//! `madoguchi_domain::contract`. No command name is written anywhere else in the UI. The UI
//! never touches the network, the keyring or a file itself.

use madoguchi_domain::contract::{cmd, AppEvent, Command, ARGS_KEY};
use madoguchi_domain::ipc::CommandError;
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // Tauri's own IPC entry, in every page it serves: what `@tauri-apps/api`'s `invoke`
    // calls. The app leaves `withGlobalTauri` off: that API would be one more script to run
    // at every start, and on `window` for any script in the page.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI_INTERNALS__"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    /// Registers a callback the backend can call; its number names it in the IPC.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI_INTERNALS__"], js_name = transformCallback)]
    fn transform_callback(callback: &js_sys::Function) -> f64;
}

/// What Tauri's `Channel` does in the page: the backend numbers its messages, and a large
/// one may arrive after a later small one, so each is handed on in the order it was sent.
#[derive(Debug)]
struct InOrder<T> {
    next: u64,
    /// Arrived ahead of their turn: rare and few, so a list (a map would add kilobytes to
    /// the wasm).
    early: Vec<(u64, T)>,
}

impl<T> InOrder<T> {
    fn new() -> Self {
        InOrder {
            next: 0,
            early: Vec::new(),
        }
    }

    /// Takes message `index`; returns what can be handed on now, in order.
    fn accept(&mut self, index: u64, message: T) -> Vec<T> {
        if index < self.next || self.early.iter().any(|(i, _)| *i == index) {
            return Vec::new();
        }
        self.early.push((index, message));
        let mut ready = Vec::new();
        while let Some(at) = self.early.iter().position(|(i, _)| *i == self.next) {
            ready.push(self.early.swap_remove(at).1);
            self.next += 1;
        }
        ready
    }
}

/// Opens a channel for the backend to push [`AppEvent`]s through: the value to pass as the
/// command's argument (how Tauri's `Channel` serialises itself).
fn open_channel(on_event: impl Fn(AppEvent) + 'static) -> JsValue {
    let order = RefCell::new(InOrder::new());
    let handler = Closure::<dyn Fn(JsValue)>::new(move |packet: JsValue| {
        // `{ index, message }`; `{ index, end }` closes a channel, which this one never is.
        let field = |name: &str| js_sys::Reflect::get(&packet, &name.into()).ok();
        let Some(index) = field("index").and_then(|v| v.as_f64()) else {
            return;
        };
        let Some(message) = field("message").filter(|m| !m.is_undefined()) else {
            return;
        };
        // Numbered from 0 by the backend; a float here is an integer.
        let ready = order.borrow_mut().accept(index as u64, message);
        for value in ready {
            // An event this build does not know (a newer backend) is skipped.
            if let Ok(event) = serde_wasm_bindgen::from_value::<AppEvent>(value) {
                on_event(event);
            }
        }
    });
    let id = transform_callback(handler.as_ref().unchecked_ref());
    // The page lives as long as the window; so does the handler.
    handler.forget();
    JsValue::from(format!("__CHANNEL__:{}", id as u64))
}

fn internal(what: &str) -> CommandError {
    CommandError::Banner {
        message: format!("アプリ内部の通信に失敗しました（{what}）。アプリを再起動してください。"),
    }
}

/// `{ "args": args }` and, for `subscribe`, the channel: Tauri reads arguments by name.
fn payload(args: &impl Serialize, channel: Option<JsValue>) -> Result<JsValue, ()> {
    // Maps as plain objects, as the backend's serde expects them.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let object = js_sys::Object::new();
    let args = args.serialize(&serializer).map_err(|_| ())?;
    js_sys::Reflect::set(&object, &ARGS_KEY.into(), &args).map_err(|_| ())?;
    if let Some(channel) = channel {
        js_sys::Reflect::set(&object, &"channel".into(), &channel).map_err(|_| ())?;
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
    let channel = open_channel(on_event);
    let name = <cmd::Subscribe as Command>::NAME;
    let payload = payload(&madoguchi_domain::contract::NoArgs {}, Some(channel))
        .map_err(|()| internal(name))?;
    invoke_raw(name, payload).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::InOrder;

    #[test]
    fn messages_are_handed_on_in_the_order_they_were_sent() {
        let mut order = InOrder::new();
        assert_eq!(order.accept(0, "a"), ["a"]);
        // 2 overtook 1 (fetched messages can): held until 1 is in.
        assert!(order.accept(2, "c").is_empty());
        assert!(order.accept(3, "d").is_empty());
        assert_eq!(order.accept(1, "b"), ["b", "c", "d"]);
        assert_eq!(order.accept(4, "e"), ["e"]);
        // A message delivered twice is not handed on again.
        assert!(order.accept(1, "b").is_empty());
        assert!(order.early.is_empty());
    }
}
