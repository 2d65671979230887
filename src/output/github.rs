//! The GitHub Actions format: one workflow command per finding, which GitHub shows as an
//! annotation on the file (`::warning file=…,line=…,col=…,endLine=…,title=…::message`), and
//! the rows of a Markdown table for `$GITHUB_STEP_SUMMARY`, since GitHub shows only ten
//! annotations of each kind per step.

use std::io::{self, Write};

use super::FileReport;
use crate::diagnostic::Severity;

/// The heading and header of the step-summary table.
pub const SUMMARY_HEADER: &str =
    "## seedlint\n\n| File | Line | Rule | Severity | Message |\n|---|---|---|---|---|\n";

/// Escapes the message part of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Writes one workflow command per finding.
pub fn write(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    for diagnostic in report.diagnostics {
        let (line, column) = report.document.line_column(diagnostic.span.start);
        let (end_line, end_column) = report.document.line_column(diagnostic.span.end);
        let level = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{level} file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{}",
            escape_property(report.path),
            escape_property(&format!("seedlint {}", diagnostic.rule)),
            escape_data(&format!("{} ({})", diagnostic.message, diagnostic.help)),
        )?;
    }
    Ok(())
}

/// The step-summary table rows of one file's findings.
pub fn summary_rows(report: &FileReport) -> Vec<u8> {
    let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
    let mut rows = String::new();
    for diagnostic in report.diagnostics {
        let (line, _) = report.document.line_column(diagnostic.span.start);
        rows.push_str(&format!(
            "| {} | {line} | `{}` | {} | {} |\n",
            cell(report.path),
            diagnostic.rule,
            diagnostic.severity.as_str(),
            cell(&diagnostic.message)
        ));
    }
    rows.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_escape_separators_and_data_escapes_newlines() {
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
        assert_eq!(escape_data("one\ntwo"), "one%0Atwo");
    }
}
