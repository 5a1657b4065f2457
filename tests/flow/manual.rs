//! The screens against the manual, point by point (issue 13): the form's 「登録」 at the
//! top right with its 「必須情報」 panel, short labels over their instructions, each kind's
//! own words, an unknown number stopped online but queueable offline, and the portal's
//! documents opened in the system browser.

use std::path::PathBuf;

use madoguchi_e2e::app::AppSession;
use madoguchi_testkit::portal::{self, Backend};

use crate::support::{absent, fill_form, finish_form, portal_and_app, start_form, JOSAN};

/// The panel's items, in order.
async fn required_items(app: &AppSession) -> Vec<String> {
    let v = app
        .execute(
            "return [...document.querySelectorAll('#required-panel li')].map(li => li.textContent);",
            vec![],
        )
        .await
        .expect("panel");
    serde_json::from_value(v).unwrap_or_default()
}

/// An element's box: (left, top, right, bottom) in CSS pixels.
async fn rect(app: &AppSession, css: &str) -> (f64, f64, f64, f64) {
    let v = app
        .execute(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect(); \
             return [r.left, r.top, r.right, r.bottom];",
            vec![serde_json::Value::String(css.to_owned())],
        )
        .await
        .expect("rect");
    let r: Vec<f64> = serde_json::from_value(v).unwrap_or_default();
    match r[..] {
        [l, t, rt, b] => (l, t, rt, b),
        _ => panic!("{css}: no box"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn register_sits_top_right_beside_the_required_fields_still_empty() {
    let (_portal, app) = portal_and_app().await;
    app.set_size(1366, 768).await.expect("1366×768");
    app.click("a.entry.primary")
        .await
        .expect("新規ユーザー登録はこちら");
    app.click("#facility_kind-judo").await.expect("柔道整復");

    // Short labels with the manual's instruction under them (m.117–124).
    assert_eq!(
        app.text_of("label[for=judo_prefix]").await.expect("①"),
        "① 入力項目"
    );
    assert!(app
        .text_of("#judo_prefix-instruction")
        .await
        .expect("① instruction")
        .contains("協または契をお選びください"));
    assert_eq!(
        app.text_of("label[for=registration_number]")
            .await
            .expect("②"),
        "② 入力項目"
    );
    assert!(app
        .text_of("#registration_number-instruction")
        .await
        .expect("② instruction")
        .contains("数字部分9桁"));
    assert_eq!(
        app.text_of("#facility_kind-judo-note").await.expect("note"),
        "※受領委任承諾通知書をご用意ください。"
    );

    // 必須情報 lists what is still empty, by label, and follows the typing.
    let items = required_items(&app).await;
    assert_eq!(
        items[..4],
        ["姓", "名", "① 入力項目", "② 入力項目"],
        "{items:?}"
    );
    assert!(!items.iter().any(|i| i == "所属機関選択"), "{items:?}");
    app.type_into("#family_name", "基金").await.expect("姓");
    app.wait_gone("#required-panel li[data-field=family_name]")
        .await
        .expect("姓 leaves the panel once typed");
    assert_eq!(required_items(&app).await[0], "名");

    // 「登録」 is at the top right: right of the form, level with its first fields.
    let button = rect(&app, "#register-submit-top").await;
    let form = rect(&app, "#registration-form").await;
    let first = rect(&app, "#family_name").await;
    assert!(button.0 >= form.2, "right of the form: {button:?} {form:?}");
    assert!(button.1 <= first.1, "at the top: {button:?} {first:?}");
    app.screenshot("register-required-panel")
        .await
        .expect("screenshot");

    // It sends like the bottom one: errors shown, focus on the first.
    app.click("#register-submit-top").await.expect("登録");
    app.wait_for_text("#error-summary", "件の誤りがあります")
        .await
        .expect("summary");
    assert_eq!(app.focused_id().await.expect("focus"), "given_name");
    app.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread")]
async fn kenshin_and_josan_are_never_called_sejutsu() {
    let (_portal, app) = portal_and_app().await;
    start_form(&app, "kenshin").await;
    assert_eq!(
        app.text_of("label[for=registration_number]")
            .await
            .expect("label"),
        "健診機関番号"
    );
    // A number the master does not know: its own words, no 受領委任, no month's wait.
    app.type_into("#registration_number", "0199999999")
        .await
        .expect("number");
    let refused = app
        .wait_for_text("#registration_number-error", "見つかりません")
        .await
        .expect("not found");
    assert!(refused.contains("健診機関番号"), "{refused}");
    let section = app.text_of(".number-section").await.expect("section");
    for word in ["施術所", "受領委任", "1か月", "登録記号番号"] {
        assert!(!section.contains(word), "{word} in {section}");
    }
    assert!(section.contains("機関名（入力内容に応じて自動入力されます）"));
    app.close().await.expect("closes");

    let (_portal, app) = portal_and_app().await;
    fill_form(&app, &JOSAN, "josan@example.jp").await;
    let section = app.text_of(".number-section").await.expect("section");
    assert!(section.contains("助産所名（入力内容に応じて自動入力されます）"));
    assert!(section.contains("機関コード"));
    for word in ["施術所", "受領委任", "登録記号番号"] {
        assert!(!section.contains(word), "{word} in {section}");
    }
    app.click("#register-submit").await.expect("登録");
    let table = app
        .wait_for_text("#confirm-table", "みなと助産院")
        .await
        .expect("入力内容確認");
    assert!(
        table.contains("機関コード") && table.contains("助産所名"),
        "{table}"
    );
    assert!(
        !table.contains("施術所") && !table.contains("登録記号番号"),
        "{table}"
    );
    app.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_number_stops_registration_online_and_may_wait_offline() {
    let (_portal, app) = portal_and_app().await;
    start_form(&app, "judo").await;
    app.click("#judo_prefix option[value='協']")
        .await
        .expect("協");
    app.type_into("#registration_number", "987654321")
        .await
        .expect("number");
    app.wait_for_text("#registration_number-error", "1か月程度")
        .await
        .expect("not found, with the manual's explanation");
    finish_form(&app, "new@example.jp").await;
    app.click("#register-submit").await.expect("登録");
    app.wait_for_text("#error-summary", "1件の誤りがあります")
        .await
        .expect("the one defect is counted");
    assert_eq!(
        app.focused_id().await.expect("focus"),
        "registration_number"
    );
    assert!(
        absent(&app, "#confirm-ok").await,
        "入力内容確認 is never reached with a known defect"
    );
    app.close().await.expect("closes");

    // Offline nobody can tell: the user may queue it, and is told who will judge it.
    let app = AppSession::launch_with(&[("MADOGUCHI_PORTAL_URL", "http://127.0.0.1:9/".into())])
        .await
        .expect("app");
    start_form(&app, "ahaki").await;
    app.type_into("#registration_number", "9876543210")
        .await
        .expect("number");
    let note = app
        .wait_for_text("#lookup-status", "送信時にポータルが番号を確認します")
        .await
        .expect("the offline note");
    assert!(note.contains("施術所名を確認できませんでした"), "{note}");
    finish_form(&app, "offline@example.jp").await;
    app.click("#register-submit").await.expect("登録");
    app.click("#confirm-ok").await.expect("OK");
    app.wait_for_text("#banner", "送信待ちにしました")
        .await
        .expect("queued");
    app.close().await.expect("closes");
}

/// The system browser, as a desktop chooses it: `xdg-open` runs the default handler of
/// http(s) that mimeapps.list names. No browser can be watched here, so that handler is a
/// recorder of what it was asked to open; the app's config and data live beside it.
fn browser_recorder(dir: &std::path::Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let log = dir.join("opened.txt");
    let script = dir.join("browser.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", log.display()),
    )
    .expect("script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::fs::create_dir_all(dir.join("applications")).expect("applications");
    std::fs::write(
        dir.join("applications/recorder.desktop"),
        format!(
            "[Desktop Entry]\nType=Application\nName=Recorder\nExec={} %u\n\
             MimeType=x-scheme-handler/http;x-scheme-handler/https;\n",
            script.display()
        ),
    )
    .expect("desktop file");
    std::fs::write(
        dir.join("mimeapps.list"),
        "[Default Applications]\nx-scheme-handler/http=recorder.desktop\n\
         x-scheme-handler/https=recorder.desktop\n",
    )
    .expect("mimeapps.list");
    log
}

async fn opened(log: &std::path::Path, count: usize) -> Vec<String> {
    for _ in 0..100 {
        let lines: Vec<String> = std::fs::read_to_string(log)
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect();
        if lines.len() >= count {
            return lines;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the browser was not asked to open {count} address(es)");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_footer_links_and_the_binding_terms_open_in_the_browser() {
    use madoguchi_domain::documents::PortalLink;
    let portal = portal::start(Backend::Sqlite, |_| {}).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let log = browser_recorder(dir.path());
    let home = dir.path().display().to_string();
    let app = AppSession::launch_with(&[
        ("MADOGUCHI_PORTAL_URL", portal.base.clone()),
        ("XDG_CONFIG_HOME", home.clone()),
        ("XDG_DATA_HOME", home),
    ])
    .await
    .expect("app");
    let footer = app
        .wait_for_text("#contact", "【各種リンク】")
        .await
        .expect("footer");
    for link in PortalLink::ALL {
        assert!(
            footer.contains(link.label()),
            "{} in {footer}",
            link.label()
        );
    }
    for (i, link) in PortalLink::ALL.into_iter().enumerate() {
        app.click(&format!("#footer-link-{}", link.key()))
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", link.label()));
        let url = opened(&log, i + 1).await[i].clone();
        assert_eq!(
            url,
            format!("{}{}", portal.base.trim_end_matches('/'), link.path())
        );
        // The portal serves it: the address is its own document, not a guess.
        let page = madoguchi_testkit::http::client()
            .get(&url)
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("page");
        assert!(page.contains(link.label()), "{url}");
    }
    assert!(
        !absent(&app, "a.entry.primary").await,
        "the window stayed on the app's own page"
    );

    // The summaries say which text binds, and open it.
    app.click("a.entry.primary")
        .await
        .expect("新規ユーザー登録はこちら");
    app.click("a[href='#/terms']").await.expect("利用規約");
    let note = app.text_of("#binding-note").await.expect("note");
    assert!(note.contains("効力を持つのは"), "{note}");
    app.click("#official-document")
        .await
        .expect("正式な利用規約");
    assert!(opened(&log, 5).await[4].ends_with("/terms"));
    app.close().await.expect("closes");
}
