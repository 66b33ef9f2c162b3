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
	 * Runs one implementation (a benchmark method name: {@code plain}, {@code timerFloor}, {@code completableFuture},
	 * {@code reactor}, {@code executionFlow}, {@code executionFlowFold}, {@code eager},
	 * {@code eagerGather}, {@code eagerTaskGroup}, {@code eagerSwitchOff}, {@code eagerWhen},
	 * {@code eagerWhenSwitchOff}) once and throws if it disagrees with the plain
	 * recursion on the checksum or the counters. Eager runs with the switch its method uses, and the
	 * switch is restored afterwards.
	 */
	public void verify(String implementation) {
		long expected = plain.run();
		String counters = counters();
		boolean switchOn = EagerPolicy.isEnabled();
		try {
			long actual;
			switch (implementation) {
				case "plain": actual = plain.run(); break;
				case "timerFloor": actual = plain.runAwaitingTimers(timer); break;
				case "completableFuture": actual = future.run(); break;
				case "reactor": actual = reactor.run(); break;
				case "executionFlow": actual = flow.run(); break;
				case "executionFlowFold": actual = flow.runFold(); break;
				case "eager": EagerPolicy.setEnabled(true); actual = eager.run(); break;
				case "eagerGather": EagerPolicy.setEnabled(true); actual = eager.runGather(); break;
				case "eagerTaskGroup": EagerPolicy.setEnabled(true); actual = eager.runGroup(); break;
				case "eagerSwitchOff": EagerPolicy.setEnabled(false); actual = eager.run(); break;
				case "eagerWhen": EagerPolicy.setEnabled(true); actual = eager.runWhen(); break;
				case "eagerWhenSwitchOff": EagerPolicy.setEnabled(false); actual = eager.runWhen(); break;
				default: throw new IllegalArgumentException("unknown implementation " + implementation);
			}
			check(implementation, actual, expected, counters);
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
