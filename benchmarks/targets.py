#!/usr/bin/env python3
"""Checks the issue's performance targets against JMH JSON results (from benchmarks/run.sh).

    python3 benchmarks/targets.py benchmarks/results/full-*.json

Prints one markdown table row per target: the figures it compares (ops/s or ops/us as JMH
reported them, bytes/op from -prof gc), the ratio, and met / missed. "Within noise" means the
two 99.9% confidence intervals JMH reports overlap. Nothing here is typed by hand: every figure
is read from the JSON given.
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

    out = ["| target | figures (this run) | ratio | verdict |", "|---|---|---:|---|"]

    def throughput(name, a, b, la, lb, factor):
        if a is None or b is None:
            out.append(f"| {name} | not measured | - | not measured |")
            return
        ratio = a["score"] / b["score"]
        verdict = "(no target)" if factor == 0 else "met" if ratio >= factor else "missed"
        out.append(f"| {name} | {la} {fmt(a['score'])} vs {lb} {fmt(b['score'])} {a['unit']} | {ratio:.2f}x | {verdict} |")

    def alloc(name, a, b, la, lb, factor):
        if a is None or b is None:
            out.append(f"| {name} | not measured | - | not measured |")
            return
        ratio = a["bytes"] / b["bytes"]
        verdict = "met" if ratio <= factor else "missed"
        out.append(f"| {name} | {la} {fmt(a['bytes'])} vs {lb} {fmt(b['bytes'])} B/op | {ratio:.3f}x | {verdict} |")

    def noise(name, a, b):
        if a is None or b is None:
            out.append(f"| {name} | not measured | - | not measured |")
            return
        if a["error"] != a["error"] or b["error"] != b["error"]:
            out.append(f"| {name} | switch off {fmt(a['score'])} vs stock {fmt(b['score'])} {a['unit']} | "
                       f"{a['score'] / b['score']:.2f}x | no error bars (too few iterations) |")
            return
        lo_a, hi_a = a["score"] - a["error"], a["score"] + a["error"]
        lo_b, hi_b = b["score"] - b["error"], b["score"] + b["error"]
        overlap = lo_a <= hi_b and lo_b <= hi_a
        ratio = a["score"] / b["score"]
        out.append(f"| {name} | switch off {fmt(a['score'])} ± {fmt(a['error'])} vs stock {fmt(b['score'])} ± "
                   f"{fmt(b['error'])} {a['unit']} | {ratio:.2f}x | {'met (intervals overlap)' if overlap else 'missed (intervals apart)'} |")

    t = "AsyncTree{}Benchmark"
    none = t.format("None")
    throughput("`none`: eager ≥ CompletableFuture", get(none, "eager"), get(none, "completableFuture"), "eager", "CF", 1)
    throughput("`none`: eager ≥ ExecutionFlow", get(none, "eager"), get(none, "executionFlow"), "eager", "ExecutionFlow", 1)
    throughput("`none`: eager ≥ 0.8x plain Java", get(none, "eager"), get(none, "plain"), "eager", "plain", 0.8)
    alloc("`none`: eager bytes/op ≤ CompletableFuture's", get(none, "eager"), get(none, "completableFuture"), "eager", "CF", 1)
    for w in ("Memoization", "CpuIoMixed"):
        c = t.format(w)
        throughput(f"`{w}`: eager ≥ 3x stock Reactor", get(c, "eager"), get(c, "reactor"), "eager", "stock", 3)
    io = t.format("Io")
    throughput("`io`: eager ≥ stock Reactor", get(io, "eager"), get(io, "reactor"), "eager", "stock", 1)
    for w in ("None", "Io", "Memoization", "CpuIoMixed"):
        c = t.format(w)
        throughput(f"`{w}`, task group: eager task group vs stock Reactor", get(c, "eagerTaskGroup"),
                   get(c, "reactor"), "task group", "stock", 0)
    five = "FiveStepChainBenchmark"
    throughput("5-step chain, resolved: eager ≥ 20x stock", get(five, "eager"), get(five, "reactor"), "eager", "stock", 20)
    alloc("5-step chain, resolved: eager bytes/op ≤ 1/8 stock's", get(five, "eager"), get(five, "reactor"), "eager", "stock", 0.125)
    throughput("5-step chain, resolved: eager ≥ CompletableFuture (Mono core issue)", get(five, "eager"),
               get(five, "completableFuture"), "eager", "CF", 1)
    throughput("5-step chain, prebuilt transforms: eager vs stock", get(five, "eagerPrebuilt"),
               get(five, "reactor"), "eager prebuilt", "stock", 0)
    throughput("5-step chain, prebuilt transforms: eager vs CompletableFuture", get(five, "eagerPrebuilt"),
               get(five, "completableFuture"), "eager prebuilt", "CF", 0)
    throughput("`none`: eager (gather) vs stock Reactor", get(none, "eagerGather"), get(none, "reactor"), "eager gather", "stock", 0)
    throughput("`none`: eager (gather) vs CompletableFuture", get(none, "eagerGather"), get(none, "completableFuture"),
               "eager gather", "CF", 0)
    ff = "FluxFlatMapBenchmark"
    throughput("EagerFlux.flatMap, mostly resolved inners: eager vs stock", get(ff, "eager"), get(ff, "reactor"), "eager", "stock", 0)
    fw = "FilterWhenBenchmark"
    throughput("FilterWhen (#7706): eager ≥ 3x stock", get(fw, "eager"), get(fw, "reactor"), "eager", "stock", 3)
    throughput("FilterWhen (#7706): eager ≥ CompletableFuture", get(fw, "eager"), get(fw, "completableFuture"), "eager", "CF", 1)
    throughput("FilterWhen (#7706), whole buffer: eager vs stock", get(fw, "eagerWholeBuffer"), get(fw, "reactor"),
               "eager whole buffer", "stock", 0)
    throughput("FilterWhen (#7706), whole buffer: eager vs CompletableFuture", get(fw, "eagerWholeBuffer"),
               get(fw, "completableFuture"), "eager whole buffer", "CF", 0)
    throughput("FilterWhen, all resolved: eager vs stock", get(fw, "eagerAllResolved"), get(fw, "reactorAllResolved"),
               "eager", "stock", 0)
    throughput("FilterWhen, all resolved: eager vs CompletableFuture", get(fw, "eagerAllResolved"),
               get(fw, "completableFutureAllResolved"), "eager", "CF", 0)
    noise("switch off ≈ stock: FilterWhen, all resolved", get(fw, "eagerAllResolvedSwitchOff"), get(fw, "reactorAllResolved"))
    throughput("FilterWhen (#7706), Eager.just, whole buffer: eager vs CompletableFuture", get(fw, "eagerJustWholeBuffer"),
               get(fw, "completableFuture"), "eager", "CF", 0)
    throughput("FilterWhen, Eager.just, all resolved: eager vs CompletableFuture", get(fw, "eagerJustAllResolved"),
               get(fw, "completableFutureAllResolved"), "eager", "CF", 0)
    throughput("FilterWhen, all resolved: Reactor floor (sync filter) vs CompletableFuture",
               get(fw, "reactorSyncFloorAllResolved"), get(fw, "completableFutureAllResolved"), "floor", "CF", 0)
    so = "StatsOverheadBenchmark"
    throughput("Counting costs < 5% (eager, counters on / off ≥ 0.95)", get(so, "eager", stats="true"),
               get(so, "eager", stats="false"), "on", "off", 0.95)
    # switch off within noise of stock, everywhere both exist
    seen = sorted({(k[0], k[2]) for k in rows})
    for cls, params in seen:
        a = rows.get((cls, "eagerSwitchOff", params))
        b = rows.get((cls, "reactor", params))
        if a is None or b is None:
            continue
        label = cls.replace("Benchmark", "") + (" " + ", ".join(f"{k}={v}" for k, v in params) if params else "")
        noise(f"switch off ≈ stock: {label}", a, b)
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
