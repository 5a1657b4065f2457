//! Windows programs under Wine, in the private prefix scripts/wine-prefix.sh made; on a
//! Windows runner (.github/workflows/bundles.yml), the same programs run natively. Nothing
//! here skips: a missing prefix, Wine or built program is a failure with the reason.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run scripts/test-windows.sh, which cross-builds and makes the Wine prefix")
    })
}

/// The prefix: its C: drive is `drive_c` in it.
#[cfg(not(windows))]
pub fn prefix() -> PathBuf {
    let p = PathBuf::from(var("WINEPREFIX"));
    assert!(
        p.join("system.reg").exists(),
        "{} is not a Wine prefix",
        p.display()
    );
    assert!(
        !p.starts_with(std::env::var("HOME").unwrap_or_default() + "/.wine"),
        "never the user's own prefix"
    );
    p
}

#[cfg(not(windows))]
pub fn drive_c() -> PathBuf {
    prefix().join("drive_c")
}

#[cfg(windows)]
pub fn drive_c() -> PathBuf {
    PathBuf::from("C:\\")
}

/// A cross-built program: `madoguchi.exe`, `madoguchi-soak.exe`, `madoguchi-portal.exe`.
pub fn exe(name: &str) -> PathBuf {
    let p = PathBuf::from(var("MADOGUCHI_WINDOWS_BIN")).join(name);
    assert!(p.exists(), "{} is not built", p.display());
    p
}

/// The NSIS installer scripts/build-windows.sh made.
pub fn installer() -> PathBuf {
    let p = PathBuf::from(var("MADOGUCHI_WINDOWS_INSTALLER"));
    assert!(p.exists(), "{} is not built", p.display());
    p
}

/// The Windows path of a file under the prefix's C: drive.
pub fn windows_path(linux: &Path) -> String {
    let rel = linux
        .strip_prefix(drive_c())
        .unwrap_or_else(|_| panic!("{} is not on the prefix's C: drive", linux.display()));
    format!("C:\\{}", rel.display()).replace('/', "\\")
}

/// `wine PROGRAM ARGS…` (natively on Windows: `PROGRAM ARGS…`).
pub fn command(program: &Path, args: &[&str]) -> Command {
    #[cfg(not(windows))]
    let mut c = {
        let mut c = Command::new(var("MADOGUCHI_WINE"));
        c.arg(program);
        c
    };
    #[cfg(windows)]
    let mut c = Command::new(program);
    c.args(args).stdin(Stdio::null());
    c
}

/// Runs to the end; panics with its output when it fails.
pub fn run(program: &Path, args: &[&str], env: &[(&str, String)]) -> Output {
    let out = command(program, args)
        .envs(env.iter().map(|(k, v)| (*k, v)))
        .output()
        .unwrap_or_else(|e| panic!("wine {}: {e}", program.display()));
    assert!(
        out.status.success(),
        "wine {} {args:?}: {}\nstdout:\n{}\nstderr:\n{}",
        program.display(),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn stdout_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Waits until every program of the prefix has ended (an NSIS uninstaller hands over to a
/// copy of itself and returns at once).
pub fn wait_all() {
    if cfg!(windows) {
        // Natively there is no wineserver to ask: callers poll for what they wait for.
        return;
    }
    let status = Command::new(var("WINESERVER"))
        .arg("-w")
        .status()
        .expect("wineserver -w");
    assert!(status.success(), "wineserver -w: {status}");
}

/// A Windows program in the background, ended with the test.
pub struct Background(pub Child);

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The environment for a program that must show a window (Xvfb's display under Wine;
/// Windows has its desktop).
pub fn with_display() -> Vec<(&'static str, String)> {
    if cfg!(windows) {
        return Vec::new();
    }
    vec![("DISPLAY", var("MADOGUCHI_WINE_DISPLAY"))]
}

/// Whether the OS's credential store still holds an entry whose name contains `marker`
/// (Wine keeps Credential Manager's entries in the user's registry file).
pub fn credential_left(marker: &str) -> bool {
    #[cfg(not(windows))]
    {
        wait_all();
        std::fs::read_to_string(prefix().join("user.reg"))
            .expect("user.reg")
            .contains(marker)
    }
    #[cfg(windows)]
    {
        let out = Command::new("cmdkey")
            .arg("/list")
            .output()
            .expect("cmdkey");
        String::from_utf8_lossy(&out.stdout).contains(marker)
    }
}

/// Reads a registry value with Windows' own `reg query`; `None` when the key is absent.
pub fn reg_query(key: &str, value: &str) -> Option<String> {
    let out = command(Path::new("reg"), &["query", key, "/v", value])
        .output()
        .expect("wine reg");
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find(|l| l.trim_start().starts_with(value))
        .and_then(|l| l.split("REG_").nth(1))
        .and_then(|rest| rest.split_once(char::is_whitespace))
        .map(|(_, v)| v.trim().to_owned())
}
