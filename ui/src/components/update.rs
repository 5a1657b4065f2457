//! The update offer: at start it appears only when the portal has a newer release; in 設定
//! the user asks. Nothing is downloaded or installed before the user clicks 「更新する」.

use madoguchi_domain::ipc::UpdateOffer;
use yew::prelude::*;

use crate::events::use_app_event;
use crate::tauri::call;
use madoguchi_domain::contract::{cmd, AppEvent, NoArgs};

/// The download so far, as the status line says it: `3.2 MB / 8.0 MB（40%）`.
pub fn progress_text(received: u64, total: Option<u64>) -> String {
    // Integer arithmetic: float formatting would add its code to the wasm for one line.
    let mb = |bytes: u64| format!("{}.{} MB", bytes / 1_000_000, bytes % 1_000_000 / 100_000);
    match total {
        Some(t) if t > 0 => format!(
            "{} / {}（{}%）",
            mb(received),
            mb(t),
            (received.min(t) * 100) / t
        ),
        _ => mb(received),
    }
}

#[derive(Clone, PartialEq)]
enum Phase {
    Idle,
    Checking,
    UpToDate,
    Offer(UpdateOffer),
    Installing(String),
    Installed(String),
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct UpdateProps {
    /// At start: ask once, quietly (no message when offline or up to date).
    #[prop_or(false)]
    pub at_start: bool,
}

#[function_component(UpdatePanel)]
pub fn update_panel(props: &UpdateProps) -> Html {
    let phase = use_state(|| Phase::Idle);
    // What the backend reported of the download (UpdateProgress events).
    let progress = use_state(|| None::<(u64, Option<u64>)>);
    {
        let progress = progress.clone();
        use_app_event(Callback::from(move |event| {
            if let AppEvent::UpdateProgress { received, total } = event {
                progress.set(Some((received, total)));
            }
        }));
    }
    let check = {
        let phase = phase.clone();
        move |quiet: bool| {
            let phase = phase.clone();
            if !quiet {
                phase.set(Phase::Checking);
            }
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::CheckUpdate>(&NoArgs {}).await {
                    Ok(Some(offer)) => phase.set(Phase::Offer(offer)),
                    Ok(None) if !quiet => phase.set(Phase::UpToDate),
                    Err(e) if !quiet => phase.set(Phase::Failed(e.message().to_owned())),
                    _ => {}
                }
            });
        }
    };
    {
        let (check, at_start) = (check.clone(), props.at_start);
        use_effect_with((), move |_| {
            if at_start {
                check(true);
            }
        });
    }
    let install = {
        let phase = phase.clone();
        Callback::from(move |_| {
            let Phase::Offer(offer) = (*phase).clone() else {
                return;
            };
            phase.set(Phase::Installing(offer.version));
            let phase = phase.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::InstallUpdate>(&NoArgs {}).await {
                    Ok(version) => phase.set(Phase::Installed(version)),
                    Err(e) => phase.set(Phase::Failed(e.message().to_owned())),
                }
            });
        })
    };
    let restart = Callback::from(|_| {
        wasm_bindgen_futures::spawn_local(async {
            let _ = call::<cmd::RestartApp>(&NoArgs {}).await;
        })
    });
    // At start the offer or its error must not follow the user to every page.
    let dismiss = {
        let phase = phase.clone();
        Callback::from(move |_| phase.set(Phase::Idle))
    };
    let dismiss_button = |label: &str| {
        if props.at_start {
            html! { <button type="button" id="update-dismiss" onclick={dismiss.clone()}>{ label.to_owned() }</button> }
        } else {
            html! {}
        }
    };
    let ask = {
        let check = check.clone();
        Callback::from(move |_| check(false))
    };
    // Two panels can be on screen (the start-up offer and 設定's): ids must differ.
    let at_start = props.at_start;
    let id = move |part: &str| {
        if at_start {
            format!("update-{part}")
        } else {
            format!("settings-update-{part}")
        }
    };
    let body = match &*phase {
        Phase::Idle => html! {},
        Phase::Checking => {
            html! { <p role="status" id={id("status")}>{ "更新を確認しています…" }</p> }
        }
        Phase::UpToDate => {
            html! { <p class="ok" role="status" id={id("status")}>{ "お使いのバージョンは最新です。" }</p> }
        }
        Phase::Offer(o) => html! {
            <div class="update" role="status" id={id("offer")}>
                <p>{ format!("新しいバージョン {} があります（お使いのバージョン {}）。", o.version, o.current) }</p>
                if !o.notes.is_empty() { <p class="hint">{ o.notes.clone() }</p> }
                <p class="actions">
                    <button type="button" class="primary" id={id("install")} onclick={install}>{ "更新する" }</button>
                    { dismiss_button("後で") }
                </p>
            </div>
        },
        Phase::Installing(v) => html! {
            <div role="status" id={id("status")}>
                <p>{ format!("バージョン {v} をダウンロードして、署名を確認しています…（管理者のパスワードを求められたら、IT担当者にご相談ください）") }</p>
                if let Some((received, total)) = *progress {
                    <p id={id("progress")}>
                        if let Some(t) = total {
                            <progress max={t.to_string()} value={received.to_string()}></progress>
                        }
                        { format!(" {}", progress_text(received, total)) }
                    </p>
                }
            </div>
        },
        Phase::Installed(v) => html! {
            <div class="update" role="status" id={id("installed")}>
                <p>{ format!("バージョン {v} に更新しました。アプリを再起動すると新しいバージョンになります。") }</p>
                <button type="button" class="primary" id={id("restart")} onclick={restart}>{ "今すぐ再起動" }</button>
            </div>
        },
        Phase::Failed(m) => {
            html! {
                <div class="banner" role="alert" id={id("error")}>
                    { m.clone() }
                    { dismiss_button("閉じる") }
                </div>
            }
        }
    };
    if props.at_start {
        body
    } else {
        html! {
            <section aria-labelledby="update-heading">
                <h3 id="update-heading">{ "アプリの更新" }</h3>
                { body }
                <p class="actions">
                    <button type="button" id="check-update" onclick={ask}>{ "更新を確認" }</button>
                </p>
            </section>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::progress_text;

    #[test]
    fn the_download_is_told_in_megabytes_and_percent() {
        assert_eq!(
            progress_text(3_200_000, Some(8_000_000)),
            "3.2 MB / 8.0 MB（40%）"
        );
        assert_eq!(progress_text(1_500_000, None), "1.5 MB");
        assert_eq!(progress_text(9, Some(0)), "0.0 MB");
    }
}
