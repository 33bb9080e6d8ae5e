//! The Tauri shell: one window, its plugins and the commands. No report logic lives here;
//! commands are thin doors onto the domain crates.

mod commands;
pub mod dto;
mod error;
mod window;

use nianbao_pdf::FontSet;
use nianbao_store::Store;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use tauri::Manager;
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};

/// What every command shares: the open store and, once first needed, the fonts.
pub struct AppState {
    store: Mutex<Store>,
    fonts: OnceLock<FontSet>,
}

impl AppState {
    pub fn new(store: Store) -> AppState {
        AppState {
            store: Mutex::new(store),
            fonts: OnceLock::new(),
        }
    }

    /// The store; a command that panicked while holding it leaves it usable (every save is
    /// one transaction, so there is nothing half-done to protect).
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn fonts(&self) -> &FontSet {
        self.fonts.get_or_init(FontSet::bundled)
    }
}

/// Opens the store in the app's local data folder; on first start it holds the sample report.
fn open_store(app: &tauri::App) -> Result<Store, Box<dyn std::error::Error>> {
    let dir = app.path().app_local_data_dir()?;
    std::fs::create_dir_all(&dir)?;
    let mut store = Store::open(dir.join("nianbao.db"))?;
    if store.is_empty()? {
        store.save(&nianbao_report::sample_report())?;
    }
    Ok(store)
}

/// Builds and runs the desktop app; returns when the last window closes.
pub fn run() {
    let result = tauri::Builder::default()
        // Must be registered first: a second launch hands over to the running one and exits.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(main) = app.get_webview_window(window::MAIN) {
                window::bring_to_front(&main);
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            match open_store(app) {
                Ok(store) => {
                    app.manage(Arc::new(AppState::new(store)));
                }
                // Say it in a window (a clerk sees no console), touch nothing, then quit.
                Err(e) => {
                    eprintln!("nianbao: [store] {e}");
                    if let Some(main) = app.get_webview_window(window::MAIN) {
                        let _ = main.hide();
                    }
                    let handle = app.handle().clone();
                    app.dialog()
                        .message(format!(
                            "无法打开年报数据文件。\n\n{e}。\n\n请联系技术人员。"
                        ))
                        .title("年报")
                        .kind(MessageDialogKind::Error)
                        .show(move |_| handle.exit(1));
                }
            }
            if let Some(main) = app.get_webview_window(window::MAIN) {
                window::fit_to_screen(&main);
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_version,
            commands::format_facts,
            commands::edition_layout,
            commands::list_reports,
            commands::open_report,
            commands::create_report,
            commands::delete_report,
            commands::save_report,
            commands::edit_cells,
            commands::check_report,
            commands::change_edition,
            commands::default_texts,
            commands::preview_pdf,
            commands::export_report,
            commands::web_page,
            commands::print_pdf,
            commands::import_reports,
        ])
        .run(tauri::generate_context!());
    // E.g. a second launch while the first is still closing cannot hand over to it: say so
    // plainly instead of panicking.
    if let Err(e) = result {
        eprintln!("年报程序无法启动：{e}");
        std::process::exit(1);
    }
}
