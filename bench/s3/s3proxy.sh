#!/usr/bin/env bash
# Starts S3Proxy 4.1.0 in its own JVM, objects in files under $1, on 127.0.0.1:$2, with the
# benchmark credentials. Prints the server's PID. The jar comes from the local Maven repository
# (fetched once with the Maven wrapper if missing).
set -euo pipefail
base=${1:?data folder}
port=${2:?port}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=$HOME/.m2/repository/org/gaul/s3proxy/4.1.0/s3proxy-4.1.0-jar-with-dependencies.jar
if [[ ! -f $jar ]]; then
  (cd "$root" && ./mvnw -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
    -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies -Dtransitive=false)
fi
mkdir -p "$base/blobs"
cat > "$base/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=${BENCH_ACCESS_KEY:-cloudsync-test-access}
s3proxy.credential=${BENCH_SECRET_KEY:-cloudsync-test-secret-0123456789}
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem
jclouds.filesystem.basedir=$base/blobs
PROPS
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
"$java" -Xmx${S3PROXY_HEAP:-1g} -jar "$jar" --properties "$base/s3proxy.properties" \
  > "$base/s3proxy.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "$pid"
    exit 0
  fi
  sleep 0.2
done
echo "S3Proxy did not start; see $base/s3proxy.log" >&2
kill "$pid" 2>/dev/null || true
exit 1
