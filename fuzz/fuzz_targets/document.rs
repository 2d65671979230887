//! Decoding any bytes gives a document whose text has the file's length, whose lines and
//! paragraphs lie on character boundaries, and which gives the bytes back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seedlint::document::{Document, Span};

fuzz_target!(|bytes: &[u8]| {
    let doc = Document::decode(bytes.to_vec());
    assert_eq!(doc.text().len(), bytes.len());
    assert_eq!(doc.original_bytes(), bytes);
    let on_boundaries = |span: Span| {
        span.start <= span.end
            && doc.text().is_char_boundary(span.start)
            && doc.text().is_char_boundary(span.end)
    };
    for line in doc.lines() {
        assert!(on_boundaries(line.span));
        assert!(line.span.end <= line.end_with_terminator);
        assert!(line.end_with_terminator <= doc.text().len());
    }
    for paragraph in doc.paragraphs() {
        assert!(on_boundaries(paragraph.span));
        assert!(paragraph.first_line <= paragraph.last_line);
    }
    let _ = doc.line_column(bytes.len());
});
