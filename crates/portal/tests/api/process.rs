//! The portal as a real process (the `madoguchi-portal` binary), for what only a process
//! shows: its memory, its log, and several of them on one database.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct PortalProcess {
    child: Child,
    pub base: String,
    log: Arc<Mutex<String>>,
}

impl PortalProcess {
    /// Starts `madoguchi-portal serve` on a free loopback port with `env` as its settings
    /// (`MADOGUCHI_PORTAL_*`), and waits until it listens.
    pub fn start(env: &[(&str, String)]) -> PortalProcess {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_madoguchi-portal"));
        cmd.arg("serve")
            .env_clear()
            .env("NO_COLOR", "1")
            .env("RUST_LOG", "info,sqlx=warn")
            .env("MADOGUCHI_PORTAL_BIND", "127.0.0.1:0")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("the portal binary starts");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        for stream in [
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let log = log.clone();
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if let Some(addr) = line
                        .contains("portal listening")
                        .then(|| line.split("addr=").nth(1))
                        .flatten()
                    {
                        let _ = tx.send(addr.split_whitespace().next().unwrap_or("").to_owned());
                    }
                    if let Ok(mut l) = log.lock() {
                        l.push_str(&line);
                        l.push('\n');
                    }
                }
            });
        }
        let addr = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| {
                panic!(
                    "the portal did not start: {}",
                    log.lock().map(|l| l.clone()).unwrap_or_default()
                )
            });
        PortalProcess {
            child,
            base: format!("http://{addr}"),
            log,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Resident memory (VmRSS) in KiB, from /proc.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("/proc status of the portal");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }

    /// Everything the process has logged so far.
    pub fn log(&self) -> String {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Waits until the log holds `needle`.
    pub async fn wait_for_log(&self, needle: &str) {
        let start = Instant::now();
        while !self.log().contains(needle) {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "no {needle:?} in the log:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for PortalProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
