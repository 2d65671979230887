//! Property tests: on random seeds assembled from article paragraphs and page furniture, the
//! fix keeps every article paragraph byte for byte, fixing twice equals fixing once, and every
//! finding's span lies on character boundaries.

use proptest::prelude::*;
use seedlint::autofix::{FixOptions, fix_document};
use seedlint::civil_date::CivilDate;
use seedlint::document::Document;
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
}
