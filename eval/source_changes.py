#!/usr/bin/env python3
"""Sources of `whosaid extract --format jsonl` records judged against PolNeAR's gold spans.

    python3 eval/source_changes.py changed BEFORE.jsonl AFTER.jsonl GOLD.jsonl TEXTS [--show N]
    python3 eval/source_changes.py missing RECORDS.jsonl GOLD.jsonl TEXTS [--show N]
    python3 eval/source_changes.py participles RECORDS.jsonl GOLD.jsonl TEXTS [--show N]

`changed` lists the statements (same file and content span in both runs) whose source text
differs, each judged against the gold attribution that overlaps its content most: "right"
when the new source and the gold source contain one another, "wrong" when they do not,
"gold-none" when the gold attribution has no source, "no-gold" when no gold attribution
overlaps. `missing` counts the statements that have a cue but no source, split the same
way by whether the gold gives one. `participles` judges the source of every statement
whose cue is a participle right after a comma ("…, saying"), "none" when it has none.

GOLD is a gold.jsonl with `source_ranges` (or `source`) byte ranges per attribution, as
`eval/attribution.sh` writes for train (target/eval/attribution/polnear-train/gold.jsonl)
and ../shared/eval/polnear-dev/gold.jsonl holds for dev; TEXTS is the split's text folder.
Records may come from `whosaid extract` or from `whosaid-eval cross-validate-attribution
--out DIR` (out of fold). Plain Python 3, standard library only.
"""
import argparse
import collections
import json
import os


def statements(path):
    """(file name, content start, content end) -> quote, for every record's quotes."""
    found = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            name = os.path.basename(record["path"])
            for q in record.get("quotes") or []:
                found[(name, q["content"]["start"], q["content"]["end"])] = q
    return found


def gold_attributions(path):
    with open(path, encoding="utf-8") as f:
        return {d["doc"]: d["quotes"] for d in map(json.loads, f)}


def gold_source(gold, texts, key):
    """The source text of the gold attribution overlapping the content most: a string,
    None when it has no source, or the string "<no gold>" when none overlaps."""
    name, start, end = key
    best = None
    for g in gold.get(name, []):
        overlap = min(end, g["content"][-1][1]) - max(start, g["content"][0][0])
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, g)
    if best is None:
        return "<no gold>"
    g = best[1]
    ranges = g.get("source_ranges") or ([g["source"]] if g.get("source") else [])
    if not ranges:
        return None
    with open(os.path.join(texts, name), "rb") as f:
        text = f.read()
    return " ".join(text[a:b].decode("utf-8", "replace") for a, b in ranges)


def verdict(source, gold):
    if gold == "<no gold>":
        return "no-gold"
    if gold is None:
        return "gold-none"
    if source and (source in gold or gold in source):
        return "right"
    return "wrong"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    changed = sub.add_parser("changed")
    changed.add_argument("before")
    changed.add_argument("after")
    missing = sub.add_parser("missing")
    missing.add_argument("records")
    participles = sub.add_parser("participles")
    participles.add_argument("records")
    for p in (changed, missing, participles):
        p.add_argument("gold")
        p.add_argument("texts")
        p.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    gold = gold_attributions(args.gold)
    counts = collections.Counter()
    shown = 0
    if args.mode == "changed":
        before, after = statements(args.before), statements(args.after)
        for key, q in after.items():
            if key not in before:
                continue
            old = (before[key].get("source") or {}).get("text")
            new = (q.get("source") or {}).get("text")
            if old == new:
                continue
            g = gold_source(gold, args.texts, key)
            v = verdict(new, g)
            counts[v] += 1
            if shown < args.show:
                shown += 1
                cue = (q.get("cue") or {}).get("text")
                print(f"{v}: {key[0]}: {old!r} -> {new!r} (gold {g!r}, cue {cue!r})")
        print(f"{sum(counts.values())} sources changed: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))
    elif args.mode == "participles":
        for key, q in statements(args.records).items():
            cue = q.get("cue")
            if not cue or not cue["text"].split()[0].lower().endswith("ing"):
                continue
            with open(os.path.join(args.texts, key[0]), "rb") as f:
                if not f.read()[: cue["start"]].rstrip().endswith(b","):
                    continue
            source = (q.get("source") or {}).get("text")
            g = gold_source(gold, args.texts, key)
            v = "none" if source is None and g not in (None, "<no gold>") else verdict(source, g)
            counts[v] += 1
            if shown < args.show and v in ("wrong", "none"):
                shown += 1
                print(f"{v}: {key[0]}: {source!r} (gold {g!r}, cue {cue['text']!r})")
        print(f"{sum(counts.values())} participle cues after a comma: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))
    else:
        for key, q in statements(args.records).items():
            if q.get("source") or not q.get("cue"):
                continue
            g = gold_source(gold, args.texts, key)
            v = "no-gold" if g == "<no gold>" else ("gold-none" if g is None else "gold has a source")
            counts[v] += 1
            if shown < args.show and v == "gold has a source":
                shown += 1
                print(f"{key[0]}: cue {q['cue']['text']!r}, gold source {g!r}")
        print(f"{sum(counts.values())} statements with a cue and no source: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))


if __name__ == "__main__":
    main()
