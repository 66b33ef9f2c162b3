package io.reactoreager.benchmarks.asynctree;

import io.reactoreager.EagerPolicy;

/**
 * Everything one async_tree benchmark needs for one workload: the shared state, the event loop
 * timer and one instance of each implementation. On creation it runs every implementation once
 * (eager with the switch on and off) and fails if any disagrees with the plain recursion on the checksum or the counters, so a
 * benchmark never reports the speed of a tree that computed something else.
 */
public final class AsyncTreeFixture implements AutoCloseable {
    private final AsyncTreeState state;
    private final IoTimer timer;
    private final PlainAsyncTree plain;
    private final FutureAsyncTree future;
    private final ReactorAsyncTree reactor;
    private final FlowAsyncTree flow;
    private final EagerAsyncTree eager;

    /** The pyperformance shape (depth 6, 6 branches) and the scaled I/O delay. */
    public AsyncTreeFixture(AsyncTreeWorkload workload) {
        this(workload, AsyncTreeWorkload.DEPTH, AsyncTreeWorkload.BRANCHES, AsyncTreeWorkload.IO_DELAY_MICROS);
    }

    public AsyncTreeFixture(AsyncTreeWorkload workload, int depth, int branches, long ioDelayMicros) {
        this.state = new AsyncTreeState(workload);
        this.timer = new IoTimer(ioDelayMicros);
        this.plain = new PlainAsyncTree(state, depth, branches);
        this.future = new FutureAsyncTree(state, timer, depth, branches);
        this.reactor = new ReactorAsyncTree(state, timer, depth, branches);
        this.flow = new FlowAsyncTree(state, timer, depth, branches);
        this.eager = new EagerAsyncTree(state, timer, depth, branches);
    }

    /**
     * Runs every implementation once and throws if any disagrees with the plain recursion on the
     * checksum or the counters; eager runs with the switch on and off (the switch is restored).
     *
     * @param includeEager whether to check the eager tree too
     */
    public void verify(boolean includeEager) {
        long expected = plain.run();
        String counters = counters();
        check("CompletableFuture", future.run(), expected, counters);
        check("Reactor", reactor.run(), expected, counters);
        check("ExecutionFlow", flow.run(), expected, counters);
        if (state.workload() == AsyncTreeWorkload.NONE) {
            check("ExecutionFlow fold", flow.runFold(), expected, counters);
        }
        if (!includeEager) {
            return;
        }
        boolean switchOn = EagerPolicy.isEnabled();
        try {
            EagerPolicy.setEnabled(true);
            check("eager", eager.run(), expected, counters);
            check("eager gather", eager.runGather(), expected, counters);
            EagerPolicy.setEnabled(false);
            check("eager, switch off", eager.run(), expected, counters);
            check("eager gather, switch off", eager.runGather(), expected, counters);
        } finally {
            EagerPolicy.setEnabled(switchOn);
        }
    }

    private void check(String name, long actual, long expected, String counters) {
        if (actual != expected || !counters().equals(counters)) {
            throw new IllegalStateException(name + " tree computed " + actual + " " + counters()
                    + ", plain recursion " + expected + " " + counters);
        }
    }

    /** The counters of the last run, e.g. {@code calls=55987 io=0 hits=0 cpu=0}. */
    public String counters() {
        return "calls=" + state.calls() + " io=" + state.ioCalls() + " hits=" + state.cacheHits()
                + " cpu=" + state.cpuLeaves();
    }

    public AsyncTreeState state() {
        return state;
    }

    public IoTimer timer() {
        return timer;
    }

    public PlainAsyncTree plain() {
        return plain;
    }

    public FutureAsyncTree future() {
        return future;
    }

    public ReactorAsyncTree reactor() {
        return reactor;
    }

    public FlowAsyncTree flow() {
        return flow;
    }

    public EagerAsyncTree eager() {
        return eager;
    }

    @Override
    public void close() {
        timer.close();
    }
}
