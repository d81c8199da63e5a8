#!/bin/sh
# Long, coverage-guided fuzz runs of every parser a client or an upstream reaches (the issue's goal:
# 10 million executions per parser, no crash, hang or OOM, no refusal in a library's words).
#
# The targets are the gateway's test classes lv.sargs.gateway.http.HttpFuzzTargets$* and
# lv.sargs.gateway.fuzz.FuzzTargets$* (one fuzzerTestOneInput(byte[]) each; FuzzContract says what
# a finding is). The normal test run replays their kept corpus (FuzzRegressionTest); this script is
# the long run. It needs only JDK 17: Maven (the wrapper) builds the test classpath in the reactor
# and copies Jazzer (com.code-intelligence:jazzer and jazzer-api 0.24.0) from Maven Central into
# bench/target/fuzz/lib; Jazzer's own Java driver (com.code_intelligence.jazzer.Jazzer) then runs
# each target in one JVM under libFuzzer, one target at a time, at low priority (nice).
#
#   bench/fuzz.sh                          # every target, 10 million executions each
#   FUZZ_RUNS=0 FUZZ_TIME=300 bench/fuzz.sh Pain001 Camt053    # five minutes each, no run bound
#   FUZZ_OFFLINE=1 bench/fuzz.sh ...       # Maven offline (Jazzer already in the local repository)
#   FUZZ_NO_BUILD=1 bench/fuzz.sh ...      # fuzz the classes the last run copied (no Maven at all)
#   FUZZ_UNTIL=18:05 bench/fuzz.sh ...     # no run goes past 18:05 UTC today; later targets are skipped
#
# Per target, under bench/target/fuzz/<Target>/: corpus/ (the kept corpus, then everything the run
# grew), findings/ (crash-…, timeout-…, oom-… inputs and Jazzer's Java reproducers), log. One line
# per target (executions, exec/s, corpus size, findings, load average) goes to
# bench/target/fuzz/summary.tsv (slow-unit-… files are inputs libFuzzer found slow, kept for a look;
# they are not findings). Each new crash, timeout or oom input is also copied into
# gateway/src/test/resources/fuzz/<Target>/finding-new-<libFuzzer's name>, so FuzzRegressionTest
# replays (and fails on) it until the parser is fixed; rename it to say what it found. The run goes
# on past findings (up to FUZZ_KEEP_GOING distinct ones per target) so one finding does not end a
# long run.
#
# Only one fuzzer runs at a time, whoever starts it: a second invocation waits for the first
# (a lock on bench/target/fuzz/lock). The JVM runs at nice 19 so builds and tests keep the cores.
#
# At the exec/s of a shared two-core machine (bench/RESULTS.md) 10 million executions take hours per
# target: run it on an idle machine, e.g. overnight, or several targets on several cores by starting
# the script once per core with different target lists.
set -eu
cd "$(dirname "$0")/.."
RUNS=${FUZZ_RUNS:-10000000}
[ "$RUNS" = 0 ] && RUNS=-1   # libFuzzer's "no bound" (its -runs=0 runs nothing)
TIMEOUT=${FUZZ_TIMEOUT:-30}   # seconds one input may take: a hang; generous for a loaded machine
TIME=${FUZZ_TIME:-0}
KEEP_GOING=${FUZZ_KEEP_GOING:-20}
JAZZER_VERSION=${JAZZER_VERSION:-0.24.0}
OFFLINE=${FUZZ_OFFLINE:+-o}
# The end of the whole run as today's UTC HH:MM (empty: none); each target's time is cut to it.
UNTIL=${FUZZ_UNTIL:-}
deadline=0
[ -z "$UNTIL" ] || deadline=$(date -u -d "$UNTIL" +%s)
# Each target as <class under lv.sargs.gateway>$<Target>; <Target> names its corpus directory.
ALL="http.HttpFuzzTargets\$Target http.HttpFuzzTargets\$StrictJsonBody fuzz.FuzzTargets\$Identifiers
  treasury.TreasuryFuzzTargets\$PaymentJson fuzz.FuzzTargets\$Pain001 fuzz.FuzzTargets\$Pain002
  fuzz.FuzzTargets\$Camt052 fuzz.FuzzTargets\$Camt053 fuzz.FuzzTargets\$Camt054
  fuzz.FuzzTargets\$StatisticsReport fuzz.FuzzTargets\$LbReply fuzz.FuzzTargets\$Config
  lookup.viss.VissFuzzTargets\$VissAnswer lookup.fpr.FprFuzzTargets\$FprAnswer
  lookup.vid.VidFuzzTargets\$VidAnswer upstream.oauth.OAuthFuzzTargets\$TokenAnswer"
out=bench/target/fuzz
lib=$out/lib
mkdir -p "$lib"
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
# The gateway's test classes and their classpath, built in the reactor (nothing is installed).
./mvnw -B -ntp -q $OFFLINE -pl gateway -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz.cp
for a in jazzer jazzer-api; do
  [ -f "$lib/$a-$JAZZER_VERSION.jar" ] || ./mvnw -B -ntp -q $OFFLINE -N dependency:copy \
    -Dartifact="com.code-intelligence:$a:$JAZZER_VERSION" -DoutputDirectory="$lib"
done
# A copy of the classes (built while another run may still hold the lock below; it fuzzes its own
# copy), so a build during a long run does not change what is being fuzzed.
rm -rf "$out/classes.$$" && mkdir -p "$out/classes.$$"
cp -r gateway/target/classes "$out/classes.$$/main" && cp -r gateway/target/test-classes "$out/classes.$$/test"
cp gateway/target/fuzz.cp "$out/classes.$$/fuzz.cp"
rm -rf "$out/classes" && mv "$out/classes.$$" "$out/classes"
fi
[ -f "$out/classes/fuzz.cp" ] || { echo "FUZZ_NO_BUILD: no classes copied by an earlier run in $out/classes" >&2; exit 2; }

# One fuzzer at a time on this machine: a later run waits here until the earlier one ends.
exec 9>"$out/lock"
echo "waiting for any other fuzz run to end (lock $out/lock)"
flock 9
rm -rf "$out/run-classes" && cp -r "$out/classes" "$out/run-classes"
CP="$lib/jazzer-$JAZZER_VERSION.jar:$lib/jazzer-api-$JAZZER_VERSION.jar"
CP="$CP:$out/run-classes/test:$out/run-classes/main:$(cat "$out/run-classes/fuzz.cp")"

selected=""
if [ $# -gt 0 ]; then
  for want in "$@"; do
    for t in $ALL; do [ "${t#*\$}" = "$want" ] && selected="$selected $t"; done
  done
  [ -n "$selected" ] || { echo "no target named $*; targets: $(echo "$ALL" | sed 's/[A-Za-z]*\$//g')" >&2; exit 2; }
else
  selected=$ALL
fi

[ -f "$out/summary.tsv" ] || printf 'when\ttarget\texecutions\texec_per_s\tseconds\tcorpus\tfindings\tload_1_5_15\n' > "$out/summary.tsv"
for t in $selected; do
  name=${t#*\$}
  class=lv.sargs.gateway.$t
  dir=$out/$name
  mkdir -p "$dir/corpus" "$dir/findings"
  cp gateway/src/test/resources/fuzz/"$name"/* "$dir/corpus"/ 2>/dev/null || true
  time_cap=$TIME
  if [ "$deadline" -gt 0 ]; then
    left=$(( deadline - $(date +%s) ))
    if [ "$left" -lt 60 ]; then echo "== $name: skipped, $UNTIL is less than a minute away"; continue; fi
    if [ "$time_cap" = 0 ] || [ "$time_cap" -gt "$left" ]; then time_cap=$left; fi
  fi
  echo "== $name: runs $RUNS, seconds $time_cap (0: unbounded)"
  start=$(date +%s)
  # Only Sargs's classes are instrumented (coverage and comparison hooks): loading stays quick and
  # the libraries are reached through them. The contract checker is left out so the fuzzer does not
  # learn its forbidden words from its comparisons.
  # A backstop for the time cap (libFuzzer checks its own only between inputs): SIGINT, so the
  # final statistics are still printed.
  stop=""
  [ "$time_cap" = 0 ] || stop="timeout -s INT -k 30 $((time_cap + 60))"
  $stop nice -n 19 java -Xmx1g -Xss4m -XX:+UseSerialGC -cp "$CP" com.code_intelligence.jazzer.Jazzer \
    --target_class="$class" \
    --instrumentation_includes='lv.sargs.**' \
    --instrumentation_excludes='lv.sargs.gateway.http.FuzzContract' \
    --custom_hook_includes='lv.sargs.**' --custom_hook_excludes='lv.sargs.gateway.http.FuzzContract' \
    --keep_going="$KEEP_GOING" --reproducer_path="$dir/findings" \
    -artifact_prefix="$dir/findings/" -runs="$RUNS" -max_total_time="$time_cap" \
    -max_len=65536 -timeout="$TIMEOUT" -rss_limit_mb=4096 -print_final_stats=1 \
    "$dir/corpus" > "$dir/log" 2>&1 || true
  secs=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -n 1)
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$dir/log" | tail -n 1)
  findings=0
  for f in $(find "$dir/findings" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \)); do
    findings=$((findings + 1))
    keep=gateway/src/test/resources/fuzz/$name/finding-new-$(basename "$f")
    [ -f "$keep" ] || { cp "$f" "$keep"; echo "kept $keep"; }
  done
  corpus=$(find "$dir/corpus" -type f | wc -l)
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$name" "${execs:-?}" "${rate:-?}" "$secs" \
    "$corpus" "$findings" "$load" >> "$out/summary.tsv"
  grep -E '^== Java Exception|^(==[0-9]+== )?ERROR: libFuzzer|^DEDUP_TOKEN' "$dir/log" | sort | uniq -c | head -n 20 || true
  tail -n 1 "$out/summary.tsv"
done
