#!/usr/bin/env bash
# Build, lint and test the Python bindings (called by .ci/run; runs alone too):
#   1. a fresh venv under target/ with maturin, pytest, pyarrow, pyspark, pandas<3 (PyPI);
#      a JRE from Debian when `java` is missing (Spark needs one);
#   2. cargo fmt --check and clippy -D warnings on the binding crate (its own workspace:
#      the root excludes it so that `cargo test --workspace` needs no Python);
#   3. the release wheel (maturin), installed in the venv, and the release `whosaid`
#      binary the tests compare with;
#   4. pytest: extract, extract_batch, read, and a PySpark local[2] run of
#      examples/spark_statements.py, each against `whosaid extract` on the same input.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# The root's target/: the binding's dependencies are mostly the root's, and .ci/run has
# compiled them already (same profiles, same versions: the lockfile started as the root's).
BINDING_TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="$ROOT/target/python-ci-venv"
started=$SECONDS
step() { echo "== $* ($((SECONDS - started)) s)"; }

step "venv and Python packages"
if ! command -v java >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q "maturin>=1.7,<2" pytest "pyarrow>=14" "pyspark>=4,<5" "pandas<3"
export PYO3_PYTHON="$VENV/bin/python"

step "lint the binding crate"
(
    cd "$HERE"
    cargo fmt --check
    CARGO_TARGET_DIR="$BINDING_TARGET" cargo clippy --locked --all-targets -- -D warnings
)

step "build the wheel and the whosaid binary"
rm -rf "$BINDING_TARGET/wheels/whosaid-"*.whl
(
    cd "$HERE"
    CARGO_TARGET_DIR="$BINDING_TARGET" "$VENV/bin/maturin" build --release --locked \
        --interpreter "$VENV/bin/python" --out "$BINDING_TARGET/wheels"
)
"$VENV/bin/python" -m pip install -q "$BINDING_TARGET"/wheels/whosaid-*.whl
(cd "$ROOT" && CARGO_TARGET_DIR="$BINDING_TARGET" cargo build --release --locked -p whosaid-cli)

step "pytest"
export WHOSAID_CLI="$BINDING_TARGET/release/whosaid"
"$VENV/bin/python" -m pytest "$HERE/tests" -q -p no:cacheprovider
step "done"
