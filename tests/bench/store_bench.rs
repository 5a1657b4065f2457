//! bench/store.sh: the offline facility cache with a master of 200,000 facilities, all real
//! parts: the portal (SQLite) holds the master, exports the snapshot the app is seeded from,
//! and serves the delta sync over HTTP on loopback.

use std::time::{Duration, Instant};

use madoguchi_app::portal_client::PortalClient;
use madoguchi_app::store::{self, facility_cache, facility_reader};
use madoguchi_domain::FacilityKind;
use madoguchi_portal::{demo, import, snapshot};
use madoguchi_testkit::portal::{self, Backend};

const FACILITIES: usize = 200_000;
const LOOKUPS: usize = 100_000;
const CHANGES: usize = 1_000;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = portal::start(Backend::Sqlite, |_| {}).await;

    // The master: 200,000 demo facilities of the four kinds.
    let mut csv = Vec::new();
    demo::write(&mut csv, FACILITIES, 42).expect("demo master");
    let report = import::import(&portal.db, csv.as_slice())
        .await
        .expect("import");
    assert!(report.rejected.is_empty());

    let snapshot_path = dir.path().join("facility-snapshot.csv");
    let file = std::fs::File::create(&snapshot_path).expect("file");
    let rows = snapshot::export(&portal.db, std::io::BufWriter::new(file))
        .await
        .expect("export");
    let size = std::fs::metadata(&snapshot_path)
        .map(|m| m.len())
        .unwrap_or(0);

    // Seeding the app's cache from the snapshot, as at the first start.
    let pool = store::open(&dir.path().join("madoguchi.db"))
        .await
        .expect("store");
    let t = Instant::now();
    let f = std::io::BufReader::new(std::fs::File::open(&snapshot_path).expect("open"));
    let seeded = facility_cache::seed(&pool, f)
        .await
        .expect("seed")
        .unwrap_or(0);
    let seed_time = t.elapsed();

    // Lookups: every one of a random sample, 1 in 10 a number the cache does not hold.
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let numbers: Vec<(FacilityKind, String)> = reader
        .records()
        .map_while(Result::ok)
        .filter_map(|r| Some((FacilityKind::from_key(r.get(0)?)?, r.get(1)?.to_owned())))
        .collect();
    // One sequence of lookups, made before timing, for the cache and its floor alike.
    let mut rng = fastrand::Rng::with_seed(1);
    let sample: Vec<(FacilityKind, String)> = (0..LOOKUPS)
        .map(|n| {
            let (kind, number) = &numbers[rng.usize(0..numbers.len())];
            let number = if n % 10 == 0 {
                format!("{number}x")
            } else {
                number.clone()
            };
            (*kind, number)
        })
        .collect();
    // The app's look-up, as the form's lookup command calls it.
    let reader = facility_reader::FacilityReader::open(&dir.path().join("madoguchi.db"))
        .expect("the app's facility reader");
    let mut times = Vec::with_capacity(LOOKUPS);
    let mut hits = 0;
    for (kind, number) in &sample {
        let t = Instant::now();
        let found = reader.find(*kind, number).expect("find");
        times.push(t.elapsed());
        hits += usize::from(found.is_some());
    }
    times.sort();

    // The floor: the same lookups as a prepared point query on the same file, straight
    // through SQLite's C API, in this thread.
    let floor = {
        let db = rusqlite::Connection::open_with_flags(
            dir.path().join("madoguchi.db"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("open the cache read-only");
        let mut stmt = db
            .prepare(
                "SELECT name, prefecture, active, version FROM facility_cache WHERE kind = ?1 AND number = ?2",
            )
            .expect("prepare");
        let mut times = Vec::with_capacity(LOOKUPS);
        for (kind, number) in &sample {
            let t = Instant::now();
            let mut rows = stmt.query((kind.key(), number)).expect("query");
            let row: Option<(String, String, i64, i64)> = rows
                .next()
                .expect("step")
                .map(|r| Ok::<_, rusqlite::Error>((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .transpose()
                .expect("row");
            times.push(t.elapsed());
            std::hint::black_box(row);
        }
        times.sort();
        times
    };
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);

    // A delta of 1,000 changed facilities: renamed on the portal, pulled by the app.
    let changed: String = numbers
        .iter()
        .take(CHANGES)
        .map(|(k, n)| format!("{},{n},改称{n},東京都,active\n", k.key()))
        .collect();
    import::import(
        &portal.db,
        format!("kind,number,name,prefecture,status\n{changed}").as_bytes(),
    )
    .await
    .expect("changes");
    let client = PortalClient::new(url::Url::parse(&portal.base).expect("url")).expect("client");
    let t = Instant::now();
    let synced =
        madoguchi_app::workflow::sync::sync(&pool, &client, &madoguchi_app::events::nowhere())
            .await
            .expect("sync");
    let sync_time = t.elapsed();

    println!();
    println!("| {:<58} | {:>14} | {:<9} |", "measure", "value", "target");
    println!("|{}|{}|{}|", "-".repeat(60), "-".repeat(16), "-".repeat(11));
    println!(
        "| {:<58} | {:>14} | {:<9} |",
        format!("lookup p50 ({LOOKUPS} lookups, cache of {seeded} facilities)"),
        us(percentile(&times, 0.5)),
        ""
    );
    println!(
        "| {:<58} | {:>14} | {:<9} |",
        format!("lookup p99 ({hits} hits, {} misses)", LOOKUPS - hits),
        us(percentile(&times, 0.99)),
        "<= 1 ms"
    );
    let (floor50, floor99) = (percentile(&floor, 0.5), percentile(&floor, 0.99));
    println!(
        "| {:<58} | {:>14} | {:<9} |",
        "floor: prepared point query, same file, p50",
        us(floor50),
        ""
    );
    println!(
        "| {:<58} | {:>14} | {:<9} |",
        "floor: prepared point query, same file, p99",
        us(floor99),
        ""
    );
    println!(
        "| {:<58} | {:>13.2}× | {:<9} |",
        "lookup p50 ÷ floor p50",
        ratio(percentile(&times, 0.5), floor50),
        ""
    );
    println!(
        "| {:<58} | {:>13.2}× | {:<9} |",
        "lookup p99 ÷ floor p99",
        ratio(percentile(&times, 0.99), floor99),
        "<= 2×"
    );
    println!(
        "| {:<58} | {:>11} ms | {:<9} |",
        format!("import a snapshot of {rows} rows ({} MB)", size / 1_000_000),
        seed_time.as_millis(),
        "<= 2 s"
    );
    println!(
        "| {:<58} | {:>11} ms | {:<9} |",
        format!("delta sync of {synced} changes over HTTP (loopback)"),
        sync_time.as_millis(),
        ""
    );
    // Machine-readable rows for bench/all.sh: measure, value, floor, ratio, goal, met.
    let p99 = ratio(percentile(&times, 0.99), floor99);
    println!(
        "RESULT\tapp cache lookup p99 (200,000 rows)\t{}\t{} (prepared query)\t{p99:.2}\t<= 2.00\t{}",
        us(percentile(&times, 0.99)),
        us(floor99),
        if p99 <= 2.0 { "yes" } else { "no" }
    );
}
