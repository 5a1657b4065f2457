//! 下書き: every saved form with its facility, last change and state (下書き → 送信待ち →
//! 送信済み（有効化待ち） → 完了, or 差戻し); reopen, duplicate, delete, print a record.
//! Read again whenever the backend says a draft changed, so the outbox's progress shows
//! by itself.

use madoguchi_domain::ipc::{CacheInfo, Draft, DraftState};
use madoguchi_domain::FacilityKind;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::banner::Banner;
use crate::components::draft_import::DraftImportForm;
use crate::events::use_app_event;
use crate::format::{facility_number, japan_time};
use crate::route::Route;
use crate::state::registration::{use_registration, Action};
use crate::tauri::call;
use madoguchi_domain::contract::{cmd, AppEvent, DraftId, NoArgs};

fn cache_line(info: &CacheInfo) -> String {
    if info.updated_at == 0 {
        return "施術所データ：まだありません（ポータルに接続すると取得します）。".into();
    }
    let source = if info.source == "snapshot" {
        "アプリ同梱のデータ"
    } else {
        "ポータルと同期"
    };
    format!(
        "施術所データ：{}件（{} 時点、{}）。オフラインでも施術所名を確認できます。",
        info.facilities,
        japan_time(info.updated_at),
        source
    )
}

/// The events after which the list (states, last errors) or the cache line may read
/// differently.
pub fn changes_the_list(event: &AppEvent) -> bool {
    matches!(
        event,
        AppEvent::DraftChanged { .. } | AppEvent::Synced { .. } | AppEvent::Reachability { .. }
    )
}

#[function_component(Drafts)]
pub fn drafts() -> Html {
    let reg = use_registration();
    let navigator = use_navigator();
    let list = use_state(|| None::<Vec<Draft>>);
    let cache = use_state(|| None::<CacheInfo>);
    let error = use_state(|| None::<String>);
    let confirm_delete = use_state(|| None::<String>);
    let refresh = {
        let (list, cache, error) = (list.clone(), cache.clone(), error.clone());
        Callback::from(move |()| {
            let (list, cache, error) = (list.clone(), cache.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::ListDrafts>(&NoArgs {}).await {
                    Ok(l) => {
                        list.set(Some(l));
                        error.set(None);
                    }
                    Err(e) => error.set(Some(e.message().to_owned())),
                }
                if let Ok(c) = call::<cmd::CacheInfo>(&NoArgs {}).await {
                    cache.set(Some(c));
                }
            });
        })
    };
    {
        let refresh = refresh.clone();
        use_effect_with((), move |()| refresh.emit(()));
    }
    {
        let refresh = refresh.clone();
        use_app_event(Callback::from(move |event| {
            if changes_the_list(&event) {
                refresh.emit(());
            }
        }));
    }
    let open = {
        let reg = reg.clone();
        let navigator = navigator.clone();
        let error = error.clone();
        Callback::from(move |id: String| {
            let (reg, navigator, error) = (reg.clone(), navigator.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::GetDraft>(&DraftId { id }).await {
                    Ok(d) => {
                        reg.dispatch(Action::LoadDraft(Box::new(d)));
                        if let Some(n) = &navigator {
                            n.push(&Route::Register);
                        }
                    }
                    Err(e) => error.set(Some(e.message().to_owned())),
                }
            });
        })
    };
    let duplicate = {
        let error = error.clone();
        let open = open.clone();
        Callback::from(move |id: String| {
            let (error, open) = (error.clone(), open.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::DuplicateDraft>(&DraftId { id }).await {
                    Ok(new_id) => open.emit(new_id),
                    Err(e) => error.set(Some(e.message().to_owned())),
                }
            });
        })
    };
    let delete = {
        let error = error.clone();
        let confirm_delete = confirm_delete.clone();
        let list = list.clone();
        Callback::from(move |id: String| {
            let (error, confirm_delete, list) =
                (error.clone(), confirm_delete.clone(), list.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<cmd::DeleteDraft>(&DraftId { id: id.clone() }).await {
                    Ok(()) => {
                        confirm_delete.set(None);
                        if let Some(l) = &*list {
                            list.set(Some(l.iter().filter(|d| d.id != id).cloned().collect()));
                        }
                    }
                    Err(e) => error.set(Some(e.message().to_owned())),
                }
            });
        })
    };
    // After an import: refresh the list at once.
    let imported = refresh;
    let queued_banner = if reg.draft_state == Some(DraftState::Queued) {
        reg.banner.clone()
    } else {
        None
    };
    let new_form = {
        let reg = reg.clone();
        let navigator = navigator.clone();
        Callback::from(move |_| {
            reg.dispatch(Action::Reset);
            if let Some(n) = &navigator {
                n.push(&Route::Register);
            }
        })
    };

    html! {
        <>
            <h2>{ "下書き・送信状況" }</h2>
            <Banner message={queued_banner} />
            <Banner message={(*error).clone()} />
            if let Some(c) = &*cache {
                <p class="cache-info" id="cache-info">{ cache_line(c) }</p>
            }
            <p class="actions"><button type="button" id="drafts-new" onclick={new_form}>{ "新しく入力する" }</button></p>
            { match &*list {
                None => html! { <p aria-live="polite"><span class="spinner" aria-hidden="true"></span>{ "読み込んでいます…" }</p> },
                Some(l) if l.is_empty() => html! { <p id="no-drafts">{ "下書きはありません。ユーザー登録の入力内容は、入力中に自動で保存されます。" }</p> },
                Some(l) => html! {
                    <table class="drafts" id="drafts">
                        <thead><tr>
                            <th scope="col">{ "所属機関" }</th><th scope="col">{ "施術所等" }</th>
                            <th scope="col">{ "氏名" }</th><th scope="col">{ "最終更新" }</th>
                            <th scope="col">{ "状態" }</th><th scope="col">{ "操作" }</th>
                        </tr></thead>
                        <tbody>
                            { for l.iter().map(|d| row(d, &open, &duplicate, &delete, &confirm_delete)) }
                        </tbody>
                    </table>
                },
            } }
            <DraftImportForm on_done={imported} />
        </>
    }
}

fn row(
    d: &Draft,
    open: &Callback<String>,
    duplicate: &Callback<String>,
    delete: &Callback<String>,
    confirm_delete: &UseStateHandle<Option<String>>,
) -> Html {
    let id = d.id.clone();
    let kind = FacilityKind::from_key(&d.fields.facility_kind)
        .map(|k| k.label())
        .unwrap_or("（未選択）");
    let facility = match &d.facility_name {
        Some(name) => format!("{name}（{}）", facility_number(d)),
        None => facility_number(d),
    };
    let progress = match d.state {
        DraftState::Queued => {
            let next = d
                .next_attempt_at
                .map(|t| format!(" 次回の送信：{}。", japan_time(t)))
                .unwrap_or_default();
            format!(
                "{}{}（送信試行 {} 回）",
                d.last_error.clone().unwrap_or_default(),
                next,
                d.attempts
            )
        }
        DraftState::Returned => d.last_error.clone().unwrap_or_default(),
        DraftState::Sent => format!(
            "{} に有効化のメールを送信しました。メール内のURLを開き、「ユーザー登録完了はこちら」を押すと完了します。",
            d.sent_to.clone().unwrap_or_default()
        ),
        _ => String::new(),
    };
    let on = |cb: &Callback<String>| {
        let (cb, id) = (cb.clone(), id.clone());
        Callback::from(move |_| cb.emit(id.clone()))
    };
    let ask = {
        let (c, id) = (confirm_delete.clone(), id.clone());
        Callback::from(move |_| c.set(Some(id.clone())))
    };
    let cancel = {
        let c = confirm_delete.clone();
        Callback::from(move |_| c.set(None))
    };
    let asking = confirm_delete.as_deref() == Some(id.as_str());
    html! {
        <tr data-draft={id.clone()} data-state={d.state.key()}>
            <td>{ kind }</td>
            <td>{ facility }</td>
            <td>{ format!("{} {}", d.fields.family_name, d.fields.given_name) }</td>
            <td>{ japan_time(d.updated_at) }</td>
            <td class={classes!("state", format!("state-{}", d.state.key()))}>
                <strong>{ d.state.label() }</strong>
                if !progress.is_empty() { <br /><small>{ progress }</small> }
            </td>
            <td class="row-actions">
                if d.state.editable() {
                    <button type="button" class="draft-open" onclick={on(open)}>{ "開く" }</button>
                }
                <button type="button" class="draft-duplicate" onclick={on(duplicate)}>{ "複製" }</button>
                if matches!(d.state, DraftState::Sent | DraftState::Complete) {
                    <Link<Route> to={Route::DraftSummary { id: id.clone() }} classes="draft-summary">{ "控え" }</Link<Route>>
                }
                if d.state != DraftState::Queued {
                    if asking {
                        <button type="button" class="draft-delete-confirm danger" onclick={on(delete)}>{ "削除する" }</button>
                        <button type="button" class="draft-delete-cancel" onclick={cancel}>{ "やめる" }</button>
                    } else {
                        <button type="button" class="draft-delete" onclick={ask}>{ "削除" }</button>
                    }
                }
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_read_again_on_a_draft_a_sync_or_the_connection_changing() {
        let changed = AppEvent::DraftChanged {
            id: "d1".into(),
            state: DraftState::Sent,
        };
        assert!(changes_the_list(&changed));
        assert!(changes_the_list(&AppEvent::Synced {
            changed: 3,
            done: true
        }));
        assert!(!changes_the_list(&AppEvent::UpdateProgress {
            received: 1,
            total: None
        }));
    }
}
