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

fn main() {
    println!("cargo:rerun-if-changed=crates/domain/src/contract/declared.rs");
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/resources");
    // The facility snapshot is exported from the portal by scripts/build-snapshot.sh and not
    // committed. Without it a plain `cargo build` still works: the cache starts empty
    // (version 0) and fills from the portal at the first sync.
    let snapshot = std::path::Path::new("src-tauri/resources/facility-snapshot.csv");
    if !snapshot.exists() {
        let empty =
            "#madoguchi-facility-snapshot version=0\nkind,number,name,prefecture,status,version\n";
        if let Err(e) = std::fs::create_dir_all("src-tauri/resources")
            .and_then(|()| std::fs::write(snapshot, empty))
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
