//! Placeholder: required attribution (being written).

use serde::Deserialize;

use super::{CompileError, Context, Finding};
use crate::metadata::Metadata;

/// The `[check]` table of a `required-attribution` rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RequiredAttributionConfig {}

/// A compiled `required-attribution` rule.
#[derive(Debug)]
pub struct RequiredAttributionCheck;

/// Compiles a `required-attribution` rule.
pub fn compile(
    _config: RequiredAttributionConfig,
) -> Result<RequiredAttributionCheck, CompileError> {
    Ok(RequiredAttributionCheck)
}

impl RequiredAttributionCheck {
    /// Finds the attribution, or flags its absence.
    pub fn check(&self, _ctx: &Context, _metadata: &mut Metadata) -> Vec<Finding> {
        Vec::new()
    }
}
