"""Who said what, in news: quotations, their cues and their speakers.

Python bindings of the whosaid engine (Rust). Three entry points:

- :func:`extract` analyses one page and returns its record, the dict ``whosaid extract``
  prints as one JSON line (the fields of FORMAT.md);
- :func:`extract_batch` analyses an Arrow batch of pages on all cores and returns an
  Arrow batch with one row per statement;
- :func:`read` reads files, directories, WARC and JSONL files into documents.

:mod:`whosaid.spark` turns a Spark DataFrame of documents into a DataFrame of statements.

Spans (``start``/``end``) are UTF-8 **byte** offsets, as in FORMAT.md: for a ``str``
``text``, the span's text is ``text.encode()[start:end].decode()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Sequence, Union

from ._whosaid import Documents, WhosaidError, __version__, extract, read
from ._whosaid import extract_batch as _extract_batch
from ._whosaid import statement_schema_pyarrow as _statement_schema

if TYPE_CHECKING:  # pyarrow is needed by extract_batch only
    import pyarrow

__all__ = [
    "Documents",
    "WhosaidError",
    "__version__",
    "extract",
    "extract_batch",
    "read",
    "statement_schema",
]


def statement_schema(keep: Sequence["pyarrow.Field"] = ()) -> "pyarrow.Schema":
    """The columns :func:`extract_batch` returns, followed by the ``keep`` fields.

    ``row`` (int64, the input row), ``id`` (content id), ``url``, ``published``,
    ``headline``, ``offsets`` (``"input"``: spans point into the row's text; ``"body"``:
    into the clean body of an HTML page), ``position`` (int32, the statement's place in its
    document), ``kind`` (direct, mixed, indirect), ``content``/``content_start``/
    ``content_end``, ``parts``, ``cue``/``cue_start``/``cue_end``, ``source``/
    ``source_start``/``source_end`` (int64 byte offsets), ``speaker`` (the resolved name)
    and ``error``.

    ``parts`` (a list of ``{start, end, text}`` structs) holds the speaker's own words.
    When the cue or source interrupts a quotation (“…,” she said, “…”) it is the record's
    ``parts``, and ``content`` runs from the first part to the last, narration included;
    for a statement in one piece, whose record has no ``parts``, it is a one-element list
    holding the ``content`` span, so that the speaker's words can always be read from
    ``parts``. It is null on rows without a statement, as ``content`` is.
    """
    import pyarrow as pa

    schema = _statement_schema()
    for field in keep:
        schema = schema.append(field)
    return pa.schema(list(schema))


def extract_batch(
    batch: Union["pyarrow.RecordBatch", "pyarrow.Table", Iterable[Mapping[str, Any]]],
    *,
    text_column: str = "text",
    html_column: str = "html",
    url_column: str = "url",
    date_column: str = "date",
    title_column: str = "title",
    error_column: str = "error",
    threads: Optional[int] = None,
    keep: Sequence[str] = (),
    keep_empty: bool = False,
) -> "pyarrow.RecordBatch":
    """Analyse many pages at once; one output row per statement.

    ``batch`` is a ``pyarrow.RecordBatch`` or ``Table`` (or a list of dicts, made into
    one). Each row is a document: a non-blank ``text`` (scraped plain text; ``str`` or
    ``bytes`` to decode) wins over ``html``; ``url``, ``date`` (publication date: ISO
    8601 strings, Arrow dates and timestamps) and ``title`` stand in where the page gives
    none. Missing columns count as null. A non-null ``error`` cell marks a document that
    already failed upstream (an error item of :func:`read`): it becomes an error row.

    The analysis runs in Rust with the GIL released, on all cores, or on ``threads``
    threads. A document that fails (empty, binary, too large, no article text) becomes one
    row whose ``error`` says why, every other document is kept: the call raises only for
    a batch it cannot read at all (no text or html column, a column of the wrong type). A
    document with no statement gives no row, unless ``keep_empty`` is true (then one row
    with null statement columns); the schema's metadata counts documents
    (``whosaid:documents``), failures (``whosaid:failed``) and documents without
    statements (``whosaid:without_statements``).

    ``keep`` names input columns to copy onto each output row (a document key, its
    path). The columns are those of :func:`statement_schema`.
    """
    import pyarrow as pa

    if isinstance(batch, (list, tuple)):
        batch = pa.Table.from_pylist(list(batch))
    out = _extract_batch(
        batch,
        text_column=text_column,
        html_column=html_column,
        url_column=url_column,
        date_column=date_column,
        title_column=title_column,
        error_column=error_column,
        threads=threads,
        keep_empty=keep_empty,
    )
    if not keep:
        return out
    return _with_kept_columns(out, batch, keep)


def _with_kept_columns(
    out: "pyarrow.RecordBatch", batch: Any, keep: Sequence[str]
) -> "pyarrow.RecordBatch":
    """Copy the input columns ``keep`` onto the statement rows, by their ``row``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(keep, str):
        raise WhosaidError("keep is a list of column names, not one string")
    if isinstance(batch, pa.RecordBatch):
        batch = pa.Table.from_batches([batch])
    elif not isinstance(batch, pa.Table):
        batch = pa.table(batch)
    columns = list(out.columns)
    fields = list(out.schema)
    for name in keep:
        if name in out.schema.names:
            raise WhosaidError(
                f"cannot keep column {name!r}: the statements already have a column by that name"
            )
        if name not in batch.schema.names:
            raise WhosaidError(f"cannot keep column {name!r}: the batch has no such column")
        kept = pc.take(batch.column(name), out.column("row")).combine_chunks()
        columns.append(kept)
        fields.append(batch.schema.field(name).with_nullable(True))
    return pa.RecordBatch.from_arrays(columns, schema=pa.schema(fields, out.schema.metadata))
