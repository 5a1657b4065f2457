//! Drafts and their way through the outbox. Every change is one statement or one
//! transaction, so a crash leaves each draft as it was before or after it, never between.

use madoguchi_domain::draft_lifecycle::{deletable_states, sql_list, DraftEvent};
use madoguchi_domain::ipc::{Draft, DraftFields, DraftSaved, DraftState};
use madoguchi_domain::FieldError;
use sqlx::sqlite::{SqliteConnection, SqlitePool, SqliteRow};
use sqlx::Row;

use super::{now, StoreError};

const COLUMNS: &str = "id, family_name, given_name, facility_kind, judo_prefix, \
    registration_number, phone, email, terms_accepted, facility_name, state, errors, \
    last_error, next_attempt_at, attempts, sent_to, updated_at";

fn draft(row: &SqliteRow) -> Result<Draft, StoreError> {
    let state: String = row.try_get("state")?;
    let errors: String = row.try_get("errors")?;
    Ok(Draft {
        id: row.try_get("id")?,
        fields: DraftFields {
            family_name: row.try_get("family_name")?,
            given_name: row.try_get("given_name")?,
            facility_kind: row.try_get("facility_kind")?,
            judo_prefix: row.try_get("judo_prefix")?,
            registration_number: row.try_get("registration_number")?,
            phone: row.try_get("phone")?,
            email: row.try_get("email")?,
            terms_accepted: row.try_get("terms_accepted")?,
        },
        // An unknown state (a newer app wrote it) shows as a plain draft.
        state: DraftState::from_key(&state).unwrap_or(DraftState::Draft),
        facility_name: row.try_get("facility_name")?,
        updated_at: row.try_get("updated_at")?,
        errors: serde_json::from_str::<Vec<FieldError>>(&errors).unwrap_or_default(),
        last_error: row.try_get("last_error")?,
        next_attempt_at: row.try_get("next_attempt_at")?,
        attempts: row.try_get("attempts")?,
        sent_to: row.try_get("sent_to")?,
    })
}

/// Saves what the user typed. A draft that is queued or sent is not changed any more.
pub async fn save(
    pool: &SqlitePool,
    id: &str,
    fields: &DraftFields,
    facility_name: Option<&str>,
) -> Result<DraftSaved, StoreError> {
    save_on(&mut *pool.acquire().await?, id, fields, facility_name).await
}

/// [`save`] on one connection: an import saves all its rows in one transaction.
pub async fn save_on(
    conn: &mut SqliteConnection,
    id: &str,
    fields: &DraftFields,
    facility_name: Option<&str>,
) -> Result<DraftSaved, StoreError> {
    let at = now();
    let wanted = fields.facility_key();
    // Another draft holding the facility keeps it; this one is saved without the claim.
    let holder: Option<String> = match &wanted {
        Some(key) => sqlx::query("SELECT id FROM drafts WHERE facility_key = ? AND id <> ?")
            .bind(key)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .map(|r| r.try_get("id"))
            .transpose()?,
        None => None,
    };
    // The name as the cache knows it when the UI has none (offline, or while sending).
    let cached_name: Option<String> = match (&wanted, facility_name) {
        (Some(key), None) => match key.split_once(':') {
            Some((kind, number)) => {
                sqlx::query("SELECT name FROM facility_cache WHERE kind = ? AND number = ?")
                    .bind(kind)
                    .bind(number)
                    .fetch_optional(&mut *conn)
                    .await?
                    .map(|r| r.try_get("name"))
                    .transpose()?
            }
            None => None,
        },
        _ => None,
    };
    let facility_name = facility_name.map(str::to_owned).or(cached_name);
    let key = if holder.is_some() { None } else { wanted };
    sqlx::query(&format!(
        "INSERT INTO drafts (id, family_name, given_name, facility_kind, judo_prefix, \
           registration_number, phone, email, terms_accepted, facility_key, facility_name, \
           created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12) \
         ON CONFLICT (id) DO UPDATE SET family_name = ?2, given_name = ?3, facility_kind = ?4, \
           judo_prefix = ?5, registration_number = ?6, phone = ?7, email = ?8, \
           terms_accepted = ?9, facility_key = ?10, facility_name = ?11, updated_at = ?12, \
           revision = revision + 1 \
         WHERE state IN ({})",
        DraftEvent::Edit.from_states_sql()
    ))
    .bind(id)
    .bind(&fields.family_name)
    .bind(&fields.given_name)
    .bind(&fields.facility_kind)
    .bind(&fields.judo_prefix)
    .bind(&fields.registration_number)
    .bind(&fields.phone)
    .bind(&fields.email)
    .bind(fields.terms_accepted)
    .bind(&key)
    .bind(facility_name)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    let state: String = sqlx::query("SELECT state FROM drafts WHERE id = ?")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?
        .try_get("state")?;
    Ok(DraftSaved {
        updated_at: at,
        duplicate_of: holder,
        state: DraftState::from_key(&state).unwrap_or(DraftState::Draft),
    })
}

pub async fn get(pool: &SqlitePool, id: &str) -> Result<Option<Draft>, StoreError> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM drafts WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(draft)
        .transpose()
}

/// Every draft, the most recently changed first.
pub async fn list(pool: &SqlitePool) -> Result<Vec<Draft>, StoreError> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM drafts ORDER BY updated_at DESC, id"
    ))
    .fetch_all(pool)
    .await?
    .iter()
    .map(draft)
    .collect()
}

/// A copy for another facility of the chain: the same person and contact, no number.
pub async fn duplicate(pool: &SqlitePool, id: &str, new_id: &str) -> Result<(), StoreError> {
    let at = now();
    sqlx::query(
        "INSERT INTO drafts (id, family_name, given_name, facility_kind, phone, email, \
           created_at, updated_at) \
         SELECT ?1, family_name, given_name, facility_kind, phone, email, ?2, ?2 \
         FROM drafts WHERE id = ?3",
    )
    .bind(new_id)
    .bind(at)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Deletes a draft; one already handed to the outbox is not deleted (it may be on its way).
pub async fn delete(pool: &SqlitePool, id: &str) -> Result<bool, StoreError> {
    delete_on(&mut *pool.acquire().await?, id).await
}

pub async fn delete_on(conn: &mut SqliteConnection, id: &str) -> Result<bool, StoreError> {
    let done = sqlx::query(&format!(
        "DELETE FROM drafts WHERE id = ? AND state IN ({})",
        sql_list(&deletable_states())
    ))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub const QUEUE_GRACE_SECS: i64 = 30;

/// Hands a draft to the outbox. Its idempotency key is fixed here, before any attempt, and
/// kept however often it is sent; `secret_held` records that the keyring holds its password.
pub async fn queue(pool: &SqlitePool, id: &str, key: &str) -> Result<bool, StoreError> {
    let done = sqlx::query(&format!(
        "UPDATE drafts SET {}, idempotency_key = ?, secret_held = 1, \
           errors = '[]', last_error = NULL, attempts = 0, next_attempt_at = ?, updated_at = ? \
         WHERE id = ? AND {}",
        set_state_for(DraftEvent::Queue),
        from_state_for(DraftEvent::Queue)
    ))
    .bind(key)
    // The caller attempts at once; the outbox takes over only if that attempt never ends.
    .bind(now() + QUEUE_GRACE_SECS)
    .bind(now())
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A queued draft due for an attempt.
#[derive(Debug, Clone)]
pub struct Due {
    pub id: String,
    pub fields: DraftFields,
    pub idempotency_key: String,
    pub attempts: i64,
}

pub async fn due(pool: &SqlitePool, at: i64) -> Result<Vec<Due>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS}, idempotency_key FROM drafts \
         WHERE state = ? AND COALESCE(next_attempt_at, 0) <= ? ORDER BY next_attempt_at, id"
    ))
    .bind(DraftState::Queued.key())
    .bind(at)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            let d = draft(r)?;
            Ok(Due {
                id: d.id,
                fields: d.fields,
                idempotency_key: r.try_get("idempotency_key")?,
                attempts: d.attempts,
            })
        })
        .collect()
}

/// When the next queued attempt is due, if any.
pub async fn next_due(pool: &SqlitePool) -> Result<Option<i64>, StoreError> {
    Ok(
        sqlx::query("SELECT MIN(COALESCE(next_attempt_at, 0)) AS t FROM drafts WHERE state = ?")
            .bind(DraftState::Queued.key())
            .fetch_one(pool)
            .await?
            .try_get("t")?,
    )
}

pub async fn mark_sent(
    pool: &SqlitePool,
    id: &str,
    receipt: &str,
    email: &str,
) -> Result<(), StoreError> {
    sqlx::query(&format!(
        "UPDATE drafts SET {}, receipt = ?, sent_to = ?, last_error = NULL, \
           next_attempt_at = NULL, updated_at = ? WHERE id = ? AND {}",
        set_state_for(DraftEvent::Accepted),
        from_state_for(DraftEvent::Accepted)
    ))
    .bind(receipt)
    .bind(email)
    .bind(now())
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// 差戻し: the portal refused the form; its errors go back on the form.
pub async fn mark_returned(
    pool: &SqlitePool,
    id: &str,
    errors: &[FieldError],
    message: &str,
) -> Result<(), StoreError> {
    sqlx::query(&format!(
        "UPDATE drafts SET {}, errors = ?, last_error = ?, \
           next_attempt_at = NULL, updated_at = ? WHERE id = ? AND {}",
        set_state_for(DraftEvent::Refused),
        from_state_for(DraftEvent::Refused)
    ))
    .bind(serde_json::to_string(errors).unwrap_or_else(|_| "[]".into()))
    .bind(message)
    .bind(now())
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// A failed attempt: try again at `next_at`.
pub async fn mark_retry(
    pool: &SqlitePool,
    id: &str,
    message: &str,
    next_at: i64,
) -> Result<(), StoreError> {
    sqlx::query(&format!(
        "UPDATE drafts SET {}, attempts = attempts + 1, last_error = ?, next_attempt_at = ? \
         WHERE id = ? AND {}",
        set_state_for(DraftEvent::AttemptFailed),
        from_state_for(DraftEvent::AttemptFailed)
    ))
    .bind(message)
    .bind(next_at)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Drafts whose password the keyring may still hold although they no longer need it.
pub async fn secrets_to_forget(pool: &SqlitePool) -> Result<Vec<String>, StoreError> {
    sqlx::query("SELECT id FROM drafts WHERE secret_held = 1 AND state <> ?")
        .bind(DraftState::Queued.key())
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| Ok(r.try_get("id")?))
        .collect()
}

pub async fn secret_forgotten(pool: &SqlitePool, id: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE drafts SET secret_held = 0 WHERE id = ?")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Sent drafts whose activation link may not be used yet.
pub async fn awaiting_activation(pool: &SqlitePool) -> Result<Vec<(String, String)>, StoreError> {
    sqlx::query("SELECT id, receipt FROM drafts WHERE state = ? AND receipt IS NOT NULL")
        .bind(DraftState::Sent.key())
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("receipt")?)))
        .collect()
}

/// Moves a draft along `event` (activated, link expired); a draft not in a state the event
/// may happen in is left as it is. Answers whether it moved.
pub async fn transition(
    pool: &SqlitePool,
    id: &str,
    event: DraftEvent,
) -> Result<bool, StoreError> {
    let done = sqlx::query(&format!(
        "UPDATE drafts SET {}, updated_at = ? WHERE id = ? AND {}",
        set_state_for(event),
        from_state_for(event)
    ))
    .bind(now())
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// `state = 'sent'`: the state `event` leads to (its own state for an edit).
fn set_state_for(event: DraftEvent) -> String {
    match event.target() {
        Some(to) => format!("state = '{}'", to.key()),
        None => "state = state".into(),
    }
}

/// `state IN ('queued')`: the states `event` may happen in.
fn from_state_for(event: DraftEvent) -> String {
    format!("state IN ({})", event.from_states_sql())
}

/// Whether a registration sent since `since` (unix seconds) still waits for its link.
pub async fn sent_since(pool: &SqlitePool, since: i64) -> Result<bool, StoreError> {
    Ok(sqlx::query(
        "SELECT EXISTS (SELECT 1 FROM drafts WHERE state = ? AND updated_at >= ?) AS recent",
    )
    .bind(DraftState::Sent.key())
    .bind(since)
    .fetch_one(pool)
    .await?
    .try_get("recent")?)
}

pub async fn count_in(pool: &SqlitePool, state: DraftState) -> Result<usize, StoreError> {
    let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM drafts WHERE state = ?")
        .bind(state.key())
        .fetch_one(pool)
        .await?
        .try_get("n")?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// How many drafts are in each state (for diagnostics: counts only, nothing personal).
pub async fn count_by_state(pool: &SqlitePool) -> Result<Vec<(String, i64)>, StoreError> {
    sqlx::query("SELECT state, COUNT(*) AS n FROM drafts GROUP BY state ORDER BY state")
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("state")?, r.try_get("n")?)))
        .collect()
}
