//! Builds the server from settings; binding port 0 gives tests a free port.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::response::Response;
use madoguchi_domain::api::Problem;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

use crate::config::Settings;
use crate::db::{self, Db};
use crate::facility_index::FacilityIndex;
use crate::mail::armed::ArmedLinks;
use crate::mail::{worker, MailError, Mailer};
use crate::problem::problem_response;
use crate::rate_limit::Limits;
use crate::routes::{router, AppState, Shared};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error("mail: {0}")]
    Mail(#[from] MailError),
    #[error("cannot listen: {0}")]
    Listen(#[from] std::io::Error),
    #[error("facility master: {0}")]
    Master(#[from] sqlx::Error),
}

pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    db: Db,
    facilities: Arc<FacilityIndex>,
}

/// A panic becomes a 500 problem document; its message stays out of the answer.
fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    problem_response(&Problem {
        kind: "about:blank".into(),
        title: "サーバーで問題が発生しました。".into(),
        status: 500,
        detail: None,
        errors: Vec::new(),
    })
}

impl Application {
    pub async fn build(mut settings: Settings) -> Result<Application, StartError> {
        let db = db::connect(&settings.database_url).await?;
        let mailer = Arc::new(Mailer::new(&settings.mail)?);
        let listener = TcpListener::bind(settings.bind).await?;
        if settings.public_base_url.is_empty() {
            // Unset: links point at the bound address (what tests with port 0 need).
            settings.public_base_url = format!("http://{}", listener.local_addr()?);
        }
        let settings = Arc::new(settings);
        let mail_wake = Arc::new(Notify::new());
        let armed = Arc::new(ArmedLinks::default());
        tokio::spawn(worker::run(
            db.clone(),
            mailer,
            settings.clone(),
            mail_wake.clone(),
            armed.clone(),
        ));
        tokio::spawn(purge_now_and_then(db.clone(), settings.clone()));

        let limits = Arc::new(Limits::new(&settings.rate_limit));
        let shrink = limits.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(60)).await;
                shrink.shrink();
            }
        });

        let body_limit = settings.max_body_bytes;
        let facilities = Arc::new(FacilityIndex::new(Duration::from_millis(
            settings.lookup_refresh_ms,
        )));
        // Loaded before the first request, so that no lookup waits for it.
        facilities.catch_up(&db, true).await?;
        tracing::info!(facilities = facilities.len(), "facility master in memory");
        let state = AppState::new(Shared {
            db: db.clone(),
            settings,
            limits,
            mail_wake,
            facilities: facilities.clone(),
            armed,
        });
        let router = router(state)
            .layer(DefaultBodyLimit::max(body_limit))
            .layer(CatchPanicLayer::custom(panic_response))
            // Spans name the route, never the URI: a query string can hold a token.
            .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
                let route = req
                    .extensions()
                    .get::<MatchedPath>()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_else(|| "unmatched".into());
                tracing::info_span!("request", method = %req.method(), route)
            }));
        Ok(Application {
            listener,
            router,
            db,
            facilities,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The master in memory: an import made in this process can be applied at once.
    pub fn facilities(&self) -> &FacilityIndex {
        &self.facilities
    }

    /// Serves until Ctrl-C or SIGTERM.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await
    }
}

/// Retention (README, "What the portal keeps"): at start, then every `purge_every_secs`.
async fn purge_now_and_then(db: Db, settings: Arc<Settings>) {
    let every = Duration::from_secs(settings.retention.purge_every_secs.max(1));
    loop {
        match db::purge::run(&db, db::now(), &settings.retention).await {
            Ok(purged) => tracing::info!(?purged, "purged what is no longer needed"),
            Err(e) => tracing::error!(error = %e, "purge failed"),
        }
        tokio::time::sleep(every).await;
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutting down");
}
