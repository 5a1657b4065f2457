//! The outbox: queued registrations are sent when the portal answers, each with the
//! idempotency key fixed when it was queued, so that however the app or the network fails
//! (a crash mid-request, an answer lost on the way back) the portal makes one account.

use std::sync::Arc;
use std::time::Duration;

use madoguchi_domain::contract::AppEvent;
use madoguchi_domain::draft_lifecycle::DraftEvent;
use madoguchi_domain::ipc::DraftState;
use madoguchi_domain::{FieldError, Registration};
use sqlx::sqlite::SqlitePool;
use tokio::sync::Notify;

use crate::credentials::nonblocking as credentials;
use crate::events::Emit;
use crate::portal_client::{ClientError, PortalClient};
use crate::store::drafts::{self, Due};
use crate::store::{now, StoreError};

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    Sent {
        receipt: String,
        email: String,
    },
    Returned(Vec<FieldError>),
    /// Not sent; tried again by itself from `next_at` (unix seconds).
    Retry {
        message: String,
        next_at: i64,
        reachable: bool,
    },
}

impl Attempt {
    /// What the window is told of it.
    pub fn event(&self, draft_id: &str) -> AppEvent {
        let state = match self {
            Attempt::Sent { .. } => DraftState::Sent,
            Attempt::Returned(_) => DraftState::Returned,
            Attempt::Retry { .. } => DraftState::Queued,
        };
        AppEvent::DraftChanged {
            id: draft_id.to_owned(),
            state,
        }
    }
}

/// Seconds before attempt `n + 1` after `n` failures: doubling up to five minutes, with
/// ±50 % jitter so that many PCs coming back online together do not arrive together.
pub fn backoff(failures: i64) -> i64 {
    let base = 1_i64 << failures.clamp(0, 8).min(8);
    let base = base.min(300) as f64;
    let jittered = base * (0.5 + fastrand::f64());
    (jittered.round() as i64).max(1)
}

fn transient(e: &ClientError) -> Option<(String, bool, Option<u64>)> {
    match e {
        ClientError::Unreachable(_) => Some((
            "ポータルに接続できません。接続が戻ると自動で送信します。".into(),
            false,
            None,
        )),
        ClientError::Timeout => Some((
            "ポータルから応答がありません。自動で再送します。".into(),
            false,
            None,
        )),
        ClientError::RateLimited(s) => Some((
            format!("ポータルが混み合っています。{s}秒後に自動で再送します。"),
            true,
            Some(*s),
        )),
        ClientError::Server(code) => Some((
            format!("ポータルで問題が発生しました（{code}）。自動で再送します。"),
            true,
            None,
        )),
        ClientError::Protocol(_) => Some((
            "ポータルから想定外の応答がありました。自動で再送します。".into(),
            true,
            None,
        )),
        ClientError::Invalid(_) | ClientError::NotFound(_) | ClientError::Unauthorized(_) => None,
    }
}

/// Sends one queued draft once and records the outcome.
pub async fn attempt(
    pool: &SqlitePool,
    client: &PortalClient,
    due: &Due,
) -> Result<Attempt, StoreError> {
    let password = match credentials::outbox_password(&due.id).await {
        Ok(Some(p)) => p,
        Ok(None) => {
            let message = "保存されていたパスワードが見つかりません。パスワードを入力し直して、もう一度送信してください。";
            drafts::mark_returned(pool, &due.id, &[], message).await?;
            return Ok(Attempt::Returned(Vec::new()));
        }
        Err(e) => {
            let message = format!("{e}");
            let next_at = now() + backoff(due.attempts);
            drafts::mark_retry(pool, &due.id, &message, next_at).await?;
            return Ok(Attempt::Retry {
                message,
                next_at,
                reachable: true,
            });
        }
    };
    let form = due.fields.with_password(&password);
    // The rule set judges it again: a draft may have been written by an older version.
    if let Err(errors) = Registration::parse(&form) {
        drafts::mark_returned(pool, &due.id, &errors, "入力内容に誤りがあります。").await?;
        return Ok(Attempt::Returned(errors));
    }
    match client
        .register(&form.normalized(), &due.idempotency_key)
        .await
    {
        Ok(accepted) => {
            drafts::mark_sent(pool, &due.id, &accepted.receipt, &accepted.email).await?;
            release(pool, &due.id).await;
            tracing::info!("queued registration accepted by the portal");
            Ok(Attempt::Sent {
                receipt: accepted.receipt,
                email: accepted.email,
            })
        }
        Err(e) => match transient(&e) {
            Some((message, reachable, retry_after)) => {
                tracing::warn!(error = %e, attempts = due.attempts + 1, "queued registration not sent yet");
                let wait = retry_after
                    .and_then(|s| i64::try_from(s).ok())
                    .unwrap_or_else(|| backoff(due.attempts));
                let next_at = now() + wait;
                drafts::mark_retry(pool, &due.id, &message, next_at).await?;
                Ok(Attempt::Retry {
                    message,
                    next_at,
                    reachable,
                })
            }
            None => {
                let (errors, message) = match e {
                    ClientError::Invalid(errors) => (errors, "ポータルが入力内容を受け付けませんでした。赤く表示された項目を直して、もう一度送信してください。".to_owned()),
                    ClientError::NotFound(m) | ClientError::Unauthorized(m) => (Vec::new(), m),
                    _ => (Vec::new(), e.to_string()),
                };
                drafts::mark_returned(pool, &due.id, &errors, &message).await?;
                // The form goes back to the user, who types the password again to resend.
                release(pool, &due.id).await;
                Ok(Attempt::Returned(errors))
            }
        },
    }
}

/// Forgets the password of a draft that no longer needs it. The flag is cleared only after
/// the keyring answered, so a crash in between is cleaned up at the next start.
async fn release(pool: &SqlitePool, id: &str) {
    match credentials::release_from_outbox(id).await {
        Ok(()) => {
            if let Err(e) = drafts::secret_forgotten(pool, id).await {
                tracing::warn!(error = %e, "could not record a forgotten password");
            }
        }
        Err(e) => tracing::warn!(error = %e, "could not remove a sent draft's password"),
    }
}

/// Supplies the client for the portal address in force, if one can be built.
pub type ClientSource = Arc<dyn Fn() -> Option<Arc<PortalClient>> + Send + Sync>;

/// How often the outbox asks whether an unreachable portal answers again.
fn probe_interval() -> Duration {
    let secs = crate::test_env::var("MADOGUCHI_OUTBOX_PROBE_SECS")
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    Duration::from_secs(secs)
}

/// The outbox's one pass: every due draft, and the activation state of sent ones; each
/// change is pushed to the window. Answers whether the portal was unreachable.
pub async fn pass(
    pool: &SqlitePool,
    client: &PortalClient,
    force: bool,
    emit: &Emit,
) -> Result<bool, StoreError> {
    let at = if force { i64::MAX } else { now() };
    let mut unreachable = false;
    for due in drafts::due(pool, at).await? {
        let outcome = attempt(pool, client, &due).await?;
        emit(outcome.event(&due.id));
        if let Attempt::Retry {
            reachable: false, ..
        } = outcome
        {
            unreachable = true;
            break;
        }
    }
    for (id, receipt) in drafts::awaiting_activation(pool).await? {
        use madoguchi_domain::api::RegistrationState as S;
        let (event, news) = match client.registration_state(&receipt).await {
            Ok(s) if s.state == S::Active => (
                DraftEvent::Activated,
                AppEvent::RegistrationActivated { receipt },
            ),
            Ok(s) if s.state == S::Expired => (
                DraftEvent::LinkExpired,
                AppEvent::RegistrationExpired { receipt },
            ),
            Ok(_) => continue,
            Err(e) => {
                unreachable |= matches!(e, ClientError::Unreachable(_) | ClientError::Timeout);
                break;
            }
        };
        if drafts::transition(pool, &id, event).await? {
            if let Some(state) = event.target() {
                emit(AppEvent::DraftChanged { id, state });
            }
            emit(news);
        }
    }
    Ok(unreachable)
}

/// While a registration sent in the last half hour waits for its link, the user is likely
/// on the メール送信 screen: its activation is asked for this often.
const WATCH_RECENT: Duration = Duration::from_secs(2);
const RECENT_SECS: i64 = 30 * 60;

/// Runs for the life of the app: sends what is due, probes an unreachable portal and sends
/// everything queued as soon as it answers, wakes at once when something is queued.
pub async fn run(pool: SqlitePool, clients: ClientSource, wake: Arc<Notify>, emit: Emit) {
    for id in drafts::secrets_to_forget(&pool).await.unwrap_or_default() {
        release(&pool, &id).await;
    }
    let mut offline = false;
    let mut told: Option<bool> = None;
    loop {
        if let Some(client) = clients() {
            // Back online: what waited for the connection goes now, backoff or not.
            let force = offline && client.health().await.is_ok();
            match pass(&pool, &client, force, &emit).await {
                Ok(unreachable) => offline = unreachable || (offline && !force),
                Err(e) => tracing::warn!(error = %e, "outbox pass failed"),
            }
        }
        if told != Some(!offline) {
            told = Some(!offline);
            let queued = drafts::count_in(&pool, DraftState::Queued)
                .await
                .unwrap_or(0);
            emit(AppEvent::Reachability {
                reachable: !offline,
                queued,
            });
        }
        let watching = drafts::sent_since(&pool, now() - RECENT_SECS)
            .await
            .unwrap_or(false);
        let until_due = drafts::next_due(&pool)
            .await
            .ok()
            .flatten()
            .map(|t| Duration::from_secs(u64::try_from((t - now()).max(1)).unwrap_or(1)));
        let sleep = match until_due {
            Some(d) if !offline => d.min(Duration::from_secs(15)),
            _ => probe_interval(),
        };
        let sleep = if watching && !offline {
            sleep.min(WATCH_RECENT)
        } else {
            sleep
        };
        tokio::select! {
            _ = tokio::time::sleep(sleep) => {}
            _ = wake.notified() => {}
        }
    }
}
