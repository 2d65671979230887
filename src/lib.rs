//! seedlint: a linter for seeds, source documents scraped from the web and kept as text.
//!
//! Data flows one way: bytes → [`document::Document`] (text, lines, paragraphs, spans) →
//! [`lint::lint`] runs the rules of a [`rule::RuleSet`] (data files compiled into built-in
//! kinds) → [`diagnostic::Diagnostic`]s and [`metadata::Metadata`] → [`output`] renders them.
//! The library does no I/O: callers hand it text and a writer.

pub mod autofix;
pub mod baseline;
pub mod civil_date;
pub mod config;
pub mod decode;
pub mod diagnostic;
pub mod document;
pub mod error;
pub mod examples;
pub mod fingerprint;
pub mod fix;
pub mod html;
pub mod layout;
pub mod lint;
pub mod metadata;
pub mod output;
pub mod rule;
pub mod rules;
pub mod suppress;
pub mod text;
