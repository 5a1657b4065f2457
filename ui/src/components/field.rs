//! A labelled form field with its example, what the input was normalised to, and its
//! errors, wired for screen readers (aria-invalid, aria-describedby).

use madoguchi_domain::{Field, FieldError};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub field: Field,
    pub label: AttrValue,
    #[prop_or_default]
    pub example: Option<AttrValue>,
    /// The manual's instruction under a short label (② 入力項目 → 「…9桁をご入力ください」).
    #[prop_or_default]
    pub instruction: Option<AttrValue>,
    #[prop_or_default]
    pub note: Option<AttrValue>,
    pub value: AttrValue,
    /// The value as it will be judged, shown when it differs from what was typed.
    #[prop_or_default]
    pub normalized: Option<String>,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    pub errors: Vec<FieldError>,
    pub on_input: Callback<(Field, String)>,
    pub on_blur: Callback<Field>,
}

/// The ids of a field's help texts, for aria-describedby.
pub fn described_by(id: &str, has_hint: bool, has_errors: bool) -> String {
    described_by_all(id, false, has_hint, has_errors)
}

pub fn described_by_all(
    id: &str,
    has_instruction: bool,
    has_hint: bool,
    has_errors: bool,
) -> String {
    let mut ids = Vec::new();
    if has_instruction {
        ids.push(format!("{id}-instruction"));
    }
    if has_hint {
        ids.push(format!("{id}-hint"));
    }
    if has_errors {
        ids.push(format!("{id}-error"));
    }
    ids.join(" ")
}

pub fn error_list(id: &str, errors: &[FieldError]) -> Html {
    if errors.is_empty() {
        return html! {};
    }
    html! {
        <div class="field-error" id={format!("{id}-error")} role="alert">
            { for errors.iter().map(|e| html! { <p data-code={e.code.to_string()}>{ e.message.to_string() }</p> }) }
        </div>
    }
}

#[function_component(TextField)]
pub fn text_field(p: &TextFieldProps) -> Html {
    let id = p.field.key();
    let field = p.field;
    let has_hint = p.example.is_some() || p.note.is_some() || p.normalized.is_some();
    let shown_normalized = p
        .normalized
        .as_ref()
        .filter(|n| !n.is_empty() && n.as_str() != p.value.as_str());
    let on_input = p.on_input.clone();
    let on_blur = p.on_blur.clone();
    html! {
        <div class="form-row">
            <label for={id} class="required">{ p.label.clone() }</label>
            if let Some(i) = &p.instruction {
                <p class="instruction" id={format!("{id}-instruction")}>{ i.clone() }</p>
            }
            <input type={p.input_type.clone()} id={id} name={id} value={p.value.clone()}
                autocomplete={p.autocomplete.clone()}
                inputmode={p.inputmode.clone()}
                aria-required="true"
                aria-invalid={(!p.errors.is_empty()).to_string()}
                aria-describedby={described_by_all(id, p.instruction.is_some(), has_hint, !p.errors.is_empty())}
                oninput={move |e: InputEvent| on_input.emit((field, e.target_unchecked_into::<HtmlInputElement>().value()))}
                onblur={move |_| on_blur.emit(field)} />
            if has_hint {
                <div class="hint" id={format!("{id}-hint")}>
                    if let Some(n) = &p.note { <p>{ n.clone() }</p> }
                    if let Some(x) = &p.example { <p>{ format!("例) {x}") }</p> }
                    if let Some(n) = shown_normalized {
                        <p class="normalized" id={format!("{id}-normalized")}>{ format!("→ 「{n}」として登録します") }</p>
                    }
                </div>
            }
            { error_list(id, &p.errors) }
        </div>
    }
}

/// Moves focus to a field (after 登録 found errors), scrolling it into view.
pub fn focus_field(field: Field) {
    let id = match field {
        // The kind is a radio group: focus its first choice.
        Field::FacilityKind => "facility_kind-judo".to_owned(),
        f => f.key().to_owned(),
    };
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&id))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = el.focus();
    }
}
