#!/usr/bin/env bash
# SHA-256 digest throughput without I/O (DigestThroughput: 256 MiB in 256 KiB updates, 5 passes),
# native (libcrypto) beside the JDK's, with default JIT flags and with C1 only
# (-XX:TieredStopAtLevel=1), on one core. Usage: bench/hash/digest.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cpu="${BENCH_CPU:-0}"

if [[ -z "${JAVA_HOME:-}" ]] && [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
javac="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c "$cpu"); fi

if [[ ! -f "$repo/core/target/classes/io/cloudsync/core/ContentHasher.class" ]]; then
  (cd "$repo" && ./mvnw -q -o -pl core compile)
fi
out="$here/target"
mkdir -p "$out"
"$javac" -d "$out" -cp "$repo/core/target/classes" "$here/DigestThroughput.java"

for jit in "" "-XX:TieredStopAtLevel=1"; do
  echo "JIT: ${jit:-default}"
  for impl in native jdk; do
    "${pin[@]}" "$java" --enable-native-access=ALL-UNNAMED $jit -Dcloudsync.sha256="$impl" \
      -cp "$out:$repo/core/target/classes" DigestThroughput
  done
done
