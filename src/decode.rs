//! Bytes to text: which files are binary, and how bytes that are not UTF-8 become text whose
//! offsets are still file offsets.
//!
//! Invariant: the decoded text has exactly as many bytes as the file, byte for byte equal
//! except that each byte of an invalid UTF-8 sequence is `?`; so a span into the text is a span
//! into the file.

use crate::document::Span;

/// How far into a file a NUL byte marks it as binary.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// The byte order marks of UTF-16 (little- and big-endian).
const UTF16_BOMS: [&[u8]; 2] = [b"\xff\xfe", b"\xfe\xff"];

/// What replaces each byte that is not UTF-8, so that every offset stays a file offset.
const SUBSTITUTE: u8 = b'?';

/// A file whose bytes are not UTF-8. Its text is the bytes with every invalid byte replaced by
/// `?` (one byte for one byte, so spans are still file offsets); the original bytes are kept so
/// that they can be given back unchanged, and such a document is never fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undecodable {
    /// Not valid UTF-8; `first` covers the first invalid byte sequence.
    InvalidUtf8 {
        /// The first invalid sequence.
        first: Span,
        /// How many bytes were replaced.
        replaced: usize,
        /// The file's bytes.
        bytes: Vec<u8>,
    },
    /// UTF-16 with a byte order mark: not decoded (spans into the decoded text would not be
    /// file offsets), only reported.
    Utf16 {
        /// The byte order mark.
        bom: Span,
        /// The file's bytes.
        bytes: Vec<u8>,
    },
}

/// The offset of a NUL byte in the first 8 KiB, which marks `bytes` as binary; UTF-16 text
/// with a byte order mark is not binary.
pub fn binary_marker(bytes: &[u8]) -> Option<usize> {
    if starts_with_utf16_bom(bytes) {
        return None;
    }
    let head = bytes.get(..BINARY_SNIFF_BYTES).unwrap_or(bytes);
    memchr::memchr(0, head)
}

fn starts_with_utf16_bom(bytes: &[u8]) -> bool {
    UTF16_BOMS.iter().any(|bom| bytes.starts_with(bom))
}

/// `bytes` with every byte of an invalid UTF-8 sequence replaced by [`SUBSTITUTE`], the span of
/// the first such sequence and the number of bytes replaced.
fn substitute_invalid(mut bytes: Vec<u8>) -> (String, Span, usize) {
    let mut first = None;
    let mut replaced = 0;
    let mut start = 0;
    while let Some(rest) = bytes.get(start..) {
        let Err(error) = std::str::from_utf8(rest) else {
            break;
        };
        let at = start + error.valid_up_to();
        let len = error
            .error_len()
            .unwrap_or(rest.len() - error.valid_up_to());
        for byte in bytes.iter_mut().skip(at).take(len) {
            *byte = SUBSTITUTE;
        }
        first.get_or_insert(Span::new(at, at + len));
        replaced += len;
        start = at + len;
    }
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    (text, first.unwrap_or_default(), replaced)
}

/// The text of `bytes`, and how they failed to decode when they did.
pub(crate) fn decode(bytes: Vec<u8>) -> (String, Option<Undecodable>) {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return (text, None),
        Err(error) => error.into_bytes(),
    };
    let utf16 = starts_with_utf16_bom(&bytes);
    let (text, first, replaced) = substitute_invalid(bytes.clone());
    let undecodable = if utf16 {
        Undecodable::Utf16 {
            bom: Span::new(0, 2),
            bytes,
        }
    } else {
        Undecodable::InvalidUtf8 {
            first,
            replaced,
            bytes,
        }
    };
    (text, Some(undecodable))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    #[test]
    fn invalid_utf8_keeps_offsets_and_bytes() {
        let bytes = b"a\nok \xff\xfe then \xc3(".to_vec();
        let doc = Document::decode(bytes.clone());
        assert_eq!(doc.text(), "a\nok ?? then ?(");
        assert_eq!(doc.original_bytes(), bytes.as_slice());
        let Some(Undecodable::InvalidUtf8 {
            first, replaced, ..
        }) = doc.undecodable()
        else {
            panic!("not flagged: {:?}", doc.undecodable());
        };
        assert_eq!((*first, *replaced), (Span::new(5, 6), 3));
        assert_eq!(doc.line_column(first.start), (2, 4));
    }

    #[test]
    fn truncated_sequence_at_the_end_is_replaced() {
        let doc = Document::decode(b"caf\xc3".to_vec());
        assert_eq!(doc.text(), "caf?");
    }

    #[test]
    fn utf16_with_bom_is_flagged_not_decoded() {
        let doc = Document::decode(b"\xff\xfeH\x00i\x00".to_vec());
        assert!(matches!(doc.undecodable(), Some(Undecodable::Utf16 { .. })));
        assert_eq!(doc.text().len(), 6);
        assert_eq!(binary_marker(b"\xff\xfeH\x00i\x00"), None);
    }

    #[test]
    fn nul_in_the_head_marks_binary() {
        assert_eq!(binary_marker(b"PK\x03\x04\x00"), Some(4));
        let mut late = vec![b'a'; BINARY_SNIFF_BYTES];
        late.push(0);
        assert_eq!(binary_marker(&late), None);
    }
}
