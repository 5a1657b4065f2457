//! このアプリについて: the version, and diagnostics a help desk can ask for. The
//! diagnostics name no person, address, facility or number: versions, the portal address
//! and where it came from, counts, and folders with the home folder written as `~`.

use madoguchi_domain::contract::{cmd, Reply};
use madoguchi_domain::ipc::{CommandError, DraftState};
use tauri::{AppHandle, Manager, State};

use crate::state::AppState;
use crate::store::{drafts, facility_cache};

fn tidy(path: &std::path::Path) -> String {
    let p = path.display().to_string();
    match std::env::var("HOME")
        .ok()
        .or_else(|| std::env::var("USERPROFILE").ok())
    {
        Some(home) if !home.is_empty() && p.starts_with(&home) => format!("~{}", &p[home.len()..]),
        _ => p,
    }
}

/// `2026-11-25 09:41 UTC` from unix seconds.
fn utc(unix: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(unix) {
        Ok(t) if unix > 0 => format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        ),
        _ => "なし".into(),
    }
}

fn os_name() -> String {
    let pretty = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                .map(|v| v.trim_matches('"').to_owned())
        });
    format!(
        "{} {}{}",
        std::env::consts::OS,
        std::env::consts::ARCH,
        pretty.map(|p| format!(" ({p})")).unwrap_or_default()
    )
}

#[tauri::command]
pub async fn diagnostics(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Reply<cmd::Diagnostics>, CommandError> {
    let (url, source) = state.settings.portal_url();
    let mut lines = vec![
        format!("Madoguchi {}", env!("CARGO_PKG_VERSION")),
        format!("OS: {}", os_name()),
        format!(
            "WebView: {}",
            tauri::webview_version().unwrap_or_else(|e| e.to_string())
        ),
        format!("ポータル：{url}（設定元：{source}）"),
        format!(
            "プロキシ：{}",
            if state.settings.proxy().is_some() {
                "事前設定あり"
            } else {
                "OSの設定に従う"
            }
        ),
    ];
    match state.store().await {
        Ok(pool) => {
            let pool = &pool;
            if let Ok(info) = facility_cache::info(pool).await {
                lines.push(format!(
                    "施術所データ：{}件（更新 {}、{}）",
                    info.facilities,
                    utc(info.updated_at),
                    info.source
                ));
            }
            if let Ok(counts) = drafts::count_by_state(pool).await {
                let counts: Vec<String> = counts
                    .iter()
                    .map(|(s, n)| {
                        let label = DraftState::from_key(s)
                            .map(|s| s.label())
                            .unwrap_or(s.as_str());
                        format!("{label} {n}件")
                    })
                    .collect();
                lines.push(format!(
                    "下書き：{}",
                    if counts.is_empty() {
                        "なし".into()
                    } else {
                        counts.join("、")
                    }
                ));
            }
        }
        Err(_) => lines.push("下書きの保存先：開けませんでした".into()),
    }
    if let Some(dir) = crate::logging::default_dir() {
        lines.push(format!("ログ：{}", tidy(&dir)));
    }
    if let Ok(dir) = app.path().app_config_dir() {
        lines.push(format!("データ：{}", tidy(&dir)));
    }
    if let Some(p) = crate::system_config::path() {
        lines.push(format!(
            "事前設定ファイル：{}（{}）",
            tidy(&p),
            if p.exists() { "あり" } else { "なし" }
        ));
    }
    Ok(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::utc;

    #[test]
    fn dates_are_written_for_people() {
        assert_eq!(utc(0), "なし");
        assert_eq!(utc(1_800_000_000), "2027-01-15 08:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00 UTC");
    }
}
