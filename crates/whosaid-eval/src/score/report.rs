//! What the scorer prints: the table and `SUMMARY` line laid out as the Python scorer lays
//! them out (so the two can be diffed), the content/source/cue table by kind, and the
//! error listing of `--details`.

use std::fmt::Write as _;
use std::io::Write;

use whosaid_core::Span;

use super::{
    Acc, CRITERIA, CriterionScores, DETAIL_CRITERION, Doc, KindScores, Metrics, Preds, Prf, Quote,
    Report, check_part, inter_code_points, size_code_points, trim,
};

fn fmt_prf(x: &Prf) -> String {
    format!("{:5.1} {:5.1} {:5.1}", x.p, x.r, x.f1)
}

fn fmt_acc(x: &Acc) -> String {
    match x.acc {
        Some(a) => format!("{a:5.1}"),
        None => "  -  ".to_string(),
    }
}

/// The report without its `SUMMARY` line.
pub(super) fn text(set: &str, rep: &Report, m: &Metrics) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "== {set}: {} docs, {} with a record ({} with error); {} gold quotes ({} direct), {} predicted",
        rep.gold_docs,
        rep.docs_with_record,
        rep.issues.records_with_error,
        rep.gold_quotes,
        rep.gold_direct,
        rep.pred_quotes
    );
    let i = &rep.issues;
    let issues: Vec<String> = [
        ("bad_json_lines", i.bad_json_lines),
        ("records_in_no_gold_set", i.records_in_no_gold_set),
        ("duplicate_records", i.duplicate_records),
        ("invalid_spans", i.invalid_spans),
        ("span_text_mismatch", i.span_text_mismatch),
        ("pred_quotes_without_content", i.pred_quotes_without_content),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(k, n)| format!("{k}={n}"))
    .collect();
    if !issues.is_empty() {
        let _ = writeln!(w, "   prediction issues: {}", issues.join(", "));
    }
    let _ = writeln!(
        w,
        "criterion  | content P   R    F1 | src-exact P R F1  | src-ovl P  R  F1  | spk-acc | cue-ex F1 cue-ov F1 | name strict surname (n) | e2e F1"
    );
    for (name, r) in &m.criteria {
        let _ = writeln!(
            w,
            "{name:<10} | {} | {} | {} |  {}  |   {:5.1}     {:5.1} |     {}  {} ({:4}) | {:5.1}",
            fmt_prf(&r.content),
            fmt_prf(&r.source_exact),
            fmt_prf(&r.source_overlap),
            fmt_acc(&r.speaker_acc_ggt),
            r.cue_exact.f1,
            r.cue_overlap.f1,
            fmt_acc(&r.name_strict),
            fmt_acc(&r.name_surname),
            r.name_strict.n,
            r.e2e.f1
        );
    }
    let o = &m.m2o;
    let _ = writeln!(
        w,
        "m2o>=0.5   | {:5.1} {:5.1} {:5.1} |  (many-to-one, see header)             |  {}  |                     |                         | {:5.1}",
        o.p,
        o.r,
        o.f1,
        fmt_acc(&o.speaker_acc),
        o.e2e_f1
    );
    let _ = writeln!(w, "direct / indirect split (content P R F1 | e2e F1):");
    for (name, r) in &m.criteria {
        let s = &r.split;
        let _ = writeln!(
            w,
            "{name:<10} | direct {} | {:5.1}  || indirect {} | {:5.1}",
            fmt_prf(&s.direct.content),
            s.direct.e2e_f1,
            fmt_prf(&s.indirect.content),
            s.indirect.e2e_f1
        );
    }
    // Not in the Python report: source and cue P/R/F1 for each kind.
    let _ = writeln!(
        w,
        "\ncontent, source and cue by kind (P R F1; source and cue on the pairs; a pair is direct or indirect by its gold for R, by its prediction for P):"
    );
    let _ = writeln!(
        w,
        "criterion kind     | content P   R    F1 | src-exact P R F1  | src-ovl P  R  F1  | cue-exact P R F1  | cue-ovl P  R  F1"
    );
    for name in ["exact", "cov>=0.5"] {
        let r: &CriterionScores = m.get(name);
        for (kind, k) in [
            ("all", &r.by_kind.all),
            ("direct", &r.by_kind.direct),
            ("indirect", &r.by_kind.indirect),
        ] {
            let k: &KindScores = k;
            let _ = writeln!(
                w,
                "{name:<9} {kind:<8} | {} | {} | {} | {} | {}",
                fmt_prf(&k.content),
                fmt_prf(&k.source_exact),
                fmt_prf(&k.source_overlap),
                fmt_prf(&k.cue_exact),
                fmt_prf(&k.cue_overlap)
            );
        }
    }
    let r = m.get("cov>=0.5");
    let _ = writeln!(
        w,
        "\nheadline (issue 3's targets; source, cue and speaker on the pairs under cov>=0.5): content F1 cov>=0.5 {:.1} (direct {:.1}, indirect {:.1}), exact {:.1} | source exact F1 {:.1} | cue exact F1 {:.1} | speaker acc {} | e2e F1 {:.1}",
        r.content.f1,
        r.split.direct.content.f1,
        r.split.indirect.content.f1,
        m.get("exact").content.f1,
        r.source_exact.f1,
        r.cue_exact.f1,
        fmt_acc(&r.speaker_acc_ggt).trim(),
        r.e2e.f1
    );
    out.pop(); // the last newline; `println!` adds it back
    out
}

/// The set's part of the `SUMMARY` line, worded as the Python scorer words it.
pub(super) fn summary(set: &str, m: &Metrics) -> String {
    let (r3, r5, r8, ex) = (
        m.get("cov>=0.3"),
        m.get("cov>=0.5"),
        m.get("cov>=0.8"),
        m.get("exact"),
    );
    format!(
        "{set}: content F1 exact={:.1} cov.5={:.1} GGT .3={:.1}/.8={:.1} direct-F1(.5)={:.1} src-ovl F1(.5)={:.1} spk-acc .3/.8={}/{} e2e F1(.5)={:.1}",
        ex.content.f1,
        r5.content.f1,
        r3.content.f1,
        r8.content.f1,
        r5.split.direct.content.f1,
        r5.source_overlap.f1,
        fmt_acc(&r3.speaker_acc_ggt).trim(),
        fmt_acc(&r8.speaker_acc_ggt).trim(),
        r5.e2e.f1
    )
}

// ---------------------------------------------------------------- --details

/// The text of some ranges on one line: parts joined by " … ", line breaks shown as ⏎.
fn show(data: &[u8], ranges: Option<&[Span]>) -> String {
    let Some(ranges) = ranges else {
        return "-".into();
    };
    ranges
        .iter()
        .map(|r| String::from_utf8_lossy(super::bytes(data, r.start, r.end)).into_owned())
        .collect::<Vec<_>>()
        .join(" … ")
        .replace("\r\n", " ⏎ ")
        .replace('\n', " ⏎ ")
}

fn kind(q: &Quote) -> &'static str {
    if q.direct { "direct" } else { "indirect" }
}

/// One side of an entry, for the JSONL form.
fn part_json(data: &[u8], q: &Quote) -> serde_json::Value {
    serde_json::json!({
        "span": [q.hull.start, q.hull.end],
        "direct": q.direct,
        "content": show(data, Some(&q.content)),
        "cue": q.cue.as_deref().map(|c| show(data, Some(c))),
        "source": q.source.as_deref().map(|s| show(data, Some(s))),
    })
}

/// What is wrong with a pair: its source, its cue, its content's ends.
#[derive(Clone, Copy, Debug)]
struct Flaws {
    source: bool,
    source_overlap: bool,
    cue: bool,
    cue_overlap: bool,
    boundary: bool,
}

impl Flaws {
    fn of(data: &[u8], g: &Quote, p: &Quote) -> Flaws {
        let s = check_part(data, &g.source, &p.source);
        let c = check_part(data, &g.cue, &p.cue);
        Flaws {
            source: (s.gold || s.pred) && !s.exact,
            source_overlap: s.overlap,
            cue: (c.gold || c.pred) && !c.exact,
            cue_overlap: c.overlap,
            boundary: trim(data, g.hull) != trim(data, p.hull),
        }
    }

    fn any(self) -> bool {
        self.source || self.cue || self.boundary
    }

    fn describe(self) -> String {
        let mut parts = Vec::new();
        if self.source {
            parts.push(if self.source_overlap {
                "wrong source (overlapping)"
            } else {
                "wrong source"
            });
        }
        if self.cue {
            parts.push(if self.cue_overlap {
                "wrong cue (overlapping)"
            } else {
                "wrong cue"
            });
        }
        if self.boundary {
            parts.push("content boundary");
        }
        parts.join(", ")
    }
}

/// For a missed gold quote, the prediction covering most of it; for a false alarm, the
/// gold quote it covers most of (coverage in code points, as the scorer counts it); nothing
/// when it shares no character with any.
fn nearest(data: &[u8], q: &Quote, others: &[Quote], is_gold: bool) -> String {
    let coverage = |gold: &Quote, pred: &Quote| {
        let n = size_code_points(&gold.content, data);
        if n == 0 {
            0.0
        } else {
            inter_code_points(&pred.content, &gold.content, data) as f64 / n as f64
        }
    };
    let mut best: Option<(&Quote, f64)> = None;
    for o in others {
        let c = if is_gold {
            coverage(q, o)
        } else {
            coverage(o, q)
        };
        if c > 0.0 && best.is_none_or(|(_, b)| c > b) {
            best = Some((o, c));
        }
    }
    match best {
        Some((o, c)) if is_gold => format!(
            " (prediction {}..{} covers {:.0}% of it)",
            o.hull.start,
            o.hull.end,
            100.0 * c
        ),
        Some((o, c)) => format!(
            " (covers {:.0}% of gold {}..{})",
            100.0 * c,
            o.hull.start,
            o.hull.end
        ),
        None => String::new(),
    }
}

/// Write the error listing: per document, missed gold quotes and false alarms with their
/// content, cue and source, then the pairs (under cov>=0.5) whose source, cue or content
/// ends differ from the gold, with both versions.
pub(super) fn details(
    out: &mut impl Write,
    set: &str,
    docs: &[Doc],
    preds: &Preds,
    pairs: &[Vec<(usize, usize)>],
    jsonl: bool,
) -> std::io::Result<()> {
    let empty = Vec::new();
    let mut totals = [0usize; 6]; // missed, false alarms, wrong source, wrong cue, boundary, pairs
    let mut body = Vec::new();
    for ((doc, ps), pairs) in docs.iter().zip(preds).zip(pairs) {
        let data = doc.data();
        let has_record = ps.is_some();
        let ps = ps.as_ref().unwrap_or(&empty);
        let paired_g: Vec<bool> = (0..doc.gold.len())
            .map(|i| pairs.iter().any(|&(g, _)| g == i))
            .collect();
        let paired_p: Vec<bool> = (0..ps.len())
            .map(|i| pairs.iter().any(|&(_, p)| p == i))
            .collect();
        let missed: Vec<&Quote> = doc
            .gold
            .iter()
            .zip(&paired_g)
            .filter(|(_, paired)| !**paired)
            .map(|(q, _)| q)
            .collect();
        let false_alarms: Vec<&Quote> = ps
            .iter()
            .zip(&paired_p)
            .filter(|(_, paired)| !**paired)
            .map(|(q, _)| q)
            .collect();
        let flawed: Vec<(&Quote, &Quote, Flaws)> = pairs
            .iter()
            .map(|&(g, p)| {
                let (g, p) = (&doc.gold[g], &ps[p]);
                (g, p, Flaws::of(data, g, p))
            })
            .filter(|(_, _, f)| f.any())
            .collect();
        totals[0] += missed.len();
        totals[1] += false_alarms.len();
        totals[2] += flawed.iter().filter(|(_, _, f)| f.source).count();
        totals[3] += flawed.iter().filter(|(_, _, f)| f.cue).count();
        totals[4] += flawed.iter().filter(|(_, _, f)| f.boundary).count();
        totals[5] += pairs.len();
        if jsonl {
            let record = serde_json::json!({
                "set": set,
                "doc": doc.name,
                "criterion": DETAIL_CRITERION,
                "n_gold": doc.gold.len(),
                "n_pred": ps.len(),
                "n_pairs": pairs.len(),
                "missed": missed.iter().map(|q| part_json(data, q)).collect::<Vec<_>>(),
                "false_alarms": false_alarms.iter().map(|q| part_json(data, q)).collect::<Vec<_>>(),
                "wrong_pairs": flawed.iter().map(|(g, p, f)| serde_json::json!({
                    "gold": part_json(data, g),
                    "pred": part_json(data, p),
                    "source_wrong": f.source,
                    "cue_wrong": f.cue,
                    "boundary": f.boundary,
                })).collect::<Vec<_>>(),
            });
            writeln!(body, "{record}")?;
            continue;
        }
        writeln!(
            body,
            "\n== {}{}: {} gold, {} predicted, {} paired; {} missed, {} false alarms, {} pairs with something wrong",
            doc.name,
            if has_record { "" } else { " (no record)" },
            doc.gold.len(),
            ps.len(),
            pairs.len(),
            missed.len(),
            false_alarms.len(),
            flawed.len()
        )?;
        for (label, quotes, others, is_gold) in [
            ("MISSED", &missed, ps.as_slice(), true),
            ("FALSE ALARM", &false_alarms, doc.gold.as_slice(), false),
        ] {
            for q in quotes.iter() {
                let near = nearest(data, q, others, is_gold);
                let (start, end) = (q.hull.start, q.hull.end);
                writeln!(body, "{label} {} {start}..{end}{near}", kind(q))?;
                writeln!(body, "  content: {}", show(data, Some(&q.content)))?;
                writeln!(body, "  cue:     {}", show(data, q.cue.as_deref()))?;
                writeln!(body, "  source:  {}", show(data, q.source.as_deref()))?;
            }
        }
        for (g, p, f) in &flawed {
            writeln!(
                body,
                "PAIR {} gold {}..{} pred {}..{}: {}",
                kind(g),
                g.hull.start,
                g.hull.end,
                p.hull.start,
                p.hull.end,
                f.describe()
            )?;
            writeln!(body, "  gold content: {}", show(data, Some(&g.content)))?;
            if f.boundary {
                writeln!(body, "  pred content: {}", show(data, Some(&p.content)))?;
            }
            if f.cue {
                writeln!(
                    body,
                    "  cue:    gold {}  |  pred {}",
                    show(data, g.cue.as_deref()),
                    show(data, p.cue.as_deref())
                )?;
            }
            if f.source {
                writeln!(
                    body,
                    "  source: gold {}  |  pred {}",
                    show(data, g.source.as_deref()),
                    show(data, p.source.as_deref())
                )?;
            }
        }
    }
    if !jsonl {
        let names: Vec<&str> = CRITERIA.iter().map(|(n, _)| *n).collect();
        writeln!(
            out,
            "# {set}: errors under {DETAIL_CRITERION} (criteria scored: {})",
            names.join(", ")
        )?;
        writeln!(
            out,
            "# {} pairs; {} gold quotes missed, {} false alarms; among the pairs {} wrong sources, {} wrong cues, {} content boundaries",
            totals[5], totals[0], totals[1], totals[2], totals[3], totals[4]
        )?;
        writeln!(
            out,
            "# wrong = not equal to the gold after trimming spaces, punctuation and quotation marks (\"-\" = none); spans are bytes"
        )?;
    }
    out.write_all(&body)
}
