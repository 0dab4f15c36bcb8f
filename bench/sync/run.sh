#!/usr/bin/env bash
# Sync benchmark: cloudsync beside rclone sync and rclone bisync, same data, same run.
#
#   bench/sync/run.sh [OUT_DIR]        (REPEAT first-sync rounds, 3 by default)
#
# Data: 10,000 files of 1-64 KiB in 100 folders plus 20 files of 32 MiB (SMALL/FOLDERS/LARGE/
# LARGE_MIB override), workspace -> a local remote. Three steps per tool: first sync, no-op re-sync,
# re-sync after changing 1% of the files. Prints wall time and peak RSS (GNU time -v) and ratios.
# Needs rclone (apt-get install -y rclone) and GNU time (apt-get install -y time).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$ROOT/bench/out/sync}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SMALL=${SMALL:-10000}
FOLDERS=${FOLDERS:-100}
LARGE=${LARGE:-20}
LARGE_MIB=${LARGE_MIB:-32}
TRANSFERS=${TRANSFERS:-8}

command -v rclone >/dev/null || { echo "rclone missing: apt-get install -y rclone" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time missing: apt-get install -y time" >&2; exit 2; }

# ext4 without a journal, when it allocates an inode, steps over every inode freed in the last
# minute, or the last six while the inode table's block is not yet written back (fs/ext4/ialloc.c,
# recently_deleted()), one inode-table lookup each: the first tool timed would pay for the previous
# run's deletions. The deletion is flushed, and its minute is let pass before the first
# measurement (the data generation takes half of it). A block a tool has just written to is
# unwritten again, so some of it remains for the first rounds of each tool alike; measurements
# meant to be exact are best made in new folders with nothing deleted for six minutes. A VM that
# hands freed memory back to its host (virtio-balloon free page reporting) makes every page used
# again cost a fault on the host: after tens of GB were deleted (their cached pages freed), a tool
# that needs fresh pages for its copies pays for it. rclone recycles the pages of what it reads
# (fadvise DONTNEED as it reads), and so does cloudsync (every 4 MiB of an upload).
deleted_at=
if [ -e "$OUT" ]; then
  rm -rf "$OUT"
  sync
  deleted_at=$(date +%s)
fi
mkdir -p "$OUT"

# The cloudsync command: $CLOUDSYNC if set, else the checkout's launcher, which builds the
# distribution when needed and runs it as users do (bin/cloudsync's JVM options, the AOT cache).
if [ -z "${CLOUDSYNC:-}" ]; then
  "$ROOT/cloudsync" --version >/dev/null
  CLOUDSYNC="$ROOT/cloudsync"
fi

echo "generating $SMALL small files in $FOLDERS folders + $LARGE x $LARGE_MIB MiB ..."
python3 "$ROOT/bench/sync/gen_tree.py" "$OUT/src" "$SMALL" "$FOLDERS" "$LARGE" "$LARGE_MIB"
cp -a "$OUT/src" "$OUT/ws-cloudsync"
cp -a "$OUT/src" "$OUT/ws-cloudsync-flushed"
cp -a "$OUT/src" "$OUT/ws-bisync"
mkdir -p "$OUT/remote-bisync"
export RCLONE_CONFIG="$OUT/rclone.conf"
: > "$RCLONE_CONFIG"
export XDG_CACHE_HOME="$OUT/cache"

if [ -n "$deleted_at" ]; then
  left=$((deleted_at + 65 - $(date +%s)))
  if [ "$left" -gt 0 ]; then
    echo "waiting ${left} s for the inodes freed by the previous run to age ..."
    sleep "$left"
  fi
fi

RESULTS="$OUT/results.tsv"
: > "$RESULTS"

measure() { # name step command...
  local name=$1 step=$2
  shift 2
  case $name in
    cloudsync) sync_caches "$OUT/ws-cloudsync" ;;
    cloudsync+flush) sync_caches "$OUT/ws-cloudsync-flushed" ;;
    rclone-bisync) sync_caches "$OUT/ws-bisync" ;;
    *) sync_caches "$OUT/src" ;;
  esac
  /usr/bin/time -v -o "$OUT/time.txt" bash -c "$*" >"$OUT/$name-$step.log" 2>&1 || {
    echo "$name $step failed:" >&2
    tail -20 "$OUT/$name-$step.log" >&2
    exit 1
  }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$OUT/time.txt" |
    awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time.txt")
  printf '%s\t%s\t%s\t%s\n' "$name" "$step" "$wall" "$((rss / 1024))" | tee -a "$RESULTS"
}

# Before each measurement: everything written so far is flushed and, where this user may (root),
# the page cache is dropped, then the tree the tool reads next is read back into it and each tool
# runs once on a one-file folder, which reads its own program files back in. Every measurement then
# starts from the same memory: its source in the cache, programs warm as they are for a user who
# runs them daily, and no pages of earlier runs to evict. (The memory left in the cache matters on
# this VM: with the two other 1 GB trees cached as well, cloudsync's first sync took 6.0-6.8 s
# instead of 4.2-4.6 s and rclone's 3.9-4.6 s instead of 3.4-3.9 s, in alternated runs.)
sync_caches() {
  sync
  if [ -w /proc/sys/vm/drop_caches ] && echo 1 >/proc/sys/vm/drop_caches 2>/dev/null; then
    find "$1" -type f -exec cat {} + >/dev/null
    rm -rf "$OUT/warm/cs" "$OUT/warm/rc" "$OUT/warm/src/.cloudsync"
    # The one-file folder (until 2026-11 it was never made, so both warm-up runs failed at once
    # and cloudsync read most of its AOT cache and jars from disk during the measurement).
    mkdir -p "$OUT/warm/cs" "$OUT/warm/src"
    echo warm >"$OUT/warm/src/warm.txt"
    $CLOUDSYNC sync "$OUT/warm/src" --remote "local:$OUT/warm/cs" --quiet >/dev/null 2>&1 || true
    rclone sync "$OUT/warm/src" "$OUT/warm/rc" >/dev/null 2>&1 || true
    rm -rf "$OUT/warm/src/.cloudsync"
    sync
  fi
}

# The first sync is timed REPEAT times (default 3), each time into fresh remotes and with cloudsync's
# journal removed, the tools' order turning each round; the ratios use the medians. The no-op and 1%
# steps then run once, against the last round's remotes.
REPEAT=${REPEAT:-3}
cs() { $CLOUDSYNC sync "$OUT/ws-cloudsync" --remote "local:$OUT/remote-cloudsync-$R" --transfers "$TRANSFERS" --quiet; }
rs() { rclone sync "$OUT/src" "$OUT/remote-rclone-$R" --transfers "$TRANSFERS"; }
# Both tools return with their writes in the page cache (cloudsync journals them as unconfirmed
# under this boot and the mounts written to, and confirms them after a flush at its next run; on a
# kernel before 6.8 it flushes before it returns). Each followed by sync(1) compares the two once
# the data is on disk.
csf() { $CLOUDSYNC sync "$OUT/ws-cloudsync-flushed" --remote "local:$OUT/remote-cloudsync-flushed-$R" --transfers "$TRANSFERS" --quiet && sync; }
rsf() { rclone sync "$OUT/src" "$OUT/remote-rclone-flushed-$R" --transfers "$TRANSFERS" && sync; }
bi() { rclone bisync "$OUT/ws-bisync" "$OUT/remote-bisync" --transfers "$TRANSFERS" "$@"; }

export -f cs csf rs rsf bi
export OUT CLOUDSYNC TRANSFERS RCLONE_CONFIG XDG_CACHE_HOME
printf 'tool\tstep\twall_s\tpeak_rss_mib\n'
for R in $(seq 1 "$REPEAT"); do
  export R
  rm -rf "$OUT/ws-cloudsync/.cloudsync" "$OUT/ws-cloudsync-flushed/.cloudsync"
  mkdir -p "$OUT/remote-cloudsync-$R" "$OUT/remote-rclone-$R" \
    "$OUT/remote-cloudsync-flushed-$R" "$OUT/remote-rclone-flushed-$R"
  case $((R % 3)) in
    1) order="cs rs csf rsf" ;;
    2) order="rs csf rsf cs" ;;
    0) order="csf rsf cs rs" ;;
  esac
  for tool in $order; do
    case $tool in
      cs) measure cloudsync first cs ;;
      rs) measure rclone-sync first rs ;;
      csf) measure cloudsync+flush first csf ;;
      rsf) measure rclone-sync+flush first rsf ;;
    esac
  done
done
measure cloudsync noop cs
measure rclone-sync noop rs
measure rclone-bisync first bi --resync
measure rclone-bisync noop bi

echo "changing 1% of the files ..."
python3 "$ROOT/bench/sync/gen_tree.py" --change "$OUT/ws-cloudsync" 1 1 >/dev/null
python3 "$ROOT/bench/sync/gen_tree.py" --change "$OUT/src" 1 1 >/dev/null
python3 "$ROOT/bench/sync/gen_tree.py" --change "$OUT/ws-bisync" 1 1 >/dev/null
measure cloudsync change1pct cs
measure rclone-sync change1pct rs
measure rclone-bisync change1pct bi

echo
echo "ratios (cloudsync / rclone; < 1 means cloudsync is faster):"
awk -F'\t' '
  function median(key,   n, i, j, t, v) {
    n = count[key]
    for (i = 1; i <= n; i++) v[i] = walls[key, i]
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  { k = $1 "/" $2; walls[k, ++count[k]] = $3; rss[k] = rss[k] > $4 ? rss[k] : $4 }
  END {
    n = split("first noop change1pct", steps, " ")
    for (i = 1; i <= n; i++) {
      s = steps[i]
      printf "  %-10s vs rclone sync: %.2f   vs rclone bisync: %.2f   peak RSS cloudsync %d MiB\n",
        s, median("cloudsync/" s) / median("rclone-sync/" s), median("cloudsync/" s) / median("rclone-bisync/" s), rss["cloudsync/" s]
    }
    printf "  %-10s each followed by sync(1), with the data on disk: %.2f\n",
      "first", median("cloudsync+flush/first") / median("rclone-sync+flush/first")
    printf "  first sync, medians of %d rounds: cloudsync %.2f s, rclone sync %.2f s; each + sync(1): %.2f s, %.2f s\n",
      count["cloudsync/first"], median("cloudsync/first"), median("rclone-sync/first"),
      median("cloudsync+flush/first"), median("rclone-sync+flush/first")
  }' "$RESULTS"
diff -r --exclude=.cloudsync "$OUT/ws-cloudsync" "$OUT/src" >/dev/null && echo "workspace matches the rclone source tree"
