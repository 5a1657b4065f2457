//! A draft's life, as one state machine: 下書き → 送信待ち → 送信済み（有効化待ち） → 完了,
//! or 差戻し back to the user, or 期限切れ when the link ran out. The app's store changes a
//! draft's state only along [`DraftState::after`]; its SQL names the states by
//! [`DraftState::key`] and the legal sources by [`DraftEvent::from_states`].

use serde::{Deserialize, Serialize};

/// Where a draft stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftState {
    Draft,
    Queued,
    Sent,
    Complete,
    Returned,
    Expired,
}

/// What happens to a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftEvent {
    /// The user changed the form (an autosave).
    Edit,
    /// 登録 pressed: handed to the outbox with its password in the keyring.
    Queue,
    /// An attempt failed on the way (offline, busy portal): it stays queued.
    AttemptFailed,
    /// The portal accepted it and mailed the activation link.
    Accepted,
    /// The portal refused it (field errors, or the kept password was gone).
    Refused,
    /// The link was used in the browser.
    Activated,
    /// The link's 24 hours ran out unused.
    LinkExpired,
}

/// A transition the lifecycle does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a draft in state {from:?} cannot take {event:?}")]
pub struct IllegalTransition {
    pub from: DraftState,
    pub event: DraftEvent,
}

impl DraftState {
    pub const ALL: [DraftState; 6] = [
        DraftState::Draft,
        DraftState::Queued,
        DraftState::Sent,
        DraftState::Complete,
        DraftState::Returned,
        DraftState::Expired,
    ];

    /// The state after `event`, or why there is none.
    pub const fn after(self, event: DraftEvent) -> Result<DraftState, IllegalTransition> {
        use DraftEvent as E;
        use DraftState as S;
        match (self, event) {
            (S::Draft, E::Edit) => Ok(S::Draft),
            (S::Returned, E::Edit) => Ok(S::Returned),
            (S::Draft | S::Returned, E::Queue) => Ok(S::Queued),
            (S::Queued, E::AttemptFailed) => Ok(S::Queued),
            (S::Queued, E::Accepted) => Ok(S::Sent),
            (S::Queued, E::Refused) => Ok(S::Returned),
            (S::Sent, E::Activated) => Ok(S::Complete),
            (S::Sent, E::LinkExpired) => Ok(S::Expired),
            (from, event) => Err(IllegalTransition { from, event }),
        }
    }

    /// The name the local database stores.
    pub const fn key(self) -> &'static str {
        match self {
            DraftState::Draft => "draft",
            DraftState::Queued => "queued",
            DraftState::Sent => "sent",
            DraftState::Complete => "complete",
            DraftState::Returned => "returned",
            DraftState::Expired => "expired",
        }
    }

    pub fn from_key(key: &str) -> Option<DraftState> {
        DraftState::ALL.into_iter().find(|s| s.key() == key)
    }

    pub const fn label(self) -> &'static str {
        match self {
            DraftState::Draft => "下書き",
            DraftState::Queued => "送信待ち",
            DraftState::Sent => "送信済み（有効化待ち）",
            DraftState::Complete => "完了",
            DraftState::Returned => "差戻し",
            DraftState::Expired => "期限切れ（再登録が必要です）",
        }
    }

    /// The form can still be changed and sent.
    pub const fn editable(self) -> bool {
        self.after(DraftEvent::Edit).is_ok()
    }

    /// May be deleted: anything but a draft the outbox may be sending right now.
    pub const fn deletable(self) -> bool {
        !matches!(self, DraftState::Queued)
    }
}

impl DraftEvent {
    /// The states this event may happen in, in [`DraftState::ALL`] order.
    pub fn from_states(self) -> Vec<DraftState> {
        DraftState::ALL
            .into_iter()
            .filter(|s| s.after(self).is_ok())
            .collect()
    }

    /// `'draft', 'returned'`: the states of [`Self::from_states`] as an SQL list.
    pub fn from_states_sql(self) -> String {
        sql_list(&self.from_states())
    }

    /// The one state this event leads to from wherever it may happen; `None` for
    /// [`DraftEvent::Edit`], which leaves each state as it was.
    pub fn target(self) -> Option<DraftState> {
        let mut targets = self
            .from_states()
            .into_iter()
            .filter_map(|s| s.after(self).ok());
        let first = targets.next()?;
        targets.all(|t| t == first).then_some(first)
    }
}

/// States as an SQL list (`'draft', 'returned'`), built from the fixed keys only, never
/// from input.
pub fn sql_list(states: &[DraftState]) -> String {
    states
        .iter()
        .map(|s| format!("'{}'", s.key()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The states a draft may be deleted in.
pub fn deletable_states() -> Vec<DraftState> {
    DraftState::ALL
        .into_iter()
        .filter(|s| s.deletable())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{DraftEvent as E, DraftState as S, IllegalTransition};

    const EVENTS: [E; 7] = [
        E::Edit,
        E::Queue,
        E::AttemptFailed,
        E::Accepted,
        E::Refused,
        E::Activated,
        E::LinkExpired,
    ];

    #[test]
    fn the_way_of_a_registration() {
        let path = [
            (E::Edit, S::Draft),
            (E::Queue, S::Queued),
            (E::AttemptFailed, S::Queued),
            (E::Accepted, S::Sent),
            (E::Activated, S::Complete),
        ];
        let mut state = S::Draft;
        for (event, want) in path {
            state = state.after(event).expect("legal");
            assert_eq!(state, want, "after {event:?}");
        }
    }

    #[test]
    fn a_refused_draft_comes_back_to_be_edited_and_sent_again() {
        let state = S::Queued.after(E::Refused).expect("refused");
        assert_eq!(state, S::Returned);
        assert_eq!(state.after(E::Edit), Ok(S::Returned));
        assert_eq!(state.after(E::Queue), Ok(S::Queued));
        assert_eq!(S::Sent.after(E::LinkExpired), Ok(S::Expired));
    }

    #[test]
    fn illegal_transitions_are_refused() {
        for (from, event) in [
            (S::Draft, E::Accepted),
            (S::Draft, E::Activated),
            (S::Queued, E::Edit),
            (S::Queued, E::Queue),
            (S::Sent, E::Edit),
            (S::Sent, E::Queue),
            (S::Sent, E::Refused),
            (S::Complete, E::Queue),
            (S::Complete, E::Edit),
            (S::Expired, E::Activated),
            (S::Returned, E::Accepted),
        ] {
            assert_eq!(
                from.after(event),
                Err(IllegalTransition { from, event }),
                "{from:?} + {event:?}"
            );
        }
    }

    #[test]
    fn the_ends_are_ends() {
        for end in [S::Complete, S::Expired] {
            for event in EVENTS {
                assert!(end.after(event).is_err(), "{end:?} + {event:?}");
            }
        }
    }

    #[test]
    fn only_what_the_user_may_change_is_editable_and_a_queued_one_stays() {
        let editable: Vec<S> = S::ALL.into_iter().filter(|s| s.editable()).collect();
        assert_eq!(editable, [S::Draft, S::Returned]);
        assert!(!S::Queued.deletable());
        assert!(S::Sent.deletable());
    }

    #[test]
    fn the_store_names_the_sources_of_each_event() {
        assert_eq!(E::Queue.from_states_sql(), "'draft', 'returned'");
        assert_eq!(E::Accepted.from_states_sql(), "'queued'");
        assert_eq!(E::Activated.from_states(), [S::Sent]);
        for s in S::ALL {
            assert_eq!(S::from_key(s.key()), Some(s));
        }
        assert_eq!(S::from_key("unknown"), None);
        assert_eq!(E::Queue.target(), Some(S::Queued));
        assert_eq!(E::AttemptFailed.target(), Some(S::Queued));
        assert_eq!(E::Activated.target(), Some(S::Complete));
        assert_eq!(E::Edit.target(), None);
        assert!(!super::deletable_states().contains(&S::Queued));
    }
}
