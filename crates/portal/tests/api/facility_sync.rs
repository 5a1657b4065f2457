//! Delta sync of the facility master and the snapshot the app is seeded from.

use madoguchi_portal::{import, snapshot};

use crate::helpers::{spawn_app, spawn_app_with, Backend, TestApp};
use crate::on_both_backends;

async fn page(app: &TestApp, query: &str) -> serde_json::Value {
    app.get_json(&format!("/api/v1/facility-changes?{query}"))
        .await
}

/// Follows `next` until `more` is false, as the app does; returns every row seen.
async fn drain(app: &TestApp, from_version: i64, limit: usize) -> (Vec<serde_json::Value>, i64) {
    let mut rows = Vec::new();
    let mut query = format!("version={from_version}&limit={limit}");
    loop {
        let p = page(app, &query).await;
        rows.extend(p["facilities"].as_array().cloned().unwrap_or_default());
        let next = &p["next"];
        if p["more"] != true {
            return (rows, next["version"].as_i64().unwrap_or(-1));
        }
        query = format!(
            "version={}&kind={}&number={}&limit={limit}",
            next["version"],
            next["kind"].as_str().unwrap_or_default(),
            urlencode(next["number"].as_str().unwrap_or_default())
        );
    }
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn a_delta_brings_only_what_changed_and_pages_are_complete(backend: Backend) {
    let app = spawn_app(backend).await;
    let all = madoguchi_portal::db::facilities::count(&app.db)
        .await
        .expect("count");
    // Paging by 3 inside one version must neither skip nor repeat a row.
    let (rows, v1) = drain(&app, 0, 3).await;
    assert_eq!(i64::try_from(rows.len()).ok(), Some(all));
    let mut keys: Vec<String> = rows
        .iter()
        .map(|r| format!("{}{}", r["kind"], r["number"]))
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), rows.len(), "no row twice");

    // A re-import that renames one facility, closes another and adds a third.
    let csv = "kind,number,name,prefecture,status\n\
               ahaki,0123456789,あはき改称治療院,東京都,active\n\
               josan,0123456789,デモ助産所,東京都,closed\n\
               kenshin,0987654321,新しい健診センター,大阪府,active\n";
    import::import(&app.db, csv.as_bytes())
        .await
        .expect("import");
    let (delta, v2) = drain(&app, v1, 1000).await;
    assert!(v2 > v1);
    let names: Vec<&str> = delta.iter().filter_map(|r| r["name"].as_str()).collect();
    assert!(names.contains(&"あはき改称治療院"), "{names:?}");
    assert!(names.contains(&"新しい健診センター"), "{names:?}");
    assert!(
        delta.len() <= 3,
        "only the changed rows come again: {delta:?}"
    );
    // Up to date: nothing more, and the cursor stays.
    let (none, v3) = drain(&app, v2, 1000).await;
    assert!(none.is_empty());
    assert_eq!(v3, v2);
    // A cursor from another master (ahead of this one) is told the latest version.
    let p = page(&app, "version=999999").await;
    assert_eq!(p["latest_version"].as_i64(), Some(v2));
}

async fn the_snapshot_holds_the_whole_master(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut out = Vec::new();
    let n = snapshot::export(&app.db, &mut out).await.expect("export");
    let text = String::from_utf8(out).expect("utf-8");
    let mut lines = text.lines();
    let version = madoguchi_portal::db::facility_changes::latest_version(&app.db)
        .await
        .expect("version");
    assert_eq!(
        lines.next(),
        Some(format!("#madoguchi-facility-snapshot version={version}").as_str())
    );
    assert_eq!(
        lines.next(),
        Some("kind,number,name,prefecture,status,version")
    );
    assert_eq!(lines.count(), usize::try_from(n).unwrap_or(0));
    assert_eq!(
        i64::try_from(n).ok(),
        Some(
            madoguchi_portal::db::facilities::count(&app.db)
                .await
                .expect("count")
        )
    );
}

/// The status and name a lookup answers now.
async fn lookup(app: &TestApp, path: &str) -> (u16, String) {
    let r = app
        .client
        .get(format!("{}/api/v1/facilities/{path}", app.base))
        .send()
        .await
        .expect("lookup");
    let status = r.status().as_u16();
    let v: serde_json::Value = r.json().await.unwrap_or_default();
    (status, v["name"].as_str().unwrap_or_default().to_owned())
}

/// Lookups answer from the master in memory, which follows the database: an import made
/// elsewhere (here straight on the database, as the CLI does) shows within the refresh.
async fn lookups_follow_an_import_within_the_refresh(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.lookup_refresh_ms = 200).await;
    assert_eq!(
        lookup(&app, "ahaki/0123456789").await,
        (200, "基金鍼灸院".to_owned())
    );
    assert_eq!(lookup(&app, "kenshin/0987654321").await.0, 404);
    let csv = "kind,number,name,prefecture,status\n\
               ahaki,0123456789,あはき改称治療院,東京都,active\n\
               josan,1312345678,みなと助産院,東京都,closed\n\
               kenshin,0987654321,新しい健診センター,大阪府,active\n";
    import::import(&app.db, csv.as_bytes())
        .await
        .expect("import");
    let expected = [
        ("ahaki/0123456789", (200, "あはき改称治療院".to_owned())),
        ("josan/1312345678", (404, String::new())),
        ("kenshin/0987654321", (200, "新しい健診センター".to_owned())),
    ];
    let mut seen = Vec::new();
    for _ in 0..50 {
        seen.clear();
        for (path, _) in &expected {
            seen.push(lookup(&app, path).await);
        }
        if seen.iter().zip(&expected).all(|(s, (_, e))| s == e) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("5 s after the import, lookups still answer {seen:?}");
}

on_both_backends!(
    lookups_follow_an_import_within_the_refresh,
    a_delta_brings_only_what_changed_and_pages_are_complete,
    the_snapshot_holds_the_whole_master,
);
