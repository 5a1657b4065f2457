//! お知らせ: published by an admin command, newest first.

use sqlx::Row;

use super::Db;

pub struct NoticeRow {
    pub published_at: i64,
    pub title: String,
    pub body: String,
}

/// Publishes (or replaces, by `id`) a notice.
pub async fn publish(
    db: &Db,
    id: &str,
    title: &str,
    body: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notices (id, published_at, title, body) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body",
    )
    .bind(id)
    .bind(now)
    .bind(title)
    .bind(body)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn latest(db: &Db, limit: i64) -> Result<Vec<NoticeRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT published_at, title, body FROM notices ORDER BY published_at DESC, id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(NoticeRow {
                published_at: r.try_get("published_at")?,
                title: r.try_get("title")?,
                body: r.try_get("body")?,
            })
        })
        .collect()
}
