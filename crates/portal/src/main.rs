//! `madoguchi-portal`: serve the API, import the facility master, write demo data.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use madoguchi_portal::{db, demo, import, releases, Application, Settings};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    version,
    about = "施術所等向け総合ポータルサイト API server (Madoguchi)"
)]
struct Cli {
    /// TOML configuration file (see README); environment variables override it.
    #[arg(long, global = true, env = "MADOGUCHI_PORTAL_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (the default).
    Serve,
    /// Import or update the facility master from a CSV file.
    ImportFacilities { file: PathBuf },
    /// Write the whole facility master as the snapshot the desktop app ships with.
    ExportSnapshot { file: PathBuf },
    /// Publish (or, with the same --id, replace) a notice shown under お知らせ.
    PublishNotice {
        #[arg(long)]
        id: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        body: String,
    },
    /// Publish a release of the desktop app for its updater: the package and the `.sig`
    /// file made by `npx tauri signer sign` (the private key never comes here).
    PublishRelease {
        /// Semantic version, e.g. 0.2.0.
        #[arg(long)]
        version: String,
        /// linux | windows | darwin
        #[arg(long, default_value = "linux")]
        target: String,
        /// x86_64 | aarch64 | i686 | armv7
        #[arg(long, default_value = "x86_64")]
        arch: String,
        /// How the installed app came: deb | rpm | appimage | msi | nsis | app
        #[arg(long)]
        bundle: String,
        /// The package (.deb, .rpm, .msi, setup .exe, .app.tar.gz).
        #[arg(long)]
        file: PathBuf,
        /// Its signature; default: FILE.sig
        #[arg(long)]
        signature: Option<PathBuf>,
        /// What changed, shown to the user.
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Write a CSV of plausible demo facilities of all four kinds.
    DemoFacilities {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 40_000)]
        count: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("madoguchi-portal: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let settings = Settings::load(cli.config.as_deref())?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(settings).await?;
            tracing::info!(addr = %app.local_addr()?, "portal listening");
            app.run_until_stopped().await?;
        }
        Command::ImportFacilities { file } => {
            let db = db::connect(&settings.database_url).await?;
            let report = import::import(&db, std::fs::File::open(&file)?).await?;
            for (line, reason) in &report.rejected {
                eprintln!("{}:{line}: {reason}", file.display());
            }
            println!(
                "read {} rows, wrote {} (new or changed), rejected {}; the master now holds {} facilities",
                report.read,
                report.written,
                report.rejected.len(),
                db::facilities::count(&db).await?
            );
        }
        Command::ExportSnapshot { file } => {
            let db = db::connect(&settings.database_url).await?;
            let out = std::io::BufWriter::new(std::fs::File::create(&file)?);
            let n = madoguchi_portal::snapshot::export(&db, out).await?;
            println!("wrote {n} facilities to {}", file.display());
        }
        Command::PublishNotice { id, title, body } => {
            let db = db::connect(&settings.database_url).await?;
            db::notices::publish(&db, &id, &title, &body, db::now()).await?;
            println!("published notice {id}");
        }
        Command::PublishRelease {
            version,
            target,
            arch,
            bundle,
            file,
            signature,
            notes,
        } => {
            let platform = releases::Platform::parse(&target, &arch, &bundle)?;
            let signature = signature.unwrap_or_else(|| {
                let mut s = file.clone().into_os_string();
                s.push(".sig");
                PathBuf::from(s)
            });
            let release =
                releases::Release::from_files(platform, &version, &file, &signature, &notes)?;
            let db = db::connect(&settings.database_url).await?;
            db::releases::publish(&db, &release, db::now()).await?;
            println!(
                "published {} {target}/{arch}/{bundle} ({} bytes, sha256 {})",
                release.version,
                release.artifact.len(),
                release.sha256
            );
        }
        Command::DemoFacilities { out, count, seed } => {
            let n = demo::write(std::fs::File::create(&out)?, count, seed)?;
            println!("wrote {n} facilities to {}", out.display());
        }
    }
    Ok(())
}
