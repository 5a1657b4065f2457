//! The real desktop app under WebDriver: tauri-driver in front of WebKitWebDriver, the app
//! binary built with the embedded UI, its own config folder, on the display of Xvfb.
//!
//! Nothing here skips: a missing display, driver or binary is a failure with the reason.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::process::{
    find_executable, free_port, wait_for_port, workspace_root, ChildGuard, HarnessError,
};

/// A running app with a WebDriver session on its main window.
pub struct AppSession {
    pub client: Client,
    _driver: ChildGuard,
    _config_home: tempfile::TempDir,
}

/// The app binary under test: `MADOGUCHI_APP_BIN`, or the debug build of the workspace.
pub fn app_binary() -> PathBuf {
    std::env::var_os("MADOGUCHI_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/madoguchi"))
}

fn require(condition: bool, what: &str) -> Result<(), HarnessError> {
    if condition {
        Ok(())
    } else {
        Err(HarnessError::Missing(what.to_owned()))
    }
}

impl AppSession {
    pub async fn launch() -> Result<AppSession, HarnessError> {
        require(
            std::env::var_os("DISPLAY").is_some(),
            "no DISPLAY: run the UI tests under Xvfb (scripts/test.sh does)",
        )?;
        let app = app_binary();
        require(
            app.is_file(),
            &format!(
                "{} does not exist: build it with scripts/build-app.sh",
                app.display()
            ),
        )?;
        let tauri_driver = find_executable("tauri-driver")
            .ok_or_else(|| HarnessError::Missing("tauri-driver: run scripts/setup.sh".into()))?;
        let native = find_executable("WebKitWebDriver").ok_or_else(|| {
            HarnessError::Missing("WebKitWebDriver: apt-get install webkit2gtk-driver".into())
        })?;

        // Each session gets its own config folder: the app keeps its data there.
        let config_home = tempfile::tempdir()?;
        let port = free_port()?;
        let native_port = free_port()?;
        let mut driver = ChildGuard::spawn(
            "tauri-driver",
            Command::new(tauri_driver)
                .args(["--port", &port.to_string()])
                .args(["--native-port", &native_port.to_string()])
                .arg("--native-driver")
                .arg(&native)
                .env("XDG_CONFIG_HOME", config_home.path())
                .env("XDG_DATA_HOME", config_home.path())
                .stdout(Stdio::null())
                .stderr(Stdio::inherit()),
        )?;
        wait_for_port(&mut driver, port, Duration::from_secs(15))?;

        let client = connect(port, &app).await?;
        Ok(AppSession {
            client,
            _driver: driver,
            _config_home: config_home,
        })
    }

    /// Saves what the window shows now as `target/screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf, HarnessError> {
        let png = self
            .client
            .screenshot()
            .await
            .map_err(|e| HarnessError::Session(e.to_string()))?;
        let dir = workspace_root().join("target/screenshots");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// The visible text of the first element matching `css`, once it exists.
    pub async fn text_of(&self, css: &str) -> Result<String, HarnessError> {
        let element = self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| HarnessError::Session(format!("{css}: {e}")))?;
        element
            .text()
            .await
            .map_err(|e| HarnessError::Session(format!("{css}: {e}")))
    }

    pub async fn close(self) -> Result<(), HarnessError> {
        self.client
            .close()
            .await
            .map_err(|e| HarnessError::Session(e.to_string()))
    }
}

async fn connect(port: u16, app: &Path) -> Result<Client, HarnessError> {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": app.display().to_string() }),
    );
    ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .map_err(|e| HarnessError::Session(e.to_string()))
}
