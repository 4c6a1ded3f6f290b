//! `extract_batch`: an Arrow batch of pages in, an Arrow batch of statements out.
//!
//! Arrow crosses the boundary through the Arrow C data interface (the `arrow` crate's
//! `pyarrow` feature): the input columns are read where pyarrow keeps them and the output
//! batch is handed over without copying. The analysis runs with the GIL released, on
//! rayon's pool (all cores) or on a pool of `threads` threads.
//!
//! One output row per statement. `content` is what was said, from its first word to its
//! last; `parts` (a list of `{start, end, text}` spans) holds the speaker's own words.
//! For a quotation the cue or source interrupts (“…,” she said, “…”) they are the record's
//! `parts` and `content` also covers the narration between them; for a statement in one
//! piece, whose record has no `parts`, the list holds the one content span, so that the
//! speaker's words can always be read from `parts`. `parts` is null where `content` is.
//!
//! A document that fails is one row with `error` set and every statement column null; a
//! document read without error but with no statement gives no row (or, with
//! `keep_empty=True`, one row whose statement columns are null).
//! The counts of documents, failures and documents without statements travel in the
//! schema's metadata (`whosaid:documents`, `whosaid:failed`, `whosaid:without_statements`).

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::builder::{NullBufferBuilder, OffsetBufferBuilder};
use arrow::array::{Array, ArrayRef, Int32Builder, Int64Builder, LargeBinaryArray};
use arrow::array::{LargeStringArray, ListArray, RecordBatch, StringBuilder, StructArray};
use arrow::compute::{can_cast_types, cast};
use arrow::datatypes::{DataType, Field, FieldRef, Fields, Schema, SchemaRef};
use arrow::ffi_stream::RecordBatchStreamReader;
use arrow::pyarrow::{FromPyArrow, ToPyArrow};
use pyo3::prelude::*;
use rayon::prelude::*;
use whosaid_core::{Offsets, Quote, QuoteKind, Record, TextSpan};
use whosaid_read::{Format, Payload, RawInput, ReadOptions};

use crate::{WhosaidError, record_of};

/// The columns of the statements batch, in order.
pub(crate) fn statement_schema(metadata: HashMap<String, String>) -> Schema {
    let text = |name: &str| Field::new(name, DataType::Utf8, true);
    let offset = |name: &str| Field::new(name, DataType::Int64, true);
    Schema::new_with_metadata(
        vec![
            Field::new("row", DataType::Int64, false),
            text("id"),
            text("url"),
            text("published"),
            text("headline"),
            text("offsets"),
            Field::new("position", DataType::Int32, true),
            text("kind"),
            text("content"),
            offset("content_start"),
            offset("content_end"),
            Field::new("parts", parts_type(), true),
            text("cue"),
            offset("cue_start"),
            offset("cue_end"),
            text("source"),
            offset("source_start"),
            offset("source_end"),
            text("speaker"),
            text("error"),
        ],
        metadata,
    )
}

/// The fields of one span of `parts`: none is null.
fn span_fields() -> Fields {
    Fields::from(vec![
        Field::new("start", DataType::Int64, false),
        Field::new("end", DataType::Int64, false),
        Field::new("text", DataType::Utf8, false),
    ])
}

/// The item of the `parts` lists: a span, never null.
fn part_field() -> FieldRef {
    Arc::new(Field::new_list_field(
        DataType::Struct(span_fields()),
        false,
    ))
}

/// The type of the `parts` column: a list of spans.
fn parts_type() -> DataType {
    DataType::List(part_field())
}

/// The schema of what `extract_batch` returns (a `pyarrow.Schema`, without the counts),
/// for callers that must declare it first (Spark's `mapInArrow`).
#[pyfunction]
pub(crate) fn statement_schema_pyarrow(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    statement_schema(HashMap::new()).to_pyarrow(py)
}

/// Column names of the input, as the caller gave them.
#[derive(Debug)]
struct ColumnNames {
    text: String,
    html: String,
    url: String,
    date: String,
    title: String,
    error: String,
}

/// Content columns, made one type each so that every row is read the same way.
#[derive(Debug)]
enum Content {
    Text(LargeStringArray),
    Bytes(LargeBinaryArray),
}

impl Content {
    /// The row's page, or `None` when the cell is null. `Some(None)` marks a blank cell.
    fn payload(&self, row: usize) -> Option<Option<Payload>> {
        match self {
            Content::Text(a) if a.is_valid(row) => {
                let value = a.value(row);
                Some((!value.trim().is_empty()).then(|| Payload::Text(value.to_owned())))
            }
            Content::Bytes(a) if a.is_valid(row) => {
                let value = a.value(row);
                let blank = value.iter().all(u8::is_ascii_whitespace);
                Some((!blank).then(|| Payload::Bytes(value.to_vec())))
            }
            _ => None,
        }
    }
}

/// One input batch, its columns cast to the types the rows are read from.
#[derive(Debug)]
struct Columns {
    text: Option<Content>,
    html: Option<Content>,
    url: Option<LargeStringArray>,
    date: Option<LargeStringArray>,
    title: Option<LargeStringArray>,
    error: Option<LargeStringArray>,
}

fn content_column(batch: &RecordBatch, name: &str) -> PyResult<Option<Content>> {
    let Some(array) = batch.column_by_name(name) else {
        return Ok(None);
    };
    let fail = |e: arrow::error::ArrowError| WhosaidError::new_err(format!("column {name:?}: {e}"));
    Ok(match array.data_type() {
        // A column of nothing but nulls (pyarrow types it `null`) holds no page.
        DataType::Null => None,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
            let array = cast(array, &DataType::LargeUtf8).map_err(fail)?;
            Some(Content::Text(downcast::<LargeStringArray>(&array)))
        }
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView => {
            let array = cast(array, &DataType::LargeBinary).map_err(fail)?;
            Some(Content::Bytes(downcast::<LargeBinaryArray>(&array)))
        }
        other => {
            return Err(WhosaidError::new_err(format!(
                "column {name:?} holds {other}, not strings (text) or binary (bytes to decode)"
            )));
        }
    })
}

/// A metadata column (url, date, title, error) as strings: dates and timestamps become
/// ISO 8601, which the reader parses like a JSONL `date` field.
fn string_column(batch: &RecordBatch, name: &str) -> PyResult<Option<LargeStringArray>> {
    let Some(array) = batch.column_by_name(name) else {
        return Ok(None);
    };
    if array.data_type() == &DataType::Null {
        return Ok(None);
    }
    if !can_cast_types(array.data_type(), &DataType::LargeUtf8) {
        return Err(WhosaidError::new_err(format!(
            "column {name:?} holds {}, which cannot be read as text",
            array.data_type()
        )));
    }
    let array = cast(array, &DataType::LargeUtf8)
        .map_err(|e| WhosaidError::new_err(format!("column {name:?}: {e}")))?;
    Ok(Some(downcast::<LargeStringArray>(&array)))
}

fn downcast<T: Array + Clone + 'static>(array: &ArrayRef) -> T {
    array
        .as_any()
        .downcast_ref::<T>()
        .expect("cast returns the type it was asked for")
        .clone()
}

fn cell(array: &Option<LargeStringArray>, row: usize) -> Option<String> {
    array
        .as_ref()
        .filter(|a| a.is_valid(row))
        .map(|a| a.value(row).to_owned())
}

impl Columns {
    fn of(batch: &RecordBatch, names: &ColumnNames) -> PyResult<Columns> {
        Ok(Columns {
            text: content_column(batch, &names.text)?,
            html: content_column(batch, &names.html)?,
            url: string_column(batch, &names.url)?,
            date: string_column(batch, &names.date)?,
            title: string_column(batch, &names.title)?,
            error: string_column(batch, &names.error)?,
        })
    }

    /// The raw input of one row, or the sentence saying why there is none. The rules are
    /// those of a JSONL line: a non-blank text wins, then a non-blank HTML page.
    fn raw_input(&self, row: usize, index: i64, names: &ColumnNames) -> Result<RawInput, String> {
        if let Some(error) = cell(&self.error, row).filter(|e| !e.is_empty()) {
            return Err(error);
        }
        let text = self.text.as_ref().and_then(|c| c.payload(row));
        let html = self.html.as_ref().and_then(|c| c.payload(row));
        let (format, payload) = match (text, html) {
            (Some(Some(text)), _) => (Format::Text, text),
            (_, Some(Some(html))) => (Format::Html, html),
            (Some(None), _) => {
                return Err(format!("row {index} has an empty {:?} column", names.text));
            }
            (None, Some(None)) => {
                return Err(format!("row {index} has an empty {:?} column", names.html));
            }
            (None, None) => {
                return Err(format!(
                    "row {index} has no {:?} and no {:?} (both are null or missing)",
                    names.text, names.html
                ));
            }
        };
        let mut raw = RawInput::new(format!("row {index}"), format, payload);
        raw.hints.url = cell(&self.url, row);
        raw.hints.published = cell(&self.date, row);
        raw.hints.title = cell(&self.title, row);
        Ok(raw)
    }
}

/// What one document gives the output: its statements, or why it failed.
#[derive(Debug)]
struct Outcome {
    row: i64,
    id: Option<String>,
    url: Option<String>,
    published: Option<String>,
    headline: Option<String>,
    offsets: Option<&'static str>,
    error: Option<String>,
    quotes: Vec<Quote>,
}

impl Outcome {
    /// Keeps only what the rows need, so bodies and entities are freed as soon as the
    /// document is analysed.
    fn of(row: i64, record: Record) -> Outcome {
        let article = record.article.unwrap_or_default();
        Outcome {
            row,
            id: record.id,
            url: article.url,
            published: article.published,
            headline: article.headline,
            offsets: record.offsets.map(|o| match o {
                Offsets::Input => "input",
                Offsets::Body => "body",
            }),
            error: record.error,
            quotes: record.quotes,
        }
    }

    fn failed(row: i64, error: String) -> Outcome {
        Outcome {
            row,
            id: None,
            url: None,
            published: None,
            headline: None,
            offsets: None,
            error: Some(error),
            quotes: Vec::new(),
        }
    }
}

/// The output columns, filled one row at a time.
#[derive(Debug, Default)]
struct Rows {
    row: Int64Builder,
    id: StringBuilder,
    url: StringBuilder,
    published: StringBuilder,
    headline: StringBuilder,
    offsets: StringBuilder,
    position: Int32Builder,
    kind: StringBuilder,
    content: SpanColumns,
    parts: PartsColumn,
    cue: SpanColumns,
    source: SpanColumns,
    speaker: StringBuilder,
    error: StringBuilder,
}

#[derive(Debug, Default)]
struct SpanColumns {
    text: StringBuilder,
    start: Int64Builder,
    end: Int64Builder,
}

impl SpanColumns {
    fn push(&mut self, span: Option<&TextSpan>) {
        self.text.append_option(span.map(|s| s.text.as_str()));
        self.start.append_option(span.map(|s| s.start as i64));
        self.end.append_option(span.map(|s| s.end as i64));
    }

    fn finish(&mut self) -> [ArrayRef; 3] {
        [
            Arc::new(self.text.finish()),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
        ]
    }
}

/// The `parts` column, filled one row (one list of spans) at a time.
#[derive(Debug)]
struct PartsColumn {
    /// Where each row's list starts and ends among the spans.
    offsets: OffsetBufferBuilder<i32>,
    /// Which rows have a list (statement rows) and which are null.
    lists: NullBufferBuilder,
    start: Int64Builder,
    end: Int64Builder,
    text: StringBuilder,
}

impl Default for PartsColumn {
    fn default() -> Self {
        PartsColumn {
            offsets: OffsetBufferBuilder::new(0),
            lists: NullBufferBuilder::new(0),
            start: Int64Builder::new(),
            end: Int64Builder::new(),
            text: StringBuilder::new(),
        }
    }
}

impl PartsColumn {
    /// One row: a list of these spans, or null.
    fn push(&mut self, parts: Option<&[TextSpan]>) {
        let Some(parts) = parts else {
            self.offsets.push_length(0);
            self.lists.append_null();
            return;
        };
        for part in parts {
            self.start.append_value(part.start as i64);
            self.end.append_value(part.end as i64);
            self.text.append_value(&part.text);
        }
        self.offsets.push_length(parts.len());
        self.lists.append_non_null();
    }

    fn finish(mut self) -> Result<ArrayRef, arrow::error::ArrowError> {
        let spans = StructArray::try_new(
            span_fields(),
            vec![
                Arc::new(self.start.finish()),
                Arc::new(self.end.finish()),
                Arc::new(self.text.finish()),
            ],
            None,
        )?;
        let lists = ListArray::try_new(
            part_field(),
            self.offsets.finish(),
            Arc::new(spans),
            self.lists.finish(),
        )?;
        Ok(Arc::new(lists))
    }
}

/// A statement's words as the `parts` column gives them: the record's parts, or the
/// content alone when the record has none (a statement in one piece).
fn words_of(quote: &Quote) -> &[TextSpan] {
    if quote.parts.is_empty() {
        std::slice::from_ref(&quote.content)
    } else {
        &quote.parts
    }
}

impl Rows {
    /// One row: the document's columns, and a statement's (`None`: all null).
    fn push(&mut self, doc: &Outcome, statement: Option<(usize, &Quote)>) {
        self.row.append_value(doc.row);
        self.id.append_option(doc.id.as_deref());
        self.url.append_option(doc.url.as_deref());
        self.published.append_option(doc.published.as_deref());
        self.headline.append_option(doc.headline.as_deref());
        self.offsets.append_option(doc.offsets);
        self.error.append_option(doc.error.as_deref());
        let quote = statement.map(|(_, q)| q);
        self.position
            .append_option(statement.map(|(i, _)| i32::try_from(i).unwrap_or(i32::MAX)));
        self.kind.append_option(quote.map(|q| match q.kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        }));
        self.content.push(quote.map(|q| &q.content));
        self.parts.push(quote.map(words_of));
        self.cue.push(quote.and_then(|q| q.cue.as_ref()));
        self.source.push(quote.and_then(|q| q.source.as_ref()));
        self.speaker.append_option(
            quote
                .and_then(|q| q.speaker.as_ref())
                .map(|s| s.name.as_str()),
        );
    }

    fn finish(mut self, schema: SchemaRef) -> Result<RecordBatch, arrow::error::ArrowError> {
        let mut columns: Vec<ArrayRef> = vec![
            Arc::new(self.row.finish()),
            Arc::new(self.id.finish()),
            Arc::new(self.url.finish()),
            Arc::new(self.published.finish()),
            Arc::new(self.headline.finish()),
            Arc::new(self.offsets.finish()),
            Arc::new(self.position.finish()),
            Arc::new(self.kind.finish()),
        ];
        columns.extend(self.content.finish());
        columns.push(self.parts.finish()?);
        columns.extend(self.cue.finish());
        columns.extend(self.source.finish());
        columns.push(Arc::new(self.speaker.finish()));
        columns.push(Arc::new(self.error.finish()));
        RecordBatch::try_new(schema, columns)
    }
}

/// The input as record batches: a `pyarrow.RecordBatch` (anything with
/// `__arrow_c_array__`) or a `pyarrow.Table` / `RecordBatchReader` (`__arrow_c_stream__`).
fn import(data: &Bound<'_, PyAny>) -> PyResult<Vec<RecordBatch>> {
    if data.hasattr("__arrow_c_array__")? {
        return Ok(vec![RecordBatch::from_pyarrow_bound(data)?]);
    }
    if data.hasattr("__arrow_c_stream__")? {
        let reader = RecordBatchStreamReader::from_pyarrow_bound(data)?;
        return reader
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| WhosaidError::new_err(format!("the Arrow stream cannot be read: {e}")));
    }
    Err(WhosaidError::new_err(format!(
        "batch is a pyarrow RecordBatch or Table (or a list of dicts), not {}",
        data.get_type().name()?
    )))
}

/// The native half of `whosaid.extract_batch` (the Python half accepts lists of dicts and
/// copies `keep=` columns): see the package's docstring.
#[pyfunction]
#[pyo3(signature = (batch, *, text_column, html_column, url_column, date_column, title_column,
                    error_column, threads, keep_empty))]
#[allow(clippy::too_many_arguments)] // one keyword argument each, as Python callers see them
pub(crate) fn extract_batch<'py>(
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
    text_column: String,
    html_column: String,
    url_column: String,
    date_column: String,
    title_column: String,
    error_column: String,
    threads: Option<usize>,
    keep_empty: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let names = ColumnNames {
        text: text_column,
        html: html_column,
        url: url_column,
        date: date_column,
        title: title_column,
        error: error_column,
    };
    let batches = import(batch)?;
    if let Some(first) = batches.first() {
        let schema = first.schema();
        if schema.column_with_name(&names.text).is_none()
            && schema.column_with_name(&names.html).is_none()
        {
            return Err(WhosaidError::new_err(format!(
                "the batch has no {:?} column and no {:?} column (name them with text_column= and html_column=)",
                names.text, names.html
            )));
        }
    }
    let columns = batches
        .iter()
        .map(|b| Columns::of(b, &names).map(|c| (c, b.num_rows())))
        .collect::<PyResult<Vec<_>>>()?;
    let pool = match threads {
        None => None,
        Some(0) => return Err(WhosaidError::new_err("threads is at least 1")),
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| WhosaidError::new_err(format!("cannot start {n} threads: {e}")))?,
        ),
    };

    let output = py.detach(|| {
        let analyse = || analyse_all(&columns, &names);
        let outcomes = match &pool {
            Some(pool) => pool.install(analyse),
            None => analyse(),
        };
        build(outcomes, keep_empty)
    });
    output
        .map_err(|e| WhosaidError::new_err(format!("the statements batch cannot be built: {e}")))?
        .to_pyarrow(py)
}

fn analyse_all(columns: &[(Columns, usize)], names: &ColumnNames) -> Vec<Outcome> {
    let options = ReadOptions::default();
    let mut first_row = 0i64;
    let mut outcomes = Vec::new();
    for (batch, rows) in columns {
        let start = first_row;
        outcomes.par_extend((0..*rows).into_par_iter().map(|row| {
            let index = start + row as i64;
            match batch.raw_input(row, index, names) {
                Ok(raw) => Outcome::of(index, record_of(raw, &options)),
                Err(error) => Outcome::failed(index, error),
            }
        }));
        first_row += *rows as i64;
    }
    outcomes
}

fn build(
    outcomes: Vec<Outcome>,
    keep_empty: bool,
) -> Result<RecordBatch, arrow::error::ArrowError> {
    let mut rows = Rows::default();
    let (mut failed, mut without_statements) = (0u64, 0u64);
    for doc in &outcomes {
        if doc.error.is_some() {
            failed += 1;
            rows.push(doc, None);
        } else if doc.quotes.is_empty() {
            without_statements += 1;
            if keep_empty {
                rows.push(doc, None);
            }
        } else {
            for (position, quote) in doc.quotes.iter().enumerate() {
                rows.push(doc, Some((position, quote)));
            }
        }
    }
    let metadata = HashMap::from([
        ("whosaid:documents".to_owned(), outcomes.len().to_string()),
        ("whosaid:failed".to_owned(), failed.to_string()),
        (
            "whosaid:without_statements".to_owned(),
            without_statements.to_string(),
        ),
    ]);
    rows.finish(Arc::new(statement_schema(metadata)))
}
