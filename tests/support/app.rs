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
    /// When the WebDriver session (and so the app) was asked for.
    pub started_at: std::time::Instant,
    driver: ChildGuard,
    config_home: tempfile::TempDir,
}

/// The app binary under test: `MADOGUCHI_APP_BIN`, or the debug build of the workspace.
pub fn app_binary() -> PathBuf {
    std::env::var_os("MADOGUCHI_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let name = format!("madoguchi{}", std::env::consts::EXE_SUFFIX);
            workspace_root().join("target/debug").join(name)
        })
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
        AppSession::launch_with(&[]).await
    }

    /// Starts the app with extra environment (e.g. `MADOGUCHI_PORTAL_URL`), which
    /// tauri-driver and WebKitWebDriver pass on to it.
    pub async fn launch_with(env: &[(&str, String)]) -> Result<AppSession, HarnessError> {
        AppSession::launch_binary(&app_binary(), env).await
    }

    /// Starts another Tauri binary the same way (bench/app.sh's bare window).
    pub async fn launch_binary(
        app: &Path,
        env: &[(&str, String)],
    ) -> Result<AppSession, HarnessError> {
        // Windows has its desktop; elsewhere a display must be there (Xvfb in the tests).
        require(
            cfg!(windows) || std::env::var_os("DISPLAY").is_some(),
            "no DISPLAY: run the UI tests under Xvfb (scripts/test.sh does)",
        )?;
        let app = app.to_path_buf();
        require(
            app.is_file(),
            &format!(
                "{} does not exist: build it with scripts/build-app.sh",
                app.display()
            ),
        )?;
        let tauri_driver = find_executable("tauri-driver")
            .ok_or_else(|| HarnessError::Missing("tauri-driver: run scripts/setup.sh".into()))?;
        // The platform's own driver: WebKitWebDriver, or msedgedriver for WebView2.
        let (driver_name, install) = if cfg!(windows) {
            (
                "msedgedriver",
                "msedgedriver matching the installed Edge, on PATH",
            )
        } else {
            ("WebKitWebDriver", "apt-get install webkit2gtk-driver")
        };
        let native = find_executable(driver_name)
            .ok_or_else(|| HarnessError::Missing(format!("{driver_name}: {install}")))?;

        // A port found free can be taken by another process's outgoing connection before
        // tauri-driver binds it; then the session request reaches a stranger. Start again
        // on fresh ports, with a fresh config folder: an app of the failed attempt that
        // outlived its driver would otherwise own that folder's single-instance name.
        let mut attempt = 0;
        loop {
            attempt += 1;
            // Each session gets its own config folder: the app keeps its data there.
            let config_home = tempfile::tempdir()?;
            match Self::start_session(env, &app, &tauri_driver, &native, &config_home).await {
                // Two tests can also be handed the same "free" port; whatever went wrong,
                // the next attempt starts from scratch. Only a missing tool is final.
                Err(e) if attempt < 3 && !matches!(e, HarnessError::Missing(_)) => {
                    eprintln!("WebDriver session not created ({e}); retrying on other ports");
                }
                Ok((client, driver, started_at)) => {
                    return Ok(AppSession {
                        client,
                        started_at,
                        driver,
                        config_home,
                    })
                }
                Err(e) => return Err(e),
            }
        }
    }

    async fn start_session(
        env: &[(&str, String)],
        app: &Path,
        tauri_driver: &Path,
        native: &Path,
        config_home: &tempfile::TempDir,
    ) -> Result<(Client, ChildGuard, std::time::Instant), HarnessError> {
        let port = free_port()?;
        let native_port = free_port()?;
        let mut driver = ChildGuard::spawn(
            "tauri-driver",
            Command::new(tauri_driver)
                .args(["--port", &port.to_string()])
                .args(["--native-port", &native_port.to_string()])
                .arg("--native-driver")
                .arg(native)
                .env("XDG_CONFIG_HOME", config_home.path())
                .env("XDG_DATA_HOME", config_home.path())
                .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
                .stdout(Stdio::null())
                .stderr(Stdio::inherit()),
        )?;
        wait_for_port(&mut driver, port, Duration::from_secs(15))?;
        // tauri-driver listens at once but forwards to WebKitWebDriver, which starts later;
        // a request before that is dropped.
        wait_for_port(&mut driver, native_port, Duration::from_secs(15))?;

        let started_at = std::time::Instant::now();
        // A session that never comes must fail the test in bounded time, not hang CI.
        match tokio::time::timeout(SESSION_TIMEOUT, connect(port, app)).await {
            Ok(Ok(client)) => Ok((client, driver, started_at)),
            Ok(Err(e)) => {
                report_processes(&driver);
                Err(e)
            }
            Err(_) => {
                report_processes(&driver);
                Err(HarnessError::Session(format!(
                    "no session within {} s",
                    SESSION_TIMEOUT.as_secs()
                )))
            }
        }
    }

    /// Saves what the window shows now as `target/screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf, HarnessError> {
        // The DOM can be ahead of the pixels: give WebKit a moment to paint. (A wait for
        // requestAnimationFrame can block for ever when WebKit runs no frame.)
        tokio::time::sleep(Duration::from_millis(200)).await;
        let png = bounded("screenshot", self.client.screenshot()).await?;
        save_screenshot(name, &png)
    }

    /// The visible text of the first element matching `css`, once it exists.
    pub async fn text_of(&self, css: &str) -> Result<String, HarnessError> {
        let element = self.element(css).await?;
        bounded(css, element.text()).await
    }

    /// The visible text of `css` if it is on screen now (no waiting).
    pub async fn text_of_now(&self, css: &str) -> Result<String, HarnessError> {
        let element = bounded(css, self.client.find(Locator::Css(css))).await?;
        bounded(css, element.text()).await
    }

    /// Where this app instance keeps its files (its XDG config and data home).
    pub fn config_home(&self) -> &Path {
        self.config_home.path()
    }

    /// The first element matching `css`, waiting up to 10 s for it to exist.
    pub async fn element(&self, css: &str) -> Result<fantoccini::elements::Element, HarnessError> {
        bounded(
            css,
            self.client
                .wait()
                .at_most(Duration::from_secs(10))
                .for_element(Locator::Css(css)),
        )
        .await
    }

    /// [`Self::element`], asking every `period` instead of fantoccini's 250 ms: for timing,
    /// where the poll's period would otherwise be measured instead of the window.
    pub async fn element_every(
        &self,
        css: &str,
        period: Duration,
    ) -> Result<fantoccini::elements::Element, HarnessError> {
        bounded(
            css,
            self.client
                .wait()
                .at_most(Duration::from_secs(10))
                .every(period)
                .for_element(Locator::Css(css)),
        )
        .await
    }

    pub async fn click(&self, css: &str) -> Result<(), HarnessError> {
        let element = self.element(css).await?;
        bounded(css, element.click()).await
    }

    /// Types into a field. ASCII goes through real key events. Other text (full-width
    /// digits, kanji) arrives as an IME delivers it, one committed `input` event: WebDriver
    /// cannot drive an IME's composition.
    pub async fn type_into(&self, css: &str, text: &str) -> Result<(), HarnessError> {
        let element = self.element(css).await?;
        if text.is_ascii() {
            bounded(css, element.send_keys(text)).await
        } else {
            let arg =
                serde_json::to_value(&element).map_err(|e| HarnessError::Session(e.to_string()))?;
            bounded(
                css,
                self.client.execute(
                    "const el = arguments[0]; el.focus(); el.value = el.value + arguments[1]; \
                     el.dispatchEvent(new InputEvent('input', { bubbles: true, data: arguments[1], inputType: 'insertText' }));",
                    vec![arg, serde_json::Value::String(text.to_owned())],
                ),
            )
            .await
            .map(|_| ())
        }
    }

    /// Chooses `path` in a file input, as its dialog would (any file name, 日本語 too).
    pub async fn choose_file(&self, css: &str, path: &Path) -> Result<(), HarnessError> {
        let element = self.element(css).await?;
        bounded(css, element.send_keys(&path.display().to_string())).await
    }

    /// The `value` property of an input (what it shows now).
    pub async fn value_of(&self, css: &str) -> Result<String, HarnessError> {
        let element = self.element(css).await?;
        Ok(bounded(css, element.prop("value"))
            .await?
            .unwrap_or_default())
    }

    /// Waits until `css` exists and its text contains `needle`; returns the text.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> Result<String, HarnessError> {
        self.wait_until(css, needle, false).await
    }

    /// Waits until the input `css` has a value containing `needle`.
    pub async fn wait_for_value(&self, css: &str, needle: &str) -> Result<String, HarnessError> {
        self.wait_until(css, needle, true).await
    }

    async fn wait_until(
        &self,
        css: &str,
        needle: &str,
        value: bool,
    ) -> Result<String, HarnessError> {
        let start = std::time::Instant::now();
        let mut last = String::new();
        while start.elapsed() < Duration::from_secs(15) {
            // Not found yet is normal here; a WebDriver that stopped answering is not.
            if let Ok(el) = bounded(css, self.client.find(Locator::Css(css))).await {
                last = if value {
                    bounded(css, el.prop("value"))
                        .await
                        .ok()
                        .flatten()
                        .unwrap_or_default()
                } else {
                    bounded(css, el.text()).await.unwrap_or_default()
                };
                if last.contains(needle) {
                    return Ok(last);
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(HarnessError::Session(format!(
            "{css} never showed {needle:?}; last: {last:?}"
        )))
    }

    /// Waits until nothing on screen matches `css`.
    pub async fn wait_gone(&self, css: &str) -> Result<(), HarnessError> {
        let start = std::time::Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            match within(css, self.client.find(Locator::Css(css))).await? {
                Err(e) if e.is_no_such_element() => return Ok(()),
                // Re-rendered while WebKit looked it up (a countdown changes every second):
                // neither shown nor gone yet, so look again.
                Err(e) if e.is_stale_element_reference() => {}
                Ok(_) => {}
                // Any other failure is not "gone": it must not pass the test.
                Err(e) => return Err(HarnessError::Session(format!("{css}: {e}"))),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(HarnessError::Session(format!("{css} is still shown")))
    }

    /// The id of the element that has the keyboard focus.
    pub async fn focused_id(&self) -> Result<String, HarnessError> {
        let v = bounded(
            "activeElement",
            self.client.execute(
                "return document.activeElement ? document.activeElement.id : '';",
                vec![],
            ),
        )
        .await?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }
    /// Runs `script` in the window (an async script when it calls `arguments[last]`).
    pub async fn execute(
        &self,
        script: &str,
        args: Vec<serde_json::Value>,
    ) -> Result<serde_json::Value, HarnessError> {
        bounded("script", self.client.execute(script, args)).await
    }

    pub async fn execute_async(
        &self,
        script: &str,
        args: Vec<serde_json::Value>,
    ) -> Result<serde_json::Value, HarnessError> {
        bounded("async script", self.client.execute_async(script, args)).await
    }

    /// Resizes the window's outer frame; with no window manager under Xvfb, that is the
    /// web view's size.
    pub async fn set_size(&self, width: u32, height: u32) -> Result<(), HarnessError> {
        bounded("window size", self.client.set_window_size(width, height)).await
    }

    pub async fn close(self) -> Result<(), HarnessError> {
        match tokio::time::timeout(SESSION_TIMEOUT, self.client.close()).await {
            Ok(result) => result.map_err(|e| HarnessError::Session(e.to_string())),
            Err(_) => {
                report_processes(&self.driver);
                Err(HarnessError::Session(format!(
                    "the session did not close within {} s",
                    SESSION_TIMEOUT.as_secs()
                )))
            }
        }
    }
}

/// How long the app may take to open its window under WebDriver (a cold start takes under
/// a second here; two at once on a loaded CI machine, a few). An app that died at start
/// leaves WebKitWebDriver waiting for ever: this bounds the wait before the next attempt.
const SESSION_TIMEOUT: Duration = Duration::from_secs(30);

/// Writes `target/screenshots/<name>.png`.
pub(crate) fn save_screenshot(name: &str, png: &[u8]) -> Result<PathBuf, HarnessError> {
    let dir = workspace_root().join("target/screenshots");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png)?;
    Ok(path)
}

/// How long one WebDriver exchange may take (the longest, an element wait, is 10 s).
/// WebKitWebDriver can stop answering: a test must then fail, never hang CI.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// One exchange, bounded; the WebDriver answer is left to the caller to judge.
async fn within<T>(
    what: &str,
    exchange: impl std::future::Future<Output = Result<T, fantoccini::error::CmdError>>,
) -> Result<Result<T, fantoccini::error::CmdError>, HarnessError> {
    tokio::time::timeout(COMMAND_TIMEOUT, exchange)
        .await
        .map_err(|_| {
            HarnessError::Session(format!(
                "{what}: WebDriver did not answer within {} s",
                COMMAND_TIMEOUT.as_secs()
            ))
        })
}

/// One exchange, bounded, any WebDriver error a failure.
pub(crate) async fn bounded<T>(
    what: &str,
    exchange: impl std::future::Future<Output = Result<T, fantoccini::error::CmdError>>,
) -> Result<T, HarnessError> {
    within(what, exchange)
        .await?
        .map_err(|e| HarnessError::Session(format!("{what}: {e}")))
}

/// Prints what the driver's process group is doing, so a CI log shows where it stuck.
fn report_processes(driver: &ChildGuard) {
    let group = driver.id().to_string();
    match Command::new("ps")
        .args(["-eo", "pgid=,pid=,ppid=,etimes=,stat=,wchan:24=,args="])
        .output()
    {
        Ok(out) => {
            eprintln!(
                "processes of the WebDriver group {group} (pgid pid ppid secs stat wchan args):"
            );
            for line in String::from_utf8_lossy(&out.stdout).lines() {
                if line.split_whitespace().next() == Some(group.as_str()) {
                    eprintln!("  {line}");
                }
            }
        }
        Err(e) => eprintln!("ps failed: {e}"),
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
