//! The registration in progress, shared by 入力, 入力内容確認, メール送信 and 完了, and
//! changed only through [`Action`]s. Validity is never stored: it is derived from the form
//! by crates/domain on every render.

use std::rc::Rc;

use madoguchi_domain::api::{FacilityLookup, RegistrationAccepted};
use madoguchi_domain::ipc::{CommandError, Draft, DraftSaved, DraftState};
use madoguchi_domain::{Field, FieldError, RegistrationForm};
use yew::prelude::*;

#[derive(Clone, Debug, PartialEq, Default)]
pub enum Lookup {
    /// The number is not complete yet.
    #[default]
    Idle,
    Loading(String),
    Found(FacilityLookup),
    NotFound(String),
    Failed(String),
}

#[derive(Clone, PartialEq, Default)]
pub struct Registration {
    pub form: RegistrationForm,
    /// Fields the user has left once: their errors show from then on.
    pub touched: Vec<Field>,
    /// After 登録: every error shows.
    pub show_all: bool,
    pub lookup: Lookup,
    /// Errors the portal returned (422); each clears when its field changes.
    pub portal_errors: Vec<FieldError>,
    pub banner: Option<String>,
    pub accepted: Option<RegistrationAccepted>,
    /// The draft this form is saved to as it is typed; given at the first change.
    pub draft_id: String,
    /// Unix seconds of the last save, and a note when another draft holds the facility.
    pub saved_at: Option<i64>,
    pub draft_note: Option<String>,
    /// The draft can no longer change (queued or sent): the form is shown read-only.
    pub draft_state: Option<DraftState>,
}

pub enum Action {
    Edit(Field, String),
    Terms(bool),
    Blur(Field),
    ShowAll,
    LookupStarted(String),
    LookupFinished(String, Result<FacilityLookup, CommandError>),
    Rejected(CommandError),
    Accepted(RegistrationAccepted),
    /// Forget everything, passwords included (after 完了).
    Reset,
    /// Reopen a saved draft (下書き一覧 → 開く).
    LoadDraft(Box<Draft>),
    Saved(DraftSaved),
    /// Sending found no portal: the draft waits in the outbox.
    Queued(String),
}

/// A new draft's id: the time and a random number.
#[cfg(target_arch = "wasm32")]
pub fn new_key() -> String {
    let random = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
    format!("{:x}-{:x}", js_sys::Date::now() as u64, random)
}

/// The reducer's tests run on the host, where there is no JavaScript: a counter.
#[cfg(not(target_arch = "wasm32"))]
pub fn new_key() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("host-{:x}", NEXT.fetch_add(1, Ordering::Relaxed))
}

impl Registration {
    /// A complete number the portal does not know: 登録 stays blocked online (manual p.6).
    /// Offline the lookup fails instead, and the draft may be queued.
    pub fn lookup_error(&self) -> Option<FieldError> {
        match &self.lookup {
            Lookup::NotFound(_) => {
                madoguchi_domain::FacilityKind::from_key(&self.form.facility_kind)
                    .map(madoguchi_domain::api::facility_not_found)
            }
            _ => None,
        }
    }

    /// The errors to show on `field` now.
    pub fn errors_for(&self, field: Field) -> Vec<FieldError> {
        let mut shown: Vec<FieldError> = if self.show_all || self.touched.contains(&field) {
            self.form
                .check()
                .errors
                .into_iter()
                .filter(|e| e.field == field)
                .collect()
        } else {
            Vec::new()
        };
        shown.extend(
            self.portal_errors
                .iter()
                .filter(|e| e.field == field)
                .cloned(),
        );
        if let Some(e) = self.lookup_error().filter(|e| e.field == field) {
            if !shown.iter().any(|s| s.code == e.code) {
                shown.push(e);
            }
        }
        shown
    }
}

impl Reducible for Registration {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(field, value) => {
                let f = &mut next.form;
                let slot = match field {
                    Field::FamilyName => &mut f.family_name,
                    Field::GivenName => &mut f.given_name,
                    Field::FacilityKind => &mut f.facility_kind,
                    Field::JudoPrefix => &mut f.judo_prefix,
                    Field::RegistrationNumber => &mut f.registration_number,
                    Field::Phone => &mut f.phone,
                    Field::Email => &mut f.email,
                    Field::Password => &mut f.password,
                    Field::PasswordConfirmation => &mut f.password_confirmation,
                    Field::Terms => return self,
                };
                *slot = value;
                if next.draft_id.is_empty() {
                    next.draft_id = new_key();
                }
                if field == Field::FacilityKind {
                    next.touched.push(Field::FacilityKind);
                }
                next.portal_errors.retain(|e| e.field != field);
                next.banner = None;
            }
            Action::Terms(accepted) => {
                next.form.terms_accepted = accepted;
                if next.draft_id.is_empty() {
                    next.draft_id = new_key();
                }
                next.touched.push(Field::Terms);
                next.portal_errors.retain(|e| e.field != Field::Terms);
            }
            Action::Blur(field) => {
                if !next.touched.contains(&field) {
                    next.touched.push(field);
                }
            }
            Action::ShowAll => next.show_all = true,
            Action::LookupStarted(key) => next.lookup = Lookup::Loading(key),
            Action::LookupFinished(key, result) => {
                // A late answer for a number the user has since changed is dropped.
                if next.lookup != Lookup::Loading(key) {
                    return self;
                }
                next.lookup = match result {
                    Ok(found) => Lookup::Found(found),
                    Err(CommandError::NotFound { message }) => Lookup::NotFound(message),
                    Err(e) => Lookup::Failed(e.message().to_owned()),
                };
            }
            Action::Rejected(error) => match error {
                CommandError::Fields { message, errors } => {
                    next.portal_errors = errors;
                    next.show_all = true;
                    next.banner = Some(message);
                }
                other => next.banner = Some(other.message().to_owned()),
            },
            Action::Accepted(accepted) => {
                next.accepted = Some(accepted);
                next.banner = None;
            }
            Action::Reset => return Rc::new(Registration::default()),
            Action::LoadDraft(draft) => {
                let draft = *draft;
                let returned = draft.state == DraftState::Returned;
                let loaded = Registration {
                    form: draft.fields.with_password(""),
                    draft_id: draft.id,
                    saved_at: Some(draft.updated_at),
                    draft_state: Some(draft.state),
                    portal_errors: draft.errors,
                    show_all: returned,
                    banner: if returned { draft.last_error } else { None },
                    ..Registration::default()
                };
                return Rc::new(loaded);
            }
            Action::Saved(saved) => {
                next.saved_at = Some(saved.updated_at);
                next.draft_note = saved.duplicate_of.map(|_| {
                    "この施術所等の下書きは既にあります。下書き一覧から、そちらを開いてお使いください（この入力内容も保存されています）。".to_owned()
                });
                return Rc::new(next);
            }
            Action::Queued(message) => {
                next.banner = Some(message);
                next.draft_state = Some(DraftState::Queued);
            }
        }
        Rc::new(next)
    }
}

pub type RegistrationHandle = UseReducerHandle<Registration>;

#[derive(Properties, PartialEq)]
pub struct ProviderProps {
    pub children: Children,
}

/// The registration of the window, for every page that needs it.
#[function_component(RegistrationProvider)]
pub fn registration_provider(props: &ProviderProps) -> Html {
    let state = use_reducer(Registration::default);
    html! {
        <ContextProvider<RegistrationHandle> context={state}>
            { props.children.clone() }
        </ContextProvider<RegistrationHandle>>
    }
}

#[hook]
pub fn use_registration() -> RegistrationHandle {
    use_context::<RegistrationHandle>().unwrap_or_else(|| {
        // Only reachable if a page is rendered outside the provider: a programming error.
        panic!("RegistrationProvider missing")
    })
}

#[cfg(test)]
mod tests {
    use madoguchi_domain::ipc::DraftFields;

    use super::*;

    /// The rule set's own error for an empty address, as the portal would answer it.
    fn email_error() -> FieldError {
        match madoguchi_domain::EmailAddress::parse("") {
            Err(e) => e,
            Ok(_) => panic!("an empty address parsed"),
        }
    }

    fn reduce(state: Registration, actions: Vec<Action>) -> Registration {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    #[test]
    fn the_first_change_gives_the_form_a_draft_and_errors_show_once_left() {
        let state = reduce(
            Registration::default(),
            vec![Action::Edit(Field::Email, "not-an-address".into())],
        );
        assert!(!state.draft_id.is_empty());
        assert!(
            state.errors_for(Field::Email).is_empty(),
            "not before the field is left"
        );
        let state = reduce(state, vec![Action::Blur(Field::Email)]);
        assert_eq!(state.errors_for(Field::Email).len(), 1);
        assert!(
            state.errors_for(Field::Phone).is_empty(),
            "untouched fields stay quiet"
        );
        let all = reduce(state, vec![Action::ShowAll]);
        assert!(
            !all.errors_for(Field::Phone).is_empty(),
            "after 登録 every error shows"
        );
    }

    #[test]
    fn the_portals_field_errors_show_until_their_field_changes() {
        let refused = CommandError::Fields {
            message: "入力内容に誤りがあります。".into(),
            errors: vec![email_error()],
        };
        let typed = reduce(
            Registration::default(),
            vec![Action::Edit(Field::Email, "taken@example.jp".into())],
        );
        let state = reduce(typed, vec![Action::Rejected(refused)]);
        assert_eq!(state.banner.as_deref(), Some("入力内容に誤りがあります。"));
        assert_eq!(state.errors_for(Field::Email).len(), 1);
        let state = reduce(
            state,
            vec![Action::Edit(Field::Email, "kikin@example.jp".into())],
        );
        assert!(state.errors_for(Field::Email).is_empty());
        assert_eq!(state.banner, None);
    }

    #[test]
    fn a_late_lookup_answer_for_an_old_number_is_dropped() {
        let state = reduce(
            Registration::default(),
            vec![
                Action::LookupStarted("judo:契1".into()),
                Action::LookupStarted("judo:契2".into()),
                Action::LookupFinished(
                    "judo:契1".into(),
                    Err(CommandError::NotFound {
                        message: "見つかりません".into(),
                    }),
                ),
            ],
        );
        assert_eq!(state.lookup, Lookup::Loading("judo:契2".into()));
    }

    #[test]
    fn a_returned_draft_opens_with_its_errors_and_without_a_password() {
        let draft = Draft {
            id: "d1".into(),
            fields: DraftFields {
                email: "kikin@example.jp".into(),
                ..DraftFields::default()
            },
            state: DraftState::Returned,
            facility_name: None,
            updated_at: 100,
            errors: vec![email_error()],
            last_error: Some("ポータルが入力内容を受け付けませんでした。".into()),
            next_attempt_at: None,
            attempts: 1,
            sent_to: None,
        };
        let state = reduce(
            Registration {
                form: RegistrationForm {
                    password: "Typed2024pass".into(),
                    ..RegistrationForm::default()
                },
                ..Registration::default()
            },
            vec![Action::LoadDraft(Box::new(draft))],
        );
        assert_eq!(state.draft_id, "d1");
        assert_eq!(state.form.password, "");
        assert!(state.show_all);
        assert_eq!(
            state.errors_for(Field::Email),
            [email_error()],
            "the portal's, kept"
        );
        assert!(
            !state.errors_for(Field::Phone).is_empty(),
            "every error shows at once"
        );
        assert_eq!(
            state.banner.as_deref(),
            Some("ポータルが入力内容を受け付けませんでした。")
        );
        let reset = reduce(state, vec![Action::Reset]);
        assert!(
            reset == Registration::default(),
            "everything forgotten after 完了"
        );
    }
}
