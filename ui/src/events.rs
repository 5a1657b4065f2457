//! The backend's pushed news, handed to whichever screens listen. The app subscribes once
//! at start; a screen listens with [`use_app_event`] while it is shown.

use std::cell::{Cell, RefCell};

use madoguchi_domain::contract::AppEvent;
use yew::prelude::*;

thread_local! {
    static LISTENERS: RefCell<Vec<(u32, Callback<AppEvent>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// Gives `event` to every listening screen.
pub fn dispatch(event: AppEvent) {
    let listeners: Vec<Callback<AppEvent>> =
        LISTENERS.with(|l| l.borrow().iter().map(|(_, c)| c.clone()).collect());
    for listener in listeners {
        listener.emit(event.clone());
    }
}

/// Calls `on_event` with each event while the calling component is mounted.
#[hook]
pub fn use_app_event(on_event: Callback<AppEvent>) {
    use_effect_with((), move |()| {
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1));
            id
        });
        LISTENERS.with(|l| l.borrow_mut().push((id, on_event)));
        move || LISTENERS.with(|l| l.borrow_mut().retain(|(i, _)| *i != id))
    });
}
