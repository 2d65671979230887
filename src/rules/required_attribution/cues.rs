//! The regexes of `required-attribution`, built once from the rule file: a name and a list of
//! names built from the particles and joiners, and around them the byline, label, staff, agency
//! and date-line shapes, plus the rule file's own credit, image, publisher and site patterns.
//! A user's rule file compiles them at load, so that an error names the file; the default rule
//! compiles each on first use.

use std::collections::HashSet;
use std::sync::OnceLock;

use toml::Spanned;

use super::RequiredAttributionConfig;
use super::gated::Gated;
use crate::rules::forward::Forward;
use crate::rules::lazy_regex::{Flags, LazyRegex, joined_superset};
use crate::rules::metadata_text::word_alternation;
use crate::rules::prefilter::Budget;
use crate::rules::{Compilation, CompileError};

/// What the line gate ([`Cues::line_gate`]) says of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineGate {
    /// No cue of a line and no publisher notice matches in it.
    Shut,
    /// One may match.
    Open,
    /// The gate was not asked, or gave up: anything may match.
    Unasked,
}

/// Regexes that match at most one shape each; `None` when the rule file gives no words for it.
#[derive(Debug)]
pub(super) struct Cues {
    pub(super) byline: Option<Gated>,
    pub(super) date_line_by: Option<Gated>,
    pub(super) date_line_after: Gated,
    pub(super) author_label: Option<LazyRegex>,
    pub(super) author_label_bare: Option<Gated>,
    pub(super) source_label: Option<LazyRegex>,
    pub(super) staff: Option<Gated>,
    pub(super) agency: Option<LazyRegex>,
    pub(super) prose_guard: Option<LazyRegex>,
    pub(super) credits: Vec<LazyRegex>,
    pub(super) image: Vec<LazyRegex>,
    pub(super) publisher: Vec<LazyRegex>,
    /// The forward DFA of one regex matching wherever one of `publisher` does, built on first
    /// use (`None` when there are fewer than two or they do not join): see
    /// [`Cues::any_publisher`].
    publisher_any: OnceLock<Option<Forward>>,
    /// The lines searched for a publisher notice before `publisher_any` is built.
    publisher_warm_up: Budget,
    pub(super) site_credit: Vec<LazyRegex>,
    /// One regex matching wherever a cue a line carries on its own, an image credit or a
    /// publisher notice may match, built on first use (`None` when the cues do not join): see
    /// [`Cues::line_gate`].
    line_gate: OnceLock<Option<Forward>>,
    /// The lines read before `line_gate` is built.
    line_gate_warm_up: Budget,
    pub(super) stop_words: HashSet<String>,
    /// The by-prefixes and author labels as the rule file writes them (those of several words
    /// also in lower case): a line that is only one of them names the author on the next line.
    pub(super) standalone: HashSet<String>,
    /// The length in bytes of the longest of `standalone`: a longer line is none of them, and
    /// needs no hash of its whole text to say so.
    pub(super) standalone_longest: usize,
}

impl Cues {
    /// The forward DFA of one regex that matches wherever one of the publisher regexes does.
    /// Those are searched only when a document shows no strong cue, but then on every line, one
    /// after the other; most lines hold no notice at all, which this one match test tells for
    /// all of them. Only whether it matches is asked, so the DFA alone serves, with a cache per
    /// thread (the whole regex has no literal prefilter here and ran the same DFA behind a
    /// shared cache pool). A short run (a pre-commit hook) does without it: compiling it costs
    /// more than it saves over a few documents.
    pub(super) fn any_publisher(&self) -> Option<&Forward> {
        if self.publisher_warm_up.spend() {
            return None;
        }
        self.publisher_any
            .get_or_init(|| Forward::new(&joined_superset(&self.publisher)?, Flags::default()))
            .as_ref()
    }

    /// What the line gate says of `line`: whether a regex of
    /// [`super::RequiredAttributionCheck::line_evidence`] (image credit, byline, label, bare
    /// label, staff or reporting credit) or a publisher notice may match in it. Each of those is
    /// a search of its own, a dozen a line, and most lines hold none of them, which one search
    /// of all of them joined tells; a document without a strong cue is then searched for
    /// notices only on the lines this gate left open. A short run (a pre-commit hook) does
    /// without it: compiling it costs more than it saves over a few documents.
    pub(super) fn line_gate(&self, line: &str) -> LineGate {
        if self.line_gate_warm_up.spend() {
            return LineGate::Unasked;
        }
        let gate = self.line_gate.get_or_init(|| {
            let gates = [&self.byline, &self.author_label_bare, &self.staff];
            let searched = [&self.author_label, &self.source_label];
            let regexes = (gates.into_iter().flatten().map(Gated::gate))
                .chain(searched.into_iter().flatten())
                .chain(&self.image)
                .chain(&self.credits)
                .chain(&self.publisher);
            // Only whether it matches is asked: the forward DFA alone compiles fastest.
            let joined = joined_superset(regexes)?;
            Forward::new(&joined, Flags::default())
        });
        // Without a gate, or when its DFA gives up, every line may hold a cue.
        match gate.as_ref().and_then(|gate| gate.is_match(line)) {
            Some(false) => LineGate::Shut,
            Some(true) => LineGate::Open,
            None => LineGate::Unasked,
        }
    }

    /// Compiles every regex that each line meets: the plain cues and the gates of the others.
    pub(super) fn prepare(&self) {
        let gated = [
            &self.byline,
            &self.date_line_by,
            &self.author_label_bare,
            &self.staff,
        ];
        gated.into_iter().flatten().for_each(Gated::prepare);
        self.date_line_after.prepare();
        let searched = [&self.author_label, &self.source_label, &self.agency];
        searched.into_iter().flatten().for_each(LazyRegex::prepare);
        let lists = [&self.credits, &self.image, &self.publisher];
        lists.into_iter().flatten().for_each(LazyRegex::prepare);
        // Only whether they match is asked of these.
        self.prose_guard.iter().for_each(LazyRegex::prepare_test);
        self.site_credit.iter().for_each(LazyRegex::prepare_test);
    }
}

/// A cue's regex (case-sensitive: names start with a capital), compiled now when `compilation`
/// is eager.
pub(super) fn build(source: &str, compilation: Compilation) -> Result<LazyRegex, CompileError> {
    let regex = LazyRegex::unchecked(source.to_string(), Flags::default());
    if compilation == Compilation::Eager {
        regex.compile_now().map_err(|error| CompileError {
            message: format!("an attribution cue does not compile: {error}"),
            span: None,
            help: Some("check the word lists of the `[check]` table".into()),
        })?;
    }
    Ok(regex)
}

/// Each regex of a list on its own (they may share group names), case-insensitively, compiled
/// now when `compilation` is eager.
fn each(
    patterns: &[Spanned<String>],
    compilation: Compilation,
) -> Result<Vec<LazyRegex>, CompileError> {
    let flags = Flags {
        ignore_case: true,
        multi_line: false,
    };
    patterns
        .iter()
        .map(|pattern| {
            let regex = LazyRegex::unchecked(pattern.get_ref().clone(), flags);
            if compilation == Compilation::Eager {
                regex.compile_now().map_err(|error| CompileError {
                    message: format!("invalid regex: {error}"),
                    span: Some(pattern.span()),
                    help: Some("regexes use the syntax of the Rust `regex` crate".into()),
                })?;
            }
            Ok(regex)
        })
        .collect()
}

/// Builds the cues of a `required-attribution` rule from its `[check]` table; `compilation`
/// says when they compile.
pub(super) fn compile(
    config: &RequiredAttributionConfig,
    compilation: Compilation,
) -> Result<Cues, CompileError> {
    // Names are case-sensitive (a capital starts each token); only the cue words ignore case.
    let token = r"\p{Lu}[\p{L}\p{M}'’.\-]*";
    let particles = word_alternation(&config.name_particles)
        .map_or_else(String::new, |p| format!(r"(?:(?:{p})[ \t]+)*"));
    let name = format!(r"{token}(?:[ \t]+{particles}{token}){{0,3}}");
    let joiners = word_alternation(&config.name_joiners).unwrap_or_else(|| ",".into());
    let joiner = format!(r"(?:\s*,\s*|\s+(?i:{joiners})\s+|\s*&\s*)");
    let list = format!(r"{name}(?:{joiner}{name})*");
    let end = r"\s*(?:$|[|,·•(/;]|[-–—]\s)";
    let optional = |part: Option<String>, make: &dyn Fn(String) -> String| {
        part.map(|words| build(&make(words), compilation))
            .transpose()
    };
    // A name cue's gate is its opening up to the name's first capital, or a word it requires.
    let gated =
        |part: Option<String>, gate: &dyn Fn(&str) -> String, cue: &dyn Fn(&str) -> String| {
            part.map(|words| Gated::new(&gate(&words), cue(&words), compilation))
                .transpose()
        };
    let standalone = standalone_cues(config);
    Ok(Cues {
        // A byline may open with dashes or bullets and go on after the names (`By Ann Lee
        // 11 February 2020`); a single-token name must end the line or a part of it.
        byline: gated(
            word_alternation(&config.by_prefixes),
            &|p| format!(r"^[^\p{{L}}\d]*(?i:{p})\s*:?\s+\p{{Lu}}"),
            &|p| format!(r"^[^\p{{L}}\d]*(?i:{p})\s*:?\s+(?P<name>{list})(?P<rest>.*)$"),
        )?,
        date_line_by: gated(
            word_alternation(&config.by_prefixes),
            &|p| format!(r"(?:^|[^\p{{L}}])(?i:{p})\s+\p{{Lu}}"),
            &|p| format!(r"(?:^|[^\p{{L}}])(?i:{p})\s+(?P<name>{name})"),
        )?,
        date_line_after: Gated::new(
            r"^\s*[|•·—–,]\s*\p{Lu}",
            format!(r"^\s*[|•·—–,]\s*(?P<name>{name}){end}"),
            compilation,
        )?,
        author_label: optional(word_alternation(&config.author_labels), &|l| {
            format!(r"^\s*(?i:{l})\s*:\s*(?P<name>.*)$")
        })?,
        author_label_bare: gated(
            word_alternation(&config.author_labels),
            &|l| format!(r"^\s*(?i:{l})\s+\p{{Lu}}"),
            &|l| format!(r"^\s*(?i:{l})\s+(?P<name>{list})\s*$"),
        )?,
        source_label: optional(word_alternation(&config.source_labels), &|l| {
            format!(r"^\s*(?i:{l})\s*:\s*(?P<name>.*)$")
        })?,
        staff: gated(
            word_alternation(&config.staff_titles),
            &|t| format!(r",\s*(?i:{t})"),
            &|t| format!(r"^\s*(?P<name>{name})\s*,\s*(?i:{t})"),
        )?,
        agency: optional(word_alternation(&config.agencies), &|a| {
            format!(r"\((?P<name>{a})(?:/[^)]{{1,20}})?\)")
        })?,
        prose_guard: optional(word_alternation(&config.prose_guard_words), &|g| {
            let p = word_alternation(&config.by_prefixes).unwrap_or_else(|| "by".into());
            format!(r"^\s*(?i:{p})\s+(?i:{g})\s")
        })?,
        credits: each(&config.credit_patterns, compilation)?,
        image: each(&config.image_credit_patterns, compilation)?,
        publisher: each(&config.publisher_patterns, compilation)?,
        publisher_any: OnceLock::new(),
        publisher_warm_up: Budget::default(),
        site_credit: each(&config.site_credit_patterns, compilation)?,
        line_gate: OnceLock::new(),
        line_gate_warm_up: Budget::default(),
        stop_words: config
            .name_stop_words
            .iter()
            .map(|w| w.to_lowercase())
            .collect(),
        standalone_longest: standalone.iter().map(String::len).max().unwrap_or(0),
        standalone,
    })
}

/// The by-prefixes and author labels a line may consist of. A one-word cue counts only as the
/// rule file writes it ("Von", "By"): in lower case it is as often the end of a form or a
/// dialog ("von" / "an" in an e-mail share box).
fn standalone_cues(config: &RequiredAttributionConfig) -> HashSet<String> {
    let cues = config.by_prefixes.iter().chain(&config.author_labels);
    cues.flat_map(|cue| {
        let lower = cue.contains(' ').then(|| cue.to_lowercase());
        std::iter::once(cue.clone()).chain(lower)
    })
    .collect()
}
