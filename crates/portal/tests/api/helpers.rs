//! A real portal per test (crates/testkit): its own database (a SQLite file, or a fresh
//! PostgreSQL database), a real SMTP catcher on loopback, the server on a random port.

use madoguchi_domain::api::{RegistrationAccepted, RegistrationRequest};
use madoguchi_domain::RegistrationForm;
use madoguchi_portal::config::Settings;

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

pub use madoguchi_testkit::portal::Backend;
use madoguchi_testkit::portal::{self, RunningPortal};
pub use madoguchi_testkit::smtp::MailCatcher;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub mail: MailCatcher,
    pub db: madoguchi_portal::db::Db,
    pub backend: Backend,
    /// Holds the SQLite file (`portal.db`).
    pub data_dir: tempfile::TempDir,
}

pub async fn spawn_app_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> TestApp {
    let RunningPortal {
        base,
        mail,
        data_dir,
        db,
        ..
    } = portal::start(backend, tweak).await;
    TestApp {
        base,
        client: madoguchi_testkit::http::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        mail,
        db,
        backend,
        data_dir,
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

/// A client whose connections come from `ip` (any 127.0.0.0/8 address is this machine):
/// another household as far as the portal can tell.
pub fn client_from(ip: &str) -> reqwest::Client {
    madoguchi_testkit::http::builder()
        .local_address(Some(ip.parse().expect("an address")))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

impl TestApp {
    /// A login attempt sent by `client`.
    pub async fn login_with(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        client
            .post(self.url("/api/v1/sessions"))
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .await
            .expect("sent")
    }

    /// The status `GET /api/v1/sessions/current` answers for a login's answer `session`.
    pub async fn session_status(&self, session: &serde_json::Value) -> u16 {
        self.client
            .get(self.url("/api/v1/sessions/current"))
            .bearer_auth(session["session_token"].as_str().unwrap_or_default())
            .send()
            .await
            .expect("sent")
            .status()
            .as_u16()
    }

    /// A password reset request sent by `client`.
    pub async fn ask_reset_with(&self, client: &reqwest::Client, email: &str) -> reqwest::Response {
        client
            .post(self.url("/api/v1/password-resets"))
            .json(&serde_json::json!({ "email": email }))
            .send()
            .await
            .expect("sent")
    }

    /// Follows the newest reset mail to `email` (the `n`-th) and sets `password`.
    pub async fn complete_reset(&self, email: &str, n: usize, password: &str) {
        let mails = self.mail.wait_for(email, n).await;
        let link = mails[n - 1].link(&format!("{}/reset-password?token=", self.base));
        let token = token_of(&link);
        let (status, page) = self
            .press(
                "/reset-password",
                &[
                    ("token", token.as_str()),
                    ("password", password),
                    ("password_confirmation", password),
                ],
            )
            .await;
        assert_eq!(status, 200, "{page}");
    }

    /// GET `path` and its JSON body.
    pub async fn get_json(&self, path: &str) -> serde_json::Value {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("json")
    }

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
