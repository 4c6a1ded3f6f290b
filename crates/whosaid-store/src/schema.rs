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

use std::collections::BTreeMap;
use std::ops::Range;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::StoreError;
use crate::ingest::{fold_statement, join_parts, statement_key};

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
    //    where each part is in the body. Files written before keep what they stored, but
    //    for the quotations `rederive_parts` can take apart again (after this script).
    r#"
ALTER TABLE quotes ADD COLUMN parts TEXT;  -- JSON [[start, end], ...]: byte spans of the parts in the body when narration interrupts the words; null otherwise
"#,
    // 4: a person's key takes a familiar first name in its formal form ("Joe Biden" is
    //    `joseph biden`, as "Joseph R. Biden Jr." is; `names::person_key`). People stored
    //    under the old keys get the new ones, and two that now share a key become one
    //    (`ingest::rekey_people`, run with schema 9's steps: `after_script`).
    r#"
SELECT 1;
"#,
    // 5: a person's key is without accents ("François Hollande" is `francois hollande`, as
    //    "Francois Hollande" is), and a bare surname is the person of that name the corpus
    //    names far more often than any other ("Obama" is Barack Obama, though Michelle
    //    Obama is known too; `ingest::choose_namesake`). People stored before get the new
    //    keys and are merged where two now share one (`ingest::rekey_people`), then
    //    surname-only people into such a person where there is one
    //    (`ingest::relink_surnames`), run with schema 9's steps (`after_script`).
    r#"
SELECT 1;
"#,
    // 6: a person's key is without the Arabic article written onto the family name
    //    ("Bashar al-Assad" is `bashar assad`, as "Bashar Assad" is, and a bare "Assad" or
    //    "al-Assad" has the surname `assad`). People stored before get the new keys and
    //    are merged where two now share one, then surname-only people relinked, as for 5.
    r#"
SELECT 1;
"#,
    // 7: an organization's key is without the legal form at the end of its name ("Apple
    //    Inc." is `apple`, as "Apple" is; `names::organization_key`). Organizations stored
    //    before get the new keys and are merged where two now share one
    //    (`ingest::rekey_organizations`, run with schema 9's steps: `after_script`).
    r#"
SELECT 1;
"#,
    // 8: keys compare apostrophes as one ("Martin O’Malley" is `martin o'malley`, as
    //    "Martin O'Malley" is; `names::plain_apostrophe`). People, organizations and
    //    places stored before get the new keys and are merged where two now share one,
    //    then surname-only people relinked ("O’Malley" alone), with 9's steps.
    r#"
SELECT 1;
"#,
    // 9: an entity's name is the one most articles give it (`entities.name` was the first
    //    full name seen: "Jim Comey" where most articles say "James Comey"), counted in the
    //    new `entity_aliases.articles`. An older file's counts are taken from the
    //    quotations, which keep the name their article gave the speaker; names no
    //    quotation gave count nothing and stay as they are. After this script, the keys of
    //    4 to 8 are given (see `after_script`), then names chosen
    //    (`ingest::name_entities_by_use`).
    r#"
ALTER TABLE entity_aliases ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;  -- articles that gave the entity this name
UPDATE entity_aliases SET articles = (
    SELECT count(DISTINCT q.article) FROM quotes q
    WHERE q.speaker = entity_aliases.entity AND q.speaker_name = entity_aliases.alias);
"#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring the database up to [`SCHEMA_VERSION`], each migration in its own transaction.
///
/// Two programs may open the same file at once (an ingest creating it, a reader upgrading
/// an older file): each step takes the write lock first (`BEGIN IMMEDIATE`) and reads the
/// version again under it, so a step another program has just made is skipped instead of
/// run twice ("table already exists" would end that program).
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let version = |conn: &Connection| -> rusqlite::Result<i64> {
        conn.query_row("PRAGMA user_version", [], |row| row.get(0))
    };
    let current = version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (index, script) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if version(&tx)? > index as i64 {
            continue; // made meanwhile by another program; the transaction rolls back
        }
        let next = index as i64 + 1;
        tx.execute_batch(script)?;
        after_script(next, &tx)?;
        tx.pragma_update(None, "user_version", next)?;
        tx.commit()?;
    }
    Ok(())
}

/// The steps SQL alone cannot take, run after the script of the same version, in its
/// transaction.
///
/// Schemas 4 to 8 each gave people (4, 5, 6, 8), organizations (7, 8) and places (8) the
/// keys of their day and joined those that then shared one, then gave bare surnames to
/// their person (5, 6, 8). These steps run today's code, which moves alias counts (schema
/// 9's column) when it joins two entities; and a file opened by this whosaid always goes on
/// to 9. So 9 takes them all, once, with today's keys, after its own script: the result is
/// the one each step in turn would give, as every step rekeyed with the code it ran.
fn after_script(version: i64, tx: &Transaction) -> Result<(), StoreError> {
    match version {
        3 => rederive_parts(tx),
        9 => {
            crate::ingest::rekey_people(tx)?;
            crate::ingest::rekey_organizations(tx)?;
            crate::ingest::rekey_places(tx)?;
            let mut cache = Default::default();
            crate::ingest::relink_surnames(tx, &mut cache)?;
            crate::ingest::name_entities_by_use(tx, &mut cache).map(|_| ())
        }
        _ => Ok(()),
    }
}

/// Schema 3 in a file written before it: the statements of interrupted quotations rewritten
/// to the speaker's words, where the parts can be found again in what was stored.
///
/// The parts themselves were never stored, and they came from the analysis, which may not
/// give the same answer today; the store does not run it. What can be taken apart without
/// it is a direct quotation (every part a quotation from mark to mark) whose own cue or
/// source stands inside its span: its parts are the quotations in that span
/// (`quoted_pieces`), the narration is what lies between them. Those quotations get their
/// words and parts, and their statements their words, key and full-text row; statements
/// that now share a key (the same quotation with different narration around it, or printed
/// without interruption elsewhere) become one. A mixed or indirect quotation ("it regretted
/// the strike and insisted that its offer was fair") has no marks to find its parts by: it
/// keeps its text, and a new report of it is a statement of its own (the README says so).
fn rederive_parts(tx: &Transaction) -> Result<(), StoreError> {
    // Quotation id, its statement, the speaker's words, its parts as stored.
    let mut found: Vec<(i64, i64, String, String)> = Vec::new();
    {
        let mut candidates = tx.prepare(
            "SELECT q.id, q.statement, q.content, q.content_start, q.content_end,
                    q.cue_start, q.cue_end, q.source_start, q.source_end, a.body
             FROM quotes q JOIN articles a ON a.id = q.article
             WHERE q.kind = 'direct' AND q.content_start IS NOT NULL
               AND ((q.cue_start >= q.content_start AND q.cue_end <= q.content_end)
                 OR (q.source_start >= q.content_start AND q.source_end <= q.content_end))
             ORDER BY q.id",
        )?;
        let mut rows = candidates.query([])?;
        while let Some(row) = rows.next()? {
            let span = |at: usize| -> rusqlite::Result<Option<Range<usize>>> {
                let start: Option<i64> = row.get(at)?;
                let end: Option<i64> = row.get(at + 1)?;
                Ok(start
                    .zip(end)
                    .and_then(|(s, e)| Some(usize::try_from(s).ok()?..usize::try_from(e).ok()?)))
            };
            let content: String = row.get(2)?;
            let body: String = row.get(9)?;
            let Some(hull) = span(3)? else { continue };
            // Only what is still exactly as stored is taken apart.
            if body.get(hull.clone()) != Some(content.as_str()) {
                continue;
            }
            let Some(pieces) = quoted_pieces(&content) else {
                continue;
            };
            let inside = |s: &Range<usize>| hull.start <= s.start && s.end <= hull.end;
            let in_a_piece = |s: &Range<usize>| {
                pieces
                    .iter()
                    .any(|p| hull.start + p.start < s.end && s.start < hull.start + p.end)
            };
            let narration = [span(5)?, span(7)?];
            if narration
                .iter()
                .flatten()
                .any(|s| inside(s) && in_a_piece(s))
            {
                continue;
            }
            let words = join_parts(pieces.iter().map(|p| &content[p.clone()]));
            let parts: Vec<[usize; 2]> = pieces
                .iter()
                .map(|p| [hull.start + p.start, hull.start + p.end])
                .collect();
            let parts = serde_json::to_string(&parts).unwrap_or_default();
            found.push((row.get(0)?, row.get(1)?, words, parts));
        }
    }
    let mut words_of: BTreeMap<i64, &str> = BTreeMap::new();
    for (quote, statement, words, parts) in &found {
        tx.prepare_cached("UPDATE quotes SET content = ?2, parts = ?3 WHERE id = ?1")?
            .execute(params![quote, words, parts])?;
        // A statement's text was its first report's: the lowest quotation's.
        words_of.entry(*statement).or_insert(words);
    }
    for (statement, words) in words_of {
        let row: Option<(String, Option<i64>, Option<String>)> = tx
            .prepare_cached("SELECT content, speaker, speaker_name FROM statements WHERE id = ?1")?
            .query_row([statement], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((content, speaker, speaker_name)) = row else {
            continue;
        };
        if content == words {
            continue;
        }
        let key = statement_key(speaker, speaker_name.as_deref(), words);
        tx.prepare_cached(
            "INSERT INTO statements_fts (statements_fts, rowid, content, speaker_name)
             VALUES ('delete', ?1, ?2, ?3)",
        )?
        .execute(params![statement, content, speaker_name])?;
        let twin: Option<i64> = tx
            .prepare_cached("SELECT id FROM statements WHERE key = ?1 AND id <> ?2")?
            .query_row(params![key, statement], |r| r.get(0))
            .optional()?;
        match twin {
            Some(keep) => fold_statement(tx, statement, keep)?,
            None => {
                tx.prepare_cached("UPDATE statements SET content = ?2, key = ?3 WHERE id = ?1")?
                    .execute(params![statement, words, key])?;
                tx.prepare_cached(
                    "INSERT INTO statements_fts (rowid, content, speaker_name) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![statement, words, speaker_name])?;
            }
        }
    }
    Ok(())
}

/// The quotations a direct quotation's text is made of, as byte ranges of it: each from an
/// opening double quotation mark to its closing one (the last may be left open, by a
/// quotation that goes on in the next paragraph). `None` unless there are two or more and
/// they start and end the text, blanks aside; or when the marks do not pair up.
fn quoted_pieces(text: &str) -> Option<Vec<Range<usize>>> {
    let mut pieces = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (at, c) in text.char_indices() {
        match (open, c) {
            (Some((start, close)), c) if c == close => {
                pieces.push(start..at + c.len_utf8());
                open = None;
            }
            (Some(_), '“' | '«') | (None, '”' | '»') => return None,
            (None, '“') => open = Some((at, '”')),
            (None, '«') => open = Some((at, '»')),
            (None, '"') => open = Some((at, '"')),
            _ => {}
        }
    }
    if let Some((start, _)) = open {
        pieces.push(start..text.len());
    }
    let (first, last) = (pieces.first()?, pieces.last()?);
    let edges = text[..first.start].trim().is_empty() && text[last.end..].trim().is_empty();
    (pieces.len() > 1 && edges).then_some(pieces)
}

#[cfg(test)]
mod tests {
    use super::quoted_pieces;

    fn pieces(text: &str) -> Option<Vec<&str>> {
        quoted_pieces(text).map(|p| p.into_iter().map(|r| &text[r]).collect())
    }

    #[test]
    fn quotations_around_narration_are_found_and_anything_else_is_not() {
        assert_eq!(
            pieces("“We will be speaking,” Trump said. “We want to end that war.”").unwrap(),
            ["“We will be speaking,”", "“We want to end that war.”"]
        );
        assert_eq!(
            pieces("\"One,\" she said, \"two,\" and added: «three»").unwrap(),
            ["\"One,\"", "\"two,\"", "«three»"]
        );
        // The last quotation goes on in the next paragraph.
        assert_eq!(
            pieces("“Yes,” he said. “And more").unwrap(),
            ["“Yes,”", "“And more"]
        );
        // One quotation, narration outside the marks at an edge, marks that do not pair.
        assert_eq!(pieces("“We won’t, he said, give up.”"), None);
        assert_eq!(pieces("he said “we” and “they”"), None);
        assert_eq!(pieces("“One,” he said. ”Two.”"), None);
        assert_eq!(pieces("“One, “two.”"), None);
    }
}
