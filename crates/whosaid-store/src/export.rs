//! Exports: the store's quotations, articles or speakers as JSON lines, CSV or (with the
//! `parquet` feature) Parquet, streamed — row by row, or row group by row group for Parquet
//! — so memory does not grow with the table.
//!
//! The columns of each table are those of its query (`ExportTable::sql`), listed in the README.

use std::io::Write;

use rusqlite::types::ValueRef;

use crate::{Store, StoreError};

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportTable {
    /// One row per quotation (an occurrence of a statement in an article). `content` is the
    /// speaker's words (the parts joined with " … " when the cue or source interrupts
    /// them), `content_start`/`content_end` where the quotation is in the body from its
    /// first word to its last, and `parts` (JSON `[[start, end], …]`, null for a quotation
    /// in one piece) where each part is.
    Quotes,
    /// One row per article.
    Articles,
    /// One row per speaker with totals.
    Speakers,
}

/// How to write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

impl ExportTable {
    /// The query whose columns are the export's.
    fn sql(self) -> &'static str {
        match self {
            ExportTable::Quotes => {
                "SELECT q.id AS quote_id, q.statement AS statement_id, a.id AS article_id,
                        a.content_id AS article_content_id, a.url, a.outlet, a.published,
                        a.headline, q.position, q.kind, q.content, q.cue, q.source,
                        coalesce(e.name, q.speaker_name) AS speaker, q.speaker AS speaker_id,
                        q.content_start, q.content_end, q.cue_start, q.cue_end,
                        q.source_start, q.source_end, a.story AS story_id, q.parts
                 FROM quotes q JOIN articles a ON a.id = q.article
                 LEFT JOIN entities e ON e.id = q.speaker
                 ORDER BY q.id"
            }
            ExportTable::Articles => {
                "SELECT a.id AS article_id, a.content_id, a.path, a.url, a.outlet, a.headline,
                        a.published, a.section, a.byline, a.dateline, a.language,
                        a.story AS story_id, s.first_outlet AS story_first_outlet,
                        s.first_published AS story_first_published,
                        (SELECT count(*) FROM quotes q WHERE q.article = a.id) AS quotes,
                        a.body
                 FROM articles a LEFT JOIN stories s ON s.id = a.story
                 ORDER BY a.id"
            }
            ExportTable::Speakers => {
                "SELECT e.id AS speaker_id, e.name, e.kind, e.titles, e.nationality,
                        (SELECT json_group_array(alias) FROM entity_aliases x WHERE x.entity = e.id) AS aliases,
                        count(DISTINCT q.statement) AS statements, count(q.id) AS quotes,
                        count(DISTINCT q.article) AS articles,
                        min(a.published_day) AS first_day, max(a.published_day) AS last_day
                 FROM entities e JOIN quotes q ON q.speaker = e.id
                 JOIN articles a ON a.id = q.article
                 GROUP BY e.id ORDER BY statements DESC, e.id"
            }
        }
    }
}

impl Store {
    /// Write `table` to `out` in `format`; returns the number of rows written.
    pub fn export(
        &self,
        table: ExportTable,
        format: ExportFormat,
        out: &mut dyn Write,
    ) -> Result<u64, StoreError> {
        let mut statement = self.conn.prepare(table.sql())?;
        let columns: Vec<String> = statement.column_names().map(str::to_owned).collect();
        let mut rows = statement.query([])?;
        let mut written = 0;
        let export_error = |e: &dyn std::fmt::Display| StoreError::Export(e.to_string());
        match format {
            ExportFormat::Jsonl => {
                while let Some(row) = rows.next()? {
                    let mut object = serde_json::Map::with_capacity(columns.len());
                    for (i, name) in columns.iter().enumerate() {
                        object.insert(name.clone(), json_value(row.get_ref(i)?));
                    }
                    serde_json::to_writer(&mut *out, &object).map_err(|e| export_error(&e))?;
                    out.write_all(b"\n")?;
                    written += 1;
                }
            }
            ExportFormat::Csv => {
                let mut writer = csv::Writer::from_writer(&mut *out);
                writer
                    .write_record(&columns)
                    .map_err(|e| export_error(&e))?;
                while let Some(row) = rows.next()? {
                    let mut record = Vec::with_capacity(columns.len());
                    for i in 0..columns.len() {
                        record.push(text_value(row.get_ref(i)?));
                    }
                    writer.write_record(&record).map_err(|e| export_error(&e))?;
                    written += 1;
                }
                writer.flush()?;
            }
        }
        Ok(written)
    }

    /// Write `table` as a Parquet file to `out`; returns the number of rows written.
    /// Integer columns are INT64, the rest UTF-8 strings, all optional (nullable).
    #[cfg(feature = "parquet")]
    pub fn export_parquet<W: Write + Send>(
        &self,
        table: ExportTable,
        out: W,
    ) -> Result<u64, StoreError> {
        parquet_writer::write(self, table, out)
    }
}

impl ExportTable {
    /// Columns holding integers (the rest hold text), for typed formats.
    #[cfg_attr(not(feature = "parquet"), allow(dead_code))]
    fn is_integer(column: &str) -> bool {
        column.ends_with("_id")
            || column.ends_with("_start")
            || column.ends_with("_end")
            || matches!(column, "position" | "quotes" | "statements" | "articles")
    }
}

#[cfg(feature = "parquet")]
mod parquet_writer {
    //! Parquet through the `parquet` crate's column writers (no Arrow: the tables are flat
    //! and the Arrow layer would double the build for nothing here).

    use std::io::Write;
    use std::sync::Arc;

    use parquet::basic::Compression;
    use parquet::column::writer::ColumnWriter;
    use parquet::data_type::ByteArray;
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::parser::parse_message_type;
    use rusqlite::types::ValueRef;

    use super::ExportTable;
    use crate::{Store, StoreError};

    /// Rows per row group: bounded memory, and large enough groups for columnar reads.
    const ROWS_PER_GROUP: usize = 65_536;

    enum Column {
        Integer(Vec<i64>, Vec<i16>),
        Text(Vec<ByteArray>, Vec<i16>),
    }

    fn failed(e: parquet::errors::ParquetError) -> StoreError {
        StoreError::Export(e.to_string())
    }

    pub(super) fn write<W: Write + Send>(
        store: &Store,
        table: ExportTable,
        out: W,
    ) -> Result<u64, StoreError> {
        let mut statement = store.conn.prepare(table.sql())?;
        let names: Vec<String> = statement.column_names().map(str::to_owned).collect();
        let fields: Vec<String> = names
            .iter()
            .map(|name| {
                if ExportTable::is_integer(name) {
                    format!("OPTIONAL INT64 {name};")
                } else {
                    format!("OPTIONAL BYTE_ARRAY {name} (UTF8);")
                }
            })
            .collect();
        let schema = parse_message_type(&format!("message whosaid {{ {} }}", fields.join(" ")))
            .map_err(failed)?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::UNCOMPRESSED)
            .build();
        let mut writer = SerializedFileWriter::new(out, Arc::new(schema), Arc::new(properties))
            .map_err(failed)?;
        let empty = || -> Vec<Column> {
            names
                .iter()
                .map(|name| {
                    if ExportTable::is_integer(name) {
                        Column::Integer(Vec::new(), Vec::new())
                    } else {
                        Column::Text(Vec::new(), Vec::new())
                    }
                })
                .collect()
        };
        let mut columns = empty();
        let mut in_group = 0;
        let mut written = 0u64;
        let mut rows = statement.query([])?;
        loop {
            let row = rows.next()?;
            let finished = row.is_none();
            if let Some(row) = row {
                for (i, column) in columns.iter_mut().enumerate() {
                    match (column, row.get_ref(i)?) {
                        (Column::Integer(_, levels) | Column::Text(_, levels), ValueRef::Null) => {
                            levels.push(0)
                        }
                        (Column::Integer(values, levels), ValueRef::Integer(v)) => {
                            values.push(v);
                            levels.push(1);
                        }
                        // An integer column holding something else: missing, not guessed.
                        (Column::Integer(_, levels), _) => levels.push(0),
                        (Column::Text(values, levels), value) => {
                            values.push(ByteArray::from(super::text_value(value).into_bytes()));
                            levels.push(1);
                        }
                    }
                }
                in_group += 1;
                written += 1;
            }
            if in_group >= ROWS_PER_GROUP || (finished && in_group > 0) {
                let mut group = writer.next_row_group().map_err(failed)?;
                for column in std::mem::replace(&mut columns, empty()) {
                    let mut out = group
                        .next_column()
                        .map_err(failed)?
                        .expect("one writer per schema column");
                    match (out.untyped(), column) {
                        (ColumnWriter::Int64ColumnWriter(w), Column::Integer(values, levels)) => {
                            w.write_batch(&values, Some(&levels), None)
                                .map_err(failed)?;
                        }
                        (ColumnWriter::ByteArrayColumnWriter(w), Column::Text(values, levels)) => {
                            w.write_batch(&values, Some(&levels), None)
                                .map_err(failed)?;
                        }
                        _ => unreachable!("columns follow the schema"),
                    }
                    out.close().map_err(failed)?;
                }
                group.close().map_err(failed)?;
                in_group = 0;
            }
            if finished {
                break;
            }
        }
        writer.close().map_err(failed)?;
        Ok(written)
    }
}

fn json_value(value: ValueRef) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => f.into(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => b
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect::<String>()
            .into(),
    }
}

fn text_value(value: ValueRef) -> String {
    match value {
        ValueRef::Null => String::new(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
    }
}
