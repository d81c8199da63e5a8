#!/bin/sh
# Long fuzz runs of every parser a client or an upstream reaches (goal: 10 million executions each,
# no crash, no refusal in a library's words). The targets are the gateway's test classes
# lv.sargs.gateway.http.HttpFuzzTargets$* and lv.sargs.gateway.fuzz.FuzzTargets$*; the normal test
# run replays their kept corpus (FuzzRegressionTest). Needs Jazzer's standalone launcher
# (com.code-intelligence:jazzer release from Maven Central / GitHub) as $JAZZER.
#
#   ./mvnw -B -ntp -pl gateway -am test-compile -DskipTests
#   JAZZER=/opt/jazzer/jazzer bench/fuzz.sh [runs-per-target] [target ...]
#
# Findings land in bench/target/fuzz/<target>/; copy each into
# gateway/src/test/resources/fuzz/<target>/ (named finding-…) and fix the parser.
set -eu
cd "$(dirname "$0")/.."
: "${JAZZER:?set JAZZER to the jazzer launcher}"
RUNS=${1:-10000000}
[ $# -gt 0 ] && shift
TARGETS=${*:-"http.HttpFuzzTargets\$Target http.HttpFuzzTargets\$StrictJsonBody fuzz.FuzzTargets\$Identifiers
  fuzz.FuzzTargets\$Pain001 fuzz.FuzzTargets\$Pain002 fuzz.FuzzTargets\$Camt053 fuzz.FuzzTargets\$StatisticsReport
  fuzz.FuzzTargets\$Config"}
./mvnw -B -ntp -q -pl gateway dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz.cp
CP="gateway/target/test-classes:gateway/target/classes:$(cat gateway/target/fuzz.cp)"
for t in $TARGETS; do
  name=${t#*\$}
  corpus=bench/target/fuzz/$name/corpus
  mkdir -p "$corpus" "bench/target/fuzz/$name/findings"
  cp gateway/src/test/resources/fuzz/"$name"/* "$corpus"/ 2>/dev/null || true
  echo "== $name: $RUNS runs"
  "$JAZZER" --cp="$CP" --target_class="lv.sargs.gateway.$t" \
    --jvm_args="-Xmx1g" -runs="$RUNS" -max_len=65536 -timeout=10 \
    -artifact_prefix="bench/target/fuzz/$name/findings/" "$corpus" \
    2>&1 | tail -n 5
done
