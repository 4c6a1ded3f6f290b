"""whosaid on Spark (local[2]): the example job and whosaid.spark.statements give the
statements `whosaid extract` gives on the same files."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pyarrow.dataset as ds
import pytest

import whosaid
from conftest import ARTICLES, READ_FIXTURES, ROOT, SEED, batch_tuples, cli_records, statement_tuples

import pyspark  # noqa: F401,E402  (ci.sh installs it: a missing pyspark fails the run)
import whosaid.spark  # noqa: E402  (needs pyspark)

JOB = ROOT / "examples" / "spark_statements.py"
SPARK_ENV = {
    **os.environ,
    # The executors' Python is this one, with whosaid installed.
    "PYSPARK_PYTHON": sys.executable,
    "PYSPARK_DRIVER_PYTHON": sys.executable,
}


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.update({k: SPARK_ENV[k] for k in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON")})
    session = (
        SparkSession.builder.master("local[2]")
        .appName("whosaid-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # Small Arrow batches, so that one DataFrame crosses into Python in several.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_the_example_job_writes_the_cli_statements_partitioned_by_date(tmp_path, warc_file, jsonl_file):
    inputs = [str(warc_file), str(jsonl_file), str(READ_FIXTURES / "jsonl" / "bad-lines.jsonl")]
    output = tmp_path / "statements"
    run = subprocess.run(
        [sys.executable, str(JOB), "--master", "local[2]", "--batch-documents", "2",
         "--output", str(output), *inputs],
        env=SPARK_ENV, capture_output=True, text=True, timeout=600, check=False,
    )
    assert run.returncode == 0, run.stderr[-4000:]

    rows = ds.dataset(output, format="parquet", partitioning="hive").to_table().to_pylist()
    cli = cli_records(*inputs)
    statements = sum(len(r["quotes"]) for r in cli)
    failed = [r for r in cli if r["error"]]
    assert statements > 20 and failed
    assert sum(1 for r in rows if r["kind"] is not None) == statements
    assert f"{statements} statements" in run.stderr
    for record in cli:
        mine = sorted((r for r in rows if r["path"] == record["path"]), key=lambda r: r["position"] or 0)
        if record["error"]:
            assert [r["error"] for r in mine] == [record["error"]]
            assert {r["date"] for r in mine} == {"unknown"}
        else:
            assert batch_tuples(mine) == statement_tuples(record), record["path"]
            day = (record["article"]["published"] or "unknown")[:10]
            assert {str(r["date"]) for r in mine} <= {day}
    # Hive partitions by day: the directory names are the publication days.
    days = sorted(p.name for p in output.iterdir() if p.name.startswith("date="))
    assert "date=2025-01-31" in days and "date=unknown" in days


def test_statements_of_a_dataframe_are_those_of_extract_batch(spark):
    texts = [SEED.read_text(encoding="utf-8"), (ARTICLES / "written-harbour-strike.txt").read_text(encoding="utf-8")]
    page = (ARTICLES / "written-council-vote.html").read_text(encoding="utf-8")
    docs = [
        ("a", texts[0], None, "https://news.example.com/a", "2025-01-31"),
        ("b", texts[1], None, None, None),
        ("c", None, page, None, None),
        ("d", "", None, None, None),
        ("e", "Bridge reopens\n\nThe old bridge reopened on Monday.\n", None, None, None),
    ]
    df = spark.createDataFrame(docs, "key string, text string, html string, url string, date string")
    out = whosaid.spark.statements(df, keep=["key"]).collect()
    rows = [r.asDict() for r in out]
    for key, text, html, url, date in docs:
        mine = sorted((r for r in rows if r["key"] == key), key=lambda r: r["position"] or 0)
        if key == "d":
            # `row` is the row's place in its Arrow batch, which Spark chose.
            (error,) = [r["error"] for r in mine]
            assert re.fullmatch(r'row \d has an empty "text" column', error)
            continue
        if key == "e":
            assert mine == []
            continue
        record = whosaid.extract(text=text, html=html, url=url, published=date)
        assert batch_tuples(mine) == statement_tuples(record), key

