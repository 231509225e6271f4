#!/usr/bin/env bash
# End-to-end overhead of the agent: a server JVM on 127.0.0.1, a client JVM per client kind and configuration
# (no agent / an empty -javaagent / agent, no listener / agent + summary / agent + log to a file), alternating;
# writes the Markdown table into docs/benchmarks.md. See docs/benchmarks.md for what each number means.
#
#   benchmarks/e2e/run.sh                      quick mode: 2 rounds of 1.5 s warm-up + 2 s per configuration
#   benchmarks/e2e/run.sh --mode=full          5 rounds of 8 s + 8 s, 10 start-up runs
#   benchmarks/e2e/run.sh --kinds=jdk-sync,apache5 --java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
#   options: --rounds= --warmup-ms= --measure-ms= --startup-runs= --threads= --configs=none,empty,agent,summary,log
#            --own-bytes=false (skip the exact count of httpsignals' own objects per request)
#            --out=FILE (default docs/benchmarks.md; --out= prints only) --no-build (use the jars already built)
set -euo pipefail
cd "$(dirname "$0")/../.."

build=1
args=()
out="--out=docs/benchmarks.md"
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    --out=) out="" ;;
    --out=*) out="$a" ;;
    *) args+=("$a") ;;
  esac
done

if [ "$build" = 1 ]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
exec java -cp benchmarks/target/benchmarks.jar io.httpsignals.benchmarks.e2e.E2eRunner \
  --agent=agent/target/httpsignals-agent.jar ${out:+"$out"} ${args[@]+"${args[@]}"}
