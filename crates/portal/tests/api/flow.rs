//! form → 登録 → activation mail → link → 完了 → completion mail → login → logout.

use crate::helpers::{judo_form, spawn_app, token_of, Backend};
use crate::on_both_backends;

async fn the_whole_flow_works(backend: Backend) {
    let app = spawn_app(backend).await;
    // Typed through an IME: upper case, full-width digits and hyphens.
    let form = judo_form("Taro.Kikin@Example.JP");
    let accepted = app.register(&form).await;
    assert_eq!(
        accepted.email, "taro.kikin@example.jp",
        "the normalised address is confirmed"
    );
    assert_eq!(app.state_of(&accepted.receipt).await, "pending");

    let mails = app.mail.wait_for("taro.kikin@example.jp", 1).await;
    let activation = &mails[0];
    assert_eq!(
        activation.subject,
        "【施術所等向け総合ポータルサイト】メールアドレス登録確認"
    );
    assert!(
        activation.body.starts_with("基金 太郎 様"),
        "{}",
        activation.body
    );
    assert!(activation
        .body
        .contains("ユーザー登録完了は以下からお願いいたします。"));
    assert!(
        activation.raw.contains("charset=utf-8"),
        "Japanese text declares its charset"
    );
    assert!(
        activation.raw.contains("Subject: =?utf-8?"),
        "the subject is RFC 2047 encoded"
    );
    let link = activation.link(&format!("{}/activate?token=", app.base));

    // Opening the link shows the manual's button and uses nothing up.
    let (status, page) = app.open(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("ユーザー登録完了はこちら"));
    assert!(page.contains("施術所等向け総合ポータルサイト") && page.contains("お問い合わせ先"));
    assert_eq!(app.state_of(&accepted.receipt).await, "pending");

    let (status, page) = app.press("/activate", &[("token", &token_of(&link))]).await;
    assert_eq!(status, 200);
    assert!(page.contains("ユーザー登録が完了いたしました。"));
    assert!(
        page.contains("ログインにつきましては、画面右上の「ログイン」ボタンをクリックください。")
    );
    assert_eq!(app.state_of(&accepted.receipt).await, "active");

    let mails = app.mail.wait_for("taro.kikin@example.jp", 2).await;
    let completion = &mails[1];
    assert_eq!(
        completion.subject,
        "【施術所等向け総合ポータルサイト】ユーザー登録完了のお知らせ"
    );
    assert!(
        completion
            .body
            .contains("・ユーザー名 : taro.kikin@example.jp"),
        "{}",
        completion.body
    );
    assert!(completion
        .body
        .contains("・パスワード : 設定いただいたパスワード"));
    assert!(
        !completion.body.contains("Sekkotsu2024"),
        "the password is never mailed"
    );
    // The completion mail's footer word for word as the manual shows it (p.8), from the
    // manual's sender.
    let manual_lines = [
        "施術所等向け総合ポータルサイトへのユーザー登録について、",
        "手続きが完了しましたので通知いたします。",
        "※本メールは送信専用です。本メールへの返信にはご回答できません。",
        "※本メールにお心当たりのない場合やご不明な点がある場合は以下よりお問い合わせください。",
        "社会保険診療報酬支払基金 情報化企画部・情報化支援部",
        "国民健康保険中央会 番号制度対策本部",
        "オンライン資格確認・医療情報化支援基金関係",
        "オンライン資格確認に関するお問い合わせ先",
        "オンライン資格確認等センター : 0800-080-4583 (通話無料)",
        "月曜日～金曜日 8：00～18：00 土曜日 8：00～16：00 (いずれも祝日を除く)",
    ];
    let lines: Vec<&str> = completion.body.lines().collect();
    for line in manual_lines {
        assert!(
            lines.contains(&line),
            "{line} is not a line of:\n{}",
            completion.body
        );
    }
    assert!(
        !completion.body.contains('（'),
        "the operators without brackets"
    );
    assert!(
        completion
            .raw
            .contains("from@mail.iryohokenjyoho-portalsite.jp"),
        "the manual's sender"
    );
    assert!(
        activation.body.contains("ブラウザの検索窓へ貼り付けて"),
        "the manual's word for the address bar"
    );

    let r = app.login("TARO.KIKIN@example.jp", "Sekkotsu2024").await;
    assert_eq!(r.status(), 200);
    let session: serde_json::Value = r.json().await.expect("json");
    let token = session["session_token"].as_str().expect("token").to_owned();
    assert_eq!(token.len(), 43);

    let me: serde_json::Value = app
        .client
        .get(app.url("/api/v1/sessions/current"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(me["email"], "taro.kikin@example.jp");
    assert_eq!(me["facility_number"], "契0123456-7-8");
    assert_eq!(me["facility_name"], "基金接骨院");

    let r = app
        .client
        .delete(app.url("/api/v1/sessions/current"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 204);
    let r = app
        .client
        .get(app.url("/api/v1/sessions/current"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 401, "a logged-out session is gone");
}

async fn every_facility_kind_can_register(backend: Backend) {
    let app = spawn_app(backend).await;
    for (kind, prefix, number) in [
        ("judo", "協", "123456789"),
        ("ahaki", "", "01234567-8-9"),
        ("kenshin", "", "0110113719"),
        ("josan", "", "１３１２３４５６７８"),
    ] {
        let mut form = judo_form(&format!("{kind}@example.jp"));
        form.facility_kind = kind.into();
        form.judo_prefix = prefix.into();
        form.registration_number = number.into();
        app.register(&form).await;
        let mail = app.mail.wait_for(&format!("{kind}@example.jp"), 1).await;
        assert!(mail[0].subject.contains("メールアドレス登録確認"), "{kind}");
    }
}

async fn lookup_fills_in_the_facility(backend: Backend) {
    let app = spawn_app(backend).await;
    let get = |path: String| {
        let client = app.client.clone();
        let url = app.url(&path);
        async move { client.get(url).send().await.expect("sent") }
    };
    let r = get("/api/v1/facilities/judo/契012345678".into()).await;
    assert_eq!(r.status(), 200);
    let v: serde_json::Value = r.json().await.expect("json");
    assert_eq!(v["display"], "契0123456-7-8");
    assert_eq!(v["name"], "基金接骨院");

    let r = get("/api/v1/facilities/ahaki/0123456789".into()).await;
    let v: serde_json::Value = r.json().await.expect("json");
    assert_eq!(v["display"], "01234567-8-9");
    assert_eq!(v["name"], "基金鍼灸院");

    for path in [
        "/api/v1/facilities/judo/契000000001",
        "/api/v1/facilities/judo/契999999999",
    ] {
        let r = get(path.into()).await;
        assert_eq!(r.status(), 404, "{path}: unknown or closed");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let v: serde_json::Value = r.json().await.expect("json");
        assert!(
            v["detail"]
                .as_str()
                .unwrap_or_default()
                .contains("1か月程度"),
            "the manual's explanation"
        );
    }
    // 健診実施機関等 and 助産所 are not 施術所: no 受領委任, no month of waiting.
    for (path, term) in [
        ("/api/v1/facilities/kenshin/0199999999", "健診機関番号"),
        ("/api/v1/facilities/josan/1399999999", "機関コード"),
    ] {
        let r = get(path.into()).await;
        assert_eq!(r.status(), 404, "{path}");
        let v: serde_json::Value = r.json().await.expect("json");
        let detail = v["detail"].as_str().unwrap_or_default();
        assert!(detail.contains(term), "{path}: {detail}");
        assert!(
            !detail.contains("受領委任") && !detail.contains("施術所が"),
            "{path}: {detail}"
        );
    }
    let r = get("/api/v1/facilities/judo/012345678".into()).await;
    assert_eq!(r.status(), 422, "a 柔道整復 number needs 協 or 契");
    let r = get("/api/v1/facilities/dentist/0123456789".into()).await;
    assert_eq!(r.status(), 422);
}

async fn health_and_openapi_are_served(backend: Backend) {
    let app = spawn_app(backend).await;
    let health = app.get_json("/health").await;
    assert_eq!(health["status"], "ok");
    let expected = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgresql",
    };
    assert_eq!(health["database"], expected);
    let doc = app.get_json("/api-docs/openapi.json").await;
    assert!(doc["openapi"]
        .as_str()
        .unwrap_or_default()
        .starts_with("3."));
    for path in [
        "/api/v1/registrations",
        "/api/v1/facilities/{kind}/{number}",
        "/api/v1/sessions",
        "/api/v1/password-resets",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} documented");
    }
    assert!(doc["components"]["schemas"]
        .get("RegistrationForm")
        .is_some());
}

async fn notices_are_listed_newest_first(backend: Backend) {
    let app = spawn_app(backend).await;
    let publish = madoguchi_portal::db::notices::publish;
    publish(&app.db, "a", "古いお知らせ", "本文A", 1_700_000_000)
        .await
        .expect("publish");
    publish(&app.db, "b", "新しいお知らせ", "本文B", 1_800_000_000)
        .await
        .expect("publish");
    let list = app.get_json("/api/v1/notices").await;
    assert_eq!(list[0]["title"], "新しいお知らせ");
    assert_eq!(list[0]["date"], "2027-01-15");
    assert_eq!(list[1]["title"], "古いお知らせ");
    assert_eq!(list.as_array().map(Vec::len), Some(2));
}

on_both_backends!(
    notices_are_listed_newest_first,
    the_whole_flow_works,
    every_facility_kind_can_register,
    lookup_fills_in_the_facility,
    health_and_openapi_are_served,
);
