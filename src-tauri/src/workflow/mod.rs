//! The app's workflows, as plain async functions: the user's drafts ([`drafts`]), sending
//! one ([`submission`]), the outbox ([`outbox`]), signing in and the kept login
//! ([`session`]), seeding the facility cache ([`seeding`]) and keeping it current ([`sync`]). Each takes what it works with as arguments: the store (a
//! `SqlitePool`), the portal ([`Portal`]), the keyring ([`Secrets`]) and where to report
//! news ([`crate::events::Emit`]). The Tauri commands are thin adapters over them, and the
//! tests run them against a fake portal, an in-memory keyring and an in-memory SQLite
//! store, without a window.

pub mod drafts;
pub mod outbox;
pub mod seeding;
pub mod session;
pub mod submission;
pub mod sync;

#[cfg(test)]
pub mod fakes;

use std::future::Future;

use madoguchi_domain::api::{
    Account, FacilityChanges, FacilityCursor, LoginRequest, LoginResponse, RegistrationAccepted,
    RegistrationRequest, RegistrationStatus,
};

use crate::credentials::{self, CredentialError, Vault};
use crate::portal_client::{ClientError, PortalClient};

/// What the workflows ask of the portal.
pub trait Portal: Send + Sync {
    fn health(&self) -> impl Future<Output = Result<(), ClientError>> + Send;
    fn register(
        &self,
        form: &RegistrationRequest,
        idempotency_key: &str,
    ) -> impl Future<Output = Result<RegistrationAccepted, ClientError>> + Send;
    fn registration_state(
        &self,
        receipt: &str,
    ) -> impl Future<Output = Result<RegistrationStatus, ClientError>> + Send;
    fn login(
        &self,
        request: &LoginRequest,
    ) -> impl Future<Output = Result<LoginResponse, ClientError>> + Send;
    fn current_account(
        &self,
        session_token: &str,
    ) -> impl Future<Output = Result<Account, ClientError>> + Send;
    fn logout(&self, session_token: &str) -> impl Future<Output = Result<(), ClientError>> + Send;
    fn facility_changes(
        &self,
        after: &FacilityCursor,
        limit: u32,
    ) -> impl Future<Output = Result<FacilityChanges, ClientError>> + Send;
}

impl Portal for PortalClient {
    fn health(&self) -> impl Future<Output = Result<(), ClientError>> + Send {
        PortalClient::health(self)
    }
    fn register(
        &self,
        form: &RegistrationRequest,
        idempotency_key: &str,
    ) -> impl Future<Output = Result<RegistrationAccepted, ClientError>> + Send {
        PortalClient::register(self, form, idempotency_key)
    }
    fn registration_state(
        &self,
        receipt: &str,
    ) -> impl Future<Output = Result<RegistrationStatus, ClientError>> + Send {
        PortalClient::registration_state(self, receipt)
    }
    fn login(
        &self,
        request: &LoginRequest,
    ) -> impl Future<Output = Result<LoginResponse, ClientError>> + Send {
        PortalClient::login(self, request)
    }
    fn current_account(
        &self,
        session_token: &str,
    ) -> impl Future<Output = Result<Account, ClientError>> + Send {
        PortalClient::current_account(self, session_token)
    }
    fn logout(&self, session_token: &str) -> impl Future<Output = Result<(), ClientError>> + Send {
        PortalClient::logout(self, session_token)
    }
    fn facility_changes(
        &self,
        after: &FacilityCursor,
        limit: u32,
    ) -> impl Future<Output = Result<FacilityChanges, ClientError>> + Send {
        PortalClient::facility_changes(self, after, limit)
    }
}

/// What the workflows keep in the keyring (see [`Vault`]).
pub trait Secrets: Send + Sync {
    fn put(
        &self,
        vault: Vault,
        account: &str,
        secret: &str,
    ) -> impl Future<Output = Result<(), CredentialError>> + Send;
    fn get(
        &self,
        vault: Vault,
        account: &str,
    ) -> impl Future<Output = Result<Option<String>, CredentialError>> + Send;
    fn remove(
        &self,
        vault: Vault,
        account: &str,
    ) -> impl Future<Output = Result<(), CredentialError>> + Send;
}

/// The OS keyring (see [`crate::credentials`]), each call off the async workers.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsKeyring;

impl Secrets for OsKeyring {
    fn put(
        &self,
        vault: Vault,
        account: &str,
        secret: &str,
    ) -> impl Future<Output = Result<(), CredentialError>> + Send {
        let (account, secret) = (account.to_owned(), secret.to_owned());
        credentials::off_thread(move || credentials::put(vault, &account, &secret))
    }
    fn get(
        &self,
        vault: Vault,
        account: &str,
    ) -> impl Future<Output = Result<Option<String>, CredentialError>> + Send {
        let account = account.to_owned();
        credentials::off_thread(move || credentials::get(vault, &account))
    }
    fn remove(
        &self,
        vault: Vault,
        account: &str,
    ) -> impl Future<Output = Result<(), CredentialError>> + Send {
        let account = account.to_owned();
        credentials::off_thread(move || credentials::remove(vault, &account))
    }
}
