//! Stand-ins for the workflows' unit tests: a portal that answers from memory, a keyring in
//! memory and an SQLite store in memory with the app's migrations. The real portal, the
//! real keyring and the real file are what the integration tests (tests/) use.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use madoguchi_domain::api::{
    Account, FacilityChanges, FacilityCursor, FacilityRecord, LoginRequest, LoginResponse,
    RegistrationAccepted, RegistrationRequest, RegistrationState, RegistrationStatus,
};
use madoguchi_domain::contract::AppEvent;
use madoguchi_domain::ipc::{Draft, DraftFields};
use madoguchi_domain::{EmailAddress, FacilityKind};
use sqlx::sqlite::SqlitePool;

use super::{Portal, Secrets};
use crate::credentials::{CredentialError, Vault};
use crate::events::Emit;
use crate::portal_client::ClientError;
use crate::store::drafts;

pub const PASSWORD: &str = "Sekkotsu2024";

/// The app's schema in memory.
pub async fn store() -> SqlitePool {
    crate::store::open_in_memory()
        .await
        .expect("in-memory store")
}

/// A complete 柔道整復 form, as a draft holds it.
pub fn fields(email: &str) -> DraftFields {
    DraftFields {
        family_name: "基金".into(),
        given_name: "太郎".into(),
        facility_kind: "judo".into(),
        judo_prefix: "契".into(),
        registration_number: "0123456-7-8".into(),
        phone: "03-1234-5678".into(),
        email: email.into(),
        terms_accepted: true,
    }
}

/// An [`Emit`] that records, and a way to read what it recorded.
pub fn recorder() -> (Emit, impl Fn() -> Vec<AppEvent> + Send + Sync) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let emit: Emit = Arc::new(move |e| sink.lock().expect("events").push(e));
    (emit, move || seen.lock().expect("events").clone())
}

/// What a workflow test works with: a store, a portal, a keyring and an event recorder.
pub struct Rig<P> {
    pub pool: SqlitePool,
    pub portal: P,
    pub secrets: MemorySecrets,
    pub emit: Emit,
    events: Box<dyn Fn() -> Vec<AppEvent> + Send + Sync>,
}

impl<P> Rig<P> {
    pub async fn new(portal: P) -> Rig<P> {
        let (emit, events) = recorder();
        Rig {
            pool: store().await,
            portal,
            secrets: MemorySecrets::default(),
            emit,
            events: Box::new(events),
        }
    }

    /// What was pushed to the window so far.
    pub fn events(&self) -> Vec<AppEvent> {
        (self.events)()
    }

    /// A draft handed to the outbox, its password in the keyring.
    pub async fn queued_draft(&self, id: &str) {
        drafts::save(&self.pool, id, &fields(&format!("{id}@example.jp")), None)
            .await
            .expect("saved");
        self.secrets
            .put(Vault::Outbox, id, PASSWORD)
            .await
            .expect("held");
        assert!(drafts::queue(&self.pool, id, &format!("key-{id}"))
            .await
            .expect("queued"));
    }

    pub async fn draft(&self, id: &str) -> Draft {
        drafts::get(&self.pool, id)
            .await
            .expect("read")
            .expect("the draft is there")
    }
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Mode {
    #[default]
    Answering,
    Offline,
    RefusingEmail,
}

/// A portal in memory: registrations are idempotent by key as the real one's are.
#[derive(Default)]
pub struct FakePortal {
    mode: Mode,
    /// Idempotency key → receipt.
    registered: Mutex<HashMap<String, String>>,
    active: AtomicBool,
    /// Pages of facility changes, in order.
    pub pages: Mutex<Vec<FacilityChanges>>,
}

impl FakePortal {
    pub fn offline() -> FakePortal {
        FakePortal {
            mode: Mode::Offline,
            ..FakePortal::default()
        }
    }

    pub fn refusing_email() -> FakePortal {
        FakePortal {
            mode: Mode::RefusingEmail,
            ..FakePortal::default()
        }
    }

    /// Accounts made.
    pub fn registrations(&self) -> usize {
        self.registered.lock().expect("registered").len()
    }

    /// Every activation link is used.
    pub fn activate_all(&self) {
        self.active.store(true, Ordering::SeqCst);
    }

    fn reach(&self) -> Result<(), ClientError> {
        match self.mode {
            Mode::Offline => Err(ClientError::Unreachable("connection refused".into())),
            _ => Ok(()),
        }
    }
}

/// One facility of the master, as a page of changes carries it.
pub fn facility(number: &str, version: i64) -> FacilityRecord {
    FacilityRecord {
        kind: FacilityKind::Ahaki,
        number: number.into(),
        name: format!("施術所{number}"),
        prefecture: "東京都".into(),
        active: true,
        version,
    }
}

impl Portal for FakePortal {
    fn health(&self) -> impl Future<Output = Result<(), ClientError>> + Send {
        std::future::ready(self.reach())
    }

    fn register(
        &self,
        form: &RegistrationRequest,
        idempotency_key: &str,
    ) -> impl Future<Output = Result<RegistrationAccepted, ClientError>> + Send {
        let answer = self.reach().and_then(|()| {
            if self.mode == Mode::RefusingEmail {
                // The rule set's own error for the field, as the portal would answer it.
                let error = match EmailAddress::parse("") {
                    Err(e) => e,
                    Ok(_) => return Err(ClientError::Protocol("no email error".into())),
                };
                return Err(ClientError::Invalid(vec![error]));
            }
            let mut registered = self.registered.lock().expect("registered");
            let n = registered.len();
            let receipt = registered
                .entry(idempotency_key.to_owned())
                .or_insert_with(|| format!("receipt-{n}"))
                .clone();
            Ok(RegistrationAccepted {
                receipt,
                email: form.email.clone(),
            })
        });
        std::future::ready(answer)
    }

    fn registration_state(
        &self,
        _receipt: &str,
    ) -> impl Future<Output = Result<RegistrationStatus, ClientError>> + Send {
        let state = if self.active.load(Ordering::SeqCst) {
            RegistrationState::Active
        } else {
            RegistrationState::Pending
        };
        std::future::ready(self.reach().map(|()| RegistrationStatus { state }))
    }

    fn login(
        &self,
        request: &LoginRequest,
    ) -> impl Future<Output = Result<LoginResponse, ClientError>> + Send {
        let answer = self.reach().and_then(|()| {
            if request.password == PASSWORD {
                Ok(LoginResponse {
                    session_token: "token".into(),
                    email: request.email.clone(),
                    expires_at: "2026-11-28T00:00:00Z".into(),
                })
            } else {
                Err(ClientError::Unauthorized(
                    "メールアドレスまたはパスワードが正しくありません。".into(),
                ))
            }
        });
        std::future::ready(answer)
    }

    fn current_account(
        &self,
        _session_token: &str,
    ) -> impl Future<Output = Result<Account, ClientError>> + Send {
        std::future::ready(self.reach().map(|()| Account {
            email: "kikin@example.jp".into(),
            family_name: "基金".into(),
            given_name: "太郎".into(),
            facility_kind: FacilityKind::Judo,
            facility_number: "契0123456-7-8".into(),
            facility_name: Some("基金接骨院".into()),
        }))
    }

    fn logout(&self, _session_token: &str) -> impl Future<Output = Result<(), ClientError>> + Send {
        std::future::ready(self.reach())
    }

    fn facility_changes(
        &self,
        _after: &FacilityCursor,
        _limit: u32,
    ) -> impl Future<Output = Result<FacilityChanges, ClientError>> + Send {
        let answer = self.reach().and_then(|()| {
            let mut pages = self.pages.lock().expect("pages");
            if pages.is_empty() {
                Err(ClientError::Protocol("no page left".into()))
            } else {
                Ok(pages.remove(0))
            }
        });
        std::future::ready(answer)
    }
}

/// A keyring in memory.
#[derive(Default)]
pub struct MemorySecrets(Mutex<HashMap<(Vault, String), String>>);

impl MemorySecrets {
    pub fn outbox_len(&self) -> usize {
        self.0
            .lock()
            .expect("secrets")
            .keys()
            .filter(|(v, _)| *v == Vault::Outbox)
            .count()
    }

    pub fn login(&self, email: &str) -> Option<String> {
        self.0
            .lock()
            .expect("secrets")
            .get(&(Vault::Logins, email.to_owned()))
            .cloned()
    }

    fn with<T: Send>(
        &self,
        f: impl FnOnce(&mut HashMap<(Vault, String), String>) -> T,
    ) -> impl Future<Output = Result<T, CredentialError>> + Send {
        let answer = self
            .0
            .lock()
            .map(|mut m| f(&mut m))
            .map_err(|_| CredentialError::Interrupted);
        std::future::ready(answer)
    }
}

impl Secrets for MemorySecrets {
    fn put(
        &self,
        vault: Vault,
        account: &str,
        secret: &str,
    ) -> impl Future<Output = Result<(), CredentialError>> + Send {
        self.with(move |m| {
            m.insert((vault, account.to_owned()), secret.to_owned());
        })
    }
    fn get(
        &self,
        vault: Vault,
        account: &str,
    ) -> impl Future<Output = Result<Option<String>, CredentialError>> + Send {
        self.with(move |m| m.get(&(vault, account.to_owned())).cloned())
    }
    fn remove(
        &self,
        vault: Vault,
        account: &str,
    ) -> impl Future<Output = Result<(), CredentialError>> + Send {
        self.with(move |m| {
            m.remove(&(vault, account.to_owned()));
        })
    }
}
