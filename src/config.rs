//! The configuration file, `seedlint.toml` or `.seedlint.toml`: its `[lint]` table as plain
//! serde data, read strictly (an unknown key is an error that points into the file). Finding
//! the file, following `extend` and resolving relative paths is the caller's business.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::error::ConfigError;

/// The names a configuration file may have, in the order they are looked for in a folder.
pub const CONFIG_NAMES: [&str; 2] = ["seedlint.toml", ".seedlint.toml"];

/// A configuration file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Another configuration file this one builds on, relative to this file's folder.
    pub extend: Option<String>,
    /// The lint settings.
    #[serde(default)]
    pub lint: LintConfig,
}

/// The `[lint]` table. Every field is optional: what a file leaves out, the file it extends
/// (or the defaults) decides.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintConfig {
    /// Only these rules or categories run (all when absent).
    pub select: Option<Vec<String>>,
    /// These rules or categories run in addition to `select`.
    pub extend_select: Option<Vec<String>>,
    /// These rules or categories do not run.
    pub ignore: Option<Vec<String>>,
    /// Extra rule directories, relative to this file's folder.
    pub rules: Option<Vec<String>>,
    /// Globs of paths not to lint, relative to this file's folder.
    pub exclude: Option<Vec<String>>,
    /// Extensions of the files linted when walking a folder (default txt, md, html, htm).
    pub extensions: Option<Vec<String>>,
    /// Glob → rule ids or categories not reported for the matching files.
    pub per_file_ignores: Option<BTreeMap<String, Vec<String>>>,
    /// Rule id → severity that replaces the rule's own.
    pub severity: Option<BTreeMap<String, Severity>>,
    /// The lowest severity that makes the exit code 1 (default `warning`).
    pub fail_on: Option<Severity>,
}

/// Parses a configuration file; `path` names it in errors.
pub fn parse(path: &str, text: &str) -> Result<ConfigFile, ConfigError> {
    toml::from_str(text).map_err(|error| {
        ConfigError::invalid(
            path,
            text,
            error.message(),
            error.span(),
            Some("the [lint] table takes select, extend-select, ignore, rules, exclude, extensions, per-file-ignores, severity and fail-on".into()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let text = r#"
extend = "../seedlint.toml"
[lint]
select = ["noise"]
extend-select = ["missing-date"]
ignore = ["menu-block"]
rules = ["rules"]
exclude = ["drafts/**"]
fail-on = "error"
[lint.per-file-ignores]
"interviews/*.txt" = ["missing-attribution"]
[lint.severity]
doubled-space = "warning"
"#;
        let config = parse("seedlint.toml", text).map_err(|e| e.to_string());
        let config = config.unwrap_or_default();
        assert_eq!(config.extend.as_deref(), Some("../seedlint.toml"));
        assert_eq!(config.lint.fail_on, Some(Severity::Error));
        assert_eq!(config.lint.severity.map(|s| s.len()), Some(1));
    }

    #[test]
    fn unknown_key_points_into_the_file() {
        let text = "[lint]\nselcet = [\"noise\"]\n";
        match parse("seedlint.toml", text) {
            Err(ConfigError::Invalid(invalid)) => {
                assert!(invalid.message.contains("selcet"));
                assert!(invalid.span.is_some());
            }
            other => panic!("expected an error, got {other:?}"),
        }
    }
}
