use std::time::Duration;

use fantoccini::Locator;
use madoguchi_e2e::app::AppSession;

const ENTRIES: [&str; 9] = [
    "新規ユーザー登録はこちら",
    "ログインはこちら",
    "オンライン資格確認とは？",
    "導入準備",
    "各種申請",
    "手順書・マニュアル",
    "お知らせ",
    "よくある質問",
    "お問い合わせ先",
];

#[tokio::test(flavor = "multi_thread")]
async fn top_page_shows_the_portal_and_leads_into_registration() {
    let app = AppSession::launch()
        .await
        .expect("the app starts under WebDriver");

    let title = app.text_of(".site-header h1").await.expect("header");
    assert_eq!(title, "施術所等向け総合ポータルサイト");

    let entries = app.text_of(".entries").await.expect("entries");
    for entry in ENTRIES {
        assert!(
            entries.contains(entry),
            "top page lacks 「{entry}」: {entries}"
        );
    }
    assert!(entries.contains("初めてご利用になられる方はこちらから"));

    let footer = app.text_of(".site-footer").await.expect("footer");
    assert!(footer.contains("お問い合わせ先"), "{footer}");
    assert!(
        footer.contains("オンライン資格確認等コールセンター 0800-080-4583"),
        "{footer}"
    );

    // The footer's version comes from the Rust command `app_info`: the chain UI → invoke
    // → backend → UI answers.
    let version = app
        .text_of("#app-version")
        .await
        .expect("app_info answered");
    assert_eq!(version, format!("Madoguchi {}", env!("CARGO_PKG_VERSION")));

    let shot = app.screenshot("top").await.expect("screenshot");
    assert!(std::fs::metadata(&shot)
        .map(|m| m.len() > 10_000)
        .unwrap_or(false));

    app.client
        .find(Locator::XPath(
            "//a[contains(., '新規ユーザー登録はこちら')]",
        ))
        .await
        .expect("the registration entry is a link")
        .click()
        .await
        .expect("click");
    let heading = app.text_of("main h2").await.expect("registration heading");
    assert_eq!(heading, "ユーザー登録");
    for label in ["姓", "名"] {
        let xpath = format!("//label[normalize-space(.)='{label}']");
        app.client
            .find(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("label 「{label}」 missing: {e}"));
    }
    let kinds = app.text_of("fieldset").await.expect("所属機関選択");
    for kind in [
        "施術所（柔道整復）",
        "施術所（あん摩マッサージ指圧・はり・きゅう）",
        "健診実施機関等",
        "助産所",
    ] {
        assert!(kinds.contains(kind), "所属機関選択 lacks {kind}: {kinds}");
    }

    // Leaving 姓 empty runs crates/domain (compiled to wasm) and shows its message.
    let family = app
        .client
        .find(Locator::Id("family_name"))
        .await
        .expect("姓 field");
    family
        .send_keys("\u{3000}")
        .await
        .expect("type a full-width space");
    app.client
        .find(Locator::Id("given_name"))
        .await
        .expect("名 field")
        .click()
        .await
        .expect("move focus");
    let error = app
        .text_of("#family_name-error")
        .await
        .expect("error shown");
    assert_eq!(error, "姓：必須項目です。入力してください。");
    let invalid = family.attr("aria-invalid").await.expect("attribute");
    assert_eq!(invalid.as_deref(), Some("true"));

    tokio::time::sleep(Duration::from_millis(200)).await;
    app.screenshot("register-name-step")
        .await
        .expect("screenshot");
    app.close().await.expect("session closes");
}
