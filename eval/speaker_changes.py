#!/usr/bin/env python3
"""Which speaker names changed between two runs of `whosaid extract --format jsonl`.

    python3 eval/speaker_changes.py BEFORE.jsonl AFTER.jsonl [--show N]

PolNeAR's gold has sources, not names, so a change to who a source resolves to moves no
score; this lists the statements (same path and content span in both runs) whose
`speaker.name` differs, with the text before the source, so that each change can be read
and judged. Prints a count line at the end. Plain Python 3, standard library only.
"""
import argparse
import json


def statements(path):
    found = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            for q in record.get("quotes") or []:
                key = (record["path"], q["content"]["start"], q["content"]["end"])
                found[key] = (q.get("source"), (q.get("speaker") or {}).get("name"))
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--show", type=int, default=50, help="changes to print (default 50)")
    args = ap.parse_args()
    before, after = statements(args.before), statements(args.after)
    changed = [k for k in before if k in after and before[k][1] != after[k][1]]
    for path, start, end in changed[: args.show]:
        source, old = before[(path, start, end)]
        new = after[(path, start, end)][1]
        context = ""
        if source:
            try:
                with open(path, "rb") as f:
                    raw = f.read()
                lo = max(0, source["start"] - 150)
                context = raw[lo : source["end"] + 30].decode("utf-8", "replace")
                context = context.replace("\n", " ¶ ")
            except OSError:
                pass
        print(f"{old!r} -> {new!r} :: {path.rsplit('/', 1)[-1][:40]} :: {context}")
    common = len(set(before) & set(after))
    print(
        f"changed {len(changed)} of {common} statements in both runs; "
        f"{len(set(before) - set(after))} only before, {len(set(after) - set(before))} only after"
    )


if __name__ == "__main__":
    main()
