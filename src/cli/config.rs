//! Configuration for each linted path: finds the closest `seedlint.toml` (or `.seedlint.toml`)
//! walking up from the path, or takes `--config`, follows `extend`, lays the command-line
//! overrides on top, and resolves it all into [`Settings`]: a compiled rule set, excludes,
//! per-file ignores and the failing severity. Each distinct configuration is built once per run.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use seedlint::config::{self, CONFIG_NAMES, ConfigFile, LintConfig};
use seedlint::diagnostic::Severity;
use seedlint::error::{ConfigError, RuleError};
use seedlint::rule::{RuleSet, RuleSource};

use super::files;
use super::settings::Settings;
use super::settings::{DEFAULT_EXTENSIONS, RootedGlob};

/// What the command line says about configuration.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--config FILE`: use this file for every path.
    pub config: Option<PathBuf>,
    /// `--isolated`: ignore configuration files.
    pub isolated: bool,
    /// `--select`: replaces the configured selection.
    pub select: Vec<String>,
    /// `--extend-select`: added to the selection.
    pub extend_select: Vec<String>,
    /// `--ignore`: added to the ignored rules.
    pub ignore: Vec<String>,
    /// `--rules`: added rule directories.
    pub rules: Vec<PathBuf>,
    /// `--exclude`: added exclude globs, relative to the current folder.
    pub exclude: Vec<String>,
    /// `--fail-on`: replaces the configured failing severity.
    pub fail_on: Option<Severity>,
}

/// Settings built from one configuration, or the rendered report of why they could not be.
type Resolved = Result<Arc<Settings>, Arc<str>>;

/// The settings of each configuration, built once and shared by the workers.
#[derive(Debug)]
pub struct Resolver {
    overrides: Overrides,
    cwd: PathBuf,
    nearest: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    built: Mutex<HashMap<Option<PathBuf>, Resolved>>,
}

impl Resolver {
    /// A resolver for this run.
    pub fn new(overrides: Overrides) -> Self {
        let cwd = std::env::current_dir().unwrap_or_default();
        Self {
            overrides,
            cwd,
            nearest: Mutex::new(HashMap::new()),
            built: Mutex::new(HashMap::new()),
        }
    }

    /// `path` made absolute against the current folder.
    pub fn absolute(&self, path: &Path) -> PathBuf {
        self.cwd.join(path)
    }

    /// The settings for `path` (a file or folder); `Err` holds the rendered report.
    pub fn settings_for(&self, path: &Path) -> Resolved {
        self.resolve(path, path.is_dir())
    }

    /// The settings for `path`, known to be a file (a walk found it): a corpus asks for every
    /// one of its files, and telling a file from a folder costs a system call each.
    pub fn settings_for_file(&self, path: &Path) -> Resolved {
        self.resolve(path, false)
    }

    fn resolve(&self, path: &Path, is_dir: bool) -> Resolved {
        let config = if self.overrides.isolated {
            None
        } else if let Some(config) = &self.overrides.config {
            Some(self.absolute(config))
        } else {
            self.nearest_config(&self.absolute(path), is_dir)
        };
        let mut built = self.built.lock().unwrap_or_else(|p| p.into_inner());
        built
            .entry(config.clone())
            .or_insert_with(|| {
                self.build(config.as_deref())
                    .map(Arc::new)
                    .map_err(|report| Arc::from(report.as_str()))
            })
            .clone()
    }

    fn nearest_config(&self, path: &Path, is_dir: bool) -> Option<PathBuf> {
        let start = if is_dir { path } else { path.parent()? };
        let mut nearest = self.nearest.lock().unwrap_or_else(|p| p.into_inner());
        let mut visited = Vec::new();
        let mut found = None;
        for dir in start.ancestors() {
            if let Some(known) = nearest.get(dir) {
                found = known.clone();
                break;
            }
            visited.push(dir.to_path_buf());
            let here = CONFIG_NAMES
                .iter()
                .map(|name| dir.join(name))
                .find(|c| c.is_file());
            if here.is_some() {
                found = here;
                break;
            }
        }
        for dir in visited {
            nearest.insert(dir, found.clone());
        }
        found
    }

    fn build(&self, config: Option<&Path>) -> Result<Settings, String> {
        let render = |error: &dyn miette::Diagnostic| render_report(error);
        let chain = match config {
            Some(path) => load_chain(path).map_err(|error| render(&error))?,
            None => Vec::new(),
        };
        let mut layers = Layers::default();
        for (path, file) in chain.iter().rev() {
            let base = path.parent().unwrap_or(Path::new("/"));
            layers
                .apply(base, &file.lint)
                .map_err(|message| format!("{}: {message}", path.display()))?;
        }
        layers.apply_overrides(&self.overrides, &self.cwd)?;
        let mut sources = vec![RuleSource::builtin()];
        for dir in &layers.rules_dirs {
            let source = files::read_rules_dir(dir).map_err(|error| {
                format!("seedlint: {}: {}", error.path.display(), error.message)
            })?;
            sources.push(source);
        }
        let mut rules = RuleSet::load(&sources).map_err(|error| render(&error))?;
        let unknown = |error: RuleError| match &error {
            RuleError::UnknownSelector(name) => match locate(&chain, name) {
                Some(config_error) => render(&config_error),
                None => render(&error),
            },
            _ => render(&error),
        };
        let mut selected = layers.select.clone();
        if !selected.is_empty() {
            selected.extend(layers.extend_select.iter().cloned());
        }
        rules.select(&selected, &layers.ignore).map_err(unknown)?;
        for (id, severity) in &layers.severity {
            rules.set_severity(id, *severity).map_err(unknown)?;
        }
        for name in layers.per_file_ignores.iter().flat_map(|(_, rules)| rules) {
            if !rules.knows(name) {
                return Err(unknown(RuleError::UnknownSelector(name.clone())));
            }
        }
        Ok(Settings {
            files: chain.into_iter().map(|(path, _)| path).collect(),
            rules,
            fail_on: layers.fail_on.unwrap_or(Severity::Warning),
            rules_dirs: layers.rules_dirs,
            select: selected,
            ignore: layers.ignore,
            severity: layers.severity,
            extensions: layers.extensions.unwrap_or_else(|| {
                DEFAULT_EXTENSIONS
                    .iter()
                    .map(|ext| ext.to_string())
                    .collect()
            }),
            exclude: layers.exclude,
            per_file_ignores: layers.per_file_ignores,
        })
    }
}

fn render_report(error: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    match handler.render_report(&mut out, error) {
        Ok(()) => out,
        Err(_) => error.to_string(),
    }
}

/// A configuration file and the ones it extends, nearest first.
fn load_chain(path: &Path) -> Result<Vec<(PathBuf, ConfigFile)>, ConfigError> {
    let mut chain: Vec<(PathBuf, ConfigFile)> = Vec::new();
    let mut next = Some(path.to_path_buf());
    while let Some(path) = next.take() {
        let path = fs::canonicalize(&path).unwrap_or(path);
        if chain.iter().any(|(seen, _)| *seen == path) {
            return Err(ConfigError::ExtendCycle(path.display().to_string()));
        }
        let shown = path.display().to_string();
        let text = fs::read_to_string(&path).map_err(|error| ConfigError::Io {
            path: shown.clone(),
            message: error.to_string(),
        })?;
        let file = config::parse(&shown, &text)?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        next = file.extend.as_ref().map(|extend| base.join(extend));
        chain.push((path, file));
    }
    Ok(chain)
}

/// An error pointing at the first mention of `name` in the chain's files.
fn locate(chain: &[(PathBuf, ConfigFile)], name: &str) -> Option<ConfigError> {
    chain.iter().find_map(|(path, _)| {
        let text = fs::read_to_string(path).ok()?;
        let quoted = format!("\"{name}\"");
        let at = text.find(&quoted).or_else(|| text.find(name))?;
        let len = if text[at..].starts_with(&quoted) { quoted.len() } else { name.len() };
        Some(ConfigError::invalid(
            &path.display().to_string(),
            &text,
            format!("unknown rule or category `{name}`"),
            Some(at..at + len),
            Some("`seedlint rules` lists the rule ids; categories are input, noise, duplicate, format, metadata".into()),
        ))
    })
}

/// The configuration layers merged, parent first: lists of paths accumulate, single values
/// are replaced by the nearer file, severities merge with the nearer file winning.
#[derive(Debug, Default)]
struct Layers {
    select: Vec<String>,
    extend_select: Vec<String>,
    ignore: Vec<String>,
    rules_dirs: Vec<PathBuf>,
    exclude: Vec<RootedGlob>,
    per_file_ignores: Vec<(RootedGlob, Vec<String>)>,
    severity: BTreeMap<String, Severity>,
    fail_on: Option<Severity>,
    extensions: Option<Vec<String>>,
}

impl Layers {
    fn apply(&mut self, base: &Path, lint: &LintConfig) -> Result<(), String> {
        if let Some(select) = &lint.select {
            self.select = select.clone();
        }
        if let Some(extend) = &lint.extend_select {
            self.extend_select = extend.clone();
        }
        if let Some(ignore) = &lint.ignore {
            self.ignore = ignore.clone();
        }
        for dir in lint.rules.iter().flatten() {
            self.rules_dirs.push(base.join(dir));
        }
        for pattern in lint.exclude.iter().flatten() {
            self.exclude.push(RootedGlob::new(base, pattern)?);
        }
        for (pattern, rules) in lint.per_file_ignores.iter().flatten() {
            self.per_file_ignores
                .push((RootedGlob::new(base, pattern)?, rules.clone()));
        }
        for (id, severity) in lint.severity.iter().flatten() {
            self.severity.insert(id.clone(), *severity);
        }
        self.fail_on = lint.fail_on.or(self.fail_on);
        if let Some(extensions) = &lint.extensions {
            self.extensions = Some(extensions.clone());
        }
        Ok(())
    }

    fn apply_overrides(&mut self, overrides: &Overrides, cwd: &Path) -> Result<(), String> {
        if !overrides.select.is_empty() {
            self.select = overrides.select.clone();
        }
        self.extend_select
            .extend(overrides.extend_select.iter().cloned());
        self.ignore.extend(overrides.ignore.iter().cloned());
        self.rules_dirs
            .extend(overrides.rules.iter().map(|dir| cwd.join(dir)));
        for pattern in &overrides.exclude {
            self.exclude.push(RootedGlob::new(cwd, pattern)?);
        }
        self.fail_on = overrides.fail_on.or(self.fail_on);
        Ok(())
    }
}
