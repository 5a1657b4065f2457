//! How WebKitGTK paints the window (Linux only): on the CPU unless the person starting the
//! app says otherwise.
//!
//! WebKitGTK 2.46+ paints with Skia on the GPU by default. For a form this buys nothing and
//! costs memory: GL contexts, and on PCs without a usable GPU (Mesa's llvmpipe, as in a
//! virtual machine or under Xvfb) an LLVM-compiled shader for each new kind of drawing.
//! Painting on the CPU keeps compositing on (WebKit's screenshots and the UI tests still
//! work; turning compositing off does not) and took the app's memory on its form from
//! 347 to 313 MiB PSS, with the same start (README, Figures). IT staff can ask for GPU
//! painting back with `WEBKIT_SKIA_ENABLE_CPU_RENDERING=0`.

use std::ffi::OsStr;

/// WebKit's switch, read by its web process ("0" means GPU painting).
pub const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// The value to set, given what the environment already holds: none when someone chose.
pub fn cpu_rendering_default(current: Option<&OsStr>) -> Option<&'static str> {
    match current {
        Some(_) => None,
        None => Some("1"),
    }
}

/// Chooses CPU painting for the web process the app is about to start, unless the
/// environment already decides. Must run before any other thread exists: the environment
/// is not safe to change while another thread may read it.
pub fn prefer_cpu() {
    if cfg!(target_os = "linux") {
        if let Some(value) = cpu_rendering_default(std::env::var_os(CPU_RENDERING).as_deref()) {
            std::env::set_var(CPU_RENDERING, value);
        }
    }
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
}
