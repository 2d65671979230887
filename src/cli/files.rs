//! Everything that touches the filesystem: walking the paths to lint, reading and decoding
//! seeds, and reading `--rules` directories.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};
use seedlint::baseline::Baseline;
use seedlint::document::{Document, SeedFormat};
use seedlint::rule::RuleSource;

/// File extensions linted when walking a folder (explicitly named files are always linted).
/// Extensions of text seeds, whose format is never sniffed.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md"];

/// Extensions of HTML seeds.
const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml"];

/// How a seed is linted: as HTML when its name says so, or, for names without a known seed
/// extension (stdin labels), when its text opens like an HTML document.
pub fn seed_format(path: &Path, text: &str) -> SeedFormat {
    let ext = path.extension().and_then(|ext| ext.to_str()).unwrap_or("");
    let named = |list: &[&str]| list.iter().any(|known| ext.eq_ignore_ascii_case(known));
    if named(HTML_EXTENSIONS) || !named(TEXT_EXTENSIONS) && seedlint::html::looks_like_html(text) {
        SeedFormat::Html
    } else {
        SeedFormat::Text
    }
}

/// A problem with one path; the run goes on and exits 2 at the end.
#[derive(Debug)]
pub struct PathError {
    /// The path.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

/// The seed files under `paths` (files with one of `extensions` in folders, named files
/// whatever their extension), sorted, plus the paths that could not be walked.
pub fn collect_seeds(
    paths: &[PathBuf],
    threads: usize,
    extensions: &[String],
) -> (Vec<PathBuf>, Vec<PathError>) {
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    for path in paths {
        if path.is_file() {
            push(&found, path.clone());
            continue;
        }
        if !path.exists() {
            push(
                &errors,
                PathError {
                    path: path.clone(),
                    message: "no such file or directory".into(),
                },
            );
            continue;
        }
        WalkBuilder::new(path)
            .threads(threads)
            .build_parallel()
            .run(|| {
                Box::new(|entry| {
                    match entry {
                        Ok(entry) if is_seed(entry.path(), entry.file_type(), extensions) => {
                            push(&found, entry.into_path());
                        }
                        Ok(_) => {}
                        Err(error) => push(
                            &errors,
                            PathError {
                                path: path.clone(),
                                message: error.to_string(),
                            },
                        ),
                    }
                    WalkState::Continue
                })
            });
    }
    let mut found = found
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    found.sort();
    found.dedup();
    let errors = errors
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    (found, errors)
}

fn push<T>(list: &Mutex<Vec<T>>, item: T) {
    list.lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .push(item);
}

fn is_seed(path: &Path, file_type: Option<fs::FileType>, extensions: &[String]) -> bool {
    file_type.is_some_and(|kind| kind.is_file())
        && path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| extensions.iter().any(|seed| ext.eq_ignore_ascii_case(seed)))
}

/// Reads and decodes one seed.
pub fn read_seed(path: &Path) -> Result<Document, String> {
    let bytes = fs::read(path).map_err(|error| error.to_string())?;
    let document =
        Document::from_bytes(bytes).map_err(|error| format!("{error}; seeds must be UTF-8"))?;
    let format = seed_format(path, document.text());
    Ok(document.with_format(format))
}

/// Reads every `*.toml` file under `dir` (sorted) as one rule source.
pub fn read_rules_dir(dir: &Path) -> Result<RuleSource, PathError> {
    let error = |path: &Path, message: String| PathError {
        path: path.to_path_buf(),
        message,
    };
    if !dir.is_dir() {
        return Err(error(dir, "not a directory".into()));
    }
    let mut files = Vec::new();
    for entry in WalkBuilder::new(dir).standard_filters(false).build() {
        let entry = entry.map_err(|e| error(dir, e.to_string()))?;
        let path = entry.path();
        let is_toml = path.extension().is_some_and(|ext| ext == "toml");
        if is_toml && entry.file_type().is_some_and(|kind| kind.is_file()) {
            let text = fs::read_to_string(path).map_err(|e| error(path, e.to_string()))?;
            files.push((path.display().to_string(), text));
        }
    }
    files.sort();
    Ok(RuleSource { files })
}

/// Reads a seed from standard input.
pub fn read_stdin() -> Result<Document, String> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|error| error.to_string())?;
    Document::from_bytes(bytes).map_err(|error| format!("{error}; seeds must be UTF-8"))
}

/// Replaces the file at `path` with `text` atomically: a temporary file in the same folder,
/// flushed to disk, given the original's permissions, then renamed over it. The original is
/// untouched on any failure, and the temporary file is removed.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let metadata = fs::symlink_metadata(path).map_err(|error| error.to_string())?;
    if metadata.file_type().is_symlink() {
        return Err("is a symbolic link; not fixed (fix the file it points to instead)".into());
    }
    if !metadata.is_file() {
        return Err("is not a regular file; not fixed".into());
    }
    if metadata.permissions().readonly() {
        return Err("is read-only; not fixed".into());
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let write = || -> io::Result<()> {
        let mut temp = tempfile::Builder::new()
            .prefix(".seedlint-")
            .suffix(".tmp")
            .tempfile_in(folder)?;
        temp.write_all(text.as_bytes())?;
        temp.as_file().sync_all()?;
        temp.as_file().set_permissions(metadata.permissions())?;
        temp.persist(path).map_err(|error| error.error)?;
        Ok(())
    };
    write().map_err(|error| format!("could not write the fixed file: {error}"))
}

/// Reads a baseline file.
pub fn read_baseline(path: &Path) -> Result<Baseline, String> {
    let text = fs::read_to_string(path).map_err(|error| error.to_string())?;
    serde_json::from_str(&text).map_err(|error| format!("not a seedlint baseline: {error}"))
}

/// Writes a baseline file (atomically when it exists already).
pub fn write_baseline(path: &Path, baseline: &Baseline) -> Result<(), String> {
    let mut text = serde_json::to_string_pretty(baseline).map_err(|error| error.to_string())?;
    text.push('\n');
    if path.exists() {
        write_atomically(path, &text)
    } else {
        fs::write(path, text).map_err(|error| error.to_string())
    }
}
