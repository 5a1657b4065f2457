//! Child processes that die with the test, and loopback ports.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// Kills its process and everything it started (tauri-driver starts WebKitWebDriver) when
/// dropped, so a failed assertion leaves nothing running.
pub struct ChildGuard {
    name: &'static str,
    child: Child,
}

impl ChildGuard {
    pub fn spawn(name: &'static str, command: &mut Command) -> Result<Self, HarnessError> {
        // Its own process group, so that the whole group can be ended together.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(command, 0);
        let child = command
            .spawn()
            .map_err(|source| HarnessError::Spawn { what: name, source })?;
        Ok(ChildGuard { name, child })
    }

    /// Its process id (also its process group's id).
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Fails if the process already exited (it would not answer).
    pub fn ensure_running(&mut self) -> Result<(), HarnessError> {
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(HarnessError::Exited {
                what: self.name,
                status: status.to_string(),
            }),
            Err(source) => Err(HarnessError::Spawn {
                what: self.name,
                source,
            }),
        }
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        // The group first (its children), then the process itself.
        #[cfg(unix)]
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(std::process::Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    #[error("could not start {what}: {source}")]
    Spawn {
        what: &'static str,
        source: std::io::Error,
    },
    #[error("{what} exited early with {status}")]
    Exited { what: &'static str, status: String },
    #[error("{what} did not listen on {addr} within {secs} s")]
    NotListening {
        what: &'static str,
        addr: SocketAddr,
        secs: u64,
    },
    #[error("missing prerequisite: {0}")]
    Missing(String),
    #[error("WebDriver session failed: {0}")]
    Session(String),
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
}

/// A port that was free a moment ago on 127.0.0.1.
pub fn free_port() -> Result<u16, HarnessError> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}

/// Polls until something accepts connections on `port`, or the process dies.
pub fn wait_for_port(
    guard: &mut ChildGuard,
    port: u16,
    timeout: Duration,
) -> Result<(), HarnessError> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let start = Instant::now();
    while start.elapsed() < timeout {
        guard.ensure_running()?;
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(HarnessError::NotListening {
        what: guard.name,
        addr,
        secs: timeout.as_secs(),
    })
}

/// The workspace root (this crate lives in `tests/`).
pub fn workspace_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(PathBuf::from).unwrap_or(here)
}

/// Finds an executable on PATH, then in cargo's bin folder.
pub fn find_executable(name: &str) -> Option<PathBuf> {
    let name = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    let name = name.as_str();
    let from_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    from_path.or_else(|| {
        let home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
        let p = home.join("bin").join(name);
        p.is_file().then_some(p)
    })
}
