//! ユーザー登録 (manual pp.4–8): 姓, 名, 所属機関選択, then the fields of the chosen kind.
//! Every rule comes from crates/domain, run here as wasm.

use madoguchi_domain::{FacilityKind, Field, RegistrationNumber};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::banner::Banner;
use crate::components::field::{described_by, error_list, focus_field, TextField};
use crate::hooks::autosave::use_autosave;
use crate::route::Route;
use crate::state::registration::{use_registration, Action, Lookup};
use crate::tauri::call;
use madoguchi_domain::contract::{cmd, LookupArgs};

/// What the number fields of each kind are called and explained as (manual pp.5–8).
struct NumberText {
    intro: &'static str,
    label: &'static str,
    example: &'static str,
}

fn number_text(kind: FacilityKind) -> NumberText {
    match kind {
        FacilityKind::Judo => NumberText {
            intro: "以下の例を参考に、下記の項目をご入力ください。例：受領委任承諾通知書の登録記号番号の欄に【契0123456-7-8】と記載されている場合",
            label: "② 入力項目：【契0123456-7-8】の数字部分9桁をご入力ください（ハイフン無し）。",
            example: "012345678",
        },
        FacilityKind::Ahaki => NumberText {
            intro: "以下の例を参考に、下記の項目をご入力ください。例：受領委任承諾通知書の登録記号番号の欄に【01234567-8-9】と記載されている場合",
            label: "入力項目（登録記号番号10桁（半角数字・ハイフン無し）をご入力ください）",
            example: "0123456789",
        },
        FacilityKind::Kenshin => NumberText {
            intro: "特定健康診査・特定保健指導の健診機関番号（10桁）をご入力ください。",
            label: "健診機関番号（10桁の半角数字・ハイフン無し）",
            example: "0110113719",
        },
        FacilityKind::Josan => NumberText {
            intro: "助産所の機関コード（10桁）をご入力ください。",
            label: "機関コード（10桁の半角数字・ハイフン無し）",
            example: "0123456789",
        },
    }
}

#[function_component(Register)]
pub fn register() -> Html {
    let reg = use_registration();
    let navigator = use_navigator();
    let form = &reg.form;
    let report = form.check();
    let kind = FacilityKind::from_key(&form.facility_kind);
    use_autosave(reg.clone());
    let locked = reg.draft_state.is_some_and(|s| !s.editable());

    // Look the facility up once its number is complete.
    {
        let reg = reg.clone();
        let key = (
            form.facility_kind.clone(),
            form.judo_prefix.clone(),
            report.normalized.registration_number.clone(),
        );
        use_effect_with(key, move |(kind, prefix, number)| {
            let complete = FacilityKind::from_key(kind)
                .and_then(|k| RegistrationNumber::parse(k, prefix, number).ok());
            match complete {
                Some(n) => {
                    let key = format!("{kind}:{}", n.canonical());
                    reg.dispatch(Action::LookupStarted(key.clone()));
                    let args = LookupArgs {
                        kind: kind.to_string(),
                        prefix: prefix.to_string(),
                        number: number.to_string(),
                    };
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = call::<cmd::LookupFacility>(&args).await;
                        reg.dispatch(Action::LookupFinished(key, result));
                    });
                }
                None => reg.dispatch(Action::LookupStarted(String::new())),
            }
        });
    }

    let on_input = {
        let reg = reg.clone();
        Callback::from(move |(field, value): (Field, String)| {
            reg.dispatch(Action::Edit(field, value))
        })
    };
    let on_blur = {
        let reg = reg.clone();
        Callback::from(move |field: Field| reg.dispatch(Action::Blur(field)))
    };
    let on_submit = {
        let reg = reg.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let report = reg.form.check();
            reg.dispatch(Action::ShowAll);
            match report.first_error_field() {
                None => {
                    if let Some(n) = &navigator {
                        n.push(&Route::Confirm);
                    }
                }
                Some(field) => focus_field(field),
            }
        })
    };
    let edit = |field: Field| {
        let reg = reg.clone();
        move |value: String| reg.dispatch(Action::Edit(field, value))
    };
    let kind_errors = reg.errors_for(Field::FacilityKind);
    let error_count = if reg.show_all {
        report.errors.len() + reg.portal_errors.len()
    } else {
        0
    };

    // 「→「…」として登録します」 only for a value the rule set accepts.
    let if_valid = |field: Field, normalized: &str| {
        report
            .errors_for(field)
            .next()
            .is_none()
            .then(|| normalized.to_owned())
    };
    let text = |field: Field,
                label: &'static str,
                example: Option<&'static str>,
                value: &str,
                normalized: Option<String>| {
        html! {
            <TextField field={field} label={label} example={example.map(AttrValue::Static)}
                value={AttrValue::from(value.to_owned())} normalized={normalized}
                errors={reg.errors_for(field)} on_input={on_input.clone()} on_blur={on_blur.clone()} />
        }
    };

    html! {
        <>
            <h2>{ "ユーザー登録" }</h2>
            <Banner message={reg.banner.clone()} />
            { draft_status(&reg) }
            if locked {
                <p class="banner" role="status" id="draft-locked">
                    { "この下書きは送信待ちまたは送信済みのため、変更できません。状態は" }
                    <Link<Route> to={Route::Drafts}>{ "下書き一覧" }</Link<Route>>
                    { "でご確認ください。" }
                </p>
            }
            if error_count > 0 {
                <p class="error-summary" role="alert" id="error-summary">
                    { format!("入力内容に{error_count}件の誤りがあります。赤く表示された項目をご確認ください。") }
                </p>
            }
            <p><span class="required">{ "必須" }</span></p>
            <form novalidate=true onsubmit={on_submit} aria-label="ユーザー登録">
                { text(Field::FamilyName, "姓", Some("基金"), &form.family_name, None) }
                { text(Field::GivenName, "名", Some("太郎"), &form.given_name, None) }

                <fieldset class="form-row" aria-describedby={described_by("facility_kind", false, !kind_errors.is_empty())}>
                    <legend class="required">{ "所属機関選択" }</legend>
                    { for FacilityKind::ALL.iter().map(|k| {
                        let id = format!("facility_kind-{}", k.key());
                        let onchange = { let edit = edit(Field::FacilityKind); let key = k.key().to_owned(); move |_| edit(key.clone()) };
                        html! {
                            <label class="choice" for={id.clone()}>
                                <input type="radio" id={id} name="facility_kind" value={k.key()}
                                    checked={form.facility_kind == k.key()}
                                    aria-invalid={(!kind_errors.is_empty()).to_string()}
                                    onchange={onchange} />
                                { k.label() }
                            </label>
                        }
                    }) }
                    { error_list("facility_kind", &kind_errors) }
                </fieldset>

                if let Some(kind) = kind {
                    { number_section(kind, &reg, if_valid(Field::RegistrationNumber, &report.normalized.registration_number), on_input.clone(), on_blur.clone()) }
                }

                { text(Field::Phone, "電話番号（半角数字・ハイフン無しでご入力ください）", Some("01201234567"), &form.phone, if_valid(Field::Phone, &report.normalized.phone)) }
                { text(Field::Email, "メールアドレス（英小文字、数字、ピリオド(.)、ハイフン(-)、アンダーバー(_)を使用可能です）", None, &form.email, if_valid(Field::Email, &report.normalized.email)) }
                <TextField field={Field::Password} input_type="password" autocomplete="new-password"
                    label="パスワード（大小英文字・数字をそれぞれ1文字以上ご入力ください。パスワードの長さは8文字以上100文字以下です）"
                    value={AttrValue::from(form.password.clone())} errors={reg.errors_for(Field::Password)}
                    on_input={on_input.clone()} on_blur={on_blur.clone()} />
                <TextField field={Field::PasswordConfirmation} input_type="password" autocomplete="new-password"
                    label="パスワード（確認用）"
                    value={AttrValue::from(form.password_confirmation.clone())} errors={reg.errors_for(Field::PasswordConfirmation)}
                    on_input={on_input.clone()} on_blur={on_blur.clone()} />

                { terms_row(&reg) }
                <p class="actions"><button type="submit" class="primary" id="register-submit" disabled={locked}>{ "登録" }</button></p>
            </form>
        </>
    }
}

fn number_section(
    kind: FacilityKind,
    reg: &crate::state::registration::RegistrationHandle,
    normalized: Option<String>,
    on_input: Callback<(Field, String)>,
    on_blur: Callback<Field>,
) -> Html {
    let t = number_text(kind);
    let form = &reg.form;
    let warning = RegistrationNumber::parse(kind, &form.judo_prefix, &form.registration_number)
        .ok()
        .and_then(|n| n.warnings().into_iter().next());
    let prefix_errors = reg.errors_for(Field::JudoPrefix);
    let on_prefix = {
        let on_input = on_input.clone();
        Callback::from(move |e: Event| {
            on_input.emit((
                Field::JudoPrefix,
                e.target_unchecked_into::<HtmlSelectElement>().value(),
            ))
        })
    };
    let prefix_blur = {
        let on_blur = on_blur.clone();
        move |_| on_blur.emit(Field::JudoPrefix)
    };
    let (display, name, status) = match &reg.lookup {
        Lookup::Found(f) => (f.display.clone(), f.name.clone(), html! {}),
        Lookup::Loading(k) if !k.is_empty() => (
            String::new(),
            String::new(),
            html! { <p class="lookup-status" id="lookup-status"><span class="spinner" aria-hidden="true"></span>{ "施術所等を検索しています…" }</p> },
        ),
        Lookup::NotFound(m) => (
            String::new(),
            String::new(),
            html! { <p class="lookup-status warn" id="lookup-status">{ m.clone() }</p> },
        ),
        Lookup::Failed(m) => (
            String::new(),
            String::new(),
            html! { <p class="lookup-status warn" id="lookup-status">{ format!("施術所名を確認できませんでした。{m}") }</p> },
        ),
        _ => (String::new(), String::new(), html! {}),
    };
    html! {
        <section class="number-section" aria-label="施術所情報">
            <p class="intro">{ t.intro }</p>
            if kind == FacilityKind::Judo {
                <div class="form-row">
                    <label for="judo_prefix" class="required">{ "① 入力項目：上記例【契0123456-7-8】の「契」に該当する箇所から、協または契をお選びください。" }</label>
                    <select id="judo_prefix" name="judo_prefix" aria-required="true"
                        aria-invalid={(!prefix_errors.is_empty()).to_string()}
                        aria-describedby={described_by("judo_prefix", false, !prefix_errors.is_empty())}
                        onchange={on_prefix} onblur={prefix_blur}>
                        <option value="" selected={form.judo_prefix.is_empty()}>{ "－なし－" }</option>
                        <option value="協" selected={form.judo_prefix == "協"}>{ "協" }</option>
                        <option value="契" selected={form.judo_prefix == "契"}>{ "契" }</option>
                    </select>
                    { error_list("judo_prefix", &prefix_errors) }
                </div>
            }
            <TextField field={Field::RegistrationNumber} label={t.label} example={AttrValue::Static(t.example)}
                inputmode="numeric"
                value={AttrValue::from(form.registration_number.clone())} normalized={normalized}
                errors={reg.errors_for(Field::RegistrationNumber)} on_input={on_input} on_blur={on_blur} />
            // crates/domain's warnings (健診's check digit): told, never blocking.
            if let Some(w) = warning {
                <p class="lookup-status warn" id="registration_number-warning" role="status">{ w.message.to_string() }</p>
            }
            { status }
            <div class="form-row">
                <label for="facility_display">{ "登録記号番号（入力内容に応じて自動入力されます）" }</label>
                <input type="text" id="facility_display" readonly=true value={display} />
            </div>
            <div class="form-row">
                <label for="facility_name">{ "施術所名（入力内容に応じて自動入力されます）" }</label>
                <input type="text" id="facility_name" readonly=true value={name} />
            </div>
            if matches!(kind, FacilityKind::Judo | FacilityKind::Ahaki) {
                <p class="note">{ "※新たに受領委任の取扱いを開始する施術所につきましては、手続の都合上、ユーザー登録が行えるまで1か月程度お時間を要する場合がございます。" }</p>
            }
        </section>
    }
}

fn terms_row(reg: &crate::state::registration::RegistrationHandle) -> Html {
    let errors = reg.errors_for(Field::Terms);
    let onchange = {
        let reg = reg.clone();
        Callback::from(move |e: Event| {
            reg.dispatch(Action::Terms(
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            ))
        })
    };
    html! {
        <div class="form-row terms">
            <p>
                <Link<Route> to={Route::Terms}>{ "施術所等向け総合ポータルサイト利用規約" }</Link<Route>>
                { "　" }
                <Link<Route> to={Route::Privacy}>{ "プライバシーポリシー" }</Link<Route>>
            </p>
            <label class="choice required" for="terms">
                <input type="checkbox" id="terms" name="terms" checked={reg.form.terms_accepted}
                    aria-invalid={(!errors.is_empty()).to_string()}
                    aria-describedby={described_by("terms", false, !errors.is_empty())}
                    onchange={onchange} />
                { "上記の利用規約に同意します。" }
            </label>
            { error_list("terms", &errors) }
        </div>
    }
}

/// 「下書きを保存しました（12:03）」: the user sees that nothing typed is lost.
fn draft_status(reg: &crate::state::registration::RegistrationHandle) -> Html {
    let saved = reg.saved_at.map(|t| {
        format!(
            "下書きを保存しました（{}）。",
            crate::format::japan_clock(t)
        )
    });
    html! {
        <>
            <p class="draft-status" id="draft-status" aria-live="polite">
                { saved.unwrap_or_else(|| "入力内容は、このパソコンに下書きとして自動で保存されます（パスワードを除く）。".into()) }
            </p>
            if let Some(note) = &reg.draft_note {
                <p class="lookup-status warn" id="draft-note">{ note.clone() }</p>
            }
        </>
    }
}
