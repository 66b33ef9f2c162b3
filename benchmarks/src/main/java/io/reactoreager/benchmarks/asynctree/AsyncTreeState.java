package io.reactoreager.benchmarks.asynctree;

import java.util.Arrays;
import java.util.Objects;

/**
 * The state one async_tree run shares between its nodes, and the synchronous half of a leaf: the
 * random draws, the memoization cache and the counters. Every implementation (plain, futures,
 * Reactor, ExecutionFlow, eager) calls the same {@link #enterNode()} and {@link #leaf()}, so they
 * all do the same work and differ only in how they compose and wait.
 *
 * <p>Draws and cache updates happen before a leaf's I/O, and every implementation starts its
 * children in order on the calling thread, so the leaves draw in left-to-right order, as the
 * Python original does (its BFS task order and the eager DFS order both visit leaves left to
 * right). That is why the counters need no synchronisation: only the thread that calls
 * {@code run} touches them.
 *
 * <p>Each run starts from a fresh state ({@link #reset()}: reseeded, cache emptied), so every
 * JMH operation does identical work. pyperf instead reuses one instance across runs, so its cache
 * stays warm and its random stream continues; that changes the number of I/O leaves by at most
 * the 90 first-time misses of a run, about 2% of the memoization run's 4,819.
 */
public final class AsyncTreeState {
	/** Flag bit of {@link #leaf()}'s result: the leaf must await one mock I/O call. */
	private static final long SUSPEND = 1L << 62;

	private final AsyncTreeWorkload workload;
	private final Mt19937 random = new Mt19937(AsyncTreeWorkload.RANDOM_SEED);
	private final boolean[] cache = new boolean[101];
	private int calls;
	private int ioCalls;
	private int cacheHits;
	private int cpuLeaves;

	public AsyncTreeState(AsyncTreeWorkload workload) {
		this.workload = Objects.requireNonNull(workload, "workload");
	}

	public AsyncTreeWorkload workload() {
		return workload;
	}

	/** Back to the state right after {@code random.seed(0)} with an empty cache and zero counters. */
	public void reset() {
		random.seed(AsyncTreeWorkload.RANDOM_SEED);
		Arrays.fill(cache, false);
		calls = 0;
		ioCalls = 0;
		cacheHits = 0;
		cpuLeaves = 0;
	}

	/** Counts one call of the recursive function (an inner node or a leaf). */
	public void enterNode() {
		calls++;
	}

	/**
	 * Runs the synchronous part of a leaf. Returns the leaf's value, with the suspend flag set when
	 * the leaf must then await one mock I/O call before it delivers that value
	 * (see {@link #suspends(long)} and {@link #value(long)}). Values are this port's checksum: 1 for
	 * {@code none} and {@code io}, the drawn number for memoization, the bit length of
	 * {@code factorial(500)} for a CPU leaf; a node's value is the sum of its children's.
	 */
	public long leaf() {
		switch (workload) {
			case NONE:
				return 1;
			case IO:
				ioCalls++;
				return SUSPEND | 1;
			case MEMOIZATION:
				return memoized();
			case CPU_IO_MIXED:
				if (random.random() < AsyncTreeWorkload.CPU_PROBABILITY) {
					cpuLeaves++;
					return Factorial.of(AsyncTreeWorkload.FACTORIAL_N).bitLength();
				}
				return memoized();
			default:
				throw new AssertionError(workload);
		}
	}

	private long memoized() {
		int data = random.randint(1, 100);
		if (data <= AsyncTreeWorkload.MEMOIZABLE_PERCENTAGE) {
			if (cache[data]) {
				cacheHits++;
				return data;
			}
			cache[data] = true;
		}
		ioCalls++;
		return SUSPEND | data;
	}

	public static boolean suspends(long leaf) {
		return (leaf & SUSPEND) != 0;
	}

	public static long value(long leaf) {
		return leaf & ~SUSPEND;
	}

	public int calls() {
		return calls;
	}

	public int ioCalls() {
		return ioCalls;
	}

	public int cacheHits() {
		return cacheHits;
	}

	public int cpuLeaves() {
		return cpuLeaves;
	}
}
