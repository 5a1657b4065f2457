use madoguchi_domain::contract::{cmd, Reply};
use madoguchi_domain::ipc::AppInfo;

/// What the footer shows, and what a help desk asks first.
#[tauri::command]
pub fn app_info() -> Reply<cmd::AppInfo> {
    AppInfo {
        name: "Madoguchi".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_the_package_version() {
        assert_eq!(app_info().version, env!("CARGO_PKG_VERSION"));
    }
}
