//! Mail waiting to be delivered. A mail that carries a link is queued without it: only
//! its kind and what it is about; the worker mints the token when it sends, so that no
//! live token ever rests in the database (a backup cannot be replayed).

use sqlx::{Any, Executor, Row};

use super::Db;

/// What to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutMail<'a> {
    /// A mail without secrets, stored whole.
    Plain { subject: &'a str, body: &'a str },
    /// The activation mail of a registration (its id); the link is made at send time.
    Activation { registration_id: &'a str },
    /// A password reset mail; made and sent only if the recipient has an account.
    PasswordReset,
}

impl<'a> From<&'a crate::mail::templates::Mail> for OutMail<'a> {
    fn from(mail: &'a crate::mail::templates::Mail) -> Self {
        OutMail::Plain {
            subject: &mail.subject,
            body: &mail.body,
        }
    }
}

/// A queued mail as the worker reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Queued {
    Plain { subject: String, body: String },
    Activation { registration_id: String },
    PasswordReset,
}

pub struct Pending {
    pub id: String,
    pub recipient: String,
    pub mail: Queued,
    pub attempts: i64,
}

pub async fn enqueue<'e, E: Executor<'e, Database = Any>>(
    executor: E,
    id: &str,
    recipient: &str,
    mail: OutMail<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (kind, ref_id, subject, body) = match mail {
        OutMail::Plain { subject, body } => ("plain", None, subject, body),
        OutMail::Activation { registration_id } => ("activation", Some(registration_id), "", ""),
        OutMail::PasswordReset => ("password_reset", None, "", ""),
    };
    sqlx::query(
        "INSERT INTO outbox (id, recipient, kind, ref_id, subject, body, created_at, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(id)
    .bind(recipient)
    .bind(kind)
    .bind(ref_id)
    .bind(subject)
    .bind(body)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}

fn queued(kind: &str, ref_id: Option<String>, subject: String, body: String) -> Queued {
    match (kind, ref_id) {
        ("activation", Some(registration_id)) => Queued::Activation { registration_id },
        ("password_reset", _) => Queued::PasswordReset,
        _ => Queued::Plain { subject, body },
    }
}

/// Takes up to `limit` due messages for `lease_secs`, oldest first, in one statement: two
/// portal processes never take the same message (each row's conditions are checked again
/// as it is updated), and a message whose sender died is due again when the lease runs out.
pub async fn claim_due(
    db: &Db,
    now: i64,
    limit: i64,
    lease_secs: i64,
) -> Result<Vec<Pending>, sqlx::Error> {
    let rows = sqlx::query(
        "UPDATE outbox SET next_attempt_at = $1 \
         WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND gave_up_at IS NULL \
           AND next_attempt_at <= $2 ORDER BY created_at LIMIT $3) \
         AND sent_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= $2 \
         RETURNING id, recipient, kind, ref_id, subject, body, attempts, created_at",
    )
    .bind(now + lease_secs)
    .bind(now)
    .bind(limit)
    .fetch_all(db)
    .await?;
    let mut claimed = rows
        .into_iter()
        .map(|r| {
            Ok((
                r.try_get::<i64, _>("created_at")?,
                Pending {
                    id: r.try_get("id")?,
                    recipient: r.try_get("recipient")?,
                    mail: queued(
                        &r.try_get::<String, _>("kind")?,
                        r.try_get("ref_id")?,
                        r.try_get("subject")?,
                        r.try_get("body")?,
                    ),
                    attempts: r.try_get("attempts")?,
                },
            ))
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    claimed.sort_by_key(|(created_at, _)| *created_at);
    Ok(claimed.into_iter().map(|(_, p)| p).collect())
}

/// Done: sent, or nothing to send (the account or registration is gone). What was stored
/// of the mail is emptied at once; the row itself goes with the next purge.
pub async fn mark_done(db: &Db, id: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL, \
         subject = '', body = '' WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// A failed attempt: retried at `next_attempt_at`, or given up for good.
pub async fn mark_failed(
    db: &Db,
    id: &str,
    next_attempt_at: i64,
    error: &str,
    give_up_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2, \
         gave_up_at = $3 WHERE id = $4",
    )
    .bind(next_attempt_at)
    .bind(error)
    .bind(give_up_at)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}
