#!/usr/bin/env bash
# One gigabyte written to Azurite as staged blocks and read back as a stream, in a JVM limited to
# -Xmx192m; prints sizes, times and the peak heap. Needs Java 21+ and Node.js with npm.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -o -B -q -pl adapter-azure -am verify -Proundtrip-1g \
  -Dtest=AzureGigabyteRoundTripTest -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true
cat adapter-azure/target/roundtrip-1g.txt
