//! The shared first pass over a document: every block (the headline and each body
//! paragraph) tokenized, split into sentences, with its quotation marks paired.
//! Every annotator reads this instead of re-tokenizing.

use whosaid_core::Span;

use crate::marks::{Quotation, find_quotations};
use crate::sentence::{Sentence, split_sentences};
use crate::token::{Token, TokenKind, tokenize};

/// A headline or a paragraph, ready for annotation.
#[derive(Clone, Debug)]
pub struct Block {
    /// Bytes of the block in the document text.
    pub span: Span,
    /// True for the headline.
    pub is_headline: bool,
    /// Tokens, spans into the document text.
    pub tokens: Vec<Token>,
    /// Sentences as token ranges.
    pub sentences: Vec<Sentence>,
    /// For each token, the index of its sentence.
    pub sentence_of: Vec<u32>,
    /// For each token, how many quotations enclose it (0 outside any). Quotation marks
    /// count as inside the quotation they delimit.
    pub quote_depth: Vec<u8>,
    /// Lower-cased token texts, one buffer for the block: token `i`'s is
    /// `lower[bounds[i]..bounds[i + 1]]` (a leading 0, so that no token is a special case).
    lower: String,
    lower_bounds: Vec<u32>,
    /// Part-of-speech tags, tagged once on first use (the attribution taggers, then the
    /// rules that read grammar, all read them).
    tags: std::sync::OnceLock<Vec<crate::pos::Tag>>,
}

impl Block {
    /// The part-of-speech tag of every token, by the built-in tagger; computed on the
    /// first call, `text` being the document text the block's spans point into.
    pub fn tags(&self, text: &str) -> &[crate::pos::Tag] {
        self.tags.get_or_init(|| crate::pos::tag(self, text))
    }

    /// The lower-cased text of token `i`.
    #[inline]
    pub fn lower(&self, i: usize) -> &str {
        &self.lower[self.lower_bounds[i] as usize..self.lower_bounds[i + 1] as usize]
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when the block has no token.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The token index whose span starts at or after byte `at` (binary search).
    pub fn token_at_or_after(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < at)
    }

    /// Token indices `start..end` covering the bytes of `span`.
    pub fn tokens_in(&self, span: Span) -> std::ops::Range<usize> {
        let start = self.tokens.partition_point(|t| t.span.end <= span.start);
        let end = self.tokens.partition_point(|t| t.span.start < span.end);
        start..end.max(start)
    }

    /// The first token after the quotation marks that open the paragraph (its first word
    /// or punctuation); `None` when the paragraph is only marks.
    pub fn opening(&self) -> Option<usize> {
        self.tokens
            .iter()
            .position(|t| !matches!(t.kind, TokenKind::Quote(_)))
    }

    /// Bytes from the start of token `start` to the end of token `end - 1`.
    pub fn span_of(&self, start: usize, end: usize) -> Span {
        Span::new(self.tokens[start].span.start, self.tokens[end - 1].span.end)
    }
}

/// A document prepared for annotation.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The headline (when given) first, then the paragraphs, in order.
    pub blocks: Vec<Block>,
    /// Quotations; `paragraph` is the index into `blocks`.
    pub quotations: Vec<Quotation>,
}

impl Prepared {
    /// The index of the block whose bytes contain `span`.
    pub fn block_containing(&self, span: Span) -> Option<usize> {
        self.blocks.iter().position(|b| b.span.contains(span))
    }

    /// For each block, the document-order number of its first sentence: a block's
    /// sentences follow those of every block before it, so sentence `s` of block `b` is
    /// number `first[b] + s` (how sentences are counted back over paragraph breaks).
    pub fn first_sentence_numbers(&self) -> Vec<usize> {
        let mut first = Vec::with_capacity(self.blocks.len());
        let mut count = 0;
        for block in &self.blocks {
            first.push(count);
            count += block.sentences.len();
        }
        first
    }
}

/// Prepare `text`: `headline` and `paragraphs` are spans into it.
pub fn prepare(text: &str, headline: Option<Span>, paragraphs: &[Span]) -> Prepared {
    let spans: Vec<(Span, bool)> = headline
        .into_iter()
        .map(|h| (h, true))
        .chain(paragraphs.iter().map(|&p| (p, false)))
        .collect();
    let token_lists: Vec<Vec<Token>> = spans.iter().map(|(s, _)| tokenize(text, *s)).collect();
    let bounds: Vec<Span> = spans.iter().map(|(s, _)| *s).collect();
    let quotations = find_quotations(text, &token_lists, &bounds);
    let mut blocks = Vec::with_capacity(spans.len());
    for ((span, is_headline), tokens) in spans.into_iter().zip(token_lists) {
        let sentences = split_sentences(&tokens, text);
        let mut sentence_of = vec![0u32; tokens.len()];
        for (k, s) in sentences.iter().enumerate() {
            for t in s.range() {
                sentence_of[t] = u32::try_from(k).unwrap_or(u32::MAX);
            }
        }
        let mut lower = String::with_capacity(span.len());
        let mut lower_bounds = Vec::with_capacity(tokens.len() + 1);
        lower_bounds.push(0);
        for t in &tokens {
            let word = t.text(text);
            if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
                lower.extend(word.chars().flat_map(char::to_lowercase));
            } else {
                lower.push_str(word);
            }
            lower_bounds.push(u32::try_from(lower.len()).unwrap_or(u32::MAX));
        }
        blocks.push(Block {
            span,
            is_headline,
            quote_depth: vec![0; tokens.len()],
            tokens,
            sentences,
            sentence_of,
            lower,
            lower_bounds,
            tags: std::sync::OnceLock::new(),
        });
    }
    for q in &quotations {
        let block = &mut blocks[q.paragraph];
        let range = block.tokens_in(q.outer);
        for d in &mut block.quote_depth[range] {
            *d = d.saturating_add(1);
        }
    }
    Prepared { blocks, quotations }
}

/// The shape of a word: "Xxxx", "xxxx", "XXXX", "X.X.", "dddd", or the punctuation itself.
pub fn shape(token: &Token, text: &str) -> &'static str {
    let word = token.text(text);
    match token.kind {
        TokenKind::Number => match word.len() {
            1 | 2 => "d",
            4 => "dddd",
            _ => "ddd+",
        },
        TokenKind::Quote(_) => "Q",
        TokenKind::Punct => match word {
            "," => ",",
            "." => ".",
            ":" => ":",
            ";" => ";",
            "?" | "!" => "?",
            "—" | "–" | "-" | "―" => "—",
            "(" | "[" => "(",
            ")" | "]" => ")",
            _ => "p",
        },
        TokenKind::Word if word.is_ascii() => {
            // The same tests as below on bytes, for the ASCII words most words are.
            let bytes = word.as_bytes();
            if bytes.contains(&b'.') {
                "X.X."
            } else if bytes.first().is_some_and(u8::is_ascii_uppercase) {
                if bytes.len() > 1 && !bytes.iter().any(u8::is_ascii_lowercase) {
                    "XXXX"
                } else {
                    "Xxxx"
                }
            } else {
                "xxxx"
            }
        }
        TokenKind::Word => {
            let mut chars = word.chars();
            let first = chars.next().unwrap_or(' ');
            if word.contains('.') {
                "X.X."
            } else if first.is_uppercase() {
                if word.chars().all(|c| !c.is_lowercase()) && word.chars().count() > 1 {
                    "XXXX"
                } else {
                    "Xxxx"
                }
            } else {
                "xxxx"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_depth_marks_tokens_inside_quotations() {
        let text = "Headline ‘here’\n\n“We want peace,” she said.";
        let head_end = text.find("\n\n").unwrap();
        let prepared = prepare(
            text,
            Some(Span::new(0, head_end)),
            &[Span::new(head_end + 2, text.len())],
        );
        assert_eq!(prepared.blocks.len(), 2);
        let head = &prepared.blocks[0];
        assert!(head.is_headline);
        let depths: Vec<u8> = head.quote_depth.clone();
        assert_eq!(depths, [0, 1, 1, 1]);
        let body = &prepared.blocks[1];
        let inside: Vec<&str> = (0..body.len())
            .filter(|&i| body.quote_depth[i] > 0)
            .map(|i| body.tokens[i].text(text))
            .collect();
        assert_eq!(inside, ["“", "We", "want", "peace", ",", "”"]);
        assert_eq!(body.lower(1), "we");
    }
}
