//! Everything that touches the filesystem: walking the paths to lint, reading and decoding
//! seeds, and reading `--rules` directories.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};
use seedlint::baseline::Baseline;
use seedlint::decode::binary_marker;
use seedlint::document::{Document, SeedFormat};
use seedlint::rule::RuleSource;

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
///
/// A named path a named path that is neither a regular file
/// nor a folder (a FIFO, a device, a symbolic link loop) is an error, never opened. Symbolic
/// links met while walking are not followed.
pub fn collect_seeds(
    paths: &[PathBuf],
    threads: usize,
    extensions: &[String],
) -> (Vec<PathBuf>, Vec<PathError>) {
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    for path in paths {
        let error = |message: String| PathError {
            path: path.clone(),
            message,
        };
        match fs::metadata(path) {
            Ok(metadata) if metadata.is_file() => push(&found, path.clone()),
            Ok(metadata) if metadata.is_dir() => walk(path, threads, extensions, &found, &errors),
            Ok(metadata) => push(&errors, error(not_regular(&metadata.file_type()))),
            Err(failure) => push(&errors, error(failure.to_string())),
        }
    }
    let mut found = found
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    sort_paths(&mut found);
    found.dedup();
    let mut errors = errors
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    errors.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    errors.dedup_by(|a, b| a.path == b.path && a.message == b.message);
    (found, errors)
}

/// Sorts `paths` in `Path`'s order (component by component, stable) through one byte key per
/// path: comparing `Path`s splits both into components at every comparison, which was most
/// of what sorting a corpus's paths cost.
fn sort_paths(paths: &mut [PathBuf]) {
    if paths.iter().all(|path| component_key(path).is_some()) {
        paths.sort_by_cached_key(|path| component_key(path));
    } else {
        paths.sort();
    }
}

/// A key whose byte order is `path`'s order: each component as a tag in the order of
/// `Component`'s variants (so a root sorts before `.`, `..` and every name), a name's bytes
/// after its tag, and a zero byte closing each component, which sorts a name before every
/// longer name it begins, as comparing the components does. `None` for a path with a Windows
/// prefix (whose order is not its bytes') or a zero byte (which no Unix path holds).
fn component_key(path: &Path) -> Option<Vec<u8>> {
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for component in path.components() {
        match component {
            Component::Prefix(_) => return None,
            Component::RootDir => key.push(1),
            Component::CurDir => key.push(2),
            Component::ParentDir => key.push(3),
            Component::Normal(name) => {
                let name = name.as_encoded_bytes();
                if name.contains(&0) {
                    return None;
                }
                key.push(4);
                key.extend_from_slice(name);
            }
        }
        key.push(0);
    }
    Some(key)
}

fn walk(
    dir: &Path,
    threads: usize,
    extensions: &[String],
    found: &Mutex<Vec<PathBuf>>,
    errors: &Mutex<Vec<PathError>>,
) {
    WalkBuilder::new(dir)
        .threads(threads)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(entry) if has_seed_extension(entry.path(), extensions) => {
                        match entry.file_type() {
                            Some(kind) if kind.is_file() => push(found, entry.into_path()),
                            // Not followed: a link could lead out of the folder, or in a loop.
                            Some(kind) if kind.is_symlink() || kind.is_dir() => {}
                            Some(kind) => push(
                                errors,
                                PathError {
                                    path: entry.into_path(),
                                    message: not_regular(&kind),
                                },
                            ),
                            None => {}
                        }
                    }
                    Ok(_) => {}
                    Err(error) => push(
                        errors,
                        PathError {
                            path: error_path(&error).unwrap_or(dir).to_path_buf(),
                            message: io_message(&error),
                        },
                    ),
                }
                WalkState::Continue
            })
        });
}

/// The path an error of the walker is about, when it says.
fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

/// The walker's message without the path (which the error line already names).
fn io_message(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => io_message(err),
        other => other.to_string(),
    }
}

/// Why a path that is not a regular file is not read.
fn not_regular(kind: &fs::FileType) -> String {
    use std::os::unix::fs::FileTypeExt;
    let what = if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "not a regular file"
    };
    format!("{what}; not read (seeds are regular files)")
}

fn push<T>(list: &Mutex<Vec<T>>, item: T) {
    list.lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .push(item);
}

fn has_seed_extension(path: &Path, extensions: &[String]) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| extensions.iter().any(|seed| ext.eq_ignore_ascii_case(seed)))
}

/// Why a seed was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A NUL byte in the first 8 KiB: a binary file, not a seed.
    Binary {
        /// Offset of the NUL byte.
        nul_at: usize,
    },
    /// The file could not be read.
    Failed(String),
}

/// Reads and decodes one seed, as HTML or text (see [`seed_format`]). The file is opened only when it is a regular file (opening a
/// FIFO would wait for a writer), and checked again once open in case it was swapped.
pub fn read_seed(path: &Path) -> Result<Document, ReadError> {
    let failed = |error: io::Error| ReadError::Failed(error.to_string());
    let regular = |metadata: fs::Metadata| {
        if metadata.is_file() {
            Ok(())
        } else {
            Err(ReadError::Failed(not_regular(&metadata.file_type())))
        }
    };
    regular(fs::metadata(path).map_err(failed)?)?;
    let file = fs::File::open(path).map_err(failed)?;
    let metadata = file.metadata().map_err(failed)?;
    let size = usize::try_from(metadata.len()).unwrap_or(0);
    regular(metadata)?;
    let bytes = read_to_end_sized(file, size).map_err(failed)?;
    match binary_marker(&bytes) {
        Some(nul_at) => Err(ReadError::Binary { nul_at }),
        None => {
            let document = Document::decode(bytes);
            let format = seed_format(path, document.text());
            Ok(document.with_format(format))
        }
    }
}

/// Reads `file` to its end into a buffer reserved for `size` bytes, the length its `stat` gave:
/// `File::read_to_end` would ask for the length again (a `statx` and an `lseek` per file),
/// which `Take`'s generic loop does not. A byte of room beyond `size` lets a read see the end
/// without growing the buffer, a file that grew or shrank since its `stat` is still read whole,
/// and a length too large for memory is an error, not an abort.
fn read_to_end_sized(file: fs::File, size: usize) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(size.saturating_add(1))?;
    file.take(u64::MAX).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A rule file larger than this is refused (the default rules are a few KiB each).
const MAX_RULE_FILE_BYTES: u64 = 1 << 20;

/// Reads every `*.toml` file under `dir` (sorted) as one rule source. Rule files come from the
/// repository, so they are read as untrusted input: a symbolic link is followed only when it
/// leads to a file inside `dir`, and each file's size is bounded.
pub fn read_rules_dir(dir: &Path) -> Result<RuleSource, PathError> {
    let error = |path: &Path, message: String| PathError {
        path: path.to_path_buf(),
        message,
    };
    if !dir.is_dir() {
        return Err(error(dir, "not a directory".into()));
    }
    let root = fs::canonicalize(dir).map_err(|e| error(dir, e.to_string()))?;
    let mut files = Vec::new();
    for entry in WalkBuilder::new(dir).standard_filters(false).build() {
        let entry = entry.map_err(|e| error(dir, io_message(&e)))?;
        let path = entry.path();
        let is_toml = path.extension().is_some_and(|ext| ext == "toml");
        if !is_toml || entry.file_type().is_some_and(|kind| kind.is_dir()) {
            continue;
        }
        let target = fs::canonicalize(path).map_err(|e| error(path, e.to_string()))?;
        if !target.starts_with(&root) {
            return Err(error(
                path,
                format!(
                    "a symbolic link to {}, outside the rules directory; not read",
                    target.display()
                ),
            ));
        }
        let metadata = fs::metadata(&target).map_err(|e| error(path, e.to_string()))?;
        if !metadata.is_file() {
            return Err(error(path, not_regular(&metadata.file_type())));
        }
        if metadata.len() > MAX_RULE_FILE_BYTES {
            return Err(error(
                path,
                format!(
                    "{} bytes; a rule file may have at most {MAX_RULE_FILE_BYTES}",
                    metadata.len()
                ),
            ));
        }
        let text = fs::read_to_string(&target).map_err(|e| error(path, e.to_string()))?;
        files.push((path.display().to_string(), text));
    }
    files.sort();
    Ok(RuleSource::user(dir.display().to_string(), files))
}

/// Reads a seed from standard input (binary or not: it was asked for).
pub fn read_stdin() -> Result<Document, String> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|error| error.to_string())?;
    Ok(Document::decode(bytes))
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

#[cfg(test)]
mod tests;
