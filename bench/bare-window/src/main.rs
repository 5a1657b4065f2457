//! One window, one static page: what Tauri and WebKitGTK cost before any app code.

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("the bare window failed: {e}");
        std::process::exit(1);
    }
}
