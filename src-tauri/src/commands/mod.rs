//! The Tauri commands: thin adapters, one module per group, each over plain functions.
//! Every command is declared in `madoguchi_domain::contract`, takes that declaration's
//! `args` and answers its `Reply`; [`handler`] registers them, and a test checks that the
//! registered set is the declared one.

pub mod about;
pub mod app_info;
pub mod drafts;
pub mod events;
pub mod lookup;
pub mod notices;
pub mod registration;
pub mod session;
pub mod settings;
pub mod updates;
pub mod window;

/// Pairs each command function with its declaration, once.
macro_rules! registered {
    ($($module:ident :: $function:ident => $declared:ident),* $(,)?) => {
        /// The invoke handler for every command of the contract.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$function),*]
        }

        /// (function name, the name its declaration gives), for the contract test.
        #[cfg(test)]
        const REGISTERED: &[(&str, &str)] = &[$((
            stringify!($function),
            <madoguchi_domain::contract::cmd::$declared as madoguchi_domain::contract::Command>::NAME,
        )),*];
    };
}

registered![
    about::diagnostics => Diagnostics,
    app_info::app_info => AppInfo,
    events::subscribe => Subscribe,
    drafts::save_draft => SaveDraft,
    drafts::list_drafts => ListDrafts,
    drafts::get_draft => GetDraft,
    drafts::duplicate_draft => DuplicateDraft,
    drafts::delete_draft => DeleteDraft,
    drafts::send_draft => SendDraft,
    drafts::cache_info => CacheInfo,
    drafts::import_drafts => ImportDrafts,
    lookup::lookup_facility => LookupFacility,
    notices::notices => Notices,
    registration::resend_activation => ResendActivation,
    session::login => Login,
    session::login_saved => LoginSaved,
    session::keep_login => KeepLogin,
    session::saved_login => SavedLogin,
    session::current_account => CurrentAccount,
    session::logout => Logout,
    session::request_password_reset => RequestPasswordReset,
    settings::get_settings => GetSettings,
    settings::set_portal_url => SetPortalUrl,
    settings::check_connection => CheckConnection,
    updates::check_update => CheckUpdate,
    updates::install_update => InstallUpdate,
    updates::restart_app => RestartApp,
    window::open_link => OpenLink,
    window::print_page => PrintPage,
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use madoguchi_domain::contract::{permission, ALL};

    use super::REGISTERED;

    #[test]
    fn every_declared_command_is_registered_under_its_name_and_no_other() {
        for (function, declared) in REGISTERED {
            assert_eq!(
                function, declared,
                "{function} is registered for {declared}"
            );
        }
        let registered: BTreeSet<&str> = REGISTERED.iter().map(|(f, _)| *f).collect();
        let declared: BTreeSet<&str> = ALL.iter().copied().collect();
        assert_eq!(
            registered.len(),
            REGISTERED.len(),
            "a command registered twice"
        );
        assert_eq!(
            registered.difference(&declared).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "registered but not declared"
        );
        assert_eq!(
            declared.difference(&registered).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "declared but not registered"
        );
    }

    /// The window may call exactly the declared commands: tauri-build generated a
    /// permission for each (build.rs), and the capability grants each, and nothing else.
    #[test]
    fn the_capability_grants_exactly_the_declared_commands() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../../capabilities/main-window.json"))
                .expect("capability file");
        let granted: BTreeSet<String> = capability["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .map(|p| p.as_str().expect("a permission name").to_owned())
            .collect();
        let declared: BTreeSet<String> = ALL.iter().map(|n| permission(n)).collect();
        assert_eq!(granted, declared);
    }
}
