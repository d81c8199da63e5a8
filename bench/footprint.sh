#!/usr/bin/env bash
# The gateway's footprint, alone in its JVM as the package runs it: start to /readyz 200 (wall
# clock and CPU, with the threads that used it), and the resident memory once idle; two runs.
#
#   bench/footprint.sh [SARGS_LIB]
#
# SARGS_LIB is the package's /usr/lib/sargs (the default: an installed package), or the staged
# image/target/sargs-root/usr/lib/sargs after `./mvnw -Pappliance -pl image -am package`. The
# gateway is started by the package's own launcher (its JVM options), on a SoftHSM2 token with
# a listener key made by the package's sargs-admin, and a minimal config (loopback, port 0, no
# capability configured), all in a temporary directory. Needs softhsm2 and openssl. Prints the
# machine's load with each run: on a busy machine the wall clock says little, the CPU more.
#
# A staged build has no class data sharing archives yet: they are made first, as postinst makes
# them. APP_CDS=both measures each run twice, side by side: without the application's archive
# (the JDK's only, as before it existed) and with it. PHASES=1 also prints the gateway's start-up
# phases (its DEBUG lines: wall and main-thread CPU time of each).
set -euo pipefail
lib=$(cd "${1:-/usr/lib/sargs}" && pwd)
bin=$(cd "$(dirname "$0")/../image/src/main/bin" && pwd)
postinst=$(cd "$(dirname "$0")/../image/src/deb" && pwd)/postinst
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# The package's launchers, pointed at $lib.
for l in sargs-gateway sargs-admin; do
  sed "s#/usr/lib/sargs#$lib#g" "$bin/$l" > "$l"
  chmod +x "$l"
done
if [ ! -f "$lib/runtime/lib/server/sargs.jsa" ]; then
  sed -n '/# cds-begin/,/# cds-end/p' "$postinst" | sed "s#/usr/lib/sargs#$lib#g" | sh
  [ -f "$lib/runtime/lib/server/sargs.jsa" ] || echo "footprint: no application CDS archive could be made" >&2
fi

export SOFTHSM2_CONF=$work/softhsm2.conf
mkdir tokens data
chmod 700 data
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$work" > softhsm2.conf
softhsm2-util --init-token --free --label sargs --pin 4711-user --so-pin 5678-so >/dev/null
(umask 077 && echo 4711-user > pin)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem \
  -subj /CN=footprint-ca -days 2 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout client.key -out client.csr \
  -subj /CN=core-banking 2>/dev/null
openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 1 2>/dev/null
fingerprint=$(openssl x509 -in client.pem -noout -fingerprint -sha256 | cut -d= -f2)
cat > sargs.yaml <<EOF
version: 1
listeners:
  client:
    bind: 127.0.0.1:0
    allowList: [127.0.0.1/32]
    tls:
      keyLabel: sargs-listener
      certificateChain: $work/listener-chain.pem
      clientCa: $work/ca.pem
      protocols: [TLSv1.3, TLSv1.2]
      provider: JDK
    limits: {maxHeaderSize: 16KiB, maxBodySize: 1MiB, idleTimeout: 60s, handshakeTimeout: 10s,
             maxConnectionsPerSource: 64, maxRequestsInFlight: 256, requestTimeout: 3s}
  management:
    bind: 127.0.0.1:0
    allowList: [127.0.0.1/32]
clients:
  - {name: core-banking, certificate: {sha256: "$fingerprint"}, sources: [127.0.0.1/32], roles: [lookup], purposes: [kyc]}
token:
  pkcs11:
    library: /usr/lib/softhsm/libsofthsm2.so
    tokenLabel: sargs
    pin: {file: $work/pin}
    queueCapacity: 64
    operationDeadline: 5s
    probeInterval: 1s
dataDirectory: $work/data
shutdown:
  grace: 5s
EOF
./sargs-admin keys --config sargs.yaml generate --label sargs-listener --type EC_P256 >/dev/null 2>&1
./sargs-admin keys --config sargs.yaml csr --label sargs-listener --subject CN=localhost --dns localhost \
  --ip 127.0.0.1 --out listener.csr >/dev/null 2>&1
openssl x509 -req -in listener.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out listener.pem -days 1 2>/dev/null
cat listener.pem ca.pem > listener-chain.pem

cpu_ms() { # user + system time of /proc/$1/stat or /proc/PID/task/TID/stat, in ms (ticks of 10 ms)
  local f
  read -r -a f < <(sed 's/^.*) //' "$1/stat")
  echo $(((f[11] + f[12]) * 10))
}

variants=with
[ "${APP_CDS:-with}" = both ] && variants="without with"
for run in 1 2; do
 for variant in $variants; do
  if [ "$variant" = without ]; then
    sed 's#sargs.jsa#sargs.jsa.absent#g' sargs-gateway > launcher; chmod +x launcher
  else
    cp sargs-gateway launcher
  fi
  start=$(date +%s%N)
  SARGS_JAVA_OPTS="${SARGS_JAVA_OPTS:-} ${PHASES:+-Dtinylog.level=debug -Dtinylog.writer.level=debug}" \
    ./launcher --config sargs.yaml > gateway.log 2>&1 &
  pid=$!
  port=""
  until [ -n "$port" ]; do
    kill -0 "$pid" 2>/dev/null || { cat gateway.log; exit 1; }
    sleep 0.01
    port=$(grep -o 'management listener /127.0.0.1:[0-9]*' gateway.log | grep -o '[0-9]*$' | head -1 || true)
  done
  until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.01; done
  ready=$((($(date +%s%N) - start) / 1000000))
  cpu=$(cpu_ms "/proc/$pid")
  threads=$(for t in /proc/"$pid"/task/*; do echo "$(cpu_ms "$t") $(cat "$t/comm")"; done | sort -rn | head -4 \
    | awk '{ms=$1; $1=""; printf "%s%s %d ms", sep, substr($0, 2), ms; sep=", "}')
  sleep 10
  rss=$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  kill -TERM "$pid"
  code=0
  wait "$pid" || code=$?
  echo "run $run, application CDS archive $variant: ready in $ready ms; CPU to ready $cpu ms ($threads);" \
    "idle RSS $rss MiB; SIGTERM exit $code; load $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
  [ -z "${PHASES:-}" ] || grep -o 'start-up phase.*' gateway.log | sed 's/^/  /'
  rm -f data/*.lock
 done
done
