//! Placeholder: duplicate paragraphs (being written).

use serde::Deserialize;

use super::{CompileError, Context, Finding};

/// The `[check]` table of a `duplicate` rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DuplicateConfig {}

/// A compiled `duplicate` rule.
#[derive(Debug)]
pub struct DuplicateCheck;

/// Compiles a `duplicate` rule.
pub fn compile(_config: DuplicateConfig) -> Result<DuplicateCheck, CompileError> {
    Ok(DuplicateCheck)
}

impl DuplicateCheck {
    /// Finds the later copies of duplicated paragraphs.
    pub fn check(&self, _ctx: &Context) -> Vec<Finding> {
        Vec::new()
    }
}
