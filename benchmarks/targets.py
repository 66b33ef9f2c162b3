#!/usr/bin/env python3
"""Checks the issue's performance targets against JMH JSON results (from benchmarks/run.sh).

    python3 benchmarks/targets.py benchmarks/results/latest-*.json
    python3 benchmarks/targets.py --history-row BUILD benchmarks/results/latest-*.json   (one row of history.md)

Prints one markdown table row per target: the figures it compares (ops/s or ops/us as JMH
reported them, with JMH's 99.9% interval, bytes/op from -prof gc), the ratio, and met / missed;
the step-cost rows fit ns/step and B/step by least squares over the chain lengths of
StepCostSweepBenchmark. Nothing here is typed by hand: every figure is read from the JSON given.
"""
import json
import sys


def load(paths):
    rows = {}
    for path in paths:
        with open(path) as f:
            for r in json.load(f):
                cls, method = r["benchmark"].rsplit(".", 1)
                cls = cls.rsplit(".", 1)[1]
                params = tuple(sorted((r.get("params") or {}).items()))
                pm = r["primaryMetric"]
                gc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {})
                rows[(cls, method, params)] = {
                    "score": pm["score"], "error": num(pm["scoreError"]), "unit": pm["scoreUnit"],
                    "bytes": gc.get("score", float("nan")),
                }
    return rows


def num(x):
    """JMH writes "NaN" (a string) for the error when there were too few samples."""
    try:
        return float(x)
    except (TypeError, ValueError):
        return float("nan")


def fmt(x):
    if x != x:
        return "n/a"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 1:
        return f"{x:.2f}"
    return f"{x:.3g}"


def main(paths):
    rows = load(paths)

    def get(cls, method, **params):
        key = (cls, method, tuple(sorted((k, str(v)) for k, v in params.items())))
        return rows.get(key)

    out = ["| target | figures (this run, ± 99.9% interval) | ratio | verdict |", "|---|---|---:|---|"]

    def fig(r):
        e = "" if r["error"] != r["error"] else f" ± {fmt(r['error'])}"
        return f"{fmt(r['score'])}{e}"

    def throughput(name, a, b, la, lb, factor):
        if a is None or b is None:
            out.append(f"| {name} | not measured | - | not measured |")
            return
        ratio = a["score"] / b["score"]
        verdict = "(no target)" if factor == 0 else "met" if ratio >= factor else "missed"
        out.append(f"| {name} | {la} {fig(a)} vs {lb} {fig(b)} {a['unit']} | {ratio:.2f}x | {verdict} |")

    def alloc(name, a, b, la, lb, factor):
        if a is None or b is None:
            out.append(f"| {name} | not measured | - | not measured |")
            return
        ratio = a["bytes"] / b["bytes"]
        verdict = "met" if ratio <= factor else "missed"
        out.append(f"| {name} | {la} {fmt(a['bytes'])} vs {lb} {fmt(b['bytes'])} B/op | {ratio:.3f}x | {verdict} |")

    t = "AsyncTree{}Benchmark"
    none = t.format("None")
    throughput("`none`: eager ≥ ExecutionFlow", get(none, "eager"), get(none, "executionFlow"), "eager", "ExecutionFlow", 1)
    alloc("`none`: eager bytes/op ≤ ExecutionFlow's", get(none, "eager"), get(none, "executionFlow"), "eager", "ExecutionFlow", 1)
    throughput("`none`: eager ≥ 0.6x plain Java", get(none, "eager"), get(none, "plain"), "eager", "plain", 0.6)
    throughput("`none`: eager vs CompletableFuture", get(none, "eager"), get(none, "completableFuture"), "eager", "CF", 0)
    memo = t.format("Memoization")
    throughput("`memoization`: eager ≥ 3x stock Reactor", get(memo, "eager"), get(memo, "reactor"), "eager", "stock", 3)
    throughput("`memoization`: eager vs ExecutionFlow", get(memo, "eager"), get(memo, "executionFlow"), "eager", "ExecutionFlow", 0)
    throughput("`memoization`, when shape: `Eager.when` vs stock `Mono.when` (switch off)", get(memo, "eagerWhen"),
               get(memo, "eagerWhenSwitchOff"), "eager", "stock", 1)
    throughput("`memoization`: timer floor (plain Java + the same timers, composing nothing) vs stock", get(memo, "timerFloor"),
               get(memo, "reactor"), "floor", "stock", 0)
    io = t.format("Io")
    throughput("`io`: eager ≥ stock Reactor", get(io, "eager"), get(io, "reactor"), "eager", "stock", 1)
    throughput("`io`: timer floor vs stock", get(io, "timerFloor"), get(io, "reactor"), "floor", "stock", 0)
    mixed = t.format("CpuIoMixed")
    throughput("`cpu_io_mixed`: eager ≥ 1.5x stock Reactor", get(mixed, "eager"), get(mixed, "reactor"), "eager", "stock", 1.5)
    throughput("`cpu_io_mixed`: plain Java (no composition, no wait) vs stock", get(mixed, "plain"), get(mixed, "reactor"),
               "plain", "stock", 0)
    for w, factor in (("None", 2), ("Io", 1), ("Memoization", 1), ("CpuIoMixed", 1)):
        c = t.format(w)
        throughput(f"`{w}`, task groups: eager task group ≥ {factor}x stock Reactor", get(c, "eagerTaskGroup"),
                   get(c, "reactor"), "task group", "stock", factor)
    fw = "FilterWhenBenchmark"
    throughput("FilterWhen (#7706): eager ≥ 3x stock", get(fw, "eager"), get(fw, "reactor"), "eager", "stock", 3)

    # the step-cost sweep: marginal ns/step and B/step by least squares over the chain lengths
    sweep = {}
    for (cls, method, params), r in rows.items():
        if cls == "StepCostSweepBenchmark":
            steps = dict(params).get("steps")
            if steps is not None:
                sweep.setdefault(method, []).append((float(steps), nanos(r["score"], r["unit"]), r["bytes"]))

    def slope(points, i):
        if len(points) < 2:
            return float("nan")
        xs = [p[0] for p in points]
        ys = [p[i] for p in points]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        sxx = sum((x - mx) ** 2 for x in xs)
        return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else float("nan")

    def per_step(method, i):
        return slope(sweep.get(method, []), i)

    def sweep_row(name, value, bound, unit, verdict_ok):
        if value != value or bound != bound:
            out.append(f"| {name} | not measured | - | not measured |")
            return
        out.append(f"| {name} | {fmt(value)} vs {fmt(bound)} {unit} | {value / bound:.3f}x | {'met' if verdict_ok else 'missed'} |")

    e, st, ef = per_step("eager", 1), per_step("reactor", 1), per_step("executionFlow", 1)
    sweep_row("step cost: eager `transform` ns/step ≤ 1/20 of stock's", e, st / 20, "ns/step (stock/20)", e <= st / 20)
    sweep_row("step cost: eager `transform` ns/step ≤ ExecutionFlow's", e, ef, "ns/step", e <= ef)
    fl = per_step("eagerFluent", 1)
    sweep_row("step cost: eager fluent ns/step ≤ 1/20 of stock's", fl, st / 20, "ns/step (stock/20)", fl <= st / 20)
    sweep_row("step cost: eager fluent ns/step ≤ ExecutionFlow's", fl, ef, "ns/step", fl <= ef)
    eb, fb = per_step("eager", 2), per_step("eagerFluent", 2)
    sweep_row("step cost: eager `transform` ≤ 24 B/step", eb, 24.0, "B/step", eb <= 24)
    sweep_row("step cost: eager fluent ≤ 16 B/step", fb, 16.0, "B/step", fb <= 16)

    # switch off at least 0.9x stock, everywhere both exist
    seen = sorted({(k[0], k[2]) for k in rows})
    for cls, params in seen:
        a = rows.get((cls, "eagerSwitchOff", params))
        b = rows.get((cls, "reactor", params))
        if a is None or b is None:
            continue
        label = cls.replace("Benchmark", "") + (" " + ", ".join(f"{k}={v}" for k, v in params) if params else "")
        if a["unit"].startswith("ops"):
            ratio = a["score"] / b["score"]
        else:
            ratio = b["score"] / a["score"]  # time per operation: lower is better
        out.append(f"| switch off ≥ 0.9x stock: {label} | switch off {fig(a)} vs stock {fig(b)} {a['unit']} | "
                   f"{ratio:.2f}x | {'met' if ratio >= 0.9 else 'missed'} |")
    print("\n".join(out))


def nanos(score, unit):
    """Nanoseconds per operation from a JMH score."""
    return {"ns/op": score, "us/op": score * 1e3, "ms/op": score * 1e6, "ops/ns": 1 / score,
            "ops/us": 1e3 / score, "ops/ms": 1e6 / score, "ops/s": 1e9 / score}[unit]


HISTORY_HEADER = ("| date | build | forks | `none` eager / ExecutionFlow | `none` eager / plain | `memoization` eager / stock "
                  "| `io` eager / stock | `cpu_io_mixed` eager / stock | `none` task group / stock | FilterWhen eager / stock "
                  "| lowest switch off / stock |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


def history_row(build, paths, date=None):
    """One row of benchmarks/results/history.md: the headline ratios of one run."""
    import datetime
    rows = load(paths)

    def ratio(cls, a, b):
        x, y = rows.get((cls, a, ())), rows.get((cls, b, ()))
        return f"{x['score'] / y['score']:.2f}x" if x and y else "-"

    forks = set()
    for path in paths:
        with open(path) as f:
            for r in json.load(f):
                forks.add(r.get("forks"))
    offs = []
    for (cls, method, params), a in rows.items():
        b = rows.get((cls, "reactor", params))
        if method == "eagerSwitchOff" and b:
            offs.append(a["score"] / b["score"] if a["unit"].startswith("ops") else b["score"] / a["score"])
    when = date or datetime.date.today().isoformat()
    t = "AsyncTree{}Benchmark"
    return (f"| {when} | {build} | {'/'.join(str(f) for f in sorted(forks))} "
            f"| {ratio(t.format('None'), 'eager', 'executionFlow')} | {ratio(t.format('None'), 'eager', 'plain')} "
            f"| {ratio(t.format('Memoization'), 'eager', 'reactor')} | {ratio(t.format('Io'), 'eager', 'reactor')} "
            f"| {ratio(t.format('CpuIoMixed'), 'eager', 'reactor')} | {ratio(t.format('None'), 'eagerTaskGroup', 'reactor')} "
            f"| {ratio('FilterWhenBenchmark', 'eager', 'reactor')} | {f'{min(offs):.2f}x' if offs else '-'} |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if sys.argv[1] == "--history-header":
        print(HISTORY_HEADER)
    elif sys.argv[1] == "--history-row":
        print(history_row(sys.argv[2], sys.argv[3:]))
    else:
        main(sys.argv[1:])
