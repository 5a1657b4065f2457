//! Delivers the outbox: at start, when woken after a commit, and every few seconds for
//! retries, with exponential backoff per message.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use super::Mailer;
use crate::db::{self, outbox, Db};

/// How long a message is held by the instance sending it.
const LEASE_SECS: i64 = 60;

fn backoff_secs(attempts: i64) -> i64 {
    let exp = u32::try_from(attempts.clamp(0, 10)).unwrap_or(10);
    (5_i64 << exp).min(3600)
}

/// Sends what is due; returns how many were sent.
pub async fn deliver_due(db: &Db, mailer: &Mailer) -> Result<usize, sqlx::Error> {
    let now = db::now();
    let mut sent = 0;
    for m in outbox::due(db, now, 50).await? {
        if !outbox::lease(db, &m.id, now, LEASE_SECS).await? {
            continue;
        }
        match mailer.send(&m.recipient, &m.subject, &m.body).await {
            Ok(()) => {
                outbox::mark_sent(db, &m.id, db::now()).await?;
                sent += 1;
                tracing::info!(id = %m.id, "mail sent");
            }
            Err(e) => {
                let next = db::now() + backoff_secs(m.attempts);
                tracing::warn!(id = %m.id, attempts = m.attempts + 1, error = %e, "mail not sent, will retry");
                outbox::mark_failed(db, &m.id, next, &e.to_string()).await?;
            }
        }
    }
    Ok(sent)
}

pub async fn run(db: Db, mailer: Arc<Mailer>, wake: Arc<Notify>) {
    loop {
        if let Err(e) = deliver_due(&db, &mailer).await {
            tracing::error!(error = %e, "outbox delivery failed");
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(Duration::from_secs(2)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backoff_secs;

    #[test]
    fn backoff_grows_and_is_capped_at_an_hour() {
        assert_eq!(backoff_secs(0), 5);
        assert_eq!(backoff_secs(1), 10);
        assert_eq!(backoff_secs(20), 3600);
    }
}
