"""whosaid.read: files and containers to documents, as `whosaid extract` reads them."""

from __future__ import annotations

import pyarrow as pa

import whosaid
from conftest import ARTICLES, READ_FIXTURES, batch_tuples, cli_records, statement_tuples


def test_warc_documents_are_the_cli_documents(warc_file):
    cli = cli_records(str(warc_file))
    documents = whosaid.read(str(warc_file))
    items = list(documents)
    assert [d["path"] for d in items] == [r["path"] for r in cli]
    assert [d["error"] for d in items] == [r["error"] for r in cli]
    assert [d["id"] for d in items] == [r["id"] for r in cli]
    read = [d for d in items if d["error"] is None]
    assert len(read) == 3  # three pages; the PNG response is an error item
    assert all(d["html"] and d["text"] is None and d["body"] for d in read)
    assert read[1]["url"] == "https://courier.example.com/council-vote"
    assert "PNG" in next(d["error"] for d in items if d["error"])
    # warcinfo, four requests and the metadata record hold no page.
    assert documents.skipped == 6


def test_jsonl_bad_lines_are_error_items_and_reading_goes_on(jsonl_file):
    cli = cli_records(str(jsonl_file))
    items = list(whosaid.read(jsonl_file))  # a pathlib.Path is a path too
    assert [d["path"] for d in items] == [r["path"] for r in cli]
    assert [d["error"] for d in items] == [r["error"] for r in cli]
    assert [d["path"].split("#")[1] for d in items if d["error"] is None] == ["seed", "strike", "council"]
    seed = items[0]
    assert seed["url"] == "https://news.example.com/seed"
    assert seed["text"] and seed["html"] is None and seed["offsets"] == "input"
    assert items[2]["title"]


def test_committed_fixtures_and_a_missing_file_read_like_the_cli(tmp_path):
    paths = [
        str(READ_FIXTURES / "warc" / "news.warc.gz"),
        str(READ_FIXTURES / "jsonl" / "bad-lines.jsonl"),
        str(tmp_path / "missing.warc"),
        str(ARTICLES),
    ]
    cli = cli_records(*paths)
    items = list(whosaid.read(paths))
    assert [(d["path"], d["error"]) for d in items] == [(r["path"], r["error"]) for r in cli]
    assert any("no such file" in (d["error"] or "") for d in items)
    assert sum(1 for d in items if d["path"].startswith(str(ARTICLES))) == 3


def test_read_documents_analysed_in_a_batch_give_the_cli_statements(warc_file, jsonl_file):
    paths = [str(warc_file), str(jsonl_file), str(READ_FIXTURES / "warc" / "news.warc.gz")]
    cli = cli_records(*paths)
    documents = list(whosaid.read(paths))
    out = whosaid.extract_batch(
        pa.Table.from_pylist(documents), date_column="published", keep=["path"]
    )
    rows = out.to_pylist()
    statements = 0
    for record in cli:
        mine = [r for r in rows if r["path"] == record["path"]]
        if record["error"]:
            assert [r["error"] for r in mine] == [record["error"]]
        else:
            assert batch_tuples(mine) == statement_tuples(record), record["path"]
            assert all(r["id"] == record["id"] for r in mine)
            statements += len(record["quotes"])
    assert statements > 20 and out.num_rows == statements + sum(1 for r in cli if r["error"])


def test_a_path_of_the_wrong_type_is_refused():
    import pytest

    with pytest.raises(whosaid.WhosaidError, match="a path"):
        whosaid.read(42)
