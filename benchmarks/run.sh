#!/usr/bin/env bash
# Builds the shaded JMH jar, runs the benchmark suites side by side with -prof gc, and renders
# markdown tables and PNG plots from the JSON (io.reactoreager.benchmarks.report.Report).
#
#   benchmarks/run.sh [--quick] [NAME] [-- extra JMH args]
#
#   full   (default): ~18 minutes on 2 cores (15m51s measured with 70 micro runs; the nine FilterWhen
#                     variants added on 2026-11-26 add about 9 x 9 s) (29 async_tree runs, 79 micro runs, one fork each)
#   --quick:          ~2.5-3 minutes; short iterations, chain length 5 and 10 gather children only
#
# Writes benchmarks/results/NAME-*.json (one per suite), benchmarks/results/NAME.md and
# benchmarks/results/NAME/*.png and benchmarks/results/NAME-targets.md (benchmarks/targets.py).
# NAME defaults to "full" or "quick".
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
name=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) name="$1" ;;
  esac
  shift
done
if [ -z "$name" ]; then
  if $quick; then name=quick; else name=full; fi
fi

./mvnw -B -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
out=benchmarks/results
mkdir -p "$out"

# suite <suffix> <include regex> <JMH timing args...>
run_suite() {
  local suffix="$1" include="$2"
  shift 2
  echo ">>> $suffix: $include $*"
  java -jar "$jar" "$include" -prof gc -rf json -rff "$out/$name-$suffix.json" "$@" ${extra[@]+"${extra[@]}"}
}

# chains 1/5/20 x resolved/pending/lazy, five-step chain, gather 2/10/100, EagerFlux.flatMap,
# FilterWhen (micronaut #7706), counting on/off
micro='benchmarks\.(chain\.|FilterWhenBenchmark|StatsOverheadBenchmark)'

if $quick; then
  t=(-f 1 -wi 1 -w 500ms -i 2 -r 500ms)
  run_suite async_tree 'asynctree\.AsyncTree(None|Io|Memoization)Benchmark' "${t[@]}"
  run_suite cpu_io_mixed 'asynctree\.AsyncTreeCpuIoMixedBenchmark' -f 1 -wi 1 -w 1s -i 2 -r 1s
  run_suite micro "$micro" "${t[@]}" -p length=5 -p children=10
else
  # a tree operation takes 2-60 ms: 2 s iterations hold 30-1,000 of them
  run_suite async_tree 'asynctree\.AsyncTree(None|Io|Memoization)Benchmark' -f 1 -wi 3 -w 1s -i 4 -r 2s
  run_suite cpu_io_mixed 'asynctree\.AsyncTreeCpuIoMixedBenchmark' -f 1 -wi 2 -w 2s -i 4 -r 2s
  run_suite micro "$micro" -f 1 -wi 3 -w 1s -i 5 -r 1s
fi

java -Djava.awt.headless=true -cp "$jar" io.reactoreager.benchmarks.report.Report "$out" "$name" \
  "$out/$name-async_tree.json" "$out/$name-cpu_io_mixed.json" "$out/$name-micro.json"

# the issue's targets, met or missed, from the same JSON
if command -v python3 >/dev/null; then
  python3 benchmarks/targets.py "$out/$name-async_tree.json" "$out/$name-cpu_io_mixed.json" "$out/$name-micro.json" \
    > "$out/$name-targets.md"
  echo "wrote $out/$name-targets.md"
fi
