#!/usr/bin/env python3
"""Stray one-word entities that are a person's surname, in `whosaid extract --format jsonl`.

    python3 eval/stray_surnames.py RECORDS.jsonl [--show N]

A place or organization named with one word ("Trump", "Clinton") in a record whose
people include exactly one person with a fuller name ending in that word ("Donald Trump")
is most likely that person, typed wrongly by the entity tagger. Counts such entities by
type; with --show, lists the first N with the person they match. Plain Python 3,
standard library only.
"""
import argparse
import collections
import json


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("records")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    counts = collections.Counter()
    shown = 0
    with open(args.records, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            entities = record.get("entities") or []
            people = [e["name"] for e in entities if e["type"] == "person" and " " in e["name"]]
            for e in entities:
                if e["type"] == "person" or " " in e["name"]:
                    continue
                fuller = [p for p in people if p.endswith(" " + e["name"])]
                if len(fuller) != 1:
                    continue
                counts[e["type"]] += 1
                if shown < args.show:
                    shown += 1
                    print(f"{record.get('path')}: {e['type']} {e['name']!r} ~ {fuller[0]!r}")
    total = sum(counts.values())
    by_type = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items()))
    print(f"{total} stray one-word entities that are a person's surname ({by_type})")


if __name__ == "__main__":
    main()
