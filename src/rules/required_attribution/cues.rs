//! The regexes of `required-attribution`, compiled once from the rule file: a name and a list of
//! names built from the particles and joiners, and around them the byline, label, staff, agency
//! and date-line shapes, plus the rule file's own credit, image, publisher and site patterns.

use std::collections::HashSet;

use rayon::prelude::*;
use toml::Spanned;

use super::RequiredAttributionConfig;
use crate::rules::CompileError;
use crate::rules::metadata_text::word_alternation;

/// Regexes that match at most one shape each; `None` when the rule file gives no words for it.
#[derive(Debug)]
pub(super) struct Cues {
    pub(super) byline: Option<regex::Regex>,
    pub(super) date_line_by: Option<regex::Regex>,
    pub(super) date_line_after: regex::Regex,
    pub(super) author_label: Option<regex::Regex>,
    pub(super) author_label_bare: Option<regex::Regex>,
    pub(super) source_label: Option<regex::Regex>,
    pub(super) staff: Option<regex::Regex>,
    pub(super) agency: Option<regex::Regex>,
    pub(super) prose_guard: Option<regex::Regex>,
    pub(super) credits: Vec<regex::Regex>,
    pub(super) image: Vec<regex::Regex>,
    pub(super) publisher: Vec<regex::Regex>,
    pub(super) site_credit: Vec<regex::Regex>,
    pub(super) stop_words: HashSet<String>,
}

fn build(source: &str) -> Result<regex::Regex, CompileError> {
    regex::Regex::new(source).map_err(|error| CompileError {
        message: format!("an attribution cue does not compile: {error}"),
        span: None,
        help: Some("check the word lists of the `[check]` table".into()),
    })
}

/// An error that only a bug in this module can cause.
fn internal(message: &str) -> CompileError {
    CompileError {
        message: message.into(),
        span: None,
        help: None,
    }
}

/// Compiles each regex of a list on its own (they may share group names), case-insensitively.
fn each(patterns: &[Spanned<String>]) -> Result<Vec<regex::Regex>, CompileError> {
    patterns
        .iter()
        .map(|pattern| {
            regex::RegexBuilder::new(pattern.get_ref())
                .case_insensitive(true)
                .build()
                .map_err(|error| CompileError {
                    message: format!("invalid regex: {error}"),
                    span: Some(pattern.span()),
                    help: Some("regexes use the syntax of the Rust `regex` crate".into()),
                })
        })
        .collect()
}

/// Compiles the cues of a `required-attribution` rule from its `[check]` table.
pub(super) fn compile(config: &RequiredAttributionConfig) -> Result<Cues, CompileError> {
    // Names are case-sensitive (a capital starts each token); only the cue words ignore case.
    let token = r"\p{Lu}[\p{L}\p{M}'’.\-]*";
    let particles = word_alternation(&config.name_particles)
        .map_or_else(String::new, |p| format!(r"(?:(?:{p})[ \t]+)*"));
    let name = format!(r"{token}(?:[ \t]+{particles}{token}){{0,3}}");
    let joiners = word_alternation(&config.name_joiners).unwrap_or_else(|| ",".into());
    let joiner = format!(r"(?:\s*,\s*|\s+(?i:{joiners})\s+|\s*&\s*)");
    let list = format!(r"{name}(?:{joiner}{name})*");
    let end = r"\s*(?:$|[|,·•(/;]|[-–—]\s)";
    let source =
        |words: &[String], make: &dyn Fn(String) -> String| word_alternation(words).map(make);
    // The single regexes, in the order their errors are reported.
    let singles = [
        // A byline may open with dashes or bullets and go on after the names (`By Ann Lee
        // 11 February 2020`); a single-token name must end the line or a part of it.
        source(&config.by_prefixes, &|p| {
            format!(r"^[^\p{{L}}\d]*(?i:{p})\s*:?\s+(?P<name>{list})(?P<rest>.*)$")
        }),
        source(&config.by_prefixes, &|p| {
            format!(r"(?:^|[^\p{{L}}])(?i:{p})\s+(?P<name>{name})")
        }),
        Some(format!(r"^\s*[|•·—–,]\s*(?P<name>{name}){end}")),
        source(&config.author_labels, &|l| {
            format!(r"^\s*(?i:{l})\s*:\s*(?P<name>.*)$")
        }),
        source(&config.author_labels, &|l| {
            format!(r"^\s*(?i:{l})\s+(?P<name>{list})\s*$")
        }),
        source(&config.source_labels, &|l| {
            format!(r"^\s*(?i:{l})\s*:\s*(?P<name>.*)$")
        }),
        source(&config.staff_titles, &|t| {
            format!(r"^\s*(?P<name>{name})\s*,\s*(?i:{t})")
        }),
        source(&config.agencies, &|a| {
            format!(r"\((?P<name>{a})(?:/[^)]{{1,20}})?\)")
        }),
        source(&config.prose_guard_words, &|g| {
            let p = word_alternation(&config.by_prefixes).unwrap_or_else(|| "by".into());
            format!(r"^\s*(?i:{p})\s+(?i:{g})\s")
        }),
    ];
    // The name shapes (Unicode letter classes, repeated) make these the costliest regexes of the
    // rule: they compile side by side, and beside the rule file's own lists, so that a short
    // run's start-up does not wait on them one after the other.
    let (singles, lists) = rayon::join(
        || {
            singles
                .into_par_iter()
                .map(|source| source.map(|source| build(&source)).transpose())
                .collect::<Vec<_>>()
        },
        || {
            (
                each(&config.credit_patterns),
                each(&config.image_credit_patterns),
                each(&config.publisher_patterns),
                each(&config.site_credit_patterns),
            )
        },
    );
    let Ok(
        [
            byline,
            date_line_by,
            date_line_after,
            author_label,
            author_label_bare,
            source_label,
            staff,
            agency,
            prose_guard,
        ],
    ) = <[_; 9]>::try_from(singles)
    else {
        return Err(internal("the cue list changed length"));
    };
    let (credits, image, publisher, site_credit) = lists;
    Ok(Cues {
        byline: byline?,
        date_line_by: date_line_by?,
        date_line_after: date_line_after?.ok_or_else(|| internal("no date-line regex"))?,
        author_label: author_label?,
        author_label_bare: author_label_bare?,
        source_label: source_label?,
        staff: staff?,
        agency: agency?,
        prose_guard: prose_guard?,
        credits: credits?,
        image: image?,
        publisher: publisher?,
        site_credit: site_credit?,
        stop_words: config
            .name_stop_words
            .iter()
            .map(|w| w.to_lowercase())
            .collect(),
    })
}
