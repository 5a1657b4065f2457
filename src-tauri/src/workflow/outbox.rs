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

use super::{Portal, Secrets};
use crate::credentials::Vault;
use crate::events::Emit;
use crate::failure::{keyring_sentence, refusal_note, retry_note, PASSWORD_GONE, REFUSED_FIELDS};
use crate::portal_client::ClientError;
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
    // 2^9 = 512 s is past the cap, so the cap itself is reached.
    let base = (1_i64 << failures.clamp(0, 9)).min(300) as f64;
    let jittered = base * (0.5 + fastrand::f64());
    (jittered.round() as i64).max(1)
}

/// Sends one queued draft once and records the outcome.
pub async fn attempt(
    pool: &SqlitePool,
    portal: &impl Portal,
    secrets: &impl Secrets,
    due: &Due,
) -> Result<Attempt, StoreError> {
    let password = match secrets.get(Vault::Outbox, &due.id).await {
        Ok(Some(p)) => p,
        Ok(None) => {
            drafts::mark_returned(pool, &due.id, &[], PASSWORD_GONE).await?;
            return Ok(Attempt::Returned(Vec::new()));
        }
        Err(e) => {
            tracing::warn!(error = %e, "keyring unavailable to the outbox");
            let message = keyring_sentence(&e);
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
        drafts::mark_returned(pool, &due.id, &errors, REFUSED_FIELDS).await?;
        return Ok(Attempt::Returned(errors));
    }
    match portal
        .register(&form.normalized(), &due.idempotency_key)
        .await
    {
        Ok(accepted) => {
            drafts::mark_sent(pool, &due.id, &accepted.receipt, &accepted.email).await?;
            release(pool, secrets, &due.id).await;
            tracing::info!("queued registration accepted by the portal");
            Ok(Attempt::Sent {
                receipt: accepted.receipt,
                email: accepted.email,
            })
        }
        Err(e) => match retry_note(&e) {
            Some(note) => {
                tracing::warn!(error = %e, attempts = due.attempts + 1, "queued registration not sent yet");
                let wait = note
                    .retry_after
                    .and_then(|s| i64::try_from(s).ok())
                    .unwrap_or_else(|| backoff(due.attempts));
                let next_at = now() + wait;
                drafts::mark_retry(pool, &due.id, &note.message, next_at).await?;
                Ok(Attempt::Retry {
                    message: note.message,
                    next_at,
                    reachable: note.reachable,
                })
            }
            None => {
                let message = refusal_note(&e);
                let errors = match e {
                    ClientError::Invalid(errors) => errors,
                    _ => Vec::new(),
                };
                drafts::mark_returned(pool, &due.id, &errors, &message).await?;
                // The form goes back to the user, who types the password again to resend.
                release(pool, secrets, &due.id).await;
                Ok(Attempt::Returned(errors))
            }
        },
    }
}

/// Forgets the password of a draft that no longer needs it. The flag is cleared only after
/// the keyring answered, so a crash in between is cleaned up at the next start.
async fn release(pool: &SqlitePool, secrets: &impl Secrets, id: &str) {
    match secrets.remove(Vault::Outbox, id).await {
        Ok(()) => {
            if let Err(e) = drafts::secret_forgotten(pool, id).await {
                tracing::warn!(error = %e, "could not record a forgotten password");
            }
        }
        Err(e) => tracing::warn!(error = %e, "could not remove a sent draft's password"),
    }
}

/// Supplies the portal for the address in force, if one can be built.
pub type PortalSource<P> = Arc<dyn Fn() -> Option<Arc<P>> + Send + Sync>;

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
    portal: &impl Portal,
    secrets: &impl Secrets,
    force: bool,
    emit: &Emit,
) -> Result<bool, StoreError> {
    let at = if force { i64::MAX } else { now() };
    let mut unreachable = false;
    for due in drafts::due(pool, at).await? {
        let outcome = attempt(pool, portal, secrets, &due).await?;
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
        let (event, news) = match portal.registration_state(&receipt).await {
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

/// How long the outbox sleeps after a pass.
fn pause(until_due: Option<Duration>, offline: bool, watching: bool) -> Duration {
    let sleep = match until_due {
        Some(d) if !offline => d.min(Duration::from_secs(15)),
        _ => probe_interval(),
    };
    if watching && !offline {
        sleep.min(WATCH_RECENT)
    } else {
        sleep
    }
}

/// Runs for the life of the app: sends what is due, probes an unreachable portal and sends
/// everything queued as soon as it answers, wakes at once when something is queued.
pub async fn run<P: Portal + 'static, S: Secrets>(
    pool: SqlitePool,
    portals: PortalSource<P>,
    secrets: S,
    wake: Arc<Notify>,
    emit: Emit,
) {
    for id in drafts::secrets_to_forget(&pool).await.unwrap_or_default() {
        release(&pool, &secrets, &id).await;
    }
    let mut offline = false;
    // What the window was last told: reachable, and how many drafts wait.
    let mut told: Option<(bool, usize)> = None;
    loop {
        if let Some(portal) = portals() {
            // Asked every round, so that the status line is true even when nothing is sent.
            let reachable = portal.health().await.is_ok();
            // Back online: what waited for the connection goes now, backoff or not.
            let force = offline && reachable;
            match pass(&pool, portal.as_ref(), &secrets, force, &emit).await {
                Ok(unreachable) => offline = !reachable || unreachable,
                Err(e) => tracing::warn!(error = %e, "outbox pass failed"),
            }
        }
        let queued = drafts::count_in(&pool, DraftState::Queued)
            .await
            .unwrap_or(0);
        if told != Some((!offline, queued)) {
            told = Some((!offline, queued));
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
        tokio::select! {
            _ = tokio::time::sleep(pause(until_due, offline, watching)) => {}
            _ = wake.notified() => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::fakes::{FakePortal, Rig};

    /// One pass of the outbox over the rig; whether the portal was unreachable.
    async fn pass_over(rig: &Rig<FakePortal>, force: bool) -> bool {
        pass(&rig.pool, &rig.portal, &rig.secrets, force, &rig.emit)
            .await
            .expect("pass")
    }

    #[tokio::test]
    async fn a_queued_draft_is_sent_once_and_its_password_forgotten() {
        let rig = Rig::new(FakePortal::default()).await;
        rig.queued_draft("d1").await;

        assert!(!pass_over(&rig, true).await);

        assert_eq!(rig.portal.registrations(), 1);
        assert_eq!(rig.draft("d1").await.state, DraftState::Sent);
        assert_eq!(
            rig.secrets.outbox_len(),
            0,
            "the password is released once sent"
        );
        assert!(rig.events().contains(&AppEvent::DraftChanged {
            id: "d1".into(),
            state: DraftState::Sent
        }));
        // A second pass sends nothing again.
        pass_over(&rig, true).await;
        assert_eq!(rig.portal.registrations(), 1);
    }

    #[tokio::test]
    async fn an_unreachable_portal_keeps_the_draft_queued_with_a_note() {
        let rig = Rig::new(FakePortal::offline()).await;
        rig.queued_draft("d1").await;

        assert!(pass_over(&rig, true).await);

        let d = rig.draft("d1").await;
        assert_eq!((d.state, d.attempts), (DraftState::Queued, 1));
        assert!(d
            .last_error
            .as_deref()
            .unwrap_or("")
            .contains("自動で送信します"));
        assert_eq!(
            rig.secrets.outbox_len(),
            1,
            "the password waits with the draft"
        );
    }

    #[tokio::test]
    async fn a_refusal_returns_the_draft_with_the_portals_field_errors() {
        let rig = Rig::new(FakePortal::refusing_email()).await;
        rig.queued_draft("d1").await;

        pass_over(&rig, true).await;

        let d = rig.draft("d1").await;
        assert_eq!((d.state, d.errors.len()), (DraftState::Returned, 1));
        assert_eq!(rig.secrets.outbox_len(), 0);
    }

    #[tokio::test]
    async fn a_used_link_completes_the_draft_and_tells_the_window() {
        let rig = Rig::new(FakePortal::default()).await;
        rig.queued_draft("d1").await;
        pass_over(&rig, true).await;
        rig.portal.activate_all();

        pass_over(&rig, false).await;

        assert_eq!(rig.draft("d1").await.state, DraftState::Complete);
        assert!(rig
            .events()
            .iter()
            .any(|e| matches!(e, AppEvent::RegistrationActivated { .. })));
    }

    #[test]
    fn a_recent_registration_is_watched_closely_unless_offline() {
        assert_eq!(pause(None, false, true), WATCH_RECENT);
        assert_eq!(pause(None, true, true), probe_interval());
        assert_eq!(
            pause(Some(Duration::from_secs(60)), false, false),
            Duration::from_secs(15)
        );
    }

    #[test]
    fn backoff_doubles_to_five_minutes_with_jitter() {
        // Many draws each: the jitter is random, and a wrong cap (256 s instead of 300 s)
        // shows in about one draw in twelve.
        for (failures, base) in [(0, 1.0_f64), (3, 8.0), (8, 256.0), (20, 300.0)] {
            for _ in 0..200 {
                let b = backoff(failures) as f64;
                assert!(
                    b >= (base * 0.5).floor().max(1.0) && b <= (base * 1.5).ceil(),
                    "{failures}: {b}"
                );
            }
        }
    }
}
