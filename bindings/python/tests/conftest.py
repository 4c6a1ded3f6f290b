"""Shared fixtures: the repository's example articles, the whosaid CLI to compare with, and
a WARC file written here in the shape of Common Crawl's news crawl."""

from __future__ import annotations

import gzip
import html
import json
import os
import subprocess
from pathlib import Path
from typing import List, Optional

import pytest

ROOT = Path(__file__).resolve().parents[3]
ARTICLES = ROOT / "examples" / "articles"
SEED = ARTICLES / "ap-trump-putin-2025-01-31.txt"
READ_FIXTURES = ROOT / "crates" / "whosaid-read" / "tests" / "fixtures"


def cli_binary() -> Path:
    """The `whosaid` binary `cargo build --release` made (ci.sh builds it first)."""
    binary = Path(os.environ.get("WHOSAID_CLI", ROOT / "target" / "release" / "whosaid"))
    if not binary.exists():
        raise RuntimeError(
            f"{binary} is missing: run `cargo build --release -p whosaid-cli` at the root "
            "(or set WHOSAID_CLI)"
        )
    return binary


def cli_records(*paths: str, cwd: Path = ROOT) -> List[dict]:
    """`whosaid extract --format jsonl PATHS` as a list of records. The CLI exits 1 when a
    document fails, which some inputs here are meant to do."""
    run = subprocess.run(
        [str(cli_binary()), "extract", "--format", "jsonl", *paths],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def warc_record(kind: str, n: int, uri: Optional[str], content_type: str, block: bytes) -> bytes:
    fields = [
        ("WARC-Type", kind),
        ("WARC-Date", "2025-06-02T08:00:00Z"),
        ("WARC-Record-ID", f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"),
    ]
    if uri:
        fields.append(("WARC-Target-URI", uri))
    if content_type:
        fields.append(("Content-Type", content_type))
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields)
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return head.encode() + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def page_of_text(path: Path) -> bytes:
    """A plain-text article as the HTML page a site would serve: first line the headline,
    blank-line separated paragraphs."""
    paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    headline, body = paragraphs[0].splitlines()[0], paragraphs[1:]
    items = "".join(f"<p>{html.escape(p)}</p>\n" for p in body)
    return (
        f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(headline)}"
        f"</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>{html.escape(headline)}"
        f"</h1>\n{items}</article><footer>© Example News</footer></body></html>"
    ).encode()


def write_warc(path: Path) -> Path:
    """A gzipped WARC, one member per record: warcinfo, then a request and a response for
    each page, one response whose body is a PNG image (an error), and a metadata record."""
    pages = [
        ("https://news.example.com/2025/01/31/trump-putin", page_of_text(SEED)),
        ("https://courier.example.com/council-vote", (ARTICLES / "written-council-vote.html").read_bytes()),
        ("https://news.example.com/harbour-strike", page_of_text(ARTICLES / "written-harbour-strike.txt")),
        ("https://news.example.com/photo", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
    ]
    records = [warc_record("warcinfo", 1, None, "application/warc-fields", b"software: whosaid tests\r\n")]
    n = 2
    for uri, body in pages:
        request = f"GET / HTTP/1.1\r\nHost: {uri.split('/')[2]}\r\n\r\n".encode()
        records.append(warc_record("request", n, uri, "application/http; msgtype=request", request))
        records.append(warc_record("response", n + 1, uri, "application/http; msgtype=response", http_response(body)))
        n += 2
    records.append(warc_record("metadata", n, "https://news.example.com/photo", "application/warc-fields", b"fetchTimeMs: 12\r\n"))
    path.write_bytes(b"".join(gzip.compress(r) for r in records))
    return path


@pytest.fixture(scope="session")
def warc_file(tmp_path_factory) -> Path:
    return write_warc(tmp_path_factory.mktemp("warc") / "news.warc.gz")


@pytest.fixture(scope="session")
def jsonl_file(tmp_path_factory) -> Path:
    """Articles with url and date fields, a line that is not JSON and a line without a
    page between them, and a line with HTML."""
    lines = [
        json.dumps({"id": "seed", "url": "https://news.example.com/seed", "date": "2025-01-31",
                    "text": SEED.read_text(encoding="utf-8")}),
        "{not json",
        json.dumps({"id": "strike", "title": "Harbour strike", "date": "2025-03-04T09:30:00",
                    "text": (ARTICLES / "written-harbour-strike.txt").read_text(encoding="utf-8")}),
        json.dumps({"id": "nothing", "url": "https://news.example.com/nothing"}),
        json.dumps({"id": "council", "url": "https://courier.example.com/council-vote",
                    "html": (ARTICLES / "written-council-vote.html").read_text(encoding="utf-8")}),
    ]
    path = tmp_path_factory.mktemp("jsonl") / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def part_tuples(parts) -> List[tuple]:
    """Spans as (start, end, text): dicts (pyarrow, JSON) and Spark Rows alike."""
    return [(p["start"], p["end"], p["text"]) for p in parts]


def statement_tuples(record: dict) -> List[tuple]:
    """The statements of a record, as the columns extract_batch gives them: `parts` is
    the record's, or the content span alone when the record has none (one piece)."""
    out = []
    for position, q in enumerate(record["quotes"]):
        span = lambda s: (s["text"], s["start"], s["end"]) if s else (None, None, None)  # noqa: E731
        speaker = q["speaker"]["name"] if q["speaker"] else None
        parts = part_tuples(q.get("parts") or [q["content"]])
        out.append((position, q["kind"], *span(q["content"]), parts, *span(q["cue"]),
                    *span(q["source"]), speaker))
    return out


def batch_tuples(rows: List[dict]) -> List[tuple]:
    """Rows of an extract_batch output, as statement_tuples gives a record's."""
    return [
        (r["position"], r["kind"], r["content"], r["content_start"], r["content_end"],
         part_tuples(r["parts"]), r["cue"], r["cue_start"], r["cue_end"], r["source"],
         r["source_start"], r["source_end"], r["speaker"])
        for r in rows
        if r["kind"] is not None
    ]
