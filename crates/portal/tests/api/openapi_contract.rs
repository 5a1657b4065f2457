//! The OpenAPI document tells the truth: Schemathesis (pinned by scripts/setup.sh) generates
//! requests from /api-docs/openapi.json as a new client would, valid and invalid, and runs
//! every check against the real server: documented statuses, content types and bodies,
//! schema-invalid requests refused, schema-valid ones accepted, never a 5xx.

use std::path::PathBuf;
use std::process::Command;

use crate::helpers::Backend;
use crate::on_both_backends;
use crate::process::PortalProcess;

fn schemathesis() -> PathBuf {
    let venv = std::env::var_os("MADOGUCHI_VENV")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/madoguchi-venv"))
        })
        .expect("HOME is set");
    let bin = venv.join("bin/schemathesis");
    assert!(
        bin.is_file(),
        "{} is missing: scripts/setup.sh installs Schemathesis; this test never skips",
        bin.display()
    );
    bin
}

async fn database_url(backend: Backend, dir: &std::path::Path) -> String {
    match backend {
        Backend::Sqlite => format!("sqlite://{}?mode=rwc", dir.join("p.db").display()),
        Backend::Postgres => crate::processes::fresh_postgres_database().await,
    }
}

async fn the_openapi_document_matches_the_server(backend: Backend) {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = database_url(backend, dir.path()).await;
    let db = madoguchi_portal::db::connect(&url).await.expect("db");
    let csv: String = madoguchi_portal::demo::FIXED
        .iter()
        .map(|(k, n, name, p, s)| format!("{k},{n},{name},{p},{s}\n"))
        .collect();
    madoguchi_portal::import::import(
        &db,
        format!("kind,number,name,prefecture,status\n{csv}").as_bytes(),
    )
    .await
    .expect("master");
    let portal = PortalProcess::start(&[
        ("MADOGUCHI_PORTAL_DATABASE_URL", url),
        (
            "MADOGUCHI_PORTAL_MAIL__FOLDER",
            dir.path().join("mail").display().to_string(),
        ),
        // The contract, not the rate limits: hundreds of requests from one client.
        (
            "MADOGUCHI_PORTAL_RATE_LIMIT__PER_ADDRESS_PER_MINUTE",
            "100000000".into(),
        ),
        (
            "MADOGUCHI_PORTAL_RATE_LIMIT__PER_ADDRESS_BURST",
            "100000000".into(),
        ),
    ]);
    let config = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schemathesis.toml");
    let bin = schemathesis();
    let doc = portal.url("/api-docs/openapi.json");
    // Schemathesis keeps its cache in the working folder: the temporary one.
    let out = tokio::task::spawn_blocking(move || {
        Command::new(bin)
            .current_dir(dir.path())
            .arg("--config-file")
            .arg(config)
            .args(["run", &doc, "--checks", "all", "--no-color"])
            .output()
            .expect("schemathesis runs")
    })
    .await
    .expect("joined");
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    assert!(
        out.status.success(),
        "Schemathesis found mismatches:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains(" passed"), "it ran: {report}");
    assert!(!report.contains("[5"), "no 5xx answer: {report}");
}

on_both_backends!(the_openapi_document_matches_the_server);
