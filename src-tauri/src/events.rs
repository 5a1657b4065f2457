//! What the backend pushes to the window: [`AppEvent`]s through the channel the UI gave to
//! `subscribe`. The workflow modules see only [`Emit`], so they run without a window.

use std::sync::{Arc, Mutex};

use madoguchi_domain::contract::AppEvent;
use tauri::ipc::Channel;

/// Where a workflow module reports news.
pub type Emit = Arc<dyn Fn(AppEvent) + Send + Sync>;

/// An [`Emit`] that drops everything, for work done before (or without) a window.
pub fn nowhere() -> Emit {
    Arc::new(|_| {})
}

/// The window's channel. One window, so one channel: a reloaded page subscribes again and
/// replaces the old one.
#[derive(Default)]
pub struct EventHub {
    channel: Mutex<Option<Channel<AppEvent>>>,
    /// The last reachability, told again to a window that subscribes after it changed.
    reachability: Mutex<Option<AppEvent>>,
}

impl EventHub {
    pub fn subscribe(&self, channel: Channel<AppEvent>) {
        let last = self.reachability.lock().ok().and_then(|r| r.clone());
        if let Some(event) = last {
            deliver(&channel, event);
        }
        if let Ok(mut c) = self.channel.lock() {
            *c = Some(channel);
        }
    }

    /// Pushes `event` to the window, if one subscribed.
    pub fn emit(&self, event: AppEvent) {
        if let AppEvent::Reachability { .. } = event {
            if let Ok(mut r) = self.reachability.lock() {
                *r = Some(event.clone());
            }
        }
        let Ok(c) = self.channel.lock() else { return };
        if let Some(channel) = c.as_ref() {
            deliver(channel, event);
        }
    }

    /// An [`Emit`] for the workflow modules.
    pub fn emitter(self: &Arc<Self>) -> Emit {
        let hub = self.clone();
        Arc::new(move |event| hub.emit(event))
    }
}

fn deliver(channel: &Channel<AppEvent>, event: AppEvent) {
    if let Err(e) = channel.send(event) {
        tracing::debug!(error = %e, "event not delivered");
    }
}
