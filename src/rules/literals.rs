//! The literals a regex cannot match without: a set of strings at least one of which occurs in
//! every match, found on the regex's syntax tree. A search for them ([`super::prefilter`]) tells
//! which lines a regex may match, so that the regex is compiled and run only on those.
//!
//! The answer may only ever err on the side of "maybe": assertions (`^`, `\b`) are read as the
//! empty string, which allows more matches, never fewer; a part that could match too many
//! strings (a large class, an unbounded repetition) gives no literal, and a regex that has no
//! literal set at all is run on every line.

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

/// A set of literals, as UTF-8 (or, under `(?-u)`, raw) bytes.
pub(crate) type Literals = Vec<Vec<u8>>;

/// At most this many literals in one set: more cost more to search for than they save.
const MAX_LITERALS: usize = 128;

/// A class of at most this many characters counts as its characters (`[Ss]`, `[eé]`, `[:：]`).
const MAX_CLASS_CHARS: u32 = 8;

/// A bounded repetition is spelled out up to this many copies (`s?`, `\.{3}`).
const MAX_REPEAT: u32 = 3;

/// Literals are cut to this many bytes: a longer literal is hardly rarer in text, and cut
/// ones merge ("related article", "related news": "related "). A prefix of a required literal
/// is required.
const MAX_LITERAL_BYTES: usize = 8;

/// A case-insensitive literal is searched for in at most this many spellings; a longer one is
/// cut to the longest part that has no more (a substring of a required literal is required).
const MAX_SPELLINGS: usize = 8;

/// A set of literals, one of which occurs in every match of `hir`; `None` when there is none
/// worth searching for (a match may be empty, or made only of large classes).
pub(crate) fn required(hir: &Hir) -> Option<Literals> {
    required_in_full(hir).map(|set| {
        let cut = set
            .into_iter()
            .map(|literal| prefix(literal, MAX_LITERAL_BYTES));
        let mut cut: Literals = cut.collect();
        cut.sort_unstable();
        cut.dedup();
        without_redundant(cut)
    })
}

/// `set` without the literals that hold another one of the set: wherever they occur, the
/// shorter one does too.
fn without_redundant(set: Literals) -> Literals {
    set.iter()
        .filter(|literal| {
            !set.iter().any(|other| {
                !other.is_empty()
                    && other.len() < literal.len()
                    && literal
                        .windows(other.len())
                        .any(|window| window == other.as_slice())
            })
        })
        .cloned()
        .collect()
}

/// `literal` cut to at most `max` bytes, on a character boundary when it is UTF-8.
fn prefix(mut literal: Vec<u8>, max: usize) -> Vec<u8> {
    let end = match std::str::from_utf8(&literal) {
        Ok(text) => (0..=max.min(text.len()))
            .rev()
            .find(|&end| text.is_char_boundary(end))
            .unwrap_or(0),
        Err(_) => max.min(literal.len()),
    };
    literal.truncate(end);
    literal
}

/// [`required`] before the literals are cut.
fn required_in_full(hir: &Hir) -> Option<Literals> {
    if let Some(all) = language(hir) {
        return useful(all);
    }
    match hir.kind() {
        HirKind::Capture(capture) => required_in_full(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min > 0 => required_in_full(&repetition.sub),
        HirKind::Alternation(branches) => {
            let mut union = Vec::new();
            for branch in branches {
                union.extend(required_in_full(branch)?);
                union.sort_unstable();
                union.dedup();
                if union.len() > MAX_LITERALS {
                    return None;
                }
            }
            useful(union)
        }
        HirKind::Concat(parts) => most_selective(concat_candidates(parts)),
        _ => None,
    }
}

/// Every string `hir` matches when that is a small finite set (assertions read as the empty
/// string); `None` otherwise.
fn language(hir: &Hir) -> Option<Literals> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![Vec::new()]),
        HirKind::Literal(literal) => Some(vec![literal.0.to_vec()]),
        HirKind::Class(class) => class_members(class),
        HirKind::Capture(capture) => language(&capture.sub),
        HirKind::Repetition(repetition) => {
            let max = repetition.max.filter(|&max| max <= MAX_REPEAT)?;
            let one = language(&repetition.sub)?;
            let mut all = Vec::new();
            let mut power = vec![Vec::new()];
            for copies in 0..=max {
                if copies > 0 {
                    power = product(&power, &one)?;
                }
                if copies >= repetition.min {
                    all.extend(power.iter().cloned());
                }
            }
            bounded(all)
        }
        HirKind::Concat(parts) => parts.iter().try_fold(vec![Vec::new()], |all, part| {
            product(&all, &language(part)?)
        }),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(language(branch)?);
                if all.len() > MAX_LITERALS {
                    return None;
                }
            }
            bounded(all)
        }
    }
}

/// The characters (or bytes) of a small class, each a literal.
fn class_members(class: &Class) -> Option<Literals> {
    match class {
        Class::Unicode(class) => members(
            class
                .ranges()
                .iter()
                .map(|r| (u32::from(r.start()), u32::from(r.end()))),
            |code| char::from_u32(code).map(|c| c.to_string().into_bytes()),
        ),
        Class::Bytes(class) => members(
            class
                .ranges()
                .iter()
                .map(|r| (u32::from(r.start()), u32::from(r.end()))),
            |code| u8::try_from(code).ok().map(|byte| vec![byte]),
        ),
    }
}

/// Every code point of `ranges` encoded as a literal, when there are at most
/// `MAX_CLASS_CHARS` of them.
fn members(
    ranges: impl Iterator<Item = (u32, u32)> + Clone,
    encode: impl Fn(u32) -> Option<Vec<u8>>,
) -> Option<Literals> {
    let size: u32 = ranges.clone().map(|(start, end)| end - start + 1).sum();
    (size <= MAX_CLASS_CHARS).then(|| {
        ranges
            .flat_map(|(start, end)| start..=end)
            .filter_map(encode)
            .collect()
    })
}

/// Each literal of `left` followed by each of `right`, if that is not too many.
fn product(left: &Literals, right: &Literals) -> Option<Literals> {
    if left.len().saturating_mul(right.len()) > MAX_LITERALS {
        return None;
    }
    let joined = left
        .iter()
        .flat_map(|head| {
            right.iter().map(move |tail| {
                let mut literal = head.clone();
                literal.extend_from_slice(tail);
                literal
            })
        })
        .collect();
    bounded(joined)
}

/// `all` without duplicates, if that is not too many.
fn bounded(mut all: Literals) -> Option<Literals> {
    all.sort_unstable();
    all.dedup();
    (all.len() <= MAX_LITERALS).then_some(all)
}

/// `set` when it can tell lines apart: not empty, and without the empty literal (which occurs
/// everywhere).
fn useful(set: Literals) -> Option<Literals> {
    (!set.is_empty() && set.iter().all(|literal| !literal.is_empty())).then_some(set)
}

/// The literal sets a concatenation requires: the spelled-out product of each run of parts
/// with a small finite language, and what each other part requires.
fn concat_candidates(parts: &[Hir]) -> Vec<Literals> {
    let mut candidates = Vec::new();
    let mut run = vec![Vec::new()];
    for part in parts {
        match language(part) {
            Some(part_language) => match product(&run, &part_language) {
                Some(longer) => run = longer,
                None => candidates.push(std::mem::replace(&mut run, part_language)),
            },
            None => {
                candidates.push(std::mem::replace(&mut run, vec![Vec::new()]));
                candidates.extend(required_in_full(part));
            }
        }
    }
    candidates.push(run);
    candidates
}

/// The candidate whose shortest literal is longest (the rarest in text, as far as literals are
/// not cut), then the smallest.
fn most_selective(candidates: Vec<Literals>) -> Option<Literals> {
    candidates.into_iter().filter_map(useful).max_by_key(|set| {
        let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
        let shortest = shortest.min(MAX_LITERAL_BYTES);
        (shortest, std::cmp::Reverse(set.len()))
    })
}

/// The spellings a search that folds ASCII letters itself must look for so as to find every
/// text `literal` matches case-insensitively (the regex crate's simple case folding: `k` also
/// matches the Kelvin sign, `я` matches `Я`). A literal with too many spellings is cut to its
/// longest part that has few enough.
pub(crate) fn case_spellings(literal: &[u8]) -> Literals {
    let folds_alone =
        |byte: &u8| byte.is_ascii() && !matches!(byte.to_ascii_lowercase(), b'k' | b's');
    if literal.iter().all(folds_alone) {
        return vec![literal.to_vec()];
    }
    let Ok(text) = std::str::from_utf8(literal) else {
        // Raw bytes come from `(?-u)`, where case folding is ASCII only.
        return vec![literal.to_vec()];
    };
    let spellings: Vec<Vec<char>> = text.chars().map(char_spellings).collect();
    let (start, end) = longest_part(&spellings);
    spellings
        .get(start..end)
        .unwrap_or_default()
        .iter()
        .fold(vec![String::new()], |texts, options| {
            texts
                .iter()
                .flat_map(|head| options.iter().map(move |&c| format!("{head}{c}")))
                .collect()
        })
        .into_iter()
        .map(String::into_bytes)
        .collect()
}

/// The characters `c` matches case-insensitively, with one ASCII character standing for its
/// ASCII case partner too.
fn char_spellings(c: char) -> Vec<char> {
    // Only `k` and `s` among ASCII letters fold to a non-ASCII character (Kelvin sign, long s).
    if c.is_ascii() && !matches!(c.to_ascii_lowercase(), 'k' | 's') {
        return vec![c];
    }
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    let folded = || class.iter().flat_map(|range| range.start()..=range.end());
    let ascii = if c.is_ascii() {
        Some(c)
    } else {
        folded().find(char::is_ascii)
    };
    ascii
        .into_iter()
        .chain(folded().filter(|other| !other.is_ascii()))
        .collect()
}

/// The character range of the longest (in bytes) part of a literal whose spellings multiply to
/// at most [`MAX_SPELLINGS`].
fn longest_part(spellings: &[Vec<char>]) -> (usize, usize) {
    let mut best = (0, 0, 0);
    for start in 0..spellings.len() {
        let mut count = 1usize;
        let mut bytes = 0;
        for (end, options) in spellings.iter().enumerate().skip(start) {
            count = count.saturating_mul(options.len());
            if count > MAX_SPELLINGS {
                break;
            }
            bytes += options.first().map_or(0, |c| c.len_utf8());
            if bytes > best.0 {
                best = (bytes, start, end + 1);
            }
        }
    }
    (best.1, best.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Hir {
        regex_syntax::parse(source).unwrap_or_else(|error| panic!("{error}"))
    }

    fn strings(set: Option<Literals>) -> Vec<String> {
        set.unwrap_or_default()
            .into_iter()
            .map(|literal| String::from_utf8_lossy(&literal).into_owned())
            .collect()
    }

    #[test]
    fn a_concatenation_gives_its_longest_spelled_out_run() {
        let hir = parse(r"^\s*(?:related|similar) (?:articles?|news)\s*:?$");
        assert_eq!(
            strings(required(&hir)),
            ["related ", "similar "],
            "spelled out, then cut"
        );
        assert_eq!(strings(required(&parse(r"^top\s+bottom$"))), ["bottom"]);
        assert_eq!(strings(required(&parse(r"editor.s choice"))), ["s choice"]);
    }

    #[test]
    fn an_alternation_needs_a_literal_in_every_branch() {
        let hir = parse(r"^(?:share(?: this)?|\w+ says:)$");
        assert_eq!(strings(required(&hir)), [" says:", "share"]);
        assert_eq!(required(&parse(r"^(?:share|\d+)$")), None);
    }

    #[test]
    fn what_can_match_empty_or_anything_gives_nothing() {
        for source in [r"^\s*$", r"\w+", "(?:views)?", "[a-z]{2,}", "x*"] {
            assert_eq!(required(&parse(source)), None, "{source}");
        }
    }

    #[test]
    fn a_case_insensitive_literal_is_spelled_in_every_non_ascii_case() {
        assert_eq!(
            strings(Some(case_spellings("Top".as_bytes()))),
            ["Top"],
            "ASCII letters other than k and s are left to the search"
        );
        assert_eq!(
            strings(Some(case_spellings("sk".as_bytes()))),
            ["sk", "s\u{212A}", "ſk", "ſ\u{212A}"]
        );
        // Cyrillic о and т also fold to old letter forms (ᲂ, ᲄ, ᲅ), so the part kept is "еме".
        let spellings = strings(Some(case_spellings("по теме".as_bytes())));
        assert_eq!(spellings.len(), MAX_SPELLINGS);
        for spelling in ["еме", "ЕМЕ", "еМе"] {
            assert!(spellings.contains(&spelling.to_string()), "{spellings:?}");
        }
        let spellings = strings(Some(case_spellings("т".as_bytes())));
        assert_eq!(spellings, ["Т", "т", "ᲄ", "ᲅ"]);
    }
}
