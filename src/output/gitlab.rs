//! The GitLab Code Quality format: a JSON array of issues with a description, the rule as
//! `check_name`, a stable fingerprint, a severity and the location's lines.

use std::io::{self, Write};

use serde_json::json;

use super::FileReport;
use crate::diagnostic::Severity;
use crate::fingerprint::fingerprint;

/// Writes one issue per finding, separated by commas.
pub fn write(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    for (index, diagnostic) in report.diagnostics.iter().enumerate() {
        if index > 0 {
            out.write_all(b",\n")?;
        }
        let (begin, _) = report.document.line_column(diagnostic.span.start);
        let (end, _) = report.document.line_column(diagnostic.span.end);
        let flagged = report.document.slice(diagnostic.span);
        let severity = match diagnostic.severity {
            Severity::Error => "major",
            Severity::Warning => "minor",
            Severity::Info => "info",
        };
        let issue = json!({
            "description": format!("{}: {}", diagnostic.rule, diagnostic.message),
            "check_name": diagnostic.rule,
            "fingerprint": fingerprint(report.path, &diagnostic.rule, flagged),
            "severity": severity,
            "location": {"path": report.path, "lines": {"begin": begin, "end": end}},
        });
        out.write_all(b"  ")?;
        serde_json::to_writer(&mut *out, &issue)?;
    }
    Ok(())
}
