//! Rule files: the serde header every rule shares (id, kind, category, severity, message, help,
//! explanation, examples), compiled into a [`Rule`] with the kind's own `[check]` table, and
//! gathered into a [`RuleSet`] where later sources override earlier ones by id.
//!
//! Parsing happens in two steps so that errors point at the right bytes: the header is read with
//! unknown fields denied (the `[check]` table skipped), then the `[check]` table is read into the
//! kind's own strict config. Regexes compile here, once per run.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::IgnoredAny;
use toml::Spanned;
use toml::de::DeTable;

use crate::diagnostic::{Category, Severity};
use crate::error::RuleError;
use crate::fix::Applicability;
use crate::rules::{Check, CheckTable, Compilation, KindName};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// At most this many rule files in one source: rule files come from the repository being
/// linted, and each costs compile time.
pub const MAX_RULES_PER_SOURCE: usize = 1_000;

/// A rule's documentation under fixed headings, shown by `seedlint explain`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Explanation {
    /// What the rule flags.
    pub what: String,
    /// Why it hurts a seed.
    pub why: String,
}

/// Documents on which the rule must fire, and documents on which it must stay silent.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Examples {
    /// Each must give at least one finding.
    pub fire: Vec<String>,
    /// Each must give none.
    pub silent: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Header {
    id: Spanned<String>,
    kind: KindName,
    category: Category,
    severity: Severity,
    message: String,
    help: String,
    fix: Applicability,
    explain: Explanation,
    examples: Examples,
    /// Taken out before the header is read ([`CheckTable::take_from`]); named here so that the
    /// error for an unknown field lists `check` among the expected ones.
    #[serde(default, rename = "check")]
    _check: Option<IgnoredAny>,
}

/// One compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// Unique kebab-case id.
    pub id: String,
    /// The built-in kind the rule configures.
    pub kind: KindName,
    /// The rule's category.
    pub category: Category,
    /// The rule's severity.
    pub severity: Severity,
    /// What a finding says.
    pub message: String,
    /// How to fix a finding.
    pub help: String,
    /// Whether `--fix` may apply the rule's fix.
    pub fix: Applicability,
    /// The rule's documentation.
    pub explain: Explanation,
    /// The rule's own examples.
    pub examples: Examples,
    /// Where the rule came from (a path; `rules/…` for the defaults).
    pub source: String,
    /// The compiled check.
    pub check: Check,
}

impl Rule {
    /// Parses and compiles one rule file; `compilation` says when its regex lists compile.
    pub fn parse(path: &str, text: &str, compilation: Compilation) -> Result<Self, RuleError> {
        let invalid = |error: toml::de::Error| {
            RuleError::invalid(path, text, error.message(), error.span(), None)
        };
        let mut file = DeTable::parse(text).map_err(invalid)?;
        let check = CheckTable::take_from(&mut file);
        let header = Header::deserialize(toml::de::Deserializer::from(file)).map_err(invalid)?;
        let id_span = header.id.span();
        let id = header.id.into_inner();
        if !is_kebab_case(&id) {
            return Err(RuleError::invalid(
                path,
                text,
                format!("rule id `{id}` is not kebab-case"),
                Some(id_span),
                Some(
                    "use lower-case letters, digits and single hyphens, e.g. `share-widget`".into(),
                ),
            ));
        }
        let check = Check::compile(header.kind, check, compilation).map_err(|error| {
            RuleError::invalid(path, text, error.message, error.span, error.help)
        })?;
        Ok(Self {
            id,
            kind: header.kind,
            category: header.category,
            severity: header.severity,
            message: header.message,
            help: header.help,
            fix: header.fix,
            explain: header.explain,
            examples: header.examples,
            source: path.to_string(),
            check,
        })
    }
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A group of rule files read together: the defaults, or one `--rules` directory.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// Where the files come from, for messages.
    pub name: String,
    /// Each file as (path, text).
    pub files: Vec<(String, String)>,
    /// When the files' regex lists compile: eagerly, unless they are the default rules.
    pub compilation: Compilation,
}

impl RuleSource {
    /// The rules compiled into the binary, whose regexes compile on first use.
    pub fn builtin() -> Self {
        Self {
            name: "the default rules".into(),
            files: BUILTIN_RULES
                .iter()
                .map(|(path, text)| (path.to_string(), text.to_string()))
                .collect(),
            compilation: Compilation::Lazy,
        }
    }

    /// Rule files a user supplies, whose regexes compile when they load.
    pub fn user(name: String, files: Vec<(String, String)>) -> Self {
        Self {
            name,
            files,
            compilation: Compilation::Eager,
        }
    }
}

/// The rules of a run, in a stable order, with which of them are selected.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    enabled: Vec<bool>,
}

impl RuleSet {
    /// Compiles the sources in order; a rule in a later source replaces one with the same id.
    pub fn load(sources: &[RuleSource]) -> Result<Self, RuleError> {
        let mut rules: Vec<Rule> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        for source in sources {
            if source.files.len() > MAX_RULES_PER_SOURCE {
                return Err(RuleError::TooManyRules {
                    source_name: source.name.clone(),
                    count: source.files.len(),
                    limit: MAX_RULES_PER_SOURCE,
                });
            }
            let mut seen: HashMap<String, String> = HashMap::new();
            let parse =
                |(path, text): &(String, String)| Rule::parse(path, text, source.compilation);
            // Compiling regexes is most of loading a user's rules, so those files compile on all
            // cores; files whose regexes compile later parse on two threads, as a thread pool
            // would take longer to start. The first error in file order is the one reported.
            let parsed: Vec<Result<Rule, RuleError>> = match source.compilation {
                Compilation::Eager => source.files.par_iter().map(parse).collect(),
                Compilation::Lazy => parse_on_two_threads(&source.files, parse),
            };
            for ((path, _), rule) in source.files.iter().zip(parsed) {
                let rule = rule?;
                if let Some(first) = seen.insert(rule.id.clone(), path.clone()) {
                    return Err(RuleError::DuplicateId {
                        id: rule.id,
                        first,
                        second: path.clone(),
                    });
                }
                match by_id.get(&rule.id) {
                    Some(&index) => rules[index] = rule,
                    None => {
                        by_id.insert(rule.id.clone(), rules.len());
                        rules.push(rule);
                    }
                }
            }
        }
        rules.sort_by(|a, b| (a.category, a.kind, &a.id).cmp(&(b.category, b.kind, &b.id)));
        let enabled = vec![true; rules.len()];
        Ok(Self { rules, enabled })
    }

    /// The default rules alone.
    pub fn builtin() -> Result<Self, RuleError> {
        Self::load(&[RuleSource::builtin()])
    }

    /// Enables only the rules named by `select` (ids or categories; all when empty), then
    /// disables those named by `ignore`.
    pub fn select(&mut self, select: &[String], ignore: &[String]) -> Result<(), RuleError> {
        for name in select.iter().chain(ignore) {
            if !self.knows(name) {
                return Err(RuleError::UnknownSelector(name.clone()));
            }
        }
        for (rule, enabled) in self.rules.iter().zip(self.enabled.iter_mut()) {
            let selected = select.is_empty() || select.iter().any(|name| matches(rule, name));
            *enabled = selected && !ignore.iter().any(|name| matches(rule, name));
        }
        Ok(())
    }

    /// Replaces the severity of the rule `id`.
    pub fn set_severity(&mut self, id: &str, severity: Severity) -> Result<(), RuleError> {
        let rule = self.rules.iter_mut().find(|rule| rule.id == id);
        let rule = rule.ok_or_else(|| RuleError::UnknownSelector(id.to_string()))?;
        rule.severity = severity;
        Ok(())
    }

    /// True when a rule or category of this name exists.
    pub fn knows(&self, name: &str) -> bool {
        self.rules.iter().any(|rule| matches(rule, name))
    }

    /// All rules, in run order: by category, then kind, then id.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|rule| rule.id == id)
    }

    /// Compiles the regexes of the selected rules that compile on first use, last rule first:
    /// the linting threads need them in run order, so a helper thread compiling from the other
    /// end meets them in the middle instead of waiting on the same regex.
    pub fn prepare(&self) {
        let selected = self.rules.iter().zip(&self.enabled).filter(|(_, on)| **on);
        for (rule, _) in selected.rev() {
            rule.check.prepare();
        }
    }

    /// Each rule with whether it is selected.
    pub fn iter(&self) -> impl Iterator<Item = (&Rule, bool)> {
        self.rules.iter().zip(self.enabled.iter().copied())
    }
}

/// Parses every other file on a helper thread and the rest here, in file order: every run
/// parses the default rules before it can lint a file, and one thread starts in microseconds.
/// Alternating, rather than halving, splits neighbours, so two costly files next to each other
/// land on different threads. Without a helper thread all parse here.
fn parse_on_two_threads<T: Send>(
    files: &[(String, String)],
    parse: impl Fn(&(String, String)) -> T + Sync,
) -> Vec<T> {
    std::thread::scope(|scope| {
        let helper = std::thread::Builder::new().spawn_scoped(scope, || {
            files
                .iter()
                .skip(1)
                .step_by(2)
                .map(&parse)
                .collect::<Vec<T>>()
        });
        let even: Vec<T> = files.iter().step_by(2).map(&parse).collect();
        let odd: Vec<T> = match helper.map(|helper| helper.join()) {
            Ok(Ok(odd)) => odd,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(_) => files.iter().skip(1).step_by(2).map(&parse).collect(),
        };
        let mut odd = odd.into_iter();
        let mut parsed = Vec::with_capacity(files.len());
        for item in even {
            parsed.push(item);
            parsed.extend(odd.next());
        }
        parsed
    })
}

fn matches(rule: &Rule, name: &str) -> bool {
    rule.id == name || rule.category.as_str() == name
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default rules compile lazily and unchecked, which is safe only while each of their
    /// regex lists compiles within the size limits: compiling them all eagerly proves it.
    #[test]
    fn every_default_regex_list_compiles_within_the_size_limits() {
        let eager = RuleSource {
            compilation: Compilation::Eager,
            ..RuleSource::builtin()
        };
        let rules = RuleSet::load(&[eager]).unwrap_or_else(|error| panic!("{error:?}"));
        assert_eq!(rules.rules().len(), BUILTIN_RULES.len());
    }
}
