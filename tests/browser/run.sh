#!/usr/bin/env bash
# The web page end to end in headless Chromium: builds whosaid, ingests the bundled
# examples and the hostile fixtures into a fresh database under target/, serves it on a
# free loopback port, runs page.test.mjs against it and saves screenshots of every page
# (desktop and phone width) under target/screenshots/. The server is always stopped.
#
# Needs: cargo, node 20 + npm, and Debian's chromium (installed here when missing, as root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
started=$SECONDS

chromium="${WHOSAID_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "run.sh: $chromium is missing; install Debian's chromium (apt-get install chromium) as root" >&2
    exit 1
  fi
  echo "run.sh: installing Debian's chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

# playwright-core drives the browser above; it never downloads one of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

cargo build --release
whosaid="$root/target/release/whosaid"

work="$root/target/browser-tests"
screenshots="$root/target/screenshots"
rm -rf "$work" "$screenshots"
mkdir -p "$work" "$screenshots"
db="$work/web.db"
"$whosaid" ingest examples/articles \
  tests/browser/fixtures/hostile-markup.html tests/browser/fixtures/hostile-quotes.txt \
  --db "$db"

# Port 0: the system picks a free port, and serve prints the address it bound.
log="$work/serve.log"
"$whosaid" serve --db "$db" --addr 127.0.0.1:0 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$log" | head -n 1 || true)"
  [ -n "$url" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "run.sh: whosaid serve stopped:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "run.sh: whosaid serve did not say where it listens within 10 s:" >&2
  cat "$log" >&2
  exit 1
fi
echo "run.sh: whosaid serves $db on $url"

status=0
(cd "$here" && WHOSAID_URL="$url" WHOSAID_CHROMIUM="$chromium" WHOSAID_SCREENSHOTS="$screenshots" \
  WHOSAID_FIXTURES="$root" node --test --test-concurrency=1 page.test.mjs) || status=$?
echo "run.sh: browser tests finished in $((SECONDS - started)) s (screenshots in target/screenshots/)"
exit "$status"
