#!/usr/bin/env bash
# Resilience and throughput figures of `cloudsync sync`, through the real distribution:
#   bwlimit    --bwlimit 4M moving one 16 MiB file to a local remote: should take 4 s ± 10 %
#   transfers  --transfers 1, 4, 8, 16 against S3Proxy (a separate JVM, on-disk store) for small
#              (500 × 16 KiB) and large (8 × 32 MiB) files, beside `rclone sync` with the same
#              --transfers: MB/s of each and the ratio cloudsync / rclone
#   rss        peak RSS of a no-op `cloudsync sync` of 100,000 files (/usr/bin/time -v)
# Data comes from the testkit's TreeGenerator; S3Proxy is started by bench/s3/s3proxy.sh.
# Usage: bench/resilience/run.sh [bwlimit|transfers|rss]...
# (all three when none is named). Needs rclone and GNU time (apt-get install -y rclone time).
# Knobs: RSS_FILES (100000), S3PROXY_PORT (18089), KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
parts=("$@")
[[ ${#parts[@]} -eq 0 ]] && parts=(bwlimit transfers rss)

jdk=""
for dir in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
  if [[ -n "$dir" && -f "$dir/release" ]] &&
    (($(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dir/release") >= 21)); then
    jdk=$dir
    break
  fi
done
[[ -n "$jdk" ]] || { echo "no Java 21 or newer found" >&2; exit 1; }
export JAVA_HOME=$jdk
java=$JAVA_HOME/bin/java

./cloudsync --version >/dev/null # builds the distribution when needed
bin=$repo/cli/target/cloudsync/bin/cloudsync
if [[ ! -f testkit/target/classes/io/cloudsync/testkit/TreeGenerator.class ]]; then
  ./mvnw -q -o -B -pl testkit -am compile
fi
gen_cp=$repo/testkit/target/classes:$repo/port-storage/target/classes:$repo/core/target/classes
gen() { "$java" -cp "$gen_cp" io.cloudsync.testkit.TreeGenerator "$@" >/dev/null; }

work=$(mktemp -d "${TMPDIR:-/tmp}/cloudsync-resilience.XXXXXX")
s3proxy_pid=""
cleanup() {
  if [[ -n "$s3proxy_pid" ]]; then kill "$s3proxy_pid" 2>/dev/null || true; fi
  if [[ -n "${KEEP:-}" ]]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# sync_cmd WORKSPACE URI [flags]: sets cmd to one `cloudsync sync` through the distribution, its
# JSON result to stdout. sync_run runs it.
sync_cmd() {
  local ws=$1 uri=$2
  shift 2
  cmd=("$bin" sync "$ws" --remote "$uri" "$@" --json)
}
sync_run() {
  sync_cmd "$@"
  "${cmd[@]}"
}

now_ns() { date +%s%N; }
secs() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }
bytes_of() { du -sb --exclude=.cloudsync "$1" | cut -f1; }
json_duration() { grep -o '"durationMs" *: *[0-9]*' "$1" | grep -o '[0-9]*$' || true; }

bench_bwlimit() {
  echo "== --bwlimit 4M, one 16 MiB file, workspace -> local remote (and once without the limit)"
  local ws=$work/bw/ws out limit start end wall s t
  gen --files 0 --large 1 --large-size 16M --seed 4 "$ws"
  for limit in none 4M; do
    rm -rf "$ws/.cloudsync" "$work/bw/remote"
    mkdir -p "$work/bw/remote"
    out=$work/bw/$limit.json
    start=$(now_ns)
    if [[ $limit == none ]]; then
      sync_run "$ws" "local:$work/bw/remote" >"$out"
    else
      sync_run "$ws" "local:$work/bw/remote" --bwlimit "$limit" >"$out"
    fi
    end=$(now_ns)
    wall=$(secs $((end - start)))
    s=$(awk -v ms="$(json_duration "$out")" 'BEGIN { printf "%.2f", ms / 1000 }')
    t=$(grep -o '"transferMs" *: *[0-9]*' "$out" | grep -o '[0-9]*$' || true)
    printf 'limit %-4s: wall %6s s (JVM start included), sync %6s s%s\n' "$limit" \
      "$wall" "$s" "${t:+, first to last byte $(awk -v ms="$t" 'BEGIN { printf "%.2f", ms / 1000 }') s}"
    cmp "$(find "$ws" -name 'large-*.bin' -not -path '*/.cloudsync/*')" \
      "$(find "$work/bw/remote" -name 'large-*.bin' -not -path '*/.*')"
  done
  # the limit's figure: the transfer time when the run reports it, else the whole sync's
  t=$(grep -o '"transferMs" *: *[0-9]*' "$work/bw/4M.json" | grep -o '[0-9]*$' || true)
  [[ -n "$t" ]] || t=$(json_duration "$work/bw/4M.json")
  awk -v ms="$t" 'BEGIN { s = ms / 1000; d = s / 4 - 1; if (d < 0) d = -d;
    printf "16 MiB at 4M: %.2f s; target 4 s ± 10%%: %s (off by %.1f%%)\n", s,
      d <= 0.10 ? "met" : "missed", d * 100 }'
}

start_s3proxy() {
  local port=${S3PROXY_PORT:-18089}
  s3proxy_pid=$(BENCH_ACCESS_KEY=bench-access BENCH_SECRET_KEY=bench-secret \
    "$repo/bench/s3/s3proxy.sh" "$work/s3proxy" "$port")
  endpoint=http://127.0.0.1:$port
}

# rclone reads its remote from the environment; the AWS SDK inside it refuses AWS_CA_BUNDLE over
# plain http, so that variable is dropped for both clients.
rclone_s3() {
  env -u AWS_CA_BUNDLE RCLONE_CONFIG_S3P_TYPE=s3 RCLONE_CONFIG_S3P_PROVIDER=Other \
    RCLONE_CONFIG_S3P_ENDPOINT="$endpoint" RCLONE_CONFIG_S3P_ACCESS_KEY_ID=bench-access \
    RCLONE_CONFIG_S3P_SECRET_ACCESS_KEY=bench-secret RCLONE_CONFIG_S3P_FORCE_PATH_STYLE=true \
    RCLONE_CONFIG_S3P_REGION=us-east-1 rclone --config /dev/null "$@"
}
cloudsync_s3() {
  AWS_ACCESS_KEY_ID=bench-access AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1 \
    sync_run "$@"
}

bench_transfers() {
  echo "== --transfers against S3Proxy (separate JVM, on-disk store), beside rclone sync"
  command -v rclone >/dev/null || { echo "skipped: rclone missing (apt-get install -y rclone)"; return; }
  start_s3proxy
  gen --files 500 --folders 10 --min 16K --max 16K --seed 5 "$work/data/small"
  gen --files 0 --large 8 --large-size 32M --seed 6 "$work/data/large"
  printf '%-6s %9s %14s %12s %8s\n' set transfers "cloudsync MB/s" "rclone MB/s" ratio
  local set t bytes start end cs rc ws
  for set in small large; do
    bytes=$(bytes_of "$work/data/$set")
    for t in 1 4 8 16; do
      rclone_s3 mkdir "s3p:rc-$set-$t"
      start=$(now_ns)
      rclone_s3 sync "$work/data/$set" "s3p:rc-$set-$t" --transfers "$t"
      end=$(now_ns)
      rc=$(awk -v b="$bytes" -v ns=$((end - start)) 'BEGIN { printf "%.1f", b / (ns / 1e9) / 1e6 }')
      ws=$work/ws-$set-$t
      cp -r "$work/data/$set" "$ws"
      rclone_s3 mkdir "s3p:cs-$set-$t"
      start=$(now_ns)
      cloudsync_s3 "$ws" "s3://cs-$set-$t?endpoint=$endpoint&region=us-east-1" --transfers "$t" \
        >"$work/cs-$set-$t.log" 2>&1 ||
        { echo "cloudsync sync failed:"; tail -20 "$work/cs-$set-$t.log"; return 1; }
      end=$(now_ns)
      cs=$(awk -v b="$bytes" -v ns=$((end - start)) 'BEGIN { printf "%.1f", b / (ns / 1e9) / 1e6 }')
      rm -rf "$ws"
      printf '%-6s %9d %14s %12s %8s\n' "$set" "$t" "$cs" "$rc" \
        "$(awk -v c="$cs" -v r="$rc" 'BEGIN { printf "%.2f", c / r }')"
    done
  done
  echo "(wall time of each process, JVM start included; $(bytes_of "$work/data/small") B small," \
    "$(bytes_of "$work/data/large") B large)"
}

bench_rss() {
  local n=${RSS_FILES:-100000}
  echo "== peak RSS of a no-op sync of $n files, workspace -> local remote"
  [[ -x /usr/bin/time ]] || { echo "skipped: GNU time missing (apt-get install -y time)"; return; }
  local ws=$work/rss/ws remote=$work/rss/remote run
  mkdir -p "$remote"
  gen --files "$n" --folders 1000 --min 16 --max 1K --seed 7 "$ws"
  for run in first no-op; do
    local start end
    start=$(now_ns)
    sync_cmd "$ws" "local:$remote"
    # the launcher execs java, so GNU time measures the JVM itself
    /usr/bin/time -v -o "$work/rss/$run.time" "${cmd[@]}" >"$work/rss/$run.json" \
      2>"$work/rss/$run.err" || { echo "$run sync failed:"; tail -20 "$work/rss/$run.err"; return 1; }
    end=$(now_ns)
    printf '%-6s sync: %8s s, durationMs %s, peak RSS %s\n' "$run" "$(secs $((end - start)))" \
      "$(json_duration "$work/rss/$run.json")" \
      "$(awk -F': ' '/Maximum resident/ { printf "%.0f MB", $2 / 1024 }' "$work/rss/$run.time")"
  done
}

for part in "${parts[@]}"; do
  case $part in
    bwlimit) bench_bwlimit ;;
    transfers) bench_transfers ;;
    rss) bench_rss ;;
    *) echo "unknown part: $part (bwlimit, transfers, rss)" >&2; exit 2 ;;
  esac
done
