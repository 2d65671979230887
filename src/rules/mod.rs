//! The built-in rule kinds. A rule file names one kind and configures it with its `[check]`
//! table; this module is the registry: one enum variant and one match arm per kind.
//!
//! A kind sees a [`Context`] (the document, its layout, the spans the noise rules claimed, today's
//! date) and returns [`Finding`]s with byte spans; the engine in `lint.rs` turns them into
//! diagnostics with the rule's message, severity and help.

pub mod date_grammar;
pub mod duplicate;
mod forward;
pub mod input;
mod interleaved;
mod lazy_regex;
mod line_window;
mod literals;
pub mod menu_block;
mod metadata_text;
pub mod page_header;
pub mod pattern;
mod patterns;
mod prefilter;
pub mod required_attribution;
pub mod required_date;
pub mod selector;
#[cfg(test)]
pub(crate) mod test_context;
pub mod trailing_block;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::de::DeTable;

pub use patterns::MAX_PATTERNS;
pub(crate) use patterns::{PatternList, REGEX_DFA_SIZE_LIMIT, REGEX_SIZE_LIMIT, compile_patterns};

use crate::civil_date::CivilDate;
use crate::diagnostic::Label;
use crate::document::{Document, Span, SpanSet};
use crate::html::HtmlPage;
use crate::layout::Layout;
use crate::metadata::Metadata;

/// The name of a built-in kind, as written in a rule file's `kind` field. The order of the
/// variants is the order kinds run in within a category (the date before the attribution, which
/// looks next to the date line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KindName {
    /// Problems with the file itself: encoding, emptiness.
    Input,
    /// Regexes matched against lines, paragraphs or the whole text.
    Pattern,
    /// Runs of short, unpunctuated lines (menus, link lists).
    MenuBlock,
    /// The page header between the page title and the article's repeated title.
    PageHeader,
    /// A marker line that starts furniture running to the end of the document.
    TrailingBlock,
    /// Paragraphs that appear twice, exactly or nearly.
    Duplicate,
    /// A publication date must be present.
    RequiredDate,
    /// An attribution (author, source, agency) must be present.
    RequiredAttribution,
    /// CSS selectors that flag page furniture elements of HTML seeds.
    Selector,
}

/// When a rule file's regex lists compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compilation {
    /// All at load, so that a regex over the compiled-size limit is an error naming its rule
    /// file: for rule files a user supplies.
    Eager,
    /// Each on first use, unchecked: for the default rules, which are fixed at build time and
    /// which a test compiles in full. A pre-commit hook linting one file then compiles only the
    /// regexes that file's lines reach.
    Lazy,
}

/// A compiled kind configuration.
#[derive(Debug)]
pub enum Check {
    /// See [`input`].
    Input(input::InputCheck),
    /// See [`pattern`].
    Pattern(pattern::PatternCheck),
    /// See [`menu_block`].
    MenuBlock(menu_block::MenuBlockCheck),
    /// See [`page_header`].
    PageHeader(page_header::PageHeaderCheck),
    /// See [`trailing_block`].
    TrailingBlock(Box<trailing_block::TrailingBlockCheck>),
    /// See [`duplicate`].
    Duplicate(duplicate::DuplicateCheck),
    /// See [`required_date`].
    RequiredDate(required_date::RequiredDateCheck),
    /// See [`required_attribution`].
    RequiredAttribution(required_attribution::RequiredAttributionCheck),
    /// See [`selector`].
    Selector(selector::SelectorCheck),
}

/// Why a `[check]` table could not be compiled; `span` is a byte range of the rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// What is wrong.
    pub message: String,
    /// Where, in the rule file.
    pub span: Option<std::ops::Range<usize>>,
    /// How to fix it.
    pub help: Option<String>,
}

impl CompileError {
    /// An error at `span` of the rule file.
    pub fn at(message: impl Into<String>, span: std::ops::Range<usize>) -> Self {
        Self {
            message: message.into(),
            span: Some(span),
            help: None,
        }
    }
}

/// What every kind may look at.
#[derive(Debug)]
pub struct Context<'a> {
    /// The document being linted.
    pub doc: &'a Document,
    /// Where its article sits.
    pub layout: &'a Layout,
    /// Spans claimed by the noise rules so far.
    pub noise: &'a SpanSet,
    /// Today's date, the upper bound for publication dates.
    pub today: CivilDate,
    /// The page, when the document is an HTML page's derived text.
    pub html: Option<&'a HtmlPage>,
    /// What several rules derive from the document, computed once for all of them.
    pub shared: &'a Shared,
}

/// Values derived from one document that more than one rule reads, each computed the first
/// time a rule asks for it. One `Shared` belongs to one document.
#[derive(Debug, Default)]
pub struct Shared {
    /// The duplicate key of every paragraph, in document order (both duplicate rules use them).
    paragraph_keys: std::cell::OnceCell<Vec<duplicate::Key>>,
    /// Where a line may start in the text (every pattern rule searching the whole text with
    /// regexes that start lines tries them).
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// The page title and the article's heading, as each `page-header` configuration finds
    /// them (`page-header` and `page-title` are configured alike).
    page_headings: page_header::PageHeadings,
}

impl Context<'_> {
    /// True when `span` overlaps any noise span.
    pub fn in_noise(&self, span: Span) -> bool {
        self.noise.overlaps(span)
    }
}

/// One place a kind flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The bytes flagged.
    pub span: Span,
    /// Text for the primary label.
    pub label: Option<String>,
    /// Secondary labels.
    pub related: Vec<Label>,
    /// Replaces the rule's message when set.
    pub message: Option<String>,
    /// Added to the rule's help.
    pub note: Option<String>,
    /// The edits that fix the finding, when the kind knows better than the default (which
    /// deletes the lines a noise or duplicate finding covers).
    pub edits: Option<Vec<crate::fix::Edit>>,
    /// Why the fix is doubtful, when it is: a safe rule's fix becomes unsafe for this finding.
    pub doubt: Option<String>,
    /// The flagged element's span in an HTML seed's source, for kinds that flag markup.
    pub source_span: Option<Span>,
}

impl Finding {
    /// A finding at `span` with nothing more to say.
    pub fn new(span: Span) -> Self {
        Self {
            span,
            label: None,
            related: Vec::new(),
            message: None,
            note: None,
            edits: None,
            doubt: None,
            source_span: None,
        }
    }

    /// Marks the fix as doubtful (applied only with unsafe fixes), saying why.
    pub fn doubtful(mut self, why: impl Into<String>) -> Self {
        self.doubt = Some(why.into());
        self
    }

    /// Sets the primary label.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a secondary label.
    pub fn with_related(mut self, span: Span, text: impl Into<String>) -> Self {
        self.related.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    /// Replaces the rule's message.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// Sets the edits that fix the finding.
    pub fn with_edits(mut self, edits: Vec<crate::fix::Edit>) -> Self {
        self.edits = Some(edits);
        self
    }

    /// Adds a note to the rule's help.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

/// The `[check]` table of a rule file, parsed with the rest of the file (a file is parsed once):
/// a table holding that entry alone, whose spans point into the file.
#[derive(Debug)]
pub struct CheckTable<'i>(toml::Spanned<DeTable<'i>>);

impl<'i> CheckTable<'i> {
    /// Takes the `[check]` table out of a parsed rule file.
    pub fn take_from(file: &mut toml::Spanned<DeTable<'i>>) -> Self {
        let mut only = DeTable::new();
        if let Some((key, value)) = file.get_mut().remove_entry("check") {
            only.insert(key, value);
        }
        Self(toml::Spanned::new(file.span(), only))
    }
}

/// Reads the `[check]` table of a rule file into a kind's config, with spans into the file.
fn deserialize_check<T: DeserializeOwned + Default>(
    check: CheckTable<'_>,
) -> Result<T, CompileError> {
    #[derive(Deserialize)]
    struct CheckOnly<T> {
        #[serde(default)]
        check: T,
    }
    CheckOnly::<T>::deserialize(toml::de::Deserializer::from(check.0))
        .map(|only| only.check)
        .map_err(|error| CompileError {
            message: error.message().to_string(),
            span: error.span(),
            help: None,
        })
}

/// Reads the `[check]` table of a rule file's text (for tests of a kind's config).
#[cfg(test)]
fn parse_check<T: DeserializeOwned + Default>(text: &str) -> Result<T, CompileError> {
    let mut file = DeTable::parse(text).map_err(|error| CompileError {
        message: error.message().to_string(),
        span: error.span(),
        help: None,
    })?;
    deserialize_check(CheckTable::take_from(&mut file))
}

impl Check {
    /// Compiles the `[check]` table of a rule file of the given kind; `compilation` says when
    /// its regex lists compile.
    pub fn compile(
        kind: KindName,
        check: CheckTable<'_>,
        compilation: Compilation,
    ) -> Result<Self, CompileError> {
        Ok(match kind {
            KindName::Input => Self::Input(input::compile(deserialize_check(check)?)?),
            KindName::Pattern => {
                Self::Pattern(pattern::compile(deserialize_check(check)?, compilation)?)
            }
            KindName::MenuBlock => Self::MenuBlock(menu_block::compile(deserialize_check(check)?)?),
            KindName::PageHeader => {
                Self::PageHeader(page_header::compile(deserialize_check(check)?)?)
            }
            KindName::TrailingBlock => Self::TrailingBlock(Box::new(trailing_block::compile(
                deserialize_check(check)?,
                compilation,
            )?)),
            KindName::Duplicate => Self::Duplicate(duplicate::compile(deserialize_check(check)?)?),
            KindName::RequiredDate => Self::RequiredDate(required_date::compile(
                deserialize_check(check)?,
                compilation,
            )?),
            KindName::RequiredAttribution => Self::RequiredAttribution(
                required_attribution::compile(deserialize_check(check)?, compilation)?,
            ),
            KindName::Selector => Self::Selector(selector::compile(deserialize_check(check)?)?),
        })
    }

    /// Compiles now whatever regexes of the check compile on first use and are not compiled yet,
    /// so that a helper thread can compile them while the documents are read and linted; a
    /// search that needs one meanwhile compiles it or waits for it, whichever comes first.
    pub fn prepare(&self) {
        match self {
            Self::Pattern(check) => check.prepare(),
            Self::TrailingBlock(check) => check.prepare(),
            Self::RequiredDate(check) => check.prepare(),
            Self::RequiredAttribution(check) => check.prepare(),
            Self::Input(_)
            | Self::MenuBlock(_)
            | Self::PageHeader(_)
            | Self::Duplicate(_)
            | Self::Selector(_) => {}
        }
    }

    /// Runs the check; metadata kinds also record the value they found in `metadata`.
    pub fn run(&self, ctx: &Context, metadata: &mut Metadata) -> Vec<Finding> {
        match self {
            Self::Input(check) => check.check(ctx),
            Self::Pattern(check) => check.check(ctx),
            Self::MenuBlock(check) => check.check(ctx),
            Self::PageHeader(check) => check.check(ctx),
            Self::TrailingBlock(check) => check.check(ctx),
            Self::Duplicate(check) => check.check(ctx),
            Self::RequiredDate(check) => check.check(ctx, metadata),
            Self::RequiredAttribution(check) => check.check(ctx, metadata),
            Self::Selector(check) => check.check(ctx),
        }
    }
}

/// Where in the document a rule may fire, relative to the article's main run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Placement {
    /// Anywhere.
    #[default]
    Anywhere,
    /// Only before the main run.
    Head,
    /// Only after the main run.
    Tail,
    /// Before or after the main run, never inside it.
    OutsideBody,
    /// Inside or after the main run, never before it.
    BodyOrTail,
}

impl Placement {
    /// True when a line at `position` may be flagged.
    pub fn accepts(self, position: crate::layout::Position) -> bool {
        use crate::layout::Position;
        match self {
            Self::Anywhere => true,
            Self::Head => position == Position::Head,
            Self::Tail => position == Position::Tail,
            Self::OutsideBody => position != Position::Body,
            Self::BodyOrTail => position != Position::Head,
        }
    }
}
