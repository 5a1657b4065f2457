//! `demo-facilities`: a CSV of plausible facilities of all four kinds, for demos and
//! benchmarks. Deterministic for a given seed. The first rows are the manual's examples.

use std::collections::HashSet;
use std::io::Write;

use madoguchi_domain::registration_number::kenshin_check_digit_ok;

const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];
const SURNAMES: [&str; 24] = [
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
    "山崎",
    "森",
    "池田",
    "橋本",
];
const PLACES: [&str; 20] = [
    "駅前",
    "中央",
    "さくら",
    "みどり",
    "ひかり",
    "あおば",
    "本町",
    "緑ヶ丘",
    "港",
    "若葉",
    "朝日",
    "青空",
    "ふれあい",
    "つばさ",
    "城南",
    "城北",
    "東口",
    "西口",
    "南町",
    "北野",
];

/// The manual's examples and a few fixed entries that README and tests refer to.
pub const FIXED: [(&str, &str, &str, &str, &str); 6] = [
    ("judo", "契012345678", "基金接骨院", "東京都", "active"),
    ("judo", "協123456789", "中央整骨院", "大阪府", "active"),
    ("ahaki", "0123456789", "基金鍼灸院", "東京都", "active"),
    (
        "kenshin",
        "0110113719",
        "札幌中央健診センター",
        "北海道",
        "active",
    ),
    ("josan", "1312345678", "みなと助産院", "東京都", "active"),
    ("judo", "契999999999", "閉院接骨院", "東京都", "closed"),
];

fn digits(rng: &mut fastrand::Rng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.u8(0..10))).collect()
}

fn kenshin_number(rng: &mut fastrand::Rng, pref: usize) -> String {
    let body = format!("{:02}{}{}", pref + 1, rng.u8(1..3), digits(rng, 6));
    (0..10u8)
        .map(|c| format!("{body}{c}"))
        .find(|n| kenshin_check_digit_ok(n))
        .unwrap_or_else(|| format!("{body}0"))
}

/// Writes `count` rows (plus the header) to `out`.
pub fn write(out: impl Write, count: usize, seed: u64) -> Result<usize, csv::Error> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["kind", "number", "name", "prefecture", "status"])?;
    let mut seen = HashSet::new();
    let mut written = 0;
    for (kind, number, name, pref, status) in FIXED {
        seen.insert((kind.to_owned(), number.to_owned()));
        w.write_record([kind, number, name, pref, status])?;
        written += 1;
    }
    while written < count {
        let pref = rng.usize(0..PREFECTURES.len());
        let surname = SURNAMES[rng.usize(0..SURNAMES.len())];
        let place = PLACES[rng.usize(0..PLACES.len())];
        let (kind, number, name) = match rng.u8(0..10) {
            0..=3 => {
                let prefix = if rng.bool() { "協" } else { "契" };
                let name = match rng.u8(0..3) {
                    0 => format!("{surname}接骨院"),
                    1 => format!("{place}整骨院"),
                    _ => format!("{surname}整骨院"),
                };
                ("judo", format!("{prefix}{}", digits(&mut rng, 9)), name)
            }
            4..=6 => {
                let name = match rng.u8(0..3) {
                    0 => format!("{surname}鍼灸院"),
                    1 => format!("{place}はり・きゅう治療院"),
                    _ => format!("{surname}マッサージ治療院"),
                };
                ("ahaki", digits(&mut rng, 10), name)
            }
            7..=8 => {
                let name = match rng.u8(0..3) {
                    0 => format!("{place}健診センター"),
                    1 => format!("{place}総合健診クリニック"),
                    _ => format!("{surname}内科クリニック"),
                };
                ("kenshin", kenshin_number(&mut rng, pref), name)
            }
            _ => ("josan", digits(&mut rng, 10), format!("{surname}助産院")),
        };
        if !seen.insert((kind.to_owned(), number.clone())) {
            continue;
        }
        let status = if rng.u8(0..50) == 0 {
            "closed"
        } else {
            "active"
        };
        w.write_record([
            kind,
            number.as_str(),
            name.as_str(),
            PREFECTURES[pref],
            status,
        ])?;
        written += 1;
    }
    w.flush()?;
    Ok(written)
}
