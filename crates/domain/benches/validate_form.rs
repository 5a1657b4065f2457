//! How long judging a whole form takes: the UI does it on every keystroke.

use criterion::{criterion_group, criterion_main, Criterion};
use madoguchi_domain::RegistrationForm;
use std::hint::black_box;

fn valid_form() -> RegistrationForm {
    RegistrationForm {
        family_name: "基金".into(),
        given_name: "太郎".into(),
        facility_kind: "judo".into(),
        judo_prefix: "契".into(),
        // Typed through an IME: full-width digits and a full-width hyphen.
        registration_number: "０１２３４５６－７８".into(),
        phone: "０１２０-１２３-４５６７".into(),
        email: "Taro.Kikin@Example.JP".into(),
        password: "Sekkotsu2024pass".into(),
        password_confirmation: "Sekkotsu2024pass".into(),
        terms_accepted: true,
    }
}

fn bench(c: &mut Criterion) {
    let valid = valid_form();
    let invalid = RegistrationForm {
        registration_number: "12345".into(),
        email: "x".repeat(50),
        password: "short".into(),
        terms_accepted: false,
        ..valid_form()
    };
    c.bench_function("check whole form (valid, IME input)", |b| {
        b.iter(|| black_box(black_box(&valid).check()))
    });
    c.bench_function("check whole form (four errors)", |b| {
        b.iter(|| black_box(black_box(&invalid).check()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
