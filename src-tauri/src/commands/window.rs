//! What the page asks of the OS through the window: a portal document in the system
//! browser, the print dialog.

use madoguchi_domain::contract::{cmd, NoArgs, OpenLinkArgs, Reply};
use madoguchi_domain::documents::PortalLink;
use madoguchi_domain::ipc::CommandError;
use tauri::{State, WebviewWindow};
use url::Url;

use crate::failure::Failure;
use crate::settings::{parse_portal_url, SettingsError};
use crate::state::AppState;

/// The document's address on the portal in force: the portal's own host, a fixed path.
pub fn document_url(portal: &str, link: PortalLink) -> Result<Url, SettingsError> {
    let mut url = parse_portal_url(portal)?;
    url.set_path(link.path());
    url.set_query(None);
    url.set_fragment(None);
    Ok(url)
}

#[tauri::command]
pub async fn open_link(
    state: State<'_, AppState>,
    args: OpenLinkArgs,
) -> Result<Reply<cmd::OpenLink>, CommandError> {
    let (portal, _) = state.settings.portal_url();
    let url = document_url(&portal, args.link).map_err(Failure::from)?;
    tracing::info!(%url, "opening a portal document in the browser");
    tauri_plugin_opener::open_url(url.as_str(), None::<&str>)
        .map_err(|e| Failure::NoBrowser(e.to_string()))?;
    Ok(())
}

/// WebKitGTK, WebView2 and WKWebView each print through their own call; Tauri's covers all.
#[tauri::command]
pub async fn print_page(
    window: WebviewWindow,
    _args: NoArgs,
) -> Result<Reply<cmd::PrintPage>, CommandError> {
    window.print().map_err(|e| Failure::Print(e.to_string()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_stay_on_the_portals_host_whatever_its_path() {
        for base in [
            "https://portal.example.jp/",
            "https://portal.example.jp/app/",
        ] {
            for link in PortalLink::ALL {
                let url = document_url(base, link).expect("a url");
                assert_eq!(url.host_str(), Some("portal.example.jp"));
                assert_eq!(url.path(), link.path());
                assert_eq!(url.scheme(), "https");
            }
        }
        assert!(document_url("javascript:alert(1)", PortalLink::TermsOfUse).is_err());
    }
}
