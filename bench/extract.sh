#!/usr/bin/env bash
# Throughput of `whosaid extract` on ONE core (--threads 1) for scraped text, HTML and WARC,
# with peak memory, on the shared development data. Prints a Markdown table for
# BENCHMARKS.md. Usage, from the repository root:
#
#     bench/extract.sh            # SHARED=../shared by default; RUNS=3 (best of)
#
# Corpora: scraped text = PolNeAR train texts (840 articles); HTML = the 711 WCXB dev
# article pages; WARC = the same pages as a Common-Crawl-shaped .warc.gz (request,
# response and metadata records, one gzip member each), once and ten times over (the
# memory line: peak RSS must not grow with the archive).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
RUNS=${RUNS:-3}
WORK=target/bench
mkdir -p "$WORK"
cargo build --release -q -p whosaid-cli
BIN=target/release/whosaid

html_dir="$SHARED/data/wcxb-dev-articles/html"
text_dir="$SHARED/data/polnear/train/text"
[ -f "$WORK/wcxb.warc.gz" ] || python3 bench/make_warc.py "$WORK/wcxb.warc.gz" "$html_dir"/*.html.gz
[ -f "$WORK/wcxb-x10.warc.gz" ] || python3 bench/make_warc.py "$WORK/wcxb-x10.warc.gz" "$html_dir"/*.html.gz --repeat 10

# Bytes a reader has to chew: decompressed HTML, text files as they are.
html_bytes=$(for f in "$html_dir"/*.html.gz; do gzip -dc "$f"; done | wc -c)
text_bytes=$(cat "$text_dir"/*.txt | wc -c)

# Seconds are CPU seconds (user + system) of the whole process — the reading thread and
# the one worker — so that "per core" holds on a machine other jobs are also using.
measure() { # name, document count, input bytes, paths...
  local name=$1 docs=$2 bytes=$3; shift 3
  local best=999999 rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%U %S %M" -o "$WORK/time.txt" "$BIN" extract --threads 1 "$@" >"$WORK/out.jsonl" 2>"$WORK/err.txt" || true
    read -r user sys kb < <(tail -n 1 "$WORK/time.txt") # "Command exited with…" may come first
    best=$(python3 -c "print(min($best, $user + $sys))")
    rss=$kb
  done
  local records
  records=$(wc -l <"$WORK/out.jsonl")
  python3 - "$name" "$docs" "$records" "$bytes" "$best" "$rss" <<'PY'
import sys
name, docs, records, size, secs, rss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
secs = max(secs, 1e-3)
print(f"| {name} | {records} | {size/1e6:.1f} | {secs:.2f} | {records/secs:,.0f} | {size/1e6/secs:.1f} | {rss/1024:.0f} |")
PY
}

# Which rows to measure (all by default): CORPORA="text html" bench/extract.sh
CORPORA=${CORPORA:-"text html warc warc10 peer"}
want() { [[ " $CORPORA " == *" $1 "* ]]; }

echo "| input (one core) | documents | MB | CPU seconds | documents/s | MB/s | peak RSS MB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
# The text folder ten times over: one pass takes a fifth of a second, too short to time.
want text && measure "scraped text (PolNeAR train, x10)" 8400 "$((text_bytes * 10))" \
  "$text_dir" "$text_dir" "$text_dir" "$text_dir" "$text_dir" "$text_dir" "$text_dir" "$text_dir" "$text_dir" "$text_dir"
want html && measure "HTML (WCXB dev, .html.gz)" 711 "$html_bytes" "$html_dir"
want warc && measure "WARC (WCXB dev as .warc.gz)" 711 "$html_bytes" "$WORK/wcxb.warc.gz"
want warc10 && measure "WARC x10 (memory check)" 7110 "$((html_bytes * 10))" "$WORK/wcxb-x10.warc.gz"

# The peer, in the same run: Python trafilatura on the same HTML pages, one core, when a
# venv with it is given (TRAF_VENV=…; eval/extraction.sh makes one in target/eval/venv).
if want peer && [ -n "${TRAF_VENV:-}" ] && [ -x "$TRAF_VENV/bin/python" ]; then
  best=999999
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%U %S %M" -o "$WORK/time.txt" "$TRAF_VENV/bin/python" eval/peers/trafilatura_extract.py "$html_dir"/*.html.gz >"$WORK/peer.jsonl" 2>/dev/null || true
    read -r user sys kb < <(tail -n 1 "$WORK/time.txt")
    best=$(python3 -c "print(min($best, $user + $sys))")
  done
  python3 - "$best" "$kb" "$html_bytes" <<'PY'
import sys
secs, kb, size = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
print(f"| peer: Python trafilatura, same HTML | 711 | {size/1e6:.1f} | {secs:.2f} | {711/secs:,.0f} | {size/1e6/secs:.1f} | {kb/1024:.0f} |")
PY
fi
