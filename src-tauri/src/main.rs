// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    match madoguchi_app::run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            madoguchi_app::report_start_failure(&e);
            std::process::ExitCode::FAILURE
        }
    }
}
