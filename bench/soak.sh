#!/bin/sh
# A soak of a running gateway (the demo, or an appliance under test): every kind of request mixed
# at about half the maximum cached and miss load, for SOAK_SECONDS (30 minutes by default), while
# the gateway's heap, RSS and native memory are sampled every SAMPLE seconds. Pass: zero errors
# (every non-200 is counted by LoadClient, except the deliberately malformed stream, which must
# all be 400), heap and RSS flat after warm-up.
#
#   java -XX:NativeMemoryTracking=summary ... (start the gateway with NMT for the native breakdown)
#   BASE=https://127.0.0.1:8443 PKI=demo-run/pki PID=<gateway pid> bench/soak.sh
#   SOAK_SECONDS=120 ... bench/soak.sh      # the short version
#
# Output: bench/target/soak/<time>/ with one LoadClient report per stream and samples.tsv
# (seconds, RSS kB, heap used kB, NMT committed kB: total, Java heap, class, thread, code, GC,
# internal/other, NIO direct).
set -eu
cd "$(dirname "$0")/.."
: "${BASE:?set BASE, e.g. https://127.0.0.1:8443}" "${PKI:?set PKI to the demo's pki directory}" "${PID:?set PID to the gateway's pid}"
SECONDS_TOTAL=${SOAK_SECONDS:-1800}
SAMPLE=${SAMPLE:-30}
OUT=bench/target/soak/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
CP="bench/target/classes:bench/target/lib/*"
run() { # name connections path [header]
  java -Xmx256m -cp "$CP" lv.sargs.bench.load.LoadClient --url "$BASE$3" --ca "$PKI/ca.pem" \
    --cert "$PKI/core-banking.pem" --key "$PKI/core-banking-key.pem" ${4:+--header "$4"} \
    --connections "$2" --seconds "$SECONDS_TOTAL" --warmup 30 --pid "$PID" > "$OUT/$1.txt" 2>&1 &
}
# Half load: cached lookups dominate, misses (fresh=true makes every one a register call in the
# sandbox), persons, whoami, and malformed requests that must stay cheap 400s.
run cached-company 32 "/v1/companies/40003677732" "Sargs-Purpose=kyc"
run miss-company 4 "/v1/companies/40003677732?fresh=true" "Sargs-Purpose=kyc"
run person 4 "/v1/persons/161175-19997" "Sargs-Purpose=kyc"
run whoami 2 "/v1/whoami"
run malformed-path 1 "/v1/companies/%zz" "Sargs-Purpose=kyc"
run bad-identifier 1 "/v1/companies/123" "Sargs-Purpose=kyc"
printf 'seconds\trss_kb\theap_used_kb\tnmt_committed_kb\tjava_heap\tclass\tthread\tcode\tgc\tother\tnio_direct\n' > "$OUT/samples.tsv"
elapsed=0
while [ "$elapsed" -le "$SECONDS_TOTAL" ]; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
  heap=$(jcmd "$PID" GC.heap_info 2>/dev/null | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {gsub("K","",$(i+1)); print $(i+1); exit}}')
  nmt=$(jcmd "$PID" VM.native_memory summary 2>/dev/null | awk '
    /^Total:/ {for (i=1;i<=NF;i++) if ($i ~ /^committed=/) {t=$i}}
    /- +Java Heap/ {h=$0} /- +Class/ {c=$0} /- +Thread/ {th=$0} /- +Code/ {co=$0} /- +GC/ {g=$0}
    /- +Internal/ {o=$0} /- +Other/ {d=$0}
    function kb(s) { if (match(s, /committed=[0-9]+KB/)) return substr(s, RSTART+10, RLENGTH-12); return "-" }
    END {print kb(t) "\t" kb(h) "\t" kb(c) "\t" kb(th) "\t" kb(co) "\t" kb(g) "\t" kb(o) "\t" kb(d)}')
  printf '%s\t%s\t%s\t%s\n' "$elapsed" "$rss" "${heap:--}" "${nmt:--}" >> "$OUT/samples.tsv"
  sleep "$SAMPLE"
  elapsed=$((elapsed + SAMPLE))
done
wait
echo "reports and samples in $OUT"; tail -n +1 "$OUT"/*.txt | grep -E '==>|requests/s|non-200|errors' || true
column -t "$OUT/samples.tsv" | sed -n '1p;$p'
