// tauri.conf.json sits at the repository root (the package root); capabilities live in
// src-tauri/capabilities, so the pattern is given explicitly.

// The contract's list of commands, read with a macro that keeps only the names: tauri-build
// makes an `allow-…` permission for each, and the capability file grants them one by one.
macro_rules! commands {
    ($( $(#[$doc:meta])* $ty:ident = $name:literal : $args:ty => $reply:ty; )*) => {
        const COMMANDS: &[&str] = &[$($name),*];
    };
}
include!("../crates/domain/src/contract/declared.rs");

// The snapshot format, from the one module that defines it.
#[path = "../crates/domain/src/snapshot.rs"]
#[allow(dead_code)]
mod snapshot;

fn main() {
    println!("cargo:rerun-if-changed=crates/domain/src/contract/declared.rs");
    println!("cargo:rerun-if-changed=crates/domain/src/snapshot.rs");
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/resources");
    // The facility snapshot is exported from the portal by scripts/build-snapshot.sh and not
    // committed. Without it a plain `cargo build` still works: the cache starts empty
    // (version 0) and fills from the portal at the first sync.
    let shipped = std::path::Path::new("src-tauri/resources/facility-snapshot.csv");
    if !shipped.exists() {
        if let Err(e) = std::fs::create_dir_all("src-tauri/resources")
            .and_then(|()| std::fs::write(shipped, snapshot::header(0)))
        {
            eprintln!("cannot write an empty facility snapshot: {e}");
            std::process::exit(1);
        }
    }
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
