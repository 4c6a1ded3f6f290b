//! PolNeAR (Newell, Margolin & Ruths, LREC 2018): news texts with attribution relations
//! (source, cue, content) annotated in brat standoff format.
//!
//! brat offsets count code points; everything in whosaid is bytes, so the loader converts
//! them once. Where an article has several annotators' files (`NAME_XXXX.ann`), the first
//! in sorted order is used, as the evaluators' gold does.

use std::path::Path;

use anyhow::Context;
use whosaid_core::Span;

/// One annotated attribution; spans are byte ranges into the article text. Any part can
/// be discontinuous, hence lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldAttribution {
    /// What was said or believed.
    pub content: Vec<Span>,
    /// The reporting verb or phrase.
    pub cue: Vec<Span>,
    /// Who said it, as mentioned in the text.
    pub source: Vec<Span>,
}

/// One article and its attributions.
#[derive(Clone, Debug)]
pub struct GoldDocument {
    /// File name of the text (`NAME.txt`).
    pub name: String,
    /// The article text.
    pub text: String,
    /// Attributions in the order of their content's first byte.
    pub attributions: Vec<GoldAttribution>,
}

/// Load a PolNeAR split folder (with `text/` and `attributions/`), articles sorted by name.
pub fn load_split(dir: &Path) -> anyhow::Result<Vec<GoldDocument>> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut names: Vec<String> = std::fs::read_dir(&text_dir)
        .with_context(|| format!("cannot list {}", text_dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let mut anns: Vec<String> = std::fs::read_dir(&ann_dir)
        .with_context(|| format!("cannot list {}", ann_dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    anns.sort();
    let mut docs = Vec::with_capacity(names.len());
    for name in names {
        let stem = name.trim_end_matches(".txt");
        let text = std::fs::read_to_string(text_dir.join(&name))
            .with_context(|| format!("cannot read {name}"))?;
        let ann = anns.iter().find(|a| {
            a.strip_prefix(stem)
                .and_then(|rest| rest.strip_prefix('_'))
                .is_some_and(|rest| !rest.trim_end_matches(".ann").contains('_'))
        });
        let attributions = match ann {
            Some(ann) => {
                let raw = std::fs::read_to_string(ann_dir.join(ann))
                    .with_context(|| format!("cannot read {ann}"))?;
                parse_ann(&raw, &text)
            }
            None => Vec::new(),
        };
        docs.push(GoldDocument {
            name,
            text,
            attributions,
        });
    }
    Ok(docs)
}

/// The document as the attribution trainer takes it: one paragraph per non-empty line.
pub fn training_document(doc: &GoldDocument) -> whosaid_nlp::attribution::TrainingDocument {
    let mut paragraphs = Vec::new();
    let mut offset = 0;
    for line in doc.text.split_inclusive('\n') {
        let span = Span::new(offset, offset + line.len()).trim(&doc.text);
        if !span.is_empty() {
            paragraphs.push(span);
        }
        offset += line.len();
    }
    let gold = doc
        .attributions
        .iter()
        .map(|a| whosaid_nlp::attribution::GoldSpans {
            cue: a.cue.clone(),
            source: a.source.clone(),
            content: a.content.clone(),
        })
        .collect();
    whosaid_nlp::attribution::TrainingDocument {
        text: doc.text.clone(),
        paragraphs,
        gold,
    }
}

/// Parse brat standoff: `T` lines are labelled spans, `E` lines tie a content, cue and
/// source into one attribution.
pub fn parse_ann(raw: &str, text: &str) -> Vec<GoldAttribution> {
    let to_byte = char_to_byte_table(text);
    let mut spans: std::collections::HashMap<&str, Vec<Span>> = Default::default();
    let mut events = Vec::new();
    for line in raw.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else {
            continue;
        };
        if id.starts_with('T') && id[1..].bytes().all(|b| b.is_ascii_digit()) {
            let Some((_label, ranges)) = body.split_once(' ') else {
                continue;
            };
            let mut parsed = Vec::new();
            for range in ranges.split(';') {
                let mut ends = range.split_whitespace().map(str::parse::<usize>);
                if let (Some(Ok(s)), Some(Ok(e))) = (ends.next(), ends.next())
                    && s <= e
                    && e < to_byte.len()
                {
                    parsed.push(Span::new(to_byte[s], to_byte[e]));
                }
            }
            spans.insert(id, parsed);
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let mut out = Vec::new();
    for body in events {
        let mut attribution = GoldAttribution {
            content: Vec::new(),
            cue: Vec::new(),
            source: Vec::new(),
        };
        for arg in body.split_whitespace() {
            let Some((role, target)) = arg.split_once(':') else {
                continue;
            };
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            let found = spans.get(target).cloned().unwrap_or_default();
            match role {
                "Content" => attribution.content.extend(found),
                "Cue" => attribution.cue.extend(found),
                "Source" => attribution.source.extend(found),
                _ => {}
            }
        }
        if !attribution.content.is_empty() {
            attribution.content.sort();
            out.push(attribution);
        }
    }
    out.sort_by_key(|a| a.content[0]);
    out
}

/// `table[i]` is the byte offset of code point `i`; one extra entry for the end.
fn char_to_byte_table(text: &str) -> Vec<usize> {
    let mut table: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    table.push(text.len());
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_code_points_become_bytes() {
        let text = "“Yes,” said Putin.";
        let ann = "T1\tContent 1 5\tYes,\nT2\tCue 7 11\tsaid\nT3\tSource 12 17\tPutin\nE1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n";
        let got = parse_ann(ann, text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].content[0].slice(text), "Yes,");
        assert_eq!(got[0].cue[0].slice(text), "said");
        assert_eq!(got[0].source[0].slice(text), "Putin");
    }
}
