//! The Tauri shell: one window, its plugins and the commands. No report logic lives here;
//! commands are thin doors onto the domain crates.

mod commands;
pub mod county_dto;
pub mod dto;
mod error;
mod window;

use nianbao_pdf::FontSet;
use nianbao_store::Store;
use nianbao_workflow::{ChosenFonts, FontChoices};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use tauri::{Emitter, Manager};
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};

/// What every command shares: the open store and, once first needed, the fonts.
pub struct AppState {
    store: Mutex<Store>,
    /// The clerk's font choices, as kept in the store (read once, so that finding the fonts
    /// never waits for the store).
    font_choices: Mutex<FontChoices>,
    /// Where installed fonts are looked for.
    font_folders: Vec<PathBuf>,
    /// The fonts, found when first needed and again after a choice or a new look.
    fonts: Mutex<Option<Arc<ChosenFonts>>>,
}

/// The fonts in use: a [`FontSet`] for rendering, and what was chosen.
pub struct Fonts(Arc<ChosenFonts>);

impl Fonts {
    pub fn chosen(&self) -> &ChosenFonts {
        &self.0
    }
}

impl std::ops::Deref for Fonts {
    type Target = FontSet;
    fn deref(&self) -> &FontSet {
        &self.0.set
    }
}

impl AppState {
    pub fn new(store: Store) -> AppState {
        AppState::with_font_folders(store, nianbao_pdf::system_fonts::font_folders())
    }

    /// The state with installed fonts looked for in `font_folders`.
    pub fn with_font_folders(store: Store, font_folders: Vec<PathBuf>) -> AppState {
        let font_choices = nianbao_workflow::font_choices(&store).unwrap_or_else(|e| {
            eprintln!("nianbao: [fonts] {e}");
            FontChoices::new()
        });
        AppState {
            store: Mutex::new(store),
            font_choices: Mutex::new(font_choices),
            font_folders,
            fonts: Mutex::new(None),
        }
    }

    /// The store; a command that panicked while holding it leaves it usable (every save is
    /// one transaction, so there is nothing half-done to protect).
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The fonts as chosen (found on first use).
    pub fn fonts(&self) -> Fonts {
        let mut fonts = self.fonts.lock().unwrap_or_else(|p| p.into_inner());
        let chosen = fonts.get_or_insert_with(|| {
            let choices = self
                .font_choices
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone();
            let chosen = nianbao_workflow::choose_fonts(&choices, &self.font_folders);
            for note in chosen.notes() {
                eprintln!("nianbao: [fonts] {note}");
            }
            Arc::new(chosen)
        });
        Fonts(Arc::clone(chosen))
    }

    /// Looks at the fonts folders again: the fonts are found anew on next use when a font was
    /// installed or removed since (only the folders are listed to tell).
    pub fn look_for_fonts_again(&self) {
        let mut fonts = self.fonts.lock().unwrap_or_else(|p| p.into_inner());
        if fonts
            .as_ref()
            .is_some_and(|f| f.outdated(&self.font_folders))
        {
            *fonts = None;
        }
    }

    /// The clerk chose anew: the fonts are found anew with `choices` on next use.
    pub fn set_font_choices(&self, choices: FontChoices) {
        let mut fonts = self.fonts.lock().unwrap_or_else(|p| p.into_inner());
        *self.font_choices.lock().unwrap_or_else(|p| p.into_inner()) = choices;
        *fonts = None;
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

/// Imports the report files named on the command line: Windows starts `nianbao.exe "<file>"`
/// when the clerk opens a `.nianbao.json` file with 年报 (the installers register that), and a
/// second start hands its arguments to the running app. Each file gets its outcome, as with
/// 导入; the clerk is told them in a window, and the UI hears `exchange-imported` to refresh
/// its list. A file that waits for a choice is to be imported again through 导入.
fn import_from_command_line(app: &tauri::AppHandle, args: &[String]) {
    let paths = exchange_files(args);
    if paths.is_empty() {
        return;
    }
    // No store (it failed to open): that error window is already up.
    let Some(state) = app.try_state::<Arc<AppState>>() else {
        return;
    };
    let request = dto::ImportRequestDto {
        paths: None,
        county: None,
        year: None,
        choices: Vec::new(),
    };
    let (message, kind) = match commands::import::import_files(&state, &paths, &request) {
        Ok(results) => {
            let _ = app.emit("exchange-imported", &results);
            let lines: Vec<String> = results
                .iter()
                .map(|r| {
                    let what = match (&r.unit_name, r.year) {
                        (Some(u), Some(y)) => format!("{u}{y}年"),
                        _ => r.file_name.clone(),
                    };
                    match (&r.reason, &r.question) {
                        (Some(reason), _) => format!("{}：{what}（{reason}）", r.label),
                        (None, Some(_)) => {
                            format!("{}：{what}（请在“导入”中选择后再导入）", r.label)
                        }
                        _ => format!("{}：{what}", r.label),
                    }
                })
                .collect();
            let kind = if results
                .iter()
                .all(|r| r.reason.is_none() && r.question.is_none())
            {
                MessageDialogKind::Info
            } else {
                MessageDialogKind::Warning
            };
            (lines.join("\n"), kind)
        }
        Err(e) => (e.message, MessageDialogKind::Error),
    };
    app.dialog()
        .message(message)
        .title("年报")
        .kind(kind)
        .show(|_| {});
}

/// The files among a command line's arguments (the first is the program; options start with `-`).
fn exchange_files(args: &[String]) -> Vec<PathBuf> {
    args.iter()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect()
}

/// Builds and runs the desktop app; returns when the last window closes.
pub fn run() {
    let result = tauri::Builder::default()
        // Must be registered first: a second launch hands over to the running one and exits.
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            if let Some(main) = app.get_webview_window(window::MAIN) {
                window::bring_to_front(&main);
            }
            import_from_command_line(app, &argv);
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            match open_store(app) {
                Ok(store) => {
                    app.manage(Arc::new(AppState::new(store)));
                    let args: Vec<String> = std::env::args_os()
                        .map(|a| a.to_string_lossy().into_owned())
                        .collect();
                    import_from_command_line(app.handle(), &args);
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
            commands::import::import_report_files,
            commands::import::send_report,
            commands::county::ipc::list_units,
            commands::county::ipc::add_unit,
            commands::county::ipc::update_unit,
            commands::county::ipc::county_returns,
            commands::county::ipc::summarize_county,
            commands::county::ipc::export_summary,
            commands::backup::ipc::backup_store,
            commands::backup::ipc::pick_backup,
            commands::backup::ipc::restore_store,
            commands::backup::ipc::backup_reminder,
            commands::fonts::font_faces,
            commands::fonts::set_font_choice,
            commands::published::read_published_file,
            commands::published::read_published_paste,
            commands::published::edit_published_cells,
            commands::published::save_published,
        ])
        .run(tauri::generate_context!());
    // E.g. a second launch while the first is still closing cannot hand over to it: say so
    // plainly instead of panicking.
    if let Err(e) = result {
        eprintln!("年报程序无法启动：{e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod command_line_tests {
    use super::exchange_files;

    #[test]
    fn only_existing_files_after_the_program_count() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("乡镇 2021.nianbao.json");
        std::fs::write(&file, "{}").unwrap();
        let args = [
            file.to_string_lossy().into_owned(), // the program's own path
            "--flag".to_owned(),
            dir.path()
                .join("missing.json")
                .to_string_lossy()
                .into_owned(),
            dir.path().to_string_lossy().into_owned(), // a folder
            file.to_string_lossy().into_owned(),
        ];
        assert_eq!(exchange_files(&args), vec![file]);
    }
}
