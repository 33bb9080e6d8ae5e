fn main() {
    // tauri.conf.json sits at the workspace root (the manifest dir) while the capabilities live
    // under src-tauri/, so tauri-build needs the pattern, and cargo needs to watch the folder.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes =
        tauri_build::Attributes::new().capabilities_path_pattern("src-tauri/capabilities/**/*");
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}
