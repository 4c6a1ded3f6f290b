#!/usr/bin/env bash
# Throughput and latency of `whosaid serve`'s search on loopback, under load from wrk.
#
#   bash bench/serve.sh             # DB=target/bench/ingest/large.db CLIENTS="1 4 16 64" SECONDS_EACH=20
#
# 1. The database: DB if it exists (bench/ingest.sh leaves a 110k-article, ~1M-quotation one),
#    else one ingested from ARTICLES (default 110000) synthetic articles.
# 2. 500 searches of each of bench-search's seven shapes (one word, two words, a phrase,
#    + speaker, + date range, + kind, newest first), as `/api/search?…` paths drawn from the
#    stored statements themselves, so every search has answers.
# 3. `whosaid serve` on a free loopback port; wrk (Debian's package; installed if missing)
#    at each number of concurrent connections in CLIENTS for SECONDS_EACH seconds, walking
#    the paths. Requests/s, p50/p90/p99 latency, and every answer that was not 200.
# Both wrk and the server run on this machine's cores: the figures are for the pair.
# Writes target/bench/serve/serve.md (the table for BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
WORK=$CARGO_TARGET_DIR/bench/serve
DB=${DB:-$CARGO_TARGET_DIR/bench/ingest/large.db}
ARTICLES=${ARTICLES:-110000}
CLIENTS=${CLIENTS:-1 4 16 64}
SECONDS_EACH=${SECONDS_EACH:-20}
mkdir -p "$WORK"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release -q -p whosaid-cli -p whosaid-eval
BIN=$CARGO_TARGET_DIR/release/whosaid
EVAL=$CARGO_TARGET_DIR/release/whosaid-eval

if [ ! -s "$DB" ]; then
  DB=$WORK/bench.db
  "$EVAL" gen-corpus --articles "$ARTICLES" --out "$WORK/corpus.jsonl"
  rm -f "$DB" "$DB-wal" "$DB-shm"
  "$BIN" ingest --quiet --db "$DB" "$WORK/corpus.jsonl"
fi
"$EVAL" bench-search "$DB" --queries 500 --urls "$WORK/paths.txt"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --db "$DB" --addr "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$PORT/api/speakers?top=1" >/dev/null && break
  sleep 0.2
done
# Warm the page cache so that the first row does not pay for reading the file.
wrk -t1 -c1 -d3s -s bench/search.lua "http://127.0.0.1:$PORT" -- "$WORK/paths.txt" >/dev/null

quotes=$(sqlite3 "$DB" 'SELECT count(*) FROM quotes' 2>/dev/null || echo '?')
OUT=$WORK/serve.md
{
  echo "Search over HTTP on loopback ($(date -u +%Y-%m-%d), $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), commit $(git rev-parse --short HEAD), $quotes quotations, ${SECONDS_EACH} s per row, wrk and the server on the same cores:"
  echo
  echo "| concurrent clients | requests/s | p50 ms | p90 ms | p99 ms | answers not 200 | socket errors |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for c in $CLIENTS; do
    threads=$(( c < 2 ? 1 : 2 ))
    wrk -t"$threads" -c"$c" -d"${SECONDS_EACH}s" --timeout 10s -s bench/search.lua \
      "http://127.0.0.1:$PORT" -- "$WORK/paths.txt" >"$WORK/wrk-$c.txt"
    eval "$(grep '^LATENCY' "$WORK/wrk-$c.txt" | cut -d' ' -f2-)"
    eval "$(grep '^STATUS' "$WORK/wrk-$c.txt" | cut -d' ' -f2-)"
    printf '| %s | %.0f | %.1f | %.1f | %.1f | %s | %s |\n' "$c" "$rps" "$p50_ms" "$p90_ms" "$p99_ms" "$other" "$socket_errors"
  done
} | tee "$OUT"
