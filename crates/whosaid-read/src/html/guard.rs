//! Pages built to hurt: nesting so deep that walking the tree overflows the stack, and
//! more elements than any article has.
//!
//! HTML parsers build trees of any depth, and the walks over them (trafilatura's among
//! them) recurse. A page with 100,000 nested `<div>`s, or 100,000 unclosed `<b>`s, would
//! abort the whole process. So before parsing, one linear pass over the markup measures
//! how deep elements nest; a page deeper than [`MAX_DEPTH`] is *flattened*: the start and
//! end tags below that depth are dropped, their text is kept, so an article buried in
//! wrappers can still be read. A page with more than [`MAX_ELEMENTS`] tags is refused.
//!
//! The pass is a tag scanner, not a parser: it knows comments, raw-text elements
//! (`<script>`, `<style>`), quoted attributes, void elements and the end tags HTML lets a
//! page leave out (`<p>`, `<li>`, `<td>`…), which is enough to estimate depth from above.
//! Overestimating is harmless: flattening only drops wrappers.

/// Deepest nesting kept. Real pages stay well below a hundred levels; trafilatura stops
/// looking at content below 500, and its parser needs the stack this bound protects.
pub const MAX_DEPTH: usize = 256;

/// Most tags a page may have. The largest real article pages have some tens of thousands.
pub const MAX_ELEMENTS: usize = 1_000_000;

/// What one pass over the markup found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// Deepest nesting of elements seen (an estimate from above).
    pub max_depth: usize,
    /// Number of start tags.
    pub elements: usize,
}

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command", "basefont", "bgsound", "frame",
];

/// Elements whose content is text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements a page may leave open: a new one of the same kind closes the previous one.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rb",
    "rt", "rp",
];

/// Elements that do not stop an implied end tag.
const INLINE: &[&str] = &[
    "a", "b", "i", "em", "strong", "span", "font", "small", "u", "s", "code", "abbr", "sup", "sub",
    "mark", "cite", "q", "time", "label",
];

/// How many open elements back an implied end tag is looked for: far enough for
/// `<li><a>…<li>`, near enough not to close a list item of an outer list.
const IMPLIED_CLOSE_WINDOW: usize = 4;

/// Measure the page without changing it.
pub fn measure(html: &str) -> Shape {
    let mut shape = Shape::default();
    walk(html, &mut |event| {
        if let Event::Open { depth, .. } = event {
            shape.elements += 1;
            shape.max_depth = shape.max_depth.max(depth);
        }
        true
    });
    shape
}

/// The page with every tag nested deeper than `limit` dropped, text kept.
pub fn flatten(html: &str, limit: usize) -> String {
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    // Names of dropped start tags whose end tags must be dropped too, with their count.
    let mut dropped: Vec<(String, usize)> = Vec::new();
    walk(html, &mut |event| {
        match event {
            Event::Open { depth, name, range } if depth > limit => {
                out.push_str(&html[copied..range.start]);
                copied = range.end;
                if !VOID.contains(&name.as_str()) {
                    match dropped.iter_mut().find(|(n, _)| *n == name) {
                        Some(entry) => entry.1 += 1,
                        None => dropped.push((name, 1)),
                    }
                }
            }
            Event::Close { name, range } => {
                if let Some(entry) = dropped.iter_mut().find(|(n, c)| *n == name && *c > 0) {
                    entry.1 -= 1;
                    out.push_str(&html[copied..range.start]);
                    copied = range.end;
                }
            }
            Event::Open { .. } => {}
        }
        true
    });
    out.push_str(&html[copied..]);
    out
}

enum Event {
    Open {
        depth: usize,
        name: String,
        range: std::ops::Range<usize>,
    },
    Close {
        name: String,
        range: std::ops::Range<usize>,
    },
}

/// Scan the tags of `html` in order, keeping an estimated stack of open elements.
fn walk(html: &str, visit: &mut dyn FnMut(Event) -> bool) {
    let bytes = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + off;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            i = match memchr::memmem::find(&rest[4..], b"-->") {
                Some(end) => start + 4 + end + 3,
                None => return,
            };
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = match memchr::memchr(b'>', rest) {
                Some(end) => start + end + 1,
                None => return,
            };
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            // A lone '<' in text.
            i = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let Some(end) = tag_end(bytes, name_start + name_len) else {
            return;
        };
        let range = start..end;
        if closing {
            if let Some(pos) = stack.iter().rposition(|open| *open == name) {
                stack.truncate(pos);
            }
            if !visit(Event::Close { name, range }) {
                return;
            }
            i = end;
            continue;
        }
        if SELF_CLOSING_SIBLINGS.contains(&name.as_str()) {
            // The previous sibling is closed only when nothing but inline elements (or
            // the cells and rows a row or section holds) stands between: `<li><ul><li>`
            // nests, `<li><a>…<li>` does not.
            for k in (0..stack.len()).rev().take(IMPLIED_CLOSE_WINDOW) {
                let open = stack[k].as_str();
                if open == name {
                    stack.truncate(k);
                    break;
                }
                let skippable = INLINE.contains(&open)
                    || (matches!(name.as_str(), "tr" | "tbody" | "thead" | "tfoot")
                        && matches!(open, "td" | "th" | "tr"));
                if !skippable {
                    break;
                }
            }
        }
        let self_closed = end >= 2 && bytes[end - 2] == b'/';
        let is_void = VOID.contains(&name.as_str()) || self_closed;
        let depth = stack.len() + 1;
        let raw = RAW_TEXT.contains(&name.as_str());
        if !is_void && !raw {
            stack.push(name.clone());
        }
        if !visit(Event::Open {
            depth,
            name: name.clone(),
            range,
        }) {
            return;
        }
        i = end;
        if raw && !is_void {
            // Skip to the matching end tag; its content is text, not markup.
            i = find_raw_end(bytes, end, &name).unwrap_or(bytes.len());
        }
    }
}

/// One past the `>` that ends a tag whose name ends at `from`; quotes are respected.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (k, &b) in bytes[from..].iter().enumerate() {
        match (quote, b) {
            (None, b'"') | (None, b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(from + k + 1),
            _ => {}
        }
    }
    None
}

/// Where the end tag `</name` of a raw-text element starts, case-insensitively.
fn find_raw_end(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut i = from;
    while let Some(off) = memchr::memmem::find(&bytes[i..], b"</") {
        let at = i + off;
        let candidate = &bytes[at + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_of_an_ordinary_page() {
        let page = "<!doctype html><html><head><title>a<b</title><script>if (a<b) {}</script>\
                    </head><body><div class=\"x>y\"><p>one<p>two<br><img src=x></div></body></html>";
        let shape = measure(page);
        assert_eq!(shape.max_depth, 5, "html > body > div > p > br");
        assert_eq!(shape.elements, 10);
    }

    #[test]
    fn flattening_keeps_text_and_outer_structure() {
        let page = format!(
            "<div>{}deep text{}</div>",
            "<span>".repeat(10),
            "</span>".repeat(10)
        );
        let flat = flatten(&page, 3);
        assert_eq!(flat, "<div><span><span>deep text</span></span></div>");
        assert_eq!(measure(&flat).max_depth, 3);
    }

    #[test]
    fn unclosed_formatting_tags_are_flattened() {
        let page = format!("<p>{}bold</p>", "<b>".repeat(1000));
        let flat = flatten(&page, 10);
        assert!(measure(&flat).max_depth <= 10);
        assert!(flat.contains("bold"));
    }
}
