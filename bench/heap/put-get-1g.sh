#!/usr/bin/env bash
# Proves that put and get stream: a 1 GiB round trip through the real distribution with the heap
# capped at 256 MB. Prints the peak heap in use (from the GC log) and the peak RSS of each run.
# Usage: bench/heap/put-get-1g.sh [SIZE_MIB]   (default 1024)
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mib=${1:-1024}

./cloudsync --version >/dev/null   # builds the distribution when needed, finds a Java 21+
bin=$PWD/cli/target/cloudsync/bin/cloudsync
jdk=""
for dir in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
  if [[ -n "$dir" && -f "$dir/release" ]] &&
    (( $(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dir/release") >= 21 )); then
    jdk=$dir
    break
  fi
done
export JAVA_HOME=$jdk

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[[ -n "${KEEP_LOGS:-}" ]] && trap 'echo "logs in $work"' EXIT
mkdir -p "$work/remote"
echo "writing a ${size_mib} MiB random file..."
head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$work/big.bin"

run() { # name, args...
  local name=$1
  shift
  local started=$SECONDS
  CLOUDSYNC_JAVA_OPTS="-Xmx256m -XX:+UseSerialGC" "$bin" "$@" --remote "local:$work/remote" >/dev/null &
  local pid=$! hwm=0 line
  # The launcher execs java, so $! is the JVM: sample its heap (jcmd GC.heap_info, the sum of the
  # generations' "used") and its peak RSS (VmHWM) until it exits.
  : >"$work/heap-$name"
  while kill -0 "$pid" 2>/dev/null; do
    line=$(grep VmHWM "/proc/$pid/status" 2>/dev/null | awk '{print $2}' || true)
    [[ -n "$line" ]] && hwm=$line
    "$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info 2>/dev/null |
      grep -o 'used [0-9]*K' | awk '{s += $2} END {if (NR) print s}' >>"$work/heap-$name" || true
    sleep 0.2
  done
  wait "$pid"
  local heap
  heap=$(sort -n "$work/heap-$name" | tail -1 | awk '{printf "%.0f", $1 / 1024}')
  printf '%-4s %6s MiB in %4d s   peak heap in use %4s MB (of -Xmx256m)   peak RSS %4d MB\n' \
    "$name" "$size_mib" "$((SECONDS - started))" "$heap" "$((hwm / 1024))"
}

run put put "$work/big.bin" big.bin
run get get big.bin "$work/back.bin"
if cmp -s "$work/big.bin" "$work/back.bin"; then
  echo "round trip: identical bytes"
else
  echo "round trip: CONTENT DIFFERS" >&2
  exit 1
fi
