//! Delivers the outbox: at start, when woken after a commit, and every few seconds for
//! retries, with exponential backoff per message, giving up after a bounded number of
//! attempts. A mail with a link gets its token here, just before it is sent: the link's
//! lifetime counts from sending, and no live token waits in the database. The one exception
//! is a registration's first mail, whose link was minted with it moments before and is
//! still in memory ([`super::armed`]).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use super::armed::ArmedLinks;
use super::templates::{self, Mail};
use super::Mailer;
use crate::config::Settings;
use crate::db::{self, accounts, outbox, password_resets, registrations, Db};
use crate::secrets::{new_token, token_hash, SecretError};

/// How long a message is held by the process sending it.
const LEASE_SECS: i64 = 60;

/// How many rows one pass claims.
const BATCH: usize = 50;

/// After a pass that handled mail, what is queued in the next moment goes out together:
/// under a burst one statement claims many rows and the worker wakes once for them, not
/// once per commit. A lone mail is not held back (the pass before it was idle), nor is a
/// backlog (a full pass goes straight on).
const GATHER: Duration = Duration::from_millis(100);

#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("token: {0}")]
    Secret(#[from] SecretError),
}

fn backoff_secs(attempts: i64) -> i64 {
    let exp = u32::try_from(attempts.clamp(0, 10)).unwrap_or(10);
    (5_i64 << exp).min(3600)
}

/// The longest the outbox keeps trying one mail: the backoff of every attempt it makes.
pub fn delivery_window_secs(max_attempts: i64) -> i64 {
    (0..max_attempts.max(1)).map(backoff_secs).sum()
}

fn lifetime_hours(secs: i64) -> i64 {
    (secs / 3600).max(1)
}

/// The mail to send for a queued row, or `None` when there is nothing to send any more.
async fn compose(
    db: &Db,
    settings: &Settings,
    armed: &ArmedLinks,
    recipient: &str,
    queued: &outbox::Queued,
) -> Result<Option<Mail>, WorkerError> {
    let base = settings.public_base_url.trim_end_matches('/');
    Ok(match queued {
        outbox::Queued::Plain { subject, body } => Some(Mail {
            subject: subject.clone(),
            body: body.clone(),
        }),
        outbox::Queued::Activation { registration_id } => {
            let lifetime = settings.activation_lifetime_secs;
            let mail = |family: &str, given: &str, token: &str| {
                templates::activation(
                    family,
                    given,
                    &format!("{base}/activate?token={token}"),
                    lifetime_hours(lifetime),
                    base,
                )
            };
            if let Some(link) = armed.take(registration_id) {
                return Ok(Some(mail(&link.family_name, &link.given_name, &link.token)));
            }
            let token = new_token()?;
            registrations::arm_token(
                db,
                registration_id,
                &token_hash(&token),
                db::now() + lifetime,
            )
            .await?
            .map(|(family, given)| mail(&family, &given, &token))
        }
        outbox::Queued::PasswordReset => {
            if !accounts::exists(db, recipient).await? {
                return Ok(None);
            }
            let token = new_token()?;
            let now = db::now();
            let lifetime = settings.reset_lifetime_secs;
            password_resets::create(db, &token_hash(&token), recipient, now, now + lifetime)
                .await?;
            Some(templates::password_reset(
                &format!("{base}/reset-password?token={token}"),
                lifetime_hours(lifetime),
                base,
            ))
        }
    })
}

/// Sends what is due; returns how many queued rows it handled (sent, failed, or found to
/// have nothing left to send).
pub async fn deliver_due(
    db: &Db,
    mailer: &Mailer,
    settings: &Settings,
    armed: &ArmedLinks,
) -> Result<usize, WorkerError> {
    let now = db::now();
    let due = outbox::claim_due(db, now, BATCH as i64, LEASE_SECS).await?;
    let handled = due.len();
    for m in due {
        let Some(mail) = compose(db, settings, armed, &m.recipient, &m.mail).await? else {
            outbox::mark_done(db, &m.id, db::now()).await?;
            continue;
        };
        match mailer.send(&m.recipient, &mail.subject, &mail.body).await {
            Ok(()) => {
                outbox::mark_done(db, &m.id, db::now()).await?;
                tracing::info!(id = %m.id, "mail sent");
            }
            Err(e) => {
                let attempts = m.attempts + 1;
                let now = db::now();
                let give_up = attempts >= settings.retention.mail_max_attempts;
                if give_up {
                    tracing::error!(id = %m.id, attempts, error = %e, "mail given up after too many attempts");
                } else {
                    tracing::warn!(id = %m.id, attempts, error = %e, "mail not sent, will retry");
                }
                outbox::mark_failed(
                    db,
                    &m.id,
                    now + backoff_secs(m.attempts),
                    &e.to_string(),
                    give_up.then_some(now),
                )
                .await?;
            }
        }
    }
    Ok(handled)
}

pub async fn run(
    db: Db,
    mailer: Arc<Mailer>,
    settings: Arc<Settings>,
    wake: Arc<Notify>,
    armed: Arc<ArmedLinks>,
) {
    loop {
        match deliver_due(&db, &mailer, &settings, &armed).await {
            Ok(BATCH) => continue,
            Ok(handled) if handled > 0 => {
                tokio::time::sleep(GATHER).await;
                continue;
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "outbox delivery failed"),
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(Duration::from_secs(2)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{backoff_secs, delivery_window_secs};

    #[test]
    fn backoff_grows_and_is_capped_at_an_hour() {
        assert_eq!(backoff_secs(0), 5);
        assert_eq!(backoff_secs(1), 10);
        assert_eq!(backoff_secs(20), 3600);
    }

    #[test]
    fn the_delivery_window_adds_up_every_backoff() {
        assert_eq!(delivery_window_secs(1), 5);
        assert_eq!(delivery_window_secs(3), 5 + 10 + 20);
        assert!(delivery_window_secs(12) < 4 * 3600);
    }
}
