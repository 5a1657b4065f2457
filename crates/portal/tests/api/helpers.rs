//! A real portal per test: its own database (a SQLite file, or a fresh PostgreSQL
//! database), a real SMTP catcher on loopback, the server on a random loopback port.

use std::net::{Ipv4Addr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use madoguchi_domain::api::{RegistrationAccepted, RegistrationRequest};
use madoguchi_domain::RegistrationForm;
use madoguchi_portal::config::Settings;
use madoguchi_portal::{import, Application};
use mailin_embedded::{response, Handler, Response, Server};
use sqlx::Connection;

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generates one test per backend for each scenario `async fn NAME(backend: Backend)`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread")]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread")]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Postgres).await
                }
            )*
        }
    };
}

// ---- SMTP catcher ------------------------------------------------------------------

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
    fn start() -> MailCatcher {
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

// ---- the portal --------------------------------------------------------------------

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub mail: MailCatcher,
    _dir: tempfile::TempDir,
}

async fn database_url(backend: Backend, dir: &std::path::Path) -> String {
    match backend {
        Backend::Sqlite => format!("sqlite://{}?mode=rwc", dir.join("portal.db").display()),
        Backend::Postgres => {
            let admin = std::env::var("MADOGUCHI_TEST_POSTGRES_URL").unwrap_or_else(|_| {
                panic!(
                    "MADOGUCHI_TEST_POSTGRES_URL is not set: the PostgreSQL tests need a server \
                     (scripts/test.sh starts one); they never skip"
                )
            });
            let name = format!("t_{}", madoguchi_portal::secrets::new_id().expect("random"));
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("connect to PostgreSQL");
            sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create a fresh database");
            let (base, _) = admin.rsplit_once('/').expect("URL with a database name");
            format!("{base}/{name}")
        }
    }
}

/// Generous limits so that scenarios do not trip them; the rate-limit tests lower them.
pub fn test_settings(db: String, smtp_port: u16) -> Settings {
    let mut s = Settings {
        bind: "127.0.0.1:0".parse().expect("addr"),
        database_url: db,
        public_base_url: String::new(),
        ..Settings::default()
    };
    s.mail.smtp_url = Some(format!("smtp://127.0.0.1:{smtp_port}"));
    s.rate_limit.per_address_per_minute = 100_000;
    s.rate_limit.per_address_burst = 10_000;
    s.rate_limit.per_email_per_hour = 10_000;
    s
}

pub async fn spawn_app_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let mail = MailCatcher::start();
    let mut settings = test_settings(database_url(backend, dir.path()).await, mail.port);
    tweak(&mut settings);
    let app = Application::build(settings)
        .await
        .expect("the portal starts");
    let addr = app.local_addr().expect("bound");
    let facilities = madoguchi_portal::demo::FIXED
        .iter()
        .map(|(k, n, name, p, s)| format!("{k},{n},{name},{p},{s}\n"))
        .collect::<String>();
    let csv = format!("kind,number,name,prefecture,status\n{facilities}");
    import::import(app.db(), csv.as_bytes())
        .await
        .expect("facility master imported");
    tokio::spawn(app.run_until_stopped());
    TestApp {
        base: format!("http://{addr}"),
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        mail,
        _dir: dir,
    }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// A valid 柔道整復 form for the manual's example facility, typed as through an IME.
pub fn judo_form(email: &str) -> RegistrationForm {
    RegistrationForm {
        family_name: "基金".into(),
        given_name: "太郎".into(),
        facility_kind: "judo".into(),
        judo_prefix: "契".into(),
        registration_number: "０１２３４５６－７－８".into(),
        phone: "０１２０－１２３－４５６７".into(),
        email: email.into(),
        password: "Sekkotsu2024".into(),
        password_confirmation: "Sekkotsu2024".into(),
        terms_accepted: true,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn post_registration(&self, form: &RegistrationRequest) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/registrations"))
            .json(form)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn register(&self, form: &RegistrationRequest) -> RegistrationAccepted {
        let r = self.post_registration(form).await;
        assert_eq!(r.status(), 202, "{}", r.text().await.unwrap_or_default());
        r.json().await.expect("registration answer")
    }

    pub async fn state_of(&self, receipt: &str) -> String {
        let r = self
            .client
            .get(self.url(&format!("/api/v1/registrations/{receipt}")))
            .send()
            .await
            .expect("sent");
        assert_eq!(r.status(), 200);
        let v: serde_json::Value = r.json().await.expect("json");
        v["state"].as_str().unwrap_or_default().to_owned()
    }

    /// Opens a link from a mail as a browser would (GET), returning status and page.
    pub async fn open(&self, url: &str) -> (u16, String) {
        let r = self.client.get(url).send().await.expect("sent");
        (r.status().as_u16(), r.text().await.unwrap_or_default())
    }

    /// Presses a page's button: POSTs the form with `token` to `path`.
    pub async fn press(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let r = self
            .client
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("sent");
        (r.status().as_u16(), r.text().await.unwrap_or_default())
    }

    /// Register, follow the activation link, press the button: an active account.
    pub async fn registered_account(&self, email: &str) -> RegistrationForm {
        let form = judo_form(email);
        self.register(&form).await;
        let mail = self.mail.wait_for(email, 1).await;
        let link = mail[0].link("http");
        let token = link.split("token=").nth(1).expect("token").to_owned();
        let (status, page) = self.press("/activate", &[("token", &token)]).await;
        assert_eq!(status, 200, "{page}");
        self.mail.wait_for(email, 2).await;
        form
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/sessions"))
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .await
            .expect("sent")
    }
}

pub fn token_of(link: &str) -> String {
    link.split("token=").nth(1).unwrap_or_default().to_owned()
}
