#!/usr/bin/env bash
# Start-up wall and CPU time of a start-one-request-exit process, without the agent and with each agent jar given,
# alternating (none A B none A B ...). For before/after comparisons of the agent's start path, e.g.
#   benchmarks/e2e/startup-compare.sh /path/to/old/httpsignals-agent.jar agent/target/httpsignals-agent.jar
# Env: RUNS (default 10), KIND (default jdk-sync), AGENT_ARGS (default listeners=log;log.file=/dev/null), JAVA.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-10}
KIND=${KIND:-jdk-sync}
AGENT_ARGS=${AGENT_ARGS:-listeners=log;log.file=/dev/null}
JAVA=${JAVA:-java}
CP=benchmarks/target/benchmarks.jar

$JAVA -cp $CP io.httpsignals.benchmarks.e2e.E2eServer > /tmp/httpsignals-startup-server.$$ &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 50); do grep -q PORT /tmp/httpsignals-startup-server.$$ 2>/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$(awk '/PORT/{print $2}' /tmp/httpsignals-startup-server.$$)/hello"
rm -f /tmp/httpsignals-startup-server.$$

configs=(none "$@")
for _ in $(seq "$RUNS"); do
  for c in "${configs[@]}"; do
    agent=()
    [ "$c" != none ] && agent=("-javaagent:$c=$AGENT_ARGS")
    start=$(date +%s%N)
    /usr/bin/time -o /tmp/httpsignals-startup-time.$$ -f "%U %S" \
      $JAVA ${agent[@]+"${agent[@]}"} -cp $CP io.httpsignals.benchmarks.e2e.E2eClient once "$KIND" "$url" >/dev/null 2>&1
    cpu=$(cat /tmp/httpsignals-startup-time.$$)
    end=$(date +%s%N)
    echo "$c $(( (end - start) / 1000000 )) $cpu"
  done
done | awk '
  { wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " int(($3 + $4) * 1000); n[$1]++; order[$1] = NR }
  function median(s,   a, k, i, j, t) { k = split(s, a, " ");
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
  END { printf "%-60s %8s %8s   %s\n", "configuration", "wall ms", "CPU ms", "(medians; all wall runs)";
        for (c in wall) printf "%-60s %8s %8s   %s\n", c, median(wall[c]), median(cpu[c]), wall[c] }'
