//! The portal's pages outside mail links: its documents (the footer's 【各種リンク】) and
//! ログイン, which 完了 tells the user to press (manual step 7).

use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Html;
use axum::Form;
use madoguchi_domain::api::LoginRequest;
use madoguchi_domain::documents::PortalLink;

use super::sessions::authenticate;
use super::AppState;
use crate::client::ClientNet;
use crate::pages;
use crate::problem::ApiError;

type Page = (StatusCode, Html<String>);

pub async fn document(link: PortalLink) -> Page {
    (StatusCode::OK, Html(pages::document(link)))
}

pub async fn login_page() -> Page {
    (StatusCode::OK, Html(pages::login_form("", None)))
}

/// The same checks as the API's login (limits, lockout, one answer for every failure); the
/// page only says who is signed in, so it keeps no session.
pub async fn login(
    State(state): State<AppState>,
    net: ClientNet,
    form: Result<Form<LoginRequest>, FormRejection>,
) -> Result<Page, ApiError> {
    let Ok(Form(request)) = form else {
        return Ok(refused("", "ユーザー名とパスワードを入力してください。"));
    };
    match authenticate(&state, net, &request).await {
        Ok(email) => Ok((StatusCode::OK, Html(pages::login_done(&email)))),
        Err(ApiError::Unauthorized(message)) => Ok(refused(&request.email, message)),
        Err(ApiError::TooManyRequests { retry_after_secs }) => Ok((
            StatusCode::TOO_MANY_REQUESTS,
            Html(pages::login_form(
                &request.email,
                Some(&format!(
                    "試行が多すぎます。しばらく（{retry_after_secs}秒ほど）待ってから、もう一度お試しください。"
                )),
            )),
        )),
        Err(e) => Err(e),
    }
}

fn refused(email: &str, message: &str) -> Page {
    (
        StatusCode::UNAUTHORIZED,
        Html(pages::login_form(email, Some(message))),
    )
}
