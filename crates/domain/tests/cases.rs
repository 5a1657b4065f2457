//! The case table: every row of "Field rules" and "Numbers" in domain-notes.md, on both
//! sides of every bound. Each case edits a valid form and states what the user must see on
//! one field: nothing, one error code, or one warning code.

use madoguchi_domain::{Field, Registration, RegistrationForm, RegistrationNumber};

#[derive(Debug, Clone, Copy)]
enum Expect {
    Valid,
    Error(&'static str),
    Warning(&'static str),
}
use Expect::{Error, Valid, Warning};

fn base(kind: &str) -> RegistrationForm {
    let (prefix, number) = match kind {
        "judo" => ("契", "012345678"),
        "kenshin" => ("", "0110113719"),
        _ => ("", "0123456789"),
    };
    RegistrationForm {
        family_name: "基金".into(),
        given_name: "太郎".into(),
        facility_kind: kind.into(),
        judo_prefix: prefix.into(),
        registration_number: number.into(),
        phone: "01201234567".into(),
        email: "taro@example.jp".into(),
        password: "Passw0rdX".into(),
        password_confirmation: "Passw0rdX".into(),
        terms_accepted: true,
    }
}

type Edit = fn(&mut RegistrationForm);

struct Case {
    name: &'static str,
    kind: &'static str,
    edit: Edit,
    field: Field,
    expect: Expect,
}

macro_rules! case {
    ($name:literal, $kind:literal, $field:ident, $expect:expr, |$f:ident| $body:expr) => {
        Case {
            name: $name,
            kind: $kind,
            edit: |$f: &mut RegistrationForm| {
                $body;
            },
            field: Field::$field,
            expect: $expect,
        }
    };
}

fn table() -> Vec<Case> {
    vec![
        // 姓, 名: required; trimmed; full-width allowed; at most 50 characters each.
        case!(
            "family empty",
            "ahaki",
            FamilyName,
            Error("family_name.required"),
            |f| f.family_name = String::new()
        ),
        case!(
            "family only ideographic spaces",
            "ahaki",
            FamilyName,
            Error("family_name.required"),
            |f| f.family_name = "\u{3000}\u{3000}".into()
        ),
        case!("family 50 chars", "ahaki", FamilyName, Valid, |f| f
            .family_name =
            "基".repeat(50)),
        case!(
            "family 51 chars",
            "ahaki",
            FamilyName,
            Error("family_name.too_long"),
            |f| f.family_name = "基".repeat(51)
        ),
        case!(
            "family 50 chars after trimming",
            "ahaki",
            FamilyName,
            Valid,
            |f| f.family_name = format!("\u{3000}{}\u{3000}", "基".repeat(50))
        ),
        case!(
            "family half-width katakana",
            "ahaki",
            FamilyName,
            Valid,
            |f| f.family_name = "ｷｷﾝ".into()
        ),
        case!(
            "family control char",
            "ahaki",
            FamilyName,
            Error("family_name.invalid_char"),
            |f| f.family_name = "基\n金".into()
        ),
        case!(
            "given empty",
            "ahaki",
            GivenName,
            Error("given_name.required"),
            |f| f.given_name = " ".into()
        ),
        case!("given 50 chars", "ahaki", GivenName, Valid, |f| f
            .given_name =
            "太".repeat(50)),
        case!(
            "given 51 chars",
            "ahaki",
            GivenName,
            Error("given_name.too_long"),
            |f| f.given_name = "太".repeat(51)
        ),
        case!(
            "given control char",
            "ahaki",
            GivenName,
            Error("given_name.invalid_char"),
            |f| f.given_name = "太\t郎".into()
        ),
        // 所属機関選択
        case!(
            "kind not chosen",
            "ahaki",
            FacilityKind,
            Error("facility_kind.required"),
            |f| f.facility_kind = String::new()
        ),
        case!(
            "kind unknown",
            "ahaki",
            FacilityKind,
            Error("facility_kind.unknown"),
            |f| f.facility_kind = "dentist".into()
        ),
        // 柔道整復: ① 協/契 (－なし－ invalid) + ② 9 digits.
        case!("judo 契", "judo", JudoPrefix, Valid, |f| f.judo_prefix =
            "契".into()),
        case!("judo 協", "judo", JudoPrefix, Valid, |f| f.judo_prefix =
            "協".into()),
        case!(
            "judo －なし－ (empty value)",
            "judo",
            JudoPrefix,
            Error("judo_prefix.required"),
            |f| f.judo_prefix = String::new()
        ),
        case!(
            "judo －なし－ (label)",
            "judo",
            JudoPrefix,
            Error("judo_prefix.required"),
            |f| f.judo_prefix = "－なし－".into()
        ),
        case!(
            "judo other prefix",
            "judo",
            JudoPrefix,
            Error("judo_prefix.unknown"),
            |f| f.judo_prefix = "柔".into()
        ),
        case!(
            "judo 8 digits",
            "judo",
            RegistrationNumber,
            Error("registration_number.length"),
            |f| f.registration_number = "01234567".into()
        ),
        case!("judo 9 digits", "judo", RegistrationNumber, Valid, |f| f
            .registration_number =
            "012345678".into()),
        case!(
            "judo 10 digits",
            "judo",
            RegistrationNumber,
            Error("registration_number.length"),
            |f| f.registration_number = "0123456789".into()
        ),
        case!(
            "judo full-width 9 digits",
            "judo",
            RegistrationNumber,
            Valid,
            |f| f.registration_number = "０１２３４５６７８".into()
        ),
        case!(
            "judo as printed with hyphens",
            "judo",
            RegistrationNumber,
            Valid,
            |f| f.registration_number = "0123456-7-8".into()
        ),
        case!(
            "judo with a letter",
            "judo",
            RegistrationNumber,
            Error("registration_number.not_digits"),
            |f| f.registration_number = "01234567a".into()
        ),
        case!(
            "judo number empty",
            "judo",
            RegistrationNumber,
            Error("registration_number.required"),
            |f| f.registration_number = String::new()
        ),
        case!(
            "judo prefix typed into ②",
            "judo",
            RegistrationNumber,
            Error("registration_number.not_digits"),
            |f| f.registration_number = "契012345678".into()
        ),
        // あはき: 10 digits.
        case!(
            "ahaki 9 digits",
            "ahaki",
            RegistrationNumber,
            Error("registration_number.length"),
            |f| f.registration_number = "012345678".into()
        ),
        case!("ahaki 10 digits", "ahaki", RegistrationNumber, Valid, |f| {
            f.registration_number = "0123456789".into()
        }),
        case!(
            "ahaki 11 digits",
            "ahaki",
            RegistrationNumber,
            Error("registration_number.length"),
            |f| f.registration_number = "01234567890".into()
        ),
        case!(
            "ahaki full-width",
            "ahaki",
            RegistrationNumber,
            Valid,
            |f| f.registration_number = "０１２３４５６７８９".into()
        ),
        case!(
            "ahaki as printed",
            "ahaki",
            RegistrationNumber,
            Valid,
            |f| f.registration_number = "01234567-8-9".into()
        ),
        case!(
            "ahaki katakana long-vowel hyphens",
            "ahaki",
            RegistrationNumber,
            Valid,
            |f| f.registration_number = "01234567ー8ー9".into()
        ),
        case!(
            "ahaki minus sign and en dash",
            "ahaki",
            RegistrationNumber,
            Valid,
            |f| f.registration_number = "01234567\u{2212}8\u{2013}9".into()
        ),
        case!(
            "ahaki full-width spaces",
            "ahaki",
            RegistrationNumber,
            Valid,
            |f| f.registration_number = "01234567\u{3000}8 9".into()
        ),
        case!(
            "ahaki letters",
            "ahaki",
            RegistrationNumber,
            Error("registration_number.not_digits"),
            |f| f.registration_number = "01234567AB".into()
        ),
        // 健診実施機関等: 健診機関番号 10 digits; a failed check digit only warns.
        case!(
            "kenshin valid check digit",
            "kenshin",
            RegistrationNumber,
            Valid,
            |f| f.registration_number = "0110113719".into()
        ),
        case!(
            "kenshin another valid",
            "kenshin",
            RegistrationNumber,
            Valid,
            |f| f.registration_number = "5521111111".into()
        ),
        case!(
            "kenshin placeholder fails check digit",
            "kenshin",
            RegistrationNumber,
            Warning("registration_number.check_digit"),
            |f| f.registration_number = "1234567890".into()
        ),
        case!(
            "kenshin 9 digits",
            "kenshin",
            RegistrationNumber,
            Error("registration_number.length"),
            |f| f.registration_number = "011011371".into()
        ),
        case!(
            "kenshin 11 digits",
            "kenshin",
            RegistrationNumber,
            Error("registration_number.length"),
            |f| f.registration_number = "01101137190".into()
        ),
        case!(
            "kenshin full-width",
            "kenshin",
            RegistrationNumber,
            Valid,
            |f| f.registration_number = "６６３１１１１１１６".into()
        ),
        // 助産所: 機関コード 10 digits.
        case!(
            "josan 9 digits",
            "josan",
            RegistrationNumber,
            Error("registration_number.length"),
            |f| f.registration_number = "012345678".into()
        ),
        case!("josan 10 digits", "josan", RegistrationNumber, Valid, |f| {
            f.registration_number = "0123456789".into()
        }),
        case!(
            "josan 11 digits",
            "josan",
            RegistrationNumber,
            Error("registration_number.length"),
            |f| f.registration_number = "01234567890".into()
        ),
        case!(
            "josan empty",
            "josan",
            RegistrationNumber,
            Error("registration_number.required"),
            |f| f.registration_number = String::new()
        ),
        // 電話番号: 半角数字・ハイフン無し; ^0\d{9,10}$ after normalising.
        case!(
            "phone 9 digits",
            "ahaki",
            Phone,
            Error("phone.length"),
            |f| f.phone = "012012345".into()
        ),
        case!("phone 10 digits (fixed line)", "ahaki", Phone, Valid, |f| {
            f.phone = "0312345678".into()
        }),
        case!("phone 11 digits (mobile)", "ahaki", Phone, Valid, |f| f
            .phone =
            "09012345678".into()),
        case!(
            "phone 12 digits",
            "ahaki",
            Phone,
            Error("phone.length"),
            |f| f.phone = "090123456789".into()
        ),
        case!(
            "phone full-width with hyphens",
            "ahaki",
            Phone,
            Valid,
            |f| f.phone = "０３－１２３４－５６７８".into()
        ),
        case!("phone hyphen look-alikes", "ahaki", Phone, Valid, |f| f
            .phone =
            "090‐1234ー5678".into()),
        case!(
            "phone no leading zero",
            "ahaki",
            Phone,
            Error("phone.leading_zero"),
            |f| f.phone = "3123456789".into()
        ),
        case!(
            "phone with parentheses",
            "ahaki",
            Phone,
            Error("phone.not_digits"),
            |f| f.phone = "03(1234)5678".into()
        ),
        case!(
            "phone empty",
            "ahaki",
            Phone,
            Error("phone.required"),
            |f| f.phone = String::new()
        ),
        // メールアドレス: ≤ 40; a–z 0–9 . - _ and one @; domain has a dot.
        case!("email 40 chars", "ahaki", Email, Valid, |f| f.email =
            format!("{}@example.jp", "a".repeat(29))),
        case!(
            "email 41 chars",
            "ahaki",
            Email,
            Error("email.too_long"),
            |f| f.email = format!("{}@example.jp", "a".repeat(30))
        ),
        case!("email upper case is lowered", "ahaki", Email, Valid, |f| {
            f.email = "Taro.Kikin@Example.JP".into()
        }),
        case!("email full-width letters", "ahaki", Email, Valid, |f| f
            .email =
            "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ".into()),
        case!("email allowed symbols", "ahaki", Email, Valid, |f| f
            .email =
            "a.b-c_d@ex-ample.co.jp".into()),
        case!(
            "email plus sign",
            "ahaki",
            Email,
            Error("email.invalid_char"),
            |f| f.email = "taro+1@example.jp".into()
        ),
        case!(
            "email Japanese local part",
            "ahaki",
            Email,
            Error("email.invalid_char"),
            |f| f.email = "たろう@example.jp".into()
        ),
        case!(
            "email inner space",
            "ahaki",
            Email,
            Error("email.invalid_char"),
            |f| f.email = "taro @example.jp".into()
        ),
        case!("email two @", "ahaki", Email, Error("email.format"), |f| {
            f.email = "taro@@example.jp".into()
        }),
        case!("email no @", "ahaki", Email, Error("email.format"), |f| f
            .email =
            "taro.example.jp".into()),
        case!(
            "email no dot in domain",
            "ahaki",
            Email,
            Error("email.format"),
            |f| f.email = "taro@example".into()
        ),
        case!(
            "email empty local part",
            "ahaki",
            Email,
            Error("email.format"),
            |f| f.email = "@example.jp".into()
        ),
        case!(
            "email empty domain label",
            "ahaki",
            Email,
            Error("email.format"),
            |f| f.email = "taro@example..jp".into()
        ),
        case!(
            "email empty",
            "ahaki",
            Email,
            Error("email.required"),
            |f| f.email = "  ".into()
        ),
        case!(
            "email raw input over 256 bytes, judged before normalising",
            "ahaki",
            Email,
            Error("email.too_long"),
            |f| f.email = "\u{FDFA}".repeat(86)
        ),
        // パスワード: 8–100; ≥1 upper, lower, digit; printable ASCII, no spaces.
        case!(
            "password 7 chars",
            "ahaki",
            Password,
            Error("password.too_short"),
            |f| {
                f.password = "Abcde12".into();
                f.password_confirmation = f.password.clone()
            }
        ),
        case!("password 8 chars", "ahaki", Password, Valid, |f| {
            f.password = "Abcdef12".into();
            f.password_confirmation = f.password.clone()
        }),
        case!("password 100 chars", "ahaki", Password, Valid, |f| {
            f.password = format!("Ab1{}", "x".repeat(97));
            f.password_confirmation = f.password.clone()
        }),
        case!(
            "password 101 chars",
            "ahaki",
            Password,
            Error("password.too_long"),
            |f| {
                f.password = format!("Ab1{}", "x".repeat(98));
                f.password_confirmation = f.password.clone()
            }
        ),
        case!(
            "password no upper",
            "ahaki",
            Password,
            Error("password.missing_upper"),
            |f| {
                f.password = "abcdef12".into();
                f.password_confirmation = f.password.clone()
            }
        ),
        case!(
            "password no lower",
            "ahaki",
            Password,
            Error("password.missing_lower"),
            |f| {
                f.password = "ABCDEF12".into();
                f.password_confirmation = f.password.clone()
            }
        ),
        case!(
            "password no digit",
            "ahaki",
            Password,
            Error("password.missing_digit"),
            |f| {
                f.password = "Abcdefgh".into();
                f.password_confirmation = f.password.clone()
            }
        ),
        case!(
            "password on the common list, any case",
            "ahaki",
            Password,
            Error("password.common"),
            |f| {
                f.password = "Password1".into();
                f.password_confirmation = f.password.clone()
            }
        ),
        case!("password symbols allowed", "ahaki", Password, Valid, |f| {
            f.password = "Ab1!@#$%^&*()".into();
            f.password_confirmation = f.password.clone()
        }),
        case!(
            "password space",
            "ahaki",
            Password,
            Error("password.invalid_char"),
            |f| {
                f.password = "Abcd 1234".into();
                f.password_confirmation = f.password.clone()
            }
        ),
        case!(
            "password full-width letter",
            "ahaki",
            Password,
            Error("password.invalid_char"),
            |f| {
                f.password = "Ａbcdef12".into();
                f.password_confirmation = f.password.clone()
            }
        ),
        case!(
            "password non-ASCII letter",
            "ahaki",
            Password,
            Error("password.invalid_char"),
            |f| {
                f.password = "Pässwort1".into();
                f.password_confirmation = f.password.clone()
            }
        ),
        case!(
            "password empty",
            "ahaki",
            Password,
            Error("password.required"),
            |f| {
                f.password = String::new();
                f.password_confirmation = String::new()
            }
        ),
        // パスワード（確認用）
        case!(
            "confirmation differs",
            "ahaki",
            PasswordConfirmation,
            Error("password_confirmation.mismatch"),
            |f| f.password_confirmation = "Passw0rdY".into()
        ),
        case!(
            "confirmation differs only in case",
            "ahaki",
            PasswordConfirmation,
            Error("password_confirmation.mismatch"),
            |f| f.password_confirmation = "passw0rdx".into()
        ),
        case!(
            "confirmation empty",
            "ahaki",
            PasswordConfirmation,
            Error("password_confirmation.required"),
            |f| f.password_confirmation = String::new()
        ),
        case!(
            "confirmation equal",
            "ahaki",
            PasswordConfirmation,
            Valid,
            |f| f.password_confirmation = f.password.clone()
        ),
        // 利用規約に同意
        case!(
            "terms not accepted",
            "ahaki",
            Terms,
            Error("terms.not_accepted"),
            |f| f.terms_accepted = false
        ),
        case!("terms accepted", "ahaki", Terms, Valid, |f| f
            .terms_accepted =
            true),
    ]
}

#[test]
fn every_case_shows_what_the_table_says() {
    let mut failures = Vec::new();
    let cases = table();
    for case in &cases {
        let mut form = base(case.kind);
        (case.edit)(&mut form);
        let report = form.check();
        let errors: Vec<&str> = report
            .errors_for(case.field)
            .map(|e| e.code.as_ref())
            .collect();
        let warnings: Vec<&str> = report
            .warnings
            .iter()
            .filter(|w| w.field == case.field)
            .map(|w| w.code.as_ref())
            .collect();
        let ok = match case.expect {
            Valid => report.valid && errors.is_empty() && warnings.is_empty(),
            Error(code) => !report.valid && errors == [code],
            Warning(code) => report.valid && errors.is_empty() && warnings == [code],
        };
        if !ok {
            failures.push(format!(
                "{}: expected {:?}, got errors {errors:?}, warnings {warnings:?}, other errors {:?}",
                case.name,
                case.expect,
                report.errors.iter().map(|e| e.code.as_ref()).collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn the_base_form_of_every_kind_is_valid() {
    for kind in ["judo", "ahaki", "kenshin", "josan"] {
        let report = base(kind).check();
        assert!(report.valid, "{kind}: {:?}", report.errors);
    }
}

#[test]
fn every_message_is_japanese_and_names_its_field() {
    let labels = [
        (Field::FamilyName, "姓"),
        (Field::GivenName, "名"),
        (Field::FacilityKind, "所属機関"),
        (Field::JudoPrefix, "① 入力項目"),
        (Field::Phone, "電話番号"),
        (Field::Email, "メールアドレス"),
        (Field::Password, "パスワード"),
        (Field::PasswordConfirmation, "パスワード（確認用）"),
        (Field::Terms, "利用規約"),
    ];
    for case in table() {
        let mut form = base(case.kind);
        (case.edit)(&mut form);
        let report = form.check();
        for e in report.errors.iter().chain(&report.warnings) {
            let code_field = e.code.split('.').next().unwrap_or_default();
            assert_eq!(
                code_field,
                e.field.key(),
                "{}: code {} on field {:?}",
                case.name,
                e.code,
                e.field
            );
            if let Some((_, label)) = labels.iter().find(|(f, _)| *f == e.field) {
                assert!(
                    e.message.starts_with(label),
                    "{}: {} does not name {label}",
                    case.name,
                    e.message
                );
            }
            assert!(e.message.ends_with('。'), "{}: {}", case.name, e.message);
        }
    }
}

#[test]
fn the_number_field_is_named_as_each_kind_names_it() {
    let expected = [
        ("judo", "② 入力項目"),
        ("ahaki", "入力項目"),
        ("kenshin", "健診機関番号"),
        ("josan", "機関コード"),
    ];
    for (kind, label) in expected {
        let mut form = base(kind);
        form.registration_number = "1".into();
        let report = form.check();
        let e = report
            .errors_for(Field::RegistrationNumber)
            .next()
            .expect("an error");
        assert!(e.message.starts_with(label), "{kind}: {}", e.message);
    }
}

#[test]
fn a_blank_form_gets_every_error_at_once_in_form_order() {
    let report = RegistrationForm::default().check();
    let codes: Vec<&str> = report.errors.iter().map(|e| e.code.as_ref()).collect();
    assert_eq!(
        codes,
        [
            "family_name.required",
            "given_name.required",
            "facility_kind.required",
            "phone.required",
            "email.required",
            "password.required",
            "password_confirmation.required",
            "terms.not_accepted",
        ]
    );
    assert_eq!(report.first_error_field(), Some(Field::FamilyName));
}

#[test]
fn the_required_panel_lists_only_what_is_still_empty() {
    let mut form = base("judo");
    form.judo_prefix = String::new();
    form.registration_number = "12".into();
    form.phone = String::new();
    // A number that is wrong is not "missing": its error is shown on the field instead.
    assert_eq!(form.check().missing(), [Field::JudoPrefix, Field::Phone]);
    form.terms_accepted = false;
    form.judo_prefix = "契".into();
    assert_eq!(form.check().missing(), [Field::Phone, Field::Terms]);
    assert!(base("josan").check().missing().is_empty());
}

#[test]
fn judo_reports_both_of_its_number_fields_at_once() {
    let mut form = base("judo");
    form.judo_prefix = String::new();
    form.registration_number = "12".into();
    let codes: Vec<String> = form
        .check()
        .errors
        .into_iter()
        .map(|e| e.code.into_owned())
        .collect();
    assert_eq!(
        codes,
        ["judo_prefix.required", "registration_number.length"]
    );
}

#[test]
fn the_user_sees_the_normalised_values() {
    let mut form = base("judo");
    form.registration_number = "０１２３４５６－７－８".into();
    form.phone = "０９０ー１２３４ー５６７８".into();
    form.email = "　Taro@Example.JP ".into();
    form.family_name = "\u{3000}基金 ".into();
    form.password = "Ｐassw0rd".into();
    let n = form.check().normalized;
    assert_eq!(n.registration_number, "012345678");
    assert_eq!(n.phone, "09012345678");
    assert_eq!(n.email, "taro@example.jp");
    assert_eq!(n.family_name, "基金");
    assert_eq!(n.password, "Ｐassw0rd", "passwords are never normalised");
}

#[test]
fn numbers_are_displayed_as_printed_on_the_notice() {
    let judo = base("judo");
    let r = Registration::parse(&judo).expect("valid");
    assert_eq!(r.number.display(), "契0123456-7-8");
    assert_eq!(r.number.canonical(), "契012345678");
    let ahaki = Registration::parse(&base("ahaki")).expect("valid");
    assert_eq!(ahaki.number.display(), "01234567-8-9");
    let kyo =
        RegistrationNumber::from_canonical(madoguchi_domain::FacilityKind::Judo, "協987654321")
            .expect("valid");
    assert_eq!(kyo.display(), "協9876543-2-1");
}

#[test]
fn codes_are_stable_identifiers() {
    let mut seen = std::collections::BTreeSet::new();
    for case in table() {
        if let Error(code) | Warning(code) = case.expect {
            let (field, rule) = code.split_once('.').expect("field.rule");
            assert!(
                !field.is_empty() && rule.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{code}"
            );
            seen.insert(code);
        }
    }
    // 34 distinct rules are exercised by the table.
    assert!(
        seen.len() >= 30,
        "only {} distinct codes covered",
        seen.len()
    );
}

#[test]
fn a_kind_is_read_as_a_spreadsheet_writes_it() {
    use madoguchi_domain::FacilityKind;
    for (name, kind) in [
        ("柔道整復", FacilityKind::Judo),
        ("judo", FacilityKind::Judo),
        (
            "施術所（あん摩マッサージ指圧・はり・きゅう）",
            FacilityKind::Ahaki,
        ),
        (
            "施術所(あん摩マッサージ指圧・はり・きゅう)",
            FacilityKind::Ahaki,
        ),
        (" 健診実施機関等 ", FacilityKind::Kenshin),
        ("助産所", FacilityKind::Josan),
    ] {
        assert_eq!(FacilityKind::from_name(name), Some(kind), "{name}");
    }
    assert_eq!(FacilityKind::from_name("歯科"), None);
    assert_eq!(FacilityKind::from_name(""), None);
}

#[test]
fn a_draft_is_judged_on_everything_but_the_password_and_terms() {
    use madoguchi_domain::ipc::DraftFields;
    let mut d = DraftFields::from_form(&base("ahaki"));
    d.terms_accepted = false;
    assert!(d.errors().is_empty(), "{:?}", d.errors());
    assert_eq!(d.facility_key().as_deref(), Some("ahaki:0123456789"));
    d.phone = "03-12".into();
    let errors = d.errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, "phone.length");
}
