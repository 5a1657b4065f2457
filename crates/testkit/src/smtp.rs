//! A real SMTP server (mailin-embedded) on a random loopback port: the portal delivers to
//! it over SMTP exactly as it would to a relay, and tests read what arrived.

use std::net::{Ipv4Addr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mailin_embedded::{response, Handler, Response, Server};

#[derive(Clone, Default)]
struct Catch {
    current: Vec<u8>,
    store: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl Handler for Catch {
    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        _to: &[String],
    ) -> Response {
        self.current.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        if let Ok(mut store) = self.store.lock() {
            store.push(std::mem::take(&mut self.current));
        }
        response::OK
    }
}

/// A message as the recipient reads it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub raw: String,
}

impl Mail {
    /// The first URL in the body that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> String {
        let start = self
            .body
            .find(prefix)
            .unwrap_or_else(|| panic!("no {prefix} link in:\n{}", self.body));
        self.body[start..]
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned()
    }
}

pub struct MailCatcher {
    store: Arc<Mutex<Vec<Vec<u8>>>>,
    pub port: u16,
}

impl MailCatcher {
    pub fn start() -> MailCatcher {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind SMTP catcher");
        let port = listener.local_addr().expect("addr").port();
        let catch = Catch::default();
        let store = catch.store.clone();
        let mut server = Server::new(catch);
        server.with_name("catcher.test").with_tcp_listener(listener);
        std::thread::spawn(move || {
            // Runs until the test process ends.
            let _ = server.serve().map_err(|e| e.to_string());
        });
        MailCatcher { store, port }
    }

    pub fn all(&self) -> Vec<Mail> {
        let raw = self.store.lock().map(|s| s.clone()).unwrap_or_default();
        raw.iter()
            .map(|bytes| {
                let m = mail_parser::MessageParser::default()
                    .parse(bytes)
                    .expect("a parseable message");
                Mail {
                    to: m
                        .to()
                        .and_then(|a| a.first())
                        .and_then(|a| a.address())
                        .unwrap_or_default()
                        .to_owned(),
                    subject: m.subject().unwrap_or_default().to_owned(),
                    body: m
                        .body_text(0)
                        .map(|b| b.replace("\r\n", "\n"))
                        .unwrap_or_default(),
                    raw: String::from_utf8_lossy(bytes).into_owned(),
                }
            })
            .collect()
    }

    /// Waits until `count` messages to `to` have arrived; returns them all.
    pub async fn wait_for(&self, to: &str, count: usize) -> Vec<Mail> {
        let start = Instant::now();
        loop {
            let mails: Vec<Mail> = self.all().into_iter().filter(|m| m.to == to).collect();
            if mails.len() >= count {
                return mails;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "expected {count} mail(s) to {to}, got {}",
                mails.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Asserts that no further mail to `to` arrives within a moment.
    pub async fn assert_no_more(&self, to: &str, expected: usize) {
        // The worker is woken at once after a commit; 1.5 s is many times its latency.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let n = self.all().iter().filter(|m| m.to == to).count();
        assert_eq!(n, expected, "mail to {to}");
    }
}
