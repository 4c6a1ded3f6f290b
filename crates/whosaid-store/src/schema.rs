//! The database schema and its migrations.
//!
//! Each migration is one SQL script; `PRAGMA user_version` records how many have run. A
//! database written by an older whosaid is brought up to date when it is opened; one written
//! by a newer whosaid is refused with a sentence, never altered. Migrations are a list of
//! strings rather than a crate because the whole mechanism is the twenty lines below.
//!
//! The tables are meant to be read by people too (`sqlite3 whosaid.db`, Datasette): the
//! README documents them, and the view `who_said_what` puts each statement beside its
//! speaker, article, outlet and date.

use rusqlite::Connection;

use crate::StoreError;

/// The migrations, in order. Never edit one that has shipped: add the next.
const MIGRATIONS: &[&str] = &[
    // 1: articles, syndicated stories, entities (people, organizations, places) with
    //    aliases, statements and their occurrences (quotes), full-text search, errors.
    r#"
CREATE TABLE stories (
    id              INTEGER PRIMARY KEY,
    first_article   INTEGER NOT NULL,            -- the article first published (or first stored)
    first_outlet    TEXT,
    first_published TEXT,
    articles        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    content_id  TEXT NOT NULL,                   -- hash of the normalised body (FORMAT.md `id`)
    location    TEXT NOT NULL,                   -- the URL, else where it was read
    path        TEXT NOT NULL,                   -- where it was read (path, or path#record)
    url         TEXT,
    outlet      TEXT,                            -- site name, or the URL's host
    headline    TEXT,
    published   TEXT,                            -- ISO 8601, as the page gives it
    published_day TEXT,                          -- YYYY-MM-DD of `published`, for filters
    section     TEXT,
    byline      TEXT,
    dateline    TEXT,
    language    TEXT,
    body        TEXT NOT NULL,                   -- paragraphs separated by a blank line
    story       INTEGER REFERENCES stories(id),  -- the syndication group
    minhash     BLOB,                            -- 64 x u32 MinHash of the body's 5-word shingles
    UNIQUE (content_id, location)                -- an article is its content at its address
);
CREATE INDEX articles_published_day ON articles(published_day);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_story ON articles(story);

-- Locality-sensitive bands of each article's MinHash: two articles sharing a band are
-- candidates for the same story.
CREATE TABLE article_bands (
    band    INTEGER NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, article)
) WITHOUT ROWID;

CREATE TABLE images (
    article  INTEGER NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    caption  TEXT,
    credit   TEXT,
    PRIMARY KEY (article, position)
) WITHOUT ROWID;

CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,                   -- person | organization | place
    name        TEXT NOT NULL,                   -- the fullest name seen
    key         TEXT NOT NULL,                   -- normalised name the store matches on
    surname     TEXT,                            -- persons: lower-case last name
    partial     INTEGER NOT NULL DEFAULT 0,      -- 1: only a surname is known so far
    titles      TEXT,                            -- JSON array of titles seen ("president")
    nationality TEXT,
    UNIQUE (kind, key)
);
CREATE INDEX entities_surname ON entities(surname) WHERE surname IS NOT NULL;

CREATE TABLE entity_aliases (
    entity INTEGER NOT NULL REFERENCES entities(id),
    alias  TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (entity, alias)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_alias ON entity_aliases(alias);

CREATE TABLE article_entities (
    article  INTEGER NOT NULL REFERENCES articles(id),
    entity   INTEGER NOT NULL REFERENCES entities(id),
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article, entity)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities(entity);

-- One row per distinct statement: the same words from the same speaker, however many
-- articles reported them (the quote-centric view).
CREATE TABLE statements (
    id              INTEGER PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,        -- speaker + normalised words, hashed
    speaker         INTEGER REFERENCES entities(id),
    speaker_name    TEXT,                        -- the speaker as named (null: unattributed)
    kind            TEXT NOT NULL,               -- direct | mixed | indirect
    content         TEXT NOT NULL,
    first_article   INTEGER NOT NULL REFERENCES articles(id),
    first_published TEXT,
    occurrences     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX statements_speaker ON statements(speaker);
CREATE INDEX statements_first_published ON statements(first_published);

-- One row per quotation found in an article: an occurrence of a statement. Offsets are
-- UTF-8 byte offsets into the article's body.
CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    article       INTEGER NOT NULL REFERENCES articles(id),
    position      INTEGER NOT NULL,              -- order in the article
    statement     INTEGER NOT NULL REFERENCES statements(id),
    kind          TEXT NOT NULL,
    content       TEXT NOT NULL,
    content_start INTEGER, content_end INTEGER,
    cue           TEXT,
    cue_start     INTEGER, cue_end INTEGER,
    source        TEXT,                          -- the mention naming the speaker ("he")
    source_start  INTEGER, source_end INTEGER,
    speaker       INTEGER REFERENCES entities(id),
    speaker_name  TEXT,
    UNIQUE (article, position)
);
CREATE INDEX quotes_statement ON quotes(statement);
CREATE INDEX quotes_speaker ON quotes(speaker);

-- Who a quotation talks about: entities mentioned inside its content.
CREATE TABLE quote_mentions (
    quote  INTEGER NOT NULL REFERENCES quotes(id),
    entity INTEGER NOT NULL REFERENCES entities(id),
    PRIMARY KEY (quote, entity)
) WITHOUT ROWID;
CREATE INDEX quote_mentions_entity ON quote_mentions(entity);

CREATE VIRTUAL TABLE statements_fts USING fts5(
    content, speaker_name,
    content = 'statements', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Documents that could not be read or analysed, with the reason.
CREATE TABLE errors (
    id      INTEGER PRIMARY KEY,
    path    TEXT NOT NULL,
    message TEXT NOT NULL,
    UNIQUE (path, message)
);

-- One row per `whosaid ingest` run (the only table a repeated or resumed ingest changes).
CREATE TABLE ingests (
    id         INTEGER PRIMARY KEY,
    started    TEXT NOT NULL,
    finished   TEXT,
    paths      TEXT NOT NULL,
    added      INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    failed     INTEGER NOT NULL DEFAULT 0
);

-- Every quotation with its speaker, article, outlet and date, ready to read.
CREATE VIEW who_said_what AS
SELECT q.id            AS quote_id,
       q.statement     AS statement_id,
       coalesce(e.name, q.speaker_name) AS speaker,
       q.kind,
       q.content,
       q.cue,
       q.source,
       a.headline,
       a.outlet,
       a.published,
       a.url,
       a.id            AS article_id,
       a.story         AS story_id
FROM quotes q
JOIN articles a ON a.id = q.article
LEFT JOIN entities e ON e.id = q.speaker;
"#,
    // 2: searches filtered by date decide most statements from their earliest and latest
    //    reports alone (`first_published`, the new `last_published`). Before this version,
    //    a statement joined with its twin (a surname-only speaker found to be the full
    //    name) could keep the later report of the two as its first: put the earliest back.
    r#"
ALTER TABLE statements ADD COLUMN last_published TEXT;
UPDATE statements
SET (first_published, first_article) = (
    SELECT a.published, a.id FROM quotes q JOIN articles a ON a.id = q.article
    WHERE q.statement = statements.id AND a.published IS NOT NULL
    ORDER BY a.published, a.id LIMIT 1)
WHERE EXISTS (
    SELECT 1 FROM quotes q JOIN articles a ON a.id = q.article
    WHERE q.statement = statements.id AND a.published IS NOT NULL
      AND (statements.first_published IS NULL OR a.published < statements.first_published));
UPDATE statements SET last_published = (
    SELECT max(a.published) FROM quotes q JOIN articles a ON a.id = q.article
    WHERE q.statement = statements.id)
WHERE first_published IS NOT NULL;
"#,
    // 3: a statement's text is the speaker's words. A quotation its cue or source
    //    interrupts ("“…,” Trump said in the Oval Office. “…”") was stored from its first
    //    part to its last, the reporter's narration included, in the statement's text, its
    //    key and the full-text index: its parts are now joined with " … " instead (see
    //    `ingest::PART_JOINER`), in `quotes.content` too, and the new `quotes.parts` says
    //    where each part is in the body.
    r#"
ALTER TABLE quotes ADD COLUMN parts TEXT;  -- JSON [[start, end], ...]: byte spans of the parts in the body when narration interrupts the words; null otherwise
"#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring the database up to [`SCHEMA_VERSION`], each migration in its own transaction.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (index, script) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(script)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
