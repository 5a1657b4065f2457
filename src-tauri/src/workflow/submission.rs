//! Sending a draft (登録 on the 確認 screen): judged by the rule set, saved, its password
//! handed to the keyring, queued with a fixed idempotency key, then one attempt at once.
//! Unreachable: it stays queued and the outbox sends it when the portal answers.

use madoguchi_domain::contract::SendDraftArgs;
use madoguchi_domain::ipc::SendOutcome;
use madoguchi_domain::Registration;
use sqlx::sqlite::SqlitePool;

use super::outbox::{self, Attempt};
use super::{Portal, Secrets};
use crate::credentials::Vault;
use crate::events::Emit;
use crate::failure::{Failure, QUEUED_NOTE};
use crate::store::drafts;

/// Sends the draft `args.id` with the form's fields and passwords. `idempotency_key` is
/// new for each 登録 press; the outbox keeps it for every retry of this one.
pub async fn send(
    pool: &SqlitePool,
    portal: &impl Portal,
    secrets: &impl Secrets,
    emit: &Emit,
    args: SendDraftArgs,
    idempotency_key: &str,
) -> Result<SendOutcome, Failure> {
    let SendDraftArgs {
        id,
        fields,
        password,
        password_confirmation,
    } = args;
    let mut form = fields.with_password(&password);
    form.password_confirmation = password_confirmation;
    Registration::parse(&form).map_err(Failure::Invalid)?;
    drafts::save(pool, &id, &fields, None).await?;
    secrets.put(Vault::Outbox, &id, &password).await?;
    if !drafts::queue(pool, &id, idempotency_key).await? {
        return Err(Failure::AlreadySent);
    }
    let due = drafts::due(pool, i64::MAX)
        .await?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or(Failure::NoDraft)?;
    let outcome = outbox::attempt(pool, portal, secrets, &due).await?;
    emit(outcome.event(&id));
    match outcome {
        Attempt::Sent { receipt, email } => Ok(SendOutcome::Sent { receipt, email }),
        Attempt::Returned(errors) if !errors.is_empty() => Err(Failure::Invalid(errors)),
        Attempt::Returned(_) => {
            let message = drafts::get(pool, &id)
                .await?
                .and_then(|d| d.last_error)
                .unwrap_or_default();
            Err(Failure::Refused(message))
        }
        Attempt::Retry { message, .. } => Ok(SendOutcome::Queued {
            message: format!("{message}{QUEUED_NOTE}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use madoguchi_domain::contract::AppEvent;
    use madoguchi_domain::ipc::DraftState;
    use madoguchi_domain::Field;

    use super::*;
    use crate::workflow::fakes::{self, FakePortal, Rig, PASSWORD};

    /// 登録 pressed on draft `id` with `confirmation` typed again, under key `key`.
    async fn press(
        rig: &Rig<FakePortal>,
        id: &str,
        confirmation: &str,
        key: &str,
    ) -> Result<SendOutcome, Failure> {
        let args = SendDraftArgs {
            id: id.into(),
            fields: fakes::fields("kikin@example.jp"),
            password: PASSWORD.into(),
            password_confirmation: confirmation.into(),
        };
        send(&rig.pool, &rig.portal, &rig.secrets, &rig.emit, args, key).await
    }

    #[tokio::test]
    async fn a_valid_draft_is_sent_and_the_window_told() {
        let rig = Rig::new(FakePortal::default()).await;

        let outcome = press(&rig, "d1", PASSWORD, "k1").await.expect("sent");

        assert!(
            matches!(outcome, SendOutcome::Sent { ref email, .. } if email == "kikin@example.jp")
        );
        assert_eq!(rig.portal.registrations(), 1);
        assert_eq!(rig.secrets.outbox_len(), 0);
        let sent = AppEvent::DraftChanged {
            id: "d1".into(),
            state: DraftState::Sent,
        };
        assert_eq!(rig.events(), [sent]);
    }

    #[tokio::test]
    async fn offline_it_is_queued_and_nothing_typed_is_lost() {
        let rig = Rig::new(FakePortal::offline()).await;

        let outcome = press(&rig, "d1", PASSWORD, "k1").await.expect("queued");

        let SendOutcome::Queued { message } = outcome else {
            panic!("not queued: {outcome:?}");
        };
        assert!(message.contains("送信待ちにしました"), "{message}");
        let d = rig.draft("d1").await;
        assert_eq!(d.state, DraftState::Queued);
        assert_eq!(d.fields, fakes::fields("kikin@example.jp"));
        assert_eq!(rig.secrets.outbox_len(), 1);
    }

    #[tokio::test]
    async fn mismatched_passwords_are_refused_before_anything_is_kept() {
        let rig = Rig::new(FakePortal::default()).await;

        let failure = press(&rig, "d1", "Other2024x", "k1")
            .await
            .expect_err("refused");

        let Failure::Invalid(errors) = failure else {
            panic!("{failure:?}");
        };
        assert!(errors
            .iter()
            .any(|e| e.field == Field::PasswordConfirmation));
        assert_eq!(rig.portal.registrations(), 0);
        assert_eq!(rig.secrets.outbox_len(), 0);
    }

    #[tokio::test]
    async fn a_second_press_never_makes_a_second_account() {
        let rig = Rig::new(FakePortal::default()).await;
        press(&rig, "d1", PASSWORD, "k1").await.expect("sent");

        let again = press(&rig, "d1", PASSWORD, "k2").await;

        assert!(matches!(again, Err(Failure::AlreadySent)), "{again:?}");
        assert_eq!(rig.portal.registrations(), 1);
    }

    #[tokio::test]
    async fn the_portals_refusal_comes_back_on_its_field() {
        let rig = Rig::new(FakePortal::refusing_email()).await;

        let failure = press(&rig, "d1", PASSWORD, "k1")
            .await
            .expect_err("refused");

        assert!(
            matches!(failure, Failure::Invalid(ref e) if e[0].field == Field::Email),
            "{failure:?}"
        );
        assert_eq!(rig.draft("d1").await.state, DraftState::Returned);
    }
}
