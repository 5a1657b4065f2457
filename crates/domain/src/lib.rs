//! The one rule set of Madoguchi.
//!
//! The Yew UI (as wasm), the desktop backend and the portal server all decide validity
//! here and nowhere else. Raw form input goes in; either a typed value that can only exist
//! valid comes out, or every field error at once. No I/O, no async, no platform code.

pub mod api;
pub mod contact;
pub mod contract;
pub mod documents;
pub mod draft_lifecycle;
pub mod email;
pub mod error;
pub mod facility;
pub mod ipc;
pub mod name;
pub mod normalize;
pub mod password;
pub mod phone;
pub mod portal_address;
pub mod registration;
pub mod registration_number;
pub mod snapshot;

pub use email::EmailAddress;
pub use error::{Field, FieldError};
pub use facility::FacilityKind;
pub use name::{FamilyName, GivenName};
pub use password::Password;
pub use phone::PhoneNumber;
pub use portal_address::{PortalAddress, PortalAddressError};
pub use registration::{FormReport, Registration, RegistrationForm};
pub use registration_number::{JudoPrefix, RegistrationNumber};
