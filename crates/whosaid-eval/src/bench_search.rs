//! Search latency on a real database: `whosaid-eval bench-search DB`.
//!
//! Query words are drawn (deterministically) from the stored statements themselves, so
//! every search has answers to rank; each shape of query — one word, two words, a phrase,
//! a word with a speaker filter, with a date range, with a kind — runs `queries` times
//! through the same `Store::search` the CLI and the HTTP API use, limit 20.

use std::path::Path;
use std::time::Instant;

use whosaid_store::{SearchQuery, Store};

pub fn run(db: &Path, queries: usize, urls: Option<&Path>) -> anyhow::Result<()> {
    let store = Store::open_read_only(db)?;
    let conn = store.connection();
    let quotes: i64 = conn.query_row("SELECT count(*) FROM quotes", [], |r| r.get(0))?;
    let statements: i64 = conn.query_row("SELECT count(*) FROM statements", [], |r| r.get(0))?;
    // A sample of statements to draw words from, spread over the table.
    let sample: Vec<(String, Option<String>)> = conn
        .prepare(
            "SELECT s.content, e.name FROM statements s
             LEFT JOIN entities e ON e.id = s.speaker
             WHERE s.id % ?1 = 0 LIMIT ?2",
        )?
        .query_map(
            [
                (statements / (queries as i64 * 2)).max(1),
                queries as i64 * 2,
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<Result<_, _>>()?;
    anyhow::ensure!(!sample.is_empty(), "the database holds no statements");
    let words: Vec<Vec<String>> = sample
        .iter()
        .map(|(content, _)| {
            content
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 3)
                .map(str::to_lowercase)
                .collect()
        })
        .collect();
    let speakers: Vec<String> = sample.iter().filter_map(|(_, s)| s.clone()).collect();
    let pick = |i: usize, k: usize| -> String {
        let w = &words[i % words.len()];
        if w.is_empty() {
            "said".into()
        } else {
            w[(i * 7 + k) % w.len()].clone()
        }
    };
    let shapes = [
        "one word",
        "two words",
        "a phrase",
        "word + speaker",
        "word + date range",
        "word + kind",
        "one word, newest first",
    ];
    let make = |shape: usize, i: usize| -> SearchQuery {
        let mut query = SearchQuery {
            limit: Some(20),
            ..Default::default()
        };
        match shape {
            0 => query.text = Some(pick(i, 0)),
            1 => query.text = Some(format!("{} {}", pick(i, 0), pick(i, 3))),
            2 => {
                let w = &words[i % words.len()];
                let at = (i * 5) % w.len().max(1);
                let phrase = w
                    .iter()
                    .skip(at)
                    .take(2)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ");
                query.text = Some(format!("\"{phrase}\""));
            }
            3 => {
                query.text = Some(pick(i, 1));
                query.speaker = speakers.get(i % speakers.len().max(1)).cloned();
            }
            4 => {
                query.text = Some(pick(i, 2));
                query.since = Some("2024-03-01".into());
                query.until = Some("2024-09-30".into());
            }
            5 => {
                query.text = Some(pick(i, 4));
                query.kind = Some("direct".into());
            }
            _ => {
                query.text = Some(pick(i, 0));
                query.order = whosaid_store::Order::Newest;
            }
        }
        query
    };
    if let Some(out) = urls {
        // The same searches as `GET /api/search` paths, shapes interleaved, for a load
        // generator (bench/serve.sh feeds them to wrk): the HTTP figures then measure the
        // very queries whose in-process latency this command reports.
        let mut lines = String::new();
        for i in 0..queries {
            for shape in 0..shapes.len() {
                lines.push_str(&search_path(&make(shape, i)));
                lines.push('\n');
            }
        }
        std::fs::write(out, lines)?;
        println!(
            "{} search paths written to {}",
            queries * shapes.len(),
            out.display()
        );
        return Ok(());
    }
    println!(
        "{quotes} quotations, {statements} statements in {}\n",
        db.display()
    );
    let mut slowest_of = Vec::new();
    println!("| query | searches | p50 ms | p90 ms | p99 ms | mean hits |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (shape, name) in shapes.iter().enumerate() {
        let mut times = Vec::with_capacity(queries);
        let mut hits = 0;
        let mut slowest = (0.0, String::new());
        for i in 0..queries {
            let query = make(shape, i);
            let started = Instant::now();
            let found = store.search(&query)?;
            let ms = started.elapsed().as_secs_f64() * 1e3;
            if ms > slowest.0 {
                slowest = (ms, search_path(&query));
            }
            times.push(ms);
            hits += found.len();
        }
        slowest_of.push(format!("{name}: {:.1} ms, {}", slowest.0, slowest.1));
        times.sort_by(f64::total_cmp);
        let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
        println!(
            "| {name} | {queries} | {:.2} | {:.2} | {:.2} | {:.1} |",
            at(0.5),
            at(0.9),
            at(0.99),
            hits as f64 / queries as f64
        );
    }
    // The slowest search of each shape, to look into with `EXPLAIN QUERY PLAN`.
    println!("\nslowest of each shape:");
    for line in slowest_of {
        println!("- {line}");
    }
    Ok(())
}

/// `query` as the path and query string of `GET /api/search`.
fn search_path(query: &SearchQuery) -> String {
    let mut params = form_urlencoded::Serializer::new(String::new());
    let fields = [
        ("q", &query.text),
        ("speaker", &query.speaker),
        ("since", &query.since),
        ("until", &query.until),
        ("kind", &query.kind),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            params.append_pair(name, value);
        }
    }
    if query.order == whosaid_store::Order::Newest {
        params.append_pair("order", "newest");
    }
    if let Some(limit) = query.limit {
        params.append_pair("limit", &limit.to_string());
    }
    format!("/api/search?{}", params.finish())
}
