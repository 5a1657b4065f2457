//! What a user sees when something is wrong: every field's error, a number the portal does not know on
//! its field, the portal unreachable — and nothing typed is lost.

use crate::support::{absent, portal_and_app};

#[tokio::test(flavor = "multi_thread")]
async fn every_field_shows_its_error_and_focus_goes_to_the_first() {
    let (_portal, app) = portal_and_app().await;
    app.click("a.entry.primary")
        .await
        .expect("新規ユーザー登録はこちら");
    app.click("#register-submit")
        .await
        .expect("登録 on a blank form");
    let summary = app
        .wait_for_text("#error-summary", "件の誤りがあります")
        .await
        .expect("summary");
    assert!(
        summary.contains("入力内容に8件の誤りがあります"),
        "{summary}"
    );
    for (id, message) in [
        ("family_name", "姓：必須項目です。"),
        ("given_name", "名：必須項目です。"),
        (
            "facility_kind",
            "所属機関選択：所属機関を選択してください。",
        ),
        ("phone", "電話番号：必須項目です。"),
        ("email", "メールアドレス：必須項目です。"),
        ("password", "パスワード：必須項目です。"),
        (
            "password_confirmation",
            "パスワード（確認用）：必須項目です。",
        ),
        ("terms", "利用規約："),
    ] {
        app.wait_for_text(&format!("#{id}-error"), message)
            .await
            .expect(id);
    }
    assert_eq!(
        app.focused_id().await.expect("focus"),
        "family_name",
        "focus on the first error"
    );
    let invalid = app
        .element("#family_name")
        .await
        .expect("姓")
        .attr("aria-invalid")
        .await
        .expect("attr");
    assert_eq!(invalid.as_deref(), Some("true"));

    // The kind's own fields and rules.
    app.click("#facility_kind-judo").await.expect("柔道整復");
    app.type_into("#registration_number", "１２３")
        .await
        .expect("3 digits");
    app.type_into("#email", "taro+1@example.jp")
        .await
        .expect("email");
    app.type_into("#password", "short").await.expect("password");
    app.click("#register-submit").await.expect("登録");
    app.wait_for_text("#judo_prefix-error", "「協」または「契」を選択してください")
        .await
        .expect("①");
    app.wait_for_text("#registration_number-error", "数字部分9桁")
        .await
        .expect("②");
    app.wait_for_text("#email-error", "英小文字、数字、ピリオド")
        .await
        .expect("email rule");
    app.wait_for_text("#password-error", "8文字以上100文字以内")
        .await
        .expect("password rule");
    app.screenshot("register-errors").await.expect("screenshot");
    app.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_value_is_shown_as_registered_only_once_it_is_valid() {
    let (_portal, app) = portal_and_app().await;
    app.click("a.entry.primary")
        .await
        .expect("新規ユーザー登録はこちら");
    app.type_into("#phone", "03-12").await.expect("phone");
    app.wait_for_value("#phone", "03-12").await.expect("typed");
    assert!(
        absent(&app, "#phone-normalized").await,
        "an invalid number is not announced as what will be registered"
    );
    app.type_into("#phone", "34-5678").await.expect("the rest");
    app.wait_for_text("#phone-normalized", "「0312345678」として登録します")
        .await
        .expect("a valid number is shown as it will be registered");
    app.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_manuals_steps_say_press_not_oshita() {
    let (_portal, app) = portal_and_app().await;
    app.click("a[href='#/manual']")
        .await
        .expect("手順書・マニュアル");
    let text = app
        .wait_for_text("main", "を押します")
        .await
        .expect("the steps");
    assert!(!text.contains("押下"), "{text}");
    app.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_kenshin_number_whose_check_digit_fails_is_warned_about_not_refused() {
    let (_portal, app) = portal_and_app().await;
    app.click("a.entry.primary")
        .await
        .expect("新規ユーザー登録はこちら");
    app.click("#facility_kind-kenshin")
        .await
        .expect("健診実施機関等");
    app.type_into("#registration_number", "0110113710")
        .await
        .expect("number");
    let warning = app
        .wait_for_text("#registration_number-warning", "検証番号")
        .await
        .expect("the check digit is questioned");
    assert!(
        warning.contains("このまま登録することもできます"),
        "{warning}"
    );
    // (This number is not in the master, so the lookup's own error may show; the check
    // digit is never one.)
    assert!(
        absent(
            &app,
            "#registration_number-error [data-code='registration_number.check_digit']"
        )
        .await,
        "a warning, not an error"
    );
    app.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_window_normalises_as_the_backend_does() {
    use madoguchi_domain::normalize::{digits_field, email_field};
    // The window's NFKC is the web view's own; the backend's is Unicode's tables. The value
    // shown as 「…として登録します」 must be the one the backend will judge.
    let (_portal, app) = portal_and_app().await;
    app.click("a.entry.primary")
        .await
        .expect("新規ユーザー登録はこちら");
    for (field, typed, native) in [
        (
            "#email",
            "ＴＡＲＯ．ｙａｍａｄａ＿１＠ＥＸＡＭＰＬＥ．ＪＰ",
            email_field as fn(&str) -> String,
        ),
        ("#phone", "０３ー１２３４―５６７８", digits_field),
    ] {
        app.type_into(field, typed).await.expect("typed");
        let shown = app
            .wait_for_text(&format!("{field}-normalized"), "として登録します")
            .await
            .expect("shown");
        assert!(
            shown.contains(&format!("「{}」", native(typed))),
            "{field}: window {shown:?}, backend {:?}",
            native(typed)
        );
    }
    app.close().await.expect("closes");
}
