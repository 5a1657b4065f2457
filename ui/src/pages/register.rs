//! ユーザー登録 (manual pp.4–8): 姓, 名, 所属機関選択, then the fields of the chosen kind.
//! Every rule comes from crates/domain, run here as wasm.

use madoguchi_domain::{FacilityKind, Field, RegistrationNumber};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::message::Message;
use yew_router::prelude::*;

use crate::announce::announce;
use crate::components::banner::Banner;
use crate::components::field::{
    described_by, described_by_all, error_list, focus_field, TextField,
};
use crate::hooks::autosave::use_autosave;
use crate::route::Route;
use crate::state::registration::{use_registration, Action, Lookup};
use crate::tauri::call;
use madoguchi_domain::contract::{cmd, LookupArgs};

/// What the number fields of each kind are called and explained as (manual pp.5–8): a short
/// label, with the instruction under it.
struct NumberText {
    intro: &'static str,
    instruction: Option<&'static str>,
    example: &'static str,
}

fn number_text(kind: FacilityKind) -> NumberText {
    match kind {
        FacilityKind::Judo => NumberText {
            intro: "以下の例を参考に、下記の項目をご入力ください。例：受領委任承諾通知書の登録記号番号の欄に【契0123456-7-8】と記載されている場合",
            instruction: Some("【契0123456-7-8】の数字部分9桁をご入力ください（ハイフン無し）。"),
            example: "012345678",
        },
        // The manual's one 入力項目 of あはき carries its instruction in the label.
        FacilityKind::Ahaki => NumberText {
            intro: "以下の例を参考に、下記の項目をご入力ください。例：受領委任承諾通知書の登録記号番号の欄に【01234567-8-9】と記載されている場合",
            instruction: None,
            example: "0123456789",
        },
        FacilityKind::Kenshin => NumberText {
            intro: "特定健康診査・特定保健指導の健診機関番号（10桁）をご入力ください。",
            instruction: Some("10桁の半角数字（ハイフン無し）でご入力ください。"),
            example: "0110113719",
        },
        FacilityKind::Josan => NumberText {
            intro: "助産所の機関コード（10桁）をご入力ください。",
            instruction: Some("10桁の半角数字（ハイフン無し）でご入力ください。"),
            example: "0123456789",
        },
    }
}

const PREFIX_INSTRUCTION: &str =
    "上記例【契0123456-7-8】の「契」に該当する箇所から、協または契をお選びください。";

/// A field's label on the form, and in the 「必須情報」 panel that lists it while empty.
fn field_label(field: Field, kind: Option<FacilityKind>) -> &'static str {
    match field {
        Field::FamilyName => "姓",
        Field::GivenName => "名",
        Field::FacilityKind => "所属機関選択",
        Field::JudoPrefix => "① 入力項目",
        Field::RegistrationNumber => match kind {
            Some(FacilityKind::Ahaki) => {
                "入力項目（登録記号番号10桁（半角数字・ハイフン無し）をご入力ください）"
            }
            Some(k) => k.terms().number_field,
            None => "入力項目",
        },
        Field::Phone => "電話番号（半角数字・ハイフン無しでご入力ください）",
        Field::Email => {
            "メールアドレス（英小文字、数字、ピリオド(.)、ハイフン(-)、アンダーバー(_)を使用可能です）"
        }
        Field::Password => "パスワード（大小英文字・数字をそれぞれ1文字以上ご入力ください。パスワードの長さは8文字以上100文字以下です）",
        Field::PasswordConfirmation => "パスワード（確認用）",
        Field::Terms => "上記の利用規約に同意します。",
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
            // A number the portal said it does not know never reaches 入力内容確認.
            let unknown = reg.lookup_error().map(|e| e.field);
            let count =
                report.errors.len() + reg.portal_errors.len() + usize::from(unknown.is_some());
            if count > 0 {
                announce(&error_summary(count));
            }
            match report.first_error_field().or(unknown) {
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
        report.errors.len() + reg.portal_errors.len() + usize::from(reg.lookup_error().is_some())
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
                example: Option<&'static str>,
                value: &str,
                normalized: Option<String>| {
        html! {
            <TextField field={field} label={field_label(field, kind)} example={example.map(AttrValue::Static)}
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
                // Said once, when 登録 finds the errors (on_submit), not at every keystroke.
                <p class="error-summary" id="error-summary">{ error_summary(error_count) }</p>
            }
            <p><span class="required">{ "必須" }</span></p>
            <div class="register-layout">
            <form novalidate=true onsubmit={on_submit} aria-label="ユーザー登録" id="registration-form">
                { text(Field::FamilyName, Some("基金"), &form.family_name, None) }
                { text(Field::GivenName, Some("太郎"), &form.given_name, None) }

                <fieldset class="form-row" aria-describedby={described_by("facility_kind", false, !kind_errors.is_empty())}>
                    <legend class="required">{ field_label(Field::FacilityKind, kind) }</legend>
                    { for FacilityKind::ALL.iter().map(|k| {
                        let id = format!("facility_kind-{}", k.key());
                        let onchange = { let edit = edit(Field::FacilityKind); let key = k.key().to_owned(); move |_| edit(key.clone()) };
                        html! {
                            <>
                            <label class="choice" for={id.clone()}>
                                <input type="radio" id={id} name="facility_kind" value={k.key()}
                                    checked={form.facility_kind == k.key()}
                                    aria-invalid={(!kind_errors.is_empty()).to_string()}
                                    onchange={onchange} />
                                { k.label() }
                            </label>
                            // Under 施術所's two choices, as on the manual's p.4.
                            if matches!(k, FacilityKind::Judo | FacilityKind::Ahaki) {
                                <p class="choice-note" id={format!("facility_kind-{}-note", k.key())}>{ "※受領委任承諾通知書をご用意ください。" }</p>
                            }
                            </>
                        }
                    }) }
                    { error_list("facility_kind", &kind_errors) }
                </fieldset>

                if let Some(kind) = kind {
                    { number_section(kind, &reg, if_valid(Field::RegistrationNumber, &report.normalized.registration_number), on_input.clone(), on_blur.clone()) }
                }

                { text(Field::Phone, Some("01201234567"), &form.phone, if_valid(Field::Phone, &report.normalized.phone)) }
                { text(Field::Email, None, &form.email, if_valid(Field::Email, &report.normalized.email)) }
                <TextField field={Field::Password} input_type="password" autocomplete="new-password"
                    label={field_label(Field::Password, kind)}
                    value={AttrValue::from(form.password.clone())} errors={reg.errors_for(Field::Password)}
                    on_input={on_input.clone()} on_blur={on_blur.clone()} />
                <TextField field={Field::PasswordConfirmation} input_type="password" autocomplete="new-password"
                    label={field_label(Field::PasswordConfirmation, kind)}
                    value={AttrValue::from(form.password_confirmation.clone())} errors={reg.errors_for(Field::PasswordConfirmation)}
                    on_input={on_input.clone()} on_blur={on_blur.clone()} />

                { terms_row(&reg) }
                <p class="actions"><button type="submit" class="primary" id="register-submit" disabled={locked}>{ "登録" }</button></p>
            </form>
            { side_panel(&report.missing(), kind, locked) }
            </div>
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
    let terms = kind.terms();
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
        // Shown on the number field as its error (see Registration::lookup_error).
        Lookup::NotFound(_) => (String::new(), String::new(), html! {}),
        Lookup::Failed(m) => (
            String::new(),
            String::new(),
            html! { <Message class="lookup-status warn" id="lookup-status" text={format!("{}を確認できませんでした。{m}", terms.name)} /> },
        ),
        _ => (String::new(), String::new(), html! {}),
    };
    html! {
        <section class="number-section" aria-label={format!("{}の入力", terms.number)}>
            <p class="intro">{ t.intro }</p>
            if kind == FacilityKind::Judo {
                <div class="form-row">
                    <label for="judo_prefix" class="required">{ field_label(Field::JudoPrefix, Some(kind)) }</label>
                    <p class="instruction" id="judo_prefix-instruction">{ PREFIX_INSTRUCTION }</p>
                    <select id="judo_prefix" name="judo_prefix" aria-required="true"
                        aria-invalid={(!prefix_errors.is_empty()).to_string()}
                        aria-describedby={described_by_all("judo_prefix", true, false, !prefix_errors.is_empty())}
                        onchange={on_prefix} onblur={prefix_blur}>
                        <option value="" selected={form.judo_prefix.is_empty()}>{ "－なし－" }</option>
                        <option value="協" selected={form.judo_prefix == "協"}>{ "協" }</option>
                        <option value="契" selected={form.judo_prefix == "契"}>{ "契" }</option>
                    </select>
                    { error_list("judo_prefix", &prefix_errors) }
                </div>
            }
            <TextField field={Field::RegistrationNumber} label={field_label(Field::RegistrationNumber, Some(kind))}
                instruction={t.instruction.map(AttrValue::Static)} example={AttrValue::Static(t.example)}
                inputmode="numeric"
                value={AttrValue::from(form.registration_number.clone())} normalized={normalized}
                errors={reg.errors_for(Field::RegistrationNumber)} on_input={on_input} on_blur={on_blur} />
            // crates/domain's warnings (健診's check digit): told, never blocking.
            if let Some(w) = warning {
                <Message class="lookup-status warn" id="registration_number-warning" text={w.message.to_string()} />
            }
            { status }
            <div class="form-row">
                <label for="facility_display">{ format!("{}（入力内容に応じて自動入力されます）", terms.number) }</label>
                <input type="text" id="facility_display" readonly=true value={display} />
            </div>
            <div class="form-row">
                <label for="facility_name">{ format!("{}（入力内容に応じて自動入力されます）", terms.name) }</label>
                <input type="text" id="facility_name" readonly=true value={name} />
            </div>
            if matches!(kind, FacilityKind::Judo | FacilityKind::Ahaki) {
                <p class="note">{ "※新たに受領委任の取扱いを開始する施術所につきましては、手続の都合上、ユーザー登録が行えるまで1か月程度お時間を要する場合がございます。" }</p>
            }
        </section>
    }
}

fn error_summary(count: usize) -> String {
    format!("入力内容に{count}件の誤りがあります。赤く表示された項目をご確認ください。")
}

/// 「登録」 at the top right and, beside it, 「必須情報」: the required fields still empty, by
/// their labels, updated as the user types (manual pp.5–6).
fn side_panel(missing: &[Field], kind: Option<FacilityKind>, locked: bool) -> Html {
    html! {
        <aside class="register-side" aria-label="登録と必須情報">
            <button type="submit" form="registration-form" class="primary" id="register-submit-top" disabled={locked}>{ "登録" }</button>
            <section class="required-panel" id="required-panel" aria-labelledby="required-panel-title">
                <h3 id="required-panel-title">{ "必須情報" }</h3>
                if missing.is_empty() {
                    <p id="required-panel-done">{ "必須項目はすべて入力されています。" }</p>
                } else {
                    <ul>
                        { for missing.iter().map(|f| html! { <li data-field={f.key()}>{ field_label(*f, kind) }</li> }) }
                    </ul>
                }
            </section>
        </aside>
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
                { field_label(Field::Terms, None) }
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
