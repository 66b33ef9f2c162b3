# Shared by run-http.sh and run-webflux.sh (sourced, not run): the measured rounds and the record
# of each run. The sourcing script defines
#   load DURATION URL PID   one load run against URL, wrk's output format on stdout (a line
#                           "Server CPU ticks: N" in it replaces the ticks read around the run)
#   run_target ROUND TARGET reads its own TARGET format and calls measure_run
# and sets WORK (a scratch directory), RUNS (the rows file), DURATION and ROUNDS.

TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime of a process

# measure_run ROUND KEY1 KEY2 PID URL: one measured run of URL, whose server process is PID; appends
# "round key1 key2 req/s p50 p99 loadavg errors cpu-us/request" (tab-separated) to RUNS.
measure_run() {
  local round=$1 key1=$2 key2=$3 spid=$4 url=$5
  local loadavg before after ticks requests cpu_us rps p50 p99 errs
  loadavg=$(cut -d' ' -f1 /proc/loadavg)
  echo "round $round: $key1, $key2 (load $loadavg)"
  before=$(cpu_ticks "$spid")
  load "$DURATION" "$url" "$spid" >"$WORK/wrk.txt"
  after=$(cpu_ticks "$spid")
  ticks=$(awk '/^Server CPU ticks:/ {print $4}' "$WORK/wrk.txt")
  [[ -n "$ticks" ]] || ticks=$((after - before))
  requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
  # server process CPU (all its threads: event loop or carriers, GC, JIT) per request, in microseconds
  cpu_us=$(awk -v t="$ticks" -v hz="$TICKS" -v n="$requests" 'BEGIN {printf "%.2f", t * 1e6 / hz / n}')
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
  errs=$(awk '/Socket errors|Non-2xx/ {printf "%s ", $0}' "$WORK/wrk.txt")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$key1" "$key2" "$rps" "$p50" "$p99" "$loadavg" "${errs:-none}" "$cpu_us" >>"$RUNS"
  echo "  $rps req/s, p50 $p50, p99 $p99, server CPU ${cpu_us} us/request ${errs}"
}

# rounds TARGET...: ROUNDS rounds, each running every target once; the order rotates each round,
# so load drift on a shared machine does not always hit the same target.
rounds() {
  local targets=("$@") n=$# round i
  : >"$RUNS"
  for round in $(seq 1 "$ROUNDS"); do
    for i in $(seq 0 $((n - 1))); do
      run_target "$round" "${targets[$(((i + round - 1) % n))]}"
    done
  done
}
