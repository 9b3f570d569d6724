//! How the window's web view draws on Linux, decided before WebKitGTK starts.
//!
//! WebKitGTK composites the page through OpenGL by default. Without a GPU (a virtual machine,
//! a remote desktop, Xvfb) that OpenGL is Mesa's software renderer, and its layer tiles and
//! buffers roughly double the memory of the app's WebKit processes while drawing nothing this
//! app needs: its pages are static forms, tables and charts, with no 3D, video or scrolling
//! effects. So the app turns compositing off (`WEBKIT_DISABLE_COMPOSITING_MODE=1`) unless the
//! user has set that variable themselves (`WEBKIT_DISABLE_COMPOSITING_MODE=0` keeps it on).
//! README "Install a release" has the measured difference.

/// The variable WebKitGTK reads once, when its first web view is made.
pub const COMPOSITING_VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// The value to set `COMPOSITING_VARIABLE` to, given what the environment already holds:
/// none when the user chose.
pub fn compositing_default(current: Option<&std::ffi::OsStr>) -> Option<&'static str> {
    match current {
        Some(_) => None,
        None => Some("1"),
    }
}

/// Applies [`compositing_default`] to this process's environment. Call it first in `run`,
/// before any thread starts (setting a variable races with threads reading the environment)
/// and before Tauri creates the web view.
pub fn set_defaults() {
    if cfg!(target_os = "linux") {
        if let Some(value) = compositing_default(std::env::var_os(COMPOSITING_VARIABLE).as_deref())
        {
            std::env::set_var(COMPOSITING_VARIABLE, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compositing_is_turned_off_unless_the_user_chose() {
        assert_eq!(compositing_default(None), Some("1"));
        assert_eq!(compositing_default(Some("0".as_ref())), None);
        assert_eq!(compositing_default(Some("1".as_ref())), None);
        assert_eq!(compositing_default(Some("".as_ref())), None);
    }
}
