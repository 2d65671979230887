//! The text blocks of a page: the text of its paragraph-level elements, in document order,
//! each owned by the innermost block element around it.

use std::collections::HashMap;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Elements whose text is never article text (code, styles, embedded objects, form controls).
const HIDDEN: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "select", "option", "textarea", "button", "canvas", "video", "audio", "map",
];

/// Elements that start and end a block of text.
const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// True for elements whose text a page never shows as article text.
pub fn is_hidden(name: &str) -> bool {
    HIDDEN.contains(&name)
}

/// One block of text and the element that owns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBlock {
    /// The innermost block-level element around the text.
    pub owner: NodeId,
    /// The text, white space collapsed, one line per `<br>`-separated line.
    pub text: String,
}

/// The text blocks of a page in document order.
pub fn text_blocks(html: &Html) -> Vec<RawBlock> {
    let mut blocks = Vec::new();
    let root = html.tree.root().id();
    let mut owners: Vec<NodeId> = Vec::new();
    let current = |owners: &[NodeId]| owners.last().copied().unwrap_or(root);
    let mut run = String::new();
    let mut hidden_depth = 0usize;
    let flush = |run: &mut String, owner: NodeId, blocks: &mut Vec<RawBlock>| {
        let text = collapse(run);
        run.clear();
        if !text.is_empty() {
            blocks.push(RawBlock { owner, text });
        }
    };
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    let name = element.name();
                    if hidden_depth > 0 || is_hidden(name) {
                        hidden_depth += 1;
                    } else if name == "br" {
                        run.push(LINE_BREAK);
                    } else if BLOCK_LEVEL.contains(&name) {
                        flush(&mut run, current(&owners), &mut blocks);
                        owners.push(node.id());
                    }
                }
                Node::Text(text) if hidden_depth == 0 => run.push_str(text),
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(element) = node.value() else {
                    continue;
                };
                let name = element.name();
                if hidden_depth > 0 {
                    hidden_depth -= 1;
                } else if BLOCK_LEVEL.contains(&name) {
                    flush(&mut run, current(&owners), &mut blocks);
                    owners.pop();
                }
            }
        }
    }
    flush(&mut run, current(&owners), &mut blocks);
    blocks
}

/// Marks a `<br>` in a run of text, where newlines of the source are mere white space.
const LINE_BREAK: char = '\u{2028}';

/// Collapses white space to single spaces within lines, trims lines and drops empty ones.
fn collapse(run: &str) -> String {
    run.split(LINE_BREAK)
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// How many blocks each element holds, itself and its descendants together.
pub fn blocks_per_element(html: &Html, blocks: &[RawBlock]) -> HashMap<NodeId, usize> {
    let mut counts: HashMap<NodeId, usize> = HashMap::new();
    for block in blocks {
        let Some(owner) = html.tree.get(block.owner) else {
            continue;
        };
        *counts.entry(owner.id()).or_default() += 1;
        for ancestor in owner.ancestors() {
            *counts.entry(ancestor.id()).or_default() += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Vec<String> {
        let html = Html::parse_document(source);
        text_blocks(&html)
            .into_iter()
            .map(|block| block.text)
            .collect()
    }

    #[test]
    fn paragraph_level_elements_are_blocks_in_order() {
        let source = "<title>T</title><body><h1>Title</h1><div>Intro <b>bold</b>\n text<p>One\n two.</p>\
            tail</div><ul><li>A<li>B</ul><script>var x;</script><p>Line<br>next<br><br>last</p>";
        assert_eq!(
            texts(source),
            [
                "Title",
                "Intro bold text",
                "One two.",
                "tail",
                "A",
                "B",
                "Line\nnext\nlast"
            ]
        );
    }

    #[test]
    fn hidden_elements_give_no_text() {
        let source =
            "<p>Keep<noscript>no</noscript><button>Share</button><select><option>x</select></p>";
        assert_eq!(texts(source), ["Keep"]);
    }
}
