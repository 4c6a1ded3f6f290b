#!/usr/bin/env bash
# Speed, memory and size of `whosaid ingest`, and search latency on the database it makes.
#
#   bash bench/ingest.sh                  # SMALL=10000 LARGE=110000 synthetic articles; CORE=0
#
# 1. Synthetic corpora (`whosaid-eval gen-corpus`: made-up wire copy in the shape of scraped
#    pages, a third of it reprinted by other outlets) of SMALL and LARGE articles, as JSONL.
# 2. `whosaid ingest` of each on ONE core (taskset + --threads 1) into a fresh database:
#    articles per CPU-second end to end (reading, analysis, SQLite writes), peak memory
#    (max RSS) — flat means the same at SMALL and LARGE — and database bytes per article.
#    `whosaid extract` of the SMALL corpus on the same core gives the analysis alone, so the
#    store's own cost per article can be read off.
# 3. The same for PolNeAR's 924 real texts (dev + train), when ../shared/data is there.
# 4. `whosaid-eval bench-search` on the LARGE database (about a million quotations): p50,
#    p90, p99 latency of six shapes of search.
# Writes target/bench/ingest/ingest.md (the tables for BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
SMALL=${SMALL:-10000}
LARGE=${LARGE:-110000}
CORE=${CORE:-0}
SHARED=${SHARED:-../shared}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
WORK=$CARGO_TARGET_DIR/bench/ingest
mkdir -p "$WORK"
cargo build --release -q -p whosaid-cli -p whosaid-eval
BIN=$CARGO_TARGET_DIR/release/whosaid
EVAL=$CARGO_TARGET_DIR/release/whosaid-eval
OUT=$WORK/ingest.md

for n in "$SMALL" "$LARGE"; do
  [ -s "$WORK/corpus-$n.jsonl" ] || "$EVAL" gen-corpus --articles "$n" --out "$WORK/corpus-$n.jsonl"
done

# measure NAME DB INPUT...: one-core ingest into a fresh DB; prints a table row.
measure() {
  local name=$1 db=$2; shift 2
  rm -f "$db" "$db-wal" "$db-shm" "$db.lock"
  /usr/bin/time -f '%U %S %M %e' -o "$WORK/time.txt" \
    taskset -c "$CORE" "$BIN" ingest --threads 1 --quiet --db "$db" "$@" 2>"$WORK/ingest.log" || true
  read -r user sys rss wall <"$WORK/time.txt"
  local articles quotes bytes
  articles=$(sqlite3 "$db" 'SELECT count(*) FROM articles')
  quotes=$(sqlite3 "$db" 'SELECT count(*) FROM quotes')
  bytes=$(stat -c %s "$db")
  python3 - "$name" "$articles" "$quotes" "$user" "$sys" "$rss" "$wall" "$bytes" <<'PY'
import sys
name, articles, quotes, user, sys_, rss, wall, size = sys.argv[1:]
articles, quotes = int(articles), int(quotes)
cpu = float(user) + float(sys_)
print(f"| {name} | {articles:,} | {quotes:,} | {cpu:.1f} | {articles / cpu:,.0f} | {int(rss) / 1024:,.0f} | {int(size) / articles:,.0f} |")
PY
}

{
  echo "Ingest on one core ($(date -u +%Y-%m-%d), $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), commit $(git rev-parse --short HEAD):"
  echo
  echo "| input | articles | quotations | CPU s | articles / CPU-s | peak RSS MB | DB bytes / article |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  measure "synthetic, $SMALL" "$WORK/small.db" "$WORK/corpus-$SMALL.jsonl"
  measure "synthetic, $LARGE" "$WORK/large.db" "$WORK/corpus-$LARGE.jsonl"
  if [ -d "$SHARED/data/polnear/dev/text" ]; then
    measure "PolNeAR texts (dev + train)" "$WORK/polnear.db" "$SHARED/data/polnear/dev/text" "$SHARED/data/polnear/train/text"
  fi
  /usr/bin/time -f '%U %S' -o "$WORK/time.txt" \
    taskset -c "$CORE" "$BIN" extract --threads 1 "$WORK/corpus-$SMALL.jsonl" >/dev/null 2>&1 || true
  read -r user sys <"$WORK/time.txt"
  python3 -c "import sys; n=int(sys.argv[1]); c=float(sys.argv[2])+float(sys.argv[3]); print(f'\nThe analysis alone (\`whosaid extract\`, same corpus of {n:,}, same core): {c:.1f} CPU s, {n/c:,.0f} articles per CPU-second.')" "$SMALL" "$user" "$sys"
  echo
  "$EVAL" bench-search "$WORK/large.db" --queries 500
} | tee "$OUT"
