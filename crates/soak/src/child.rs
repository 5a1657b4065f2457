//! What runs in the process the crash loops kill: the app's store and outbox code, saving
//! or sending in a loop and saying on stdout what it has committed.
//!
//!   madoguchi-soak save DB START     saves drafts in a loop from revision START, printing
//!                                    "saved K I" after each commit
//!   madoguchi-soak send DB URL N     queues N drafts and sends them, printing "sending K"
//!                                    before and "sent K" after each attempt

use std::io::Write;
use std::path::Path;

use madoguchi_app::portal_client::PortalClient;
use madoguchi_app::store::{self, drafts};
use madoguchi_app::workflow::outbox::{self, Attempt};
use madoguchi_app::workflow::OsKeyring;
use madoguchi_domain::ipc::{DraftFields, DraftState};

const SOAK_PASSWORD: &str = "Soak2024pass";
pub(crate) const DRAFTS: u32 = 4;

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    // The parent reads these lines to know what was committed before the kill.
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Draft `k`'s fields at revision `i`: every field carries `i`, so a torn row shows.
pub(crate) fn fields(k: u32, i: u64) -> DraftFields {
    DraftFields {
        family_name: format!("基金{i}"),
        given_name: "太郎".into(),
        facility_kind: "ahaki".into(),
        judo_prefix: String::new(),
        registration_number: format!("01234567{k:02}"),
        phone: format!("0{:010}", i % 10_000_000_000),
        email: format!("soak{k}.{i}@example.jp"),
        terms_accepted: true,
    }
}

/// The address draft `send-k` is submitted with.
pub fn send_email(k: usize) -> String {
    format!("send{k}@example.jp")
}

pub async fn save(db: &Path, start: u64) -> Result<(), String> {
    let pool = store::open(db).await.map_err(|e| e.to_string())?;
    let mut i: u64 = start;
    loop {
        i += 1;
        let k = u32::try_from(i % u64::from(DRAFTS)).unwrap_or(0);
        drafts::save(&pool, &format!("draft-{k}"), &fields(k, i), None)
            .await
            .map_err(|e| e.to_string())?;
        say(&format!("saved {k} {i}"));
    }
}

pub async fn send(db: &Path, url: &str, n: u32) -> Result<(), String> {
    let pool = store::open(db).await.map_err(|e| e.to_string())?;
    let base = url::Url::parse(url).map_err(|e| e.to_string())?;
    let client = PortalClient::new(base).map_err(|e| e.to_string())?;
    for k in 0..n {
        let id = format!("send-{k}");
        let existing = drafts::get(&pool, &id).await.map_err(|e| e.to_string())?;
        if existing
            .as_ref()
            .is_none_or(|d| d.state == DraftState::Draft)
        {
            let mut f = fields(k, 1);
            // The demo master's あはき facility (one account per address, not per facility).
            f.registration_number = "0123456789".into();
            f.email = send_email(k as usize);
            drafts::save(&pool, &id, &f, None)
                .await
                .map_err(|e| e.to_string())?;
            madoguchi_app::credentials::put(
                madoguchi_app::credentials::Vault::Outbox,
                &id,
                SOAK_PASSWORD,
            )
            .map_err(|e| e.to_string())?;
            let key = format!("soak-key-{k}-{}", std::process::id());
            drafts::queue(&pool, &id, &key)
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    loop {
        let due = drafts::due(&pool, i64::MAX)
            .await
            .map_err(|e| e.to_string())?;
        if due.is_empty() {
            say("all sent");
            return Ok(());
        }
        for d in due {
            say(&format!("sending {}", d.id));
            match outbox::attempt(&pool, &client, &OsKeyring, &d)
                .await
                .map_err(|e| e.to_string())?
            {
                Attempt::Sent { .. } => say(&format!("sent {}", d.id)),
                other => return Err(format!("{} not sent: {other:?}", d.id)),
            }
        }
    }
}
