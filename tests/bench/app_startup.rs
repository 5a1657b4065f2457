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

/// One start's figures: ms to ready as the window itself timed it, ms as WebDriver saw it
/// (its own requests included), and MiB PSS.
struct Run {
    ms: f64,
    webdriver_ms: f64,
    mib: f64,
    /// The app only: from the number's last keystroke to the facility's name on screen.
    lookup_ms: Option<f64>,
}

/// Marks the moment of the next click and the moment `#family_name` exists, in the page's
/// own clock; read back with [`READ_CLICK`].
const WATCH_CLICK: &str = "window.__bench = {};\n\
    document.addEventListener('click', () => { window.__bench.click = performance.now(); }, true);\n\
    new MutationObserver((_, o) => {\n\
      if (document.getElementById('family_name')) { window.__bench.form = performance.now(); o.disconnect(); }\n\
    }).observe(document.body, { childList: true, subtree: true });";
const READ_CLICK: &str = "return [window.__bench.click, window.__bench.form];";
/// Marks each keystroke into the number, and the first frame in which the facility's name
/// has been filled in (a frame callback runs just before that frame is painted).
const WATCH_LOOKUP: &str = "window.__lookup = {};\n\
    document.getElementById('registration_number')\n\
      .addEventListener('input', () => { window.__lookup.typed = performance.now(); });\n\
    const tick = () => {\n\
      const name = document.getElementById('facility_name');\n\
      if (name && name.value) { window.__lookup.shown = performance.now(); }\n\
      else { requestAnimationFrame(tick); }\n\
    };\n\
    requestAnimationFrame(tick);";
/// Answers once the frame that shows the name has come (it may follow the value by one).
const READ_LOOKUP: &str = "const done = arguments[arguments.length - 1];\n\
    const read = () => window.__lookup.shown === undefined\n\
      ? requestAnimationFrame(read)\n\
      : done([window.__lookup.typed, window.__lookup.shown]);\n\
    read();";
/// A facility of the snapshot shipped with the app, which seeds its cache at the first start.
const SHIPPED: (&str, &str) = ("0000262846", "高橋鍼灸院");
/// The page's clock origin (ms since the epoch) and its first contentful paint: for the app,
/// its top page (the document itself has no content before the UI renders); for the bare
/// window, its page.
const READ_PAINT: &str = "const p = performance.getEntriesByName('first-contentful-paint')[0];\n\
    return [performance.timeOrigin, p ? p.startTime : -1];";

/// One cold start of `binary` to what shows it is ready: the app's registration form (one
/// click from the top page), or the bare window's page.
///
/// Timed in the page: from the launch to the first paint of the first screen, plus, for the
/// app, from the click to the form in the DOM. WebDriver's round trips (each find and the
/// click take tens of ms here) are left out, as the floor has no click to pay for; the time
/// WebDriver saw is printed too.
async fn one_run(binary: &Path, bare: bool) -> Run {
    let app = AppSession::launch_binary(binary, &[])
        .await
        .expect("the window starts");
    let since_launch = || app.started_at.elapsed().as_secs_f64() * 1000.0;
    // Asked every 10 ms: fantoccini's default 250 ms would time its own polling.
    let poll = Duration::from_millis(10);
    let mut click_to_form = 0.0;
    if bare {
        app.element_every("#ready", poll).await.expect("the page");
    } else {
        let entry = app
            .element_every("a.entry.primary", poll)
            .await
            .expect("新規ユーザー登録はこちら");
        app.execute(WATCH_CLICK, vec![]).await.expect("watch");
        entry.click().await.expect("新規ユーザー登録はこちら");
        app.element_every("#family_name", poll)
            .await
            .expect("the form");
        let t = app.execute(READ_CLICK, vec![]).await.expect("read");
        let at = |i: usize| t.get(i).and_then(|v| v.as_f64()).expect("a time");
        click_to_form = at(1) - at(0);
    }
    let webdriver_ms = since_launch();
    let launched_epoch = epoch_ms() - since_launch();
    let paint = app.execute(READ_PAINT, vec![]).await.expect("paint");
    let at = |i: usize| paint.get(i).and_then(|v| v.as_f64()).expect("a time");
    assert!(
        at(1) >= 0.0,
        "the web view reports no first contentful paint"
    );
    let page_opened = at(0) - launched_epoch;
    let first_paint = page_opened + at(1);
    let ms = first_paint + click_to_form;
    // Where the time goes: the native start (to the document's clock origin), then the page.
    println!(
        "  page opened at {page_opened:.0} ms, first paint at {first_paint:.0} ms, form \
         {click_to_form:.0} ms after the click; WebDriver saw {webdriver_ms:.0} ms"
    );
    // Memory is read once the page has settled and the app's first-start work is done: the
    // facility cache is seeded 2 s after launch (madoguchi_app::workflow::seeding), and
    // what that leaves behind counts. The bare window waits as long.
    let settled = madoguchi_app::workflow::seeding::SEED_AFTER + Duration::from_millis(1500);
    tokio::time::sleep(
        settled
            .saturating_sub(app.started_at.elapsed())
            .max(Duration::from_millis(500)),
    )
    .await;
    let kib = app_pid(binary).map(tree_pss_kib).unwrap_or(0);
    let lookup_ms = if bare {
        None
    } else {
        Some(lookup_to_paint(&app).await)
    };
    app.close().await.expect("closes");
    tokio::time::sleep(Duration::from_millis(300)).await;
    Run {
        ms,
        webdriver_ms,
        mib: kib as f64 / 1024.0,
        lookup_ms,
    }
}

/// On the form (after the memory is read, so that it does not count the look-up): あはき, a
/// shipped facility's number typed key by key, and the time from its last keystroke to the
/// first frame that shows the facility's name, from the local cache (the portal is down).
async fn lookup_to_paint(app: &AppSession) -> f64 {
    app.click("#facility_kind-ahaki").await.expect("あはき");
    app.element("#registration_number")
        .await
        .expect("the number");
    app.execute(WATCH_LOOKUP, vec![]).await.expect("watch");
    app.type_into("#registration_number", SHIPPED.0)
        .await
        .expect("the number");
    app.wait_for_value("#facility_name", SHIPPED.1)
        .await
        .expect("the name, from the cache");
    let t = app.execute_async(READ_LOOKUP, vec![]).await.expect("read");
    let at = |i: usize| t.get(i).and_then(|v| v.as_f64()).expect("a time");
    let ms = at(1) - at(0);
    println!("  the look-up's result painted {ms:.1} ms after the last keystroke");
    ms
}

fn epoch_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
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
    let (mut app_runs, mut bare_runs) = (Series::default(), Series::default());
    for run in 1..=runs {
        let r = one_run(&app, false).await;
        println!(
            "run {run}: app {:.0} ms to the registration form, {:.1} MiB PSS",
            r.ms, r.mib
        );
        app_runs.push(r);
        if let Some(bare) = &bare {
            let r = one_run(bare, true).await;
            println!(
                "run {run}: bare window {:.0} ms to its page, {:.1} MiB PSS",
                r.ms, r.mib
            );
            bare_runs.push(r);
        }
    }
    println!("SUMMARY {}", app_runs.medians());
    if bare.is_some() {
        println!("FLOOR {}", bare_runs.medians());
    }
}

/// Every run's figures of one window.
#[derive(Default)]
struct Series {
    ms: Vec<f64>,
    webdriver_ms: Vec<f64>,
    mib: Vec<f64>,
    lookup_ms: Vec<f64>,
}

impl Series {
    fn push(&mut self, r: Run) {
        self.ms.push(r.ms);
        self.webdriver_ms.push(r.webdriver_ms);
        self.mib.push(r.mib);
        self.lookup_ms.extend(r.lookup_ms);
    }

    /// "ms MiB webdriver_ms [lookup_ms]", the medians, as bench/app.sh reads them.
    fn medians(&mut self) -> String {
        let mut line = format!(
            "{:.0} {:.1} {:.0}",
            median(&mut self.ms),
            median(&mut self.mib),
            median(&mut self.webdriver_ms)
        );
        if !self.lookup_ms.is_empty() {
            line.push_str(&format!(" {:.1}", median(&mut self.lookup_ms)));
        }
        line
    }
}
