// The app's commands, once: the name the backend registers, the argument the UI sends, the
// answer it gets. Two readers include this file with their own `commands!` macro:
// crates/domain/src/contract.rs (the typed contract both sides compile against) and the
// app's build.rs (tauri-build's AppManifest, so the capability file can grant each one).
commands! {
    /// 情報: what IT staff need for an enquiry (version, folders, portal).
    Diagnostics = "diagnostics": NoArgs => String;
    /// The footer's name and version.
    AppInfo = "app_info": NoArgs => crate::ipc::AppInfo;
    /// The pushed news (draft states, activation, reachability, sync, update download):
    /// the UI passes a `tauri::ipc::Channel` of [`AppEvent`] as `channel`.
    Subscribe = "subscribe": NoArgs => ();
    SaveDraft = "save_draft": SaveDraftArgs => crate::ipc::DraftSaved;
    ListDrafts = "list_drafts": NoArgs => Vec<crate::ipc::Draft>;
    GetDraft = "get_draft": DraftId => crate::ipc::Draft;
    /// The new draft's id.
    DuplicateDraft = "duplicate_draft": DraftId => String;
    DeleteDraft = "delete_draft": DraftId => ();
    SendDraft = "send_draft": SendDraftArgs => crate::ipc::SendOutcome;
    CacheInfo = "cache_info": NoArgs => crate::ipc::CacheInfo;
    ImportDrafts = "import_drafts": ImportDraftsArgs => crate::ipc::DraftImport;
    LookupFacility = "lookup_facility": LookupArgs => crate::api::FacilityLookup;
    Notices = "notices": NoArgs => Vec<crate::api::Notice>;
    ResendActivation = "resend_activation": ReceiptArgs => crate::api::ResendAccepted;
    Login = "login": LoginArgs => crate::api::Account;
    LoginSaved = "login_saved": NoArgs => crate::api::Account;
    KeepLogin = "keep_login": KeepLoginArgs => ();
    /// The address whose login the keyring keeps, if any.
    SavedLogin = "saved_login": NoArgs => Option<String>;
    CurrentAccount = "current_account": NoArgs => Option<crate::api::Account>;
    Logout = "logout": LogoutArgs => ();
    /// The portal's answer, worded for the user.
    RequestPasswordReset = "request_password_reset": EmailArgs => String;
    GetSettings = "get_settings": NoArgs => crate::ipc::SettingsView;
    SetPortalUrl = "set_portal_url": PortalUrlArgs => crate::ipc::SettingsView;
    /// 「接続を確認」: a sentence saying whether the portal answered.
    CheckConnection = "check_connection": PortalUrlArgs => String;
    CheckUpdate = "check_update": NoArgs => Option<crate::ipc::UpdateOffer>;
    /// Downloads, verifies and installs; progress arrives as [`AppEvent::UpdateProgress`].
    InstallUpdate = "install_update": NoArgs => String;
    RestartApp = "restart_app": NoArgs => ();
    /// One of the portal's documents, in the system browser (tauri-plugin-opener): a closed
    /// set of paths on the portal in force, so the page can open nothing else.
    OpenLink = "open_link": OpenLinkArgs => ();
    /// The window's print dialog, through the webview's own print call.
    PrintPage = "print_page": NoArgs => ();
}
