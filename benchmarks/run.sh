#!/usr/bin/env bash
# Builds the shaded JMH jar, runs the benchmark suites side by side with -prof gc, and renders
# markdown tables and PNG plots from the JSON (io.reactoreager.benchmarks.report.Report).
#
#   benchmarks/run.sh [--quick] [NAME] [-- extra JMH args]
#
#   full   (default): ~16-20 minutes on 2 cores
#   --quick:          ~2-3 minutes; short iterations, chain length 5 and 10 gather children only
#
# Writes benchmarks/results/NAME-*.json (one per suite), benchmarks/results/NAME.md and
# benchmarks/results/NAME/*.png. NAME defaults to "full" or "quick".
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
name=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
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

if $quick; then
  t=(-f 1 -wi 1 -w 500ms -i 2 -r 500ms)
  run_suite async_tree 'asynctree\.AsyncTree(None|Io|Memoization)Benchmark' "${t[@]}"
  run_suite cpu_io_mixed 'asynctree\.AsyncTreeCpuIoMixedBenchmark' -f 1 -wi 1 -w 1s -i 2 -r 1s
  run_suite micro 'chain\.' "${t[@]}" -p length=5 -p children=10
else
  run_suite async_tree 'asynctree\.AsyncTree(None|Io|Memoization)Benchmark' -f 1 -wi 3 -w 2s -i 5 -r 2s
  run_suite cpu_io_mixed 'asynctree\.AsyncTreeCpuIoMixedBenchmark' -f 1 -wi 2 -w 4s -i 3 -r 5s
  run_suite micro 'chain\.' -f 1 -wi 3 -w 1s -i 5 -r 1s
fi

java -Djava.awt.headless=true -cp "$jar" io.reactoreager.benchmarks.report.Report "$out" "$name" \
  "$out/$name-async_tree.json" "$out/$name-cpu_io_mixed.json" "$out/$name-micro.json"
