//! Releases of the desktop app: what an admin publishes and what the updater is offered.
//!
//! The portal never signs: a release arrives with the `.sig` file the release owner made
//! with `npx tauri signer sign` (the private key stays with them), and the app checks it
//! against the public key compiled into it.

use std::path::Path;
use std::str::FromStr;

use base64::Engine;
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    #[error("unknown {what} {value:?} (one of: {allowed})")]
    Unknown {
        what: &'static str,
        value: String,
        allowed: &'static str,
    },
    #[error("not a semantic version: {0:?}")]
    Version(String),
    #[error("the signature is not the contents of a .sig file made by `tauri signer sign`")]
    Signature,
    #[error("the artifact's file name must be plain (letters, digits, '.', '_', '-'): {0:?}")]
    FileName(String),
    #[error("the artifact is empty")]
    Empty,
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
}

macro_rules! names {
    ($(#[$doc:meta])* $ty:ident, $what:literal, { $($variant:ident = $name:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $ty { $($variant),+ }

        impl $ty {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name),+ }
            }
        }

        impl FromStr for $ty {
            type Err = ReleaseError;
            fn from_str(s: &str) -> Result<Self, ReleaseError> {
                match s {
                    $($name => Ok(Self::$variant),)+
                    _ => Err(ReleaseError::Unknown {
                        what: $what,
                        value: s.to_owned(),
                        allowed: concat!($($name, " "),+),
                    }),
                }
            }
        }
    };
}

names!(
    /// Tauri's `{{target}}`.
    Target, "target", { Linux = "linux", Windows = "windows", Darwin = "darwin" }
);
names!(
    /// Tauri's `{{arch}}`.
    Arch, "arch", { X86_64 = "x86_64", Aarch64 = "aarch64", I686 = "i686", Armv7 = "armv7" }
);
names!(
    /// Tauri's `{{bundle_type}}`: how the running app was installed, so a .deb
    /// installation is never offered an .rpm.
    Bundle, "bundle", {
        Deb = "deb", Rpm = "rpm", AppImage = "appimage", Msi = "msi", Nsis = "nsis", App = "app"
    }
);

/// Where a release runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Platform {
    pub target: Target,
    pub arch: Arch,
    pub bundle: Bundle,
}

impl Platform {
    pub fn parse(target: &str, arch: &str, bundle: &str) -> Result<Platform, ReleaseError> {
        Ok(Platform {
            target: target.parse()?,
            arch: arch.parse()?,
            bundle: bundle.parse()?,
        })
    }
}

pub fn parse_version(s: &str) -> Result<semver::Version, ReleaseError> {
    semver::Version::parse(s.trim()).map_err(|_| ReleaseError::Version(s.to_owned()))
}

/// What the update check needs of a published release (not its bytes).
pub struct ReleaseMeta {
    pub version: String,
    pub file_name: String,
    pub signature: String,
    pub notes: String,
    pub published_at: i64,
}

/// A release ready to publish: every part checked.
pub struct Release {
    pub platform: Platform,
    pub version: semver::Version,
    pub file_name: String,
    pub signature: String,
    pub notes: String,
    pub sha256: String,
    pub artifact: Vec<u8>,
}

impl Release {
    pub fn new(
        platform: Platform,
        version: &str,
        file_name: &str,
        artifact: Vec<u8>,
        signature: &str,
        notes: &str,
    ) -> Result<Release, ReleaseError> {
        let version = parse_version(version)?;
        if file_name.is_empty()
            || file_name.starts_with('.')
            || !file_name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        {
            return Err(ReleaseError::FileName(file_name.to_owned()));
        }
        if artifact.is_empty() {
            return Err(ReleaseError::Empty);
        }
        // The updater wants the .sig file's text as is: base64 of a minisign signature.
        let signature = signature.trim().to_owned();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(&signature)
            .map_err(|_| ReleaseError::Signature)?;
        if !decoded.starts_with(b"untrusted comment:") {
            return Err(ReleaseError::Signature);
        }
        Ok(Release {
            platform,
            version,
            file_name: file_name.to_owned(),
            signature,
            notes: notes.to_owned(),
            sha256: hex::encode(Sha256::digest(&artifact)),
            artifact,
        })
    }

    /// The artifact and its `.sig` file from disk (what `publish-release` is given).
    pub fn from_files(
        platform: Platform,
        version: &str,
        file: &Path,
        signature_file: &Path,
        notes: &str,
    ) -> Result<Release, ReleaseError> {
        let read = |path: &Path| {
            std::fs::read(path).map_err(|source| ReleaseError::Read {
                path: path.display().to_string(),
                source,
            })
        };
        let artifact = read(file)?;
        let signature =
            String::from_utf8(read(signature_file)?).map_err(|_| ReleaseError::Signature)?;
        let file_name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Release::new(platform, version, &file_name, artifact, &signature, notes)
    }
}

/// The newest release strictly newer than `current`, if any.
pub fn newest_after(
    releases: Vec<ReleaseMeta>,
    current: &semver::Version,
) -> Option<(semver::Version, ReleaseMeta)> {
    releases
        .into_iter()
        .filter_map(|r| parse_version(&r.version).ok().map(|v| (v, r)))
        .filter(|(v, _)| v > current)
        .max_by(|(a, _), (b, _)| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(version: &str) -> ReleaseMeta {
        ReleaseMeta {
            version: version.into(),
            file_name: format!("Madoguchi_{version}_amd64.deb"),
            signature: String::new(),
            notes: String::new(),
            published_at: 0,
        }
    }

    #[test]
    fn the_newest_newer_release_is_offered_by_semantic_order() {
        let current = parse_version("0.9.0").expect("version");
        let found = newest_after(
            vec![
                meta("0.10.0"),
                meta("0.9.0"),
                meta("0.9.1"),
                meta("0.10.0-rc.1"),
            ],
            &current,
        );
        assert_eq!(found.map(|(v, _)| v.to_string()), Some("0.10.0".into()));
        assert!(newest_after(vec![meta("0.9.0"), meta("0.1.0")], &current).is_none());
    }

    #[test]
    fn a_release_without_a_real_signature_or_with_a_path_is_refused() {
        let p = Platform::parse("linux", "x86_64", "deb").expect("platform");
        let sig = base64::engine::general_purpose::STANDARD.encode("untrusted comment: x\nRW");
        assert!(Release::new(p, "1.0.0", "a.deb", vec![1], &sig, "").is_ok());
        assert!(matches!(
            Release::new(p, "1.0.0", "a.deb", vec![1], "bm90IGEgc2ln", ""),
            Err(ReleaseError::Signature)
        ));
        assert!(matches!(
            Release::new(p, "1.0.0", "../a.deb", vec![1], &sig, ""),
            Err(ReleaseError::FileName(_))
        ));
        assert!(matches!(
            Release::new(p, "1.0", "a.deb", vec![1], &sig, ""),
            Err(ReleaseError::Version(_))
        ));
        assert!(Platform::parse("linux", "x86_64", "snap").is_err());
    }
}
