//! The settings one configuration resolves to, as the linted paths see them: the compiled rules,
//! what is excluded, what is ignored where, and their description for `--show-settings`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use seedlint::diagnostic::Severity;
use seedlint::rule::RuleSet;

/// A glob of a configuration, matched against paths relative to the folder it was written in.
#[derive(Debug, Clone)]
pub(super) struct RootedGlob {
    base: PathBuf,
    pattern: String,
    matcher: GlobMatcher,
}

impl RootedGlob {
    pub(super) fn new(base: &Path, pattern: &str) -> Result<Self, String> {
        let glob =
            Glob::new(pattern).map_err(|error| format!("invalid glob `{pattern}`: {error}"))?;
        Ok(Self {
            base: base.to_path_buf(),
            pattern: pattern.to_string(),
            matcher: glob.compile_matcher(),
        })
    }

    fn matches(&self, path: &Path) -> bool {
        path.strip_prefix(&self.base)
            .is_ok_and(|relative| self.matcher.is_match(relative))
    }
}

/// Extensions of the files linted when walking a folder, unless configured otherwise.
pub(super) const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm"];

/// The resolved settings for the paths one configuration governs.
#[derive(Debug)]
pub struct Settings {
    /// The configuration files in force, nearest first (empty: the defaults).
    pub(super) files: Vec<PathBuf>,
    /// The compiled rules, selected and with severities overridden.
    pub(super) rules: RuleSet,
    /// The lowest severity that fails the run.
    pub(super) fail_on: Severity,
    /// The rule directories added.
    pub(super) rules_dirs: Vec<PathBuf>,
    /// The selection as configured (empty: everything).
    pub(super) select: Vec<String>,
    /// The ignored rules and categories.
    pub(super) ignore: Vec<String>,
    /// The severity overrides.
    pub(super) severity: BTreeMap<String, Severity>,
    /// Extensions of the files linted when walking a folder.
    pub(super) extensions: Vec<String>,
    /// The excluded paths.
    pub(super) exclude: Vec<RootedGlob>,
    /// The rules not reported for the paths each glob matches.
    pub(super) per_file_ignores: Vec<(RootedGlob, Vec<String>)>,
}

impl Settings {
    /// True when an exclude glob matches `path` (absolute).
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclude.iter().any(|glob| glob.matches(path))
    }

    /// The rule ids and categories not reported for `path` (absolute).
    pub fn ignored_for(&self, path: &Path) -> Vec<&str> {
        self.per_file_ignores
            .iter()
            .filter(|(glob, _)| glob.matches(path))
            .flat_map(|(_, rules)| rules.iter().map(String::as_str))
            .collect()
    }

    /// The settings as TOML-like text, for `--show-settings`.
    pub fn describe(&self) -> String {
        let list = |items: &[String]| format!("{items:?}");
        let files: Vec<String> = self.files.iter().map(|f| f.display().to_string()).collect();
        let dirs: Vec<String> = self
            .rules_dirs
            .iter()
            .map(|d| d.display().to_string())
            .collect();
        let globs = |globs: &[RootedGlob]| {
            let shown: Vec<String> = globs
                .iter()
                .map(|g| g.base.join(&g.pattern).display().to_string())
                .collect();
            format!("{shown:?}")
        };
        let mut out = format!(
            "config-files = {}\nrules = {}\nselect = {}\nignore = {}\nexclude = {}\nextensions = {}\nfail-on = \"{}\"\n",
            list(&files),
            list(&dirs),
            list(&self.select),
            list(&self.ignore),
            globs(&self.exclude),
            list(&self.extensions),
            self.fail_on.as_str()
        );
        out.push_str("\n[per-file-ignores]\n");
        for (glob, rules) in &self.per_file_ignores {
            let shown = glob.base.join(&glob.pattern).display().to_string();
            out.push_str(&format!("{shown:?} = {rules:?}\n"));
        }
        out.push_str("\n[severity]\n");
        for (id, severity) in &self.severity {
            out.push_str(&format!("{id} = \"{}\"\n", severity.as_str()));
        }
        out.push_str("\n[rules-enabled]\n");
        for (rule, enabled) in self.rules.iter() {
            let state = if enabled {
                rule.severity.as_str()
            } else {
                "off"
            };
            out.push_str(&format!("{} = \"{state}\"  # {}\n", rule.id, rule.source));
        }
        out
    }
}
