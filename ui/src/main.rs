//! Madoguchi's screens, compiled to wasm and shown in the Tauri window.

mod announce;
mod app;
mod components;
mod events;
mod format;
mod hooks;
mod pages;
mod route;
mod state;
mod tauri;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
