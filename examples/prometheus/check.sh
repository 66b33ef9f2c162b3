#!/usr/bin/env bash
# A real Prometheus scrape of the demo service (examples/netty-service).
#
# Installs Debian's prometheus package if it is absent, starts the demo service (its embedded
# backend, the built-in load, then serving) and a Prometheus on loopback that scrapes the demo's
# /metrics every second, and checks through Prometheus's HTTP query API that:
#   1. the target is up and reactor_eager_steps_total{outcome="inline"} is present;
#   2. it increases after a few more requests;
#   3. every PromQL expression in docs/dashboards/*.json is accepted and returns data.
# Everything it started is stopped by process id on exit. Needs the project built first
# (it runs `./mvnw -pl examples/netty-service -am compile`, a no-op after ./mvnw -B verify).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/reactor-eager-prom.XXXXXX")"
PIDS=()
DEADLINE=$((SECONDS + 110))

log() { printf '[prometheus-check] %s\n' "$*"; }
fail() { log "FAIL: $*"; exit 1; }

cleanup() {
  local pid
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

need_apt() {
  # $1: command, $2: Debian package
  if ! command -v "$1" >/dev/null 2>&1; then
    log "installing Debian package $2"
    if ! apt-get install -y -q --no-install-recommends "$2" >"$WORK/apt.log" 2>&1; then
      apt-get update -q >"$WORK/apt-update.log" 2>&1
      apt-get install -y -q --no-install-recommends "$2" >"$WORK/apt.log" 2>&1 || { cat "$WORK/apt.log"; fail "could not install $2"; }
    fi
  fi
}
need_apt prometheus prometheus
need_apt curl curl
need_apt python3 python3

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# --- the demo service -----------------------------------------------------------------------
cd "$ROOT"
CP_FILE="$WORK/classpath.txt"
# compile is a no-op after ./mvnw verify; with it, Maven resolves the sibling modules to their
# target/classes (the last module written, netty-service, leaves its classpath in the file)
./mvnw -B -q -pl examples/netty-service -am compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" \
  -Dmdep.includeScope=runtime >"$WORK/mvn.log" 2>&1 || { cat "$WORK/mvn.log"; fail "could not build the demo's classpath"; }
CLASSES="$ROOT/examples/netty-service/target/classes"
# the time limit counts from here: the build above takes what it takes on a busy machine
DEADLINE=$((SECONDS + 110))

METRICS_PORT="$(free_port)"
java -cp "$CLASSES:$(cat "$CP_FILE")" io.reactoreager.examples.netty.Demo \
  --duration=2s --port=0 --metrics-port="$METRICS_PORT" --concurrency=8 >"$WORK/demo.log" 2>&1 &
PIDS+=($!)
log "demo service started (pid $!), metrics on 127.0.0.1:$METRICS_PORT"
until grep -q 'serving until Ctrl-C' "$WORK/demo.log" 2>/dev/null; do
  kill -0 "${PIDS[0]}" 2>/dev/null || { cat "$WORK/demo.log"; fail "the demo exited"; }
  [ $SECONDS -lt $DEADLINE ] || { cat "$WORK/demo.log"; fail "the demo did not finish its load in time"; }
  sleep 0.5
done
SERVICE_URL="$(sed -n 's/^catalogue service on \(http:[^ ]*\) .*/\1/p' "$WORK/demo.log")"
[ -n "$SERVICE_URL" ] || fail "could not read the service URL from the demo's output"
log "demo load done; service at $SERVICE_URL"

# --- Prometheus -----------------------------------------------------------------------------
PROM_PORT="$(free_port)"
PROM="http://127.0.0.1:$PROM_PORT"
cat >"$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: reactor-eager-demo
    metrics_path: /metrics
    static_configs:
      - targets: ['127.0.0.1:$METRICS_PORT']
YAML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
PIDS+=($!)
log "prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}') started (pid $!) on $PROM"

# query EXPR -> prints the JSON answer of /api/v1/query
query() {
  curl -sS --max-time 5 -G "$PROM/api/v1/query" --data-urlencode "query=$1"
}
# scalar EXPR -> prints the sum of the result's values, or nothing when there is no data
scalar() {
  query "$1" | python3 -c '
import json, sys
d = json.load(sys.stdin)
if d.get("status") != "success":
    sys.exit(1)
r = d["data"]["result"]
if r:
    print(sum(float(x["value"][1]) for x in r))
'
}
wait_for() {
  # $1: description, $2...: command that succeeds when done
  local what="$1"; shift
  until "$@"; do
    kill -0 "${PIDS[1]}" 2>/dev/null || { cat "$WORK/prometheus.log"; fail "prometheus exited"; }
    [ $SECONDS -lt $DEADLINE ] || { tail -20 "$WORK/prometheus.log"; fail "timed out waiting for $what"; }
    sleep 0.5
  done
}

target_up() { [ "$(scalar 'up{job="reactor-eager-demo"}' 2>/dev/null)" = "1.0" ]; }
wait_for "the first scrape" target_up
log "target is up"

INLINE='sum(reactor_eager_steps_total{job="reactor-eager-demo",outcome="inline"})'
inline_present() { [ -n "$(scalar "$INLINE" 2>/dev/null)" ]; }
wait_for 'reactor_eager_steps_total{outcome="inline"}' inline_present
BEFORE="$(scalar "$INLINE")"
log "reactor_eager_steps_total{outcome=\"inline\"} = $BEFORE"

for i in $(seq 1 20); do
  curl -sS --max-time 5 -o /dev/null "$SERVICE_URL/products/p$(( (i % 5) + 1 ))"
done
inline_increased() {
  local now
  now="$(scalar "$INLINE" 2>/dev/null)"
  [ -n "$now" ] && python3 -c "import sys; sys.exit(0 if float('$now') > float('$BEFORE') else 1)"
}
wait_for 'reactor_eager_steps_total{outcome="inline"} to increase' inline_increased
log "reactor_eager_steps_total{outcome=\"inline\"} increased to $(scalar "$INLINE") after 20 requests"

# --- the dashboard's expressions ------------------------------------------------------------
shopt -s nullglob
DASHBOARDS=("$ROOT"/docs/dashboards/*.json)
[ ${#DASHBOARDS[@]} -gt 0 ] || fail "no dashboard under docs/dashboards/"
# a rate over a window needs two samples in it: let a few more scrapes land
sleep 3
python3 - "$PROM" "${DASHBOARDS[@]}" <<'PY'
import json, sys, urllib.parse, urllib.request

prom, files = sys.argv[1], sys.argv[2:]
# Grafana's built-in variables, and any dashboard variable, get a value Prometheus accepts
def substitute(expr, variables):
    for name, value in variables.items():
        expr = expr.replace("${" + name + "}", value).replace("$" + name, value)
    return (expr.replace("$__rate_interval", "1m").replace("${__rate_interval}", "1m")
                .replace("$__interval", "1m").replace("${__interval}", "1m")
                .replace("$__range", "5m").replace("${__range}", "5m"))

def walk(node, found):
    if isinstance(node, dict):
        if isinstance(node.get("expr"), str) and node["expr"].strip():
            found.append(node["expr"])
        for v in node.values():
            walk(v, found)
    elif isinstance(node, list):
        for v in node:
            walk(v, found)

failed = 0
checked = 0
for path in files:
    with open(path) as f:
        board = json.load(f)
    variables = {}
    for var in board.get("templating", {}).get("list", []):
        name = var.get("name")
        if not name:
            continue
        if var.get("type") == "datasource":
            variables[name] = "prometheus"
        else:
            variables[name] = ".*" if var.get("includeAll") or var.get("multi") else str(
                (var.get("current") or {}).get("value") or ".*")
    exprs = []
    walk({k: v for k, v in board.items() if k != "templating"}, exprs)
    for expr in exprs:
        q = substitute(expr, variables)
        url = prom + "/api/v1/query?" + urllib.parse.urlencode({"query": q})
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                answer = json.load(r)
        except Exception as e:  # an HTTP 400 is Prometheus rejecting the expression
            body = getattr(e, "read", lambda: b"")().decode(errors="replace")
            print(f"  REJECTED  {q}\n            {e} {body}")
            failed += 1
            continue
        checked += 1
        result = answer.get("data", {}).get("result")
        if answer.get("status") != "success":
            print(f"  ERROR     {q}: {answer}")
            failed += 1
        elif not result:
            print(f"  NO DATA   {q}")
            failed += 1
        else:
            print(f"  ok        {q}  ({len(result) if isinstance(result, list) else 1} series)")
    print(f"{path}: {len(exprs)} expressions")
if checked == 0 and failed == 0:
    print("no PromQL expression found in the dashboards")
    sys.exit(1)
sys.exit(1 if failed else 0)
PY
log "PASS: scrape, inline steps increase and every dashboard expression (${SECONDS}s)"
