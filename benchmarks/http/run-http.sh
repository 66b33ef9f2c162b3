#!/usr/bin/env bash
# HTTP load test on loopback: wrk against three servers with the same cache-hit handler
#   eager          our adapter (EagerHttpServer, resolved Mono.just(response))
#   raw-netty      HttpServerCodec + one handler writing a FullHttpResponse (the limit)
#   reactor-netty  reactor-netty's HttpServer (what WebFlux runs on)
#   eager-switch-off  our adapter with -Dreactor.eager.enabled=false (the resolved Mono is subscribed)
# and a cache-miss endpoint that calls a fourth, tiny Netty backend on loopback (EagerHttpClient on
# ours, reactor-netty's HttpClient on reactor-netty).
#
# Every server is started once and kept up; each target gets one warm-up run, then ROUNDS rounds
# run every target once (the order rotates each round, so load drift on the shared machine does not
# always hit the same server). Servers are stopped by pid. Writes benchmarks/results/http.md. The
# rounds, the record of each run and the report's common parts are shared with run-webflux.sh
# (load-common.sh, load_report.py).
#
# Settings (environment): DURATION (10s) CONNECTIONS (64) THREADS (1) ROUNDS (3) WARMUP (10s)
#   IO_THREADS (1, event loop threads of every server) PIN (0: no pinning, the default: on a machine
#   shared with other builds, pinning made each process fight them for one core; 1: servers on CPU 1, wrk and backend on
#   CPU 0) PIPELINE (1: one request at a time per connection; N > 1: N pipelined requests per write,
#   cache-hit targets only) LOADGEN (wrk when PIPELINE is 1, java when it is more: see below)
#   CLIENT_WARMUP (2s, java load generator only: not recorded) BASE_PORT (18080) SKIP_BUILD (0)
#   OUT (benchmarks/results/http.md)
# Load generators: LOADGEN=wrk runs wrk (with benchmarks/http/pipeline.lua when PIPELINE > 1);
#   LOADGEN=java runs io.reactoreager.benchmarks.http.PipelinedLoad, a one-thread NIO client that
#   records every response's latency. With pipelining wrk's latency figures are not usable (one
#   sample per batch, and its coordinated-omission correction puts samples below the histogram's
#   minimum, so its p99 reads 0.00), hence java is the default there.
# Options: --transport=nio|epoll|io_uring|auto (or TRANSPORT=...; default nio): the event loops of
#   every server and of the backend (auto: epoll, else io_uring, else NIO, as NettyTransport picks).
# Needs: wrk (Debian: apt-get install wrk), java 17, python3 (for the table).
set -euo pipefail

TRANSPORT=${TRANSPORT:-nio}
for arg in "$@"; do
  case "$arg" in
    --transport=*) TRANSPORT=${arg#--transport=} ;;
    *) echo "unknown option: $arg (see the header of $0)" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-1}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-10s}
IO_THREADS=${IO_THREADS:-1}
PIN=${PIN:-0}
PIPELINE=${PIPELINE:-1}
if [[ "$PIPELINE" == 1 ]]; then LOADGEN=${LOADGEN:-wrk}; else LOADGEN=${LOADGEN:-java}; fi
CLIENT_WARMUP=${CLIENT_WARMUP:-2s}
BASE_PORT=${BASE_PORT:-18080}
SKIP_BUILD=${SKIP_BUILD:-0}
OUT=${OUT:-benchmarks/results/http.md}
WORK="$(mktemp -d /tmp/run-http.XXXXXX)"
RUNS="$WORK/runs.tsv"
source benchmarks/http/load-common.sh

[[ "$LOADGEN" != wrk ]] || command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }

if [[ "$SKIP_BUILD" != 1 ]]; then
  echo "building..."
  ./mvnw -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/http-classpath.txt -Dmdep.includeScope=runtime
fi
CP="benchmarks/target/classes:$(cat benchmarks/target/http-classpath.txt)"
PKG=io.reactoreager.benchmarks.http
JVM_OPTS=(-Xms512m -Xmx512m -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled)

if [[ "$PIN" == 1 ]]; then
  SERVER_CPU=(taskset -c 1); CLIENT_CPU=(taskset -c 0)
else
  SERVER_CPU=(); CLIENT_CPU=()
fi

PORT_BACKEND=$((BASE_PORT + 10))
PORT_EAGER=$((BASE_PORT + 1))
PORT_RAW=$((BASE_PORT + 2))
PORT_RN=$((BASE_PORT + 3))
PORT_OFF=$((BASE_PORT + 4))
PIDS=()
declare -A SERVER_PID

start() { # name cpu-prefix... -- main args...
  local name=$1; shift
  local prefix=()
  while [[ $1 != -- ]]; do prefix+=("$1"); shift; done
  shift
  "${prefix[@]}" java "${JVM_OPTS[@]}" -cp "$CP" "$@" "--transport=$TRANSPORT" >"$WORK/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  SERVER_PID[$name]=$pid
  for _ in $(seq 1 600); do
    if grep -q '^READY' "$WORK/$name.log"; then echo "  $(grep '^READY' "$WORK/$name.log")"; return; fi
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/$name.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "$name did not start" >&2; cat "$WORK/$name.log" >&2; exit 1
}

stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap stop_all EXIT

echo "starting servers (pin=$PIN, io threads=$IO_THREADS, transport=$TRANSPORT)..."
start backend "${CLIENT_CPU[@]}" -- $PKG.BackendServer "$PORT_BACKEND" "$IO_THREADS"
start eager "${SERVER_CPU[@]}" -- $PKG.EagerCacheServer "$PORT_EAGER" "$PORT_BACKEND" "$IO_THREADS"
start raw-netty "${SERVER_CPU[@]}" -- $PKG.RawNettyCacheServer "$PORT_RAW" "$IO_THREADS"
start reactor-netty "${SERVER_CPU[@]}" -- $PKG.ReactorNettyCacheServer "$PORT_RN" "$PORT_BACKEND" "$IO_THREADS"
# our adapter with the switch off: every Mono, the resolved ones too, is subscribed (stock path)
start eager-switch-off "${SERVER_CPU[@]}" -- -Dreactor.eager.enabled=false $PKG.EagerCacheServer "$PORT_OFF" "$PORT_BACKEND" "$IO_THREADS"

# target name|url
TARGETS=(
  "hit|eager|http://127.0.0.1:$PORT_EAGER/cache/k7"
  "hit|raw-netty|http://127.0.0.1:$PORT_RAW/cache/k7"
  "hit|reactor-netty|http://127.0.0.1:$PORT_RN/cache/k7"
  "hit|eager-switch-off|http://127.0.0.1:$PORT_OFF/cache/k7"
  "miss|eager|http://127.0.0.1:$PORT_EAGER/miss/k3"
  "miss|reactor-netty|http://127.0.0.1:$PORT_RN/miss/k3"
)

if [[ "$PIPELINE" != 1 ]]; then
  # pipelining is measured on the cache-hit endpoint only
  HITS=()
  for t in "${TARGETS[@]}"; do [[ $t == hit\|* ]] && HITS+=("$t"); done
  TARGETS=("${HITS[@]}")
fi

for t in "${TARGETS[@]}"; do
  url=${t##*|}
  curl -sf "$url" >/dev/null || { echo "target $t does not answer 200" >&2; exit 1; }
done

SCRIPT=()
if [[ "$PIPELINE" != 1 ]]; then
  SCRIPT=(-s benchmarks/http/pipeline.lua)
fi
load() { # duration url [server pid]: one load run, wrk's output format on stdout
  if [[ "$LOADGEN" == java ]]; then
    "${CLIENT_CPU[@]}" java -Xms256m -Xmx256m -XX:+UseParallelGC -cp "$CP" $PKG.PipelinedLoad \
      -c "$CONNECTIONS" -d "$1" -w "$CLIENT_WARMUP" --depth "$PIPELINE" ${3:+--cpu-pid "$3"} "$2"
  else
    "${CLIENT_CPU[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency "${SCRIPT[@]}" "$2" ${SCRIPT:+-- "$PIPELINE"}
  fi
}
if [[ "$LOADGEN" == java ]]; then
  LOAD_COMMAND="java ... PipelinedLoad -c $CONNECTIONS -d $DURATION -w $CLIENT_WARMUP --depth $PIPELINE URL (one thread)"
else
  LOAD_COMMAND="wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency ${SCRIPT[*]} URL${SCRIPT:+ -- $PIPELINE}"
fi
echo "warm-up ($WARMUP each)..."
for t in "${TARGETS[@]}"; do
  load "$WARMUP" "${t##*|}" >/dev/null
done

run_target() { # round target
  local endpoint server url
  IFS='|' read -r endpoint server url <<<"$2"
  measure_run "$1" "$endpoint" "$server" "${SERVER_PID[$server]}" "$url"
}
rounds "${TARGETS[@]}"

MACHINE="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB, kernel $(uname -r), $(java -version 2>&1 | head -1), $( (wrk -v 2>&1 || true) | head -1 | cut -d" " -f1-2)"
COMMAND="$LOAD_COMMAND"
mkdir -p "$(dirname "$OUT")"
PYTHONDONTWRITEBYTECODE=1 PYTHONPATH=benchmarks/http python3 - "$RUNS" "$OUT" "$MACHINE" "$COMMAND" "$PIN" "$IO_THREADS" "$ROUNDS" "$WARMUP" "$TRANSPORT" <<'PY'
import sys
from load_report import by_key, header, med, ms, read_rows, runs_table, write
runs_path, out, machine, command, pin, io_threads, rounds, warmup, transport = sys.argv[1:10]

rows = read_rows(runs_path)
by = by_key(rows)

def summary(key):
    rs = by[key]
    rps, p50, p99, cpu = med(rs, 3), med(rs, 4, ms), med(rs, 5, ms), med(rs, 8)
    return rps[0], rps[1:], p50[0], p50[1:], p99[0], p99[1:], cpu[0], cpu[1:]

lines = header("HTTP load test: eager adapter vs raw Netty vs reactor-netty", "benchmarks/http/run-http.sh", machine, command, rounds, warmup, [
    f"servers: transport {transport} (`--transport={transport}`), {io_threads} event loop thread(s) each, `-Xms512m -Xmx512m -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled`",
    "pinned: servers on CPU 1 (`taskset -c 1`), the load generator and the backend on CPU 0 (`taskset -c 0`)" if pin == "1"
    else "not pinned: load generator, servers and backend share both cores",
    "loopback only; the load generator and the servers share the machine, which other builds were also using (load average per run below)"])
w = lines.append
w("| endpoint | server | req/s median (min–max) | p50 ms median (min–max) | p99 ms median (min–max) | server CPU µs/request median (min–max) | req/s vs raw Netty | req/s vs reactor-netty | CPU/request vs raw Netty | CPU/request vs reactor-netty |")
w("|---|---|---|---|---|---|---|---|---|---|")
medians = {k: summary(k) for k in by}
for key in sorted(by, key=lambda k: (k[0] != "hit", ["eager", "raw-netty", "reactor-netty", "eager-switch-off"].index(k[1]))):
    s = medians[key]
    raw = medians.get((key[0], "raw-netty"))
    rn = medians.get((key[0], "reactor-netty"))
    vs_raw = f"{s[0] / raw[0]:.2f}x" if raw else "–"
    vs_rn = f"{s[0] / rn[0]:.2f}x" if rn else "–"
    cpu_raw = f"{s[6] / raw[6]:.2f}x" if raw else "–"
    cpu_rn = f"{s[6] / rn[6]:.2f}x" if rn else "–"
    w(f"| {key[0]} | {key[1]} | {s[0]:,.0f} ({s[1][0]:,.0f}–{s[1][1]:,.0f}) | {s[2]:.2f} ({s[3][0]:.2f}–{s[3][1]:.2f}) "
      f"| {s[4]:.2f} ({s[5][0]:.2f}–{s[5][1]:.2f}) | {s[6]:.1f} ({s[7][0]:.1f}–{s[7][1]:.1f}) | {vs_raw} | {vs_rn} | {cpu_raw} | {cpu_rn} |")
w("")
w("Ratios are of medians. Server CPU is the server process's user + system time (every thread: event loop, GC, JIT)")
w("during the run divided by the requests completed; for the miss endpoint it excludes the backend. Each run:")
w("")
lines += runs_table(rows, "endpoint", "server")
write(out, lines)
PY
echo "wrote $OUT"
