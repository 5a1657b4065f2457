//! ユーザー登録, first step (manual p.4): 姓, 名 and 所属機関選択, judged by crates/domain
//! when the user leaves a field.

use madoguchi_domain::{FacilityKind, FamilyName, Field, FieldError, GivenName};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Clone, PartialEq, Default)]
struct NameStep {
    family_name: String,
    given_name: String,
    facility_kind: String,
    errors: Vec<FieldError>,
}

impl NameStep {
    /// Re-judges one field, keeping the others' errors.
    fn judge(&mut self, field: Field) {
        self.errors.retain(|e| e.field != field);
        let result = match field {
            Field::FamilyName => FamilyName::parse(&self.family_name).map(|_| ()),
            Field::GivenName => GivenName::parse(&self.given_name).map(|_| ()),
            Field::FacilityKind => FacilityKind::parse(&self.facility_kind).map(|_| ()),
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.errors.push(e);
        }
    }

    fn error(&self, field: Field) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.field == field)
    }
}

fn text_row(
    field: Field,
    label: &str,
    example: &str,
    value: &str,
    error: Option<&FieldError>,
    on_change: Callback<String>,
    on_blur: Callback<Field>,
) -> Html {
    let id = field.key();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let describedby = if error.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    html! {
        <div class="form-row">
            <label for={id} class="required">{ label.to_owned() }</label>
            <input type="text" id={id} name={id} value={value.to_owned()}
                aria-required="true"
                aria-invalid={error.is_some().to_string()}
                aria-describedby={describedby}
                oninput={move |e: InputEvent| on_change.emit(e.target_unchecked_into::<HtmlInputElement>().value())}
                onblur={move |_| on_blur.emit(field)} />
            <p class="hint" id={hint_id}>{ format!("例) {example}") }</p>
            if let Some(e) = error {
                <p class="field-error" id={error_id} role="alert">{ e.message.to_string() }</p>
            }
        </div>
    }
}

#[function_component(Register)]
pub fn register() -> Html {
    let step = use_state(NameStep::default);
    let set = |apply: fn(&mut NameStep, String)| {
        let step = step.clone();
        Callback::from(move |v: String| {
            let mut next = (*step).clone();
            apply(&mut next, v);
            step.set(next);
        })
    };
    let on_blur = {
        let step = step.clone();
        Callback::from(move |field: Field| {
            let mut next = (*step).clone();
            next.judge(field);
            step.set(next);
        })
    };
    let on_kind = {
        let step = step.clone();
        Callback::from(move |e: Event| {
            let mut next = (*step).clone();
            next.facility_kind = e.target_unchecked_into::<HtmlSelectElement>().value();
            next.judge(Field::FacilityKind);
            step.set(next);
        })
    };
    let kind_error = step.error(Field::FacilityKind);
    html! {
        <>
            <h2>{ "ユーザー登録" }</h2>
            <p><span class="required">{ "必須" }</span></p>
            <form novalidate=true onsubmit={|e: SubmitEvent| e.prevent_default()}>
                { text_row(Field::FamilyName, "姓", "基金", &step.family_name,
                    step.error(Field::FamilyName), set(|s, v| s.family_name = v), on_blur.clone()) }
                { text_row(Field::GivenName, "名", "太郎", &step.given_name,
                    step.error(Field::GivenName), set(|s, v| s.given_name = v), on_blur.clone()) }
                <div class="form-row">
                    <label for="facility_kind" class="required">{ "所属機関選択" }</label>
                    <select id="facility_kind" name="facility_kind"
                        aria-required="true"
                        aria-invalid={kind_error.is_some().to_string()}
                        aria-describedby="facility_kind-error"
                        onchange={on_kind}>
                        <option value="" selected={step.facility_kind.is_empty()}>{ "－選択してください－" }</option>
                        { for FacilityKind::ALL.iter().map(|k| html! {
                            <option value={k.key()} selected={step.facility_kind == k.key()}>{ k.label() }</option>
                        }) }
                    </select>
                    if let Some(e) = kind_error {
                        <p class="field-error" id="facility_kind-error" role="alert">{ e.message.to_string() }</p>
                    }
                </div>
            </form>
        </>
    }
}
