"""whosaid on Spark: a DataFrame of documents to a DataFrame of statements.

Each Arrow batch Spark hands to ``mapInArrow`` goes whole to
:func:`whosaid.extract_batch`, which analyses it in Rust on ``threads`` threads. The
statements keep the columns of :func:`whosaid.statement_schema`, so the output schema is
declared before any data is seen (Spark asks for it).

Spark runs one task per core by default (``spark.task.cpus=1``), so the default
``threads=1`` uses every core of the cluster without oversubscribing it; give a task
more cores with ``spark.task.cpus=N`` and ``threads=N``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional, Sequence

if TYPE_CHECKING:
    import pyarrow
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructField, StructType

__all__ = ["statement_schema", "statements", "DOCUMENT_COLUMNS"]

#: The columns of :func:`whosaid.read`'s documents that :func:`statements` reads (with
#: ``date_column="published"``): a DataFrame built from ``read`` items needs only these.
DOCUMENT_COLUMNS = ("path", "text", "html", "url", "published", "title", "error")


def statement_schema(keep: Sequence["StructField"] = ()) -> "StructType":
    """The Spark schema of :func:`statements`' output: the statement columns (those of
    :func:`whosaid.statement_schema`), then the ``keep`` fields."""
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark.sql.types import StructType

    import whosaid

    fields = list(from_arrow_schema(whosaid.statement_schema()).fields)
    return StructType(fields + list(keep))


def _kept_fields(df: "DataFrame", keep: Sequence[str]) -> list:
    """The fields of ``df`` copied onto each statement, nullable as error rows may be."""
    from pyspark.sql.types import StructField

    import whosaid

    fields = []
    for name in keep:
        if name not in df.columns:
            raise whosaid.WhosaidError(
                f"cannot keep column {name!r}: the DataFrame has no such column"
            )
        fields.append(StructField(name, df.schema[name].dataType, True))
    return fields


def statements(
    df: "DataFrame",
    *,
    text_column: str = "text",
    html_column: str = "html",
    url_column: str = "url",
    date_column: str = "date",
    title_column: str = "title",
    error_column: str = "error",
    keep: Sequence[str] = (),
    threads: Optional[int] = 1,
    keep_empty: bool = False,
) -> "DataFrame":
    """Statements of every document of ``df``, one row each (through ``mapInArrow``).

    ``df`` has a ``text`` or an ``html`` column and, optionally, ``url``, ``date`` and
    ``title`` (other names: the ``*_column`` arguments, as in
    :func:`whosaid.extract_batch`). ``keep`` names columns of ``df`` copied onto each
    statement (a document key, a path). ``row`` in the output is the row's index inside
    its Arrow batch: join on a kept key, not on ``row``. A document that fails gives one
    row with ``error`` set; a document without statements gives none unless
    ``keep_empty``.

    Batches hold ``spark.sql.execution.arrow.maxRecordsPerBatch`` rows (10,000 by
    default): lower it for long pages, as a batch's documents are in memory at once.
    """
    keep = list(keep)
    kept_fields = _kept_fields(df, keep)
    schema = statement_schema(kept_fields)

    def analyse(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        import whosaid

        for batch in batches:
            yield whosaid.extract_batch(
                batch,
                text_column=text_column,
                html_column=html_column,
                url_column=url_column,
                date_column=date_column,
                title_column=title_column,
                error_column=error_column,
                threads=threads,
                keep=keep,
                keep_empty=keep_empty,
            )

    return df.mapInArrow(analyse, schema)
