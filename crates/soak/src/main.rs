//! `madoguchi-soak`: see the crate's documentation.
//!
//!   save DB START              the killed process: saves drafts in a loop
//!   send DB URL N              the killed process: queues N drafts and sends them
//!   crash-saves DB ROUNDS      kills `save` ROUNDS times, checking the store after each
//!   crash-sends DB URL ROUNDS  kills `send` ROUNDS times, then lets one run finish
//!   keyring | preset | logs    the OS checks
//!
//! Prints what it proved, one line each, and exits with 0; else the failure, and 1.

use std::path::Path;
use std::process::ExitCode;

use madoguchi_soak::{child, crash, os_checks};

const USAGE: &str = "usage: madoguchi-soak save DB START | send DB URL N | crash-saves DB ROUNDS \
                     | crash-sends DB URL ROUNDS | keyring | preset | logs";

fn arg<'a>(args: &'a [String], i: usize, name: &str) -> Result<&'a str, String> {
    args.get(i)
        .map(String::as_str)
        .ok_or_else(|| format!("{name} missing; {USAGE}"))
}

fn number<T: std::str::FromStr>(args: &[String], i: usize, name: &str) -> Result<T, String> {
    arg(args, i, name)?
        .parse()
        .map_err(|_| format!("{name} is not a number"))
}

async fn run(args: &[String]) -> Result<Vec<String>, String> {
    let this = std::env::current_exe().map_err(|e| e.to_string())?;
    match args.get(1).map(String::as_str) {
        Some("save") => {
            let start = number(args, 3, "START")?;
            child::save(Path::new(arg(args, 2, "DB")?), start).await?;
            Ok(Vec::new())
        }
        Some("send") => {
            let n = number(args, 4, "N")?;
            child::send(Path::new(arg(args, 2, "DB")?), arg(args, 3, "URL")?, n).await?;
            Ok(Vec::new())
        }
        Some("crash-saves") => {
            let rounds = number(args, 3, "ROUNDS")?;
            let r = crash::saves(&this, Path::new(arg(args, 2, "DB")?), rounds)
                .await
                .map_err(|e| e.to_string())?;
            Ok(vec![format!(
                "{} kills during {} acknowledged draft saves: none lost or torn",
                r.rounds, r.saves
            )])
        }
        Some("crash-sends") => {
            let rounds = number(args, 4, "ROUNDS")?;
            let db = Path::new(arg(args, 2, "DB")?);
            let r = crash::sends(&this, db, arg(args, 3, "URL")?, rounds)
                .await
                .map_err(|e| e.to_string())?;
            let mut lines = vec![format!(
                "{} kills, {} of them with a request in flight: every draft sent",
                r.kills, r.mid_request
            )];
            lines.extend(r.emails.into_iter().map(|e| format!("email {e}")));
            Ok(lines)
        }
        Some("keyring") => os_checks::keyring().map_err(|e| e.to_string()),
        Some("preset") => os_checks::preset().map_err(|e| e.to_string()),
        Some("logs") => os_checks::logs().map_err(|e| e.to_string()),
        _ => Err(USAGE.into()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("madoguchi-soak: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&args)) {
        Ok(lines) => {
            for l in lines {
                println!("{l}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("madoguchi-soak: {e}");
            ExitCode::FAILURE
        }
    }
}
