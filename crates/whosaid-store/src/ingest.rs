//! Writing analysis records into the store.
//!
//! [`Store::add_batch`] is the only writer. It is deterministic: the same records in the
//! same order always give the same rows and ids, which is what makes an ingest resumable —
//! a run killed after batch k left batches 1..k committed (each batch is one transaction);
//! run again, it finds those articles already stored, skips them, and writes k+1.. exactly
//! as the uninterrupted run would have.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, Transaction, params};
use whosaid_core::{EntityType, Offsets, Quote, QuoteKind, Record, Span, TextSpan};
use xxhash_rust::xxh3::xxh3_128;

use crate::names::{never_a_surname, organization_key, person_key, plain_key, statement_words};
use crate::syndication;
use crate::{Store, StoreError};

/// What became of one record in [`Store::add_batch`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    /// A new article, with its id and the number of quotations stored.
    Article {
        /// The article's row id.
        id: i64,
        /// Quotations stored for it.
        quotes: usize,
    },
    /// The same content was already stored: nothing changed.
    Duplicate,
    /// The record carried an error; it is kept in `errors`.
    Failed,
}

/// Held by an ingest while it writes: a second ingest on the same database is told so
/// instead of interleaving with it. The lock is the operating system's on a file beside the
/// database, so it is released when the process ends, however it ends.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
    path: PathBuf,
}

impl WriteLock {
    /// Take the write lock of the database at `db`, waiting for another ingest to finish if
    /// `wait`, failing with [`StoreError::Locked`] otherwise.
    pub fn acquire(db: &Path, wait: bool) -> Result<WriteLock, StoreError> {
        let mut name = db.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        if wait {
            file.lock()?;
        } else {
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(StoreError::Locked(db.to_path_buf()));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(e.into()),
            }
        }
        Ok(WriteLock { _file: file, path })
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Store {
    /// Whether the article with this content id at this location (its URL, else the path
    /// it was read from) is stored.
    pub fn contains(&self, content_id: &str, location: &str) -> Result<bool, StoreError> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE content_id = ?1 AND location = ?2")?;
        Ok(statement.exists([content_id, location])?)
    }

    /// Store a batch of records in one transaction, in order; see the module docs.
    pub fn add_batch<'a>(
        &mut self,
        records: impl IntoIterator<Item = &'a Record>,
    ) -> Result<Vec<Added>, StoreError> {
        let path = self.path.clone();
        let explain = |e: rusqlite::Error| crate::classify(e, &path);
        let explain_store = |e| match e {
            StoreError::Sqlite(e) => explain(e),
            other => other,
        };
        self.cache.prepare(&self.conn).map_err(explain_store)?;
        let tx = self.conn.transaction().map_err(explain)?;
        let mut writer = Writer::new(&tx, &mut self.cache);
        let mut outcomes = Vec::new();
        let mut written = Ok(());
        for record in records {
            match add_record(&mut writer, record) {
                Ok(outcome) => outcomes.push(outcome),
                Err(e) => {
                    written = Err(e);
                    break;
                }
            }
        }
        let written = written.and_then(|()| writer.flush_fts());
        let committed = match written {
            Ok(()) => tx.commit().map_err(explain),
            Err(e) => Err(explain_store(e)),
        };
        if committed.is_err() {
            // Rolled back: what the cache learnt in this batch may not be in the database.
            self.cache.clear();
        }
        committed.map(|()| outcomes)
    }

    /// Open a row for one ingest run; returns its id.
    pub fn begin_ingest(&self, paths: &[String]) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO ingests (started, paths) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?1)",
            [serde_json::to_string(paths).unwrap_or_default()],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Close an ingest run's row with its counts.
    pub fn finish_ingest(
        &mut self,
        run: i64,
        added: u64,
        duplicates: u64,
        failed: u64,
    ) -> Result<(), StoreError> {
        // Surnames stored before the person they name was known well enough.
        let tx = self.conn.transaction()?;
        let relinked = relink_surnames(&tx, &mut self.cache)
            .and_then(|_| name_entities_by_use(&tx, &mut self.cache));
        match relinked {
            Ok(_) => tx.commit()?,
            Err(e) => {
                drop(tx);
                self.cache.clear();
                return Err(e);
            }
        }
        self.conn.execute(
            "UPDATE ingests SET finished = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                 added = ?2, duplicates = ?3, failed = ?4 WHERE id = ?1",
            params![run, added as i64, duplicates as i64, failed as i64],
        )?;
        // Fold the write-ahead log back into the database file, so the file alone is the
        // whole database (for copying it, or opening it read-only elsewhere). Readers still
        // inside an older snapshot make this a no-op, which is harmless.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

/// One batch's writes in progress.
struct Writer<'a> {
    tx: &'a Transaction<'a>,
    /// Changes to the full-text index not yet made, in the order they were decided.
    ///
    /// FTS5 keeps inserted rows in memory and writes them out as a new index segment
    /// whenever a statement transaction begins — and every UPDATE of a column with a
    /// foreign key (statements, articles) begins one. Made as they came, each new
    /// statement became a segment of its own, written and merged again and again: 15% of
    /// the writer's instructions on synthetic news. Held here and made together just
    /// before the commit, a batch's changes make one segment. Nothing in the writer reads
    /// the index (a merge reads `statements`, the index's content table), so holding them
    /// changes no decision. The index holds the same rows, terms and positions either
    /// way; only how FTS5 lays out its segments (`statements_fts_data`,
    /// `statements_fts_idx`) differs.
    fts: Vec<FtsChange>,
    cache: &'a mut EntityCache,
    /// Entities merged into others (from, into), in order, while storing this batch: an
    /// article that names "Okafor" before "Maria Okafor" has already mapped its "Okafor"
    /// to the surname-only person the full name then absorbs, and must follow the merge.
    merged: Vec<(i64, i64)>,
}

impl<'a> Writer<'a> {
    /// A writer in transaction `tx`, with nothing decided yet.
    fn new(tx: &'a Transaction<'a>, cache: &'a mut EntityCache) -> Writer<'a> {
        Writer {
            tx,
            fts: Vec::new(),
            cache,
            merged: Vec::new(),
        }
    }
}

/// What the writer knows of the `entities` rows it has read or written, so that resolving
/// a name it has seen before costs no query.
///
/// Matching an entity mention took four to eight statements (the entity by key, its
/// titles, the surname-only person, the full namesakes, the alias), run again for every
/// mention of the same people in every article. The cache holds the answers — including
/// "no such key" — and is kept exact: every change the writer makes to `entities` and
/// `entity_aliases` goes through it (insert, new titles, a merge deleting the surname-only
/// person). It is dropped when a batch rolls back, when another connection has written
/// to the database since (`PRAGMA data_version`), and when it grows past its bound.
#[derive(Debug, Default)]
pub(crate) struct EntityCache {
    /// Per kind (`KINDS`), key → the entity's id, or `None` where the database has none.
    ids: [HashMap<String, Option<i64>>; 3],
    /// Entities by id.
    entities: HashMap<i64, CachedEntity>,
    /// Surname → the ids of every person stored under a full name with it, ascending.
    namesakes: HashMap<String, Vec<i64>>,
    /// `PRAGMA data_version` when the last batch committed.
    data_version: Option<i64>,
}

/// An `entities` row as the writer needs it.
#[derive(Debug)]
struct CachedEntity {
    name: String,
    titles: Vec<String>,
    /// Aliases known to be stored for it (a subset: `entity_aliases` may hold more).
    aliases: Vec<String>,
}

/// The entity kinds, as stored in `entities.kind`; their index keys `EntityCache::ids`.
const KINDS: [&str; 3] = ["person", "organization", "place"];
const PERSON: usize = 0;
const ORGANIZATION: usize = 1;
const PLACE: usize = 2;

/// Entities the cache holds at most (keys at most four times as many). Real news names
/// about ten new entities per article, so a long ingest would otherwise grow it without
/// end; at about 200 bytes an entity this is a few megabytes, and it is refilled from the
/// database after being dropped. The people named again and again, the ones the cache is
/// for, come back within a batch.
const ENTITY_CACHE_MAX: usize = 32_768;

impl EntityCache {
    /// Before a batch: forget everything if another connection has written since the
    /// last batch, or if the cache has outgrown its bound.
    fn prepare(&mut self, conn: &rusqlite::Connection) -> Result<(), StoreError> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |row| row.get(0))?;
        let keys: usize = self.ids.iter().map(HashMap::len).sum();
        if self.data_version != Some(version)
            || self.entities.len() > ENTITY_CACHE_MAX
            || keys > 4 * ENTITY_CACHE_MAX
            || self.namesakes.len() > ENTITY_CACHE_MAX
        {
            self.clear();
            self.data_version = Some(version);
        }
        Ok(())
    }

    pub(crate) fn clear(&mut self) {
        for ids in &mut self.ids {
            ids.clear();
        }
        self.entities.clear();
        self.namesakes.clear();
        self.data_version = None;
    }
}

/// The cached entity `id`, read from the database when not cached. Fails as the query
/// would for an id that is not stored.
fn entity<'c>(
    tx: &Transaction,
    cache: &'c mut EntityCache,
    id: i64,
) -> Result<&'c mut CachedEntity, StoreError> {
    use std::collections::hash_map::Entry;
    Ok(match cache.entities.entry(id) {
        Entry::Occupied(entry) => entry.into_mut(),
        Entry::Vacant(entry) => {
            let (name, titles) = tx
                .prepare_cached("SELECT name, titles FROM entities WHERE id = ?1")?
                .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))?;
            entry.insert(CachedEntity {
                name,
                titles: parse_titles(titles),
                aliases: Vec::new(),
            })
        }
    })
}

/// One change to `statements_fts`: a row (rowid, content, speaker name) to index, or,
/// with the values it was indexed with, to take out.
enum FtsChange {
    Insert(i64, String, Option<String>),
    Delete(i64, String, Option<String>),
}

impl Writer<'_> {
    /// Make the full-text index changes held back, in order.
    fn flush_fts(&mut self) -> Result<(), StoreError> {
        if self.fts.is_empty() {
            return Ok(());
        }
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO statements_fts (rowid, content, speaker_name) VALUES (?1, ?2, ?3)",
        )?;
        let mut delete = self.tx.prepare_cached(
            "INSERT INTO statements_fts (statements_fts, rowid, content, speaker_name)
             VALUES ('delete', ?1, ?2, ?3)",
        )?;
        for change in self.fts.drain(..) {
            match change {
                FtsChange::Insert(id, content, name) => {
                    insert.execute(params![id, content, name])?
                }
                FtsChange::Delete(id, content, name) => {
                    delete.execute(params![id, content, name])?
                }
            };
        }
        Ok(())
    }
}

fn add_record(w: &mut Writer, record: &Record) -> Result<Added, StoreError> {
    let tx = w.tx;
    if let Some(error) = &record.error {
        tx.prepare_cached("INSERT OR IGNORE INTO errors (path, message) VALUES (?1, ?2)")?
            .execute([&record.path, error])?;
        return Ok(Added::Failed);
    }
    let (Some(content_id), Some(article)) = (&record.id, &record.article) else {
        tx.prepare_cached("INSERT OR IGNORE INTO errors (path, message) VALUES (?1, ?2)")?
            .execute([
                record.path.as_str(),
                "the record has neither an article nor an error, so there was nothing to store",
            ])?;
        return Ok(Added::Failed);
    };
    let location = location_of(record);
    if tx
        .prepare_cached("SELECT 1 FROM articles WHERE content_id = ?1 AND location = ?2")?
        .exists([content_id.as_str(), location])?
    {
        return Ok(Added::Duplicate);
    }

    let published_day = article
        .published
        .as_deref()
        .and_then(day_of)
        .map(str::to_owned);
    let outlet = outlet_of(article.site_name.as_deref(), article.url.as_deref());
    let signature = syndication::signature(&article.body);
    tx.prepare_cached(
        "INSERT INTO articles (content_id, location, path, url, outlet, headline, published,
             published_day, section, byline, dateline, language, body, minhash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        content_id,
        location,
        record.path,
        article.url,
        outlet,
        article.headline,
        article.published,
        published_day,
        article.section,
        article.byline,
        article.dateline,
        article.language,
        article.body,
        signature.as_ref().map(syndication::to_blob),
    ])?;
    let article_id = tx.last_insert_rowid();
    for (position, image) in article.images.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO images (article, position, caption, credit) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            article_id,
            position as i64,
            image.caption,
            image.credit
        ])?;
    }
    place_in_story(
        tx,
        article_id,
        signature.as_ref(),
        outlet.as_deref(),
        article.published.as_deref(),
    )?;

    // Entities: the record's local ids ("e1") to the store's.
    let mut global: HashMap<&str, i64> = HashMap::new();
    // The names this article gave each entity, counted once per article.
    let mut named_here: HashSet<(i64, String)> = HashSet::new();
    for entity in &record.entities {
        let merges_before = w.merged.len();
        let Some(id) = resolve_entity(
            w,
            entity.kind,
            &entity.name,
            &entity.titles,
            entity.nationality.as_deref(),
        )?
        else {
            continue;
        };
        // Merges made just now: this article's earlier entities that pointed at the
        // absorbed person point at the one who absorbed them (before any later insert
        // could be given the freed id).
        for &(from, into) in &w.merged[merges_before..] {
            for stored in global.values_mut() {
                if *stored == from {
                    *stored = into;
                }
            }
        }
        global.insert(entity.id.as_str(), id);
        // How many articles give the entity this name: the one most of them give is the
        // name shown ([`name_entities_by_use`]).
        let alias = entity.name.trim();
        if named_here.insert((id, alias.to_lowercase())) {
            tx.prepare_cached(
                "UPDATE entity_aliases SET articles = articles + 1 WHERE entity = ?1 AND alias = ?2",
            )?
            .execute(params![id, alias])?;
        }
        tx.prepare_cached(
            "INSERT INTO article_entities (article, entity, mentions) VALUES (?1, ?2, ?3)
             ON CONFLICT (article, entity) DO UPDATE SET mentions = mentions + excluded.mentions",
        )?
        .execute(params![article_id, id, entity.mentions.len() as i64])?;
    }

    let body_spans = BodySpans::new(record);
    for (position, quote) in record.quotes.iter().enumerate() {
        let speaker_id = quote
            .speaker
            .as_ref()
            .and_then(|s| s.entity.as_deref())
            .and_then(|local| global.get(local).copied());
        let speaker_name = match speaker_id {
            Some(id) => Some(entity_name(w, id)?),
            None => quote.speaker.as_ref().map(|s| s.name.clone()),
        };
        let words = spoken_words(quote);
        let statement = upsert_statement(
            w,
            quote.kind,
            &words,
            speaker_id,
            speaker_name.as_deref(),
            article_id,
            article.published.as_deref(),
        )?;
        let content = body_spans.locate(&quote.content.span(), &quote.content.text);
        // Where each part is in the body, for `show` and the web page to mark the words
        // and not the narration between them; all of them or none.
        let parts: Option<Vec<[usize; 2]>> = quote
            .parts
            .iter()
            .map(|p| {
                body_spans
                    .locate(&p.span(), &p.text)
                    .map(|s| [s.start, s.end])
            })
            .collect();
        let parts = parts
            .filter(|p| !p.is_empty())
            .map(|p| serde_json::to_string(&p).unwrap_or_default());
        let cue = quote
            .cue
            .as_ref()
            .and_then(|c| body_spans.locate(&c.span(), &c.text));
        let source = quote
            .source
            .as_ref()
            .and_then(|s| body_spans.locate(&s.span(), &s.text));
        tx.prepare_cached(
            "INSERT INTO quotes (article, position, statement, kind, content, content_start,
                 content_end, parts, cue, cue_start, cue_end, source, source_start, source_end,
                 speaker, speaker_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )?
        .execute(params![
            article_id,
            position as i64,
            statement,
            kind_name(quote.kind),
            words,
            content.map(|s| s.start as i64),
            content.map(|s| s.end as i64),
            parts,
            quote.cue.as_ref().map(|c| &c.text),
            cue.map(|s| s.start as i64),
            cue.map(|s| s.end as i64),
            quote.source.as_ref().map(|s| &s.text),
            source.map(|s| s.start as i64),
            source.map(|s| s.end as i64),
            speaker_id,
            quote.speaker.as_ref().map(|s| &s.name),
        ])?;
        let quote_id = tx.last_insert_rowid();
        // Who the statement talks about: entities mentioned inside its words (not in the
        // narration between its parts: "said Ida Brekke, who chairs the dockers' union").
        let within = |m: &TextSpan, p: &TextSpan| m.start >= p.start && m.end <= p.end;
        let in_words = |m: &TextSpan| match &quote.parts[..] {
            [] => within(m, &quote.content),
            parts => parts.iter().any(|p| within(m, p)),
        };
        for entity in &record.entities {
            let Some(&id) = global.get(entity.id.as_str()) else {
                continue;
            };
            if Some(id) == speaker_id {
                continue;
            }
            if entity.mentions.iter().any(in_words) {
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO quote_mentions (quote, entity) VALUES (?1, ?2)",
                )?
                .execute(params![quote_id, id])?;
            }
        }
    }
    Ok(Added::Article {
        id: article_id,
        quotes: record.quotes.len(),
    })
}

/// Where an article was published: its URL, else the path it was read from. The same
/// content at two addresses is two articles (of one syndicated story); the same content
/// at the same address, read again, is the same article.
pub fn location_of(record: &Record) -> &str {
    record
        .article
        .as_ref()
        .and_then(|a| a.url.as_deref())
        .unwrap_or(&record.path)
}

/// `2025-01-31` of `2025-01-31T14:15:00…`, when the value starts with a date.
pub(crate) fn day_of(published: &str) -> Option<&str> {
    let day = published.get(..10)?;
    let bytes = day.as_bytes();
    let shape = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    shape.then_some(day)
}

/// The outlet: the site's name, or the URL's host without `www.`.
fn outlet_of(site_name: Option<&str>, url: Option<&str>) -> Option<String> {
    if let Some(name) = site_name.map(str::trim).filter(|n| !n.is_empty()) {
        return Some(name.to_owned());
    }
    let rest = url?.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_owned())
}

fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "mixed",
        QuoteKind::Indirect => "indirect",
    }
}

fn entity_name(w: &mut Writer, id: i64) -> Result<String, StoreError> {
    Ok(entity(w.tx, w.cache, id)?.name.clone())
}

/// Put a new article in the story of the most similar stored article, or start a story.
fn place_in_story(
    tx: &Transaction,
    article_id: i64,
    signature: Option<&syndication::Signature>,
    outlet: Option<&str>,
    published: Option<&str>,
) -> Result<(), StoreError> {
    // At most 64 candidates are compared in full (the literal LIMIT below): boilerplate
    // shared by thousands of pages must not make one insert slow. It is written into the
    // SQL rather than bound: SQLite plans with a bound LIMIT's value and so marks the
    // statement to be prepared again whenever that parameter is bound anew, which
    // rusqlite's statement cache does at every use (it clears the bindings) — one
    // re-preparation per article, 7% of the writer's instructions.
    let mut story = None;
    if let Some(signature) = signature {
        let bands = syndication::bands(signature);
        let mut best: Option<(f64, i64)> = None;
        {
            let mut candidates = tx.prepare_cached(
                "SELECT DISTINCT a.story, a.minhash FROM article_bands b
                 JOIN articles a ON a.id = b.article
                 WHERE b.band IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                 ORDER BY a.id LIMIT 64",
            )?;
            let mut rows = candidates.query(rusqlite::params_from_iter(bands.iter()))?;
            while let Some(row) = rows.next()? {
                let candidate_story: i64 = row.get(0)?;
                let blob: Vec<u8> = row.get(1)?;
                let Some(other) = syndication::from_blob(&blob) else {
                    continue;
                };
                let similarity = syndication::similarity(signature, &other);
                if similarity >= syndication::SAME_STORY && best.is_none_or(|(s, _)| similarity > s)
                {
                    best = Some((similarity, candidate_story));
                }
            }
        }
        story = best.map(|(_, s)| s);
        for band in bands {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO article_bands (band, article) VALUES (?1, ?2)",
            )?
            .execute(params![band, article_id])?;
        }
    }
    let story = match story {
        Some(story) => {
            // The story's first appearance: the earliest publication date known.
            tx.prepare_cached(
                "UPDATE stories SET articles = articles + 1,
                     first_article = CASE WHEN ?2 IS NOT NULL AND (first_published IS NULL OR ?2 < first_published) THEN ?3 ELSE first_article END,
                     first_outlet = CASE WHEN ?2 IS NOT NULL AND (first_published IS NULL OR ?2 < first_published) THEN ?4 ELSE first_outlet END,
                     first_published = CASE WHEN ?2 IS NOT NULL AND (first_published IS NULL OR ?2 < first_published) THEN ?2 ELSE first_published END
                 WHERE id = ?1",
            )?
            .execute(params![story, published, article_id, outlet])?;
            story
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO stories (first_article, first_outlet, first_published, articles)
                 VALUES (?1, ?2, ?3, 1)",
            )?
            .execute(params![article_id, outlet, published])?;
            tx.last_insert_rowid()
        }
    };
    tx.prepare_cached("UPDATE articles SET story = ?2 WHERE id = ?1")?
        .execute(params![article_id, story])?;
    Ok(())
}

/// The store's id of an entity named in an article, creating it when new. `None` for a
/// name with nothing to match on.
fn resolve_entity(
    w: &mut Writer,
    kind: EntityType,
    name: &str,
    titles: &[String],
    nationality: Option<&str>,
) -> Result<Option<i64>, StoreError> {
    let tx = w.tx;
    let id = match kind {
        EntityType::Person => resolve_person(w, name, titles, nationality)?,
        EntityType::Organization | EntityType::Place => {
            let kind = if kind == EntityType::Place {
                PLACE
            } else {
                ORGANIZATION
            };
            let key = plain_key_of(kind, name);
            if key.is_empty() {
                return Ok(None);
            }
            Some(match find_entity(w, kind, &key)? {
                Some(id) => id,
                None => insert_entity(w, kind, name, &key, None, false, titles, nationality)?,
            })
        }
    };
    let Some(id) = id else { return Ok(None) };
    // An alias already stored would be ignored (the key is the entity and the alias,
    // without ASCII case, as COLLATE NOCASE compares): skip the statement.
    let alias = name.trim();
    let cached = entity(tx, w.cache, id)?;
    if !cached.aliases.iter().any(|a| a.eq_ignore_ascii_case(alias)) {
        tx.prepare_cached("INSERT OR IGNORE INTO entity_aliases (entity, alias) VALUES (?1, ?2)")?
            .execute(params![id, alias])?;
        cached.aliases.push(alias.to_owned());
    }
    Ok(Some(id))
}

/// A person across articles:
/// - a full name matches the stored person with the same key (first and last name); a new
///   full name whose surname was until now known alone ("Trump", from articles that only
///   said "President Trump") takes those earlier statements over, if it is the only full
///   name with that surname;
/// - a surname alone matches the one stored full name with that surname; among several
///   (two Johnsons), the one whose titles agree with this article's, or the one the corpus
///   names far more often than the others ([`choose_namesake`]); otherwise it stays a
///   surname-only person, never forced onto one of them ([`relink_surnames`] looks again
///   at the end of the ingest).
fn resolve_person(
    w: &mut Writer,
    name: &str,
    titles: &[String],
    nationality: Option<&str>,
) -> Result<Option<i64>, StoreError> {
    let Some(key) = person_key(name) else {
        return Ok(None);
    };
    if !key.partial {
        let id = match find_entity(w, PERSON, &key.key)? {
            Some(id) => {
                add_titles(w, id, titles)?;
                id
            }
            None => insert_entity(
                w,
                PERSON,
                name,
                &key.key,
                Some(&key.surname),
                false,
                titles,
                nationality,
            )?,
        };
        // A surname-only person may now be known to be this one (a new full name, or new
        // titles that tell namesakes apart).
        if let Some(partial) = find_entity(w, PERSON, &key.surname)? {
            let partial_titles = entity(w.tx, w.cache, partial)?.titles.clone();
            let namesakes = full_namesakes(w, &key.surname)?;
            if may_absorb(&partial_titles, id, &namesakes) {
                merge_entity(w, partial, id)?;
                // The surname-only person is gone: its key names nobody now.
                w.cache.ids[PERSON].insert(key.surname.clone(), None);
            }
        }
        return Ok(Some(id));
    }

    let candidates = full_namesakes(w, &key.surname)?;
    let chosen = choose_namesake(w, &candidates, titles, false)?;
    if let Some(id) = chosen {
        add_titles(w, id, titles)?;
        return Ok(Some(id));
    }
    match find_entity(w, PERSON, &key.key)? {
        Some(id) => {
            add_titles(w, id, titles)?;
            Ok(Some(id))
        }
        None => Ok(Some(insert_entity(
            w,
            PERSON,
            name,
            &key.key,
            Some(&key.surname),
            true,
            titles,
            nationality,
        )?)),
    }
}

/// Which of the full `namesakes` a surname given with `titles` names, if any:
/// - the one its titles alone decide ([`by_titles`]);
/// - otherwise, among those that share a title (or, when none does, those that do not
///   contradict it), the one the corpus names far more often than all the other namesakes
///   together (see [`dominates`]): a bare "Trump" in 2016 news is Donald Trump, though the
///   store also knows Eric, Ivanka and Melania Trump;
/// - otherwise nobody: two Johnsons the corpus names about as often stay apart, and the
///   surname stays a person of its own rather than being forced onto one of them.
fn choose_namesake(
    w: &mut Writer,
    namesakes: &[(i64, Vec<String>)],
    titles: &[String],
    strict: bool,
) -> Result<Option<i64>, StoreError> {
    let pool = match by_titles(namesakes, titles, strict) {
        ByTitles::One(id) => return Ok(Some(id)),
        ByTitles::Among(pool) if pool.is_empty() => return Ok(None),
        ByTitles::Among(pool) => pool,
    };
    let mut counts = Vec::with_capacity(namesakes.len());
    for (id, _) in namesakes {
        counts.push((*id, articles_naming(w.tx, *id)?));
    }
    Ok(dominates(&counts, &pool))
}

/// What titles alone say about which of the full `namesakes` a surname given with
/// `titles` names.
#[derive(Debug, PartialEq)]
enum ByTitles {
    /// This one: the one namesake whose titles it shares ("President Obama": not the Obama
    /// known only as first lady), or a single namesake none of whose titles contradicts
    /// the mention's.
    One(i64),
    /// One of these, if any: those that share a title with it, or, when none does, those
    /// that do not contradict it.
    Among(Vec<i64>),
}

/// [`ByTitles`] for a surname given with `titles`. `strict` (for a surname already stored
/// as a person of its own, with the titles of all its mentions): a single namesake is only
/// taken on a shared title or when the surname came without any. "Judge Berman" in one
/// article and "Wayne Berman" in another are not known to be one man.
fn by_titles(namesakes: &[(i64, Vec<String>)], titles: &[String], strict: bool) -> ByTitles {
    let sharing: Vec<i64> = namesakes
        .iter()
        .filter(|(_, stored)| share_a_title(stored, titles))
        .map(|(id, _)| *id)
        .collect();
    let compatible: Vec<i64> = namesakes
        .iter()
        .filter(|(_, stored)| {
            stored.is_empty() || titles.is_empty() || share_a_title(stored, titles)
        })
        .map(|(id, _)| *id)
        .collect();
    match (&sharing[..], &compatible[..]) {
        ([one], _) => ByTitles::One(*one),
        ([], [one]) if namesakes.len() == 1 && (titles.is_empty() || !strict) => {
            ByTitles::One(*one)
        }
        ([], _) => ByTitles::Among(compatible),
        _ => ByTitles::Among(sharing),
    }
}

/// The person of `pool` named in at least [`DOMINANT_MIN_ARTICLES`] articles and in
/// [`DOMINANCE`] times as many as every other person of `counts` (id, articles) together.
/// Pure, so that the rule is tested without a database.
fn dominates(counts: &[(i64, u64)], pool: &[i64]) -> Option<i64> {
    let (best, most) = counts
        .iter()
        .filter(|(id, _)| pool.contains(id))
        .max_by_key(|(_, n)| *n)?;
    let others: u64 = counts
        .iter()
        .filter(|(id, _)| id != best)
        .map(|(_, n)| n)
        .sum();
    (*most >= DOMINANT_MIN_ARTICLES && *most >= DOMINANCE * others).then_some(*best)
}

/// How much more often than all its other namesakes together a person must be named
/// for a bare surname to be taken as theirs. Chosen on PolNeAR (924 articles of 2016
/// news): at 4, "Obama" is Barack Obama (193 articles against 13 for Michelle Obama and
/// misread names), "Clinton" Hillary Clinton (624 against 110), "Reagan" Ronald Reagan,
/// "Biden" Joe Biden, "Kelly" Megyn Kelly (18 against 4); "Bush" stays apart (Jeb Bush 77,
/// George H. W. Bush 71), as do "Paul" (Rand Paul 23 against Ron Paul 8 and others) and
/// "Johnson" (a dozen Johnsons).
const DOMINANCE: u64 = 4;

/// A person named in fewer articles is not yet known well enough to take a bare surname
/// from their namesakes ("Castro": Fidel Castro in 4 articles, Arturo Castro in 1).
const DOMINANT_MIN_ARTICLES: u64 = 5;

/// Articles counted at most by [`articles_naming`]: counting walks the index entry by
/// entry, and past this many the ratio [`DOMINANCE`] asks for is decided anyway for all
/// but two people both this famous.
const ARTICLES_COUNTED_MAX: i64 = 10_000;

/// The number of articles that name entity `id` (at most [`ARTICLES_COUNTED_MAX`]).
fn articles_naming(tx: &Transaction, id: i64) -> Result<u64, StoreError> {
    let n: i64 = tx
        .prepare_cached(
            "SELECT count(*) FROM (SELECT 1 FROM article_entities WHERE entity = ?1 LIMIT ?2)",
        )?
        .query_row(params![id, ARTICLES_COUNTED_MAX], |row| row.get(0))?;
    Ok(n as u64)
}

fn share_a_title(a: &[String], b: &[String]) -> bool {
    a.iter()
        .any(|x| b.iter().any(|y| x.eq_ignore_ascii_case(y)))
}

/// The people stored under a full name with this surname, with their titles: whom a
/// person named by that word alone may be. None for a word that is never a surname
/// ([`never_a_surname`]: "Bob" is not "Cabo Bob", the writer's "I" not "Survey I").
fn full_namesakes(w: &mut Writer, surname: &str) -> Result<Vec<(i64, Vec<String>)>, StoreError> {
    if never_a_surname(surname) {
        return Ok(Vec::new());
    }
    if !w.cache.namesakes.contains_key(surname) {
        let mut statement = w.tx.prepare_cached(
            "SELECT id, name, titles FROM entities
             WHERE kind = 'person' AND surname = ?1 AND partial = 0 ORDER BY id",
        )?;
        let mut rows = statement.query([surname])?;
        let mut ids = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            if let std::collections::hash_map::Entry::Vacant(slot) = w.cache.entities.entry(id) {
                slot.insert(CachedEntity {
                    name: row.get(1)?,
                    titles: parse_titles(row.get(2)?),
                    aliases: Vec::new(),
                });
            }
            ids.push(id);
        }
        w.cache.namesakes.insert(surname.to_owned(), ids);
    }
    let ids = w.cache.namesakes[surname].clone();
    ids.into_iter()
        .map(|id| Ok((id, entity(w.tx, w.cache, id)?.titles.clone())))
        .collect()
}

/// Whether a person known so far by surname alone, with `partial` titles, is the newly
/// stored full name `new` among its `namesakes` (all full names with that surname, `new`
/// included): when titles alone say so, strictly ([`by_titles`]) — `new` is the only one
/// and the surname came without a title, or `new` is the only one that shares a title
/// with it.
fn may_absorb(partial: &[String], new: i64, namesakes: &[(i64, Vec<String>)]) -> bool {
    by_titles(namesakes, partial, true) == ByTitles::One(new)
}

/// The `entities.titles` column (a JSON array, or null) as a list.
pub(crate) fn parse_titles(stored: Option<String>) -> Vec<String> {
    stored
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

fn find_entity(w: &mut Writer, kind: usize, key: &str) -> Result<Option<i64>, StoreError> {
    if let Some(known) = w.cache.ids[kind].get(key) {
        return Ok(*known);
    }
    let row: Option<(i64, String, Option<String>)> =
        w.tx.prepare_cached("SELECT id, name, titles FROM entities WHERE kind = ?1 AND key = ?2")?
            .query_row([KINDS[kind], key], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .optional()?;
    let id = row.map(|(id, name, titles)| {
        w.cache.entities.entry(id).or_insert_with(|| CachedEntity {
            name,
            titles: parse_titles(titles),
            aliases: Vec::new(),
        });
        id
    });
    w.cache.ids[kind].insert(key.to_owned(), id);
    Ok(id)
}

#[allow(clippy::too_many_arguments)] // one column each; a struct would only rename them
fn insert_entity(
    w: &mut Writer,
    kind: usize,
    name: &str,
    key: &str,
    surname: Option<&str>,
    partial: bool,
    titles: &[String],
    nationality: Option<&str>,
) -> Result<i64, StoreError> {
    let stored_titles =
        (!titles.is_empty()).then(|| serde_json::to_string(titles).unwrap_or_default());
    w.tx.prepare_cached(
        "INSERT INTO entities (kind, name, key, surname, partial, titles, nationality)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        KINDS[kind],
        name.trim(),
        key,
        surname,
        partial,
        stored_titles,
        nationality
    ])?;
    let id = w.tx.last_insert_rowid();
    w.cache.ids[kind].insert(key.to_owned(), Some(id));
    w.cache.entities.insert(
        id,
        CachedEntity {
            name: name.trim().to_owned(),
            titles: titles.to_vec(),
            aliases: Vec::new(),
        },
    );
    if let (Some(surname), false) = (surname, partial) {
        // The newest id is the largest: the list stays in ascending order.
        if let Some(ids) = w.cache.namesakes.get_mut(surname) {
            ids.push(id);
        }
    }
    Ok(id)
}

/// Remember titles a person was given ("president"), used to tell namesakes apart.
fn add_titles(w: &mut Writer, id: i64, titles: &[String]) -> Result<(), StoreError> {
    if titles.is_empty() {
        return Ok(());
    }
    let all = &mut entity(w.tx, w.cache, id)?.titles;
    let before = all.len();
    for title in titles {
        if !all.iter().any(|t| t.eq_ignore_ascii_case(title)) {
            all.push(title.clone());
        }
    }
    if all.len() != before {
        w.tx.prepare_cached("UPDATE entities SET titles = ?2 WHERE id = ?1")?
            .execute(params![
                id,
                serde_json::to_string(&*all).unwrap_or_default()
            ])?;
    }
    Ok(())
}

/// Schema 4 and 5 in a file written before them: every person gets the key and surname
/// `person_key` gives today (a familiar first name in its formal form since 4, without
/// accents since 5), and a person whose new key another already holds ("Joe Biden" beside
/// "Joseph R. Biden Jr.", "Francois Hollande" beside "François Hollande") is merged into
/// that one, statements, mentions and aliases included, as a surname-only person is
/// merged into its full name.
pub(crate) fn rekey_people(tx: &Transaction) -> Result<(), StoreError> {
    let people: Vec<(i64, String, String, Option<String>)> = tx
        .prepare("SELECT id, name, key, surname FROM entities WHERE kind = 'person' ORDER BY id")?
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut cache = EntityCache::default();
    let mut w = Writer::new(tx, &mut cache);
    for (id, name, key, surname) in people {
        let Some(new) = person_key(&name) else {
            continue;
        };
        if new.key == key && surname.as_deref() == Some(new.surname.as_str()) {
            continue;
        }
        match find_entity(&mut w, PERSON, &new.key)? {
            Some(holder) if holder != id => {
                let titles = entity(tx, w.cache, id)?.titles.clone();
                add_titles(&mut w, holder, &titles)?;
                merge_entity(&mut w, id, holder)?;
            }
            _ => {
                tx.prepare_cached("UPDATE entities SET key = ?2, surname = ?3 WHERE id = ?1")?
                    .execute(params![id, new.key, new.surname])?;
                let moved = key != new.key;
                w.cache.ids[PERSON].insert(new.key, Some(id));
                if moved {
                    w.cache.ids[PERSON].insert(key, None);
                }
            }
        }
    }
    w.flush_fts()
}

/// Organizations stored under a key with the legal form ("apple inc", before schema 7) get
/// the key without it, and two that now share one ("Apple Inc." and "Apple") become one:
/// statements, mentions, aliases and titles go to the one already under the new key.
pub(crate) fn rekey_organizations(tx: &Transaction) -> Result<(), StoreError> {
    rekey_plain(tx, ORGANIZATION)
}

/// Places stored under a key written before schema 8 (a typographic apostrophe kept:
/// "côte d’ivoire") get today's key, and two that now share one become one.
pub(crate) fn rekey_places(tx: &Transaction) -> Result<(), StoreError> {
    rekey_plain(tx, PLACE)
}

/// The key of an organization's name ([`organization_key`]: without its legal form) or a
/// place's ([`plain_key`]), `kind` being [`ORGANIZATION`] or [`PLACE`].
fn plain_key_of(kind: usize, name: &str) -> String {
    if kind == ORGANIZATION {
        organization_key(name)
    } else {
        plain_key(name)
    }
}

/// Organizations or places (`kind`) under the key their name gives today
/// ([`organization_key`], [`plain_key`]); one whose new key another already holds is
/// merged into that one.
fn rekey_plain(tx: &Transaction, kind: usize) -> Result<(), StoreError> {
    let entities: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, name, key FROM entities WHERE kind = ?1 ORDER BY id")?
        .query_map([KINDS[kind]], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut cache = EntityCache::default();
    let mut w = Writer::new(tx, &mut cache);
    for (id, name, key) in entities {
        let new = plain_key_of(kind, &name);
        if new == key || new.is_empty() {
            continue;
        }
        match find_entity(&mut w, kind, &new)? {
            Some(holder) if holder != id => {
                let titles = entity(tx, w.cache, id)?.titles.clone();
                add_titles(&mut w, holder, &titles)?;
                merge_entity(&mut w, id, holder)?;
            }
            _ => {
                tx.prepare_cached("UPDATE entities SET key = ?2 WHERE id = ?1")?
                    .execute(params![id, new])?;
                w.cache.ids[kind].insert(new, Some(id));
                w.cache.ids[kind].insert(key, None);
            }
        }
    }
    w.flush_fts()
}

/// Surname-only people whom one of their full namesakes now names, by the rules a new
/// mention of the surname is resolved by ([`choose_namesake`]), merged into that person:
/// statements, mentions, aliases and titles. A bare "Obama" stored before Barack Obama was
/// named often enough to dominate the other Obamas is his, once he does. Run at the end of
/// every ingest ([`Store::finish_ingest`]) and by the schema 9 migration's steps; returns
/// the number of people merged.
pub(crate) fn relink_surnames(
    tx: &Transaction,
    cache: &mut EntityCache,
) -> Result<usize, StoreError> {
    let partials: Vec<(i64, String, String)> = tx
        .prepare(
            "SELECT id, key, surname FROM entities AS p
             WHERE kind = 'person' AND partial = 1 AND surname IS NOT NULL AND EXISTS (
                 SELECT 1 FROM entities AS f
                 WHERE f.kind = 'person' AND f.partial = 0 AND f.surname = p.surname)
             ORDER BY id",
        )?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut w = Writer::new(tx, cache);
    let mut merged = 0;
    for (id, key, surname) in partials {
        let titles = entity(tx, w.cache, id)?.titles.clone();
        let namesakes = full_namesakes(&mut w, &surname)?;
        if let Some(into) = choose_namesake(&mut w, &namesakes, &titles, true)? {
            add_titles(&mut w, into, &titles)?;
            merge_entity(&mut w, id, into)?;
            w.cache.ids[PERSON].insert(key, None);
            merged += 1;
        }
    }
    w.flush_fts()?;
    Ok(merged)
}

/// Each entity under the name most articles give it, among the names that are its own
/// (their key is the entity's: "James Comey" and "James B. Comey Jr." for `james comey`,
/// not a bare "Comey" a merge brought in). The first name seen is only where a name
/// starts: "Jim Comey", met first, gives way to "James Comey" once more articles say so.
/// A tie keeps the name shown, so a name changes only when another is given more often.
/// Its statements show the new name (`statements.speaker_name` and the full-text index).
/// Run at the end of every ingest ([`Store::finish_ingest`]) and by the schema 9
/// migration, over the whole store: the result depends on what is stored, not on which
/// run stored it (an interrupted ingest resumed ends as an uninterrupted one).
pub(crate) fn name_entities_by_use(
    tx: &Transaction,
    cache: &mut EntityCache,
) -> Result<usize, StoreError> {
    // (entity, kind, key, partial, alias, articles) for the aliases given more often than
    // the name shown, most given first.
    let rows: Vec<(i64, String, String, bool, String, i64)> = tx
        .prepare(
            "SELECT a.entity, e.kind, e.key, e.partial, a.alias, a.articles
             FROM entity_aliases a JOIN entities e ON e.id = a.entity
             WHERE a.articles > coalesce((SELECT b.articles FROM entity_aliases b
                                          WHERE b.entity = a.entity AND b.alias = e.name), 0)
             ORDER BY a.entity, a.articles DESC, length(a.alias) DESC, a.alias",
        )?
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut w = Writer::new(tx, cache);
    let mut renamed = 0;
    let mut done: Option<i64> = None;
    for (id, kind, key, partial, alias, _) in rows {
        if done == Some(id) || partial {
            continue;
        }
        let own = match KINDS.iter().position(|k| *k == kind) {
            Some(PERSON) => person_key(&alias).is_some_and(|k| !k.partial && k.key == key),
            Some(other) => plain_key_of(other, &alias) == key,
            None => false,
        };
        if !own {
            continue;
        }
        done = Some(id);
        rename_entity(&mut w, id, &alias)?;
        renamed += 1;
    }
    w.flush_fts()?;
    Ok(renamed)
}

/// Show entity `id` as `name`: its row, and the statements it made.
fn rename_entity(w: &mut Writer, id: i64, name: &str) -> Result<(), StoreError> {
    let tx = w.tx;
    tx.prepare_cached("UPDATE entities SET name = ?2 WHERE id = ?1")?
        .execute(params![id, name])?;
    if let Some(cached) = w.cache.entities.get_mut(&id) {
        cached.name = name.to_owned();
    }
    let statements: Vec<(i64, String, Option<String>)> = tx
        .prepare_cached("SELECT id, content, speaker_name FROM statements WHERE speaker = ?1")?
        .query_map([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (statement, content, old_name) in statements {
        w.fts
            .push(FtsChange::Delete(statement, content.clone(), old_name));
        w.fts
            .push(FtsChange::Insert(statement, content, Some(name.to_owned())));
    }
    tx.prepare_cached("UPDATE statements SET speaker_name = ?2 WHERE speaker = ?1")?
        .execute(params![id, name])?;
    Ok(())
}

/// Move everything of entity `from` to entity `into` and delete `from`.
fn merge_entity(w: &mut Writer, from: i64, into: i64) -> Result<(), StoreError> {
    let into_name = entity_name(w, into)?;
    let tx = w.tx;
    tx.prepare_cached("UPDATE quotes SET speaker = ?2 WHERE speaker = ?1")?
        .execute(params![from, into])?;
    tx.prepare_cached(
        "INSERT INTO article_entities (article, entity, mentions)
         SELECT article, ?2, mentions FROM article_entities WHERE entity = ?1 AND true
         ON CONFLICT (article, entity) DO UPDATE SET mentions = mentions + excluded.mentions",
    )?
    .execute(params![from, into])?;
    tx.prepare_cached("DELETE FROM article_entities WHERE entity = ?1")?
        .execute([from])?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO quote_mentions (quote, entity)
         SELECT quote, ?2 FROM quote_mentions WHERE entity = ?1",
    )?
    .execute(params![from, into])?;
    tx.prepare_cached("DELETE FROM quote_mentions WHERE entity = ?1")?
        .execute([from])?;
    tx.prepare_cached(
        "INSERT INTO entity_aliases (entity, alias, articles)
         SELECT ?2, alias, articles FROM entity_aliases WHERE entity = ?1 AND true
         ON CONFLICT (entity, alias) DO UPDATE SET articles = articles + excluded.articles",
    )?
    .execute(params![from, into])?;
    tx.prepare_cached("DELETE FROM entity_aliases WHERE entity = ?1")?
        .execute([from])?;
    let statements: Vec<(i64, String, String)> = {
        let mut select = tx.prepare_cached(
            "SELECT id, content, speaker_name FROM statements WHERE speaker = ?1 ORDER BY id",
        )?;
        select
            .query_map([from], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<Result<_, _>>()?
    };
    for (id, content, old_name) in statements {
        let key = statement_key(Some(into), None, &content);
        w.fts
            .push(FtsChange::Delete(id, content.clone(), Some(old_name)));
        let existing: Option<i64> = tx
            .prepare_cached("SELECT id FROM statements WHERE key = ?1")?
            .query_row([&key], |row| row.get(0))
            .optional()?;
        match existing {
            Some(keep) => fold_statement(tx, id, keep)?,
            None => {
                tx.prepare_cached(
                    "UPDATE statements SET speaker = ?2, speaker_name = ?3, key = ?4 WHERE id = ?1",
                )?
                .execute(params![id, into, into_name, key])?;
                w.fts
                    .push(FtsChange::Insert(id, content, Some(into_name.clone())));
            }
        }
    }
    tx.prepare_cached("DELETE FROM entities WHERE id = ?1")?
        .execute([from])?;
    // Its id may be given again to a new entity.
    w.cache.entities.remove(&from);
    w.merged.push((from, into));
    Ok(())
}

/// Make statement `from` one with statement `keep`: its quotations become occurrences of
/// `keep`, and `from` is deleted. Its full-text row is the caller's to take out.
pub(crate) fn fold_statement(tx: &Transaction, from: i64, keep: i64) -> Result<(), StoreError> {
    tx.prepare_cached("UPDATE quotes SET statement = ?2 WHERE statement = ?1")?
        .execute(params![from, keep])?;
    // The survivor is first and last reported where either was (searches by date rely on
    // `first_published` and `last_published` being the earliest and latest reports).
    tx.prepare_cached(
        "UPDATE statements AS k SET
             occurrences = k.occurrences + m.occurrences,
             first_article = CASE WHEN m.first_published IS NOT NULL AND (k.first_published IS NULL OR m.first_published < k.first_published) THEN m.first_article ELSE k.first_article END,
             first_published = CASE WHEN m.first_published IS NOT NULL AND (k.first_published IS NULL OR m.first_published < k.first_published) THEN m.first_published ELSE k.first_published END,
             last_published = CASE WHEN m.last_published IS NOT NULL AND (k.last_published IS NULL OR m.last_published > k.last_published) THEN m.last_published ELSE k.last_published END
         FROM statements AS m WHERE m.id = ?1 AND k.id = ?2",
    )?
    .execute(params![from, keep])?;
    tx.prepare_cached("DELETE FROM statements WHERE id = ?1")?
        .execute([from])?;
    Ok(())
}

/// The key of a statement: its speaker (the store's entity, else the name as given, else
/// nobody) and its words.
pub(crate) fn statement_key(
    speaker: Option<i64>,
    speaker_name: Option<&str>,
    content: &str,
) -> String {
    let who = match (speaker, speaker_name) {
        (Some(id), _) => format!("entity:{id}"),
        (None, Some(name)) => format!("name:{}", name.to_lowercase()),
        (None, None) => String::new(),
    };
    let text = format!("{who}\u{1f}{}", statement_words(content));
    format!("{:032x}", xxh3_128(text.as_bytes()))
}

/// What goes between the parts of an interrupted quotation in its statement's text.
///
/// An ellipsis is how quoted text shows that words were left out: a reader of “We will be
/// speaking, and I think will perhaps do something that’ll be significant,” … “We want to
/// end that war.” sees that the speaker's words did not follow one another, and that
/// something (the reporter's "Trump said in exchange with reporters in the Oval Office.")
/// stood between them. A bare space would run the parts together as if said in one breath. It is punctuation to `statement_words` and to
/// the full-text tokenizer, so it changes neither keys nor searches.
pub(crate) const PART_JOINER: &str = " … ";

/// The speaker's words of a quotation: its parts joined with [`PART_JOINER`] when its cue
/// or source interrupts it, else its content. This is a statement's text, what its key
/// and the full-text index are made of: the same quotation reported by two outlets whose
/// narration between the parts differs is one statement.
pub(crate) fn spoken_words(quote: &Quote) -> std::borrow::Cow<'_, str> {
    match &quote.parts[..] {
        [] => std::borrow::Cow::Borrowed(quote.content.text.as_str()),
        parts => std::borrow::Cow::Owned(join_parts(parts.iter().map(|p| p.text.as_str()))),
    }
}

/// Parts' texts joined with [`PART_JOINER`].
pub(crate) fn join_parts<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts.into_iter().collect::<Vec<_>>().join(PART_JOINER)
}

/// The statement a quotation is an occurrence of, created at its first occurrence.
fn upsert_statement(
    w: &mut Writer,
    kind: QuoteKind,
    words: &str,
    speaker: Option<i64>,
    speaker_name: Option<&str>,
    article: i64,
    published: Option<&str>,
) -> Result<i64, StoreError> {
    let tx = w.tx;
    let key = statement_key(speaker, speaker_name, words);
    let existing: Option<i64> = tx
        .prepare_cached("SELECT id FROM statements WHERE key = ?1")?
        .query_row([&key], |row| row.get(0))
        .optional()?;
    if let Some(id) = existing {
        tx.prepare_cached(
            "UPDATE statements SET occurrences = occurrences + 1,
                 first_article = CASE WHEN ?2 IS NOT NULL AND (first_published IS NULL OR ?2 < first_published) THEN ?3 ELSE first_article END,
                 first_published = CASE WHEN ?2 IS NOT NULL AND (first_published IS NULL OR ?2 < first_published) THEN ?2 ELSE first_published END,
                 last_published = CASE WHEN ?2 IS NOT NULL AND (last_published IS NULL OR ?2 > last_published) THEN ?2 ELSE last_published END
             WHERE id = ?1",
        )?
        .execute(params![id, published, article])?;
        return Ok(id);
    }
    tx.prepare_cached(
        "INSERT INTO statements (key, speaker, speaker_name, kind, content, first_article,
             first_published, last_published, occurrences)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1)",
    )?
    .execute(params![
        key,
        speaker,
        speaker_name,
        kind_name(kind),
        words,
        article,
        published,
    ])?;
    let id = tx.last_insert_rowid();
    w.fts.push(FtsChange::Insert(
        id,
        words.to_owned(),
        speaker_name.map(str::to_owned),
    ));
    Ok(id)
}

/// Spans of the record turned into spans of `article.body`, which is what the store keeps.
struct BodySpans<'a> {
    /// For `input` offsets: (paragraph span in the input, where it starts in the body).
    paragraphs: Vec<(Span, usize)>,
    offsets: Option<Offsets>,
    body: &'a str,
}

impl<'a> BodySpans<'a> {
    fn new(record: &'a Record) -> BodySpans<'a> {
        let body = record.article.as_ref().map_or("", |a| a.body.as_str());
        let mut paragraphs = Vec::with_capacity(record.paragraphs.len());
        let mut at = 0;
        for span in &record.paragraphs {
            paragraphs.push((*span, at));
            at += span.len() + whosaid_core::PARAGRAPH_SEPARATOR.len();
        }
        BodySpans {
            paragraphs,
            offsets: record.offsets,
            body,
        }
    }

    /// The body span of a span of the record, checked against its text; `None` when the
    /// span lies outside the body (a headline quote) or the record cannot tell.
    fn locate(&self, span: &Span, text: &str) -> Option<Span> {
        let found = match self.offsets? {
            Offsets::Body => Some(*span),
            Offsets::Input => self
                .paragraphs
                .iter()
                .find(|(p, _)| p.start <= span.start && span.end <= p.end)
                .map(|(p, at)| Span::new(at + span.start - p.start, at + span.end - p.start)),
        };
        found.filter(|s| self.body.get(s.start..s.end) == Some(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets_come_from_the_site_name_or_the_host() {
        assert_eq!(
            outlet_of(None, Some("https://www.apnews.com/article/x?y=1")).as_deref(),
            Some("apnews.com")
        );
        assert_eq!(
            outlet_of(Some(" AP News "), Some("https://apnews.com/")).as_deref(),
            Some("AP News")
        );
        assert_eq!(outlet_of(None, Some("not a url")), None);
        assert_eq!(outlet_of(None, None), None);
    }

    #[test]
    fn a_surname_is_the_person_named_far_more_often_than_all_the_others() {
        // Barack Obama in 193 articles, Michelle Obama in 10, a misread name in 3.
        let obamas = [(1, 193), (2, 10), (3, 3)];
        assert_eq!(dominates(&obamas, &[1, 2, 3]), Some(1));
        // Only among the pool, but against every namesake: Michelle is no one's choice.
        assert_eq!(dominates(&obamas, &[2, 3]), None);
        // Jeb Bush 77, George H. W. Bush 71: neither.
        assert_eq!(dominates(&[(1, 77), (2, 71)], &[1, 2]), None);
        // Four times all the others together is enough; fewer than five articles is not.
        assert_eq!(dominates(&[(1, 8), (2, 1), (3, 1)], &[1, 2, 3]), Some(1));
        assert_eq!(dominates(&[(1, 7), (2, 1), (3, 1)], &[1, 2, 3]), None);
        assert_eq!(dominates(&[(1, 4), (2, 0)], &[1, 2]), None);
        assert_eq!(dominates(&[(1, 5), (2, 0)], &[1, 2]), Some(1));
    }

    #[test]
    fn titles_decide_a_namesake_only_when_one_fits() {
        let titles = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let johnsons = [
            (1, titles(&["prime minister"])),
            (2, titles(&["speaker"])),
            (3, titles(&[])),
        ];
        assert_eq!(
            by_titles(&johnsons, &titles(&["speaker"]), false),
            ByTitles::One(2)
        );
        // No title shared: those that do not contradict it.
        assert_eq!(
            by_titles(&johnsons, &titles(&["senator"]), false),
            ByTitles::Among(vec![3])
        );
        assert_eq!(
            by_titles(&johnsons, &[], false),
            ByTitles::Among(vec![1, 2, 3])
        );
        // A single namesake without a title: taken, unless strict and the surname has one.
        let berman = [(7, titles(&[]))];
        assert_eq!(
            by_titles(&berman, &titles(&["judge"]), false),
            ByTitles::One(7)
        );
        assert_eq!(
            by_titles(&berman, &titles(&["judge"]), true),
            ByTitles::Among(vec![7])
        );
        assert_eq!(by_titles(&berman, &[], true), ByTitles::One(7));
    }

    #[test]
    fn only_dates_give_a_day() {
        assert_eq!(day_of("2025-01-31T14:15:00"), Some("2025-01-31"));
        assert_eq!(day_of("2025-01-31"), Some("2025-01-31"));
        assert_eq!(day_of("Jan. 31, 2025"), None);
        assert_eq!(day_of("2025"), None);
    }
}
