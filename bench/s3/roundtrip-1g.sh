#!/usr/bin/env bash
# The 1 GiB multipart round trip with the client's heap bounded to 256 MiB: S3Proxy runs in its own
# JVM (objects on disk), the client is adapter-s3's LargeRoundTripBenchmark (profile bench-1g).
# Prints one ROUNDTRIP line with the times and the peak heap.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
work=$(mktemp -d /tmp/cloudsync-bench-1g.XXXXXX)
port=${PORT:-$(( 20000 + RANDOM % 20000 ))}
pid=$("$here/s3proxy.sh" "$work" "$port")
cleanup() { kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cd "$root"
./mvnw -o -B -q -pl adapter-s3 -am verify -Pbench-1g -Dspotless.check.skip=true \
  -Dtest=LargeRoundTripBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dcloudsync.bench.endpoint="http://127.0.0.1:$port" \
  | grep -E '^ROUNDTRIP|Tests run|FAIL' || true
