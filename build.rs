//! Embeds the default rules: lists `rules/**/*.toml` into `$OUT_DIR/builtin_rules.rs` as
//! `(path, text)` pairs, so that adding a rule file needs no Rust edit; and writes the literal
//! sets of their list regexes (`src/rules/literals.rs`) into `$OUT_DIR/builtin_literals.rs`, so
//! that a short run does not parse those regexes to build its prefilters.

use std::env;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/rules/literals.rs"]
mod literals;

/// The `[check]` keys whose values are lists of line regexes with a literal prefilter.
const REGEX_LISTS: [&str; 3] = ["patterns", "markers", "confirm"];

fn collect(dir: &Path, found: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, found)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            found.push(path);
        }
    }
    Ok(())
}

fn main() -> io::Result<()> {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").map_err(io::Error::other)?);
    let rules_dir = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&rules_dir, &mut files)?;
    files.sort();
    let mut out =
        String::from("/// The default rule files: (path relative to the repository, text).\n");
    out.push_str("pub const BUILTIN_RULES: &[(&str, &str)] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let relative = file.strip_prefix(&root).map_err(io::Error::other)?;
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            relative.to_string_lossy().replace('\\', "/"),
            file.display().to_string()
        ));
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(env::var("OUT_DIR").map_err(io::Error::other)?);
    fs::write(out_dir.join("builtin_rules.rs"), out)?;
    fs::write(out_dir.join("builtin_literals.rs"), literal_table(&files)?)
}

/// Every regex of the rule files' lists, once, in order.
fn list_regexes(files: &[PathBuf]) -> io::Result<Vec<String>> {
    let mut sources = Vec::new();
    for file in files {
        let table: toml::Table = fs::read_to_string(file)?
            .parse()
            .map_err(io::Error::other)?;
        let Some(check) = table.get("check").and_then(toml::Value::as_table) else {
            continue;
        };
        let lists = REGEX_LISTS.iter().filter_map(|key| check.get(*key));
        for list in lists.filter_map(toml::Value::as_array) {
            sources.extend(
                list.iter()
                    .filter_map(toml::Value::as_str)
                    .map(String::from),
            );
        }
    }
    sources.sort();
    sources.dedup();
    Ok(sources)
}

/// `BUILTIN_LITERALS`: for each regex that parses, its literal set (`None`: it has none) and
/// that set's case-insensitive spellings. The syntax tree is read without case folding, as at
/// run time; the flags a list adds change only assertions (read as empty strings) and `.` (too
/// large a class to give literals), so the sets do not depend on them.
fn literal_table(files: &[PathBuf]) -> io::Result<String> {
    let mut out = String::from(
        "/// The literal sets of the default rules' list regexes (`None` when one has none), \
         sorted by regex.\n",
    );
    out.push_str("const BUILTIN_LITERALS: &[(&str, Option<BuiltinSet>)] = &[\n");
    for source in list_regexes(files)? {
        let Ok(hir) = regex_syntax::parse(&source) else {
            continue;
        };
        let entry = match literals::required(&hir) {
            Some(set) => {
                let spelled: Vec<Vec<u8>> = set
                    .iter()
                    .flat_map(|literal| literals::case_spellings(literal))
                    .collect();
                format!(
                    "Some(BuiltinSet {{ exact: &{}, spelled: &{} }})",
                    byte_slices(&set),
                    byte_slices(&spelled)
                )
            }
            None => "None".to_string(),
        };
        out.push_str(&format!("    ({source:?}, {entry}),\n"));
    }
    out.push_str("];\n");
    Ok(out)
}

/// `literals` as Rust source: `[&[..], ..]`.
fn byte_slices(literals: &[Vec<u8>]) -> String {
    let items: Vec<String> = literals
        .iter()
        .map(|literal| format!("&{literal:?}"))
        .collect();
    format!("[{}]", items.join(", "))
}
