//! The machine's argon2id limit with the portal's own parameters and hashing threads:
//! hashes per second with every core hashing and nothing else running. bench/portal.sh
//! compares the portal's throughput with it.

use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let mut callers = Vec::new();
    // Two callers per hashing thread, so that a job always waits when a thread finishes
    // one: the limit is the threads' own, not the callers' round trips.
    for _ in 0..2 * cores {
        callers.push(tokio::spawn(async move {
            let mut n = 0u64;
            while Instant::now() < deadline {
                if madoguchi_portal::secrets::hash_password("Bench12345".into())
                    .await
                    .is_ok()
                {
                    n += 1;
                }
            }
            n
        }));
    }
    let mut total = 0;
    for c in callers {
        total += c.await.unwrap_or(0);
    }
    let rate = total as f64 / start.elapsed().as_secs_f64();
    println!("{rate:.1} {cores}");
}
