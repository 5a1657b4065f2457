//! Pending registrations: one row per accepted request, activated once by its token.

use madoguchi_domain::api::RegistrationState;
use sqlx::{Any, Row, Transaction};

use super::Db;

pub struct NewRegistration<'a> {
    pub id: &'a str,
    pub receipt_hash: &'a str,
    /// The hash of the link minted with the registration (held in memory until mailed; a
    /// decoy's is never mailed). The column is unique.
    pub token_hash: &'a str,
    pub email: &'a str,
    pub family_name: &'a str,
    pub given_name: &'a str,
    pub facility_kind: &'a str,
    pub facility_number: &'a str,
    pub phone: &'a str,
    pub password_hash: &'a str,
    pub created_at: i64,
    pub expires_at: i64,
    /// A decoy's: when a real registration's link, mailed now, would run out. Its note goes
    /// out at once and is never re-armed, so the receipt must not outlive a real one's: when
    /// a receipt turns `expired` must not tell which addresses have accounts.
    pub decoy_expires_at: i64,
}

/// What [`insert`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// Stored; `decoy` when the address already has an account.
    Stored { decoy: bool },
    /// Nothing stored: the facility is not (or no longer) active in the master.
    NoActiveFacility,
}

/// Stores the registration if its facility is active in the master, and tells whether it is
/// a decoy (the address already has an account). Both checks happen inside the INSERT: on
/// SQLite a transaction must write first, or a concurrent writer makes its later write fail
/// with "database is locked"; and a facility withdrawn a moment before is not registered.
pub async fn insert(
    tx: &mut Transaction<'_, Any>,
    r: &NewRegistration<'_>,
) -> Result<Inserted, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO registrations (id, receipt_hash, token_hash, email, family_name, given_name, \
         facility_kind, facility_number, phone, password_hash, decoy, created_at, expires_at, resend_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, \
           CASE WHEN EXISTS (SELECT 1 FROM accounts WHERE email = $4) THEN '' ELSE $10 END, \
           CASE WHEN EXISTS (SELECT 1 FROM accounts WHERE email = $4) THEN 1 ELSE 0 END, \
           $11, CASE WHEN EXISTS (SELECT 1 FROM accounts WHERE email = $4) THEN $13 ELSE $12 END, $11 \
         WHERE EXISTS (SELECT 1 FROM facilities WHERE kind = $7 AND number = $8 AND status = 'active') \
         RETURNING decoy",
    )
    .bind(r.id)
    .bind(r.receipt_hash)
    .bind(r.token_hash)
    .bind(r.email)
    .bind(r.family_name)
    .bind(r.given_name)
    .bind(r.facility_kind)
    .bind(r.facility_number)
    .bind(r.phone)
    .bind(r.password_hash)
    .bind(r.created_at)
    .bind(r.expires_at)
    .bind(r.decoy_expires_at)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(match row {
        Some(row) => Inserted::Stored {
            decoy: row.try_get::<i64, _>("decoy")? == 1,
        },
        None => Inserted::NoActiveFacility,
    })
}

/// The state a receipt reports. A decoy (the address had an account) reads like a
/// registration whose link was never used.
pub async fn state(
    db: &Db,
    receipt_hash: &str,
    now: i64,
) -> Result<Option<RegistrationState>, sqlx::Error> {
    let row =
        sqlx::query("SELECT expires_at, activated_at FROM registrations WHERE receipt_hash = $1")
            .bind(receipt_hash)
            .fetch_optional(db)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let expires_at: i64 = row.try_get("expires_at")?;
    let activated_at: Option<i64> = row.try_get("activated_at")?;
    Ok(Some(match activated_at {
        Some(_) => RegistrationState::Active,
        None if expires_at <= now => RegistrationState::Expired,
        None => RegistrationState::Pending,
    }))
}

/// What the activation page shows before the button is pressed.
#[derive(sqlx::FromRow)]
pub struct Pending {
    pub family_name: String,
    pub given_name: String,
    pub facility_kind: String,
    pub facility_number: String,
    pub facility_name: Option<String>,
    pub created_at: i64,
}

/// The registration a token would activate now (the GET page; burns nothing).
pub async fn pending_by_token(
    db: &Db,
    token_hash: &str,
    now: i64,
) -> Result<Option<Pending>, sqlx::Error> {
    sqlx::query_as::<_, Pending>(
        "SELECT r.family_name, r.given_name, r.facility_kind, r.facility_number, r.created_at, \
         f.name AS facility_name FROM registrations r \
         LEFT JOIN facilities f ON f.kind = r.facility_kind AND f.number = r.facility_number \
         WHERE r.token_hash = $1 AND r.decoy = 0 AND r.activated_at IS NULL AND r.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// Called as the activation mail is sent: the fresh token replaces any earlier one (whose
/// link then stops working) and the 24 hours start now. `None` when there is nothing to
/// activate any more (activated, or the address got its account through another
/// registration): then no mail goes out.
pub async fn arm_token(
    db: &Db,
    id: &str,
    token_hash: &str,
    expires_at: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let row = sqlx::query(
        "UPDATE registrations SET token_hash = $1, expires_at = $2 WHERE id = $3 AND decoy = 0 \
         AND activated_at IS NULL AND password_hash <> '' \
         AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.email = registrations.email) \
         RETURNING family_name, given_name",
    )
    .bind(token_hash)
    .bind(expires_at)
    .bind(id)
    .fetch_optional(db)
    .await?;
    row.map(|r| Ok((r.try_get("family_name")?, r.try_get("given_name")?)))
        .transpose()
}

/// After one registration of an address is activated, its other pending ones end: their
/// links stop working and nothing resends them.
pub async fn void_others(
    tx: &mut Transaction<'_, Any>,
    email: &str,
    activated_id: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE registrations SET expires_at = $1 WHERE email = $2 AND id <> $3 \
         AND activated_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(email)
    .bind(activated_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What a resend request may do.
#[derive(Debug, PartialEq, Eq)]
pub enum Resend {
    /// Mail again: the activation mail, or (`decoy`) the note that the address has an account.
    Send {
        id: String,
        email: String,
        decoy: bool,
    },
    /// Too soon, or too often today: try again after this many seconds.
    Wait(i64),
    /// Unknown receipt, activated or expired: nothing to send.
    Nothing,
}

/// Counts a resend of the receipt's registration if its cooldown and daily cap allow, in
/// one statement, so that two processes cannot both count the same slot.
pub async fn claim_resend(
    db: &Db,
    receipt_hash: &str,
    now: i64,
    cooldown_secs: i64,
    per_day: i64,
) -> Result<Resend, sqlx::Error> {
    let day = now.div_euclid(86_400);
    let row = sqlx::query(
        "UPDATE registrations SET \
           resends = CASE WHEN resend_day = $1 THEN resends + 1 ELSE 1 END, \
           resend_day = $1, resend_at = $2 \
         WHERE receipt_hash = $3 AND COALESCE(resend_at, created_at) <= $4 \
           AND (resend_day <> $1 OR resends < $5) \
         RETURNING id, email, decoy, activated_at, expires_at",
    )
    .bind(day)
    .bind(now)
    .bind(receipt_hash)
    .bind(now - cooldown_secs)
    .bind(per_day)
    .fetch_optional(db)
    .await?;
    if let Some(r) = row {
        let activated: Option<i64> = r.try_get("activated_at")?;
        let expires_at: i64 = r.try_get("expires_at")?;
        if activated.is_some() || expires_at <= now {
            return Ok(Resend::Nothing);
        }
        return Ok(Resend::Send {
            id: r.try_get("id")?,
            email: r.try_get("email")?,
            decoy: r.try_get::<i64, _>("decoy")? == 1,
        });
    }
    let row = sqlx::query(
        "SELECT COALESCE(resend_at, created_at) AS last, resend_day, resends \
         FROM registrations WHERE receipt_hash = $1",
    )
    .bind(receipt_hash)
    .fetch_optional(db)
    .await?;
    let Some(r) = row else {
        return Ok(Resend::Nothing);
    };
    let last: i64 = r.try_get("last")?;
    let (resend_day, resends): (i64, i64) = (r.try_get("resend_day")?, r.try_get("resends")?);
    if resend_day == day && resends >= per_day {
        return Ok(Resend::Wait((day + 1) * 86_400 - now));
    }
    Ok(Resend::Wait((last + cooldown_secs - now).max(1)))
}

#[derive(sqlx::FromRow)]
pub struct Activated {
    pub id: String,
    pub email: String,
    pub family_name: String,
    pub given_name: String,
    pub facility_kind: String,
    pub facility_number: String,
    pub phone: String,
    pub password_hash: String,
}

/// Uses the token: at most one caller ever gets `Some` for it.
pub async fn consume_token(
    tx: &mut Transaction<'_, Any>,
    token_hash: &str,
    now: i64,
) -> Result<Option<Activated>, sqlx::Error> {
    sqlx::query_as::<_, Activated>(
        "UPDATE registrations SET activated_at = $1 WHERE token_hash = $2 AND decoy = 0 \
         AND activated_at IS NULL AND expires_at > $1 \
         RETURNING id, email, family_name, given_name, facility_kind, facility_number, phone, password_hash",
    )
    .bind(now)
    .bind(token_hash)
    .fetch_optional(&mut **tx)
    .await
}
