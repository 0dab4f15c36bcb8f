#!/usr/bin/env bash
# Streaming SHA-256 throughput on one core: ContentHasher.sha256().hash(Path) beside
# `openssl dgst -sha256`, over the same 1 GiB file read from the page cache, best of 5 after
# warm-up. Then the digest alone, without I/O (DigestThroughput: 256 MiB in 256 KiB updates, 5
# passes), libcrypto beside the JDK's, with default JIT flags and with C1 only
# (-XX:TieredStopAtLevel=1).
# Usage: bench/hash/run.sh [FILE]  (default: a 1 GiB random file in $TMPDIR, made once)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
file="${1:-${TMPDIR:-/tmp}/cloudsync-hash-bench-1GiB.bin}"
runs=5
cpu="${BENCH_CPU:-0}"

if [[ -z "${JAVA_HOME:-}" ]] && [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
javac="${JAVA_HOME:+$JAVA_HOME/bin/}javac"

pin=()
if command -v taskset >/dev/null; then pin=(taskset -c "$cpu"); fi

if [[ ! -f "$repo/core/target/classes/io/cloudsync/core/ContentHasher.class" ]]; then
  (cd "$repo" && ./mvnw -q -o -pl core package -DskipTests)
fi
out="$here/target"
mkdir -p "$out"
"$javac" -d "$out" -cp "$repo/core/target/classes" "$here/HashBench.java" \
  "$here/DigestThroughput.java"

if [[ ! -f "$file" ]] || [[ "$(stat -c %s "$file")" -ne 1073741824 ]]; then
  echo "making $file (1 GiB of random bytes)" >&2
  head -c 1073741824 /dev/urandom >"$file"
fi
size="$(stat -c %s "$file")"
cat "$file" >/dev/null # into the page cache, so both sides read memory, not disk

# openssl: one warm-up, then the best of $runs.
"${pin[@]}" openssl dgst -sha256 "$file" >/dev/null
best_ns=""
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  ossl_hex="$("${pin[@]}" openssl dgst -sha256 -r "$file" | cut -d' ' -f1)"
  ns=$(($(date +%s%N) - start))
  if [[ -z "$best_ns" || "$ns" -lt "$best_ns" ]]; then best_ns=$ns; fi
done
ossl_mbs=$(awk -v s="$size" -v ns="$best_ns" 'BEGIN { printf "%.1f", s / (ns / 1e9) / 1e6 }')

# Native access as bin/cloudsync grants it, so SHA-256 comes from libcrypto where cloudsync's would;
# BENCH_JAVA_OPTS=-Dcloudsync.sha256=jdk measures the JDK's instead.
# shellcheck disable=SC2086
read -r _ java_hex java_mbs java_impl < <("${pin[@]}" "$java" --enable-native-access=ALL-UNNAMED \
  ${BENCH_JAVA_OPTS:-} -cp "$out:$repo/core/target/classes" HashBench "$file" 3 "$runs")

if [[ "$java_hex" != "$ossl_hex" ]]; then
  echo "digests differ: java $java_hex, openssl $ossl_hex" >&2
  exit 1
fi
echo "file:    $file ($size bytes), pinned to CPU ${pin:+$cpu}"
echo "sha256:  $java_hex"
printf 'openssl: %8.1f MB/s (best of %d)\n' "$ossl_mbs" "$runs"
printf 'java:    %8.1f MB/s (best of %d, after 3 warm-up runs; SHA-256: %s)\n' "$java_mbs" "$runs" "$java_impl"
awk -v j="$java_mbs" -v o="$ossl_mbs" 'BEGIN { printf "ratio:   %.2f (java / openssl)\n", j / o }'

echo
for jit in "" "-XX:TieredStopAtLevel=1"; do
  echo "digest without I/O, JIT: ${jit:-default}"
  for impl in native jdk; do
    # shellcheck disable=SC2086
    "${pin[@]}" "$java" --enable-native-access=ALL-UNNAMED $jit -Dcloudsync.sha256="$impl" \
      -cp "$out:$repo/core/target/classes" DigestThroughput
  done
done
