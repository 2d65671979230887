//! The JUnit XML format: one `<testsuite>` per file, one failing `<testcase>` per finding, and a
//! passing test case for a clean file, so CI systems show seeds as tests.

use std::io::{self, Write};

use super::{FileReport, Frame};

/// The XML declaration and the `<testsuites>` element around the files.
pub fn frame() -> Frame {
    Frame {
        open: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"seedlint\">".into(),
        first: "\n",
        between: "\n",
        close: "\n</testsuites>\n",
        close_empty: "\n</testsuites>\n",
    }
}

/// Escapes text for an XML attribute or element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// Writes the file's test suite.
pub fn write(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    let path = escape(report.path);
    let failures = report.diagnostics.len();
    writeln!(
        out,
        "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
        failures.max(1)
    )?;
    if failures == 0 {
        writeln!(
            out,
            "    <testcase name=\"seedlint\" classname=\"{path}\"/>"
        )?;
    }
    for diagnostic in report.diagnostics {
        let (line, column) = report.document.line_column(diagnostic.span.start);
        let rule = escape(&diagnostic.rule);
        writeln!(
            out,
            "    <testcase name=\"{rule} at line {line}\" classname=\"{path}\">\n      \
             <failure message=\"{}\" type=\"{}\">{path}:{line}:{column}: {} ({})</failure>\n    \
             </testcase>",
            escape(&diagnostic.message),
            diagnostic.severity.as_str(),
            escape(&diagnostic.message),
            escape(&diagnostic.help),
        )?;
    }
    write!(out, "  </testsuite>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_characters() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
