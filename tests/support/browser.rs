//! A real browser for the portal's own pages (what a clinic opens from its mail): Debian's
//! Chromium, headless, driven over WebDriver by chromedriver. Nothing here skips: a missing
//! browser or driver is a failure with the reason.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::app::{bounded, save_screenshot};
use crate::process::{find_executable, free_port, wait_for_port, ChildGuard, HarnessError};

pub struct BrowserSession {
    pub client: Client,
    _driver: ChildGuard,
    _profile: tempfile::TempDir,
}

impl BrowserSession {
    /// Headless Chromium at 1366×768, with a fresh profile and no background traffic.
    pub async fn launch() -> Result<BrowserSession, HarnessError> {
        let driver_bin = find_executable("chromedriver").ok_or_else(|| {
            HarnessError::Missing("chromedriver: apt-get install chromium-driver".into())
        })?;
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .into_iter()
            .map(PathBuf::from)
            .find(|p| p.is_file())
            .ok_or_else(|| HarnessError::Missing("chromium: apt-get install chromium".into()))?;
        let profile = tempfile::tempdir()?;
        let port = free_port()?;
        let mut driver = ChildGuard::spawn(
            "chromedriver",
            Command::new(driver_bin)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )?;
        wait_for_port(&mut driver, port, Duration::from_secs(15))?;
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "chrome".into());
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": chromium.display().to_string(),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1366,768",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps);
        let client = tokio::time::timeout(Duration::from_secs(60), builder.connect(&url))
            .await
            .map_err(|_| HarnessError::Session("no Chromium session within 60 s".into()))?
            .map_err(|e| HarnessError::Session(e.to_string()))?;
        Ok(BrowserSession {
            client,
            _driver: driver,
            _profile: profile,
        })
    }

    pub async fn open(&self, url: &str) -> Result<(), HarnessError> {
        bounded(url, self.client.goto(url)).await
    }

    pub async fn text_of(&self, css: &str) -> Result<String, HarnessError> {
        let e = bounded(
            css,
            self.client
                .wait()
                .at_most(Duration::from_secs(10))
                .for_element(Locator::Css(css)),
        )
        .await?;
        bounded(css, e.text()).await
    }

    pub async fn click(&self, css: &str) -> Result<(), HarnessError> {
        let e = bounded(css, self.client.find(Locator::Css(css))).await?;
        bounded(css, e.click()).await
    }

    pub async fn type_into(&self, css: &str, text: &str) -> Result<(), HarnessError> {
        let e = bounded(css, self.client.find(Locator::Css(css))).await?;
        bounded(css, e.send_keys(text)).await
    }

    /// A computed CSS property: proves the page's style was allowed by its CSP.
    pub async fn style_of(&self, css: &str, property: &str) -> Result<String, HarnessError> {
        let v = bounded(
            css,
            self.client.execute(
                "return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1]);",
                vec![css.into(), property.into()],
            ),
        )
        .await?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    /// Saves the page as `target/screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf, HarnessError> {
        let png = bounded("screenshot", self.client.screenshot()).await?;
        save_screenshot(name, &png)
    }

    pub async fn close(self) -> Result<(), HarnessError> {
        bounded("close", self.client.close()).await
    }
}
