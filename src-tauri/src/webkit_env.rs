//! What the app asks of WebKitGTK through the environment (Linux only), set before
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
//!   (12-17 ms interpreted against 20-50 ms with BBQ). Hot functions are still compiled by the
//!   optimizing tier (OMG), and JavaScript keeps all its tiers. `=true` brings BBQ back.
//!
//! Figures: README, Figures (CPU painting: memory on the form 347 → 313 MiB PSS; no BBQ:
//! start 1.41-1.45× → 1.33-1.35× the bare window's, memory 313 → 309 MiB).

use std::ffi::OsStr;

/// WebKit's switch, read by its web process ("0" means GPU painting).
pub const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// JavaScriptCore's switch for its baseline wasm compiler, read by the web process.
pub const WASM_BASELINE: &str = "JSC_useBBQJIT";

/// The app's choices: each variable and the value it prefers.
const CHOICES: [(&str, &str); 2] = [(CPU_RENDERING, "1"), (WASM_BASELINE, "false")];

/// The value to set, given what the environment already holds: none when someone chose.
pub fn unless_chosen(current: Option<&OsStr>, preferred: &'static str) -> Option<&'static str> {
    match current {
        Some(_) => None,
        None => Some(preferred),
    }
}

/// Sets the app's choices for the window and web process it is about to start. Must run
/// before any other thread exists: the environment is not safe to change while another
/// thread may read it.
pub fn choose() {
    if !cfg!(target_os = "linux") {
        return;
    }
    for (name, preferred) in CHOICES {
        if let Some(value) = unless_chosen(std::env::var_os(name).as_deref(), preferred) {
            std::env::set_var(name, value);
        }
    }
}

/// The settings as the app runs with them, for the start-up log.
pub fn chosen() -> [(&'static str, Option<std::ffi::OsString>); 2] {
    CHOICES.map(|(name, _)| (name, std::env::var_os(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_painting_is_chosen_only_when_nobody_chose() {
        assert_eq!(unless_chosen(None, "1"), Some("1"));
        // IT staff asking for GPU painting keep it; so does an explicit "1".
        assert_eq!(unless_chosen(Some(OsStr::new("0")), "1"), None);
        assert_eq!(unless_chosen(Some(OsStr::new("1")), "1"), None);
    }

    #[test]
    fn the_baseline_wasm_compiler_is_turned_off_only_when_nobody_chose() {
        assert_eq!(unless_chosen(None, "false"), Some("false"));
        assert_eq!(unless_chosen(Some(OsStr::new("true")), "false"), None);
    }
}
