//! Placeholder: required publication date (being written).

use serde::Deserialize;

use super::{CompileError, Context, Finding};
use crate::metadata::Metadata;

/// The `[check]` table of a `required-date` rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RequiredDateConfig {}

/// A compiled `required-date` rule.
#[derive(Debug)]
pub struct RequiredDateCheck;

/// Compiles a `required-date` rule.
pub fn compile(_config: RequiredDateConfig) -> Result<RequiredDateCheck, CompileError> {
    Ok(RequiredDateCheck)
}

impl RequiredDateCheck {
    /// Finds the publication date, or flags its absence.
    pub fn check(&self, _ctx: &Context, _metadata: &mut Metadata) -> Vec<Finding> {
        Vec::new()
    }
}
