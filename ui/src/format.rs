//! How the screens write dates and facility numbers (shared by 下書き and its 控え).

use madoguchi_domain::ipc::Draft;
use madoguchi_domain::{FacilityKind, RegistrationNumber};

pub fn local_time(unix: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
    format!(
        "{}-{:02}-{:02} {:02}:{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// The number as printed on the notice when complete, else as typed.
pub fn facility_number(d: &Draft) -> String {
    FacilityKind::from_key(&d.fields.facility_kind)
        .and_then(|k| {
            RegistrationNumber::parse(k, &d.fields.judo_prefix, &d.fields.registration_number).ok()
        })
        .map(|n| n.display())
        .unwrap_or_else(|| d.fields.registration_number.clone())
}
