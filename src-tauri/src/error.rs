//! Turning backend failures into [`CommandError`]s worded for the user.

use madoguchi_domain::ipc::CommandError;

use crate::credentials::CredentialError;
use crate::portal_client::ClientError;
use crate::settings::SettingsError;
use crate::store::StoreError;

const KEPT: &str = "入力内容はそのまま残っています。";

pub fn client_error(e: ClientError) -> CommandError {
    tracing::warn!(error = %e, "portal request failed");
    match e {
        ClientError::Unreachable(_) => CommandError::Banner {
            message: format!("ポータルに接続できませんでした。インターネット接続と、設定画面のポータルのアドレスをご確認ください。{KEPT}"),
        },
        ClientError::Timeout => CommandError::Banner {
            message: format!("ポータルから応答がありませんでした。時間をおいて、もう一度お試しください。{KEPT}"),
        },
        ClientError::Invalid(errors) => CommandError::Fields {
            message: "入力内容に誤りがあります。赤く表示された項目をご確認ください。".into(),
            errors,
        },
        ClientError::NotFound(detail) => CommandError::NotFound { message: detail },
        ClientError::Unauthorized(detail) => CommandError::Unauthorized { message: detail },
        ClientError::RateLimited(secs) => CommandError::Banner {
            message: format!("操作が続けて行われたため、一時的に受け付けを停止しています。{secs}秒ほど待ってから、もう一度お試しください。{KEPT}"),
        },
        ClientError::Server(code) => CommandError::Banner {
            message: format!("ポータルで問題が発生しました（{code}）。時間をおいて、もう一度お試しください。{KEPT}"),
        },
        ClientError::Protocol(_) => CommandError::Banner {
            message: "ポータルから想定外の応答がありました。設定画面のポータルのアドレスをご確認ください。".into(),
        },
    }
}

pub fn settings_error(e: SettingsError) -> CommandError {
    CommandError::Banner {
        message: e.to_string(),
    }
}

pub fn credential_error(e: CredentialError) -> CommandError {
    tracing::warn!(error = %e, "keyring failed");
    CommandError::Banner {
        message: e.to_string(),
    }
}

pub fn store_error(e: StoreError) -> CommandError {
    tracing::error!(error = %e, "local store failed");
    CommandError::Banner {
        message: format!(
            "下書きの保存先（このパソコンのデータベース）で問題が発生しました。{KEPT}"
        ),
    }
}
