//! One wording of failures: every way the backend can fail (the portal's answers, the
//! network, the keyring, a file, the local database, a refused step of a workflow) becomes
//! here, and only here, the Japanese sentence the user sees. The technical cause goes to
//! the log; no English reaches the screen.

use madoguchi_domain::ipc::CommandError;
use madoguchi_domain::FieldError;

use crate::credentials::CredentialError;
use crate::portal_client::ClientError;
use crate::settings::SettingsError;
use crate::store::StoreError;

const KEPT: &str = "入力内容はそのまま残っています。";

/// A step of a workflow that cannot be taken, or a part that failed under it.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Portal(#[from] ClientError),
    #[error(transparent)]
    Keyring(#[from] CredentialError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Settings(#[from] SettingsError),
    /// The rule set (or the portal) found these field errors.
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    /// A number the lookup cannot judge.
    #[error("invalid number")]
    InvalidNumber(Vec<FieldError>),
    #[error("the draft is queued or sent already")]
    AlreadySent,
    #[error("no such draft")]
    NoDraft,
    #[error("a queued draft cannot be deleted")]
    QueuedNotDeletable,
    /// The portal refused a queued draft; the message is the one recorded on the draft.
    #[error("refused by the portal")]
    Refused(String),
    #[error("no login is kept")]
    NoSavedLogin,
    #[error("the kept login has no password in the keyring")]
    NoSavedPassword,
    #[error("the local database did not open")]
    StoreNotOpen,
    #[error("a lock was poisoned")]
    Internal,
    /// Not in the facility cache, and the portal cannot be asked.
    #[error("offline and not cached")]
    OfflineMiss,
    /// The system browser could not be started.
    #[error("no browser: {0}")]
    NoBrowser(String),
    /// The webview refused to print.
    #[error("print: {0}")]
    Print(String),
    /// 接続確認 had no answer within its stated time.
    #[error("no answer within {0} s")]
    CheckTimedOut(u64),
    /// A draft file that cannot be read as drafts; the sentence is draft_import's.
    #[error("draft import: {0}")]
    Import(String),
}

fn banner(message: impl Into<String>) -> CommandError {
    CommandError::Banner {
        message: message.into(),
    }
}

fn fields(message: &str, errors: Vec<FieldError>) -> CommandError {
    CommandError::Fields {
        message: message.into(),
        errors,
    }
}

impl From<Failure> for CommandError {
    fn from(f: Failure) -> CommandError {
        match f {
            Failure::Portal(e) => e.into(),
            Failure::Keyring(e) => e.into(),
            Failure::Store(e) => e.into(),
            Failure::Settings(e) => e.into(),
            Failure::Invalid(errors) => fields(
                "入力内容に誤りがあります。赤く表示された項目をご確認ください。",
                errors,
            ),
            Failure::InvalidNumber(errors) => fields("番号をご確認ください。", errors),
            Failure::AlreadySent => banner(
                "この下書きは既に送信待ちか送信済みです。下書き一覧で状態をご確認ください。",
            ),
            Failure::NoDraft => CommandError::NotFound {
                message: "この下書きは見つかりません（削除された可能性があります）。".into(),
            },
            Failure::QueuedNotDeletable => banner(
                "送信待ちの下書きは削除できません。送信が終わってから削除してください。",
            ),
            Failure::Refused(message) if message.is_empty() => {
                banner("ポータルが受け付けませんでした。時間をおいて、もう一度送信してください。")
            }
            Failure::Refused(message) | Failure::Import(message) => banner(message),
            Failure::NoSavedLogin => banner("保存されたログイン情報がありません。"),
            Failure::NoBrowser(_) => banner("ブラウザを起動できませんでした。既定のブラウザが設定されているかご確認ください。"),
            Failure::Print(_) => banner("印刷画面を開けませんでした。プリンターの設定をご確認ください。"),
            Failure::CheckTimedOut(secs) => banner(format!("{secs}秒待ちましたが、ポータルから応答がありませんでした。アドレスとネットワークをご確認ください。")),
            Failure::NoSavedPassword => banner("保存されたパスワードが見つかりません。メールアドレスとパスワードを入力してログインしてください。"),
            Failure::StoreNotOpen => banner("下書きの保存先（このパソコンのデータベース）を開けませんでした。アプリを再起動してください。"),
            Failure::Internal => {
                banner("アプリの内部状態に問題が発生しました。アプリを再起動してください。")
            }
            // Not "not found": nobody could say, so the user may go on (and queue).
            Failure::OfflineMiss => CommandError::Banner {
                message: "ポータルに接続できないため、この番号の名称を確認できません。このまま入力を続けて、下書きとして保存・送信待ちにできます（送信時にポータルが番号を確認します）。".into(),
            },
        }
    }
}

impl From<ClientError> for CommandError {
    fn from(e: ClientError) -> CommandError {
        tracing::warn!(error = %e, "portal request failed");
        match e {
            ClientError::Unreachable(_) => banner(format!("ポータルに接続できませんでした。インターネット接続と、設定画面のポータルのアドレスをご確認ください。{KEPT}")),
            ClientError::Timeout => banner(format!("ポータルから応答がありませんでした。時間をおいて、もう一度お試しください。{KEPT}")),
            ClientError::Invalid(errors) => fields(
                "入力内容に誤りがあります。赤く表示された項目をご確認ください。",
                errors,
            ),
            // The portal's own sentences (problem+json `detail`), Japanese by its API contract.
            ClientError::NotFound(detail) => CommandError::NotFound { message: detail },
            ClientError::Unauthorized(detail) => CommandError::Unauthorized { message: detail },
            ClientError::RateLimited(secs) => banner(format!("操作が続けて行われたため、一時的に受け付けを停止しています。{secs}秒ほど待ってから、もう一度お試しください。{KEPT}")),
            ClientError::Server(code) => banner(format!("ポータルで問題が発生しました（{code}）。時間をおいて、もう一度お試しください。{KEPT}")),
            ClientError::Protocol(_) => banner("ポータルから想定外の応答がありました。設定画面のポータルのアドレスをご確認ください。"),
        }
    }
}

impl From<CredentialError> for CommandError {
    fn from(e: CredentialError) -> CommandError {
        tracing::warn!(error = %e, "keyring failed");
        banner(keyring_sentence(&e))
    }
}

/// The keyring's failure without the OS's own (English) text, which goes to the log.
pub fn keyring_sentence(e: &CredentialError) -> String {
    match e {
        CredentialError::TooLong { limit } => format!("OSの資格情報ストアに保存できる長さ（{limit}バイト）を超えているため、保存しませんでした。"),
        CredentialError::Keyring(_) | CredentialError::Interrupted => "OSの資格情報ストア（キーリング）を利用できませんでした。パソコンにサインインし直してから、もう一度お試しください。".into(),
    }
}

impl From<StoreError> for CommandError {
    fn from(e: StoreError) -> CommandError {
        tracing::error!(error = %e, "local store failed");
        banner(format!(
            "下書きの保存先（このパソコンのデータベース）で問題が発生しました。{KEPT}"
        ))
    }
}

impl From<SettingsError> for CommandError {
    fn from(e: SettingsError) -> CommandError {
        tracing::warn!(error = %e, "settings failed");
        banner(match e {
            SettingsError::Io { .. } => "設定ファイルを読み書きできませんでした。アプリのフォルダーに書き込めるか、IT担当者にご確認ください。".to_owned(),
            SettingsError::Format { .. } => "設定ファイルの形式が正しくありません。設定画面で保存し直してください。".to_owned(),
            // crates/domain's own sentence, naming the field and the rule.
            SettingsError::BadUrl(e) => e.to_string(),
        })
    }
}

/// What the outbox says of an attempt that failed on the way, and when to try again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryNote {
    pub message: String,
    /// The portal answered (busy or failing), as opposed to not being reached at all.
    pub reachable: bool,
    /// The wait the portal asked for, if it did.
    pub retry_after: Option<u64>,
}

/// For a queued draft: the failures that pass by themselves, worded for the 下書き list;
/// `None` for the ones that send the draft back to the user.
pub fn retry_note(e: &ClientError) -> Option<RetryNote> {
    let note = |message: String, reachable, retry_after| {
        Some(RetryNote {
            message,
            reachable,
            retry_after,
        })
    };
    match e {
        ClientError::Unreachable(_) => note(
            "ポータルに接続できません。接続が戻ると自動で送信します。".into(),
            false,
            None,
        ),
        ClientError::Timeout => note(
            "ポータルから応答がありません。自動で再送します。".into(),
            false,
            None,
        ),
        ClientError::RateLimited(s) => note(
            format!("ポータルが混み合っています。{s}秒後に自動で再送します。"),
            true,
            Some(*s),
        ),
        ClientError::Server(code) => note(
            format!("ポータルで問題が発生しました（{code}）。自動で再送します。"),
            true,
            None,
        ),
        ClientError::Protocol(_) => note(
            "ポータルから想定外の応答がありました。自動で再送します。".into(),
            true,
            None,
        ),
        ClientError::Invalid(_) | ClientError::NotFound(_) | ClientError::Unauthorized(_) => None,
    }
}

/// Why a queued draft went back to the user, for the 下書き list and the form.
pub fn refusal_note(e: &ClientError) -> String {
    match e {
        ClientError::Invalid(_) => "ポータルが入力内容を受け付けませんでした。赤く表示された項目を直して、もう一度送信してください。".into(),
        ClientError::NotFound(m) | ClientError::Unauthorized(m) => m.clone(),
        _ => "ポータルが受け付けませんでした。時間をおいて、もう一度送信してください。".into(),
    }
}

pub const QUEUED_NOTE: &str = "（送信待ちにしました。アプリを閉じても失われません。）";
pub const PASSWORD_GONE: &str = "保存されていたパスワードが見つかりません。パスワードを入力し直して、もう一度送信してください。";
pub const REFUSED_FIELDS: &str = "入力内容に誤りがあります。";

#[cfg(test)]
mod tests {
    use super::*;

    /// Longer runs of Latin letters than these words would be English on the screen.
    fn english_in(text: &str) -> Option<String> {
        const ALLOWED: [&str; 3] = ["OS", "URL", "IT"];
        text.split(|c: char| !c.is_ascii_alphabetic())
            .find(|w| w.len() >= 2 && !ALLOWED.contains(w))
            .map(str::to_owned)
    }

    fn io_error() -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::PermissionDenied, "Permission denied")
    }

    #[test]
    fn no_failure_reaches_the_screen_in_english() {
        let path =
            std::path::PathBuf::from("/home/user/.config/jp.madoguchi.desktop/settings.json");
        let failures: Vec<CommandError> = vec![
            ClientError::Unreachable("error sending request: connection refused".into()).into(),
            ClientError::Timeout.into(),
            ClientError::RateLimited(30).into(),
            ClientError::Server(503).into(),
            ClientError::Protocol("invalid JSON at line 1".into()).into(),
            CredentialError::Keyring(keyring::Error::NoStorageAccess(Box::new(io_error()))).into(),
            CredentialError::TooLong { limit: 2560 }.into(),
            CredentialError::Interrupted.into(),
            StoreError::NotOpen.into(),
            StoreError::Snapshot("bad header".into()).into(),
            SettingsError::Io {
                path: path.clone(),
                source: io_error(),
            }
            .into(),
            SettingsError::Format {
                path,
                source: serde_json::from_str::<serde_json::Value>("{").expect_err("bad json"),
            }
            .into(),
            Failure::AlreadySent.into(),
            Failure::NoDraft.into(),
            Failure::QueuedNotDeletable.into(),
            Failure::NoSavedLogin.into(),
            Failure::NoSavedPassword.into(),
            Failure::StoreNotOpen.into(),
            Failure::Internal.into(),
            Failure::OfflineMiss.into(),
            Failure::NoBrowser("xdg-open: not found".into()).into(),
            Failure::Print("print failed".into()).into(),
            Failure::CheckTimedOut(10).into(),
            Failure::Invalid(Vec::new()).into(),
            Failure::InvalidNumber(Vec::new()).into(),
        ];
        for f in &failures {
            let message = f.message();
            assert!(!message.is_empty());
            assert_eq!(english_in(message), None, "{message}");
        }
        for e in [
            ClientError::Unreachable("connection refused".into()),
            ClientError::Timeout,
            ClientError::RateLimited(5),
            ClientError::Server(500),
            ClientError::Protocol("HTML".into()),
        ] {
            let note = retry_note(&e).expect("passes by itself");
            assert_eq!(english_in(&note.message), None, "{}", note.message);
        }
        assert_eq!(english_in(&refusal_note(&ClientError::Server(500))), None);
    }

    #[test]
    fn the_outbox_tells_an_unreachable_portal_from_a_busy_one() {
        let offline = retry_note(&ClientError::Unreachable("refused".into())).expect("note");
        assert!(!offline.reachable);
        let busy = retry_note(&ClientError::RateLimited(12)).expect("note");
        assert!(busy.reachable);
        assert_eq!(busy.retry_after, Some(12));
        assert!(busy.message.contains("12秒後"));
        assert_eq!(retry_note(&ClientError::Invalid(Vec::new())), None);
    }
}
