//! The crate's layout, checked: every `crate::…` path in `src/` is resolved to the file that defines
//! it, and the imports must run downward through the wings (math, core, tally, inference, then
//! accounts and analysis side by side, then the export reader on top), never between accounts and
//! analysis, never through the crate root's re-exports, and no two files may import each other
//! (directly or around a loop).
//!
//! `error.rs` is the one shared vocabulary: every wing names `Error`, and its payloads name two core
//! types (`Scale`, `AccountId`); it may import nothing else, and loops through it are not counted.
//!
//! The test prints every import edge it found on failure, so a broken rule names file and path.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The wings from the bottom up; `accounts` and `analysis` share a rank and must not meet. `export`
/// (reading files into core types) sits on top: it may use any wing, and no wing uses it.
const RANKS: &[(&str, u8)] = &[
    ("math", 0),
    ("core", 1),
    ("tally", 2),
    ("inference", 3),
    ("accounts", 4),
    ("analysis", 4),
    ("export", 5),
];

/// What `error.rs` may import: the payload types.
const ERROR_MAY_IMPORT: &[&str] = &["core/scale.rs", "core/account_id.rs"];

struct Source {
    /// The module path below `crate`, e.g. `["tally", "kernel"]`; `[]` for `lib.rs`.
    module: Vec<String>,
    /// The code with comments and string literals blanked out.
    code: String,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn read_sources() -> BTreeMap<String, Source> {
    let mut files = BTreeMap::new();
    let mut stack = vec![src_dir()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(src_dir()).unwrap().to_string_lossy().replace('\\', "/");
                let mut module: Vec<String> =
                    relative.trim_end_matches(".rs").split('/').map(str::to_owned).collect();
                if module.last().is_some_and(|m| m == "mod" || m == "lib") {
                    module.pop();
                }
                let code = strip_comments_and_strings(&fs::read_to_string(&path).unwrap());
                files.insert(relative, Source { module, code });
            }
        }
    }
    files
}

/// Blanks out comments (line, doc and block) and the contents of string and char literals, so that
/// only code is searched for paths.
fn strip_comments_and_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == '"'
            || (c == 'r' && (next == Some('"') || next == Some('#')) && is_raw_start(&chars, i))
        {
            // A string literal (raw strings with any number of #).
            let mut hashes = 0;
            if c == 'r' {
                i += 1;
                while chars[i] == '#' {
                    hashes += 1;
                    i += 1;
                }
            }
            i += 1;
            while i < chars.len() {
                if c != 'r' && chars[i] == '\\' {
                    i += 2;
                    continue;
                }
                if chars[i] == '"' && (0..hashes).all(|k| chars.get(i + 1 + k) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
            out.push_str("\"\"");
        } else if c == '\'' && is_char_literal(&chars, i) {
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_raw_start(chars: &[char], i: usize) -> bool {
    let before = if i == 0 { ' ' } else { chars[i - 1] };
    if before.is_alphanumeric() || before == '_' {
        return false;
    }
    let mut j = i + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    chars.get(j) == Some(&'"')
}

/// `'a'`, `'\n'`, `'\''` are char literals; `'a` (a lifetime) is not.
fn is_char_literal(chars: &[char], i: usize) -> bool {
    match chars.get(i + 1) {
        Some('\\') => true,
        Some(_) => chars.get(i + 2) == Some(&'\''),
        None => false,
    }
}

/// Every path that starts with `crate::` in `code`: from `use` trees (expanded) and from paths
/// written inline.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().last().unwrap_or(' ');
        let tail = &rest[at + "crate::".len()..];
        if before.is_alphanumeric() || before == '_' || before == ':' {
            rest = tail;
            continue;
        }
        // A use tree runs to the `;` when it opens a brace group; otherwise the path is the run of
        // identifiers joined by `::`.
        let path_end =
            tail.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(tail.len());
        if tail[path_end..].starts_with('{') {
            let end = tail.find(';').unwrap_or(tail.len());
            expand(&[], &tail[..end], &mut paths);
            rest = &tail[end..];
        } else {
            let path: Vec<String> =
                tail[..path_end].split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect();
            paths.push(path);
            rest = &tail[path_end..];
        }
    }
    paths
}

/// Expands a use tree such as `a::{b, c::{d, e as f}}` into paths.
fn expand(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let mut base = prefix.to_vec();
        base.extend(tree[..open].split("::").map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned));
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&base, &inner[start..i], out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&base, &inner[start..], out);
    } else if !tree.is_empty() {
        let item = tree.split(" as ").next().unwrap_or(tree).trim();
        let mut path = prefix.to_vec();
        path.extend(
            item.split("::").map(str::trim).filter(|s| !s.is_empty() && *s != "self").map(str::to_owned),
        );
        out.push(path);
    }
}

/// The file that defines what `path` names: module segments are followed into their files, and a
/// name re-exported by a module (`pub use self::file::Name`) is followed to the file it comes from.
fn resolve(path: &[String], files: &BTreeMap<String, Source>) -> Result<String, String> {
    let file_of = |module: &[String]| -> Option<String> {
        let joined = module.join("/");
        [format!("{joined}.rs"), format!("{joined}/mod.rs")].into_iter().find(|f| files.contains_key(f))
    };
    let mut module: Vec<String> = Vec::new();
    for (i, segment) in path.iter().enumerate() {
        let mut deeper = module.clone();
        deeper.push(segment.clone());
        if file_of(&deeper).is_some() {
            module = deeper;
            continue;
        }
        // `segment` is an item of `module`.
        if module.is_empty() {
            return Err(format!("`crate::{}` goes through the crate root's re-exports", path.join("::")));
        }
        let file = file_of(&module).ok_or_else(|| format!("no file for module {}", module.join("::")))?;
        let code = &files[&file].code;
        if let Some(source) = reexport_source(code, segment) {
            let mut target = module.clone();
            target.extend(source);
            return resolve(&target, files);
        }
        let _ = i;
        return Ok(file);
    }
    file_of(&module).ok_or_else(|| format!("no file for `crate::{}`", path.join("::")))
}

/// For `pub use self::a::b::{Name, …};` in a module file, the path `a::b::Name` that `name` comes from.
fn reexport_source(code: &str, name: &str) -> Option<Vec<String>> {
    for statement in code.split(';') {
        let statement = statement.trim();
        let Some(tree) = statement.strip_prefix("pub use self::") else { continue };
        let mut paths = Vec::new();
        expand(&[], tree, &mut paths);
        if let Some(found) = paths.into_iter().find(|p| p.last().is_some_and(|last| last == name)) {
            return Some(found);
        }
    }
    None
}

fn wing(file: &str) -> &str {
    file.split('/').next().unwrap_or(file).trim_end_matches(".rs")
}

fn rank(file: &str) -> Option<u8> {
    RANKS.iter().find(|(w, _)| *w == wing(file)).map(|&(_, r)| r)
}

#[test]
fn imports_run_downward_and_never_in_a_loop() {
    let files = read_sources();
    assert!(files.len() > 40, "read only {} files from src/", files.len());
    let mut edges: BTreeSet<(String, String)> = BTreeSet::new();
    let mut problems = Vec::new();
    for (file, source) in &files {
        let is_module_file = file == "lib.rs" || file.ends_with("mod.rs");
        for path in crate_paths(&source.code) {
            if path.is_empty() {
                continue;
            }
            match resolve(&path, &files) {
                Ok(target) if target != *file => {
                    if !is_module_file {
                        edges.insert((file.clone(), target));
                    }
                }
                Ok(_) => {}
                Err(why) if !is_module_file => problems.push(format!("{file}: {why}")),
                Err(_) => {}
            }
        }
        let _ = &source.module;
    }
    for (from, to) in &edges {
        if from == "error.rs" {
            if !ERROR_MAY_IMPORT.contains(&to.as_str()) {
                problems.push(format!("error.rs imports {to}: it may name only {ERROR_MAY_IMPORT:?}"));
            }
            continue;
        }
        if to == "error.rs" {
            continue;
        }
        match (rank(from), rank(to)) {
            (Some(a), Some(b)) if b > a => problems.push(format!("{from} imports {to}: upward")),
            (Some(_), Some(_)) if wing(from) != wing(to) && rank(from) == rank(to) => {
                problems.push(format!("{from} imports {to}: sideways between accounts and analysis"))
            }
            (None, _) | (_, None) => problems.push(format!("{from} imports {to}: a file outside the wings")),
            _ => {}
        }
    }
    // Loops: a depth-first search over the file graph without error.rs (which every wing names).
    let graph: BTreeMap<&str, Vec<&str>> = edges
        .iter()
        .filter(|(a, b)| a != "error.rs" && b != "error.rs")
        .fold(BTreeMap::new(), |mut g, (a, b)| {
            g.entry(a.as_str()).or_insert_with(Vec::new).push(b.as_str());
            g
        });
    for start in graph.keys() {
        let mut stack = vec![(*start, vec![*start])];
        let mut seen = BTreeSet::new();
        while let Some((node, trail)) = stack.pop() {
            for &next in graph.get(node).map(Vec::as_slice).unwrap_or(&[]) {
                if next == *start {
                    problems.push(format!("import loop: {} -> {start}", trail.join(" -> ")));
                } else if seen.insert(next) {
                    let mut longer = trail.clone();
                    longer.push(next);
                    stack.push((next, longer));
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} layout problems:\n{}\n\nall imports:\n{}",
        problems.len(),
        problems.join("\n"),
        edges.iter().map(|(a, b)| format!("{a} -> {b}")).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_checker_sees_what_it_must() {
    let code = strip_comments_and_strings(
        "use crate::a::{b::{C, d as e}, f};\n// use crate::x::Y;\nlet s = \"crate::z::Q\"; crate::g::h();",
    );
    let paths = crate_paths(&code);
    let text: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(text, ["a::b::C", "a::b::d", "a::f", "g::h"]);
}
