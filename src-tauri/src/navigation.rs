//! The window shows the app's own pages and nothing else: a link or script that tries to
//! load another address (which would then reach the app's commands) is refused.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::Runtime;
use url::Url;

/// Where the UI is served from: `tauri://localhost` (Linux, macOS), `http(s)://tauri.localhost`
/// (Windows), and in a development build the Trunk server of tauri.conf.json's `devUrl`.
pub fn is_own_page(url: &Url, dev: bool) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri", Some("localhost")) => true,
        ("http" | "https", Some("tauri.localhost")) => true,
        ("http", Some("127.0.0.1")) if dev => url.port() == Some(1420),
        _ => false,
    }
}

pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|_, url| {
            let allowed = is_own_page(url, tauri::is_dev());
            if !allowed {
                tracing::warn!(scheme = url.scheme(), host = ?url.host_str(), "navigation refused");
            }
            allowed
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::is_own_page;

    fn own(url: &str, dev: bool) -> bool {
        is_own_page(&url::Url::parse(url).expect("url"), dev)
    }

    #[test]
    fn only_the_apps_own_pages_load() {
        assert!(own("tauri://localhost/index.html#/register", false));
        assert!(own("http://tauri.localhost/", false));
        assert!(own("https://tauri.localhost/#/login", false));
        assert!(own("http://127.0.0.1:1420/", true));
        assert!(
            !own("http://127.0.0.1:1420/", false),
            "the dev server only in development"
        );
        assert!(!own("https://portal.example.jp/", false));
        assert!(
            !own("http://127.0.0.1:8080/", true),
            "not even the local portal"
        );
        assert!(!own("file:///etc/passwd", false));
        assert!(!own("tauri://evil.example/", false));
    }
}
