//! Cold start of the app to an interactive registration form, and the resident memory of
//! the app with its WebKit processes on that form. Prints one line per run and a summary;
//! bench/app.sh turns it into a table. Needs a display (Xvfb) and tauri-driver.

use std::path::{Path, PathBuf};
use std::time::Duration;

use madoguchi_e2e::app::{app_binary, AppSession};

/// Proportional set size (KiB) of `pid` and every process below it: shared pages (the
/// WebKit and GTK libraries every process maps) are split between their users instead of
/// being counted once per process, as a sum of RSS would.
fn tree_pss_kib(root: u32) -> u64 {
    let mut procs = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // The field after the ")" that closes the command name: state, then ppid.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0);
        let rss = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("Pss:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|v| v.parse::<u64>().ok())
            })
            .unwrap_or(0);
        procs.push((pid, ppid, rss));
    }
    let mut total = 0;
    let mut frontier = vec![root];
    while let Some(p) = frontier.pop() {
        for (pid, ppid, rss) in &procs {
            if *pid == p {
                total += rss;
            }
            if *ppid == p {
                frontier.push(*pid);
            }
        }
    }
    total
}

fn app_pid(binary: &Path) -> Option<u32> {
    let want = std::fs::canonicalize(binary).ok()?;
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid = e.file_name().to_string_lossy().parse::<u32>().ok()?;
        let exe: PathBuf = std::fs::read_link(format!("/proc/{pid}/exe")).ok()?;
        (exe == want).then_some(pid)
    })
}

#[tokio::main]
async fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let mut times = Vec::new();
    let mut rss = Vec::new();
    for run in 1..=runs {
        let app = AppSession::launch().await.expect("the app starts");
        app.click("a.entry.primary")
            .await
            .expect("新規ユーザー登録はこちら");
        app.element("#family_name").await.expect("the form");
        let ms = app.started_at.elapsed().as_secs_f64() * 1000.0;
        // Let the page settle before reading memory.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let kib = app_pid(&app_binary()).map(tree_pss_kib).unwrap_or(0);
        println!(
            "run {run}: {ms:.0} ms to the registration form, {:.1} MiB resident",
            kib as f64 / 1024.0
        );
        times.push(ms);
        rss.push(kib as f64 / 1024.0);
        app.close().await.expect("closes");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    println!("SUMMARY {:.0} {:.1}", median(&mut times), median(&mut rss));
}
