//! Diagnostics are plain data until the edge: a rule id, its category and severity, a message,
//! a primary byte span with an optional label, secondary labels and help. Renderers in
//! `output/` turn the same value into miette reports, concise lines or JSON.

use serde::{Deserialize, Serialize};

use crate::document::Span;
use crate::fix::Fix;

/// What family of problem a rule looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Problems with the file itself (encoding, emptiness).
    Input,
    /// Page furniture that is not part of the article.
    Noise,
    /// Text that appears twice.
    Duplicate,
    /// White space that needs tidying.
    Format,
    /// Publication date or attribution missing.
    Metadata,
}

impl Category {
    /// The name used in rule files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Input => "input",
            Self::Noise => "noise",
            Self::Duplicate => "duplicate",
            Self::Format => "format",
            Self::Metadata => "metadata",
        }
    }

    /// Every category, in the order the engine runs them (metadata last: it looks past noise).
    pub const ALL: [Category; 5] = [
        Self::Input,
        Self::Noise,
        Self::Duplicate,
        Self::Format,
        Self::Metadata,
    ];
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth knowing; never fails a run by default.
    Info,
    /// Should be fixed; fails a run.
    Warning,
    /// Must be fixed; fails a run.
    Error,
}

impl Severity {
    /// The name used in rule files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// A secondary location that explains a finding (e.g. the first copy of a duplicate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The bytes the label points at.
    pub span: Span,
    /// What the label says.
    pub text: String,
}

/// One finding of one rule in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's id, e.g. `share-widget`.
    pub rule: String,
    /// The rule's category.
    pub category: Category,
    /// The finding's severity.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// The bytes the finding is about.
    pub span: Span,
    /// Text of the primary label, when the rule has more to say at the span.
    pub label: Option<String>,
    /// Secondary labels.
    pub related: Vec<Label>,
    /// How to fix it.
    pub help: String,
    /// The edits that fix it, when the rule offers a fix.
    pub fix: Option<Fix>,
}
