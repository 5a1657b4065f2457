//! The one contract between the desktop app's UI (wasm) and its backend (Tauri commands):
//! every command's name, argument and answer, and every event the backend pushes. The UI
//! calls only through [`Command`]; the backend registers exactly these (a test checks it)
//! and tauri-build grants exactly these (the capability file lists them).
//!
//! Each command takes one argument, `args`, of its `Args` type; so a field renamed on one
//! side is renamed on the other, by the compiler.

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::ipc::{DraftFields, DraftState};

/// A backend command.
pub trait Command {
    /// The name the backend registers and the UI invokes.
    const NAME: &'static str;
    type Args: Serialize + DeserializeOwned;
    type Reply: Serialize + DeserializeOwned;
}

/// What command `C` answers with.
pub type Reply<C> = <C as Command>::Reply;

/// The key the argument travels under: the backend's parameter name.
pub const ARGS_KEY: &str = "args";

macro_rules! commands {
    ($( $(#[$doc:meta])* $ty:ident = $name:literal : $args:ty => $reply:ty; )*) => {
        /// One type per command, for `call::<cmd::SaveDraft>(…)` and the backend's signatures.
        pub mod cmd {
            #[allow(unused_imports)]
            use super::*;
            $(
                $(#[$doc])*
                #[derive(Debug)]
                pub enum $ty {}
                impl super::Command for $ty {
                    const NAME: &'static str = $name;
                    type Args = $args;
                    type Reply = $reply;
                }
            )*
        }
        /// Every command's name, in declaration order.
        pub const ALL: &[&str] = &[$($name),*];
    };
}

include!("contract/declared.rs");

/// The permission tauri-build generates for a command (`allow-save-draft`).
pub fn permission(name: &str) -> String {
    format!("allow-{}", name.replace('_', "-"))
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoArgs {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftId {
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveDraftArgs {
    pub id: String,
    pub fields: DraftFields,
    /// 施術所名 as the form showed it, kept for the 下書き list.
    pub facility_name: Option<String>,
}

/// The passwords travel only in this argument and in [`LoginArgs`] and [`KeepLoginArgs`];
/// their `Debug` leaves them out, so no log line can carry one.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendDraftArgs {
    pub id: String,
    pub fields: DraftFields,
    pub password: String,
    pub password_confirmation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportDraftsArgs {
    /// The file as read (UTF-8 or Shift_JIS CSV).
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupArgs {
    pub kind: String,
    pub prefix: String,
    pub number: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptArgs {
    pub receipt: String,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginArgs {
    pub email: String,
    pub password: String,
    /// Keep the login in the OS keyring.
    pub keep: bool,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeepLoginArgs {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogoutArgs {
    /// Also remove the kept login from the keyring.
    pub forget: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenLinkArgs {
    pub link: crate::documents::PortalLink,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailArgs {
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalUrlArgs {
    /// Empty or `None`: back to the preset or the default.
    pub url: Option<String>,
}

macro_rules! redacted_debug {
    ($ty:ident { $($field:ident),* }) => {
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($field), &self.$field))*
                    .finish_non_exhaustive()
            }
        }
    };
}
redacted_debug!(SendDraftArgs { id, fields });
redacted_debug!(LoginArgs { email, keep });
redacted_debug!(KeepLoginArgs { email });

/// What the backend pushes to the window through the channel given to `subscribe`.
/// Externally tagged (`{"draft_changed": {…}}`): the wasm side decodes it without
/// buffering, which an internal tag would cost in code size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppEvent {
    /// A draft changed state (the outbox sent, queued or returned it; the portal activated
    /// or expired its registration).
    DraftChanged { id: String, state: DraftState },
    /// The registration behind `receipt` was completed in the browser.
    RegistrationActivated { receipt: String },
    /// The registration behind `receipt` ran out its 24 hours unused.
    RegistrationExpired { receipt: String },
    /// Whether the portal answers; `queued` drafts wait for it.
    Reachability { reachable: bool, queued: usize },
    /// The facility cache's sync: rows applied so far, after each page; `done` after the
    /// last one.
    Synced { changed: u64, done: bool },
    /// An update's download: bytes so far, and the total when the portal said it.
    UpdateProgress { received: u64, total: Option<u64> },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for name in ALL {
            assert!(seen.insert(name), "{name} declared twice");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name} is not snake_case, which Tauri's permission names assume"
            );
        }
        assert_eq!(<cmd::SaveDraft as Command>::NAME, "save_draft");
        assert_eq!(permission("save_draft"), "allow-save-draft");
    }

    #[test]
    fn password_arguments_do_not_print_their_passwords() {
        let send = SendDraftArgs {
            id: "d".into(),
            fields: DraftFields::default(),
            password: "Secret-123".into(),
            password_confirmation: "Secret-123".into(),
        };
        let login = LoginArgs {
            email: "a@example.jp".into(),
            password: "Secret-123".into(),
            keep: true,
        };
        let keep = KeepLoginArgs {
            email: "a@example.jp".into(),
            password: "Secret-123".into(),
        };
        for printed in [
            format!("{send:?}"),
            format!("{login:?}"),
            format!("{keep:?}"),
        ] {
            assert!(!printed.contains("Secret-123"), "{printed}");
        }
        assert!(format!("{login:?}").contains("a@example.jp"));
    }

    #[test]
    fn arguments_travel_in_snake_case_under_one_key() {
        let args = SaveDraftArgs {
            id: "d".into(),
            fields: DraftFields::default(),
            facility_name: Some("窓口整骨院".into()),
        };
        let json = serde_json::to_value(&args).expect("serialises");
        assert_eq!(json["facility_name"], "窓口整骨院");
        assert_eq!(ARGS_KEY, "args");
    }

    #[test]
    fn events_are_named_in_snake_case() {
        let e = AppEvent::DraftChanged {
            id: "d".into(),
            state: DraftState::Sent,
        };
        let json = serde_json::to_value(&e).expect("serialises");
        assert_eq!(json["draft_changed"]["state"], "sent");
        let back: AppEvent = serde_json::from_value(json).expect("parses");
        assert_eq!(back, e);
    }
}
