//! The SARIF 2.1.0 format: one log with one run; `tool.driver.rules` carries every rule's id,
//! description and help, and each result its rule, level, message and region (1-based lines,
//! columns in Unicode code points, byte offsets).

use std::io::{self, Write};

use serde_json::json;

use super::{FileReport, Frame};
use crate::diagnostic::Severity;
use crate::rule::RuleSet;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The log up to the opening of the results array.
pub fn frame(rules: &RuleSet) -> Frame {
    let descriptors: Vec<serde_json::Value> = rules
        .rules()
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "shortDescription": {"text": rule.message},
                "fullDescription": {"text": rule.explain.what.trim()},
                "help": {"text": format!("{}\n\n{}", rule.help, rule.explain.why.trim())},
                "defaultConfiguration": {"level": level(rule.severity)},
                "properties": {"category": rule.category.as_str()},
            })
        })
        .collect();
    let driver = json!({
        "name": "seedlint",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": descriptors,
    });
    let open = format!(
        "{{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\
         \"runs\":[{{\"tool\":{{\"driver\":{driver}}},\"columnKind\":\"unicodeCodePoints\",\
         \"results\":["
    );
    Frame {
        open,
        first: "\n",
        between: ",\n",
        close: "\n]}]}\n",
        close_empty: "]}]}\n",
    }
}

/// Writes one result per finding, separated by commas.
pub fn write(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    for (index, diagnostic) in report.diagnostics.iter().enumerate() {
        if index > 0 {
            out.write_all(b",\n")?;
        }
        let (line, column) = report.document.line_column(diagnostic.span.start);
        let (end_line, end_column) = report.document.line_column(diagnostic.span.end);
        let result = json!({
            "ruleId": diagnostic.rule,
            "level": level(diagnostic.severity),
            "message": {"text": format!("{} ({})", diagnostic.message, diagnostic.help)},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": report.path.replace('\\', "/")},
                "region": {
                    "startLine": line,
                    "startColumn": column,
                    "endLine": end_line,
                    "endColumn": end_column,
                    "byteOffset": diagnostic.span.start,
                    "byteLength": diagnostic.span.len(),
                },
            }}],
        });
        serde_json::to_writer(&mut *out, &result)?;
    }
    Ok(())
}
