#!/usr/bin/env bash
# The sync benchmark's data set against S3Proxy (its own JVM, objects on disk):
# 2,000 small files (1-64 KiB) and 20 large files of 32 MiB (and 10,000 small files, to show the
# cost per PUT once the JVM is warm), first sync of each set with
# `cloudsync sync` and with `rclone sync`, the same --transfers, into separate buckets; the large
# set twice, with each tool's defaults and with the same request shapes.
# Prints the times and the ratio cloudsync/rclone (below 1.00 means cloudsync was faster).
# Usage: [REPEAT=3] bench/s3/run.sh [TRANSFERS]   (default 8). Needs rclone (apt-get install rclone).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
transfers=${1:-8}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export BENCH_ACCESS_KEY=bench-access BENCH_SECRET_KEY=bench-secret-0123456789abcdef
command -v rclone >/dev/null || { echo "rclone is not installed (apt-get install rclone)" >&2; exit 1; }

"$root/cloudsync" --version >/dev/null # builds the distribution when needed

work=$(mktemp -d /tmp/cloudsync-bench-s3.XXXXXX)
port=${PORT:-$(( 20000 + RANDOM % 20000 ))}
pid=$("$here/s3proxy.sh" "$work/server" "$port")
cleanup() { kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
endpoint=http://127.0.0.1:$port

echo "generating 2,000 and 10,000 small files and 20 x 32 MiB..."
mkdir -p "$work/small" "$work/large" "$work/many"
for i in $(seq 0 9999); do
  d=$work/many/dir-$((i % 40))
  mkdir -p "$d"
  head -c $(( (i * 7919 % 65536) + 1024 )) /dev/urandom > "$d/file-$i.dat"
done
# The 2,000-file set is the first 2,000 of the 10,000.
for i in $(seq 0 1999); do
  mkdir -p "$work/small/dir-$((i % 40))"
  cp "$work/many/dir-$((i % 40))/file-$i.dat" "$work/small/dir-$((i % 40))/"
done
for i in $(seq 0 19); do
  head -c $((32 * 1024 * 1024)) /dev/urandom > "$work/large/big-$i.bin"
done

# rclone, configured entirely by environment (no config file); a CA bundle meant for HTTPS
# clients makes it refuse plain HTTP, so the AWS_ variables are left out.
rcl() {
  env -u AWS_CA_BUNDLE RCLONE_CONFIG=/dev/null \
    RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other \
    RCLONE_CONFIG_BENCH_ENDPOINT="$endpoint" RCLONE_CONFIG_BENCH_REGION=us-east-1 \
    RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=$BENCH_ACCESS_KEY \
    RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=$BENCH_SECRET_KEY \
    RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true rclone "$@"
}

cs() { # workspace, remote URI, args...
  local ws=$1 uri=$2
  shift 2
  (cd "$ws" && AWS_ACCESS_KEY_ID=$BENCH_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$BENCH_SECRET_KEY \
    XDG_DATA_HOME="$work/xdg" "$root/cloudsync" "$@" --remote "$uri")
}

have_sync=true
if ! "$root/cloudsync" --help 2>/dev/null | grep -qE '^ +sync( |$)'; then
  have_sync=false
  echo "note: this build has no 'cloudsync sync' command; timing rclone only"
fi

seconds() { # command...: prints the wall time in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; return 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

# S3Proxy's own JIT warm-up would otherwise be paid by whichever client comes first: warm it with
# an untimed upload of the small set.
rcl mkdir bench:warm-up >/dev/null
rcl copy --transfers "$transfers" "$work/small" bench:warm-up >/dev/null 2>&1

# rclone drops from the page cache the pages of every file it has read (fadvise DONTNEED), so the
# tool timed after it would read its source from disk: before each timed run the set is flushed
# and read back into the cache, and the tools take turns at going first.
warm() { # folder
  sync
  find "$1" -type f -exec cat {} + >/dev/null
}

# Rows: the small set; the large set with each tool's defaults (cloudsync sends a 32 MiB file as a
# multipart upload, its threshold being 16 MiB; rclone's cutoff is 200 MiB, so it sends one PUT);
# the large set with the same request shapes (rclone told to use cloudsync's threshold and part
# size: multipart above 16 MiB, 8 MiB parts); and 10,000 small files, where the cost per PUT
# weighs more than the JVM's start and warm-up, which cloudsync pays once per run.
# Each row is timed REPEAT times (3 by default), into new buckets each time, the tools' order
# turning; the ratio is that of the medians.
REPEAT=${REPEAT:-3}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
shown() { # times...: each with two decimals, or - when there are none
  if [ $# -eq 0 ]; then echo -; else printf '%.2f ' "$@" | sed 's/ $//'; fi
}
# One timed run of each tool, of row $row's set $set, round $n, into the buckets of that round.
time_rclone() {
  warm "$work/$set"
  rc_times+=("$(seconds rcl sync --transfers "$transfers" --checkers "$transfers" \
    "${rclone_args[@]}" --exclude '.cloudsync/**' "$work/$set" "bench:rclone-$row-$n")")
}
time_cloudsync() {
  warm "$work/$set"
  cs_times+=("$(seconds cs "$work/$set" "$uri" sync --transfers "$transfers")")
}
printf '%-12s %-26s %-26s %8s\n' set "cloudsync (s)" "rclone (s)" ratio
for row in small large large-same many; do
  set=${row%-same}
  rclone_args=()
  [[ $row == large-same ]] && rclone_args=(--s3-upload-cutoff 16M --s3-chunk-size 8M)
  cs_times=()
  rc_times=()
  for n in $(seq 1 "$REPEAT"); do
    rm -rf "$work/$set/.cloudsync" # the journal of an earlier run is not part of the data set
    rcl mkdir "bench:rclone-$row-$n" >/dev/null
    uri="s3://cloudsync-$row-$n?endpoint=$endpoint&region=us-east-1"
    $have_sync && cs "$work/$set" "$uri" mkbucket >/dev/null
    turn=$((${turn:-0} + 1))
    if ! $have_sync; then
      time_rclone
    elif ((turn % 2)); then
      time_rclone
      time_cloudsync
    else
      time_cloudsync
      time_rclone
    fi
    if $have_sync; then
      n_cs=$(rcl lsf -R --files-only "bench:cloudsync-$row-$n" | wc -l)
      n_rc=$(rcl lsf -R --files-only "bench:rclone-$row-$n" | wc -l)
      [[ $n_cs == "$n_rc" ]] || echo "warning: cloudsync stored $n_cs objects, rclone $n_rc" >&2
    fi
  done
  r=$(printf '%s\n' "${rc_times[@]}" | median)
  c=-
  ratio=-
  if $have_sync; then
    c=$(printf '%s\n' "${cs_times[@]}" | median)
    ratio=$(printf '%.2f' "$(echo "scale=4; $c / $r" | bc)")
  fi
  printf '%-12s %-26s %-26s %8s\n' "$row" "$(shown "${cs_times[@]}")" "$(shown "${rc_times[@]}")" "$ratio"
done
echo "ratio: median cloudsync / median rclone (below 1.00 means cloudsync was faster)"
