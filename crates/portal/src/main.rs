//! The portal API server. A stub until its own issue: it prints what it will serve.

fn main() {
    println!(
        "madoguchi-portal {}: {} (API server not built yet)",
        env!("CARGO_PKG_VERSION"),
        madoguchi_domain::contact::PORTAL_NAME
    );
}
