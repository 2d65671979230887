//! Typed errors of the library. Each carries what a person needs to find the problem: the file,
//! and for rule files the text and the span of the offending part, rendered by miette at the edge.

use miette::{NamedSource, SourceSpan};
use thiserror::Error;

/// A rule file that is not valid TOML, has an unknown kind or field, or a value a kind rejects.
#[derive(Debug, Error, miette::Diagnostic)]
#[error("invalid rule file {path}: {message}")]
#[diagnostic(code(seedlint::rule_file))]
pub struct InvalidRuleFile {
    /// The rule file.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// The file's text.
    #[source_code]
    pub source_code: NamedSource<String>,
    /// Where it is wrong, when known.
    #[label("here")]
    pub span: Option<SourceSpan>,
    /// How to fix it.
    #[help]
    pub help: Option<String>,
}

/// A rule file that cannot be used, or a set of rule files that does not fit together.
#[derive(Debug, Error, miette::Diagnostic)]
pub enum RuleError {
    /// See [`InvalidRuleFile`].
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidRuleFile>),
    /// Two rule files in the same set share an id.
    #[error("rule id `{id}` is defined twice: in {first} and in {second}")]
    #[diagnostic(
        code(seedlint::duplicate_rule_id),
        help("rule ids are unique within one rules directory; rename one of the files' `id`")
    )]
    DuplicateId {
        /// The id.
        id: String,
        /// The first file that defines it.
        first: String,
        /// The second file that defines it.
        second: String,
    },
    /// `--select` or `--ignore` names neither a rule nor a category.
    #[error("unknown rule or category `{0}`")]
    #[diagnostic(
        code(seedlint::unknown_selector),
        help(
            "`seedlint rules` lists the rule ids; categories are noise, duplicate, format, metadata"
        )
    )]
    UnknownSelector(String),
}

impl RuleError {
    /// An invalid-file error pointing at `span` (a byte range) of `text`.
    pub fn invalid(
        path: &str,
        text: &str,
        message: impl Into<String>,
        span: Option<std::ops::Range<usize>>,
        help: Option<String>,
    ) -> Self {
        Self::Invalid(Box::new(InvalidRuleFile {
            path: path.to_string(),
            message: message.into(),
            source_code: NamedSource::new(path, text.to_string()),
            span: span.map(|range| SourceSpan::from(range.start..range.end)),
            help,
        }))
    }
}

/// A configuration file that is not valid TOML or has an unknown key or a bad value.
#[derive(Debug, Error, miette::Diagnostic)]
#[error("invalid configuration file {path}: {message}")]
#[diagnostic(code(seedlint::config_file))]
pub struct InvalidConfigFile {
    /// The configuration file.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// The file's text.
    #[source_code]
    pub source_code: NamedSource<String>,
    /// Where it is wrong, when known.
    #[label("here")]
    pub span: Option<SourceSpan>,
    /// How to fix it.
    #[help]
    pub help: Option<String>,
}

/// A configuration that cannot be used.
#[derive(Debug, Error, miette::Diagnostic)]
pub enum ConfigError {
    /// See [`InvalidConfigFile`].
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidConfigFile>),
    /// A file could not be read.
    #[error("cannot read configuration file {path}: {message}")]
    #[diagnostic(code(seedlint::config_io))]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// `extend` leads back to a file already in the chain.
    #[error("configuration file {0} extends itself (through `extend`)")]
    #[diagnostic(
        code(seedlint::config_cycle),
        help("remove the `extend` that closes the loop")
    )]
    ExtendCycle(String),
}

impl ConfigError {
    /// An invalid-file error pointing at `span` (a byte range) of `text`.
    pub fn invalid(
        path: &str,
        text: &str,
        message: impl Into<String>,
        span: Option<std::ops::Range<usize>>,
        help: Option<String>,
    ) -> Self {
        Self::Invalid(Box::new(InvalidConfigFile {
            path: path.to_string(),
            message: message.into(),
            source_code: NamedSource::new(path, text.to_string()),
            span: span.map(|range| SourceSpan::from(range.start..range.end)),
            help,
        }))
    }
}
