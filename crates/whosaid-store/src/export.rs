//! Exports: the store's quotations, articles or speakers as JSON lines or CSV, streamed row
//! by row (memory does not grow with the table).
//!
//! The columns of each table are listed in [`ExportTable::columns`] and in the README.

use std::io::Write;

use rusqlite::types::ValueRef;

use crate::{Store, StoreError};

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportTable {
    /// One row per quotation (an occurrence of a statement in an article).
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
                        q.source_start, q.source_end, a.story AS story_id
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
