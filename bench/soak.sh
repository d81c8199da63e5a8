#!/bin/sh
# A soak of the gateway: every kind of request mixed at about half the maximum cached and miss load,
# for SOAK_SECONDS (30 minutes by default), while the gateway's RSS, heap and native memory (NMT)
# are sampled every SAMPLE seconds. Pass: zero unexpected answers and zero connection errors over
# all streams (each stream names the statuses it expects: 200, 202 for payments and reports, 400
# for the deliberately malformed ones), heap and RSS flat after warm-up.
#
#   bench/soak.sh                                       # starts the demo itself (below), 30 minutes
#   SOAK_SECONDS=600 DEMO_JAVA_OPTS="-Xmx256m" bench/soak.sh       # 10 minutes, the JVM's defaults
#   BASE=https://127.0.0.1:8443 MGMT=http://127.0.0.1:9090 PKI=demo-run/pki PID=<gateway pid> \
#     STAT_REPORT=demo-run/lb/k01-sample.txt bench/soak.sh           # a gateway already running
#
# Without PID it starts the demo (sandbox/target; build first with
# `./mvnw -B -ntp -q -pl bench,sandbox -am package -DskipTests`) with DEMO_JAVA_OPTS (by default the
# flags scripts/demo runs with) plus -XX:NativeMemoryTracking=summary and the environment in
# DEMO_ENV (by default MALLOC_ARENA_MAX=2, as the launchers set), as root in a private network
# namespace, so its fixed ports 8443/9090 meet no other demo on a shared machine; it stops it at
# the end and counts the WARN/ERROR lines it logged.
#
# Rates (requests/s over each stream's connections) default to about half of what one demo JVM
# reached on a 2-core machine shared with other builds (cached lookups ~600/s, misses ~200/s, at
# load average ~24): CACHED_RATE (company and person hits), MISS_RATE (Cache-Control: no-cache, a
# register call each); the small streams have fixed rates below. MAX=1 instead measures the
# maximum cached and miss rates (20 s each, as fast as answers come) and stops.
#
# Output: bench/target/soak/<time>/ with one LoadClient report per stream (and its progress on
# stderr every minute), samples.tsv (seconds, RSS kB, heap used kB, old gen used kB, NMT committed
# kB: total, malloc, Java heap, class+metaspace, thread, code, GC, compiler, internal, other (NIO
# direct), symbol), NMT summaries and pmap -x at the start, after warm-up and at the end, and an
# NMT diff against the warm-up baseline.
#
# Last results (bench/RESULTS.md, "Soak", 2026-12-02, load average 25-58 on 2 shared cores, so the
# 300 cached + 100 miss req/s targets became ~170 + ~60): two 30-minute runs side by side, no
# connection error from the gateway; the unexpected answers were 502/504 of the in-JVM simulators
# missing upstream deadlines on a starved machine (unsolved), and the script's own mistakes (the
# 99-version limit of one report period, parallel reports, a 1 MiB answer bound), now fixed. JVM defaults at -Xmx256m: RSS 218 -> 500 MiB (G1 commits all
# of -Xmx plus 56 MiB of its own; 15 malloc arenas at 95 MiB). The shipped settings (serial GC,
# MALLOC_ARENA_MAX=2, TrimNativeHeapInterval): 178 -> 355 MiB, RSS beyond the heap flat at
# ~170-190 MiB; the heap is not yet flat (old generation grows towards -Xmx; live heap +14 MiB of
# Xerces DOM in 27 minutes, holder not yet found).
set -euf   # no globbing: the streams are passed as unquoted words (URLs hold ?)
cd "$(dirname "$0")/.."
SECONDS_TOTAL=${SOAK_SECONDS:-1800}
SAMPLE=${SAMPLE:-30}
WARMUP=${WARMUP:-120}
CACHED_RATE=${CACHED_RATE:-300}
MISS_RATE=${MISS_RATE:-100}
COMPANY=${COMPANY:-40003677732}
IBAN=${IBAN:-LV34TREL2200000000001}
OUT=${OUT:-bench/target/soak/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
CP="bench/target/classes:bench/target/lib/*"
IN=""   # the command prefix that enters the demo's network namespace, when we started it

if [ -z "${PID:-}" ]; then
  [ "$(id -u)" = 0 ] || { echo "soak: without PID it starts the demo in a network namespace, which needs root" >&2; exit 1; }
  DEMO_JAVA_OPTS=${DEMO_JAVA_OPTS--Xms32m -Xmx256m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=30000 -XX:MaxDirectMemorySize=128m -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m -Xss512k}
  DEMO_ENV=${DEMO_ENV-MALLOC_ARENA_MAX=2}
  echo "soak: demo with env [$DEMO_ENV] java [$DEMO_JAVA_OPTS -XX:NativeMemoryTracking=summary]" | tee "$OUT/setup.txt"
  # setsid does not fork here (no job control: the child is no group leader) and unshare -n and
  # sh's exec replace themselves, so $! is the JVM's pid.
  # shellcheck disable=SC2086
  setsid unshare -n sh -c "ip link set lo up && exec env $DEMO_ENV java $DEMO_JAVA_OPTS -XX:NativeMemoryTracking=summary \
    -cp 'sandbox/target/classes:sandbox/target/lib/*' lv.sargs.sandbox.demo.Demo --dir '$OUT/demo'" \
    >"$OUT/demo.log" 2>&1 </dev/null &
  PID=$!
  trap 'kill -TERM "$PID" 2>/dev/null || true' EXIT
  IN="nsenter -t $PID -n"
  for _ in $(seq 180); do
    [ -d "/proc/$PID" ] || { tail -n 30 "$OUT/demo.log"; exit 1; }
    grep -q 'demo ready' "$OUT/demo.log" && $IN curl -sf -m 2 -o /dev/null http://127.0.0.1:9090/readyz && break
    sleep 1
  done
  BASE=https://127.0.0.1:8443 MGMT=http://127.0.0.1:9090 PKI=$OUT/demo/pki
  STAT_REPORT=$OUT/demo/lb/k01-sample.txt
  PERSON=${PERSON:-$(sed -n 's|.*/v1/persons/\([0-9][0-9-]*\).*|\1|p' "$OUT/demo.log" | head -n 1)}
fi
: "${BASE:?set BASE}" "${MGMT:?set MGMT}" "${PKI:?set PKI}" "${STAT_REPORT:?set STAT_REPORT}" "${PERSON:?set PERSON}"
[ "$(cat "/proc/$PID/comm")" = java ] || { echo "soak: pid $PID is $(cat "/proc/$PID/comm"), not java" >&2; exit 1; }

# The bodies: a valid payment (each request gets its own Idempotency-Key), one with an amount
# outside the documented grammar (400), and the demo's statistics sample.
cat >"$OUT/payment.json" <<EOF
{"debtor":{"name":"Valsts iestade A","iban":"$IBAN"},"transfers":[{"amount":"12.34","creditor":{"name":"SIA Piegadatajs","iban":"LV44HABA0551000000001"},"creditorBic":"HABALV22"}]}
EOF
sed 's/"12.34"/"1e2"/' "$OUT/payment.json" >"$OUT/payment-bad.json"

# All streams run in one LoadClient JVM (options joined by --and): a dozen client JVMs starting at
# once on a shared 2-core machine took minutes to get going and starved the gateway they measured.
STREAMS=""
stream() { # name connections rate expect url [LoadClient options...]
  name=$1 conns=$2 rate=$3 expect=$4 url=$5; shift 5
  STREAMS="$STREAMS${STREAMS:+ --and }--name $name --url $url --ca $PKI/ca.pem --cert $PKI/core-banking.pem"
  STREAMS="$STREAMS --key $PKI/core-banking-key.pem --connections $conns --rate $rate --expect $expect"
  STREAMS="$STREAMS --seconds $SECONDS_TOTAL --warmup 0 --progress 60 --pid $PID --threads 2 $(echo "$@" | sed 's/ --and$//')"
}

if [ "${MAX:-0}" = 1 ]; then
  uptime | tee "$OUT/max.txt"
  for h in "" "--header Cache-Control=no-cache"; do
    # shellcheck disable=SC2086
    $IN java -Xmx256m -cp "$CP" lv.sargs.bench.load.LoadClient --url "$BASE/v1/companies/$COMPANY" \
      --ca "$PKI/ca.pem" --cert "$PKI/core-banking.pem" --key "$PKI/core-banking-key.pem" \
      --header Sargs-Purpose=kyc $h --connections 32 --seconds 20 --warmup 5 --pid "$PID" | tee -a "$OUT/max.txt"
  done
  uptime | tee -a "$OUT/max.txt"
  exit 0
fi

h=$((CACHED_RATE * 2 / 3)) m=$((MISS_RATE * 2 / 3))
stream cached-company 16 "$h" 200 "$BASE/v1/companies/$COMPANY" --header Sargs-Purpose=kyc
stream cached-person 8 $((CACHED_RATE - h)) 200 "$BASE/v1/persons/$PERSON" --header Sargs-Purpose=kyc
stream miss-company 16 "$m" 200 "$BASE/v1/companies/$COMPANY" --header Sargs-Purpose=kyc --header Cache-Control=no-cache
stream miss-person 8 $((MISS_RATE - m)) 200 "$BASE/v1/persons/$PERSON" --header Sargs-Purpose=aml --header Cache-Control=no-cache
stream whoami 2 20 200 "$BASE/v1/whoami"
stream status 1 2 200 "$MGMT/v1/status"
# Today's report lists every payment of the day: past ~3,000 it outgrows LoadClient's 1 MiB default.
stream account-report 2 5 200 "$BASE/v1/treasury/accounts/$IBAN/report" --max-response 67108864
stream payment 2 2 202 "$BASE/v1/treasury/payments" --method POST --body-file "$OUT/payment.json" \
  --header Content-Type=application/json --unique-header Idempotency-Key
# Reports one at a time, as a core system sends them: a client gets 429 past
# listeners.client.deadlines.maxUploadsPerClient and 503 past one report waiting, as documented.
# One prefix and period takes at most 99 submissions (the file names' set version vNN; the 100th
# is a 400 that says so), so the rate keeps any soak under 90 of them.
stream statistics-report 1 "$(awk -v s="$SECONDS_TOTAL" 'BEGIN {r = 90 / s; printf "%.4f", r > 0.2 ? 0.2 : r}')" 202 \
  "$BASE/v1/statistics/reports?prefix=K01&periodEnd=2026-10-31" --method POST --body-file "$STAT_REPORT" \
  --header Content-Type=text/plain
stream malformed-escape 1 5 400 "$BASE/" --path /v1/companies/%zz --header Sargs-Purpose=kyc
stream bad-identifier 1 5 400 "$BASE/v1/companies/123" --header Sargs-Purpose=kyc
stream bad-amount 1 2 400 "$BASE/v1/treasury/payments" --method POST --body-file "$OUT/payment-bad.json" \
  --header Content-Type=application/json --unique-header Idempotency-Key
uptime >"$OUT/uptime.txt"
# shellcheck disable=SC2086
$IN java -Xmx256m -cp "$CP" lv.sargs.bench.load.LoadClient $STREAMS >"$OUT/load.txt" 2>"$OUT/load.err" &
CLIENTS=$!

nmt() { jcmd "$PID" VM.native_memory "$@" 2>/dev/null; }
printf 'seconds\trss_kb\theap_used_kb\told_used_kb\tnmt_total\tmalloc\tjava_heap\tclass\tthread\tcode\tgc\tcompiler\tinternal\tother\tsymbol\n' >"$OUT/samples.tsv"
snapshot() { # label
  nmt summary >"$OUT/nmt-$1.txt"; pmap -x "$PID" >"$OUT/pmap-$1.txt" 2>/dev/null || true
}
live() { # label: the live heap, by a class histogram (a full GC), the way to tell a leak from a lazy collector
  jcmd "$PID" GC.class_histogram >"$OUT/histogram-$1.txt" 2>/dev/null || true
  awk '/^Total/ {printf "%s live heap after a full GC: %d kB in %d objects\n", l, $3/1024, $2}' l="$1" \
    "$OUT/histogram-$1.txt" | tee -a "$OUT/live.txt"
}
snapshot start
started=$(date +%s) elapsed=0
while [ "$elapsed" -le "$SECONDS_TOTAL" ]; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
  # G1 prints one "heap total ..., used ..." line, the serial collector one per generation: sum them.
  heap=$(jcmd "$PID" GC.heap_info 2>/dev/null | awk '/(heap|generation) +total/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); gsub(/[K,]/,"",v); u+=v}} END {if (u) print u}')
  old=$(jstat -gc "$PID" 2>/dev/null | awk 'NR==1 {for (i=1;i<=NF;i++) if ($i=="OU") c=i} NR==2 && c {printf "%.0f", $c}')
  cats=$(nmt summary | awk '
    function kb(s) { if (match(s, /committed=[0-9]+KB/)) return substr(s, RSTART+10, RLENGTH-12) + 0; return 0 }
    /^Total:/ {t=kb($0)} /^ +malloc: [0-9]+KB/ && !m {m=$2; sub(/KB/,"",m)}
    /^- +Java Heap/ {h=kb($0)} /^- +(Class|Metaspace) \(/ {c+=kb($0)} /^- +Thread \(/ {th=kb($0)}
    /^- +Code \(/ {co=kb($0)} /^- +GC \(/ {g=kb($0)} /^- +Compiler \(/ {cm=kb($0)}
    /^- +Internal \(/ {i=kb($0)} /^- +Other \(/ {o=kb($0)} /^- +Symbol \(/ {s=kb($0)}
    END {printf "%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d", t, m, h, c, th, co, g, cm, i, o, s}')
  printf '%s\t%s\t%s\t%s\t%s\n' "$elapsed" "$rss" "${heap:--}" "${old:--}" "${cats:--}" >>"$OUT/samples.tsv"
  if [ "$elapsed" -ge "$WARMUP" ] && [ ! -f "$OUT/nmt-warm.txt" ]; then
    live warm; snapshot warm; nmt baseline >/dev/null
  fi
  sleep "$SAMPLE"
  elapsed=$(($(date +%s) - started))
done
sleep 5; live end; snapshot end; nmt summary.diff >"$OUT/nmt-diff.txt"
for p in $CLIENTS; do wait "$p" || true; done
uptime >>"$OUT/uptime.txt"
if [ -n "$IN" ]; then
  kill -TERM "$PID"; for _ in $(seq 30); do [ -d "/proc/$PID" ] || break; sleep 1; done
  echo "demo log: $(grep -c ' WARN ' "$OUT/demo.log" || true) WARN, $(grep -c ' ERROR ' "$OUT/demo.log" || true) ERROR lines" \
    | tee "$OUT/demo-log-summary.txt"
fi
echo "reports and samples in $OUT (load: $(tr '\n' ' ' <"$OUT/uptime.txt"))"
grep ': statuses' "$OUT/load.txt" || true
cat "$OUT/live.txt" 2>/dev/null || true
awk -F'\t' 'NR==2 {print "start RSS " $2 " kB, heap " $3 " kB"} NR>2 && $2>p {p=$2} END {print "end RSS " $2 " kB (peak " p "), heap " $3 " kB, old " $4 " kB"}' "$OUT/samples.tsv"
