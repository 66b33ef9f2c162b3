#!/usr/bin/env bash
# The WebFlux figure: wrk against the PACKAGED Spring Boot apps of examples/ (java -jar), on the
# permission-filtered listing (GET /entities/{form}?n=N: N cached entities, filterWhen over four
# mostly-resolved checks, a cache-hit flatMap enrichment, collectList) and on the one-step lookup
# (GET /products/p1: one cache hit through one eager switchIfEmpty).
#
# Servers, started once and kept up:
#   flux-on     examples/webflux-app, the switch on (default)
#   flux-off    the same jar with --reactor.eager.enabled=false (the auto-configuration's property:
#               every eager operator builds its stock twin, Eager.just is Mono.just)
#   mvc-vt      examples/webmvc-app on JDK 21+: the same listing as a loop, Spring MVC (Tomcat)
#               with spring.threads.virtual.enabled=true
# Targets (per N, all checks cached and with remote=true): the eager listing on flux-on and on flux-off (the A/B of the switch), the
# stock-written listing on flux-off (pure stock Reactor), the imperative listing on mvc-vt; per N, the
# floor (GET /entities/floor?n=N: the same JSON list kept from a first request and answered with
# Mono.just, no operator: what the request costs the server besides the handler) on flux-on and
# flux-off; and the one-step lookup on flux-on and flux-off.
#
# Each target gets one warm-up run, then ROUNDS rounds run every target once, the order rotating
# each round. The server's CPU time (utime + stime of the java process, every thread) is read from
# /proc/PID/stat before and after each run. Servers are stopped by pid. Writes OUT and appends a row
# to HISTORY. The rounds, the record of each run and the report's common parts are shared with
# run-http.sh (load-common.sh, load_report.py).
#
# Settings (environment): NS ("20 100") REMOTES ("false true": the listing with every check
#   resolved, and with one status check in twenty a remote call of 2 ms) DURATION (10s) WARMUP (10s) ROUNDS (4) CONNECTIONS (64)
#   THREADS (1, wrk threads) PIN (0: no pinning, the default; 1: servers on CPU 1, wrk on CPU 0. On the
#   2-core machine shared with other builds, pinned runs were less steady: a pinned server's JIT
#   threads share its one core, and one pinned server took minutes to warm up; see
#   benchmarks/results/webflux-pinning.md)
#   JAVA (java of the WebFlux servers: JDK 25 if present, else java on PATH)
#   MVC_JAVA (java of the MVC server: JDK 25 if present; the MVC target is left out without a JDK 21+)
#   HEAP (512m) BASE_PORT (18180) SKIP_BUILD (0) OUT (benchmarks/results/webflux.md)
#   HISTORY (benchmarks/results/webflux-history.md: one row per run, appended)
# Needs: wrk (Debian: apt-get install wrk), curl, python3. Run it under flock /work/bench.lock (or
# alone on the machine): two load runs at once measure each other.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
NS=${NS:-"20 100"}
REMOTES=${REMOTES:-"false true"}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
ROUNDS=${ROUNDS:-4}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-1}
PIN=${PIN:-0}
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
if [[ -x $JDK25 ]]; then DEFAULT_JAVA=$JDK25; else DEFAULT_JAVA=java; fi
JAVA=${JAVA:-$DEFAULT_JAVA}
MVC_JAVA=${MVC_JAVA:-$DEFAULT_JAVA}
HEAP=${HEAP:-512m}
BASE_PORT=${BASE_PORT:-18180}
SKIP_BUILD=${SKIP_BUILD:-0}
OUT=${OUT:-benchmarks/results/webflux.md}
HISTORY=${HISTORY:-benchmarks/results/webflux-history.md}
WORK="$(mktemp -d /tmp/run-webflux.XXXXXX)"
# the commit measured, read before the run (+changes: the working tree differed from it)
BUILD="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$( [[ -z "$(git status --porcelain 2>/dev/null)" ]] || echo +changes)"
RUNS="$WORK/runs.tsv"
source benchmarks/http/load-common.sh

command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
MVC=1
if (( $(java_major "$MVC_JAVA") < 21 )); then
  echo "MVC_JAVA ($MVC_JAVA) is older than 21: no virtual threads, the MVC target is left out" >&2
  MVC=0
fi

if [[ "$SKIP_BUILD" != 1 ]]; then
  echo "building the example jars..."
  ./mvnw -B -q -pl examples/webflux-app,examples/webmvc-app -am -DskipTests package
fi
FLUX_JAR=examples/webflux-app/target/reactor-eager-example-webflux-0.1.0-SNAPSHOT.jar
MVC_JAR=examples/webmvc-app/target/reactor-eager-example-webmvc-0.1.0-SNAPSHOT.jar
JVM_OPTS=(-Xms"$HEAP" -Xmx"$HEAP" -XX:+UseParallelGC)

if [[ "$PIN" == 1 ]]; then
  SERVER_CPU=(taskset -c 1); CLIENT_CPU=(taskset -c 0)
else
  SERVER_CPU=(); CLIENT_CPU=()
fi

PIDS=()
declare -A SERVER_PID SERVER_PORT

start() { # name port probe-path java jar args...: starts a server and waits until the probe answers
  local name=$1 port=$2 probe=$3 java=$4 jar=$5; shift 5
  "${SERVER_CPU[@]}" "$java" "${JVM_OPTS[@]}" -jar "$jar" --server.port="$port" "$@" >"$WORK/$name.log" 2>&1 &
  SERVER_PID[$name]=$!
  SERVER_PORT[$name]=$port
  PIDS+=("$!")
  local deadline=$((SECONDS + 120))
  until curl -sf "http://127.0.0.1:$port$probe" >/dev/null 2>&1; do
    if ! kill -0 "${SERVER_PID[$name]}" 2>/dev/null || ((SECONDS > deadline)); then
      echo "$name did not start" >&2; cat "$WORK/$name.log" >&2; exit 1
    fi
    sleep 0.2
  done
  echo "  $name up (pid ${SERVER_PID[$name]}, port $port)"
}

stop_all() { # the servers this script started, by pid: SIGTERM (Boot shuts down gracefully), then wait
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
}
trap stop_all EXIT

echo "starting servers (pin=$PIN, WebFlux on $("$JAVA" -version 2>&1 | head -1), MVC on $("$MVC_JAVA" -version 2>&1 | head -1))..."
start flux-on $((BASE_PORT + 1)) /entities/eager?n=1 "$JAVA" "$FLUX_JAR"
start flux-off $((BASE_PORT + 2)) /entities/eager?n=1 "$JAVA" "$FLUX_JAR" --reactor.eager.enabled=false
if [[ "$MVC" == 1 ]]; then
  start mvc-vt $((BASE_PORT + 3)) /entities/imperative?n=1 "$MVC_JAVA" "$MVC_JAR"
fi
for s in flux-on flux-off; do
  enabled=$(curl -sf "http://127.0.0.1:${SERVER_PORT[$s]}/actuator/prometheus" | awk '/^reactor_eager_enabled/ {print $NF}')
  echo "  $s: reactor_eager_enabled ${enabled:-(no gauge: meters not registered)}"
done

# target: workload|form|server|path
TARGETS=()
for n in $NS; do
  for remote in $REMOTES; do
    if [[ "$remote" == true ]]; then workload="listing n=$n, remote"; else workload="listing n=$n"; fi
    q="n=$n&remote=$remote"
    TARGETS+=("$workload|eager operators, switch on|flux-on|/entities/eager?$q")
    TARGETS+=("$workload|eager operators, switch off|flux-off|/entities/eager?$q")
    TARGETS+=("$workload|stock operators|flux-off|/entities/stock?$q")
    if [[ "$MVC" == 1 ]]; then
      TARGETS+=("$workload|MVC, virtual threads, a loop|mvc-vt|/entities/imperative?$q")
    fi
  done
  TARGETS+=("listing n=$n|floor: the kept list, no operator, switch on|flux-on|/entities/floor?n=$n")
  TARGETS+=("listing n=$n|floor: the kept list, no operator, switch off|flux-off|/entities/floor?n=$n")
done
TARGETS+=("one step|eager operators, switch on|flux-on|/products/p1")
TARGETS+=("one step|eager operators, switch off|flux-off|/products/p1")

url_of() { local server path; IFS='|' read -r _ _ server path <<<"$1"; echo "http://127.0.0.1:${SERVER_PORT[$server]}$path"; }
for t in "${TARGETS[@]}"; do
  curl -sf "$(url_of "$t")" >/dev/null || { echo "target $t does not answer 200" >&2; exit 1; }
done

load() { "${CLIENT_CPU[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency "$2"; }
echo "warm-up ($WARMUP each)..."
for t in "${TARGETS[@]}"; do
  load "$WARMUP" "$(url_of "$t")" >/dev/null
done

run_target() { # round target
  local workload form server
  IFS='|' read -r workload form server _ <<<"$2"
  measure_run "$1" "$workload" "$form" "${SERVER_PID[$server]}" "$(url_of "$2")"
}
rounds "${TARGETS[@]}"

echo "the handler alone, without HTTP (benchmarks/http/ListingCost.java)..."
mkdir -p "$WORK/jar"
(cd "$WORK/jar" && unzip -q "$ROOT/$FLUX_JAR")
HANDLER_CP="$WORK/jar/BOOT-INF/classes:$(find "$WORK/jar/BOOT-INF/lib" -name '*.jar' | sort | tr '\n' ':')"
"${SERVER_CPU[@]}" "$JAVA" "${JVM_OPTS[@]}" -cp "$HANDLER_CP" benchmarks/http/ListingCost.java $NS | tee "$WORK/handler.txt"

MACHINE="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB, kernel $(uname -r); WebFlux on $("$JAVA" -version 2>&1 | head -1); MVC on $("$MVC_JAVA" -version 2>&1 | head -1); $( (wrk -v 2>&1 || true) | head -1 | cut -d" " -f1-2)"
mkdir -p "$(dirname "$OUT")"
PYTHONDONTWRITEBYTECODE=1 PYTHONPATH=benchmarks/http python3 - "$RUNS" "$OUT" "$MACHINE" "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency URL" "$PIN" "$ROUNDS" "$WARMUP" "${HEAP}" "$WORK/handler.txt" "$HISTORY" "$BUILD" <<'PY'
import os, re, sys
from load_report import by_key, header, load_range, med, ms, now, read_rows, runs_table, write
runs_path, out, machine, command, pin, rounds, warmup, heap, handler_path, history, build = sys.argv[1:12]

rows = read_rows(runs_path)
by = by_key(rows)
def wl_sort(wl):
    return (wl == "one step", "remote" in wl, int(wl.split("=")[1].split(",")[0]) if "=" in wl else 0)
order = sorted(by, key=lambda k: wl_sort(k[0]))
ON, OFF = "eager operators, switch on", "eager operators, switch off"
FLOOR_ON, FLOOR_OFF = "floor: the kept list, no operator, switch on", "floor: the kept list, no operator, switch off"
def cpu(wl, form):
    return med(by[(wl, form)], 8)[0] if (wl, form) in by else None

handler = {}
handler_lines = [l.rstrip("\n") for l in open(handler_path)]
for l in handler_lines:
    m = re.match(r"handler n=(\d+) (\w+): ([\d.]+) us/call.*?, (\d+) B/call", l)
    if m:
        handler[(int(m.group(1)), m.group(2))] = (float(m.group(3)), int(m.group(4)))

lines = header("WebFlux load test: the eager listing with the switch on and off, stock, the floor, and MVC on virtual threads",
               "benchmarks/http/run-webflux.sh", machine, command, rounds, warmup, [
                   f"servers: the packaged jars (`java -Xms{heap} -Xmx{heap} -XX:+UseParallelGC -jar ...`), Spring Boot 4.0.7 defaults otherwise",
                   "pinned: every server on CPU 1 (`taskset -c 1`), wrk on CPU 0 (`taskset -c 0`)" if pin == "1"
                   else "not pinned: wrk and the servers share both cores",
                   f"build {build}; loopback; load average (1 min) before each run in the last table"])
w = lines.append
w("| workload | form | req/s median (min–max) | p50 ms | p99 ms median (min–max) | server CPU µs/request median (min–max) |")
w("|---|---|---|---|---|---|")
for key in order:
    rps, p50, p99, c = med(by[key], 3), med(by[key], 4, ms), med(by[key], 5, ms), med(by[key], 8)
    w(f"| {key[0]} | {key[1]} | {rps[0]:,.0f} ({rps[1]:,.0f}–{rps[2]:,.0f}) | {p50[0]:.2f} | {p99[0]:.2f} ({p99[1]:.2f}–{p99[2]:.2f}) | {c[0]:.1f} ({c[1]:.1f}–{c[2]:.1f}) |")
w("")
w("Switch on against switch off (the same jar and handler), ratios of medians:")
w("")
w("| workload | req/s on / off | p99 on / off | CPU/request on / off | target | met |")
w("|---|---|---|---|---|---|")
targets = {"listing n=100": (2.0, 0.5), "listing n=20": (1.3, 0.75)}
ratios = {}
workloads = []
for k in order:
    if k[0] not in workloads:
        workloads.append(k[0])
for wl in workloads:
    on, off = (wl, ON), (wl, OFF)
    if on not in by or off not in by:
        continue
    r = med(by[on], 3)[0] / med(by[off], 3)[0]
    p = med(by[on], 5, ms)[0] / med(by[off], 5, ms)[0]
    c = cpu(*on) / cpu(*off)
    ratios[wl] = (c, r)
    base = wl.split(",")[0]
    if base in targets:
        tr, tc = targets[base]
        target = f"≥ {tr}x req/s or ≤ {tc}x CPU/request"
        met = "met" if (r >= tr or c <= tc) else "missed"
    else:
        target, met = "≈ 1.0x (no target)", "–"
    w(f"| {wl} | {r:.2f}x | {p:.2f}x | {c:.2f}x | {target} | {met} |")
w("")
w("The handler alone, without HTTP (`benchmarks/http/ListingCost.java`: `EntityController.list` on a warm cache, remote off,")
w("one thread, switch on; CPU time and bytes allocated per call, median of 5 rounds of 20,000 calls):")
w("")
w("```")
lines += handler_lines
w("```")
w("")
best = {}
ns = sorted({int(wl.split("=")[1]) for wl in workloads if wl.startswith("listing") and "remote" not in wl})
if ns and all((n, f) in handler for n in ns for f in ("stock", "eager")):
    w("Where a request's CPU goes (all checks cached). The floor is the server's CPU per request with a handler that")
    w("costs nothing (the mean of its two servers: the switch plays no part in it); the handler's own cost is ListingCost's.")
    w("The best CPU ratio the listing can reach: (floor + eager handler) / (floor + stock handler).")
    w("")
    w("| N | floor µs/request (on, off) | handler alone µs, stock / eager | switch off: floor + stock handler / measured | switch on: floor + eager handler / measured | best ratio | measured ratio | target CPU/request |")
    w("|---|---|---|---|---|---|---|---|")
    for n in ns:
        wl = f"listing n={n}"
        f_on, f_off = cpu(wl, FLOOR_ON), cpu(wl, FLOOR_OFF)
        if f_on is None or f_off is None or wl not in ratios:
            continue
        f = (f_on + f_off) / 2
        hs, he = handler[(n, "stock")][0], handler[(n, "eager")][0]
        b = (f + he) / (f + hs)
        best[wl] = b
        w(f"| {n} | {f:.1f} ({f_on:.1f}, {f_off:.1f}) | {hs:.1f} / {he:.1f} | {f + hs:.1f} / {cpu(wl, OFF):.1f} | {f + he:.1f} / {cpu(wl, ON):.1f} "
          f"| {b:.2f}x | {ratios[wl][0]:.2f}x | ≤ {targets[wl][1]}x |")
    w("")
w("Server CPU is the server process's user + system time (every thread: event loop or carrier threads, GC, JIT)")
w("during the run divided by the requests completed. Each run:")
w("")
lines += runs_table(rows, "workload", "form")
write(out, lines)

# one row per run in the history table
lo, hi = load_range(rows)
def cell(wl):
    return f"{ratios[wl][0]:.2f}x / {ratios[wl][1]:.2f}x" if wl in ratios else "–"
def bcell(wl):
    return f"{best[wl]:.2f}x" if wl in best else "–"
if not os.path.exists(history):
    open(history, "w").write(
        "# WebFlux load history\n\n"
        "One row per run of `benchmarks/http/run-webflux.sh` (appended by the script): switch on / switch off, server CPU per\n"
        "request and req/s, ratios of medians within the run; \"best\" is (floor + eager handler) / (floor + stock handler),\n"
        "the CPU ratio the all-cached listing could reach at most. The latest run's tables are `webflux.md`; earlier runs'\n"
        "tables are in git history.\n\n"
        "| date (UTC) | build | rounds | load average (1 min) | N=100 CPU / req/s | N=100 best | N=20 CPU / req/s | N=20 best | N=100 remote | N=20 remote | one step |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|\n")
with open(history, "a") as h:
    h.write(f"| {now()} | `{build}` | {rounds} | {lo:.1f}–{hi:.1f} | {cell('listing n=100')} | {bcell('listing n=100')} | {cell('listing n=20')} | {bcell('listing n=20')} "
            f"| {cell('listing n=100, remote')} | {cell('listing n=20, remote')} | {cell('one step')} |\n")
PY
echo "wrote $OUT, appended to $HISTORY"
