//! The matching, trimming and classing rules of the Python scorer, on texts written for
//! these tests (no shared data needed).

use super::*;

/// The span of the `nth` (0-based) occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"))
        .0;
    Span::new(start, start + needle.len())
}

fn quote(text: &str, content: &[Span], source: Option<Span>, cue: Option<Span>) -> Quote {
    Quote::new(
        text.as_bytes(),
        content.to_vec(),
        source.into_iter().collect(),
        cue.into_iter().collect(),
    )
}

fn doc(text: &str, gold: Vec<Quote>) -> Doc {
    Doc {
        name: "a.txt".into(),
        text: text.into(),
        gold,
    }
}

#[test]
fn exact_trims_quotation_marks_and_punctuation_from_both_ends() {
    let text = "He said: “We won, at last.” Then he left.";
    let marked = find(text, "“We won, at last.”", 0);
    let bare = find(text, "We won, at last", 0);
    assert_eq!(trim(text.as_bytes(), marked), bare);
    let golds = [quote(text, &[bare], None, None)];
    let preds = [quote(text, &[marked], None, None)];
    assert_eq!(
        pair_up(text.as_bytes(), &golds, &preds, Criterion::Exact),
        [(0, 0)]
    );
    assert!(pair_up(text.as_bytes(), &golds, &preds, Criterion::ExactRaw).is_empty());
}

#[test]
fn a_span_of_nothing_but_punctuation_is_compared_untrimmed() {
    let text = "Trump: no.";
    let colon = find(text, ":", 0);
    assert_eq!(trim(text.as_bytes(), colon), colon);
    // ": " is punctuation and space only: kept whole, so it does not equal ":".
    let colon_space = Span::new(colon.start, colon.end + 1);
    assert!(!span_eq(text.as_bytes(), &[colon], &[colon_space]));
}

#[test]
fn trim_keeps_the_bytes_of_a_cut_character() {
    // A prediction starting inside “ (3 bytes): Python sees two undecodable bytes, which
    // are not punctuation, so nothing is trimmed from the left.
    let text = "“Yes”";
    let cut = Span::new(1, text.len());
    assert_eq!(
        trim(text.as_bytes(), cut),
        Span::new(1, text.len() - "”".len())
    );
    assert_eq!(code_points(&text.as_bytes()[1..]), 2 + 3 + 1);
}

#[test]
fn greedy_pairs_gold_in_order_each_with_its_best_remaining_prediction() {
    // Gold 0 takes prediction 1 (its best); gold 1 would have liked it too and gets
    // prediction 0, its best among those left.
    let scores = [[0.6, 0.9], [0.7, 1.0]];
    let pairs = greedy(2, 2, |g, p| scores[g][p], 0.5);
    assert_eq!(pairs, [(0, 1), (1, 0)]);
}

#[test]
fn greedy_ties_go_to_the_earlier_prediction_and_each_prediction_pairs_once() {
    let pairs = greedy(2, 2, |_, _| 1.0, 1.0);
    assert_eq!(pairs, [(0, 0), (1, 1)]);
    let pairs = greedy(3, 1, |_, _| 1.0, 1.0);
    assert_eq!(pairs, [(0, 0)]);
    // Below the threshold nothing pairs, even as the best.
    assert!(greedy(1, 1, |_, _| 0.49, 0.5).is_empty());
}

#[test]
fn coverage_counts_code_points_not_bytes() {
    // The prediction covers "ééé" of "ééé abc": 6 of 10 bytes but 3 of 7 code points.
    let text = "He said ééé abc today.";
    let gold = find(text, "ééé abc", 0);
    let pred = find(text, "ééé", 0);
    let golds = [quote(text, &[gold], None, None)];
    let preds = [quote(text, &[pred], None, None)];
    let data = text.as_bytes();
    assert!(pair_up(data, &golds, &preds, Criterion::Coverage(0.5)).is_empty());
    assert_eq!(
        pair_up(data, &golds, &preds, Criterion::Coverage(0.3)),
        [(0, 0)]
    );
}

#[test]
fn coverage_of_a_discontinuous_gold_adds_its_parts() {
    let text = "“We will win,” she said, “and soon.”";
    let parts = [find(text, "We will win,", 0), find(text, "and soon.", 0)];
    let golds = [quote(text, &parts, None, None)];
    let preds = [quote(text, &[parts[0]], None, None)];
    // 12 of 21 code points: over 0.5, under 0.8.
    let data = text.as_bytes();
    assert_eq!(
        pair_up(data, &golds, &preds, Criterion::Coverage(0.5)),
        [(0, 0)]
    );
    assert!(pair_up(data, &golds, &preds, Criterion::Coverage(0.8)).is_empty());
}

#[test]
fn direct_when_marks_are_inside_or_right_around_the_content() {
    let text = "She said “we won,” and ‘it was fun’. Also, he said we lost. \"Sure\", he said.";
    let d = text.as_bytes();
    assert!(is_direct(d, &[find(text, "“we won,”", 0)]));
    // Marks left out of the span: right before, or right after past the comma.
    assert!(is_direct(d, &[find(text, "we won", 0)]));
    assert!(is_direct(d, &[find(text, "Sure", 0)]));
    // A single mark counts only at the start.
    assert!(is_direct(d, &[find(text, "‘it was fun’", 0)]));
    assert!(!is_direct(d, &[find(text, "it was fun", 0)]));
    assert!(!is_direct(d, &[find(text, "we lost", 0)]));
}

#[test]
fn sources_and_cues_are_exact_after_trim_and_overlap_on_one_shared_byte() {
    let text = "“Yes,” said President Joe Biden.";
    let d = text.as_bytes();
    let gold = Some(vec![find(text, "President Joe Biden", 0)]);
    let same = Some(vec![find(text, "President Joe Biden.", 0)]);
    let part = Some(vec![find(text, "Biden", 0)]);
    let c = check_part(d, &gold, &same);
    assert!(c.exact && c.overlap);
    let c = check_part(d, &gold, &part);
    assert!(!c.exact && c.overlap && speaker_ok(c));
    // Neither has a source: right for the speaker, counted in no source P/R.
    let c = check_part(d, &None, &None);
    assert!(speaker_ok(c) && !c.gold && !c.pred);
    assert!(!speaker_ok(check_part(d, &gold, &None)));
}

#[test]
fn span_of_clamps_bad_offsets_and_counts_text_that_is_not_at_them() {
    let data = "Hello world".as_bytes();
    let mut issues = Issues::default();
    let v = serde_json::json!({"start": 6, "end": 11, "text": "world"});
    assert_eq!(span_of(Some(&v), data, &mut issues), Some(Span::new(6, 11)));
    let v = serde_json::json!({"start": -2, "end": 99, "text": "Hello world"});
    assert_eq!(span_of(Some(&v), data, &mut issues), Some(Span::new(0, 11)));
    let v = serde_json::json!({"start": 6.7, "end": "11", "text": "World"});
    assert_eq!(span_of(Some(&v), data, &mut issues), Some(Span::new(6, 11)));
    let v = serde_json::json!({"start": 9, "end": 3});
    assert_eq!(span_of(Some(&v), data, &mut issues), None);
    assert_eq!(
        span_of(Some(&serde_json::json!({"start": 1})), data, &mut issues),
        None
    );
    assert_eq!(issues.invalid_spans, 2);
    assert_eq!(issues.span_text_mismatch, 1);
}

#[test]
fn records_find_their_document_by_basename() {
    let names: HashMap<&str, usize> = [("a.txt", 0), ("b.txt", 1)].into();
    assert_eq!(doc_key("a.txt", &names), Some(0));
    assert_eq!(
        doc_key("../shared/eval/polnear-dev/text/b.txt", &names),
        Some(1)
    );
    assert_eq!(doc_key("dir/b#record-3", &names), Some(1));
    assert_eq!(doc_key("c.txt", &names), None);
    assert_eq!(doc_key("", &names), None);
}

#[test]
fn figures_are_rounded_as_python_rounds() {
    let x = prf(1, 3, 4);
    assert_eq!((x.p, x.r, x.f1), (33.3333, 25.0, 28.5714));
    assert_eq!(prf(0, 0, 5).f1, 0.0);
    assert_eq!(pct(2, 3).acc, Some(66.6667));
    assert_eq!(pct(0, 0).acc, None);
    assert_eq!(round4(0.00005), 0.0001);
}

#[test]
fn many_to_one_finds_a_gold_quote_covered_by_several_predictions() {
    let text = "“We will win,” she said. “And soon.” Later, he said no.";
    let d = text.as_bytes();
    let she = find(text, "she", 0);
    let parts = [find(text, "We will win,", 0), find(text, "And soon.", 0)];
    let docs = [doc(text, vec![quote(text, &parts, Some(she), None)])];
    let preds: Preds = vec![Some(vec![
        quote(text, &[parts[0]], Some(she), None),
        quote(text, &[parts[1]], None, None),
        quote(text, &[find(text, "no", 0)], None, None),
    ])];
    let m = many_to_one(&docs, &preds, 0.5);
    assert_eq!((m.gold_found, m.pred_correct, m.n_pred), (1, 2, 3));
    // The speaker is found through the one prediction that has the right source.
    assert_eq!(m.speaker_acc.acc, Some(100.0));
    // One to one, neither half covers half of the quote.
    let pairs = pair_up(
        d,
        &docs[0].gold,
        preds[0].as_ref().unwrap(),
        Criterion::Coverage(0.5),
    );
    assert_eq!(pairs, [(0, 0)]);
}

#[test]
fn a_gold_quote_scored_against_itself_is_perfect() {
    let text = "“We won,” Smith said. Jones said they lost.";
    let g = vec![
        quote(
            text,
            &[find(text, "We won,", 0)],
            Some(find(text, "Smith", 0)),
            Some(find(text, "said", 0)),
        ),
        quote(
            text,
            &[find(text, "they lost", 0)],
            Some(find(text, "Jones", 0)),
            Some(find(text, "said", 1)),
        ),
    ];
    let docs = [doc(text, g)];
    let scored = evaluate(&docs, &oracle(&docs));
    for (name, s) in &scored.metrics.criteria {
        assert_eq!(s.content.f1, 100.0, "{name}");
        assert_eq!(s.e2e.f1, 100.0, "{name}");
        assert_eq!(s.by_kind.direct.cue_exact.f1, 100.0, "{name}");
        assert_eq!(s.by_kind.indirect.source_exact.f1, 100.0, "{name}");
    }
    assert_eq!(scored.metrics.m2o.f1, 100.0);
}

#[test]
fn split_classes_a_pair_by_its_gold_for_recall_and_its_prediction_for_precision() {
    // Gold content is the bare words; the prediction reaches past the closing mark, so the
    // gold is direct (a mark right after it) and so is the prediction (it holds a mark).
    // An indirect prediction that pairs with nothing lowers indirect precision only.
    let text = "“We won,” Smith said. Jones said they lost.";
    let docs = [doc(
        text,
        vec![quote(text, &[find(text, "We won", 0)], None, None)],
    )];
    let preds: Preds = vec![Some(vec![
        quote(text, &[find(text, "We won,” Smith", 0)], None, None),
        quote(text, &[find(text, "they lost", 0)], None, None),
    ])];
    let scored = evaluate(&docs, &preds);
    let s = scored.metrics.get("cov>=0.5");
    assert_eq!(
        (s.split.direct.content.r, s.split.direct.content.p),
        (100.0, 100.0)
    );
    assert_eq!(
        (s.split.indirect.content.p, s.split.indirect.content.n_gold),
        (0.0, 0)
    );
    assert_eq!(s.content.p, 50.0);
}
