//! The seam between the window and the backend, from the window's side: what a script in
//! the page can send over Tauri's IPC, with input no screen would send.

use madoguchi_e2e::app::AppSession;
use serde_json::Value;

use crate::support::portal_and_app;

/// Invokes `command` with `payload` from the page; `Ok(answer)` or `Err(rejection)`.
async fn invoke(app: &AppSession, command: &str, payload: Value) -> Result<Value, Value> {
    let answer = app
        .client
        .execute_async(
            "const [cmd, payload, done] = arguments;
             window.__TAURI_INTERNALS__.invoke(cmd, payload)
               .then(v => done({ ok: v === undefined ? null : v }), e => done({ err: e }));",
            vec![Value::from(command), payload],
        )
        .await
        .expect("the script ran");
    match answer.get("ok") {
        Some(v) => Ok(v.clone()),
        None => Err(answer.get("err").cloned().unwrap_or(Value::Null)),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_is_refused_in_japanese_and_only_declared_commands_answer() {
    let (_portal, app) = portal_and_app().await;
    app.wait_for_text("main", "新規ユーザー登録")
        .await
        .expect("the app is up");

    // Input the rule set refuses: a typed error, worded for the user.
    let refused = invoke(
        &app,
        "lookup_facility",
        serde_json::json!({ "args": { "kind": "dentist", "prefix": "", "number": "１２３" } }),
    )
    .await
    .expect_err("an unknown kind is refused");
    assert_eq!(refused["kind"], "fields", "{refused}");
    let message = refused["message"].as_str().unwrap_or_default();
    assert!(message.contains("番号をご確認ください"), "{refused}");
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("所属機関"),
        "the field is named: {refused}"
    );

    // Arguments of the wrong shape are refused before the command runs; the backend lives on.
    for payload in [
        serde_json::json!({}),
        serde_json::json!({ "args": { "id": 5 } }),
        serde_json::json!({ "args": "x".repeat(100_000) }),
    ] {
        assert!(invoke(&app, "save_draft", payload).await.is_err());
    }
    let info = invoke(&app, "app_info", serde_json::json!({ "args": {} }))
        .await
        .expect("still answering");
    assert_eq!(info["name"], "Madoguchi");

    // What is not in the contract is not there: a removed command, the SQL plugin's own
    // commands (the database is the backend's), and Tauri's window controls.
    for (command, payload) in [
        (
            "registration_state",
            serde_json::json!({ "args": { "receipt": "r" } }),
        ),
        (
            "plugin:sql|load",
            serde_json::json!({ "db": "sqlite:madoguchi.db" }),
        ),
        (
            "plugin:window|close",
            serde_json::json!({ "label": "main" }),
        ),
    ] {
        assert!(
            invoke(&app, command, payload).await.is_err(),
            "{command} answered"
        );
    }
    // Nor is Tauri's JavaScript API on `window` for any script in the page: the UI calls
    // the IPC itself (ui/src/tauri.rs).
    let exposed = app
        .client
        .execute("return typeof window.__TAURI__;", vec![])
        .await
        .expect("the script ran");
    assert_eq!(exposed, "undefined");
    // The page's first script compiled the wasm the UI runs (scripts/build-ui.sh): the CSP
    // let it run, and the compiled module is what the glue instantiated.
    let early = app
        .client
        .execute(
            "return window.__madoguchiWasm.then((m) => m instanceof WebAssembly.Module \
             && window.wasmBindings !== undefined);",
            vec![],
        )
        .await
        .expect("the script ran");
    assert_eq!(early, true);
    app.wait_for_text("main", "新規ユーザー登録")
        .await
        .expect("the window is still there");
    app.close().await.expect("closes");
}
