//! Properties of the rule set over generated input.

use madoguchi_domain::{Registration, RegistrationForm};
use proptest::prelude::*;

/// IME-style variations of a valid digit string: full-width digits, hyphen look-alikes
/// and spaces sprinkled between digits.
fn ime_digits(digits: String) -> impl Strategy<Value = String> {
    let n = digits.len();
    (
        proptest::collection::vec(any::<bool>(), n),
        proptest::collection::vec(
            prop_oneof![
                Just(""),
                Just("-"),
                Just("ー"),
                Just("－"),
                Just("\u{3000}"),
                Just(" "),
                Just("‐")
            ],
            n,
        ),
    )
        .prop_map(move |(wide, seps)| {
            digits
                .chars()
                .zip(wide.iter().zip(&seps))
                .map(|(c, (w, s))| {
                    let c = if *w {
                        char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)
                    } else {
                        c
                    };
                    format!("{c}{s}")
                })
                .collect()
        })
}

fn valid_form() -> impl Strategy<Value = RegistrationForm> {
    let kind = prop_oneof![Just("judo"), Just("ahaki"), Just("kenshin"), Just("josan")];
    (
        kind,
        prop_oneof![Just("協"), Just("契")],
        "[0-9]{10}",
        "0[0-9]{9,10}",
        "[a-z0-9]{1,10}(\\.[a-z0-9_-]{1,5})?@[a-z0-9]{1,10}\\.(jp|com|co\\.jp)",
        "[A-Z][a-z][0-9][!-~]{5,97}",
        "[\\p{Han}\\p{Hiragana}\\p{Katakana}a-zA-Z]{1,50}",
        "[\\p{Han}\\p{Hiragana}\\p{Katakana}a-zA-Z]{1,50}",
    )
        .prop_flat_map(
            |(kind, prefix, digits, phone, email, password, family, given)| {
                let digits = if kind == "judo" {
                    digits[..9].to_owned()
                } else {
                    digits
                };
                (ime_digits(digits), ime_digits(phone)).prop_map(move |(number, phone)| {
                    RegistrationForm {
                        family_name: family.clone(),
                        given_name: given.clone(),
                        facility_kind: kind.into(),
                        judo_prefix: if kind == "judo" {
                            prefix.into()
                        } else {
                            String::new()
                        },
                        registration_number: number,
                        phone,
                        email: email.to_uppercase(),
                        password: password.clone(),
                        password_confirmation: password.clone(),
                        terms_accepted: true,
                    }
                })
            },
        )
}

fn any_form() -> impl Strategy<Value = RegistrationForm> {
    let text = || any::<String>();
    let kind = prop_oneof![
        Just(String::new()),
        Just("judo".to_owned()),
        Just("ahaki".to_owned()),
        Just("kenshin".to_owned()),
        Just("josan".to_owned()),
        any::<String>()
    ];
    (
        text(),
        text(),
        kind,
        prop_oneof![
            Just("協".to_owned()),
            Just("契".to_owned()),
            any::<String>()
        ],
        text(),
        text(),
        text(),
        text(),
        text(),
        any::<bool>(),
    )
        .prop_map(
            |(
                family_name,
                given_name,
                facility_kind,
                judo_prefix,
                registration_number,
                phone,
                email,
                password,
                password_confirmation,
                terms_accepted,
            )| RegistrationForm {
                family_name,
                given_name,
                facility_kind,
                judo_prefix,
                registration_number,
                phone,
                email,
                password,
                password_confirmation,
                terms_accepted,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalising_twice_equals_normalising_once(form in any_form()) {
        let once = form.normalized();
        prop_assert_eq!(once.normalized(), once);
    }

    #[test]
    fn no_panic_on_arbitrary_unicode_and_errors_name_their_field(form in any_form()) {
        let report = form.check();
        prop_assert_eq!(report.valid, report.errors.is_empty());
        for e in &report.errors {
            prop_assert!(e.code.starts_with(e.field.key()));
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn ime_typed_valid_forms_are_accepted(form in valid_form()) {
        let report = form.check();
        prop_assert!(report.valid, "{:?} -> {:?}", form, report.errors);
    }

    #[test]
    fn whatever_is_accepted_is_accepted_again_after_a_round_trip(form in valid_form()) {
        let first = Registration::parse(&form).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        // Through the typed value and back.
        let again = Registration::parse(&first.to_form()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(&again, &first);
        // Through JSON, as the app sends it to the portal.
        let json = serde_json::to_string(&form).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let wire: RegistrationForm = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let on_portal = Registration::parse(&wire).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(&on_portal, &first);
        // Through the normalised form the user is shown.
        let shown = Registration::parse(&form.normalized()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(shown, first);
    }

    #[test]
    fn canonical_numbers_parse_back_to_themselves(form in valid_form()) {
        let r = Registration::parse(&form).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let back = madoguchi_domain::RegistrationNumber::from_canonical(r.number.kind(), &r.number.canonical())
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(back, r.number);
    }

    #[test]
    fn from_canonical_never_panics(kind in 0usize..4, s in any::<String>()) {
        let kind = madoguchi_domain::FacilityKind::ALL[kind];
        if let Ok(n) = madoguchi_domain::RegistrationNumber::from_canonical(kind, &s) {
            prop_assert!(!n.display().is_empty());
        }
    }
}
