use serde::Serialize;

/// What the footer shows, and what a help desk asks first.
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    pub name: &'static str,
    pub version: &'static str,
}

#[tauri::command]
pub fn app_info() -> AppInfo {
    AppInfo {
        name: "Madoguchi",
        version: env!("CARGO_PKG_VERSION"),
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
