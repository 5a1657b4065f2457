//! Saves the form as a draft while it is typed: 600 ms after the last change, so an IME's
//! stream of composition events makes one write, not one per keystroke.

use madoguchi_domain::ipc::DraftFields;
use yew::prelude::*;

use crate::state::registration::{Action, Lookup, RegistrationHandle};
use crate::tauri::call;
use madoguchi_domain::contract::{cmd, SaveDraftArgs};

const DEBOUNCE_MS: u32 = 600;

#[hook]
pub fn use_autosave(reg: RegistrationHandle) {
    let generation = use_mut_ref(|| 0_u64);
    let fields = DraftFields::from_form(&reg.form);
    let editable = reg.draft_state.is_none_or(|s| s.editable());
    let facility_name = match &reg.lookup {
        Lookup::Found(f) => Some(f.name.clone()),
        _ => None,
    };
    let key = (reg.draft_id.clone(), fields, facility_name);
    use_effect_with(key, move |(id, fields, facility_name)| {
        *generation.borrow_mut() += 1;
        let mine = *generation.borrow();
        if !id.is_empty() && editable {
            let args = SaveDraftArgs {
                id: id.clone(),
                fields: fields.clone(),
                facility_name: facility_name.clone(),
            };
            wasm_bindgen_futures::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(DEBOUNCE_MS).await;
                // A newer change restarts the wait: only the last one is written.
                if *generation.borrow() != mine {
                    return;
                }
                match call::<cmd::SaveDraft>(&args).await {
                    Ok(saved) => reg.dispatch(Action::Saved(saved)),
                    Err(e) => reg.dispatch(Action::Rejected(e)),
                }
            });
        }
    });
}
