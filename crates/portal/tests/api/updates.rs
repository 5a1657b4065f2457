//! The updater's endpoints: a newer release is offered with its signature, an up-to-date app
//! gets 204, the artifact comes back byte for byte, and nothing else is served.

use base64::Engine;
use madoguchi_portal::db::{self, releases as stored};
use madoguchi_portal::releases::{Platform, Release};

use crate::helpers::{spawn_app, Backend};
use crate::on_both_backends;

fn signature(tag: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!(
        "untrusted comment: signature from tauri secret key\nRW{tag}\n"
    ))
}

async fn newer_releases_are_offered_and_served(backend: Backend) {
    let app = spawn_app(backend).await;
    let deb = Platform::parse("linux", "x86_64", "deb").expect("platform");
    let rpm = Platform::parse("linux", "x86_64", "rpm").expect("platform");
    let package: Vec<u8> = (0..700_000u32).map(|i| (i % 251) as u8).collect();
    for (platform, version, tag) in [
        (deb, "0.2.0", "a"),
        (deb, "0.10.0", "b"),
        (rpm, "0.11.0", "c"),
    ] {
        let release = Release::new(
            platform,
            version,
            &format!("Madoguchi_{version}_amd64.{}", platform.bundle.as_str()),
            package.clone(),
            &signature(tag),
            "施術所名の検索が速くなりました。",
        )
        .expect("release");
        stored::publish(&app.db, &release, db::now())
            .await
            .expect("publish");
    }

    // 0.10.0 > 0.2.0 by semantic order, and the .rpm is not offered to a .deb install.
    let offer = app.get_json("/api/v1/updates/linux/x86_64/deb/0.1.0").await;
    assert_eq!(offer["version"], "0.10.0");
    assert_eq!(offer["signature"], signature("b"));
    assert_eq!(offer["notes"], "施術所名の検索が速くなりました。");
    assert!(offer["pub_date"].as_str().is_some_and(|d| d.contains('T')));
    let url = offer["url"].as_str().expect("url").to_owned();
    assert_eq!(
        url,
        app.url("/api/v1/releases/linux/x86_64/deb/0.10.0/Madoguchi_0.10.0_amd64.deb")
    );
    let download = app.client.get(&url).send().await.expect("download");
    assert_eq!(download.status(), 200);
    let etag = download.headers()["etag"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert_eq!(etag.len(), 66, "the SHA-256 in quotes: {etag}");
    assert_eq!(
        download.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let body = download.bytes().await.expect("bytes");
    assert_eq!(
        body.as_ref(),
        package.as_slice(),
        "streamed in pieces, whole"
    );
    let again = app
        .client
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .expect("conditional download");
    assert_eq!(again.status(), 304, "a cached copy is still good");

    // Up to date, or newer than anything published: nothing to offer.
    for current in ["0.10.0", "1.0.0"] {
        let r = app
            .client
            .get(app.url(&format!("/api/v1/updates/linux/x86_64/deb/{current}")))
            .send()
            .await
            .expect("sent");
        assert_eq!(r.status(), 204, "{current}");
    }

    // A file name that is not the release's, an unknown platform or version: 404/400.
    for (path, status) in [
        ("/api/v1/releases/linux/x86_64/deb/0.10.0/other.deb", 404),
        (
            "/api/v1/releases/linux/x86_64/deb/9.9.9/Madoguchi_9.9.9_amd64.deb",
            404,
        ),
        ("/api/v1/updates/linux/x86_64/snap/0.1.0", 400),
        ("/api/v1/updates/linux/x86_64/deb/not-a-version", 400),
    ] {
        let r = app.client.get(app.url(path)).send().await.expect("sent");
        assert_eq!(r.status(), status, "{path}");
        assert_eq!(
            r.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
    }
}

on_both_backends!(newer_releases_are_offered_and_served);
