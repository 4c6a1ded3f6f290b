#!/usr/bin/env bash
# Whether this build's `whosaid ingest` writes exactly what a reference binary writes.
#
#   BASELINE=target/baseline-whosaid bash bench/same_output.sh
#
# BASELINE is a `whosaid` binary built from the commit to compare with (build it before
# changing the writer, and copy it aside). Each case ingests the same input with both
# binaries into fresh databases and compares them table by table (bench/same_db.py):
#   - 2,000 synthetic articles (one batch of 256 at a time, the default);
#   - PolNeAR's 924 real texts (many entities, namesakes, surname merges), when
#     ../shared/data is there;
#   - both again into one database in two runs, with --commit-every 7 (caches across many
#     small batches, and a second ingest that finds a database already holding entities);
#   - the examples folder twice (the second run adds nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
BASELINE=${BASELINE:-target/baseline-whosaid}
SHARED=${SHARED:-../shared}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
WORK=$CARGO_TARGET_DIR/bench/same
mkdir -p "$WORK"
cargo build --release -q -p whosaid-cli -p whosaid-eval
BIN=$CARGO_TARGET_DIR/release/whosaid
[ -s "$WORK/corpus-2000.jsonl" ] ||
  "$CARGO_TARGET_DIR/release/whosaid-eval" gen-corpus --articles 2000 --out "$WORK/corpus-2000.jsonl"
POLNEAR=()
if [ -d "$SHARED/data/polnear/dev/text" ]; then
  POLNEAR=("$SHARED/data/polnear/dev/text" "$SHARED/data/polnear/train/text")
fi

# ingest NAME BINARY ARGS... : runs of ARGS separated by `--run`, into WORK/NAME.db.
ingest() {
  local db=$WORK/$1.db bin=$2; shift 2
  rm -f "$db" "$db-wal" "$db-shm" "$db.lock"
  local args=()
  for a in "$@" --run; do
    if [ "$a" = --run ]; then
      "$bin" ingest --threads 1 --quiet --db "$db" "${args[@]}" 2>/dev/null
      args=()
    else
      args+=("$a")
    fi
  done
}

status=0
check() {
  local name=$1; shift
  ingest "$name-base" "$BASELINE" "$@"
  ingest "$name-new" "$BIN" "$@"
  if python3 bench/same_db.py "$WORK/$name-base.db" "$WORK/$name-new.db" >"$WORK/$name.diff"; then
    echo "$name: same"
  else
    echo "$name: DIFFERENT (see $WORK/$name.diff)"
    status=1
  fi
}

check synthetic "$WORK/corpus-2000.jsonl"
if [ ${#POLNEAR[@]} -gt 0 ]; then
  check polnear "${POLNEAR[@]}"
  check mixed --commit-every 7 "${POLNEAR[@]}" --run --commit-every 7 "$WORK/corpus-2000.jsonl" "${POLNEAR[@]}"
fi
check examples examples --run examples
exit $status
