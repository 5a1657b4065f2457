//! The facility snapshot's format, in one place: the portal writes it (`export-snapshot`),
//! the app seeds its offline cache from it, and the app's build.rs writes an empty one.
//! A first line `#madoguchi-facility-snapshot version=N` (the file holds every row up to
//! N), then CSV with the header [`COLUMNS`]. Self-contained (std only), so build.rs can
//! include this file as a module of its own.

/// The tag that starts the first line.
pub const TAG: &str = "#madoguchi-facility-snapshot";
/// The CSV header, the second line.
pub const COLUMNS: &str = "kind,number,name,prefecture,status,version";
/// The `status` column of an open and of a closed facility.
pub const ACTIVE: &str = "active";
pub const CLOSED: &str = "closed";

/// The two header lines of a snapshot of version `version`, each ending in a newline.
pub fn header(version: i64) -> String {
    format!("{TAG} version={version}\n{COLUMNS}\n")
}

/// The version a first line announces, or `None` when it is not a snapshot's.
pub fn version_of(first_line: &str) -> Option<i64> {
    first_line
        .trim_end()
        .strip_prefix(TAG)?
        .trim()
        .strip_prefix("version=")?
        .parse()
        .ok()
}

/// The `status` column for a facility.
pub const fn status(active: bool) -> &'static str {
    if active {
        ACTIVE
    } else {
        CLOSED
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_announces_its_version() {
        let h = header(42);
        let mut lines = h.lines();
        assert_eq!(lines.next().and_then(version_of), Some(42));
        assert_eq!(lines.next(), Some(COLUMNS));
        assert_eq!(version_of("kind,number"), None);
        assert_eq!(version_of("#madoguchi-facility-snapshot version=x"), None);
        assert_eq!(status(false), CLOSED);
    }
}
