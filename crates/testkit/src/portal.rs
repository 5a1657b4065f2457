//! The real portal server, in-process, on a random loopback port, with its own database
//! (a SQLite file, or a fresh database on the PostgreSQL server the test run started),
//! delivering mail to a [`MailCatcher`], and the demo master's fixed facilities imported.

use madoguchi_portal::config::Settings;
use madoguchi_portal::{demo, import, Application};

use crate::smtp::MailCatcher;

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct RunningPortal {
    pub base: String,
    pub mail: MailCatcher,
    pub server: tokio::task::JoinHandle<()>,
    /// The portal's own database, for what only an admin does (notices, …).
    pub db: madoguchi_portal::db::Db,
    /// Holds the SQLite file; removed when dropped.
    pub data_dir: tempfile::TempDir,
    /// What it was started with, to start it again on the same address and database.
    pub settings: Settings,
}

impl RunningPortal {
    /// Stops serving: the port refuses connections, as with a portal that is down.
    pub async fn stop(&mut self) {
        self.server.abort();
        let _ = (&mut self.server).await;
    }

    /// Serves again on the same address, with the same database and mail catcher.
    pub async fn restart(&mut self) {
        let mut settings = self.settings.clone();
        settings.bind = self
            .base
            .trim_start_matches("http://")
            .parse()
            .expect("the address it had");
        let app = Application::build(settings)
            .await
            .expect("the portal starts again");
        self.server = tokio::spawn(async move {
            let _ = app.run_until_stopped().await;
        });
    }
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
            madoguchi_portal::db::create_database(&admin, &name)
                .await
                .expect("create a fresh database");
            let (base, _) = admin.rsplit_once('/').expect("URL with a database name");
            format!("{base}/{name}")
        }
    }
}

/// Generous limits so that scenarios do not trip them; rate-limit tests lower them.
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
    s.rate_limit.registrations_per_hour = 10_000;
    s.rate_limit.logins_per_hour = 10_000;
    s.rate_limit.resets_per_hour = 10_000;
    s.rate_limit.reset_mails_per_day = 10_000;
    s
}

/// Starts a portal; `tweak` adjusts its settings first.
pub async fn start(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> RunningPortal {
    let dir = tempfile::tempdir().expect("tempdir");
    let mail = MailCatcher::start();
    let mut settings = test_settings(database_url(backend, dir.path()).await, mail.port);
    tweak(&mut settings);
    let app = Application::build(settings.clone())
        .await
        .expect("the portal starts");
    let addr = app.local_addr().expect("bound");
    let facilities: String = demo::FIXED
        .iter()
        .map(|(k, n, name, p, s)| format!("{k},{n},{name},{p},{s}\n"))
        .collect();
    let csv = format!("kind,number,name,prefecture,status\n{facilities}");
    import::import(app.db(), csv.as_bytes())
        .await
        .expect("facility master imported");
    // Lookups answer from memory: the import shows at once, not after the refresh.
    app.facilities()
        .catch_up(app.db(), true)
        .await
        .expect("the master in memory");
    let db = app.db().clone();
    let server = tokio::spawn(async move {
        let _ = app.run_until_stopped().await;
    });
    RunningPortal {
        base: format!("http://{addr}"),
        mail,
        server,
        db,
        data_dir: dir,
        settings,
    }
}

/// How many registrations the portal holds for `email`: the "never two accounts" check.
pub async fn registrations_for(db: &madoguchi_portal::db::Db, email: &str) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT COUNT(*) AS n FROM registrations WHERE email = $1")
        .bind(email)
        .fetch_one(db)
        .await
        .expect("count registrations")
        .try_get("n")
        .expect("a count")
}
