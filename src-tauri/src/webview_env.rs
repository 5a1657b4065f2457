//! WebKitGTK defaults for a form on an old clinic PC (Linux only).
//!
//! GPU compositing and the DMA-BUF renderer buy a static form nothing, cost about 80 MiB
//! (bench/app.sh: 328 → 247 MiB PSS on the top page), and the DMA-BUF renderer is the
//! usual cause of a blank window with some GPU drivers. Each is only a default: a value IT
//! staff set (e.g. `WEBKIT_DISABLE_COMPOSITING_MODE=0`) is left as it is.

const DEFAULTS: [(&str, &str); 2] = [
    ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
    ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
];

/// Must run first in `main`, before any thread exists: the environment is process-wide.
pub fn apply_defaults() {
    if cfg!(all(unix, not(target_os = "macos"))) {
        for (name, value) in DEFAULTS {
            if std::env::var_os(name).is_none() {
                std::env::set_var(name, value);
            }
        }
    }
}
