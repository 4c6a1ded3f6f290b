#!/usr/bin/env bash
# Speed of the Python bindings against `whosaid extract` on the same input, as ratios:
#
#   - per core: `whosaid extract --threads 1` and `whosaid.extract_batch(threads=1)`, in
#     documents per CPU-second (user + system of the whole process);
#   - the machine (2 cores): `whosaid extract --threads 2`, `extract_batch(threads=2)` and
#     the Spark job `examples/spark_statements.py` in local[2] mode (the corpus split into
#     two JSONL files, one task each, Parquet written), in documents per wall second. The
#     Spark run includes starting the JVM; its fixed cost is measured alone on a one-
#     document input and given beside it.
#
# Corpora: synthetic wire copy (`whosaid-eval gen-corpus`, ARTICLES=10000) and, when
# ../shared/data/polnear is there, PolNeAR's 924 texts (dev + train) three times over as
# JSONL (never committed: written under target/). Usage, from the repository root, after
# bindings/python/ci.sh (its venv has the wheel, pyarrow and pyspark):
#
#     bash bench/python.sh        # VENV=target/python-ci-venv ARTICLES=10000 RUNS=3
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-target/python-ci-venv}
ARTICLES=${ARTICLES:-10000}
RUNS=${RUNS:-3}
SHARED=${SHARED:-../shared}
WORK=target/bench/python
PY="$VENV/bin/python"
mkdir -p "$WORK"
cargo build --release -q -p whosaid-cli -p whosaid-eval
BIN=target/release/whosaid
export PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY"

corpora=()
[ -f "$WORK/synthetic.jsonl" ] || target/release/whosaid-eval gen-corpus --articles "$ARTICLES" --out "$WORK/synthetic.jsonl"
corpora+=(synthetic)
if [ -d "$SHARED/data/polnear/train/text" ]; then
  [ -f "$WORK/polnear.jsonl" ] || python3 - "$SHARED/data/polnear" "$WORK/polnear.jsonl" <<'PY'
import json, pathlib, sys
root, out = pathlib.Path(sys.argv[1]), open(sys.argv[2], "w", encoding="utf-8")
texts = sorted((root / "dev" / "text").glob("*.txt")) + sorted((root / "train" / "text").glob("*.txt"))
for copy in range(3):
    for path in texts:
        out.write(json.dumps({"id": f"{path.stem}-{copy}", "text": path.read_text(encoding="utf-8")}) + "\n")
PY
  corpora+=(polnear)
fi

# CPU seconds (user + sys) and wall seconds of a command, best of RUNS by CPU: "cpu wall".
timed() {
  local best=""
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%U %S %e" -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" || {
      tail -n 20 "$WORK/err.txt" >&2
      exit 1
    }
    read -r user sys wall < <(tail -n 1 "$WORK/time.txt")
    best=$(python3 -c "import sys; a=sys.argv[1]; c=$user+$sys; print(f'{c:.2f} $wall' if not a or c < float(a.split()[0]) else a)" "$best")
  done
  echo "$best"
}
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
rate() { python3 -c "print(f'{$1/$2:,.0f}')"; }

echo "| corpus | documents | CLI, 1 core (docs/CPU-s) | extract_batch, 1 thread (docs/CPU-s) | ratio | CLI, 2 cores (docs/s) | extract_batch, 2 threads (docs/s) | ratio | Spark local[2] (docs/s) | ratio | Spark fixed cost (s) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for corpus in "${corpora[@]}"; do
  input="$WORK/$corpus.jsonl"
  docs=$(grep -c . "$input")

  read -r cli1_cpu _ < <(timed "$BIN" extract --threads 1 "$input")
  read -r _ cli2_wall < <(timed "$BIN" extract --threads 2 "$input")
  batch1=$("$PY" bench/python_batch.py "$input" 1 "$RUNS")
  batch2=$("$PY" bench/python_batch.py "$input" 2 "$RUNS")
  b1_cpu=$(field "$batch1" cpu_seconds)
  b2_wall=$(field "$batch2" wall_seconds)

  # Spark: two files (two tasks on two cores), and a one-document file for the fixed cost.
  half=$(( (docs + 1) / 2 ))
  head -n "$half" "$input" >"$WORK/$corpus-1.jsonl"
  tail -n +"$((half + 1))" "$input" >"$WORK/$corpus-2.jsonl"
  head -n 1 "$input" >"$WORK/one.jsonl"
  read -r _ spark_wall < <(timed "$PY" examples/spark_statements.py --master "local[2]" \
    --output "$WORK/spark-out" "$WORK/$corpus-1.jsonl" "$WORK/$corpus-2.jsonl")
  read -r _ spark_fixed < <(timed "$PY" examples/spark_statements.py --master "local[2]" \
    --output "$WORK/spark-one" "$WORK/one.jsonl")

  cli1=$(rate "$docs" "$cli1_cpu"); b1=$(rate "$docs" "$b1_cpu")
  cli2=$(rate "$docs" "$cli2_wall"); b2=$(rate "$docs" "$b2_wall"); sp=$(rate "$docs" "$spark_wall")
  echo "| $corpus | $docs | $cli1 | $b1 | $(ratio "$cli1_cpu" "$b1_cpu") | $cli2 | $b2 | $(ratio "$cli2_wall" "$b2_wall") | $sp | $(ratio "$cli2_wall" "$spark_wall") | $spark_fixed |"
done
