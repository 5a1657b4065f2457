//! 下書き as the user handles them: saved as typed, duplicated for another facility, deleted.
//! Each change is told to the window; a deleted draft's password leaves the keyring.

use madoguchi_domain::contract::{AppEvent, SaveDraftArgs};
use madoguchi_domain::ipc::{DraftSaved, DraftState};
use sqlx::sqlite::SqlitePool;

use super::Secrets;
use crate::credentials::Vault;
use crate::events::Emit;
use crate::failure::Failure;
use crate::store::drafts;

pub async fn save(
    pool: &SqlitePool,
    emit: &Emit,
    args: SaveDraftArgs,
) -> Result<DraftSaved, Failure> {
    let saved = drafts::save(pool, &args.id, &args.fields, args.facility_name.as_deref()).await?;
    emit(AppEvent::DraftChanged {
        id: args.id,
        state: saved.state,
    });
    Ok(saved)
}

/// A copy of `id` for another facility of the chain, under `new_id`.
pub async fn duplicate(
    pool: &SqlitePool,
    emit: &Emit,
    id: &str,
    new_id: &str,
) -> Result<(), Failure> {
    drafts::duplicate(pool, id, new_id).await?;
    emit(AppEvent::DraftChanged {
        id: new_id.to_owned(),
        state: DraftState::Draft,
    });
    Ok(())
}

/// Deletes a draft the outbox is not sending.
pub async fn delete(pool: &SqlitePool, secrets: &impl Secrets, id: &str) -> Result<(), Failure> {
    if !drafts::delete(pool, id).await? {
        return Err(Failure::QueuedNotDeletable);
    }
    // A returned draft may still hold a password from its last queueing.
    if let Err(e) = secrets.remove(Vault::Outbox, id).await {
        tracing::warn!(error = %e, "a deleted draft's password stays in the keyring");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::fakes::{self, FakePortal, Rig};

    #[tokio::test]
    async fn a_save_a_copy_and_a_deletion_are_told_and_a_queued_draft_stays() {
        let rig = Rig::new(FakePortal::offline()).await;
        let args = SaveDraftArgs {
            id: "d1".into(),
            fields: fakes::fields("kikin@example.jp"),
            facility_name: Some("基金接骨院".into()),
        };
        let saved = save(&rig.pool, &rig.emit, args).await.expect("saved");
        assert_eq!(saved.state, DraftState::Draft);
        duplicate(&rig.pool, &rig.emit, "d1", "d2")
            .await
            .expect("copied");
        let copy = rig.draft("d2").await;
        assert_eq!(
            copy.fields.registration_number, "",
            "the copy has no number"
        );
        assert_eq!(copy.fields.email, "kikin@example.jp");
        assert_eq!(rig.events().len(), 2);

        delete(&rig.pool, &rig.secrets, "d2")
            .await
            .expect("deleted");
        rig.queued_draft("q1").await;
        assert!(matches!(
            delete(&rig.pool, &rig.secrets, "q1").await,
            Err(Failure::QueuedNotDeletable)
        ));
        assert_eq!(
            rig.secrets.outbox_len(),
            1,
            "the queued draft keeps its password"
        );
    }
}
