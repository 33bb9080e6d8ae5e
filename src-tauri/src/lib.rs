//! The Tauri shell: one window, its plugins and the commands. No report logic lives here;
//! commands are thin doors onto the domain crates.

mod commands;
mod window;

use tauri::Manager;

/// Builds and runs the desktop app; returns when the last window closes.
pub fn run() {
    tauri::Builder::default()
        // Must be registered first: a second launch hands over to the running one and exits.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(main) = app.get_webview_window(window::MAIN) {
                window::bring_to_front(&main);
            }
        }))
        .setup(|app| {
            if let Some(main) = app.get_webview_window(window::MAIN) {
                window::fit_to_screen(&main);
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![commands::app_version])
        .run(tauri::generate_context!())
        .expect("nianbao could not start its window");
}
