#!/usr/bin/env bash
# Builds the shaded JMH jar, runs the target benchmarks side by side with -prof gc, and renders
# markdown tables and PNG plots from the JSON (io.reactoreager.benchmarks.report.Report), the
# targets table (benchmarks/targets.py) and one row of the history table.
#
#   benchmarks/run.sh [--quick] [-- extra JMH args]      (SKIP_BUILD=1: use the jar already built)
#
#   default:  3 forks of every target benchmark, intervals printed; ~12 minutes on 2 cores
#   --quick:  1 fork, short iterations; ~4 minutes; a smoke run, figures not comparable
#
# Writes benchmarks/results/latest-{async_tree,io,micro}.json, latest.md, latest/*.png and
# latest-targets.md, replacing the previous run, and appends one row to benchmarks/results/history.md
# (the default run only). On a machine others measure on too, serialise the runs:
#   flock LOCKFILE benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n 2,15p "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
name=latest
if $quick; then name=quick; fi

if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -pl benchmarks -am package -DskipTests
fi
jar=benchmarks/target/benchmarks.jar
out=benchmarks/results
mkdir -p "$out"
rm -rf "${out:?}/$name" "$out/$name.md" "$out/$name"-*.json "$out/$name-targets.md"

# suite <suffix> <include regex> <JMH args...>
run_suite() {
  local suffix="$1" include="$2"
  shift 2
  echo ">>> $suffix: $include $*"
  java -jar "$jar" "$include" -prof gc -rf json -rff "$out/$name-$suffix.json" "$@" ${extra[@]+"${extra[@]}"}
}

t='asynctree\.AsyncTree'
none_memo="(${t}NoneBenchmark\.(plain|completableFuture|executionFlow|reactor|eager|eagerSwitchOff|eagerTaskGroup)"
none_memo+="|${t}MemoizationBenchmark\.(timerFloor|executionFlow|reactor|eager|eagerSwitchOff|eagerTaskGroup|eagerWhen|eagerWhenSwitchOff))$"
io_mixed="(${t}IoBenchmark\.(timerFloor|reactor|eager|eagerSwitchOff|eagerTaskGroup)"
io_mixed+="|${t}CpuIoMixedBenchmark\.(plain|reactor|eager|eagerSwitchOff|eagerTaskGroup))$"
# the step-cost sweep, the switch-off twins against stock, and FilterWhen's target
micro='benchmarks\.(chain\.StepCostSweepBenchmark\.|chain\.(FiveStepChain|Gather)Benchmark\.(reactor|reactorZip|eager|eagerPrebuilt|eagerSwitchOff)$|FilterWhenBenchmark\.(eager|reactor|eagerSwitchOff)$)'

if $quick; then
  run_suite async_tree "$none_memo" -f 1 -wi 1 -w 1s -i 2 -r 1s
  run_suite io "$io_mixed" -f 1 -wi 1 -w 1s -i 2 -r 1s
  run_suite micro "$micro" -f 1 -wi 1 -w 300ms -i 2 -r 200ms -p children=10
else
  # a tree takes 0.2-5 ms (none, memoization, io): 1 s iterations hold hundreds
  run_suite async_tree "$none_memo" -f 3 -wi 2 -w 1s -i 2 -r 1s
  # cpu_io_mixed takes ~300 ms a tree: 2 s iterations
  run_suite io "$io_mixed" -f 3 -wi 1 -w 1s -i 2 -r 2s
  run_suite micro "$micro" -f 3 -wi 1 -w 200ms -i 2 -r 200ms -p children=10
fi

java -Djava.awt.headless=true -cp "$jar" io.reactoreager.benchmarks.report.Report "$out" "$name" \
  "$out/$name-async_tree.json" "$out/$name-io.json" "$out/$name-micro.json"

if command -v python3 >/dev/null; then
  python3 benchmarks/targets.py "$out/$name-async_tree.json" "$out/$name-io.json" "$out/$name-micro.json" \
    > "$out/$name-targets.md"
  echo "wrote $out/$name-targets.md"
  if ! $quick; then
    python3 benchmarks/targets.py --history-row "$(git rev-parse --short HEAD)" \
      "$out/$name-async_tree.json" "$out/$name-io.json" "$out/$name-micro.json" >> "$out/history.md"
    echo "appended a row to $out/history.md"
  fi
fi
