//! Typed errors of the library. Each carries what a person needs to find the problem: the file,
//! and for rule files the text and the span of the offending part, rendered by miette at the edge.

use miette::{NamedSource, SourceSpan};
use thiserror::Error;

/// A rule or configuration file that is not valid TOML, has an unknown kind, key or field, or a
/// value that does not fit.
#[derive(Debug, Error, miette::Diagnostic)]
#[error("invalid {what} {path}: {message}")]
#[diagnostic(code(seedlint::invalid_file))]
pub struct InvalidFile {
    /// "rule file" or "configuration file".
    pub what: &'static str,
    /// The file.
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

impl InvalidFile {
    /// An error pointing at `span` (a byte range) of `text`.
    fn boxed(
        what: &'static str,
        path: &str,
        text: &str,
        message: String,
        span: Option<std::ops::Range<usize>>,
        help: Option<String>,
    ) -> Box<Self> {
        Box::new(Self {
            what,
            path: path.to_string(),
            message,
            source_code: NamedSource::new(path, text.to_string()),
            span: span.map(|range| SourceSpan::from(range.start..range.end)),
            help,
        })
    }
}

/// A rule file that cannot be used, or a set of rule files that does not fit together.
#[derive(Debug, Error, miette::Diagnostic)]
pub enum RuleError {
    /// See [`InvalidFile`].
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidFile>),
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
    /// A rules directory holds more rule files than a run accepts.
    #[error("{source_name} holds {count} rule files; at most {limit} are read")]
    #[diagnostic(
        code(seedlint::too_many_rules),
        help("rule files come from the repository: check that this directory is the one meant")
    )]
    TooManyRules {
        /// The directory (or "the default rules").
        source_name: String,
        /// How many files it holds.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// `--select` or `--ignore` names neither a rule nor a category.
    #[error("unknown rule or category `{0}`")]
    #[diagnostic(
        code(seedlint::unknown_selector),
        help(
            "`seedlint rules` lists the rule ids; categories are input, noise, duplicate, format, metadata"
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
        Self::Invalid(InvalidFile::boxed(
            "rule file",
            path,
            text,
            message.into(),
            span,
            help,
        ))
    }
}

/// A configuration that cannot be used.
#[derive(Debug, Error, miette::Diagnostic)]
pub enum ConfigError {
    /// See [`InvalidFile`].
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidFile>),
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
        Self::Invalid(InvalidFile::boxed(
            "configuration file",
            path,
            text,
            message.into(),
            span,
            help,
        ))
    }
}
