//! Input normalisation, applied before anything is judged.
//!
//! Clinic PCs type through a Japanese IME: full-width digits (０１２), full-width hyphens
//! and spaces arrive even where the portal asks for 半角・ハイフン無し.

/// Hyphen look-alikes an IME or a copy from a PDF may produce (domain-notes.md).
const HYPHEN_LOOKALIKES: [char; 11] = [
    '-', '\u{2010}', '\u{2011}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}', '\u{FF0D}',
    '\u{30FC}', '\u{FF70}', '\u{2012}',
];

/// NFKC: full-width digits and letters become half-width.
#[cfg(not(target_arch = "wasm32"))]
pub fn nfkc(input: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // ASCII is its own NFKC, and it is what most input is (every number the portal looks
    // up): the tables cost a lookup 2 % of its CPU in `perf`.
    if input.is_ascii() {
        return input.to_owned();
    }
    input.nfkc().collect()
}

/// NFKC in the window: the web view's own (ICU). The backend and the portal judge again
/// with the tables above, so they decide.
#[cfg(target_arch = "wasm32")]
pub fn nfkc(input: &str) -> String {
    String::from(js_sys::JsString::from(input).normalize("NFKC"))
}

/// For ハイフン無し fields (numbers, phone): NFKC, then hyphen look-alikes and every kind
/// of white space removed.
pub fn digits_field(input: &str) -> String {
    let filtered: String = nfkc(input)
        .chars()
        .filter(|c| !c.is_whitespace() && !HYPHEN_LOOKALIKES.contains(c))
        .collect();
    // NFKC can decompose into a space plus a combining mark ("´" → " ◌́"); once the space
    // is gone the mark may compose with its new neighbour, so compose again. Without this,
    // normalising twice would differ from normalising once (found by proptest).
    nfkc(&filtered)
}

/// For the e-mail field: NFKC, surrounding white space trimmed, ASCII upper case lowered
/// (the portal allows only lower case, so 'Taro@Example.jp' means 'taro@example.jp').
pub fn email_field(input: &str) -> String {
    nfkc(input).trim().to_ascii_lowercase()
}

/// For names: surrounding white space (including the ideographic space U+3000) trimmed.
/// Names are otherwise kept as typed: NFKC would rewrite characters such as ㈱.
pub fn name_field(input: &str) -> String {
    input.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_ascii_shortcut_gives_what_the_tables_give(
            ascii in "[\\x00-\\x7f]{0,40}",
            any in "\\PC{0,20}",
        ) {
            use unicode_normalization::UnicodeNormalization;
            proptest::prop_assert_eq!(nfkc(&ascii), ascii.nfkc().collect::<String>());
            proptest::prop_assert_eq!(nfkc(&any), any.nfkc().collect::<String>());
        }
    }

    #[test]
    fn full_width_digits_and_every_hyphen_lookalike_are_folded() {
        assert_eq!(digits_field("０１２‐３４５ー６７８－９　0"), "01234567890");
        assert_eq!(digits_field("01-2‑3–4—5―6−7ｰ8"), "012345678");
    }

    #[test]
    fn removing_a_space_recomposes_what_it_separated() {
        assert_eq!(digits_field("g\u{B4}"), "\u{1F5}");
        assert_eq!(
            digits_field(&digits_field("g\u{B4}")),
            digits_field("g\u{B4}")
        );
    }

    #[test]
    fn email_is_lowered_and_trimmed() {
        assert_eq!(email_field("　Ｔａｒｏ@Example.JP "), "taro@example.jp");
    }

    #[test]
    fn name_keeps_inner_text_and_trims_ideographic_space() {
        assert_eq!(name_field("\u{3000}基金\u{3000}"), "基金");
    }
}
