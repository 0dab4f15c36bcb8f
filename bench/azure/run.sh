#!/usr/bin/env bash
# Sync benchmark against Azurite: the sync benchmark's data set, synced from a workspace to an
# Azurite container over HTTP.
#
#   bench/azure/run.sh [OUT_DIR]
#
# Data (bench/sync/gen_tree.py, seeded): 2,000 files of 1-64 KiB in 20 folders plus 20 files of
# 32 MiB (SMALL/FOLDERS/LARGE/LARGE_MIB override). Steps: first sync, then a no-op re-sync. Prints
# wall time and peak RSS of the cloudsync JVM (GNU time -v); the Azurite node process is started
# here on a free port with in-memory storage and stopped on exit, whatever happened.
# Needs Java 21+, Node.js with npm, python3 and GNU time (apt-get install -y time).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$ROOT/bench/out/azure}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SMALL=${SMALL:-2000}
FOLDERS=${FOLDERS:-20}
LARGE=${LARGE:-20}
LARGE_MIB=${LARGE_MIB:-32}
TRANSFERS=${TRANSFERS:-8}
AZ="$ROOT/testkit/azurite"

command -v node >/dev/null || { echo "node missing: install Node.js 18 or 20 with npm" >&2; exit 2; }
command -v npm >/dev/null || { echo "npm missing: install npm" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time missing: apt-get install -y time" >&2; exit 2; }
[ -f "$ROOT/bench/sync/gen_tree.py" ] || { echo "bench/sync/gen_tree.py missing" >&2; exit 2; }

rm -rf "$OUT"
mkdir -p "$OUT"

[ -f "$AZ/node_modules/azurite/dist/src/blob/main.js" ] ||
  (cd "$AZ" && npm ci --no-audit --no-fund --loglevel=error --omit=dev)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
node "$AZ/node_modules/azurite/dist/src/blob/main.js" --blobHost 127.0.0.1 --blobPort "$PORT" \
  --inMemoryPersistence --skipApiVersionCheck --loose --disableTelemetry --silent \
  >"$OUT/azurite.log" 2>&1 &
AZURITE_PID=$!
trap 'kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.1
done
KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
export AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$PORT/devstoreaccount1;"
REMOTE="az://bench/sync"

# The cloudsync command: $CLOUDSYNC if set, else the checkout's launcher, which builds the
# distribution when needed and runs it as users do (bin/cloudsync's JVM options, the AOT cache).
if [ -z "${CLOUDSYNC:-}" ]; then
  "$ROOT/cloudsync" --version >/dev/null
  CLOUDSYNC="$ROOT/cloudsync"
fi

echo "generating $SMALL small files in $FOLDERS folders + $LARGE x $LARGE_MIB MiB ..."
python3 "$ROOT/bench/sync/gen_tree.py" "$OUT/ws" "$SMALL" "$FOLDERS" "$LARGE" "$LARGE_MIB"
export HOME="$OUT/home" XDG_DATA_HOME="$OUT/home/data"
mkdir -p "$HOME"
$CLOUDSYNC mkbucket --remote "$REMOTE" >/dev/null

measure() { # step command...
  local step=$1
  shift
  /usr/bin/time -v -o "$OUT/time.txt" "$@" >"$OUT/$step.log" 2>&1 || {
    echo "$step failed:" >&2
    tail -20 "$OUT/$step.log" >&2
    exit 1
  }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$OUT/time.txt" |
    awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time.txt")
  printf 'cloudsync-azurite\t%s\t%s\t%s\n' "$step" "$wall" "$((rss / 1024))" | tee -a "$OUT/results.tsv"
}

# /usr/bin/time runs programs, not shell functions: spell the command out.
read -r -a CS <<<"$CLOUDSYNC"
CS+=(sync "$OUT/ws" --remote "$REMOTE" --transfers "$TRANSFERS" --quiet)

printf 'tool\tstep\twall_s\tpeak_rss_mib\n' | tee "$OUT/results.tsv"
measure first "${CS[@]}"
measure noop "${CS[@]}"
COUNT=$($CLOUDSYNC ls --remote "$REMOTE" | wc -l)
echo "objects in $REMOTE: $COUNT (expected $((SMALL + LARGE)))"
[ "$COUNT" -eq $((SMALL + LARGE)) ]
