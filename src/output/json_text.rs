//! JSON strings and numbers written straight into a byte buffer, as `serde_json` writes them.
//!
//! A finding's object holds about twenty strings (path, rule, message, help, labels) and a
//! dozen numbers; `serde_json` escapes a string byte by byte through a table, while nearly all
//! of these bytes need no escape. Here eight bytes that need none are passed over at once.

/// Appends `text` as a JSON string with `serde_json`'s escapes: `\"`, `\\`, `\b`, `\f`, `\n`,
/// `\r`, `\t`, and `\u00XX` (lower-case hex) for the other control characters below 0x20.
pub(super) fn write_str(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let bytes = text.as_bytes();
    // Most strings need no escape at all: one pass without early exit, which the compiler
    // turns into vector instructions, tells, and such a string is copied whole (the chunked
    // scan below went byte by byte through the last few bytes, all of a short string).
    if !bytes
        .iter()
        .fold(false, |found, &byte| found | byte_needs_escape(byte))
    {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    // Bytes before `copied` are in `out`; bytes between it and `at` need no escape.
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let clean = bytes
            .get(at..at + 8)
            .and_then(|chunk| <[u8; 8]>::try_from(chunk).ok())
            .is_some_and(|chunk| !needs_escape(u64::from_le_bytes(chunk)));
        if clean {
            at += 8;
            continue;
        }
        // A chunk holding an escape, or the last few bytes: one byte at a time.
        let end = (at + 8).min(bytes.len());
        while at < end {
            if let Some(&byte) = bytes.get(at)
                && let Some(escape) = escape(byte)
            {
                out.extend_from_slice(bytes.get(copied..at).unwrap_or_default());
                write_escape(out, byte, escape);
                copied = at + 1;
            }
            at += 1;
        }
    }
    out.extend_from_slice(bytes.get(copied..).unwrap_or_default());
    out.push(b'"');
}

/// Appends `number` in decimal.
pub(super) fn write_number(out: &mut Vec<u8>, number: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = number;
    loop {
        start -= 1;
        if let Some(digit) = digits.get_mut(start) {
            *digit = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend_from_slice(digits.get(start..).unwrap_or_default());
}

/// True when one of the eight bytes of `chunk` is a quote, a backslash or below 0x20.
fn needs_escape(chunk: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    // Whether some byte of `word` is below `bound` (at most 0x80): subtracting the bound borrows
    // into the high bit of the lowest such byte, and of no byte when there is none; a byte whose
    // own high bit is set is masked out. Exact as a yes or no.
    let below = |word: u64, bound: u64| word.wrapping_sub(ONES * bound) & !word & HIGH_BITS != 0;
    below(chunk, 0x20)
        || below(chunk ^ (ONES * u64::from(b'"')), 1)
        || below(chunk ^ (ONES * u64::from(b'\\')), 1)
}

/// True when `serde_json` escapes `byte`: a quote, a backslash or a byte below 0x20.
fn byte_needs_escape(byte: u8) -> bool {
    (byte < 0x20) | (byte == b'"') | (byte == b'\\')
}

/// How `serde_json` escapes `byte`: the letter after the backslash (`u` for `\u00XX`), or
/// `None` when it writes the byte as it is.
fn escape(byte: u8) -> Option<u8> {
    match byte {
        b'"' => Some(b'"'),
        b'\\' => Some(b'\\'),
        0x08 => Some(b'b'),
        0x0c => Some(b'f'),
        b'\n' => Some(b'n'),
        b'\r' => Some(b'r'),
        b'\t' => Some(b't'),
        0x00..=0x1f => Some(b'u'),
        _ => None,
    }
}

/// Appends the escape of `byte`, whose letter is `escape`.
fn write_escape(out: &mut Vec<u8>, byte: u8, escape: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'\\');
    out.push(escape);
    if escape == b'u' {
        out.extend_from_slice(b"00");
        out.push(HEX[usize::from(byte >> 4)]);
        out.push(HEX[usize::from(byte & 0xf)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        let control: String = (0u8..0x20).map(char::from).collect();
        for text in [
            "",
            "plain",
            "exactly8",
            "a \"quoted\" word and a back\\slash, past eight bytes",
            "tab\there\nnew line\r\u{7f} and \u{1b}[0m",
            "Ünïcödé “quotes” — and 日本語 text\u{0}",
            control.as_str(),
        ] {
            let mut ours = Vec::new();
            write_str(&mut ours, text);
            let theirs = serde_json::to_vec(text).unwrap_or_default();
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs)
            );
        }
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for number in [0, 7, 10, 1_234_567, usize::MAX] {
            let mut ours = Vec::new();
            write_number(&mut ours, number);
            assert_eq!(ours, number.to_string().into_bytes());
        }
    }

    #[test]
    fn a_chunk_needs_an_escape_exactly_when_one_of_its_bytes_does() {
        for byte in 0..=u8::MAX {
            for place in 0..8 {
                let mut chunk = *b"abcdefgh";
                chunk[place] = byte;
                assert_eq!(
                    needs_escape(u64::from_le_bytes(chunk)),
                    escape(byte).is_some(),
                    "{byte:#x} at {place}"
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Any string, control characters, quotes and line separators included, comes out as
        /// `serde_json` writes it.
        #[test]
        fn any_string_is_written_as_serde_json_writes_it(
            text in "(?s).{0,40}|[\\x00-\\x7f\u{2028}\u{2029}\u{fffd}é]{0,40}"
        ) {
            let mut ours = Vec::new();
            write_str(&mut ours, &text);
            let theirs = serde_json::to_vec(&text).unwrap_or_default();
            proptest::prop_assert_eq!(ours, theirs);
        }
    }
}
