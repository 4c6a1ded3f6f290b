#!/usr/bin/env bash
# Extraction on WCXB dev (711 article pages): whosaid's HTML reader and Python
# trafilatura side by side, each timed on one core, both scored by the evaluators' scorer.
#
#   bash eval/extraction.sh            # from the repository root; results in target/eval/
#
# Needs ../shared/data/wcxb-dev-articles and ../shared/eval (the evaluators' scorer and gold),
# python3, and a venv with Python trafilatura (made on first use in target/eval/venv:
# `pip install trafilatura lxml_html_clean`). Set TRAF_VENV to use another venv.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
DATA=$SHARED/data/wcxb-dev-articles/html
GOLD=$SHARED/eval/wcxb-dev
SCORER=$SHARED/eval/score_extraction.py
OUT=${OUT:-target/eval}
VENV=${TRAF_VENV:-$OUT/venv}
mkdir -p "$OUT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q trafilatura lxml_html_clean
fi

# One core each, so that documents/s means the same for both tools.
CORE=${CORE:-0}
pages=("$DATA"/*.html.gz)
n=${#pages[@]}

# Ours: the command a user runs, on the folder of gzipped pages, one worker thread.
cargo build --release -q -p whosaid-cli
OURS=("$CARGO_TARGET_DIR/release/whosaid" extract --threads 1 --format jsonl "$DATA")

# Runs a command with its output into $1, prints "user sys wall" seconds.
timed() { local out=$1; shift; /usr/bin/time -f "%U %S %e" -o "$out.time" "$@" > "$out"; tail -1 "$out.time"; }

cpu_ours=$(timed "$OUT/whosaid.jsonl" taskset -c "$CORE" "${OURS[@]}")
cpu_py=$(timed "$OUT/trafilatura.jsonl" taskset -c "$CORE" "$VENV/bin/python" eval/peers/trafilatura_extract.py "${pages[@]}")

rate() { python3 -c "import sys; u,s,e=map(float,sys.argv[2].split()); n=int(sys.argv[1]); print(f'{n/(u+s):.1f} docs/s per CPU-second ({u+s:.1f} s CPU, {e:.1f} s wall)')" "$n" "$1"; }
echo "== whosaid ($n pages): $(rate "$cpu_ours")"
python3 "$SCORER" --gold "$GOLD" --pred "$OUT/whosaid.jsonl" --per-doc "$OUT/whosaid.per-doc.jsonl"
echo
echo "== Python trafilatura $("$VENV/bin/python" -c 'import trafilatura; print(trafilatura.__version__)') ($n pages): $(rate "$cpu_py")"
python3 "$SCORER" --gold "$GOLD" --pred "$OUT/trafilatura.jsonl" --per-doc "$OUT/trafilatura.per-doc.jsonl"
