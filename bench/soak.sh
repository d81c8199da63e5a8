#!/bin/sh
# A soak of the gateway: every kind of request mixed at half the maximum cached and miss load
# measured in the same sitting, for SOAK_SECONDS (30 minutes by default), while the gateway's RSS,
# heap, live heap (a class histogram, which is a full GC) and native memory (NMT) are sampled every
# SAMPLE seconds. Pass: zero unexpected answers and zero connection errors over all streams (each
# stream names the statuses it expects: 200, 202 for payments and statistical reports, 400 for the
# deliberately malformed ones), live heap and RSS flat after warm-up.
#
#   bench/soak.sh                                 # starts the simulators and the gateway itself, 30 minutes
#   SOAK_SECONDS=600 bench/soak.sh                # 10 minutes
#   CACHED_RATE=300 MISS_RATE=100 bench/soak.sh   # fixed rates instead of half the measured maximum
#   MAX=1 bench/soak.sh                           # only measure the maximum cached and miss rates
#   BASE=https://127.0.0.1:8443 MGMT=http://127.0.0.1:9090 PKI=demo-run/pki PID=<gateway pid> \
#     STAT_REPORT=demo-run/lb/k01-sample.txt PERSON=<personal code> bench/soak.sh   # a gateway already running
#
# Without PID it runs, like scripts/bench-miss, the simulators in a JVM of their own (SandboxMain:
# VISS, the population register, VID, eKase, Latvijas Banka's SFTP exchange) and the gateway alone,
# as the package runs it (lv.sargs.gateway.Main with the launcher's JVM options and
# MALLOC_ARENA_MAX=2, on a SoftHSM2 token, plus -XX:NativeMemoryTracking=summary), every port on
# loopback chosen by the kernel; no root needed. Build first:
# `./mvnw -B -ntp -q -pl bench -am package -DskipTests` (the bench's class path holds both).
#
# Rates: unless CACHED_RATE and MISS_RATE are given, 32 connections first ask as fast as answers
# come for 20 s (after 5 s) for a cached company lookup, then for a miss (Cache-Control: no-cache,
# a register call each), and the soak runs at half of each (two thirds company, one third person
# lookups); the small streams have fixed rates below.
#
# Deadlines: the soak looks for errors and leaks, not latency (the benches measure that), and the
# machine it runs on is shared: a starved 2-core machine at load 20 stretches a TLS handshake or a
# simulator's answer past the shipped 3 s request budget and eKase's 1.5 s. The soak's config
# therefore gives every request 10 s (REQUEST_TIMEOUT), a client handshake 20 s
# (HANDSHAKE_TIMEOUT) and eKase 2 s + 6 s (EKASE_CONNECT_TIMEOUT, EKASE_REQUEST_TIMEOUT); set the
# shipped values to see what a starved machine does to them. Every stream's first WARM seconds
# (default 60: cold JIT, empty cache, first connections) are counted apart as its warm-up.
#
# The account report asks for a one-minute window of today (from/to, the camt.060's FrToTm):
# the sandbox eKase keeps every payment, so the whole day's report grows with the soak.
#
# Output: bench/target/soak/<time>/ with max.txt, one LoadClient report per stream (progress on
# load.err every minute), samples.tsv (seconds, RSS kB, heap used kB, live heap kB after a full GC,
# NMT committed kB: total, malloc, Java heap, class+metaspace, thread, code, GC, compiler,
# internal, other (NIO direct), symbol, load average), class histograms at HISTO_AT seconds
# (default 180 and 900) and at the end, NMT summaries and pmap -x at the start, after warm-up and
# at the end, an NMT diff against the warm-up baseline, and the gateway's and simulators' logs.
set -euf   # no globbing: the streams are passed as unquoted words (URLs hold ?)
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_TOTAL=${SOAK_SECONDS:-1800}
SAMPLE=${SAMPLE:-60}
WARMUP=${WARMUP:-180}
HISTO_AT=${HISTO_AT:-180 900}
COMPANY=${COMPANY:-40003677732}
IBAN=${IBAN:-LV34TREL2200000000001}
SOFTHSM_LIB=${SOFTHSM_LIB:-/usr/lib/softhsm/libsofthsm2.so}
OUT=${OUT:-bench/target/soak/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
CP=${SOAK_CP:-"$ROOT/bench/target/classes:$ROOT/bench/target/lib/*"}   # SOAK_CP: a copy, to rebuild meanwhile
SANDBOX_PID="" STARTED=""

stop_started() {
  for p in $STARTED; do kill -TERM "$p" 2>/dev/null || true; done
  for p in $STARTED; do for _ in $(seq 30); do [ -d "/proc/$p" ] || break; sleep 1; done; done
}

if [ -z "${PID:-}" ]; then
  trap stop_started EXIT
  # 1. The simulators, alone in their JVM.
  mkdir -p "$OUT/sandbox"
  java -Xmx512m -XX:+UseSerialGC -cp "$CP" lv.sargs.sandbox.SandboxMain --out "$OUT/sandbox" \
    >"$OUT/sandbox.out" 2>"$OUT/sandbox.log" </dev/null &
  SANDBOX_PID=$! STARTED=$SANDBOX_PID
  for _ in $(seq 480); do
    grep -q 'BEGIN CERTIFICATE' "$OUT/sandbox.out" 2>/dev/null && break
    kill -0 "$SANDBOX_PID" 2>/dev/null || { cat "$OUT/sandbox.log"; exit 1; }
    sleep 0.5
  done
  S=$OUT/sandbox
  viss_uri=$(awk '/VISS API/ {print $4}' "$OUT/sandbox.out")
  audience=$(grep -o 'aud=[^ ]*' "$OUT/sandbox.out" | head -n 1 | cut -d= -f2-)
  client_id=$(awk '/client id/ {print $3}' "$OUT/sandbox.out")
  fpr_uri=$(awk '/population register/ {print $3}' "$OUT/sandbox.out")
  fpr_permission=$(sed -n 's/.*X-DAGR-Permission: //p' "$OUT/sandbox.out")
  vid_uri=$(awk '/State Revenue Service/ {print $4}' "$OUT/sandbox.out")
  ekase_uri=$(awk '/  eKase / {print $2}' "$OUT/sandbox.out")
  ekase_user=$(awk '/  eKase / {print $4}' "$OUT/sandbox.out")
  lb_port=$(sed -n 's/.*Latvijas Banka SFTP *127.0.0.1:\([0-9]*\).*/\1/p' "$OUT/sandbox.out")
  lb_user=$(awk '/Latvijas Banka SFTP/ {print $6}' "$OUT/sandbox.out")
  for v in viss_uri audience client_id fpr_uri fpr_permission vid_uri ekase_uri ekase_user lb_port lb_user; do
    eval "[ -n \"\$$v\" ]" || { echo "soak: cannot read $v from the sandbox's addresses:" >&2; cat "$OUT/sandbox.out" >&2; exit 1; }
  done

  # 2. A SoftHSM2 token: the client listener's key (EC P-256, a throwaway CA), the registers' client
  #    key (the sandbox's default client: registers, eKase, Latvijas Banka's login and signature),
  #    and the two storage keys (RSA, self-signed: only their signatures are used).
  G=$OUT/gateway PKI=$OUT/gateway/pki
  mkdir -p "$PKI" "$G/tokens" "$G/data" && chmod 700 "$G/data"
  export SOFTHSM2_CONF=$G/softhsm2.conf
  printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$G" >"$SOFTHSM2_CONF"
  softhsm2-util --init-token --free --label sargs --pin 4711-user --so-pin 5678-so >/dev/null
  (umask 077 && echo 4711-user >"$G/pin")
  printf 'name = soak\nlibrary = %s\nslotListIndex = 0\n' "$SOFTHSM_LIB" >"$G/pkcs11.cfg"
  import_key() {  # $1 label, $2 key PEM, $3 certificate chain PEM
    openssl pkcs12 -export -inkey "$2" -in "$3" -name "$1" -passout pass:import -out "$G/$1.p12"
    keytool -importkeystore -noprompt -srckeystore "$G/$1.p12" -srcstoretype PKCS12 -srcstorepass import \
      -destkeystore NONE -deststoretype PKCS11 -deststorepass 4711-user \
      -addprovider SunPKCS11 -providerArg "$G/pkcs11.cfg" >/dev/null 2>&1 \
      || { echo "soak: importing key $1 into SoftHSM2 failed" >&2; exit 1; }
  }
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$PKI/ca.key" -out "$PKI/ca.pem" \
    -subj /CN=soak-ca -days 2 2>/dev/null
  for who in listener core-banking; do
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$PKI/$who-key.pem" -out "$PKI/$who.csr" \
      -subj "/CN=$([ $who = listener ] && echo localhost || echo core-banking)" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=%s\n' \
      "$([ $who = listener ] && echo serverAuth || echo clientAuth)" >"$PKI/$who.ext"
    openssl x509 -req -in "$PKI/$who.csr" -CA "$PKI/ca.pem" -CAkey "$PKI/ca.key" -CAcreateserial -days 1 \
      -extfile "$PKI/$who.ext" -out "$PKI/$who.pem" 2>/dev/null
  done
  cat "$PKI/listener.pem" "$PKI/ca.pem" >"$PKI/listener-chain.pem"
  import_key sargs-listener "$PKI/listener-key.pem" "$PKI/listener-chain.pem"
  import_key registers-client "$S/client-key.pem" "$S/client-chain.pem"
  for k in sargs-storage sargs-treasury-storage; do
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$G/$k.key" -out "$G/$k.pem" -subj "/CN=$k" -days 2 2>/dev/null
    import_key "$k" "$G/$k.key" "$G/$k.pem"
  done
  fingerprint=$(openssl x509 -in "$PKI/core-banking.pem" -noout -fingerprint -sha256 | cut -d= -f2)
  terms='{ttl: 24h, notFoundTtl: 5m, staleIfError: 72h, feeCents: 15}'
  cat >"$G/sargs.yaml" <<EOF
version: 1
listeners:
  client:
    bind: 127.0.0.1:0
    allowList: [127.0.0.1/32]
    tls: {keyLabel: sargs-listener, certificateChain: $PKI/listener-chain.pem, clientCa: $PKI/ca.pem,
          protocols: [TLSv1.3, TLSv1.2], provider: ${PROVIDER:-JDK}}
    limits: {maxHeaderSize: 16KiB, maxBodySize: 10MiB, idleTimeout: 60s, handshakeTimeout: ${HANDSHAKE_TIMEOUT:-20s},
             maxConnectionsPerSource: 256, maxRequestsInFlight: 512, requestTimeout: ${REQUEST_TIMEOUT:-10s}}
    rateLimit: {requestsPerSecond: 1000000, burst: 1000000}
  management:
    bind: 127.0.0.1:0
    allowList: [127.0.0.1/32]
clients:
  - {name: core-banking, certificate: {sha256: "$fingerprint"}, sources: [127.0.0.1/32],
     roles: [lookup, statistics, treasury-manage], purposes: [kyc, aml]}
token:
  pkcs11: {library: $SOFTHSM_LIB, tokenLabel: sargs, pin: {file: $G/pin}, queueCapacity: 64,
           operationDeadline: 5s, probeInterval: 1s}
dataDirectory: $G/data
shutdown:
  grace: 5s
lookups:
  storageKeyLabel: sargs-storage
  cache: {maxEntries: 100000, hotEntries: 10000}
  changeFeedInterval: 5m
  viss:
    baseUri: $viss_uri
    trustedCa: $S/ca.pem
    clientKey: {label: registers-client, certificateChain: $S/client-chain.pem}
    clientId: $client_id
    clientSecret: {file: $S/client-secret.txt}
    audience: $audience
    assertionLifetime: 300s
  fpr:
    baseUri: $fpr_uri
    trustedCa: $S/ca.pem
    clientKey: {label: registers-client, certificateChain: $S/client-chain.pem}
    clientId: $client_id
    clientSecret: {file: $S/client-secret.txt}
    permission: "$fpr_permission"
  vid:
    baseUri: $vid_uri
    trustedCa: $S/ca.pem
    clientKey: {label: registers-client, certificateChain: $S/client-chain.pem}
  registers:
    viss.legal-entity: $terms
    viss.beneficial-owners: $terms
    viss.insolvency-proceedings: $terms
    viss.natural-person: $terms
    fpr.person: $terms
    vid.taxpayer: $terms
treasury:
  storageKeyLabel: sargs-treasury-storage
  ekase:
    baseUri: $ekase_uri
    trustedCa: $S/ca.pem
    clientKey: {label: registers-client, certificateChain: $S/client-chain.pem}
    user: $ekase_user
    password: {file: $S/ekase-password.txt}
    mode: MANAGE
    connectTimeout: ${EKASE_CONNECT_TIMEOUT:-2s}
    requestTimeout: ${EKASE_REQUEST_TIMEOUT:-6s}
  roles: {view: [treasury-view], manage: [treasury-manage]}
statistics:
  orgCode: ABC
  encoding: WINDOWS_1257
  maxFileBytes: 95000000B
  maxLineChars: 4096
  maxReportSize: 400MiB
  signingKeyLabel: registers-client
  recipients: [$S/lb-statistics.pem]
  signWait: 30s
  deliveryInterval: 5s
  pollInterval: 5s
  sftp:
    host: 127.0.0.1
    port: $lb_port
    user: $lb_user
    hostKey: "$(cat "$S/lb-host-key.pub")"
    userKeyLabel: registers-client
    outDir: STAT/OUT
    inDir: STAT/IN
    timeout: 30s
EOF

  # 3. The gateway alone, with the package launcher's JVM options (as scripts/bench-miss reads them).
  opts=$(sed -n '/^exec /,/-cp/p' "$ROOT/image/src/main/bin/sargs-gateway" | grep -o ' -[-X][^ ]*' | grep -v '^ -cp' \
    | grep -v add-exports | tr -d '\\' | tr '\n' ' ')
  echo "soak: gateway with MALLOC_ARENA_MAX=2 java $opts -XX:NativeMemoryTracking=summary; simulators in their own JVM" \
    | tee "$OUT/setup.txt"
  # shellcheck disable=SC2086
  (cd "$G" && exec env MALLOC_ARENA_MAX=2 java --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED \
    $opts -XX:NativeMemoryTracking=summary -cp "$CP" lv.sargs.gateway.Main --config "$G/sargs.yaml") \
    >"$OUT/gateway.log" 2>&1 </dev/null &
  PID=$! STARTED="$PID $SANDBOX_PID"
  port() { grep -o "$1 listener /127.0.0.1:[0-9]*" "$OUT/gateway.log" | grep -o '[0-9]*$' | head -n 1 || true; }
  for _ in $(seq 900); do
    [ -n "$(port client)" ] && [ -n "$(port management)" ] \
      && curl -sf -o /dev/null "http://127.0.0.1:$(port management)/readyz" && break
    kill -0 "$PID" 2>/dev/null || { tail -n 30 "$OUT/gateway.log" >&2; exit 1; }
    sleep 0.2
  done
  BASE=https://127.0.0.1:$(port client) MGMT=http://127.0.0.1:$(port management)
  # The demo's statistical report: Latvijas Banka's sample format with the sandbox's org code.
  STAT_REPORT=$OUT/k01-sample.txt
  printf 'ORG_KODS=ABC\nDATUMS=20261031\nIESN_DAT=%s\nPERSONA=Janis Berzins\nTALRUNIS=+37167000000\nEPASTS=statistika@banka.lv\nK01_AKTIVI=1234567.89\nK01_SAISTIBAS=-20.50\n' \
    "$(TZ=Europe/Riga date +%Y%m%d)" >"$STAT_REPORT"
  # The sandbox world's first person (the demo's, same default seed).
  cat >"$OUT/FirstPerson.java" <<'EOF'
public class FirstPerson {
    public static void main(String[] args) {
        var o = lv.sargs.sandbox.SandboxOptions.defaults();
        System.out.println(lv.sargs.sandbox.data.World.generate(new lv.sargs.sandbox.data.WorldGenerator(o.seed(),
                o.worldSize(), o.referenceDate()), o.clock()).persons().get(0).personalCode());
    }
}
EOF
  PERSON=${PERSON:-$(java -cp "$CP" "$OUT/FirstPerson.java" 2>/dev/null | grep -E '^[0-9]{6}-?[0-9]{5}$' | tail -n 1)}
  # The first lookups connect, sign the register's client assertion and fetch its token: on a cold
  # JVM that may take longer than the 3 s budget.
  for try in 1 2 3 4 5 6 7 8 9 10; do
    status=$(curl -s --cacert "$PKI/ca.pem" --cert "$PKI/core-banking.pem" --key "$PKI/core-banking-key.pem" \
      -H 'Sargs-Purpose: kyc' -o /dev/null -w '%{http_code}' "$BASE/v1/companies/$COMPANY" || true)
    [ "$status" = 200 ] && break
    [ "$try" = 10 ] && { echo "soak: the first lookup answers $status" >&2; tail -n 20 "$OUT/gateway.log" >&2; exit 1; }
    sleep 2
  done
fi
: "${BASE:?set BASE}" "${MGMT:?set MGMT}" "${PKI:?set PKI}" "${STAT_REPORT:?set STAT_REPORT}" "${PERSON:?set PERSON}"
[ "$(cat "/proc/$PID/comm")" = java ] || { echo "soak: pid $PID is $(cat "/proc/$PID/comm"), not java" >&2; exit 1; }
curl_client() { curl -s --cacert "$PKI/ca.pem" --cert "$PKI/core-banking.pem" --key "$PKI/core-banking-key.pem" "$@"; }

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
  STREAMS="$STREAMS --seconds $SECONDS_TOTAL --warmup ${WARM:-60} --progress 60 --pid $PID --threads 2 $(echo "$@" | sed 's/ --and$//')"
}

max() { # label [LoadClient options]: 32 connections as fast as answers come; prints the req/s
  label=$1; shift
  # shellcheck disable=SC2086
  java -Xmx256m -cp "$CP" lv.sargs.bench.load.LoadClient --name "max-$label" --url "$BASE/v1/companies/$COMPANY" \
    --ca "$PKI/ca.pem" --cert "$PKI/core-banking.pem" --key "$PKI/core-banking-key.pem" \
    --header Sargs-Purpose=kyc "$@" --connections 32 --seconds 20 --warmup 5 --pid "$PID" >"$OUT/max-$label.txt" 2>&1
  cat "$OUT/max-$label.txt" >>"$OUT/max.txt"
  sed -n 's/.* \([0-9][0-9]*\) req\/s;.*/\1/p' "$OUT/max-$label.txt" | tail -n 1
}
if [ "${MAX:-0}" = 1 ] || [ -z "${CACHED_RATE:-}" ] || [ -z "${MISS_RATE:-}" ]; then
  echo "max rates, load $(cut -d' ' -f1-3 /proc/loadavg)" >"$OUT/max.txt"
  max_cached=$(max cached) max_miss=$(max miss --header Cache-Control=no-cache)
  echo "max rates: cached $max_cached req/s, miss $max_miss req/s, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/max.txt"
  [ "${MAX:-0}" = 1 ] && exit 0
  CACHED_RATE=${CACHED_RATE:-$((max_cached / 2))} MISS_RATE=${MISS_RATE:-$((max_miss / 2))}
fi
echo "soak: cached $CACHED_RATE req/s, miss $MISS_RATE req/s, $SECONDS_TOTAL s" | tee -a "$OUT/setup.txt"

# A payment to ask the status of, all soak long.
payment_path=$(curl_client -D - -o /dev/null -X POST -H 'Content-Type: application/json' -H "Idempotency-Key: soak-$$" \
  --data-binary @"$OUT/payment.json" "$BASE/v1/treasury/payments" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
[ -n "$payment_path" ] || { echo "soak: the first payment got no Location" >&2; exit 1; }
# The account report's window: the minute from now (Europe/Riga, the Treasury's day), so the report
# holds the payments booked in that minute however long the soak runs.
from=$(TZ=Europe/Riga date +%H:%M:%S) to=$(TZ=Europe/Riga date -d '+60 seconds' +%H:%M:%S)
[ "$to" \> "$from" ] || to=23:59:59

h=$((CACHED_RATE * 2 / 3)) m=$((MISS_RATE * 2 / 3))
stream cached-company 16 "$h" 200 "$BASE/v1/companies/$COMPANY" --header Sargs-Purpose=kyc
stream cached-person 8 $((CACHED_RATE - h)) 200 "$BASE/v1/persons/$PERSON" --header Sargs-Purpose=kyc
stream miss-company 16 "$m" 200 "$BASE/v1/companies/$COMPANY" --header Sargs-Purpose=kyc --header Cache-Control=no-cache
stream miss-person 8 $((MISS_RATE - m)) 200 "$BASE/v1/persons/$PERSON" --header Sargs-Purpose=aml --header Cache-Control=no-cache
stream whoami 2 20 200 "$BASE/v1/whoami"
stream status 1 2 200 "$MGMT/v1/status"
stream metrics 1 1 200 "$MGMT/metrics"
stream account-report 2 5 200 "$BASE/v1/treasury/accounts/$IBAN/report?from=$from&to=$to"
stream notifications 1 1 200 "$BASE/v1/treasury/notifications?after=0"
stream payment 2 2 202 "$BASE/v1/treasury/payments" --method POST --body-file "$OUT/payment.json" \
  --header Content-Type=application/json --unique-header Idempotency-Key
stream payment-status 1 5 200 "$BASE$payment_path"
# Reports one at a time, as a core system sends them: a client gets 429 past
# listeners.client.deadlines.maxUploadsPerClient and 503 past one report waiting, as documented.
# One prefix and period takes at most 99 submissions (the file names' set version vNN; the 100th
# is a 400 that says so), so the rate keeps any soak under 90 of them.
stream statistics-report 1 "$(awk -v s="$SECONDS_TOTAL" -v w="${WARM:-60}" 'BEGIN {r = 90 / (s + w); printf "%.4f", (r > 0.2 ? 0.2 : r)}')" 202 \
  "$BASE/v1/statistics/reports?prefix=K01&periodEnd=2026-10-31" --method POST --body-file "$STAT_REPORT" \
  --header Content-Type=text/plain
stream malformed-escape 1 5 400 "$BASE/" --path /v1/companies/%zz --header Sargs-Purpose=kyc
stream bad-identifier 1 5 400 "$BASE/v1/companies/123" --header Sargs-Purpose=kyc
stream bad-amount 1 2 400 "$BASE/v1/treasury/payments" --method POST --body-file "$OUT/payment-bad.json" \
  --header Content-Type=application/json --unique-header Idempotency-Key
uptime >"$OUT/uptime.txt"
# shellcheck disable=SC2086
java -Xmx256m -cp "$CP" lv.sargs.bench.load.LoadClient $STREAMS >"$OUT/load.txt" 2>"$OUT/load.err" &
CLIENTS=$!

nmt() { jcmd "$PID" VM.native_memory "$@" 2>/dev/null; }
printf 'seconds\trss_kb\theap_used_kb\tlive_kb\tnmt_total\tmalloc\tjava_heap\tclass\tthread\tcode\tgc\tcompiler\tinternal\tother\tsymbol\tload1\n' >"$OUT/samples.tsv"
snapshot() { # label
  nmt summary >"$OUT/nmt-$1.txt"; pmap -x "$PID" >"$OUT/pmap-$1.txt" 2>/dev/null || true
}
live() { # file: the live heap in kB by a class histogram (a full GC: a leak from a lazy collector)
  jcmd "$PID" GC.class_histogram >"$1" 2>/dev/null || true
  awk '/^Total/ {printf "%d", $3/1024}' "$1"
}
snapshot start
started=$(date +%s) elapsed=0
while [ "$elapsed" -le $((SECONDS_TOTAL + ${WARM:-60})) ]; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
  # G1 prints one "heap total ..., used ..." line, the serial collector one per generation: sum them.
  heap=$(jcmd "$PID" GC.heap_info 2>/dev/null | awk '/(heap|generation) +total/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); gsub(/[K,]/,"",v); u+=v}} END {if (u) print u}')
  histo="$OUT/histogram-now.txt"
  for at in $HISTO_AT; do
    [ "$elapsed" -ge "$at" ] && [ ! -f "$OUT/histogram-$at.txt" ] && histo="$OUT/histogram-$at.txt" && break
  done
  livekb=$(live "$histo")
  cats=$(nmt summary | awk '
    function kb(s) { if (match(s, /committed=[0-9]+KB/)) return substr(s, RSTART+10, RLENGTH-12) + 0; return 0 }
    /^Total:/ {t=kb($0)} /^ +malloc: [0-9]+KB/ && !m {m=$2; sub(/KB/,"",m)}
    /^- +Java Heap/ {h=kb($0)} /^- +(Class|Metaspace) \(/ {c+=kb($0)} /^- +Thread \(/ {th=kb($0)}
    /^- +Code \(/ {co=kb($0)} /^- +GC \(/ {g=kb($0)} /^- +Compiler \(/ {cm=kb($0)}
    /^- +Internal \(/ {i=kb($0)} /^- +Other \(/ {o=kb($0)} /^- +Symbol \(/ {s=kb($0)}
    END {printf "%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d", t, m, h, c, th, co, g, cm, i, o, s}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$elapsed" "$rss" "${heap:--}" "${livekb:--}" "${cats:--}" \
    "$(cut -d' ' -f1 /proc/loadavg)" >>"$OUT/samples.tsv"
  if [ "$elapsed" -ge "$WARMUP" ] && [ ! -f "$OUT/nmt-warm.txt" ]; then
    snapshot warm; nmt baseline >/dev/null
  fi
  sleep "$SAMPLE"
  elapsed=$(($(date +%s) - started))
done
sleep 5; echo "end live heap: $(live "$OUT/histogram-end.txt") kB" >"$OUT/live.txt"; snapshot end
nmt summary.diff >"$OUT/nmt-diff.txt"
wait "$CLIENTS" || true
uptime >>"$OUT/uptime.txt"
if [ -n "$STARTED" ]; then
  stop_started
  echo "gateway log: $(grep -c ' WARN ' "$OUT/gateway.log" || true) WARN, $(grep -c ' ERROR ' "$OUT/gateway.log" || true) ERROR lines;" \
    "simulators: $(grep -c ' WARN ' "$OUT/sandbox.log" || true) WARN, $(grep -c ' ERROR ' "$OUT/sandbox.log" || true) ERROR" \
    | tee "$OUT/log-summary.txt"
fi
echo "reports and samples in $OUT (load: $(tr '\n' ' ' <"$OUT/uptime.txt"))"
grep ': statuses' "$OUT/load.txt" || true
cat "$OUT/live.txt"
awk -F'\t' 'NR==2 {print "start RSS " $2 " kB, heap " $3 " kB, live " $4 " kB"} NR>2 && $2>p {p=$2} END {print "end RSS " $2 " kB (peak " p "), heap " $3 " kB, live " $4 " kB"}' "$OUT/samples.tsv"
