//! Reading the store: search, speakers, one speaker, one article, errors.
//!
//! Every value a user gives is a bound parameter, never spliced into SQL. Full-text search
//! goes through SQLite's FTS5 (bm25 ranking, snippets); plain words are quoted before they
//! reach it, so only a query that means to use FTS5's syntax (a phrase in double quotes,
//! AND/OR/NOT, `prefix*`) can be malformed, and then the answer is a sentence.

use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use crate::{Store, StoreError};

/// A search of statements. Every field is optional; the default lists the latest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words to find in the statement or its speaker's name.
    pub text: Option<String>,
    /// Only statements of speakers known by this name (any alias, case ignored).
    pub speaker: Option<String>,
    /// Only statements reported on or after this day (YYYY-MM-DD).
    pub since: Option<String>,
    /// Only statements reported on or before this day (YYYY-MM-DD).
    pub until: Option<String>,
    /// Only statements reported by this outlet (site name or host, case ignored).
    pub outlet: Option<String>,
    /// Only `direct`, `mixed` or `indirect` statements.
    pub kind: Option<String>,
    /// At most this many (default 20).
    pub limit: Option<usize>,
    /// Skip this many first (pagination).
    pub offset: Option<usize>,
    /// Best match first (bm25, the default) or latest first.
    pub order: Order,
}

/// The order of search results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// Best match first (FTS5's bm25). Ranking looks at every match, so a very common word
    /// in a large store costs tens of milliseconds.
    #[default]
    Relevance,
    /// Latest first reported first.
    Newest,
}

/// One statement found by a search.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementHit {
    /// The statement's id.
    pub statement_id: i64,
    /// Its words, as first reported.
    pub content: String,
    /// The words with the matched terms marked `[…]` (the content when no words were
    /// searched).
    pub snippet: String,
    /// `direct`, `mixed` or `indirect`.
    pub kind: String,
    /// Who said it, `None` when unattributed.
    pub speaker: Option<String>,
    /// The speaker's entity id, when the speaker is a known person or organization.
    pub speaker_id: Option<i64>,
    /// Articles that reported it.
    pub occurrences: i64,
    /// When it was first reported, as the article gives it.
    pub published: Option<String>,
    /// The outlet that first reported it.
    pub outlet: Option<String>,
    /// The headline of that article.
    pub headline: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// Its id in the store.
    pub article_id: i64,
}

/// A speaker and how much they said.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpeakerSummary {
    /// The entity's id.
    pub id: i64,
    /// Fullest name known.
    pub name: String,
    /// `person` or `organization`.
    pub kind: String,
    /// Distinct statements.
    pub statements: i64,
    /// Quotations (occurrences) over all articles.
    pub quotes: i64,
    /// Articles quoting them.
    pub articles: i64,
    /// First and last publication day of those articles.
    pub first: Option<String>,
    /// Last publication day.
    pub last: Option<String>,
}

/// Statements in one week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekCount {
    /// The Monday the week starts on (YYYY-MM-DD).
    pub week: String,
    /// Statements reported that week.
    pub statements: i64,
}

/// Someone or something a speaker talks about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkedAbout {
    /// Entity id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// `person`, `organization` or `place`.
    pub kind: String,
    /// Statements of the speaker that mention them.
    pub statements: i64,
}

/// One speaker in full: what `whosaid speaker NAME` prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpeakerProfile {
    /// The totals.
    pub summary: SpeakerSummary,
    /// Other names the speaker appears under.
    pub aliases: Vec<String>,
    /// Titles seen with the name ("president").
    pub titles: Vec<String>,
    /// Statements per week, oldest first (weeks with articles that carry a date).
    pub weeks: Vec<WeekCount>,
    /// Who they talk about most.
    pub talks_about: Vec<TalkedAbout>,
    /// Their most reported statements.
    pub most_repeated: Vec<StatementHit>,
    /// Other speakers the name could mean, when it was ambiguous.
    pub also_matching: Vec<String>,
}

/// One quotation of an article, with spans into the article's body.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteView {
    /// Order in the article.
    pub position: i64,
    /// `direct`, `mixed` or `indirect`.
    pub kind: String,
    /// The speaker's words: the parts joined with " … " when the cue or source interrupts
    /// them, without the narration between them.
    pub content: String,
    /// Byte span of the quotation in the body, from its first word to its last (the
    /// narration between parts included); `None` when outside it, e.g. in the headline.
    pub content_span: Option<(usize, usize)>,
    /// Byte spans of the parts in the body when the cue or source interrupts the words
    /// (“…,” she said, “…”): the speaker's words to mark, without the narration. Empty for
    /// a quotation in one piece, and for one stored by a whosaid before schema 3 that could
    /// not be taken apart again.
    pub part_spans: Vec<(usize, usize)>,
    /// The reporting cue ("said").
    pub cue: Option<String>,
    /// Its byte span in the body.
    pub cue_span: Option<(usize, usize)>,
    /// The mention naming the speaker ("he").
    pub source: Option<String>,
    /// Its byte span in the body.
    pub source_span: Option<(usize, usize)>,
    /// Who said it.
    pub speaker: Option<String>,
    /// The speaker's entity id.
    pub speaker_id: Option<i64>,
    /// The statement this is an occurrence of.
    pub statement_id: i64,
}

/// One article with its quotations: what `whosaid show` prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleView {
    /// Store id.
    pub id: i64,
    /// Content id (FORMAT.md `id`).
    pub content_id: String,
    /// Where it was read.
    pub path: String,
    /// URL.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Headline.
    pub headline: Option<String>,
    /// Publication date and time.
    pub published: Option<String>,
    /// Section.
    pub section: Option<String>,
    /// Byline.
    pub byline: Option<String>,
    /// Dateline.
    pub dateline: Option<String>,
    /// The clean body.
    pub body: String,
    /// Quotations in order.
    pub quotes: Vec<QuoteView>,
    /// Entities named, with mention counts.
    pub entities: Vec<TalkedAbout>,
    /// Other articles of the same syndicated story.
    pub same_story: Vec<StoryArticle>,
}

/// Another article of the same syndicated story.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoryArticle {
    /// Store id.
    pub id: i64,
    /// Its outlet.
    pub outlet: Option<String>,
    /// When it was published.
    pub published: Option<String>,
}

/// A document that could not be stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorRow {
    /// Where it was read.
    pub path: String,
    /// Why it failed.
    pub message: String,
}

/// A `GLOB` pattern for text that starts with a YYYY-MM-DD date.
const DAY_SHAPED: &str = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*";

/// The FTS5 query for what a user typed: plain words are each quoted (so punctuation
/// and keywords in them mean nothing special); a query using FTS5's own syntax is passed
/// as written.
fn fts_query(text: &str) -> String {
    let uses_syntax = text.contains('"')
        || text.contains('*')
        || text
            .split_whitespace()
            .any(|w| matches!(w, "AND" | "OR" | "NOT" | "NEAR"));
    if uses_syntax {
        return text.to_owned();
    }
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_day(what: &str, value: &Option<String>) -> Result<(), StoreError> {
    if let Some(day) = value
        && (day.len() != 10 || crate::ingest::day_of(day).is_none())
    {
        return Err(StoreError::BadArgument(format!(
            "--{what} wants a day written YYYY-MM-DD, not {day:?}"
        )));
    }
    Ok(())
}

const HIT_COLUMNS: &str = "s.id, s.content, s.kind, coalesce(e.name, s.speaker_name), s.speaker,
    s.occurrences, s.first_published, a.outlet, a.headline, a.url, a.id";

fn hit(row: &Row, snippet: Option<String>) -> rusqlite::Result<StatementHit> {
    let content: String = row.get(1)?;
    Ok(StatementHit {
        statement_id: row.get(0)?,
        snippet: snippet.unwrap_or_else(|| content.clone()),
        content,
        kind: row.get(2)?,
        speaker: row.get(3)?,
        speaker_id: row.get(4)?,
        occurrences: row.get(5)?,
        published: row.get(6)?,
        outlet: row.get(7)?,
        headline: row.get(8)?,
        url: row.get(9)?,
        article_id: row.get(10)?,
    })
}

impl Store {
    /// Statements matching `query`, best first (by bm25 when words are searched, latest
    /// first otherwise).
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<StatementHit>, StoreError> {
        check_day("since", &query.since)?;
        check_day("until", &query.until)?;
        if let Some(kind) = &query.kind
            && !matches!(kind.as_str(), "direct" | "mixed" | "indirect")
        {
            return Err(StoreError::BadArgument(format!(
                "--kind is direct, mixed or indirect, not {kind:?}"
            )));
        }
        let speakers = match &query.speaker {
            Some(name) => {
                let ids = self.speaker_ids(name)?;
                if ids.is_empty() {
                    return Err(StoreError::NotFound(format!(
                        "no speaker is known as {name:?} (see `whosaid speakers`)"
                    )));
                }
                Some(serde_json::to_string(&ids).unwrap_or_default())
            }
            None => None,
        };
        let text = query
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let limit = query.limit.unwrap_or(20).min(10_000) as i64;
        let offset = query.offset.unwrap_or(0) as i64;
        // Filters on the articles that reported a statement: any occurrence may match.
        // Looking through every report of every match cost a common word 0.2–0.7 s in a
        // store of a million quotations. A statement's `first_published` and
        // `last_published` are its earliest and latest reports, so the dates alone decide
        // nearly every statement: all reports before or after the period, none is in it;
        // the first or the last within it, one is. The CASE says so, or NULL when the
        // dates cannot decide (an outlet asked for, statements reported both before and
        // after the period, an unusual date); only then are the reports looked through
        // (`coalesce` evaluates its second argument only when the first is NULL).
        // A date compares as its first ten characters (YYYY-MM-DD), as `published_day`.
        let filters = format!(
            "(?2 IS NULL OR s.speaker IN (SELECT value FROM json_each(?2)))
            AND (?3 IS NULL OR s.kind = ?3)
            AND coalesce(CASE
                WHEN ?4 IS NULL AND ?5 IS NULL AND ?6 IS NULL THEN 1
                WHEN ?6 IS NOT NULL THEN NULL
                WHEN s.first_published IS NULL THEN 0
                WHEN s.last_published IS NULL
                    OR s.first_published NOT GLOB '{DAY_SHAPED}'
                    OR s.last_published NOT GLOB '{DAY_SHAPED}' THEN NULL
                WHEN ?5 IS NOT NULL AND substr(s.first_published, 1, 10) > ?5 THEN 0
                WHEN ?4 IS NOT NULL AND substr(s.last_published, 1, 10) < ?4 THEN 0
                WHEN ?4 IS NULL OR substr(s.first_published, 1, 10) >= ?4 THEN 1
                WHEN ?5 IS NULL OR substr(s.last_published, 1, 10) <= ?5 THEN 1
            END, EXISTS (
                SELECT 1 FROM quotes q JOIN articles o ON o.id = q.article
                WHERE q.statement = s.id
                  AND (?4 IS NULL OR o.published_day >= ?4)
                  AND (?5 IS NULL OR o.published_day <= ?5)
                  AND (?6 IS NULL OR o.outlet = ?6 COLLATE NOCASE)))"
        );
        let filtered = query.speaker.is_some()
            || query.kind.is_some()
            || query.since.is_some()
            || query.until.is_some()
            || query.outlet.is_some();
        // Rank first, on ids alone, then fetch and make snippets for the page only: a
        // common word matches a large share of a big store, and building a snippet for
        // each match before sorting would cost more than the whole ranking.
        let fts = text.map(fts_query);
        let bad_query = |e: rusqlite::Error| match (&e, text) {
            (rusqlite::Error::SqliteFailure(_, Some(message)), Some(text))
                if message.contains("fts5") || message.contains("syntax") =>
            {
                StoreError::BadQuery {
                    query: text.to_owned(),
                    reason: message.clone(),
                }
            }
            _ => crate::classify(e, &self.path),
        };
        let ranked = if query.order == Order::Newest {
            // The matches' ids, then the latest statements among them. SQLite sorts all
            // the matches, which for a word in half the store (0.1 s in a million
            // quotations) costs far more than walking the statements from the latest
            // (index on first_published) until a page is full; but for a rare word that
            // walk would read the whole index. So: walk when the word is in at least one
            // statement in a hundred (counting stops there), sort otherwise.
            let walk = !filtered
                && self
                    .matches_at_least_one_in_a_hundred(fts.as_deref())
                    .map_err(bad_query)?;
            let index = if walk {
                "INDEXED BY statements_first_published"
            } else {
                ""
            };
            format!(
                "SELECT s.id AS id, 0 AS rank FROM statements s {index}
                 WHERE s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?1)
                   AND {filters}
                 ORDER BY s.first_published DESC, s.id DESC LIMIT ?7 OFFSET ?8"
            )
        } else if filtered {
            format!(
                "SELECT statements_fts.rowid AS id, statements_fts.rank AS rank
                 FROM statements_fts JOIN statements s ON s.id = statements_fts.rowid
                 WHERE statements_fts MATCH ?1 AND {filters}
                 ORDER BY rank, id LIMIT ?7 OFFSET ?8"
            )
        } else {
            "SELECT rowid AS id, rank FROM statements_fts
             WHERE statements_fts MATCH ?1 AND ?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL
               AND ?5 IS NULL AND ?6 IS NULL
             ORDER BY rank, rowid LIMIT ?7 OFFSET ?8"
                .to_owned()
        };
        let page_order = match query.order {
            Order::Relevance => "ranked.rank, ranked.id",
            Order::Newest => "s.first_published DESC, s.id DESC",
        };
        let sql = match text {
            Some(_) => format!(
                "WITH ranked AS ({ranked})
                 SELECT {HIT_COLUMNS}, snippet(statements_fts, 0, '[', ']', '…', 24)
                 FROM ranked
                 JOIN statements_fts ON statements_fts.rowid = ranked.id
                 JOIN statements s ON s.id = ranked.id
                 JOIN articles a ON a.id = s.first_article
                 LEFT JOIN entities e ON e.id = s.speaker
                 WHERE statements_fts MATCH ?1
                 ORDER BY {page_order}"
            ),
            None => format!(
                "SELECT {HIT_COLUMNS}, NULL
                 FROM statements s
                 JOIN articles a ON a.id = s.first_article
                 LEFT JOIN entities e ON e.id = s.speaker
                 WHERE ?1 IS NULL AND {filters}
                 ORDER BY s.first_published DESC, s.id DESC LIMIT ?7 OFFSET ?8"
            ),
        };
        let run = || -> rusqlite::Result<Vec<StatementHit>> {
            let mut statement = self.conn.prepare(&sql)?;
            let rows = statement.query_map(
                params![
                    fts,
                    speakers,
                    query.kind,
                    query.since,
                    query.until,
                    query.outlet,
                    limit,
                    offset
                ],
                |row| hit(row, row.get(11)?),
            )?;
            rows.collect()
        };
        run().map_err(bad_query)
    }

    /// Whether the full-text query `fts` matches at least one statement in a hundred
    /// (and at least a thousand). Counts no further than that.
    fn matches_at_least_one_in_a_hundred(&self, fts: Option<&str>) -> rusqlite::Result<bool> {
        let Some(fts) = fts else {
            return Ok(false);
        };
        // The largest id stands for the number of statements: exact enough, and free.
        let statements: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM statements", [], |row| {
                    row.get(0)
                })?;
        let enough = (statements / 100).max(1_000);
        let found: i64 = self.conn.query_row(
            "SELECT count(*) FROM (SELECT 1 FROM statements_fts WHERE statements_fts MATCH ?1
                                   LIMIT ?2)",
            params![fts, enough],
            |row| row.get(0),
        )?;
        Ok(found >= enough)
    }

    /// The entities a speaker name means: an exact alias (case ignored), else names that
    /// contain it.
    fn speaker_ids(&self, name: &str) -> Result<Vec<i64>, StoreError> {
        let name = name.trim();
        let mut exact = self.conn.prepare_cached(
            "SELECT DISTINCT x.entity FROM entity_aliases x JOIN entities e ON e.id = x.entity
             WHERE x.alias = ?1 AND e.kind IN ('person', 'organization') ORDER BY x.entity",
        )?;
        let ids: Vec<i64> = exact
            .query_map([name], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        if !ids.is_empty() {
            return Ok(ids);
        }
        let mut like = self.conn.prepare_cached(
            "SELECT id FROM entities WHERE kind IN ('person', 'organization')
               AND (name LIKE '%' || ?1 || '%' ESCAPE '\\') ORDER BY id",
        )?;
        let escaped = name
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        Ok(like
            .query_map([escaped], |row| row.get(0))?
            .collect::<Result<_, _>>()?)
    }

    /// Speakers by the number of statements they made, most first.
    pub fn speakers(&self, top: usize) -> Result<Vec<SpeakerSummary>, StoreError> {
        let mut statement = self.conn.prepare(SPEAKER_SUMMARY_SQL)?;
        let rows = statement.query_map(params![None::<i64>, top as i64], speaker_summary)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One speaker's statements in the order they were first reported (article, then place
    /// in it); `query.limit` and `query.offset` page through them.
    pub fn statements_of(
        &self,
        speaker: i64,
        query: &SearchQuery,
    ) -> Result<Vec<StatementHit>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {HIT_COLUMNS} FROM statements s
                 JOIN articles a ON a.id = s.first_article
                 LEFT JOIN entities e ON e.id = s.speaker
                 WHERE s.speaker = ?1
                 ORDER BY s.first_article,
                     (SELECT min(q.position) FROM quotes q
                      WHERE q.statement = s.id AND q.article = s.first_article), s.id
                 LIMIT ?2 OFFSET ?3"
            ))?
            .query_map(
                params![
                    speaker,
                    query.limit.unwrap_or(20) as i64,
                    query.offset.unwrap_or(0) as i64
                ],
                |row| hit(row, None),
            )?
            .collect::<Result<_, _>>()?)
    }

    /// Everything about one speaker. An ambiguous name picks the speaker with the most
    /// statements and lists the others.
    pub fn speaker(&self, name: &str) -> Result<SpeakerProfile, StoreError> {
        let ids = self.speaker_ids(name)?;
        let mut summaries = Vec::new();
        for id in &ids {
            let mut statement = self.conn.prepare_cached(SPEAKER_SUMMARY_SQL)?;
            if let Some(summary) = statement
                .query_row(params![id, 1], speaker_summary)
                .optional()?
            {
                summaries.push(summary);
            }
        }
        summaries.sort_by(|a, b| b.statements.cmp(&a.statements).then(a.id.cmp(&b.id)));
        let mut summaries = summaries.into_iter();
        let Some(summary) = summaries.next() else {
            return Err(StoreError::NotFound(format!(
                "no speaker is known as {name:?} (see `whosaid speakers`)"
            )));
        };
        let also_matching = summaries.map(|s| s.name).collect();
        let id = summary.id;
        let aliases = self
            .conn
            .prepare_cached(
                "SELECT alias FROM entity_aliases WHERE entity = ?1 AND alias <> ?2 ORDER BY alias",
            )?
            .query_map(params![id, summary.name], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        let titles: Option<String> =
            self.conn
                .query_row("SELECT titles FROM entities WHERE id = ?1", [id], |row| {
                    row.get(0)
                })?;
        let titles = crate::ingest::parse_titles(titles);
        let weeks = self
            .conn
            .prepare_cached(
                "SELECT date(a.published_day, '-6 days', 'weekday 1') AS week, count(DISTINCT q.statement)
                 FROM quotes q JOIN articles a ON a.id = q.article
                 WHERE q.speaker = ?1 AND a.published_day IS NOT NULL
                 GROUP BY week ORDER BY week",
            )?
            .query_map([id], |row| {
                Ok(WeekCount {
                    week: row.get(0)?,
                    statements: row.get(1)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let talks_about = self
            .conn
            .prepare_cached(
                "SELECT e.id, e.name, e.kind, count(DISTINCT q.statement) AS n
                 FROM quotes q JOIN quote_mentions m ON m.quote = q.id
                 JOIN entities e ON e.id = m.entity
                 WHERE q.speaker = ?1 GROUP BY e.id ORDER BY n DESC, e.name LIMIT 15",
            )?
            .query_map([id], |row| {
                Ok(TalkedAbout {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    kind: row.get(2)?,
                    statements: row.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let most_repeated = self
            .conn
            .prepare_cached(&format!(
                "SELECT {HIT_COLUMNS} FROM statements s
                 JOIN articles a ON a.id = s.first_article
                 LEFT JOIN entities e ON e.id = s.speaker
                 WHERE s.speaker = ?1
                 ORDER BY s.occurrences DESC, s.first_published DESC, s.id LIMIT 10"
            ))?
            .query_map([id], |row| hit(row, None))?
            .collect::<Result<_, _>>()?;
        Ok(SpeakerProfile {
            summary,
            aliases,
            titles,
            weeks,
            talks_about,
            most_repeated,
            also_matching,
        })
    }

    /// One article by store id, content id (or a unique prefix of one), URL or path.
    pub fn article(&self, selector: &str) -> Result<ArticleView, StoreError> {
        let selector = selector.trim();
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM articles
                 WHERE (CAST(?1 AS INTEGER) = id AND ?1 GLOB '[0-9]*' AND ?1 NOT GLOB '*[^0-9]*')
                    OR content_id = ?1 OR url = ?1 OR path = ?1
                 ORDER BY id LIMIT 1",
                [selector],
                |row| row.get(0),
            )
            .optional()?;
        let id = match id {
            Some(id) => id,
            None if selector.len() >= 6 && selector.chars().all(|c| c.is_ascii_hexdigit()) => {
                let matches: Vec<i64> = self
                    .conn
                    .prepare("SELECT id FROM articles WHERE content_id GLOB ?1 || '*' LIMIT 2")?
                    .query_map([selector.to_lowercase()], |row| row.get(0))?
                    .collect::<Result<_, _>>()?;
                match matches[..] {
                    [one] => one,
                    [] => return Err(not_found_article(selector)),
                    _ => {
                        return Err(StoreError::BadArgument(format!(
                            "{selector:?} is the start of several articles' ids; give more of it"
                        )));
                    }
                }
            }
            None => return Err(not_found_article(selector)),
        };
        let mut view = self.conn.query_row(
            "SELECT id, content_id, path, url, outlet, headline, published, section, byline,
                    dateline, body, story
             FROM articles WHERE id = ?1",
            [id],
            |row| {
                Ok((
                    ArticleView {
                        id: row.get(0)?,
                        content_id: row.get(1)?,
                        path: row.get(2)?,
                        url: row.get(3)?,
                        outlet: row.get(4)?,
                        headline: row.get(5)?,
                        published: row.get(6)?,
                        section: row.get(7)?,
                        byline: row.get(8)?,
                        dateline: row.get(9)?,
                        body: row.get(10)?,
                        quotes: Vec::new(),
                        entities: Vec::new(),
                        same_story: Vec::new(),
                    },
                    row.get::<_, Option<i64>>(11)?,
                ))
            },
        )?;
        let story = view.1;
        let span = |row: &Row, at: usize| -> rusqlite::Result<Option<(usize, usize)>> {
            let start: Option<i64> = row.get(at)?;
            let end: Option<i64> = row.get(at + 1)?;
            Ok(start.zip(end).map(|(s, e)| (s as usize, e as usize)))
        };
        view.0.quotes = self
            .conn
            .prepare(
                "SELECT q.position, q.kind, q.content, q.content_start, q.content_end, q.cue,
                        q.cue_start, q.cue_end, q.source, q.source_start, q.source_end,
                        coalesce(e.name, q.speaker_name), q.speaker, q.statement, q.parts
                 FROM quotes q LEFT JOIN entities e ON e.id = q.speaker
                 WHERE q.article = ?1 ORDER BY q.position",
            )?
            .query_map([id], |row| {
                Ok(QuoteView {
                    position: row.get(0)?,
                    kind: row.get(1)?,
                    content: row.get(2)?,
                    content_span: span(row, 3)?,
                    part_spans: row
                        .get::<_, Option<String>>(14)?
                        .and_then(|parts| serde_json::from_str(&parts).ok())
                        .unwrap_or_default(),
                    cue: row.get(5)?,
                    cue_span: span(row, 6)?,
                    source: row.get(8)?,
                    source_span: span(row, 9)?,
                    speaker: row.get(11)?,
                    speaker_id: row.get(12)?,
                    statement_id: row.get(13)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        view.0.entities = self
            .conn
            .prepare(
                "SELECT e.id, e.name, e.kind, x.mentions FROM article_entities x
                 JOIN entities e ON e.id = x.entity WHERE x.article = ?1
                 ORDER BY x.mentions DESC, e.name",
            )?
            .query_map([id], |row| {
                Ok(TalkedAbout {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    kind: row.get(2)?,
                    statements: row.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        if let Some(story) = story {
            view.0.same_story = self
                .conn
                .prepare(
                    "SELECT id, outlet, published FROM articles WHERE story = ?1 AND id <> ?2
                     ORDER BY published, id LIMIT 100",
                )?
                .query_map(params![story, id], |row| {
                    Ok(StoryArticle {
                        id: row.get(0)?,
                        outlet: row.get(1)?,
                        published: row.get(2)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
        }
        Ok(view.0)
    }

    /// Documents that could not be stored, in the order they were met.
    pub fn errors(&self) -> Result<Vec<ErrorRow>, StoreError> {
        Ok(self
            .conn
            .prepare("SELECT path, message FROM errors ORDER BY id")?
            .query_map([], |row| {
                Ok(ErrorRow {
                    path: row.get(0)?,
                    message: row.get(1)?,
                })
            })?
            .collect::<Result<_, _>>()?)
    }

    /// How much the store holds: articles, statements, quotations, speakers, stories, errors.
    pub fn counts(&self) -> Result<[(&'static str, i64); 6], StoreError> {
        let count = |sql: &str| -> Result<i64, StoreError> {
            Ok(self.conn.query_row(sql, [], |row| row.get(0))?)
        };
        Ok([
            ("articles", count("SELECT count(*) FROM articles")?),
            ("statements", count("SELECT count(*) FROM statements")?),
            ("quotations", count("SELECT count(*) FROM quotes")?),
            (
                "speakers",
                count("SELECT count(DISTINCT speaker) FROM statements")?,
            ),
            (
                "stories reported by more than one article",
                count("SELECT count(*) FROM stories WHERE articles > 1")?,
            ),
            ("errors", count("SELECT count(*) FROM errors")?),
        ])
    }
}

fn not_found_article(selector: &str) -> StoreError {
    StoreError::NotFound(format!(
        "no article {selector:?}: give its number, content id (or the start of it), URL or path (see `whosaid search`)"
    ))
}

/// Speakers with their totals: all of them (?1 NULL) or one, most statements first.
const SPEAKER_SUMMARY_SQL: &str = "
    SELECT e.id, e.name, e.kind,
           count(DISTINCT q.statement), count(*), count(DISTINCT q.article),
           min(a.published_day), max(a.published_day)
    FROM quotes q JOIN entities e ON e.id = q.speaker JOIN articles a ON a.id = q.article
    WHERE ?1 IS NULL OR q.speaker = ?1
    GROUP BY e.id
    ORDER BY count(DISTINCT q.statement) DESC, e.name
    LIMIT ?2";

fn speaker_summary(row: &Row) -> rusqlite::Result<SpeakerSummary> {
    Ok(SpeakerSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        kind: row.get(2)?,
        statements: row.get(3)?,
        quotes: row.get(4)?,
        articles: row.get(5)?,
        first: row.get(6)?,
        last: row.get(7)?,
    })
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn plain_words_are_quoted_and_syntax_is_kept() {
        assert_eq!(fts_query("end the war"), "\"end\" \"the\" \"war\"");
        assert_eq!(fts_query("it's (over)"), "\"it's\" \"over\"");
        assert_eq!(
            fts_query("\"end the war\" OR peace"),
            "\"end the war\" OR peace"
        );
    }
}
