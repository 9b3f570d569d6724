//! The IPC contract, generated from the commands themselves.
//!
//! The `#[tauri::command]` functions in `commands/` are the one source of truth for what the
//! window can ask: their names, argument keys and types, and result types. This test reads
//! their signatures and writes `ui/src/lib/api/commands.ts`: one typed wrapper per command, the
//! `Commands` map (arguments and result per command, which types the dev mock) and the list of
//! names. It also checks that every command is registered with `generate_handler!` and
//! documented in `docs/ipc.md`, so adding a command cannot leave any of them behind.
//!
//! Like ts-rs, the test rewrites the file when it differs; `make bindings-check` then fails
//! until the regenerated file is committed.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// Argument types Tauri injects: they are not sent by the window.
const INJECTED: &[&str] = &["State", "AppHandle", "Window", "WebviewWindow", "Webview"];

/// The generated file, relative to the package root.
const OUTPUT: &str = "ui/src/lib/api/commands.ts";

/// Where the ts-rs binding types are, relative to the package root.
const BINDINGS: &str = "ui/src/lib/api/bindings";

/// One argument the window sends: its key and its TypeScript type.
struct Arg {
    key: String,
    ts: String,
}

/// One command as the window sees it.
struct Command {
    name: String,
    doc: Vec<String>,
    args: Vec<Arg>,
    result: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn is_command(attr: &syn::Attribute) -> bool {
    let segments: Vec<String> = attr
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segments == ["tauri", "command"] || segments == ["command"]
}

/// Commands with arguments declared without `rename_all = "snake_case"` would take camelCase keys, which the
/// wrappers would not send; the contract is snake_case everywhere (docs/ipc.md).
fn renames_to_snake_case(attr: &syn::Attribute) -> bool {
    let tokens = match &attr.meta {
        syn::Meta::List(list) => list.tokens.to_string(),
        _ => return false,
    };
    tokens.replace(' ', "") == "rename_all=\"snake_case\""
}

fn doc_lines(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) => p.path.segments.last(),
        Type::Reference(r) => last_segment(&r.elem),
        _ => None,
    }
}

fn type_args(segment: &syn::PathSegment) -> Vec<&Type> {
    match &segment.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The TypeScript type of a Rust type as serde sends it; named types must have a binding.
fn ts_type(ty: &Type, names: &mut BTreeSet<String>, place: &str) -> String {
    if let Type::Tuple(t) = ty {
        assert!(
            t.elems.is_empty(),
            "{place}: tuples are not part of the IPC contract"
        );
        return "null".into();
    }
    let segment =
        last_segment(ty).unwrap_or_else(|| panic!("{place}: unsupported type in a command"));
    let name = segment.ident.to_string();
    let inner = type_args(segment);
    match name.as_str() {
        "String" | "str" | "PathBuf" | "Path" => "string".into(),
        "bool" => "boolean".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" | "f32"
        | "f64" => "number".into(),
        "Option" => format!("{} | null", ts_type(inner[0], names, place)),
        "Vec" => {
            let item = ts_type(inner[0], names, place);
            if item.contains(' ') {
                format!("Array<{item}>")
            } else {
                format!("{item}[]")
            }
        }
        "Channel" => format!("Channel<{}>", ts_type(inner[0], names, place)),
        _ => {
            assert!(
                inner.is_empty(),
                "{place}: generic type {name} has no TypeScript form"
            );
            let binding = root().join(BINDINGS).join(format!("{name}.ts"));
            assert!(
                binding.exists(),
                "{place}: type {name} has no binding at {} (derive ts_rs::TS on it)",
                binding.display()
            );
            names.insert(name.clone());
            name
        }
    }
}

/// What the promise resolves to: `Result<T, _>` gives `T`, a plain return its own type.
fn result_type(output: &ReturnType, names: &mut BTreeSet<String>, place: &str) -> String {
    let ty = match output {
        ReturnType::Default => return "null".into(),
        ReturnType::Type(_, ty) => ty,
    };
    match last_segment(ty) {
        Some(s) if s.ident == "Result" => ts_type(type_args(s)[0], names, place),
        _ => ts_type(ty, names, place),
    }
}

fn commands_in(file: &Path, names: &mut BTreeSet<String>) -> Vec<Command> {
    let text = fs::read_to_string(file).unwrap();
    let parsed = syn::parse_file(&text).unwrap();
    let mut found = Vec::new();
    for item in parsed.items {
        let Item::Fn(f) = item else { continue };
        let Some(attr) = f.attrs.iter().find(|a| is_command(a)) else {
            continue;
        };
        let name = f.sig.ident.to_string();
        let place = format!("{}: {name}", file.display());
        let mut args = Vec::new();
        for input in &f.sig.inputs {
            let FnArg::Typed(arg) = input else {
                panic!("{place}: a command takes no self")
            };
            if last_segment(&arg.ty).is_some_and(|s| INJECTED.contains(&&*s.ident.to_string())) {
                continue;
            }
            let Pat::Ident(key) = &*arg.pat else {
                panic!("{place}: argument patterns must be plain names")
            };
            let key = key.ident.to_string();
            let ts = ts_type(&arg.ty, names, &place);
            args.push(Arg { key, ts });
        }
        assert!(
            args.is_empty() || renames_to_snake_case(attr),
            "{place}: declare it #[tauri::command(rename_all = \"snake_case\")]"
        );
        let result = result_type(&f.sig.output, names, &place);
        found.push(Command {
            name,
            doc: doc_lines(&f.attrs),
            args,
            result,
        });
    }
    found
}

fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn render(commands: &[Command], names: &BTreeSet<String>) -> String {
    let mut out = String::new();
    out.push_str(
        "// Generated from the #[tauri::command] functions in src-tauri/src/commands/ by\n\
         // src-tauri/src/ipc_contract.rs (`cargo test`). Do not edit: change the command.\n\
         // Each wrapper sends the command's snake_case argument keys; rejections are ApiError.\n",
    );
    if commands
        .iter()
        .any(|c| c.args.iter().any(|a| a.ts.contains("Channel<")))
    {
        out.push_str("import type { Channel } from '@tauri-apps/api/core';\n");
    }
    out.push_str("import { call } from './call';\n");
    for name in names {
        let _ = writeln!(out, "import type {{ {name} }} from './bindings/{name}';");
    }
    out.push_str("\n/** Every command: the arguments the window sends and what it answers. */\n");
    out.push_str("export interface Commands {\n");
    for c in commands {
        let args = if c.args.is_empty() {
            "Record<string, never>".to_string()
        } else {
            let fields: Vec<String> = c
                .args
                .iter()
                .map(|a| format!("{}: {}", a.key, a.ts))
                .collect();
            format!("{{ {} }}", fields.join("; "))
        };
        let _ = writeln!(
            out,
            "  {}: {{ args: {args}; result: {} }};",
            c.name, c.result
        );
    }
    out.push_str("}\n\n/** The names of every command, in the order of their source files. */\n");
    out.push_str("export const COMMANDS = [\n");
    for c in commands {
        let _ = writeln!(out, "  '{}',", c.name);
    }
    out.push_str("] as const satisfies readonly (keyof Commands)[];\n");
    for c in commands {
        out.push('\n');
        if !c.doc.is_empty() {
            out.push_str("/**\n");
            for line in &c.doc {
                if line.is_empty() {
                    out.push_str(" *\n");
                } else {
                    let _ = writeln!(out, " * {}", line.replace("*/", "* /"));
                }
            }
            out.push_str(" */\n");
        }
        // Trailing optional arguments may be left out; they are sent as null.
        let optional_from = c
            .args
            .iter()
            .rposition(|a| !a.ts.ends_with("| null"))
            .map_or(0, |i| i + 1);
        let params: Vec<String> = c
            .args
            .iter()
            .enumerate()
            .map(|(i, a)| {
                if i >= optional_from {
                    format!("{}: {} = null", a.key, a.ts)
                } else {
                    format!("{}: {}", a.key, a.ts)
                }
            })
            .collect();
        let body = if c.args.is_empty() {
            format!("call('{}')", c.name)
        } else {
            let keys: Vec<&str> = c.args.iter().map(|a| a.key.as_str()).collect();
            format!("call('{}', {{ {} }})", c.name, keys.join(", "))
        };
        let _ = writeln!(
            out,
            "export const {} = ({}): Promise<{}> =>\n  {body};",
            camel(&c.name),
            params.join(", "),
            c.result
        );
    }
    out
}

/// The names listed in `generate_handler![…]` in lib.rs (their last path segment).
fn registered() -> BTreeSet<String> {
    let text = fs::read_to_string(root().join("src-tauri/src/lib.rs")).unwrap();
    let start = text
        .find("generate_handler![")
        .expect("lib.rs registers commands");
    let list = &text[start + "generate_handler![".len()..];
    let list = &list[..list.find(']').unwrap()];
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.rsplit("::").next().unwrap().to_string())
        .collect()
}

fn all_commands() -> (Vec<Command>, BTreeSet<String>) {
    let dir = root().join("src-tauri/src/commands");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut names = BTreeSet::new();
    let mut commands = Vec::new();
    for file in files {
        commands.extend(commands_in(&file, &mut names));
    }
    (commands, names)
}

#[test]
fn typescript_wrappers_are_generated_from_the_commands() {
    let (commands, names) = all_commands();
    assert!(!commands.is_empty());
    let text = render(&commands, &names);
    let path = root().join(OUTPUT);
    if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        fs::write(&path, &text).unwrap();
    }
}

#[test]
fn every_command_is_registered_and_nothing_else() {
    let (commands, _) = all_commands();
    let declared: BTreeSet<String> = commands.into_iter().map(|c| c.name).collect();
    let registered = registered();
    let unregistered: Vec<_> = declared.difference(&registered).collect();
    let unknown: Vec<_> = registered.difference(&declared).collect();
    assert!(
        unregistered.is_empty() && unknown.is_empty(),
        "not in generate_handler!: {unregistered:?}; registered but not a command: {unknown:?}"
    );
}

#[test]
fn every_command_is_documented() {
    let doc = fs::read_to_string(root().join("docs/ipc.md")).unwrap();
    let (commands, _) = all_commands();
    let missing: Vec<&str> = commands
        .iter()
        .map(|c| c.name.as_str())
        .filter(|name| !doc.contains(&format!("`{name}`")))
        .collect();
    assert!(missing.is_empty(), "docs/ipc.md does not name {missing:?}");
}

#[test]
fn names_become_camel_case() {
    assert_eq!(camel("list_employees"), "listEmployees");
    assert_eq!(camel("stats"), "stats");
    assert_eq!(camel("export_pdf"), "exportPdf");
}
