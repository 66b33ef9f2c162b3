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
# stock-written listing on flux-off (pure stock Reactor), the imperative listing on mvc-vt; and the
# one-step lookup on flux-on and flux-off.
#
# Each target gets one warm-up run, then ROUNDS rounds run every target once, the order rotating
# each round. The server's CPU time (utime + stime of the java process, every thread) is read from
# /proc/PID/stat before and after each run. Servers are stopped by pid. Writes OUT.
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
WORK="$(mktemp -d /tmp/run-webflux.XXXXXX)"

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
TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime of a process

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

RUNS="$WORK/runs.tsv"
: >"$RUNS"
n=${#TARGETS[@]}
for round in $(seq 1 "$ROUNDS"); do
  for i in $(seq 0 $((n - 1))); do
    t=${TARGETS[$(((i + round - 1) % n))]}
    IFS='|' read -r workload form server path <<<"$t"
    loadavg=$(cut -d' ' -f1 /proc/loadavg)
    echo "round $round: $workload, $form (load $loadavg)"
    spid=${SERVER_PID[$server]}
    before=$(cpu_ticks "$spid")
    load "$DURATION" "$(url_of "$t")" >"$WORK/wrk.txt"
    after=$(cpu_ticks "$spid")
    requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
    # server process CPU (all its threads: event loop or carriers, GC, JIT) per request, in microseconds
    cpu_us=$(awk -v t="$((after - before))" -v hz="$TICKS" -v n="$requests" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
    errs=$(awk '/Socket errors|Non-2xx/ {printf "%s ", $0}' "$WORK/wrk.txt")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$workload" "$form" "$rps" "$p50" "$p99" "$loadavg" "${errs:-none}" "$cpu_us" >>"$RUNS"
    echo "  $rps req/s, p50 $p50, p99 $p99, server CPU ${cpu_us} us/request ${errs}"
  done
done

echo "the handler alone, without HTTP (benchmarks/http/ListingCost.java)..."
mkdir -p "$WORK/jar"
(cd "$WORK/jar" && unzip -q "$ROOT/$FLUX_JAR")
HANDLER_CP="$WORK/jar/BOOT-INF/classes:$(find "$WORK/jar/BOOT-INF/lib" -name '*.jar' | sort | tr '\n' ':')"
"${SERVER_CPU[@]}" "$JAVA" "${JVM_OPTS[@]}" -cp "$HANDLER_CP" benchmarks/http/ListingCost.java $NS | tee "$WORK/handler.txt"

MACHINE="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB, kernel $(uname -r); WebFlux on $("$JAVA" -version 2>&1 | head -1); MVC on $("$MVC_JAVA" -version 2>&1 | head -1); $( (wrk -v 2>&1 || true) | head -1 | cut -d" " -f1-2)"
mkdir -p "$(dirname "$OUT")"
python3 - "$RUNS" "$OUT" "$MACHINE" "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency URL" "$PIN" "$ROUNDS" "$WARMUP" "${HEAP}" "$WORK/handler.txt" <<'PY'
import statistics, sys, datetime
runs_path, out, machine, command, pin, rounds, warmup, heap, handler_path = sys.argv[1:10]

def ms(v):
    for unit, f in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if v.endswith(unit):
            return float(v[: -len(unit)]) * f
    raise ValueError(v)

rows = [l.rstrip("\n").split("\t") for l in open(runs_path) if l.strip()]
order, by = [], {}
for r in rows:
    key = (r[1], r[2])
    if key not in by:
        order.append(key)
    by.setdefault(key, []).append(r)
order.sort(key=lambda k: (k[0] == "one step", "remote" in k[0], int(k[0].split("=")[1].split(",")[0]) if "=" in k[0] else 0))

def med(key, col, conv=float):
    vals = [conv(r[col]) for r in by[key]]
    return statistics.median(vals), min(vals), max(vals)

lines = []
w = lines.append
w("# WebFlux load test: the eager listing with the switch on and off, stock, and MVC on virtual threads")
w("")
w(f"Generated by `benchmarks/http/run-webflux.sh` on {datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M')} UTC.")
w("")
w(f"- machine: {machine}")
w(f"- command: `{command}`, {rounds} rounds after a {warmup} warm-up per target; the order of targets rotates each round")
w(f"- servers: the packaged jars (`java -Xms{heap} -Xmx{heap} -XX:+UseParallelGC -jar ...`), Spring Boot 4.0.7 defaults otherwise")
w("- " + ("pinned: every server on CPU 1 (`taskset -c 1`), wrk on CPU 0 (`taskset -c 0`)" if pin == "1"
          else "not pinned: wrk and the servers share both cores"))
w("- loopback; load average (1 min) before each run in the last table")
w("")
w("| workload | form | req/s median (min–max) | p50 ms | p99 ms median (min–max) | server CPU µs/request median (min–max) |")
w("|---|---|---|---|---|---|")
for key in order:
    rps, p50, p99, cpu = med(key, 3), med(key, 4, ms), med(key, 5, ms), med(key, 8)
    w(f"| {key[0]} | {key[1]} | {rps[0]:,.0f} ({rps[1]:,.0f}–{rps[2]:,.0f}) | {p50[0]:.2f} | {p99[0]:.2f} ({p99[1]:.2f}–{p99[2]:.2f}) | {cpu[0]:.1f} ({cpu[1]:.1f}–{cpu[2]:.1f}) |")
w("")
w("Switch on against switch off (the same jar and handler), ratios of medians:")
w("")
w("| workload | req/s on / off | p99 on / off | CPU/request on / off | target | met |")
w("|---|---|---|---|---|---|")
targets = {"listing n=100": (2.0, 0.5), "listing n=20": (1.3, 0.75)}
workloads = []
for k in order:
    if k[0] not in workloads:
        workloads.append(k[0])
for wl in workloads:
    on, off = (wl, "eager operators, switch on"), (wl, "eager operators, switch off")
    if on not in by or off not in by:
        continue
    r = med(on, 3)[0] / med(off, 3)[0]
    p = med(on, 5, ms)[0] / med(off, 5, ms)[0]
    c = med(on, 8)[0] / med(off, 8)[0]
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
for l in open(handler_path):
    w(l.rstrip("\n"))
w("```")
w("")
w("Server CPU is the server process's user + system time (every thread: event loop or carrier threads, GC, JIT)")
w("during the run divided by the requests completed. Each run:")
w("")
w("| round | workload | form | req/s | p50 | p99 | server CPU µs/request | load avg (1 min) before | errors |")
w("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    w(f"| {r[0]} | {r[1]} | {r[2]} | {float(r[3]):,.0f} | {r[4]} | {r[5]} | {r[8]} | {r[6]} | {r[7].strip()} |")
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "wrote $OUT"
