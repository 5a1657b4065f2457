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

/// One cold start of `binary` to what shows it is ready: the app's registration form (one
/// click from the top page), or the bare window's page. Returns (ms, MiB PSS).
async fn one_run(binary: &Path, bare: bool) -> (f64, f64) {
    let app = AppSession::launch_binary(binary, &[])
        .await
        .expect("the window starts");
    if bare {
        app.element("#ready").await.expect("the page");
    } else {
        app.click("a.entry.primary")
            .await
            .expect("新規ユーザー登録はこちら");
        app.element("#family_name").await.expect("the form");
    }
    let ms = app.started_at.elapsed().as_secs_f64() * 1000.0;
    // Let the page settle before reading memory.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let kib = app_pid(binary).map(tree_pss_kib).unwrap_or(0);
    app.close().await.expect("closes");
    tokio::time::sleep(Duration::from_millis(300)).await;
    (ms, kib as f64 / 1024.0)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// `app_startup RUNS [BARE_BINARY]`: with a bare window, the two start turn by turn, so
/// that the machine's drift hits both alike, and the ratios are printed too.
#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10);
    let bare: Option<PathBuf> = args.next().map(PathBuf::from);
    let app = app_binary();
    let (mut times, mut pss, mut bare_times, mut bare_pss) = (vec![], vec![], vec![], vec![]);
    for run in 1..=runs {
        let (ms, mib) = one_run(&app, false).await;
        println!("run {run}: app {ms:.0} ms to the registration form, {mib:.1} MiB PSS");
        times.push(ms);
        pss.push(mib);
        if let Some(bare) = &bare {
            let (ms, mib) = one_run(bare, true).await;
            println!("run {run}: bare window {ms:.0} ms to its page, {mib:.1} MiB PSS");
            bare_times.push(ms);
            bare_pss.push(mib);
        }
    }
    println!("SUMMARY {:.0} {:.1}", median(&mut times), median(&mut pss));
    if bare.is_some() {
        println!(
            "FLOOR {:.0} {:.1}",
            median(&mut bare_times),
            median(&mut bare_pss)
        );
    }
}
