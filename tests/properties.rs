//! Property tests: on random seeds assembled from article paragraphs and page furniture, the
//! fix keeps every article paragraph byte for byte, fixing twice equals fixing once, and no line
//! that no finding covered is removed; on random bytes (furniture, prose, invalid UTF-8, byte
//! order marks, NULs) nothing panics and every span lies within the file on character
//! boundaries.

use proptest::prelude::*;
use seedlint::autofix::{FixOptions, fix_document};
use seedlint::civil_date::CivilDate;
use seedlint::diagnostic::Diagnostic;
use seedlint::document::{Document, Span};
use seedlint::lint::{LintOptions, lint};
use seedlint::rule::RuleSet;

const ARTICLE: &[&str] = &[
    "The council approved the harbour repairs on Tuesday, after a debate that lasted most of the afternoon.",
    "Work will begin in May and should be finished before the autumn storms, the mayor told reporters.",
    "Residents had complained for years about flooding in the lower streets whenever the tide was high.",
    "Der Stadtrat hat am Dienstag die Sanierung des Hafens beschlossen, nach einer langen Debatte.",
    "Les travaux commenceront en mai et devraient être terminés avant les tempêtes d’automne, selon le maire.",
    "Las obras comenzarán en mayo y deberían terminar antes de las tormentas de otoño, dijo el alcalde.",
    "Совет одобрил ремонт гавани во вторник после дебатов, которые длились большую часть дня.",
    "Şura çərşənbə axşamı limanın təmirini təsdiqlədi, müzakirələr günün çox hissəsini çəkdi.",
    "“We have waited long enough,” said one shop owner, whose cellar was flooded twice last winter.",
];

const HEAD_NOISE: &[&str] = &[
    "Home\nNews\nSport\nWeather",
    "twitter\nyoutube\ninstagram\nfacebook",
    "Share on Facebook",
    "A+\nA-",
    "© 2024 Harbour Media. All rights reserved.",
    "Search",
];

const TAIL_NOISE: &[&str] = &[
    "Views: 254",
    "Related articles\n\nBridge repairs to start in May\n\nA new bridge will be built over the river, the city said on Monday in a statement.",
    "Share this article\nprint\ncopy link",
    "Popular\n\nMarket hall reopens\nSchool year starts early",
];

fn options() -> LintOptions {
    LintOptions {
        today: CivilDate::new(2026, 11, 23).unwrap_or(CivilDate::from_unix_days(0)),
    }
}

fn rules() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().unwrap_or_else(|error| panic!("{error:?}")))
}

/// A seed: head furniture, a title, article paragraphs, tail furniture, in a random layout.
fn seed() -> impl Strategy<Value = (String, Vec<&'static str>)> {
    let article = proptest::sample::subsequence(ARTICLE, 2..=ARTICLE.len());
    let head = proptest::sample::subsequence(HEAD_NOISE, 0..=3);
    let tail = proptest::sample::subsequence(TAIL_NOISE, 0..=2);
    let separator = prop_oneof![Just("\n\n"), Just("\n\n\n"), Just("\n")];
    let crlf = any::<bool>();
    (head, article, tail, separator, crlf).prop_map(|(head, article, tail, sep, crlf)| {
        let mut parts: Vec<&str> = head.clone();
        parts.push("Harbour repairs approved");
        parts.extend(article.iter().copied());
        parts.extend(tail.iter().copied());
        let mut text = parts.join(sep);
        text.push('\n');
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        (text, article)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn fix_keeps_every_article_paragraph_and_is_idempotent((text, article) in seed()) {
        let rules = rules();
        let once = fix_document(Document::new(text), rules, &options(), FixOptions::default(), &|_, r| r);
        let once = once.map_err(|error| TestCaseError::fail(error.to_string()))?;
        for paragraph in &article {
            prop_assert!(once.document.text().contains(paragraph), "lost: {paragraph}");
        }
        let again = Document::new(once.document.text().to_string());
        let twice = fix_document(again, rules, &options(), FixOptions::default(), &|_, r| r);
        let twice = twice.map_err(|error| TestCaseError::fail(error.to_string()))?;
        prop_assert_eq!(twice.fixed_count(), 0);
        prop_assert_eq!(twice.document.text(), once.document.text());
    }

    #[test]
    fn spans_lie_on_character_boundaries(text in "\\PC{0,200}(\r?\n\\PC{0,80}){0,12}") {
        let doc = Document::new(text);
        let result = lint(&doc, rules(), &options());
        for diagnostic in &result.diagnostics {
            let spans = std::iter::once(diagnostic.span)
                .chain(diagnostic.related.iter().map(|label| label.span))
                .chain(diagnostic.fix.iter().flat_map(|fix| fix.edits.iter().map(|e| e.span)));
            for span in spans {
                prop_assert!(span.start <= span.end && span.end <= doc.text().len());
                prop_assert!(doc.text().is_char_boundary(span.start));
                prop_assert!(doc.text().is_char_boundary(span.end));
            }
        }
    }

    #[test]
    fn fix_never_removes_a_line_no_finding_covered((text, _) in seed()) {
        let doc = Document::new(text.clone());
        let first = lint(&doc, rules(), &options());
        let covered: Vec<Span> = first.diagnostics.iter().flat_map(spans).collect();
        let fixed = fix_document(doc.clone(), rules(), &options(), FixOptions::default(), &|_, r| r);
        let fixed = fixed.map_err(|error| TestCaseError::fail(error.to_string()))?;
        let kept: Vec<&str> = fixed.document.text().lines().map(|l| l.trim_end_matches('\r')).collect();
        for (index, line) in doc.lines().iter().enumerate() {
            if doc.is_blank_line(index) || covered.iter().any(|span| span.overlaps(&line.span)) {
                continue;
            }
            let content = doc.line_text(index);
            prop_assert!(kept.contains(&content), "removed uncovered line {}: {content:?}", index + 1);
        }
    }

    #[test]
    fn random_bytes_never_panic_and_spans_stay_in_the_file(bytes in noisy_bytes()) {
        let doc = Document::decode(bytes.clone());
        prop_assert_eq!(doc.text().len(), bytes.len());
        prop_assert_eq!(doc.original_bytes(), bytes.as_slice());
        let result = lint(&doc, rules(), &options());
        for span in result.diagnostics.iter().flat_map(spans) {
            prop_assert!(span.start <= span.end && span.end <= doc.text().len());
            prop_assert!(doc.text().is_char_boundary(span.start));
            prop_assert!(doc.text().is_char_boundary(span.end));
        }
        let undecodable = doc.undecodable().is_some();
        let fixed = fix_document(doc, rules(), &options(), FixOptions::default(), &|_, r| r);
        // A file that is not UTF-8 is never fixed.
        prop_assert!(!undecodable || fixed.is_err());
    }
}

/// Every span of a diagnostic: the finding, its labels, its fix's edits.
fn spans(diagnostic: &Diagnostic) -> Vec<Span> {
    std::iter::once(diagnostic.span)
        .chain(diagnostic.related.iter().map(|label| label.span))
        .chain(
            diagnostic
                .fix
                .iter()
                .flat_map(|fix| fix.edits.iter().map(|e| e.span)),
        )
        .collect()
}

/// Bytes built from prose, furniture, line breaks, byte order marks, invalid UTF-8, NULs and
/// random bytes.
fn noisy_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        proptest::sample::select(ARTICLE).prop_map(|text| text.as_bytes().to_vec()),
        proptest::sample::select(HEAD_NOISE).prop_map(|text| text.as_bytes().to_vec()),
        proptest::sample::select(TAIL_NOISE).prop_map(|text| text.as_bytes().to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n\r\n".to_vec()),
        Just(b"\xef\xbb\xbf".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"\xe2\x82".to_vec()),
        Just(b"\0".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..24),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}
