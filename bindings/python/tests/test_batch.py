"""whosaid.extract_batch: Arrow in, one row per statement out, broken documents as error
rows."""

from __future__ import annotations

import datetime

import pyarrow as pa
import pytest

import whosaid
from conftest import ARTICLES, SEED, batch_tuples, cli_records, statement_tuples

STRIKE = (ARTICLES / "written-harbour-strike.txt").read_text(encoding="utf-8")
COUNCIL = (ARTICLES / "written-council-vote.html").read_text(encoding="utf-8")
SEED_TEXT = SEED.read_text(encoding="utf-8")
NO_STATEMENT = "Bridge reopens\n\nThe old river bridge reopened to traffic on Monday after two years of repairs.\n"
LEGACY = "Caf\u00e9 owners protest\n\n\u201cWe cannot pay these rents,\u201d caf\u00e9 owner Ren\u00e9 Dubois said on Monday.\n"
INTERRUPTED = (
    "Harbour talks near a deal\n\n"
    "\u201cWe are close,\u201d union leader Marta Silva said on Tuesday. \u201cVery close.\u201d\n\n"
    "\u201cThe port will stay open,\u201d harbour director Jon Berg said.\n"
)
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


def rows_of(batch: pa.RecordBatch, row: int) -> list:
    return [r for r in batch.to_pylist() if r["row"] == row]


def counts(batch: pa.RecordBatch) -> dict:
    meta = batch.schema.metadata
    return {k.decode().split(":")[1]: int(v) for k, v in meta.items() if k.startswith(b"whosaid:")}


def test_statements_are_those_of_extract_one_row_each():
    texts = [SEED_TEXT, STRIKE, NO_STATEMENT]
    batch = pa.record_batch({"text": texts, "url": [None, "https://news.example.com/strike", None]})
    out = whosaid.extract_batch(batch)
    assert out.schema.names == whosaid.statement_schema().names
    for row, text in enumerate(texts):
        record = whosaid.extract(text=text)
        rows = rows_of(out, row)
        assert batch_tuples(rows) == statement_tuples(record)
        assert all(r["id"] == record["id"] and r["offsets"] == "input" for r in rows)
    assert rows_of(out, 0)[0]["headline"] == whosaid.extract(text=SEED_TEXT)["article"]["headline"]
    assert {r["url"] for r in rows_of(out, 1)} == {"https://news.example.com/strike"}
    # The document without statements gives no row but is counted.
    assert rows_of(out, 2) == []
    assert counts(out) == {"documents": 3, "failed": 0, "without_statements": 1}


def test_parts_are_the_records_parts_or_the_one_content_span(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_text(INTERRUPTED, encoding="utf-8")
    (record,) = cli_records(str(path))
    interrupted, whole = record["quotes"]
    # The record: the first quotation is cut by its attribution, the second is one piece.
    assert [p["text"] for p in interrupted["parts"]] == ["\u201cWe are close,\u201d", "\u201cVery close.\u201d"]
    assert interrupted["content"]["start"] == interrupted["parts"][0]["start"]
    assert interrupted["content"]["end"] == interrupted["parts"][-1]["end"]
    assert "parts" not in whole

    out = whosaid.extract_batch(pa.record_batch({"text": [INTERRUPTED, "", NO_STATEMENT]}), keep_empty=True)
    span = pa.struct([pa.field("start", pa.int64(), False), pa.field("end", pa.int64(), False),
                      pa.field("text", pa.string(), False)])
    assert out.schema.field("parts").type == pa.list_(pa.field("item", span, False))
    assert out.schema.names.index("parts") == out.schema.names.index("content_end") + 1
    first, second = rows_of(out, 0)
    assert first["parts"] == interrupted["parts"]
    assert second["parts"] == [whole["content"]]
    assert second["parts"][0]["text"] == second["content"]
    data = INTERRUPTED.encode()
    for part in first["parts"] + second["parts"]:
        assert data[part["start"] : part["end"]].decode() == part["text"]
    # No statement, no parts: null for an error row and for a kept empty document.
    (error,) = rows_of(out, 1)
    (empty,) = rows_of(out, 2)
    assert error["error"] and error["parts"] is None
    assert empty["error"] is None and empty["parts"] is None


def test_broken_documents_become_error_rows_and_the_rest_is_kept():
    huge = b"The mayor said nothing of note. " * (MAX_DOCUMENT_BYTES // 32 + 1)
    pages = [
        SEED_TEXT.encode(),
        LEGACY.encode("windows-1252"),  # invalid UTF-8: decoded as the CLI decodes a file
        b"",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        b"\x00\x01\x02\x03" * 1000,
        huge,
        STRIKE.encode(),
        None,
    ]
    out = whosaid.extract_batch(pa.record_batch({"text": pa.array(pages, pa.binary())}))
    errors = {r["row"]: r["error"] for r in out.to_pylist() if r["error"]}
    assert sorted(errors) == [2, 3, 4, 5, 7]
    assert "empty" in errors[2]
    assert "PNG" in errors[3]
    assert "binary" in errors[4] or "not text" in errors[4]
    assert "limit" in errors[5]
    assert "no \"text\" and no \"html\"" in errors[7]
    for row in errors:
        (error_row,) = rows_of(out, row)
        assert error_row["kind"] is None and error_row["id"] is None
    assert batch_tuples(rows_of(out, 0)) == statement_tuples(whosaid.extract(text=SEED_TEXT))
    assert batch_tuples(rows_of(out, 6)) == statement_tuples(whosaid.extract(text=STRIKE))
    # The Windows-1252 bytes read as the text they encode, accents included.
    (legacy,) = rows_of(out, 1)
    assert "Ren\u00e9 Dubois" in legacy["speaker"]
    assert batch_tuples([legacy]) == statement_tuples(whosaid.extract(text=LEGACY))
    assert counts(out)["failed"] == 5 and counts(out)["documents"] == 8


def test_a_huge_str_cell_is_an_error_row_not_minutes_of_work():
    huge = "The mayor said nothing of note. " * (MAX_DOCUMENT_BYTES // 32 + 1)
    out = whosaid.extract_batch(pa.record_batch({"text": [huge, STRIKE]}))
    (error,) = rows_of(out, 0)
    assert "more than the limit of 64 MB" in error["error"]
    assert batch_tuples(rows_of(out, 1)) == statement_tuples(whosaid.extract(text=STRIKE))


def test_html_column_offsets_point_into_the_body():
    out = whosaid.extract_batch(pa.record_batch({"text": [None, STRIKE], "html": [COUNCIL, None]}))
    record = whosaid.extract(html=COUNCIL)
    rows = rows_of(out, 0)
    assert batch_tuples(rows) == statement_tuples(record)
    body = record["article"]["body"].encode()
    for r in rows:
        assert r["offsets"] == "body"
        assert body[r["content_start"] : r["content_end"]].decode() == r["content"]


def test_text_wins_over_html_and_blank_cells_say_so():
    out = whosaid.extract_batch(
        pa.record_batch({"text": [STRIKE, "  ", "  "], "html": [COUNCIL, COUNCIL, None]})
    )
    assert batch_tuples(rows_of(out, 0)) == statement_tuples(whosaid.extract(text=STRIKE))
    assert batch_tuples(rows_of(out, 1)) == statement_tuples(whosaid.extract(html=COUNCIL))
    (blank,) = rows_of(out, 2)
    assert blank["error"] == 'row 2 has an empty "text" column'


def test_date_columns_of_arrow_types_are_publication_dates():
    text = "Harbour talks to resume\n\n\u201cWe will be back on Friday,\u201d union leader Marta Silva said.\n"
    dates = [datetime.date(2025, 6, 3), None]
    out = whosaid.extract_batch(pa.record_batch({"text": [text, text], "date": pa.array(dates, pa.date32())}))
    assert rows_of(out, 0)[0]["published"].startswith("2025-06-03")
    assert rows_of(out, 1)[0]["published"] is None
    stamps = pa.array([datetime.datetime(2025, 6, 3, 14, 15)], pa.timestamp("s"))
    out = whosaid.extract_batch(pa.record_batch({"text": [text], "published": stamps}), date_column="published")
    assert out.column("published")[0].as_py().startswith("2025-06-03T14:15")


def test_tables_lists_of_dicts_and_thread_counts_give_the_same_rows():
    docs = [{"text": t, "key": f"doc-{i}"} for i, t in enumerate([SEED_TEXT, STRIKE, LEGACY] * 3)]
    table = pa.Table.from_batches(
        [pa.RecordBatch.from_pylist(docs[:4]), pa.RecordBatch.from_pylist(docs[4:])]
    )
    one_thread = whosaid.extract_batch(docs, threads=1, keep=["key"])
    assert one_thread.column("key").to_pylist() == [f"doc-{r}" for r in one_thread.column("row").to_pylist()]
    assert set(one_thread.column("row").to_pylist()) == set(range(9))
    for other in (whosaid.extract_batch(table, threads=2, keep=["key"]), whosaid.extract_batch(docs, keep=["key"])):
        assert other.to_pylist() == one_thread.to_pylist()


def test_keep_empty_gives_documents_without_statements_a_row():
    out = whosaid.extract_batch([{"text": NO_STATEMENT}, {"text": STRIKE}], keep_empty=True)
    (empty,) = rows_of(out, 0)
    assert empty["error"] is None and empty["kind"] is None and empty["id"]
    assert len(rows_of(out, 1)) == len(whosaid.extract(text=STRIKE)["quotes"])


def test_an_error_column_marks_documents_that_failed_upstream():
    out = whosaid.extract_batch([{"text": None, "error": "cannot read x.warc: permission denied"}, {"text": STRIKE, "error": None}])
    assert rows_of(out, 0)[0]["error"] == "cannot read x.warc: permission denied"
    assert rows_of(out, 1) and rows_of(out, 1)[0]["error"] is None


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: whosaid.extract_batch(pa.record_batch({"body": ["x"]})), 'no "text" column and no "html" column'),
        (lambda: whosaid.extract_batch(pa.record_batch({"text": [1, 2]})), 'column "text" holds Int64'),
        (lambda: whosaid.extract_batch([{"text": STRIKE}], threads=0), "threads is at least 1"),
        (lambda: whosaid.extract_batch("text"), "not str"),
        (lambda: whosaid.extract_batch([{"text": STRIKE}], keep=["nope"]), "no such column"),
    ],
)
def test_batches_that_cannot_be_read_raise_a_sentence(call, message):
    with pytest.raises(whosaid.WhosaidError, match=message):
        call()


def test_an_empty_batch_gives_an_empty_batch():
    out = whosaid.extract_batch(pa.record_batch({"text": pa.array([], pa.string())}))
    assert out.num_rows == 0 and counts(out)["documents"] == 0


def test_other_python_threads_run_while_a_batch_is_analysed():
    import threading
    import time

    batch = pa.record_batch({"text": [SEED_TEXT] * 40})
    done = {}

    def analyse():
        start = time.perf_counter()
        done["rows"] = whosaid.extract_batch(batch, threads=1).num_rows
        done["seconds"] = time.perf_counter() - start

    worker = threading.Thread(target=analyse)
    worker.start()
    spins = 0
    while worker.is_alive():
        spins += 1
    worker.join()
    assert done["rows"] > 0
    # Holding the GIL for the whole call would leave this loop a few switch intervals
    # (5 ms each) at most; released, it spins the whole time.
    assert done["seconds"] > 0.05
    assert spins > 50_000 * done["seconds"]
