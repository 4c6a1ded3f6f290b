#!/usr/bin/env python3
"""Time whosaid.extract_batch on a JSONL corpus (id, url, date, text): documents per
CPU-second (user + system of the process, every thread) and per wall second.

    python bench/python_batch.py CORPUS.jsonl THREADS [RUNS]

Loading the corpus into Arrow is outside the timing (it is the caller's data already);
the figures are the best of RUNS calls. Prints one JSON line.
"""

import json
import os
import sys
import time

import pyarrow.json

import whosaid


def main() -> None:
    corpus, threads = sys.argv[1], int(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    table = pyarrow.json.read_json(corpus)
    best = None
    for _ in range(runs):
        cpu0, wall0 = os.times(), time.perf_counter()
        out = whosaid.extract_batch(table, threads=threads)
        cpu1, wall1 = os.times(), time.perf_counter()
        cpu = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)
        if best is None or cpu < best["cpu_seconds"]:
            best = {"cpu_seconds": cpu, "wall_seconds": wall1 - wall0}
    meta = {k.decode(): int(v) for k, v in out.schema.metadata.items()}
    statements = sum(1 for k in out.column("kind").to_pylist() if k is not None)
    print(json.dumps({
        "documents": table.num_rows,
        "failed": meta["whosaid:failed"],
        "statements": statements,
        "threads": threads,
        **best,
    }))


if __name__ == "__main__":
    main()
