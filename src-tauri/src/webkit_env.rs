//! What the app asks of WebKitGTK and GTK through the environment (Linux only), set before
//! any thread exists and only where the person starting the app has not chosen: an explicit
//! setting always wins, so IT staff can undo each choice.
//!
//! - **Painting on the CPU** (`WEBKIT_SKIA_ENABLE_CPU_RENDERING=1`). WebKitGTK 2.46+ paints
//!   with Skia on the GPU by default; for a form this buys nothing and costs memory: GL
//!   contexts, and on PCs without a usable GPU (Mesa's llvmpipe, as in a virtual machine or
//!   under Xvfb) an LLVM-compiled shader for each new kind of drawing. Compositing stays on,
//!   so WebKit's screenshots and the UI tests still work (turning compositing off does not).
//!   `=0` brings GPU painting back.
//! - **No baseline wasm compiler** (`JSC_useBBQJIT=false`). JavaScriptCore runs the UI's
//!   wasm in its interpreter first and compiles warm functions with its baseline compiler
//!   (BBQ); at start that compiling took the 2 cores from the first render of the UI
//!   (15 ms interpreted against 25-45 ms with BBQ). Hot functions are still compiled by the
//!   optimizing tier (OMG), and JavaScript keeps all its tiers. `=true` brings BBQ back.
//!
//! Figures: README, Figures (memory on the form 313 → 258 MiB PSS, start to the form about
//! a fifth shorter).

use std::ffi::OsStr;

/// WebKit's switch, read by its web process ("0" means GPU painting).
pub const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// JavaScriptCore's switch for its baseline wasm compiler, read by the web process.
pub const WASM_BASELINE: &str = "JSC_useBBQJIT";

/// Painting: on the CPU unless someone chose.
pub fn cpu_rendering_default(current: Option<&OsStr>) -> Option<&'static str> {
    match current {
        Some(_) => None,
        None => Some("1"),
    }
}

/// The baseline wasm compiler: off unless someone chose.
pub fn wasm_baseline_default(current: Option<&OsStr>) -> Option<&'static str> {
    match current {
        Some(_) => None,
        None => Some("false"),
    }
}

/// Sets the app's choices for the window and web process it is about to start. Must run
/// before any other thread exists: the environment is not safe to change while another
/// thread may read it.
pub fn choose() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let var = |name: &str| std::env::var_os(name);
    if let Some(value) = cpu_rendering_default(var(CPU_RENDERING).as_deref()) {
        std::env::set_var(CPU_RENDERING, value);
    }
    if let Some(value) = wasm_baseline_default(var(WASM_BASELINE).as_deref()) {
        std::env::set_var(WASM_BASELINE, value);
    }
}

/// The settings as the app runs with them, for the start-up log.
pub fn chosen() -> [(&'static str, Option<std::ffi::OsString>); 2] {
    [CPU_RENDERING, WASM_BASELINE].map(|name| (name, std::env::var_os(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_painting_is_chosen_only_when_nobody_chose() {
        assert_eq!(cpu_rendering_default(None), Some("1"));
        // IT staff asking for GPU painting keep it; so does an explicit "1".
        assert_eq!(cpu_rendering_default(Some(OsStr::new("0"))), None);
        assert_eq!(cpu_rendering_default(Some(OsStr::new("1"))), None);
    }

    #[test]
    fn the_baseline_wasm_compiler_is_turned_off_only_when_nobody_chose() {
        assert_eq!(wasm_baseline_default(None), Some("false"));
        assert_eq!(wasm_baseline_default(Some(OsStr::new("true"))), None);
    }
}
