//! The concise format: `path:line:col: severity[rule] message`, one finding a line.

use std::io::{self, Write};

use super::FileReport;

/// Writes one line per finding.
pub fn write(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    for diagnostic in report.diagnostics {
        let (line, column) = report.document.line_column(diagnostic.span.start);
        writeln!(
            out,
            "{}:{line}:{column}: {}[{}] {}",
            report.path,
            diagnostic.severity.as_str(),
            diagnostic.rule,
            diagnostic.message
        )?;
    }
    Ok(())
}

/// Writes, per file, the date and attribution found and where.
pub fn write_metadata(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    let date = match &report.metadata.date {
        Some(date) => format!("{} (line {}: “{}”)", date.iso, date.line, date.raw),
        None => "none found".to_string(),
    };
    let attribution = match &report.metadata.attribution {
        Some(found) => format!("{} “{}” (line {})", found.kind, found.name, found.line),
        None => "none found".to_string(),
    };
    writeln!(
        out,
        "{}\n  date: {date}\n  attribution: {attribution}",
        report.path
    )
}
