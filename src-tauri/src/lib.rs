//! The desktop shell: opens the database, registers the commands and builds the window.
//! It holds no domain logic: every command is a one-line call into upskill-core.

mod commands;
mod guard;
#[cfg(test)]
mod ipc_contract;
mod logging;
mod state;
mod web_engine;

use std::path::PathBuf;

use state::AppState;
use tauri::{Emitter, Manager};

/// The database path from `--db PATH` (or `--db=PATH`) on the app's command line, if given.
fn db_flag(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--db=") {
            return Some(PathBuf::from(path));
        }
    }
    None
}

/// A second launch of the app lands here (in the first instance): bring the window forward and
/// tell the UI, which says so, instead of opening a second window on the same database.
fn focus_main_window(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        // Best effort: a window manager may refuse focus; the notice still shows.
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        let _ = window.emit("second-instance", ());
    }
}

/// Starts the log file; the app runs without one if its folder cannot be made.
fn start_logging(app: &tauri::AppHandle, state: &AppState) {
    let Some(dir) = logging::dir(app.path().app_log_dir().ok()) else {
        return;
    };
    if let Err(err) = logging::init(&dir) {
        eprintln!("upskill: no log file: {err}");
        return;
    }
    match state.open_problem() {
        None => tracing::info!(
            version = env!("CARGO_PKG_VERSION"),
            "started; database open"
        ),
        Some(cause) => tracing::warn!(
            version = env!("CARGO_PKG_VERSION"),
            cause,
            "started; database not open"
        ),
    }
}

pub fn run() {
    web_engine::set_defaults();
    let state = AppState::open(db_flag(std::env::args().skip(1)));
    if let (None, Some(path)) = (state.open_problem(), state.current_path()) {
        commands::database::remember(&path);
    }
    let notify_state = state.clone();
    let result = tauri::Builder::default()
        // First, so a second launch hands over before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            focus_main_window(app)
        }))
        .plugin(guard::plugin())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            start_logging(app.handle(), &notify_state);
            let handle = app.handle().clone();
            // The running long write, on every page: the window listens for `running-work`.
            notify_state.set_notify(Box::new(move |work| {
                let _ = handle.emit("running-work", work);
            }));
            Ok(())
        })
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::backup::startup_status,
            commands::backup::backup_now,
            commands::backup::list_backups,
            commands::backup::restore_backup,
            commands::backup::restore_latest_backup,
            commands::backup::quit_app,
            commands::record::app_info,
            commands::record::stats,
            commands::record::facets,
            commands::record::running_work,
            commands::record::open_log_folder,
            commands::database::open_database,
            commands::database::new_database,
            commands::database::recent_databases,
            commands::database::open_demo,
            commands::database::leave_demo,
            commands::employees::list_employees,
            commands::employees::employee_ids,
            commands::employees::search_people,
            commands::employees::get_employee,
            commands::employees::create_employee,
            commands::employees::update_employee,
            commands::employees::set_employee_active,
            commands::programs::list_programs,
            commands::programs::create_program,
            commands::programs::update_program,
            commands::programs::set_program_retired,
            commands::completions::list_completions,
            commands::completions::employee_history,
            commands::completions::log_completion,
            commands::completions::log_cohort,
            commands::completions::resolve_pasted_people,
            commands::completions::delete_completion,
            commands::import::import_preview,
            commands::import::import_file,
            commands::import::cancel_import,
            commands::import::save_import_template,
            commands::import::import_columns,
            commands::import::mapping_toml,
            commands::import::list_mappings,
            commands::import::matching_mappings,
            commands::import::save_mapping,
            commands::import::delete_mapping,
            commands::export::export_table,
            commands::report::dashboard,
            commands::report::coverage_report,
            commands::report::people_page,
            commands::report::people_ids,
            commands::report::gap_report,
            commands::report::export_coverage,
            commands::outputs::export_pdf,
            commands::outputs::export_team_pack,
            commands::report::export_gaps,
            commands::compliance::list_requirements,
            commands::compliance::list_requirements_naming_program,
            commands::compliance::list_exemptions,
            commands::compliance::compliance_report,
            commands::compliance::compliance_list,
            commands::compliance::compliance_matrix,
            commands::compliance::employee_obligations,
            commands::compliance::export_compliance_list,
            commands::compliance::export_compliance_matrix,
            commands::compliance::create_requirement,
            commands::compliance::update_requirement,
            commands::compliance::set_requirement_retired,
            commands::compliance::create_exemption,
            commands::compliance::update_exemption,
            commands::compliance::delete_exemption,
            commands::history::history_page,
            commands::history::verify_history,
            commands::targets::list_targets,
            commands::targets::trend_report,
            commands::targets::targets_report,
            commands::targets::export_trend,
            commands::targets::export_targets_report,
            commands::targets::add_target,
            commands::targets::update_target,
            commands::targets::delete_target,
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("upskill: the window could not start: {err}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn db_flag_forms() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            db_flag(args(&["--db", "a.db"])),
            Some(PathBuf::from("a.db"))
        );
        assert_eq!(
            db_flag(args(&["--x", "--db=b.db"])),
            Some(PathBuf::from("b.db"))
        );
        assert_eq!(db_flag(args(&["--db"])), None);
        assert_eq!(db_flag(args(&[])), None);
    }

    /// The CLI finds the app's default database through the identifier: they must agree.
    #[test]
    fn identifier_matches_the_core() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
        assert_eq!(conf["identifier"], upskill_core::db::APP_IDENTIFIER);
    }
}
