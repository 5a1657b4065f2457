//! 下書き: a chain's CSV becomes drafts (bad rows reported by line), a draft is duplicated
//! for another facility and reopened, one is deleted.

use crate::support::portal_and_app;

#[tokio::test(flavor = "multi_thread")]
async fn a_csv_becomes_drafts_that_can_be_duplicated_and_deleted() {
    let (_portal, app) = portal_and_app().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("chain.csv");
    // As Excel writes "CSV UTF-8": with a byte-order mark.
    std::fs::write(
        &csv,
        "\u{feff}姓,名,所属機関,協契,登録記号番号,電話番号,メールアドレス\n\
         基金,太郎,柔道整復,契,０１２３４５６－７－８,03-1234-5678,Judo@Example.jp\n\
         基金,次郎,あはき,,0123456789,03-12,ahaki@example.jp\n\
         基金,花子,健診実施機関等,,0110113719,0312345678,kenshin@example.jp\n",
    )
    .expect("csv");
    app.click("a[href='#/drafts']").await.expect("下書き");
    app.wait_for_text("#no-drafts", "下書きはありません")
        .await
        .expect("empty at first");
    app.type_into("#draft-import", &csv.display().to_string())
        .await
        .expect("file chosen");
    let report = app
        .wait_for_text("#draft-import-report", "2件を下書きにしました")
        .await
        .expect("imported");
    assert!(
        report.contains("3行目") && report.contains("電話番号"),
        "{report}"
    );
    let list = app
        .wait_for_text("#drafts", "契0123456-7-8")
        .await
        .expect("listed as printed on the notice");
    assert!(
        list.contains("0110113719") && list.contains("基金 花子"),
        "{list}"
    );
    assert!(!list.contains("基金 次郎"), "the bad row is not a draft");
    app.screenshot("drafts").await.expect("screenshot");
    // Last changes in Japan time, as Japanese users read dates: 2026年11月27日 12:03.
    let when = list
        .split_once('年')
        .map(|(before, after)| (before.chars().rev().take(4).collect::<String>(), after))
        .expect("a date written with 年");
    assert!(when.0.chars().all(|c| c.is_ascii_digit()), "{list}");
    assert!(when.1.contains('月') && when.1.contains("日 "), "{list}");

    // 複製: the same person and contact for another facility, without its number.
    app.click("tr[data-state='draft'] .draft-duplicate")
        .await
        .expect("複製");
    app.wait_for_value("#family_name", "基金")
        .await
        .expect("the copy opens in the form");
    assert_eq!(
        app.value_of("#registration_number").await.expect("number"),
        ""
    );
    app.click("#facility_kind-ahaki").await.expect("あはき");
    app.type_into("#registration_number", "0123456789")
        .await
        .expect("another facility");
    app.wait_for_text("#draft-status", "下書きを保存しました")
        .await
        .expect("saved as typed");

    app.click("a[href='#/drafts']").await.expect("下書き");
    app.wait_for_text("#drafts", "01234567-8-9")
        .await
        .expect("the copy is listed with its own facility");
    // 削除 asks once more before it deletes.
    app.click("tr[data-state='draft'] .draft-delete")
        .await
        .expect("削除");
    app.click(".draft-delete-confirm").await.expect("削除する");
    let mut remaining = String::new();
    for _ in 0..50 {
        remaining = app.text_of("#drafts").await.unwrap_or_default();
        if remaining.matches("下書き").count() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(remaining.matches("下書き").count(), 2, "{remaining}");
    app.close().await.expect("closes");
}
