//! How the screens write dates and facility numbers (shared by 下書き and its 控え).

use madoguchi_domain::ipc::Draft;
use madoguchi_domain::{FacilityKind, RegistrationNumber};

/// Japan time (UTC+9, no daylight saving) as Japanese users read it:
/// `2026年11月27日 12:03`. Computed here, not by the PC's clock settings, which on a clinic
/// PC may say anything.
pub fn japan_time(unix: i64) -> String {
    let (y, m, d, hh, mm, _) = japan_civil(unix);
    format!("{y}年{m}月{d}日 {hh:02}:{mm:02}")
}

/// `12:03:45`, Japan time.
pub fn japan_clock(unix: i64) -> String {
    let (_, _, _, hh, mm, ss) = japan_civil(unix);
    format!("{hh:02}:{mm:02}:{ss:02}")
}

/// (year, month, day, hour, minute, second) in Japan time; the civil-from-days algorithm
/// of Howard Hinnant's `date` library.
fn japan_civil(unix: i64) -> (i64, i64, i64, i64, i64, i64) {
    let t = unix + 9 * 3600;
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, secs / 3600, secs % 3600 / 60, secs % 60)
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

#[cfg(test)]
mod tests {
    use super::{japan_clock, japan_time};

    #[test]
    fn times_read_as_in_japan() {
        // 2026-11-27 03:03:45 UTC is 12:03 in Japan.
        assert_eq!(japan_time(1_795_748_625), "2026年11月27日 12:03");
        assert_eq!(japan_clock(1_795_748_625), "12:03:45");
        // Past midnight UTC+9 the date moves on; leap days are days.
        assert_eq!(japan_time(1_709_218_800), "2024年3月1日 00:00");
        assert_eq!(japan_time(1_709_132_400), "2024年2月29日 00:00");
    }
}
