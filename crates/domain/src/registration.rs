//! The whole registration form: raw input in, a `Registration` that can only exist valid
//! out, or every field error at once.

use serde::{Deserialize, Serialize};

use crate::email::EmailAddress;
use crate::error::{Field, FieldError};
use crate::facility::FacilityKind;
use crate::name::{FamilyName, GivenName};
use crate::normalize::{digits_field, email_field, name_field};
use crate::password::Password;
use crate::phone::PhoneNumber;
use crate::registration_number::RegistrationNumber;

/// The form exactly as typed. It is also the body of the portal's registration request,
/// so that the portal judges the same input the app judged.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
// The OpenAPI schema says what a client must send; the rules themselves (NFKC, lengths
// after trimming, the facility master) are crates/domain's and answer 422.
pub struct RegistrationForm {
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, min_length = 1, max_length = 50)
    )]
    pub family_name: String,
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, min_length = 1, max_length = 50)
    )]
    pub given_name: String,
    /// A [`FacilityKind::key`], or "" while nothing is chosen.
    #[cfg_attr(feature = "openapi", schema(required = true, value_type = crate::FacilityKind))]
    pub facility_kind: String,
    /// 柔道整復 ①: "協", "契" or "" (－なし－).
    #[cfg_attr(feature = "openapi", schema(required = true, pattern = "^(協|契)?$"))]
    pub judo_prefix: String,
    /// As typed: full-width digits and hyphens are normalised.
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, min_length = 9, max_length = 40)
    )]
    pub registration_number: String,
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, min_length = 10, max_length = 40)
    )]
    pub phone: String,
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, min_length = 3, max_length = 40)
    )]
    pub email: String,
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, min_length = 8, max_length = 100)
    )]
    pub password: String,
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, min_length = 8, max_length = 100)
    )]
    pub password_confirmation: String,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub terms_accepted: bool,
}

impl std::fmt::Debug for RegistrationForm {
    // The passwords must never reach a log line or a panic message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegistrationForm")
            .field("family_name", &self.family_name)
            .field("given_name", &self.given_name)
            .field("facility_kind", &self.facility_kind)
            .field("judo_prefix", &self.judo_prefix)
            .field("registration_number", &self.registration_number)
            .field("phone", &self.phone)
            .field("email", &self.email)
            .field("password", &"********")
            .field("password_confirmation", &"********")
            .field("terms_accepted", &self.terms_accepted)
            .finish()
    }
}

impl RegistrationForm {
    /// The form as it will be judged: what the user should see before submitting
    /// (０１２ → 012, hyphens removed, e-mail lowered). Passwords are never touched.
    pub fn normalized(&self) -> RegistrationForm {
        RegistrationForm {
            family_name: name_field(&self.family_name),
            given_name: name_field(&self.given_name),
            facility_kind: self.facility_kind.trim().to_owned(),
            judo_prefix: self.judo_prefix.trim().to_owned(),
            registration_number: digits_field(&self.registration_number),
            phone: digits_field(&self.phone),
            email: email_field(&self.email),
            password: self.password.clone(),
            password_confirmation: self.password_confirmation.clone(),
            terms_accepted: self.terms_accepted,
        }
    }

    /// Judges the whole form: its normalised values, every error and every warning.
    pub fn check(&self) -> FormReport {
        let (registration, errors, warnings) = match Registration::parse_with_warnings(self) {
            Ok((r, w)) => (Some(r), Vec::new(), w),
            Err(e) => (None, e, Vec::new()),
        };
        FormReport {
            normalized: self.normalized(),
            valid: registration.is_some(),
            errors,
            warnings,
        }
    }
}

/// What the UI shows for a form: normalised values, errors (blocking), warnings (not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormReport {
    pub normalized: RegistrationForm,
    pub valid: bool,
    pub errors: Vec<FieldError>,
    pub warnings: Vec<FieldError>,
}

impl FormReport {
    pub fn errors_for(&self, field: Field) -> impl Iterator<Item = &FieldError> {
        self.errors.iter().filter(move |e| e.field == field)
    }

    /// The required fields still empty, in form order: the 「必須情報」 panel beside 登録.
    pub fn missing(&self) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|f| {
                self.errors_for(*f)
                    .any(|e| e.code.ends_with(".required") || e.code == "terms.not_accepted")
            })
            .collect()
    }

    /// The field to focus after 登録: the first one, in form order, with an error.
    pub fn first_error_field(&self) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| self.errors.iter().any(|e| e.field == *f))
    }
}

/// Everything of a registration but its password and the terms: what a draft holds, judged
/// by the same rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationDetails {
    pub family_name: FamilyName,
    pub given_name: GivenName,
    pub number: RegistrationNumber,
    pub phone: PhoneNumber,
    pub email: EmailAddress,
}

impl RegistrationDetails {
    /// Every error of these fields, in form order, or the valid details.
    pub fn parse(
        family_name: &str,
        given_name: &str,
        facility_kind: &str,
        judo_prefix: &str,
        registration_number: &str,
        phone: &str,
        email: &str,
    ) -> Result<RegistrationDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        let family_name = collect(&mut errors, FamilyName::parse(family_name));
        let given_name = collect(&mut errors, GivenName::parse(given_name));
        let kind = collect(&mut errors, FacilityKind::parse(facility_kind));
        // Without a kind there is no rule to judge the number by.
        let number = kind.and_then(|k| {
            collect_many(
                &mut errors,
                RegistrationNumber::parse(k, judo_prefix, registration_number),
            )
        });
        let phone = collect(&mut errors, PhoneNumber::parse(phone));
        let email = collect(&mut errors, EmailAddress::parse(email));
        match (family_name, given_name, number, phone, email) {
            (Some(family_name), Some(given_name), Some(number), Some(phone), Some(email))
                if errors.is_empty() =>
            {
                Ok(RegistrationDetails {
                    family_name,
                    given_name,
                    number,
                    phone,
                    email,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A registration that passed every rule, terms accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub family_name: FamilyName,
    pub given_name: GivenName,
    pub number: RegistrationNumber,
    pub phone: PhoneNumber,
    pub email: EmailAddress,
    pub password: Password,
}

fn collect<T>(errors: &mut Vec<FieldError>, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

fn collect_many<T>(errors: &mut Vec<FieldError>, result: Result<T, Vec<FieldError>>) -> Option<T> {
    result.map_err(|e| errors.extend(e)).ok()
}

impl Registration {
    /// Every error of every field, in form order, or the valid registration.
    pub fn parse(form: &RegistrationForm) -> Result<Registration, Vec<FieldError>> {
        Registration::parse_with_warnings(form).map(|(r, _)| r)
    }

    /// As [`Registration::parse`], with the warnings of a valid form.
    pub fn parse_with_warnings(
        form: &RegistrationForm,
    ) -> Result<(Registration, Vec<FieldError>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let details = collect_many(
            &mut errors,
            RegistrationDetails::parse(
                &form.family_name,
                &form.given_name,
                &form.facility_kind,
                &form.judo_prefix,
                &form.registration_number,
                &form.phone,
                &form.email,
            ),
        );
        let password = collect_many(
            &mut errors,
            Password::parse_confirmed(&form.password, &form.password_confirmation),
        );
        if !form.terms_accepted {
            errors.push(FieldError::new(
                Field::Terms,
                "terms.not_accepted",
                "利用規約：施術所等向け総合ポータルサイト利用規約とプライバシーポリシーをご確認の上、「上記の利用規約に同意します。」にチェックを入れてください。",
            ));
        }
        match (details, password) {
            (Some(d), Some(password)) if errors.is_empty() => {
                let warnings = d.number.warnings();
                Ok((
                    Registration {
                        family_name: d.family_name,
                        given_name: d.given_name,
                        number: d.number,
                        phone: d.phone,
                        email: d.email,
                        password,
                    },
                    warnings,
                ))
            }
            _ => {
                errors.sort_by_key(|e| Field::ALL.iter().position(|f| *f == e.field));
                Err(errors)
            }
        }
    }

    /// Back to the form, with normalised values; parsing it again gives the same value.
    pub fn to_form(&self) -> RegistrationForm {
        RegistrationForm {
            family_name: self.family_name.as_str().to_owned(),
            given_name: self.given_name.as_str().to_owned(),
            facility_kind: self.number.kind().key().to_owned(),
            judo_prefix: self
                .number
                .prefix()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default(),
            registration_number: self.number.digits().to_owned(),
            phone: self.phone.as_str().to_owned(),
            email: self.email.as_str().to_owned(),
            password: self.password.expose().to_owned(),
            password_confirmation: self.password.expose().to_owned(),
            terms_accepted: true,
        }
    }
}
