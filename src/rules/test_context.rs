//! The context most rule tests run a check in: a document alone, with no noise found yet, no
//! HTML page and a fixed day, so that a test states only what it is about.

use super::{Context, Shared};
use crate::civil_date::CivilDate;
use crate::document::{Document, SpanSet};
use crate::layout::Layout;

/// Runs `test` with the plain context of `doc` (see the module's comment).
pub(crate) fn with_plain_context<R>(doc: &Document, test: impl FnOnce(&Context) -> R) -> R {
    let layout = Layout::of(doc);
    let ctx = Context {
        doc,
        layout: &layout,
        noise: &SpanSet::default(),
        today: CivilDate::from_unix_days(20_000),
        html: None,
        shared: &Shared::default(),
    };
    test(&ctx)
}
