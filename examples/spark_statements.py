"""Statements of a crawl with Spark: WARC/JSONL files in, Parquet partitioned by date out.

The shape of a Common Crawl news job: the driver only lists the files; each file is one
task, read on an executor by ``whosaid.read`` (WARC and JSONL, gzipped or not), cut into
batches of documents, analysed by ``whosaid.extract_batch`` (Rust, GIL released) and
written as Parquet with one row per statement, partitioned by ``date`` (the publication
day, ``unknown`` when the page gives none).

    spark-submit examples/spark_statements.py --output statements/ crawl/*.warc.gz

The columns are those of ``whosaid.statement_schema()`` plus ``path`` (``file#record``,
the names ``whosaid extract`` gives) and ``date``. Documents that cannot be read are
rows with ``error`` set, so the output also says what was lost and why.
"""

from __future__ import annotations

import argparse
import sys
from typing import Iterator, List

import pyarrow as pa

import whosaid
import whosaid.spark

#: The types of the document columns the analysis reads, so that a batch whose
#: documents all lack a field (no HTML page in it) still has a string column.
DOCUMENT_SCHEMA = pa.schema(
    [(name, pa.string()) for name in whosaid.spark.DOCUMENT_COLUMNS]
)


def analyse(documents: List[dict], threads: int) -> pa.RecordBatch:
    """One batch of documents read by ``whosaid.read`` to its statements."""
    table = pa.Table.from_pylist(documents, schema=DOCUMENT_SCHEMA)
    return whosaid.extract_batch(
        table, date_column="published", keep=("path",), threads=threads
    )


def statements_of_files(
    batches: Iterator[pa.RecordBatch], batch_documents: int, threads: int
) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function: each input row is a path, read here, on the executor."""
    for paths in batches:
        for path in paths.column("path").to_pylist():
            documents = []
            for document in whosaid.read(path):
                documents.append(document)
                if len(documents) == batch_documents:
                    yield analyse(documents, threads)
                    documents = []
            if documents:
                yield analyse(documents, threads)


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="WARC or JSONL files (gzipped or not), "
                        "on a file system every executor sees")
    parser.add_argument("--output", required=True, help="the Parquet directory to write")
    parser.add_argument("--batch-documents", type=int, default=256,
                        help="documents analysed together (memory: a batch is in memory at once)")
    parser.add_argument("--threads", type=int, default=None,
                        help="threads per task (default: spark.task.cpus)")
    parser.add_argument("--master", default=None, help="Spark master (spark-submit sets it)")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    builder = SparkSession.builder.appName("whosaid-statements")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    threads = args.threads or int(spark.conf.get("spark.task.cpus", "1"))
    batch_documents = args.batch_documents

    # One partition per file: a file is read by one task, files by many in parallel.
    paths = spark.sparkContext.parallelize(
        [(path,) for path in args.paths], numSlices=len(args.paths)
    )
    paths = spark.createDataFrame(paths, "path string")
    schema = whosaid.spark.statement_schema(
        [f for f in paths.schema.fields if f.name == "path"]
    )
    statements = paths.mapInArrow(
        lambda batches: statements_of_files(batches, batch_documents, threads), schema
    )
    day = F.substring(F.col("published"), 1, 10)
    statements = statements.withColumn(
        "date", F.when(day.rlike(r"^\d{4}-\d{2}-\d{2}$"), day).otherwise(F.lit("unknown"))
    )
    statements.write.mode("overwrite").partitionBy("date").parquet(args.output)

    written = spark.read.parquet(args.output)
    counts = written.agg(
        F.count(F.col("kind")).alias("statements"),
        F.countDistinct(F.when(F.col("error").isNull(), F.col("path"))).alias("documents"),
        F.count(F.col("error")).alias("failed"),
    ).first()
    print(
        f"{counts['statements']} statements from {counts['documents']} documents, "
        f"{counts['failed']} documents failed; written to {args.output}",
        file=sys.stderr,
    )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
