//! The crash loops: start the soak process, kill it at a random moment (SIGKILL on Unix,
//! TerminateProcess on Windows: what `Child::kill` does on each), then check what it left
//! behind with the app's own store code. The same loops run on Linux (tests/resilience) and
//! under Wine (`madoguchi-soak crash-saves`, `crash-sends`).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use madoguchi_app::store::{self, drafts};
use madoguchi_domain::ipc::{DraftFields, DraftState};
use sqlx::Row;

#[derive(Debug, thiserror::Error)]
pub enum CrashFailure {
    #[error("the soak process did not start: {0}")]
    Spawn(std::io::Error),
    #[error("the store did not open after a crash: {0}")]
    Store(String),
    #[error("integrity_check after a crash: {0}")]
    Integrity(String),
    #[error("draft {draft}: a save of revision {acknowledged} was acknowledged, the store holds {found}")]
    Lost {
        draft: u32,
        acknowledged: u64,
        found: u64,
    },
    #[error("a torn row: {0}")]
    Torn(String),
    #[error("the soak printed a line it should not have: {0:?}")]
    Garbled(String),
    #[error("too few saves between kills ({saves} in {rounds} rounds): the kills came too early")]
    TooFewSaves { saves: usize, rounds: usize },
    #[error("only {kills} of {rounds} runs were killed mid-send")]
    TooFewKills { kills: usize, rounds: usize },
    #[error("no kill landed while a request was in flight")]
    NoneMidRequest,
    #[error("the last run, left to finish, failed: {0}")]
    Unfinished(String),
    #[error("draft {0} is {1:?} after the last run, not sent")]
    NotSent(String, DraftState),
}

/// What a save loop proved.
#[derive(Debug)]
pub struct SavesReport {
    pub rounds: usize,
    pub saves: usize,
}

/// What a send loop proved; the caller counts the portal's registrations for `emails`.
#[derive(Debug)]
pub struct SendsReport {
    pub kills: usize,
    pub mid_request: usize,
    pub emails: Vec<String>,
}

fn spawn(soak: &Path, args: &[&str]) -> Result<Child, CrashFailure> {
    Command::new(soak)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(CrashFailure::Spawn)
}

/// Kills `child` `ms` after it printed its `nth` line starting with `prefix` (or once it
/// exits by itself); returns every line it printed and whether it was killed.
fn kill_after_line(mut child: Child, prefix: &str, nth: usize, ms: u64) -> (Vec<String>, bool) {
    let Some(out) = child.stdout.take() else {
        let _ = child.kill();
        let _ = child.wait();
        return (Vec::new(), false);
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    let mut seen = 0;
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(30)) {
        let hit = line.starts_with(prefix);
        lines.push(line);
        if hit {
            seen += 1;
            if seen == nth {
                std::thread::sleep(Duration::from_millis(ms));
                break;
            }
        }
    }
    let killed = child.try_wait().ok().flatten().is_none();
    let _ = child.kill();
    let _ = child.wait();
    let _ = reader.join();
    lines.extend(rx.try_iter());
    (lines, killed)
}

async fn open_after_crash(db: &Path) -> Result<sqlx::SqlitePool, CrashFailure> {
    let pool = store::open(db)
        .await
        .map_err(|e| CrashFailure::Store(e.to_string()))?;
    let r: String = sqlx::query("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .and_then(|row| row.try_get(0))
        .map_err(|e| CrashFailure::Integrity(e.to_string()))?;
    if r != "ok" {
        return Err(CrashFailure::Integrity(r));
    }
    Ok(pool)
}

/// The revision a saved row shows, checking that no field is from another revision.
fn revision_of(fields: &DraftFields) -> Result<u64, CrashFailure> {
    let i: u64 = fields
        .family_name
        .trim_start_matches("基金")
        .parse()
        .map_err(|_| CrashFailure::Torn(format!("family name {:?}", fields.family_name)))?;
    if fields.phone != format!("0{:010}", i % 10_000_000_000)
        || !fields.email.ends_with(&format!(".{i}@example.jp"))
    {
        return Err(CrashFailure::Torn(format!(
            "revision {i} with phone {:?} and address {:?}",
            fields.phone, fields.email
        )));
    }
    Ok(i)
}

/// `rounds` runs of `soak save`, each killed 0–20 ms after its first to third commit: no
/// acknowledged save is lost, no row is torn, the file passes integrity_check every time.
pub async fn saves(soak: &Path, db: &Path, rounds: usize) -> Result<SavesReport, CrashFailure> {
    let db_arg = db.display().to_string();
    let mut rng = fastrand::Rng::with_seed(7);
    let mut acknowledged: HashMap<u32, u64> = HashMap::new();
    let mut saves = 0;
    let mut next: u64 = 0;
    for _ in 0..rounds {
        // Each run goes on from the highest revision any earlier run wrote.
        let start = next.to_string();
        let child = spawn(soak, &["save", &db_arg, &start])?;
        let (lines, _) = kill_after_line(child, "saved", rng.usize(1..=3), rng.u64(0..20));
        for l in &lines {
            let mut parts = l.split(' ').skip(1);
            let (Some(k), Some(i)) = (parts.next(), parts.next()) else {
                return Err(CrashFailure::Garbled(l.clone()));
            };
            let (Ok(k), Ok(i)) = (k.parse::<u32>(), i.parse::<u64>()) else {
                return Err(CrashFailure::Garbled(l.clone()));
            };
            acknowledged.insert(k, i);
            saves += 1;
        }
        let pool = open_after_crash(db).await?;
        let listed = drafts::list(&pool)
            .await
            .map_err(|e| CrashFailure::Store(e.to_string()))?;
        for d in listed {
            let k: u32 =
                d.id.trim_start_matches("draft-")
                    .parse()
                    .map_err(|_| CrashFailure::Garbled(d.id.clone()))?;
            let i = revision_of(&d.fields)?;
            // A save that reported success is never lost.
            let acked = acknowledged.get(&k).copied().unwrap_or(0);
            if i < acked {
                return Err(CrashFailure::Lost {
                    draft: k,
                    acknowledged: acked,
                    found: i,
                });
            }
            acknowledged.insert(k, i);
            next = next.max(i);
        }
        next = next.max(acknowledged.values().copied().max().unwrap_or(0));
        pool.close().await;
    }
    if saves < rounds {
        return Err(CrashFailure::TooFewSaves { saves, rounds });
    }
    Ok(SavesReport { rounds, saves })
}

async fn wait_done(soak: &Path, args: &[&str]) -> Result<Vec<String>, CrashFailure> {
    let mut child = spawn(soak, args)?;
    for _ in 0..1200 {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => {
                let Some(out) = child.stdout.take() else {
                    return Ok(Vec::new());
                };
                return Ok(BufReader::new(out).lines().map_while(Result::ok).collect());
            }
            Ok(Some(status)) => return Err(CrashFailure::Unfinished(status.to_string())),
            Ok(None) => tokio::time::sleep(Duration::from_millis(100)).await,
            Err(e) => return Err(CrashFailure::Unfinished(e.to_string())),
        }
    }
    let _ = child.kill();
    Err(CrashFailure::Unfinished("not done in 120 s".into()))
}

/// `rounds` runs of `soak send` against the portal at `url`, run k queueing k submissions and
/// killed 0–25 ms after its first or second request went out; then one run left to finish.
/// Every draft ends sent; the caller checks that each address made exactly one account.
pub async fn sends(
    soak: &Path,
    db: &Path,
    url: &str,
    rounds: usize,
) -> Result<SendsReport, CrashFailure> {
    let db_arg = db.display().to_string();
    let mut rng = fastrand::Rng::with_seed(11);
    let (mut kills, mut mid_request) = (0, 0);
    for run in 1..=rounds {
        let n = run.to_string();
        let child = spawn(soak, &["send", &db_arg, url, &n])?;
        let (lines, killed) = kill_after_line(child, "sending", rng.usize(1..=2), rng.u64(0..25));
        if killed {
            kills += 1;
            if lines.last().is_some_and(|l| l.starts_with("sending")) {
                mid_request += 1;
            }
        }
        open_after_crash(db).await?.close().await;
    }
    let n = rounds.to_string();
    let last = wait_done(soak, &["send", &db_arg, url, &n]).await?;
    if last.last().map(String::as_str) != Some("all sent") {
        return Err(CrashFailure::Unfinished(format!("{:?}", last.last())));
    }
    let pool = open_after_crash(db).await?;
    for d in drafts::list(&pool)
        .await
        .map_err(|e| CrashFailure::Store(e.to_string()))?
    {
        if d.state != DraftState::Sent {
            return Err(CrashFailure::NotSent(d.id, d.state));
        }
    }
    pool.close().await;
    if kills < rounds * 9 / 10 {
        return Err(CrashFailure::TooFewKills { kills, rounds });
    }
    if mid_request == 0 {
        return Err(CrashFailure::NoneMidRequest);
    }
    Ok(SendsReport {
        kills,
        mid_request,
        emails: (0..rounds).map(crate::child::send_email).collect(),
    })
}
