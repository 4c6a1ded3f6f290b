#!/usr/bin/env python3
"""The Python trafilatura peer: read HTML pages, print one FORMAT.md-shaped record per line.

    python3 trafilatura_extract.py PAGE.html[.gz]...  > pred.jsonl

Runs `trafilatura.bare_extraction(html, with_metadata=True)` with trafilatura's defaults,
one page after the other on one thread, and maps its fields onto the record whosaid prints:
title -> article.headline, author -> article.byline, date -> article.published,
text -> article.body. A page trafilatura cannot read gives a record with `error` set.
Needs `pip install trafilatura lxml_html_clean` (see eval/extraction.sh).
"""

from __future__ import annotations

import gzip
import json
import sys

import trafilatura


def load(path: str) -> bytes:
    with open(path, "rb") as f:
        data = f.read()
    return gzip.decompress(data) if path.endswith(".gz") else data


def field(result, name):
    if isinstance(result, dict):
        return result.get(name)
    return getattr(result, name, None)


def record(path: str) -> dict:
    try:
        html = load(path)
        result = trafilatura.bare_extraction(html, with_metadata=True)
    except Exception as e:  # a peer that crashes on one page still scores the others
        return {"path": path, "error": f"{type(e).__name__}: {e}", "article": None}
    if result is None:
        return {"path": path, "error": "trafilatura extracted nothing", "article": None}
    return {
        "path": path,
        "error": None,
        "offsets": "body",
        "article": {
            "headline": field(result, "title"),
            "byline": field(result, "author"),
            "published": field(result, "date"),
            "body": field(result, "text") or "",
        },
    }


def main(paths: list[str]) -> int:
    out = sys.stdout
    for path in paths:
        out.write(json.dumps(record(path), ensure_ascii=False) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
