//! Tauri commands: thin doors onto the domain crates, one module per concern.

/// The app's version as built, for the about line and for bug reports.
#[tauri::command]
pub fn app_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
