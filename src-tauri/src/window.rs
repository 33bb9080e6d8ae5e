//! The main window's placement on the clerk's screen.

use tauri::WebviewWindow;

/// Label of the one window, as declared in tauri.conf.json and the capabilities.
pub const MAIN: &str = "main";

/// Shows, un-minimises and focuses the window (a second launch of the app lands here).
pub fn bring_to_front(window: &WebviewWindow) {
    // Best effort: a window manager may refuse focus, and there is nothing better to do then.
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
}

/// The configured 1280×800 does not fit a 1366×768 screen (common on office PCs):
/// maximise there instead of opening a window whose bottom is under the taskbar.
pub fn fit_to_screen(window: &WebviewWindow) {
    let (Ok(Some(monitor)), Ok(size)) = (window.current_monitor(), window.outer_size()) else {
        return;
    };
    let area = monitor.work_area().size;
    if size.width > area.width || size.height > area.height {
        let _ = window.maximize();
    }
}
