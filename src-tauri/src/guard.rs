//! What the window may show: only the app's own pages. Navigation anywhere else (a link in
//! imported data, an injected redirect) is refused, so the webview can never load remote content.

use tauri::Url;

/// Whether `url` is one of the app's own pages: the embedded UI (`tauri://localhost` on Linux
/// and macOS, `http(s)://tauri.localhost` on Windows) or, in debug builds only, the dev server.
pub fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" if url.host_str() == Some("tauri.localhost") => true,
        "http" if cfg!(debug_assertions) => {
            matches!(url.host_str(), Some("localhost" | "127.0.0.1")) && url.port() == Some(1420)
        }
        _ => false,
    }
}

/// A plugin whose only job is to refuse navigation away from the app.
pub fn plugin<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|_, url| is_app_url(url))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(url: &str) -> bool {
        is_app_url(&Url::parse(url).unwrap())
    }

    #[test]
    fn only_the_apps_own_pages() {
        assert!(allowed("tauri://localhost/"));
        assert!(allowed("tauri://localhost/#/employees"));
        assert!(allowed("http://tauri.localhost/index.html"));
        assert!(!allowed("https://example.com/"));
        assert!(!allowed("http://localhost:8080/"));
        assert!(!allowed("file:///etc/passwd"));
        assert!(!allowed("tauri://evil.example/"));
        assert!(!allowed("javascript:alert(1)"));
    }

    /// The window's permissions are exactly this list: adding one is a reviewed decision.
    #[test]
    fn capability_matches_the_allowlist() {
        let cap: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
        assert_eq!(cap["windows"], serde_json::json!(["main"]));
        let permissions: Vec<&str> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().expect("plain permission names only"))
            .collect();
        assert_eq!(
            permissions,
            [
                "core:default",
                "dialog:allow-open",
                "dialog:allow-save",
                // The window's light/dark theme: harmless, and the E2E contrast check sets it.
                "core:window:allow-set-theme"
            ]
        );
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities");
        let files = std::fs::read_dir(dir).unwrap().count();
        assert_eq!(files, 1, "one capability file, for the main window only");
    }

    /// Devtools exist only in debug builds: Tauri enables them there by default, and only its
    /// `devtools` feature would bring them into a release build.
    #[test]
    fn release_builds_have_no_devtools() {
        let manifest = include_str!("../../Cargo.toml");
        let tauri = manifest
            .lines()
            .find(|l| l.starts_with("tauri = "))
            .expect("the tauri dependency");
        assert!(!tauri.contains("devtools"), "{tauri}");
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
        for window in conf["app"]["windows"].as_array().unwrap() {
            assert_ne!(window["devtools"], true, "{window}");
        }
    }

    #[test]
    fn csp_is_strict() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
        let csp = conf["app"]["security"]["csp"]
            .as_str()
            .expect("a CSP is set");
        assert!(csp.starts_with("default-src 'self'"), "{csp}");
        assert!(!csp.contains("unsafe-eval"), "{csp}");
        assert!(csp.contains("script-src 'self'"), "{csp}");
        for source in csp.split([' ', ';']).filter(|s| s.starts_with("http")) {
            assert_eq!(source, "http://ipc.localhost", "no remote hosts: {csp}");
        }
        assert_eq!(conf["app"]["withGlobalTauri"], false);
    }
}
