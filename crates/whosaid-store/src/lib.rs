//! The statement store: analysis records kept in one SQLite file, searchable.
//!
//! - [`Store`] is an open database. [`Store::open`] creates or migrates it (WAL mode, so
//!   readers are never blocked by a writer); [`Store::open_read_only`] is for the commands
//!   that only look.
//! - [`Store::add_batch`] stores a batch of [`Record`]s in one transaction: articles keyed
//!   by content and address (adding the same article twice changes nothing), their entities matched
//!   to the people and organizations already known (`people`), their statements merged
//!   with the same words from the same speaker in other articles, and the article put in
//!   its syndication group (`syndication`). A batch is all or nothing, so an ingest killed
//!   at any moment resumes from the last batch that committed.
//! - [`WriteLock`] keeps a second ingest off the same file.
//! - `query` answers the questions: search, speakers, one speaker, one article, errors;
//!   `export` writes tables as JSON lines or CSV.
//!
//! ```no_run
//! # fn main() -> Result<(), whosaid_store::StoreError> {
//! let store = whosaid_store::Store::open_read_only("whosaid.db")?;
//! let query = whosaid_store::SearchQuery { text: Some("end the war".into()), ..Default::default() };
//! for hit in store.search(&query)? {
//!     println!("{}: {}", hit.speaker.as_deref().unwrap_or("(unattributed)"), hit.content);
//! }
//! # Ok(()) }
//! ```

#![deny(missing_docs)]

mod export;
mod ingest;
mod names;
mod query;
mod schema;
mod syndication;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use export::{ExportFormat, ExportTable};
pub use ingest::{Added, WriteLock, location_of};
pub use query::{
    ArticleView, ErrorRow, Order, QuoteView, SearchQuery, SpeakerProfile, SpeakerSummary,
    StatementHit, StoryArticle, TalkedAbout, WeekCount,
};
pub use schema::SCHEMA_VERSION;
pub use whosaid_core::Record;

/// What went wrong with the database, as a sentence a person understands.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// No database file where one was expected.
    #[error("there is no whosaid database at {0} (create one with `whosaid ingest PATH --db {0}`)")]
    Missing(PathBuf),
    /// The file was written by a newer whosaid.
    #[error(
        "this database has schema version {found}, newer than this whosaid understands ({supported}); use a newer whosaid"
    )]
    TooNew {
        /// Version found in the file.
        found: i64,
        /// Version this build writes.
        supported: i64,
    },
    /// Another ingest holds the write lock.
    #[error(
        "another whosaid ingest is writing to {0}; wait for it to finish (or pass --wait to queue behind it)"
    )]
    Locked(PathBuf),
    /// The database stayed busy (another program writing) past the timeout.
    #[error(
        "the database {0} is busy: another program is writing to it; try again when it has finished"
    )]
    Busy(PathBuf),
    /// The file is not a SQLite database, or is damaged.
    #[error("{0} is not a whosaid database (or it is damaged): {1}")]
    NotADatabase(PathBuf, String),
    /// A search that SQLite's full-text syntax cannot parse.
    #[error(
        "the search {query:?} could not be understood ({reason}); write words, \"a phrase in double quotes\", or combine them with AND, OR, NOT"
    )]
    BadQuery {
        /// The query as given.
        query: String,
        /// SQLite's reason.
        reason: String,
    },
    /// A value the user gave that means nothing here (a date, a kind, a name).
    #[error("{0}")]
    BadArgument(String),
    /// Nothing matched the article, speaker or other thing asked for.
    #[error("{0}")]
    NotFound(String),
    /// Reading or writing a file (lock file, export).
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Any other SQLite failure.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Writing an export.
    #[error("cannot write the export: {0}")]
    Export(String),
}

/// An open whosaid database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// What the writer remembers of entities between batches (empty for readers).
    cache: ingest::EntityCache,
}

/// Prepared statements kept per connection (see `Store::configure`).
const STATEMENT_CACHE: usize = 64;

/// How long a statement waits for another connection's lock before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

impl Store {
    /// Open the database at `path` for writing, creating it if needed and bringing its
    /// schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        let conn = Connection::open(&path).map_err(|e| classify(e, &path))?;
        let mut store = Store {
            conn,
            path,
            cache: Default::default(),
        };
        store.configure(true)?;
        schema::migrate(&mut store.conn).map_err(|e| store.explain(e))?;
        Ok(store)
    }

    /// Open an existing database for reading only. Never blocks and is never blocked by an
    /// ingest running at the same time. A database written by an older whosaid is first
    /// brought up to date (its schema only; see [`SCHEMA_VERSION`]).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if !path.exists() {
            return Err(StoreError::Missing(path));
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify(e, &path))?;
        let store = Store {
            conn,
            path,
            cache: Default::default(),
        };
        store.configure(false)?;
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|e| classify(e, &store.path))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version == 0 {
            // No schema yet: an ingest is creating this file right now (or it is some
            // other SQLite file). A reader never writes the first schema: that is the
            // ingest's, and racing it would make one of the two fail.
            return Err(StoreError::NotADatabase(
                store.path.clone(),
                "it has no whosaid tables yet (an ingest may be creating it right now)".into(),
            ));
        }
        if version < SCHEMA_VERSION {
            // Written by an older whosaid: bring the file up to date once (the only write
            // a reader ever makes, and only to its schema), then read it as asked. A file
            // that cannot be written is explained instead.
            let path = store.path.clone();
            drop(store);
            return match Store::open(&path) {
                Ok(upgraded) => {
                    drop(upgraded);
                    Store::open_read_only(&path)
                }
                Err(e) => Err(StoreError::BadArgument(format!(
                    "{} was written by an older whosaid (schema {version}) and could not be brought up to date ({e}); run `whosaid ingest` on it once where it can be written",
                    path.display()
                ))),
            };
        }
        Ok(store)
    }

    /// Set how much of the file SQLite reads through a memory map (0: none). Mapped pages
    /// count in the process's resident memory, so a connection that only checks keys over
    /// a growing database (an ingest's workers) is better without.
    pub fn set_memory_map(&self, bytes: u64) -> Result<(), StoreError> {
        self.conn
            .query_row(&format!("PRAGMA mmap_size = {bytes}"), [], |_| Ok(()))
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(()),
                e => Err(e),
            })?;
        Ok(())
    }

    /// Where the database lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection, for tests and tools that want plain SQL.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn configure(&self, writable: bool) -> Result<(), StoreError> {
        self.conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| classify(e, &self.path))?;
        // rusqlite keeps 16 prepared statements by default; one article's writes use about
        // 25 distinct ones, so with 16 the least recently used were parsed and planned
        // again for every article (a fifth of the writer's time). 64 holds the writer's
        // and the queries' statements with room to spare.
        self.conn
            .set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        if writable {
            // WAL: readers see the last committed batch while an ingest writes the next.
            // synchronous=NORMAL in WAL mode never corrupts on a crash or kill; at worst a
            // power cut loses the last transactions, which a resumed ingest redoes.
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
                .map_err(|e| classify(e, &self.path))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::BadArgument(format!(
                    "{} cannot use write-ahead logging (journal mode {mode}); put it on a local disk",
                    self.path.display()
                )));
            }
            self.conn
                .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
        }
        self.conn
            .execute_batch("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;")?;
        if !writable {
            // Readers map the file into memory (up to 4 GiB; the OS shares and evicts the
            // pages): searches over a large store then skip SQLite's page copies. The
            // writer does not: its resident memory stays flat as the database grows.
            self.set_memory_map(4 << 30)?;
        }
        Ok(())
    }

    /// Turn SQLite's codes into the sentences of [`StoreError`].
    fn explain(&self, error: StoreError) -> StoreError {
        match error {
            StoreError::Sqlite(e) => classify(e, &self.path),
            other => other,
        }
    }
}

/// SQLite's failures that have a better sentence than SQLite's own.
fn classify(error: rusqlite::Error, path: &Path) -> StoreError {
    use rusqlite::ErrorCode;
    if let rusqlite::Error::SqliteFailure(code, message) = &error {
        match code.code {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                return StoreError::Busy(path.to_path_buf());
            }
            ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => {
                return StoreError::NotADatabase(
                    path.to_path_buf(),
                    message.clone().unwrap_or_else(|| code.to_string()),
                );
            }
            _ => {}
        }
    }
    StoreError::Sqlite(error)
}
