#!/usr/bin/env bash
# Speed of the whole analysis — `whosaid extract`: reading, sentences, tokens, part of
# speech, entities, quotations and attribution, speakers, dates, the JSON record — on ONE
# core (taskset + --threads 1) over PolNeAR's texts (dev + train, 924 articles), in articles
# per CPU-second (user + sys of the whole process), beside the spaCy + textacy peer
# (eval/peers/textacy_quotes.py: en_core_web_sm + direct_quotations) on the same texts in
# the same run, compared as a ratio. Prints a Markdown table for BENCHMARKS.md and keeps it
# in target/bench/analyze/analyze.md. Usage, from the repository root:
#
#     bash bench/analyze.sh      # REPEAT=5: the 924 texts five times over per whosaid run;
#                                # RUNS=3 (best of); PEER_DOCS=84 (the peer once, on the
#                                # first PEER_DOCS texts, dev then train: 84 = dev, 924 =
#                                # all; it reads ~2-3 articles per CPU-second); CORE=0
#
# Needs ../shared/data/polnear and the spaCy venv (SPACY_VENV, default /work/venvs/spacy;
# without it the peer row is left out). Start-up (loading models) is inside the figures of
# both; it is also measured alone (one text for whosaid, no text for the peer) and given
# in the last column so that the steady rate can be read off.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
REPEAT=${REPEAT:-5}
RUNS=${RUNS:-3}
CORE=${CORE:-0}
PEER_DOCS=${PEER_DOCS:-84}
SPACY_VENV=${SPACY_VENV:-/work/venvs/spacy}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
WORK=$CARGO_TARGET_DIR/bench/analyze
mkdir -p "$WORK"
nice -n 10 cargo build --release -q -p whosaid-cli
BIN=$CARGO_TARGET_DIR/release/whosaid

dirs=("$SHARED/data/polnear/dev/text" "$SHARED/data/polnear/train/text")
texts=()
for d in "${dirs[@]}"; do texts+=("$d"/*.txt); done
n_texts=${#texts[@]}
bytes=$(cat "${texts[@]}" | wc -c)
inputs=()
for _ in $(seq "$REPEAT"); do inputs+=("${dirs[@]}"); done

# "user sys wall maxrss_kb" of a command (stdout to $1) pinned to one core; best of $2 runs
# (least CPU), as "cpu_seconds maxrss_kb".
measure() { # OUT RUNS CMD...
  local out=$1 runs=$2; shift 2
  local best=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%U %S %e %M" -o "$WORK/time.txt" taskset -c "$CORE" "$@" > "$out" 2> "$WORK/err.txt" || {
      cat "$WORK/err.txt" >&2
      exit 1
    }
    read -r user sys _ kb < <(tail -n 1 "$WORK/time.txt")
    best=$(python3 -c "import sys; a=sys.argv[1]; c=$user+$sys; print(f'{c:.3f} $kb' if not a or c < float(a.split()[0]) else a)" "$best")
  done
  echo "$best"
}

quotes() { # JSONL -> number of quotes in it
  python3 -c "import json,sys; print(sum(len(json.loads(l).get('quotes') or []) for l in open(sys.argv[1]) if l.strip()))" "$1"
}

read -r ws_cpu ws_kb < <(measure "$WORK/whosaid.jsonl" "$RUNS" "$BIN" extract --threads 1 --format jsonl "${inputs[@]}")
ws_docs=$(wc -l < "$WORK/whosaid.jsonl")
ws_quotes=$(quotes "$WORK/whosaid.jsonl")
read -r ws_start _ < <(measure "$WORK/one.jsonl" "$RUNS" "$BIN" extract --threads 1 --format jsonl "${texts[0]}")

have_peer=0
if [ -x "$SPACY_VENV/bin/python" ]; then
  have_peer=1
  peer_texts=("${texts[@]:0:$PEER_DOCS}")
  read -r pe_cpu pe_kb < <(measure "$WORK/peer.jsonl" 1 nice -n 10 "$SPACY_VENV/bin/python" eval/peers/textacy_quotes.py "${peer_texts[@]}")
  pe_docs=$(wc -l < "$WORK/peer.jsonl")
  pe_bytes=$(cat "${peer_texts[@]}" | wc -c)
  pe_quotes=$(quotes "$WORK/peer.jsonl")
  read -r pe_start _ < <(measure "$WORK/peer0.jsonl" 1 nice -n 10 "$SPACY_VENV/bin/python" eval/peers/textacy_quotes.py)
  versions=$("$SPACY_VENV/bin/python" -c 'import spacy, textacy; print(f"spaCy {spacy.__version__} en_core_web_sm + textacy {textacy.__version__}")')
fi

python3 - "$n_texts" "$bytes" "$REPEAT" "$RUNS" "$ws_docs" "$ws_cpu" "$ws_kb" "$ws_quotes" "$ws_start" \
  "$have_peer" "${pe_docs:-0}" "${pe_cpu:-0}" "${pe_kb:-0}" "${pe_quotes:-0}" "${pe_start:-0}" "${versions:-}" "${pe_bytes:-0}" \
  "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates || echo '+changes')" <<'PY' | tee "$WORK/analyze.md"
import datetime, os, sys
a = sys.argv[1:]
n_texts, size, repeat, runs = int(a[0]), int(a[1]), int(a[2]), int(a[3])
ws_docs, ws_cpu, ws_kb, ws_q, ws_start = int(a[4]), float(a[5]), int(a[6]), int(a[7]), float(a[8])
have_peer = a[9] == "1"
pe_docs, pe_cpu, pe_kb, pe_q, pe_start, versions, pe_bytes, commit = int(a[10]), float(a[11]), int(a[12]), int(a[13]), float(a[14]), a[15], int(a[16]), a[17]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"Measured {datetime.date.today()} on {os.cpu_count()} cores ({cpu}), whosaid at {commit}; one core each "
      f"(taskset); PolNeAR dev + train texts ({n_texts} articles, {size / 1e6:.1f} MB).\n")
print("| system (one core) | articles | CPU seconds | articles per CPU-second | MB per CPU-second | peak RSS MB | quotes found | start-up CPU s |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
ws_rate = ws_docs / max(ws_cpu, 1e-3)
print(f"| **whosaid extract --threads 1** (the {n_texts} texts x{repeat}, best of {runs}) | {ws_docs} | {ws_cpu:.2f} "
      f"| **{ws_rate:,.0f}** | {size * repeat / 1e6 / max(ws_cpu, 1e-3):.2f} | {ws_kb / 1024:.0f} | {ws_q} | {ws_start:.2f} |")
if have_peer:
    pe_rate = pe_docs / max(pe_cpu, 1e-3)
    sub = "the same texts" if pe_docs >= n_texts else f"the first {pe_docs} texts"
    print(f"| {versions} ({sub}, once) | {pe_docs} | {pe_cpu:.2f} | {pe_rate:,.1f} | {pe_bytes / 1e6 / max(pe_cpu, 1e-3):.4f} | {pe_kb / 1024:.0f} | {pe_q} | {pe_start:.2f} |")
    steady = lambda docs, cpu, start: docs / max(cpu - start, 1e-3)
    mb = (size * repeat / max(ws_cpu, 1e-3)) / (pe_bytes / max(pe_cpu, 1e-3))
    print(f"\nwhosaid / peer: **{ws_rate / pe_rate:,.0f}x** articles per CPU-second ({mb:,.0f}x in MB per CPU-second) "
          f"(without start-up: whosaid {steady(ws_docs, ws_cpu, ws_start):,.0f}/s, peer {steady(pe_docs, pe_cpu, pe_start):,.1f}/s, "
          f"{steady(ws_docs, ws_cpu, ws_start) / steady(pe_docs, pe_cpu, pe_start):,.0f}x). Target: 2,000 articles/s per core "
          f"({'met' if ws_rate >= 2000 else f'{ws_rate / 2000:.2f} of it'}).")
PY
