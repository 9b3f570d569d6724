//! How WebKitGTK runs the window on Linux: settings it reads from the environment once, when
//! its first web view is made, so they are decided first in `run`.
//!
//! Each default is set only when the user has not set that variable; setting it keeps theirs
//! (`WEBKIT_DISABLE_COMPOSITING_MODE=0` turns compositing back on, `JSC_useJIT=true` the JIT).
//! README "Install a release" has the measured difference of each.
//!
//! - Compositing off. WebKitGTK composites the page through OpenGL by default. Without a GPU (a
//!   virtual machine, a remote desktop, Xvfb) that OpenGL is Mesa's software renderer, and its
//!   layer tiles and buffers roughly double the memory of the app's WebKit processes while
//!   drawing nothing this app needs: its pages are static forms, tables and charts, with no 3D,
//!   video or scrolling effects.
//! - JavaScript without a JIT. The window's script is the UI's own bundle, and its work is
//!   building forms, tables and charts from answers the core has already computed; no page runs
//!   a computation long enough for compiled code to pay back the compilers' and their code's
//!   memory. JavaScriptCore's interpreter runs it instead, and the web process maps no memory
//!   that is both writable and executable.

/// The variables set here, and the value each gets when the user has not set it.
pub const DEFAULTS: [(&str, &str); 2] = [
    ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
    ("JSC_useJIT", "false"),
];

/// The value to give a variable whose current value is `current`: none when the user chose.
pub fn default_for(
    default: &'static str,
    current: Option<&std::ffi::OsStr>,
) -> Option<&'static str> {
    match current {
        Some(_) => None,
        None => Some(default),
    }
}

/// Applies [`DEFAULTS`] to this process's environment, which WebKit's web and network
/// processes inherit. Call it first in `run`, before any thread starts (setting a variable
/// races with threads reading the environment) and before Tauri creates the web view.
pub fn set_defaults() {
    if cfg!(target_os = "linux") {
        for (name, default) in DEFAULTS {
            if let Some(value) = default_for(default, std::env::var_os(name).as_deref()) {
                std::env::set_var(name, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_default_applies_only_when_the_user_did_not_choose() {
        for (_, default) in DEFAULTS {
            assert_eq!(default_for(default, None), Some(default));
            assert_eq!(default_for(default, Some("0".as_ref())), None);
            assert_eq!(default_for(default, Some("1".as_ref())), None);
            assert_eq!(default_for(default, Some("".as_ref())), None);
        }
    }
}
