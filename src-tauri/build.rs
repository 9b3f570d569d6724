fn main() {
    // The capabilities live in src-tauri/ while the package root (and tauri.conf.json) is the
    // workspace root, so the pattern is spelled out.
    if let Err(err) = tauri_build::try_build(
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*"),
    ) {
        eprintln!("tauri-build failed: {err:#}");
        std::process::exit(1);
    }
}
