#!/usr/bin/env bash
# Starts Industriedialog on this machine with nothing but a JDK (17 or newer):
# Kafka, a MongoDB-compatible store and a mail catcher in one JVM, the five services as
# separate JVMs. Builds first when a jar is missing or older than its sources.
# Details: deploy/local-stack (LocalStack.java).
set -euo pipefail

cd "$(dirname "$0")"

SERVICES=(initiative-registry event-service evaluation-service newsletter-service gateway)
LAUNCHER_JAR=deploy/local-stack/target/local-stack.jar

usage() {
	cat <<'EOF'
Usage: ./run.sh [options]

Starts Industriedialog locally (no Docker needed, only a JDK 17+): Kafka, a MongoDB-compatible
store and a mail catcher in one JVM, the five services as separate JVMs. Builds what is missing
or out of date first (./mvnw -DskipTests install).

Options:
  --reset             delete the data directory first (start from empty data)
  --data-dir=DIR      keep data and logs in DIR (default: ./var)
  --port-offset=N     add N to every port (8080 -> 8080+N, 9092 -> 9092+N, ...)
  --no-services       start only Kafka, MongoDB and the mail catcher
  --timeout=SECONDS   how long to wait for the services to become healthy (default 180)
  --replicas=N        run N instances of every service (1 to 3; replica n on the port
                      + 100 * (n - 1)); the gateways balance over the instances
  --fault-proxies     put TCP proxies in front of the store, Kafka and SMTP that can be
                      made to fail: curl -X POST 'http://127.0.0.1:8090/faults/kafka?seconds=45'
                      (store, kafka or smtp; &mode=slow hangs instead of refusing)
  --no-demo-data      do not load the demo data (the model-region events of 2017 with
                      participants and questionnaires) on the first start
  --help              show this text

Environment:
  SERVICE_JAVA_OPTS       JVM options for each service (default: frugal, serial GC, 256 MB heap)
  LOCAL_STACK_JAVA_OPTS   JVM options for the launcher JVM (Kafka, store, mail catcher)
  JAVA_HOME               the JDK to use (default: java on the PATH)
  DEMO_DATA               "false" is the same as --no-demo-data

When it is up: gateway http://localhost:8080, mails http://localhost:8025, logs in var/logs/.
On the first start of a data directory the demo data are loaded in the background after
"ready" (through the gateway, like real use); a line says when they are complete.
Ctrl+C stops everything.
EOF
}

for arg in "$@"; do
	if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then
		usage
		exit 0
	fi
done

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
	JAVA="$JAVA_HOME/bin/java"
else
	JAVA=java
fi

if ! command -v "$JAVA" >/dev/null 2>&1; then
	echo "No Java found. Install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk) or set JAVA_HOME." >&2
	exit 1
fi
version_line=$("$JAVA" -version 2>&1 | head -n 1)
version=$(sed -E 's/.*version "([^"]+)".*/\1/' <<<"$version_line")
major=${version%%.*}
if [[ "$major" == "1" ]]; then
	major=$(cut -d. -f2 <<<"$version")
fi
if ! [[ "$major" =~ ^[0-9]+$ ]] || ((major < 17)); then
	echo "Java 17 or newer is needed; found: $version_line ($JAVA)." >&2
	echo "Install a JDK 17+ or point JAVA_HOME to one." >&2
	exit 1
fi

# Build when a jar is missing or any source or pom is newer than the oldest jar.
needs_build=""
oldest=""
jars=()
for service in "${SERVICES[@]}"; do
	jars+=("$service/target/$service.jar")
done
jars+=("$LAUNCHER_JAR")
for jar in "${jars[@]}"; do
	if [[ ! -f "$jar" ]]; then
		needs_build="$jar is missing"
		break
	fi
	if [[ -z "$oldest" || "$jar" -ot "$oldest" ]]; then
		oldest="$jar"
	fi
done
if [[ -z "$needs_build" ]]; then
	newer=$(find . \( -path ./.git -o -path ./var -o -path ./deploy/system-tests -o -name target -o -name node_modules \) -prune \
		-o \( -name pom.xml -o -path '*/src/*' \) -type f -newer "$oldest" -print 2>/dev/null | head -n 1)
	if [[ -n "$newer" ]]; then
		needs_build="$newer is newer than $oldest"
	fi
fi
if [[ -n "$needs_build" ]]; then
	echo "building … ($needs_build; ./mvnw -q -DskipTests install, takes a few minutes the first time)"
	if ! ./mvnw -q -DskipTests -Dspring-javaformat.skip=true install; then
		echo "The build failed; see the messages above. Fix it, or build by hand: ./mvnw -DskipTests package" >&2
		exit 1
	fi
	for jar in "${jars[@]}"; do
		if [[ ! -f "$jar" ]]; then
			echo "The build did not produce $jar." >&2
			exit 1
		fi
	done
	# Maven leaves a jar alone when its contents did not change (e.g. only a test changed):
	# mark all as built now so that the next start does not build again.
	touch "${jars[@]}"
fi

# shellcheck disable=SC2086 # word splitting of the options is intended
exec "$JAVA" ${LOCAL_STACK_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx512m -XX:+ExitOnOutOfMemoryError} \
	-jar "$LAUNCHER_JAR" "$@"
