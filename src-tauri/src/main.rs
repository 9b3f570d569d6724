// Prevents an extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // WebKitGTK's accelerated compositing keeps a second rendering path and its buffers alive
    // for the whole session. Turning it off lowers the app's memory markedly and does not slow
    // the first figures of pages made of text, tables and one canvas (the README's footprint
    // table has the measurements). A user who wants it back sets the variable to 0. Set before
    // any thread exists (set_var is not thread-safe) and before WebKit reads it.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    upskill_desktop_lib::run();
}
